"""Tests for docs/code/src/sampling.py: greedy vs argmax, top-k / top-p kept sets vs brute force,
samples never leaving the allowed set, and empirical frequencies vs the renormalised distribution
(chi-square test at significance 0.001 with fixed seeds)."""

import numpy as np
import pytest
import torch
from scipy.stats import chi2

from sampling import (
    apply_repetition_penalty,
    apply_temperature,
    filtered_probs,
    greedy,
    sample,
    top_k_filter,
    top_p_filter,
)


def brute_force_top_p_set(probs: list[float], p: float) -> set[int]:
    """Smallest prefix of tokens sorted by probability whose total reaches p."""
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    kept, total = set(), 0.0
    for i in order:
        kept.add(i)
        total += probs[i]
        if total >= p:
            break
    return kept


def chi_square_stat(draws: torch.Tensor, probs: torch.Tensor) -> tuple[float, int]:
    """Pearson statistic over the tokens with positive probability; returns (stat, dof)."""
    n = draws.numel()
    counts = torch.bincount(draws.flatten(), minlength=probs.numel()).double()
    support = probs > 0
    assert counts[~support].sum() == 0, "sampled a token outside the allowed set"
    expected = n * probs[support].double()
    stat = ((counts[support] - expected) ** 2 / expected).sum().item()
    return stat, int(support.sum()) - 1


def test_greedy_equals_argmax():
    torch.manual_seed(0)
    logits = torch.randn(4, 5, 50)
    assert torch.equal(greedy(logits), logits.argmax(-1))
    assert torch.equal(sample(logits, temperature=0), logits.argmax(-1))
    assert torch.equal(sample(logits, top_k=1), logits.argmax(-1))  # top-1 sampling is greedy


def test_sample_tiny_temperature_or_tiny_p_is_greedy():
    torch.manual_seed(1)
    logits = torch.randn(200, 30)
    g = torch.Generator().manual_seed(0)
    assert torch.equal(sample(logits, temperature=1e-4, generator=g), logits.argmax(-1))
    assert torch.equal(sample(logits, top_p=1e-6, generator=g), logits.argmax(-1))


def test_top_k_filter_keeps_exactly_k_largest():
    torch.manual_seed(2)
    logits = torch.randn(6, 20)
    out = top_k_filter(logits, 5)
    kept = torch.isfinite(out)
    assert torch.equal(kept.sum(-1), torch.full((6,), 5))
    for row in range(6):
        expected = set(torch.topk(logits[row], 5).indices.tolist())
        assert set(kept[row].nonzero().flatten().tolist()) == expected
    torch.testing.assert_close(out[kept], logits[kept], rtol=0, atol=0)  # kept values unchanged
    assert torch.equal(top_k_filter(logits, 100), logits)  # k > V keeps everything


def test_top_p_filter_hand_example_includes_crossing_token():
    probs = torch.tensor([0.5, 0.3, 0.15, 0.05])
    logits = probs.log()
    kept = lambda p: set(torch.isfinite(top_p_filter(logits, p)).nonzero().flatten().tolist())  # noqa: E731
    assert kept(0.4) == {0}  # 0.5 already >= 0.4
    assert kept(0.7) == {0, 1}  # 0.5 < 0.7, 0.8 crosses: the crossing token is kept
    assert kept(0.85) == {0, 1, 2}
    assert kept(0.97) == {0, 1, 2, 3}
    assert kept(1.0) == {0, 1, 2, 3}


def test_top_p_filter_matches_brute_force_on_random_logits():
    rng = np.random.default_rng(3)
    checked = 0
    for _ in range(200):
        logits = torch.tensor(rng.normal(scale=2.0, size=12))
        p = float(rng.uniform(0.05, 0.99))
        probs = torch.softmax(logits, -1).tolist()
        sorted_cum = np.cumsum(sorted(probs, reverse=True))
        if np.min(np.abs(sorted_cum - p)) < 1e-9:  # skip ties exactly at the threshold
            continue
        out = top_p_filter(logits, p)
        got = set(torch.isfinite(out).nonzero().flatten().tolist())
        assert got == brute_force_top_p_set(probs, p)
        checked += 1
    assert checked >= 190


def test_top_p_filter_works_on_batches_in_original_order():
    logits = torch.tensor([[0.0, 3.0, 1.0], [2.0, 2.0, -5.0]])
    out = top_p_filter(logits, 0.6)
    assert torch.isfinite(out).tolist() == [[False, True, False], [True, True, False]]
    assert out[0, 1] == 3.0 and out[1, 0] == 2.0


@pytest.mark.parametrize(
    ("temperature", "top_k", "top_p"),
    [(1.0, 3, None), (0.7, None, 0.8), (1.5, 5, 0.9), (2.0, None, None)],
)
def test_sample_frequencies_match_renormalised_distribution(temperature, top_k, top_p):
    torch.manual_seed(4)
    logits = torch.randn(10) * 1.5
    probs = filtered_probs(logits, temperature, top_k, top_p)
    # independent reference: softmax of temperature-scaled logits restricted to the kept set, renormalised
    ref = torch.softmax(logits.double() / temperature, -1)
    allowed = torch.ones(10, dtype=torch.bool)
    if top_k is not None:
        allowed &= torch.zeros(10, dtype=torch.bool).index_fill(0, torch.topk(logits, top_k).indices, True)
    if top_p is not None:
        restricted = torch.where(allowed, ref, torch.zeros_like(ref))
        restricted = (restricted / restricted.sum()).tolist()
        nucleus = brute_force_top_p_set(restricted, top_p)
        allowed &= torch.tensor([i in nucleus for i in range(10)])
    ref = torch.where(allowed, ref, torch.zeros_like(ref))
    ref = ref / ref.sum()
    torch.testing.assert_close(probs.double(), ref, rtol=1e-5, atol=1e-6)

    g = torch.Generator().manual_seed(123)
    draws = sample(logits.expand(40_000, 10), temperature, top_k, top_p, generator=g)
    assert set(draws.unique().tolist()) <= set(allowed.nonzero().flatten().tolist())
    stat, dof = chi_square_stat(draws, ref)
    assert stat < chi2.ppf(0.999, dof)


def test_sample_frequencies_reject_wrong_distribution():
    # Non-vacuous check: the same chi-square test rejects the distribution without temperature.
    torch.manual_seed(4)
    logits = torch.randn(10) * 1.5
    g = torch.Generator().manual_seed(123)
    draws = sample(logits.expand(40_000, 10), temperature=2.0, generator=g)
    stat, dof = chi_square_stat(draws, torch.softmax(logits.double(), -1))
    assert stat > chi2.ppf(0.999, dof)


def test_sample_never_leaves_top_k_set_in_batches():
    torch.manual_seed(5)
    logits = torch.randn(64, 3, 100)
    allowed = torch.topk(logits, 7, dim=-1).indices  # (64, 3, 7)
    g = torch.Generator().manual_seed(0)
    for _ in range(20):
        ids = sample(logits, temperature=1.3, top_k=7, generator=g)
        assert ids.shape == (64, 3)
        assert (allowed == ids.unsqueeze(-1)).any(-1).all()


def test_temperature_sharpens_and_flattens():
    logits = torch.tensor([2.0, 1.0, 0.0])
    cold = torch.softmax(apply_temperature(logits, 0.5), -1)
    hot = torch.softmax(apply_temperature(logits, 2.0), -1)
    base = torch.softmax(logits, -1)
    assert cold[0] > base[0] > hot[0]
    torch.testing.assert_close(cold, torch.softmax(torch.tensor([4.0, 2.0, 0.0]), -1))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda x: apply_temperature(x, 0.0), "temperature 必须 > 0,收到 0.0"),
        (lambda x: top_k_filter(x, 0), "k 必须 ≥ 1,收到 0"),
        (lambda x: top_p_filter(x, 0.0), r"p 必须在 \(0, 1\] 内,收到 0.0"),
        (lambda x: top_p_filter(x, 1.5), r"p 必须在 \(0, 1\] 内,收到 1.5"),
        (lambda x: apply_repetition_penalty(x[None], torch.tensor([[0]]), 0.0), "penalty 必须 > 0,收到 0.0"),
    ],
)
def test_sampling_rejects_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call(torch.zeros(3))


def _repetition_penalty_by_loop(logits: torch.Tensor, prev_ids: torch.Tensor, penalty: float) -> torch.Tensor:
    """Reference: one row and one distinct previous token at a time."""
    out = logits.clone()
    for b in range(logits.shape[0]):
        for token in set(prev_ids[b].tolist()):
            value = logits[b, token]  # a 0-d float32 tensor, so the division is done in float32 too
            out[b, token] = value / penalty if value > 0 else value * penalty
    return out


def test_repetition_penalty_hand_example_divides_positive_multiplies_negative():
    logits = torch.tensor([[3.0, -2.0, 1.5, 0.0, -0.5]])
    prev = torch.tensor([[0, 1, 1, 3]])  # token 1 twice: penalised once; token 3 has logit 0
    got = apply_repetition_penalty(logits, prev, 1.5)
    torch.testing.assert_close(got, torch.tensor([[2.0, -3.0, 1.5, 0.0, -0.5]]), rtol=0, atol=0)
    torch.testing.assert_close(logits, torch.tensor([[3.0, -2.0, 1.5, 0.0, -0.5]]), rtol=0, atol=0)  # input kept


def test_repetition_penalty_matches_loop_reference_on_batches():
    g = torch.Generator().manual_seed(7)
    logits = torch.randn(4, 12, generator=g) * 3
    prev = torch.randint(0, 12, (4, 9), generator=g)
    for penalty in (0.8, 1.0, 1.3):
        got = apply_repetition_penalty(logits, prev, penalty)
        torch.testing.assert_close(got, _repetition_penalty_by_loop(logits, prev, penalty), rtol=0, atol=0)
    torch.testing.assert_close(apply_repetition_penalty(logits, prev, 1.0), logits, rtol=0, atol=0)


def test_repetition_penalty_lowers_probability_of_seen_tokens():
    logits = torch.tensor([[2.0, 1.0, -1.0, 0.5]])
    prev = torch.tensor([[0, 2]])
    before = torch.softmax(logits, -1)
    after = torch.softmax(apply_repetition_penalty(logits, prev, 2.0), -1)
    assert (after[0, [0, 2]] < before[0, [0, 2]]).all()
    assert (after[0, [1, 3]] > before[0, [1, 3]]).all()


def test_top_p_one_keeps_tokens_whose_mass_rounds_away():
    # float32 里 softmax([0, -30, -30])[0] 舍入成 1.0:走排序路径时后两个 token 的 exclusive cumsum = 1.0 >= p 会被删;
    # p = 1 必须原样保留全部 token
    logits = torch.tensor([0.0, -30.0, -30.0])
    assert torch.equal(top_p_filter(logits, 1.0), logits)


def test_top_p_cut_exactly_at_p_keeps_the_smallest_prefix():
    # 4 个相等 logit:概率都是精确的 0.25。p = 0.5:前两个的累计恰好等于 0.5,第三个不再需要
    assert int(torch.isfinite(top_p_filter(torch.zeros(4), 0.5)).sum()) == 2
    assert int(torch.isfinite(top_p_filter(torch.zeros(4), 0.75)).sum()) == 3


def test_sampling_default_temperature_is_one():
    logits = torch.tensor([2.0, 1.0, 0.5, -1.0])
    torch.testing.assert_close(filtered_probs(logits), torch.softmax(logits, -1), rtol=0, atol=0)
    batch = logits.expand(2000, 4)
    default = sample(batch, generator=torch.Generator().manual_seed(3))
    explicit = sample(batch, temperature=1.0, generator=torch.Generator().manual_seed(3))
    assert torch.equal(default, explicit)


def test_sample_draws_from_the_given_generator_only():
    # 同一个种子的 generator 给出同样的样本,与全局随机状态无关
    logits = torch.randn(10, generator=torch.Generator().manual_seed(8)).expand(1000, 10)
    torch.manual_seed(1)
    first = sample(logits, top_p=0.9, generator=torch.Generator().manual_seed(0))
    torch.manual_seed(2)
    second = sample(logits, top_p=0.9, generator=torch.Generator().manual_seed(0))
    assert torch.equal(first, second)
