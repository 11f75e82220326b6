"""Tests for docs/code/src/beam_search.py against exhaustive search over a tiny vocabulary,
greedy decoding as beam width 1, length normalisation and EOS handling."""

import itertools
import math

import pytest
import torch

from beam_search import beam_search, greedy_decode

EOS, V = 0, 4  # tokens 0..3, token 0 is EOS
BOS = V  # BOS is not an output token


def make_step_fn(seed: int, calls: list | None = None, sharpness: float = 2.0):
    """Toy next-token distribution that depends on the last two tokens (so greedy != best)."""
    g = torch.Generator().manual_seed(seed)
    table = torch.log_softmax(sharpness * torch.randn(V + 1, V + 1, V, generator=g, dtype=torch.float64), -1)

    def step(prefixes: torch.Tensor) -> torch.Tensor:
        if calls is not None:
            calls.append(prefixes.clone())
        prev2 = prefixes[:, -2] if prefixes.size(1) >= 2 else torch.full((prefixes.size(0),), BOS)
        return table[prev2, prefixes[:, -1]]

    return step


def sequence_logprob(step, tokens: list[int]) -> float:
    total, prefix = 0.0, [BOS]
    for t in tokens:
        total += step(torch.tensor([prefix]))[0, t].item()
        prefix.append(t)
    return total


def exhaustive(step, max_len: int, length_penalty: float) -> list[tuple[float, list[int]]]:
    """All finished sequences (ending in EOS, or truncated at max_len), sorted by normalised score."""
    results = []
    for length in range(1, max_len + 1):
        for body in itertools.product(range(1, V), repeat=length - 1):
            seq = [*body, EOS]
            results.append((sequence_logprob(step, seq) / length**length_penalty, seq))
    for body in itertools.product(range(1, V), repeat=max_len):
        seq = list(body)
        results.append((sequence_logprob(step, seq) / max_len**length_penalty, seq))
    return sorted(results, key=lambda r: r[0], reverse=True)


@pytest.mark.parametrize("length_penalty", [0.0, 0.6, 1.0])
@pytest.mark.parametrize("seed", range(6))
def test_beam_search_wide_beam_equals_exhaustive(seed, length_penalty):
    step = make_step_fn(seed)
    max_len = 4
    # width 200 > number of candidates at every step (at most 27 prefixes x 4 tokens): nothing is pruned
    got = beam_search(step, BOS, EOS, beam_width=200, max_len=max_len, length_penalty=length_penalty, num_return=5)
    ref = exhaustive(step, max_len, length_penalty)[:5]
    assert [h.tokens for h in got] == [seq for _, seq in ref]
    for h, (score, seq) in zip(got, ref):
        assert h.score == pytest.approx(score, abs=1e-9)
        assert h.logprob == pytest.approx(sequence_logprob(step, seq), abs=1e-9)


@pytest.mark.parametrize("seed", range(20))
def test_beam_search_width_one_equals_greedy(seed):
    step = make_step_fn(seed)
    beam = beam_search(step, BOS, EOS, beam_width=1, max_len=6)[0]
    greedy = greedy_decode(step, BOS, EOS, max_len=6)
    assert beam.tokens == greedy.tokens
    assert beam.logprob == pytest.approx(greedy.logprob, abs=1e-12)


def test_beam_search_beats_greedy_on_some_toy_distributions():
    # not a theorem for small widths, but with width 3 it must win on at least one of these seeds
    wins = 0
    for seed in range(20):
        step = make_step_fn(seed)
        beam = beam_search(step, BOS, EOS, beam_width=3, max_len=5)[0]
        greedy = greedy_decode(step, BOS, EOS, max_len=5)
        wins += beam.logprob > greedy.logprob + 1e-9
    assert wins >= 1


def test_beam_search_length_penalty_changes_winner():
    # rows: next-token probabilities after BOS / token 1 / token 2 / token 3 (column 0 is EOS)
    table = torch.tensor(
        [
            [0.45, 0.55, 0.00, 0.00],  # after BOS: stop at once with 0.45
            [0.10, 0.00, 0.90, 0.00],  # after 1
            [0.40, 0.00, 0.00, 0.60],  # after 2
            [0.95, 0.05, 0.00, 0.00],  # after 3
        ],
        dtype=torch.float64,
    ).log()

    def step(prefixes):
        last = prefixes[:, -1].clone()
        last[last == BOS] = 0  # BOS uses row 0
        return table[last]

    raw = beam_search(step, BOS, EOS, beam_width=4, max_len=5, length_penalty=0.0)[0]
    avg = beam_search(step, BOS, EOS, beam_width=4, max_len=5, length_penalty=1.0)[0]
    # raw sum: [EOS] has p = 0.45 > [1, 2, 3, EOS] with p = 0.55·0.9·0.6·0.95 = 0.282
    assert raw.tokens == [0]
    assert raw.logprob == pytest.approx(math.log(0.45), abs=1e-12)
    # per-token average: log(0.282)/4 = -0.316 beats log(0.45)/1 = -0.799
    assert avg.tokens == [1, 2, 3, 0]
    assert avg.score == pytest.approx(math.log(0.55 * 0.9 * 0.6 * 0.95) / 4, abs=1e-12)
    assert raw.tokens == exhaustive(step, 5, 0.0)[0][1]
    assert avg.tokens == exhaustive(step, 5, 1.0)[0][1]


def test_beam_search_eos_handling():
    calls: list[torch.Tensor] = []
    step = make_step_fn(7, calls, sharpness=1.0)
    hyps = beam_search(step, BOS, EOS, beam_width=3, max_len=5, length_penalty=1.0, num_return=3)
    assert len(hyps) == 3
    assert [h.score for h in hyps] == sorted((h.score for h in hyps), reverse=True)
    for h in hyps:
        assert EOS not in h.tokens[:-1]  # nothing after EOS
        assert h.tokens[-1] == EOS or len(h.tokens) == 5  # finished or truncated at max_len
        assert h.score == pytest.approx(h.logprob / len(h.tokens))
    # finished hypotheses are never extended: no prefix passed to the model contains EOS
    assert all(not (c[:, 1:] == EOS).any() for c in calls)
    assert all(c[:, 0].eq(BOS).all() for c in calls)
    assert all(c.size(0) <= 3 for c in calls)  # never more than beam_width live prefixes


def test_beam_search_stops_when_everything_ends():
    # EOS is certain after the first token: the search must stop after step 2 even with max_len 10
    table = torch.tensor([[0.0, 0.6, 0.4, 0.0], [1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], [1.0, 0, 0, 0]]).log()
    calls: list[int] = []

    def step(prefixes):
        calls.append(prefixes.size(1))
        last = prefixes[:, -1].clone()
        last[last == BOS] = 0
        return table[last]

    hyps = beam_search(step, BOS, EOS, beam_width=2, max_len=10, num_return=2)
    assert [h.tokens for h in hyps] == [[1, 0], [2, 0]]
    assert [round(h.logprob, 6) for h in hyps] == [round(math.log(0.6), 6), round(math.log(0.4), 6)]
    assert calls == [1, 2]


@pytest.mark.parametrize(
    "kwargs", [{"beam_width": 0}, {"max_len": 0}, {"num_return": 3}, {"num_return": 0}]
)
def test_beam_search_rejects_bad_arguments(kwargs):
    args = {"beam_width": 2, "max_len": 3, "num_return": 1} | kwargs
    with pytest.raises(ValueError, match="^需要 beam_width ≥ 1、max_len ≥ 1、1 ≤ num_return ≤ beam_width$"):
        beam_search(make_step_fn(0), BOS, EOS, **args)


@pytest.mark.parametrize("seed", range(3))
def test_beam_search_max_len_one_is_allowed(seed):
    # max_len = 1: one step, every candidate is [EOS] or a single token truncated there
    step = make_step_fn(seed)
    got = beam_search(step, BOS, EOS, beam_width=3, max_len=1, num_return=3)
    ref = exhaustive(step, 1, 0.0)[:3]
    assert [h.tokens for h in got] == [seq for _, seq in ref]
    assert [h.logprob for h in got] == pytest.approx([score for score, _ in ref], abs=1e-12)


def test_beam_search_early_stop_on_a_tie_with_the_worst_finished():
    # Width 2, no length penalty. Step 1: [1] 1/2, [EOS] 1/8 (rank 1, kept), [2..5] 3/32 each.
    # Step 2: [1, EOS] = 1/2 * 3/4 = 3/8 finishes; the best live prefix [1, 2] = 1/2 * 1/4 = 1/8 ties the worst
    # finished [EOS] = 1/8 exactly (powers of two), so it cannot beat it: stop after two model calls.
    bos = 6  # vocabulary 0..5 here, so the module's BOS = 4 is a token
    rows = {bos: [1 / 8, 1 / 2, 3 / 32, 3 / 32, 3 / 32, 3 / 32], 1: [3 / 4, 0, 1 / 4, 0, 0, 0]}
    rows |= {t: [1 / 2, 0, 0, 0, 0, 1 / 2] for t in range(2, 6)}
    calls: list[int] = []

    def step(prefixes):
        calls.append(prefixes.size(1))
        return torch.tensor([rows[int(t)] for t in prefixes[:, -1]], dtype=torch.float64).log()

    hyps = beam_search(step, bos, EOS, beam_width=2, max_len=5, num_return=2)
    assert math.log(1 / 2) + math.log(1 / 4) == math.log(1 / 8)  # the tie is exact in float64
    assert calls == [1, 2]
    assert [h.tokens for h in hyps] == [[1, 0], [0]]
    assert [math.exp(h.logprob) for h in hyps] == pytest.approx([3 / 8, 1 / 8], abs=1e-12)


def test_beam_search_and_greedy_build_prefixes_on_the_given_device():
    # default device meta: with device="cpu" the prefixes (and the scores, which follow the step's output) must
    # still be CPU tensors with values; a tensor built without device= would be a meta tensor here
    rows = {BOS: [0.0, 0.55, 0.45, 0.0], 1: [0.4, 0.3, 0.3, 0.0], 2: [0.9, 0.05, 0.05, 0.0], 3: [1.0, 0.0, 0.0, 0.0]}
    seen: list[torch.device] = []

    def step(prefixes):
        seen.append(prefixes.device)
        return torch.tensor([rows[int(t)] for t in prefixes[:, -1]], dtype=torch.float64, device="cpu").log()

    with torch.device("meta"):
        best = beam_search(step, BOS, EOS, beam_width=2, max_len=3, device="cpu")[0]
        greedy = greedy_decode(step, BOS, EOS, max_len=3, device="cpu")
    assert set(seen) == {torch.device("cpu")}
    assert best.tokens == [2, 0] and best.logprob == pytest.approx(math.log(0.45 * 0.9), abs=1e-12)
    assert greedy.tokens == [1, 0] and greedy.logprob == pytest.approx(math.log(0.55 * 0.4), abs=1e-12)


def test_greedy_decode_score_is_the_unnormalised_logprob():
    # greedy has no length penalty: its score is the plain sum of log-probs, 0.55 * 0.4 = 0.22 here
    table = torch.tensor([[0.0, 0.55, 0.45], [0.4, 0.3, 0.3], [0.9, 0.05, 0.05]], dtype=torch.float64).log()
    g = greedy_decode(lambda prefixes: table[prefixes[:, -1]], bos_id=0, eos_id=0, max_len=3)
    assert g.tokens == [1, 0]
    assert g.score == pytest.approx(math.log(0.22), abs=1e-12)
    assert g.logprob == pytest.approx(math.log(0.22), abs=1e-12)


def test_beam_search_early_stop_without_length_penalty():
    # width 1: EOS is the best first token, the other branch can only get worse -> one model call
    calls: list[int] = []
    table = torch.tensor([[0.6, 0.4, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 1.0, 0.0]])

    def step(prefixes):
        calls.append(prefixes.size(1))
        last = prefixes[:, -1].clone()
        last[last == BOS] = 0
        return table[last].log()

    assert beam_search(step, BOS, EOS, beam_width=1, max_len=8)[0].tokens == [0]
    assert calls == [1]
    # with length normalisation the bound does not hold, so the search keeps going to max_len
    calls.clear()
    best = beam_search(step, BOS, EOS, beam_width=1, max_len=8, length_penalty=1.0)[0]
    assert calls == list(range(1, 9))
    assert best.tokens == [1, 2, 3, 2, 3, 2, 3, 2]  # truncated: log(0.4)/8 = -0.115 > log(0.6) = -0.511


def test_beam_search_ignores_eos_candidates_ranked_below_the_beam():
    # Width 2. Step 2 ranks the extensions [1,EOS] 0.33, [1,3] 0.22, [2,EOS] 0.2025, [2,1] 0.1575: the second
    # EOS is 3rd (rank >= beam_width), reached only because the first EOS took no beam slot. Hugging Face and
    # this code drop it; a search that kept it would return [2, EOS] (0.2025) as the runner-up instead of
    # [2, 1, EOS] (0.45 * 0.35 * 0.6 = 0.0945), which ranks first among the step-3 extensions.
    rows = {BOS: [0.0, 0.55, 0.45, 0.0], 1: [0.6, 0.0, 0.0, 0.4], 2: [0.45, 0.35, 0.2, 0.0],
            3: [0.1, 0.2, 0.3, 0.4]}

    def step(prefixes):
        return torch.tensor([rows[int(t)] for t in prefixes[:, -1]], dtype=torch.float64).log()

    hyps = beam_search(step, BOS, EOS, beam_width=2, max_len=3, num_return=2)
    assert [h.tokens for h in hyps] == [[1, 0], [2, 1, 0]]
    assert [round(math.exp(h.logprob), 6) for h in hyps] == [0.33, 0.0945]
