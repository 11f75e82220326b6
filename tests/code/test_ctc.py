"""Tests for docs/code/src/ctc.py: the loss against torch.nn.CTCLoss (reduction='none', float64, random
cases with repeated labels, empty targets and infeasible lengths), against a brute-force sum over every
path, and the path count against enumeration. Tolerance 1e-10 (both sides are float64)."""

import itertools
import math

import numpy as np
import pytest
import torch

from ctc import collapse, count_alignments, ctc_loss, extend_with_blanks, greedy_decode


def test_collapse_merges_repeats_before_dropping_blanks():
    assert collapse([1, 1, 2]) == [1, 2]
    assert collapse([1, 0, 1]) == [1, 1]  # a blank keeps two equal labels apart
    assert collapse([0, 0, 0]) == []
    assert collapse([2, 2, 1], blank=2) == [1]


def test_greedy_decode_takes_the_best_path_not_the_best_labelling():
    # per frame: p(blank), p(a). Best path "_ _" has 0.6·0.6 = 0.36, so greedy says "".
    # But p("a") = 1 - p("_ _") = 0.64 > 0.36: the most likely labelling is [1].
    lp = np.log(np.array([[0.6, 0.4], [0.6, 0.4]]))
    assert greedy_decode(lp) == []
    assert math.exp(-ctc_loss(lp, [1])) == pytest.approx(0.64, abs=1e-12)
    assert math.exp(-ctc_loss(lp, [])) == pytest.approx(0.36, abs=1e-12)


def test_extend_with_blanks_interleaves():
    assert extend_with_blanks([]) == [0]
    assert extend_with_blanks([2, 5], blank=1) == [1, 2, 1, 5, 1]


def torch_ctc(log_probs: np.ndarray, target: list[int], blank: int = 0) -> float:
    lp = torch.from_numpy(log_probs)[:, None, :]  # (T, N=1, C)
    loss = torch.nn.CTCLoss(blank=blank, reduction="none")(
        lp,
        torch.tensor([target], dtype=torch.long) if target else torch.zeros(1, 0, dtype=torch.long),
        torch.tensor([log_probs.shape[0]]),
        torch.tensor([len(target)]),
    )
    return float(loss[0])


def random_case(rng: np.random.Generator, num_frames: int, num_classes: int, target_len: int, repeats: bool):
    logits = rng.normal(size=(num_frames, num_classes)) * 2.0
    log_probs = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    labels = rng.integers(1, num_classes, size=target_len).tolist()
    if repeats and target_len >= 2:
        labels[1] = labels[0]  # force an adjacent repeat
    return log_probs, labels


@pytest.mark.parametrize("seed", range(12))
def test_ctc_loss_matches_torch(seed):
    rng = np.random.default_rng(seed)
    num_frames = int(rng.integers(4, 30))
    num_classes = int(rng.integers(2, 7))
    target_len = int(rng.integers(0, num_frames // 2 + 1))
    log_probs, target = random_case(rng, num_frames, num_classes, target_len, repeats=seed % 2 == 0)
    assert ctc_loss(log_probs, target) == pytest.approx(torch_ctc(log_probs, target), rel=1e-10, abs=1e-10)


def test_ctc_loss_matches_torch_with_a_nonzero_blank_index():
    rng = np.random.default_rng(7)
    log_probs, _ = random_case(rng, 9, 5, 0, repeats=False)
    target = [0, 0, 3, 1]  # blank is 4 here, so 0 is an ordinary label
    assert ctc_loss(log_probs, target, blank=4) == pytest.approx(torch_ctc(log_probs, target, blank=4), rel=1e-10)


def test_ctc_loss_is_inf_when_no_alignment_exists():
    rng = np.random.default_rng(3)
    log_probs, _ = random_case(rng, 2, 3, 0, repeats=False)
    # [1, 1] needs three frames ("a _ a"); with two frames there is no path, torch agrees
    assert ctc_loss(log_probs, [1, 1]) == math.inf
    assert torch_ctc(log_probs, [1, 1]) == math.inf
    assert math.isfinite(ctc_loss(log_probs, [1, 2]))  # "a b" fits in two frames


def brute_force_likelihood(log_probs: np.ndarray, target: list[int]) -> float:
    num_frames, num_classes = log_probs.shape
    total = 0.0
    for path in itertools.product(range(num_classes), repeat=num_frames):
        if collapse(path) == target:
            total += math.exp(sum(log_probs[t, k] for t, k in enumerate(path)))
    return total


@pytest.mark.parametrize("target", [[], [1], [1, 2], [1, 1], [2, 1, 2]])
def test_ctc_loss_matches_brute_force_sum_over_paths(target):
    rng = np.random.default_rng(len(target))
    log_probs, _ = random_case(rng, 5, 3, 0, repeats=False)
    assert math.exp(-ctc_loss(log_probs, target)) == pytest.approx(brute_force_likelihood(log_probs, target), rel=1e-10)


@pytest.mark.parametrize("num_frames", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("target", [[], [1], [1, 2], [1, 1], [1, 2, 1], [2, 2, 2]])
def test_count_alignments_matches_enumeration(num_frames, target):
    expected = sum(collapse(p) == target for p in itertools.product(range(3), repeat=num_frames))
    assert count_alignments(num_frames, target) == expected


def test_count_alignments_without_repeats_is_a_binomial():
    # no adjacent repeats: C(T + S, 2S) paths
    assert count_alignments(3, [1, 2]) == 5
    assert count_alignments(10, [1, 2, 3]) == math.comb(13, 6) == 1716
    assert count_alignments(10, [1, 1, 1]) == 462  # repeats force blanks in between: fewer than 1716


def test_greedy_decode_uses_the_given_blank_index():
    # argmax per frame: 0, 0, 2, 0, 1. With blank = 2: collapse -> [0, 0, 1]; with blank = 0 it would be [2, 1]
    probs = np.array([[0.7, 0.2, 0.1], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [0.5, 0.4, 0.1], [0.2, 0.7, 0.1]])
    assert greedy_decode(np.log(probs), blank=2) == [0, 0, 1]
    assert greedy_decode(np.log(probs)) == [2, 1]
