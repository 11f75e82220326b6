"""Tests for docs/code/src/text_metrics.py: BLEU and ROUGE-L against values worked out by hand
(each expected value is written as the fraction a person would write, then compared at 1e-12),
and the LCS against a brute-force search over subsequences."""

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from text_metrics import (
    brevity_penalty,
    clipped_matches,
    closest_ref_length,
    corpus_bleu,
    lcs_length,
    ngram_counts,
    rouge_l,
    sentence_bleu,
)

REF = "the quick brown fox jumps over the lazy dog".split()  # 9 tokens
CAND = "the quick brown fox jumps over the dog".split()  # 8 tokens, drops "lazy"


def test_ngram_counts_counts_overlapping_grams():
    assert ngram_counts("a a a".split(), 2) == {("a", "a"): 2}
    assert ngram_counts("a b".split(), 3) == {}


def test_clipped_matches_caps_each_gram_by_its_reference_count():
    # "the" ×4 in the candidate, at most 2 in one reference -> 2 of 4, not 4 of 4 and not 1+2=3
    assert clipped_matches("the the the the".split(), ["the cat".split(), "a the the".split()], 1) == (2, 4)


def test_clipped_matches_worked_example_per_order():
    # bigrams: 7 in the candidate, only "the dog" is missing from the reference
    assert [clipped_matches(CAND, [REF], n) for n in (1, 2, 3, 4)] == [(8, 8), (6, 7), (5, 6), (4, 5)]


def test_closest_ref_length_breaks_ties_towards_the_shorter_reference():
    refs = ["a b c d".split(), "a b c d e f".split()]
    assert closest_ref_length(5, refs) == 4  # both at distance 1
    assert closest_ref_length(6, refs) == 6


def test_brevity_penalty_values():
    assert brevity_penalty(10, 9) == 1.0
    assert brevity_penalty(9, 9) == 1.0  # exp(1 - 1) = 1: equal length is not punished
    assert brevity_penalty(8, 9) == pytest.approx(math.exp(-1 / 8), abs=1e-15)
    assert brevity_penalty(0, 9) == 0.0


def test_sentence_bleu_worked_example():
    expected = math.exp(1 - 9 / 8) * (1 * 6 / 7 * 5 / 6 * 4 / 5) ** 0.25  # = 0.88250 · (4/7)^(1/4)
    assert sentence_bleu(CAND, [REF]) == pytest.approx(expected, abs=1e-12)
    assert round(sentence_bleu(CAND, [REF]), 4) == 0.7673


def test_sentence_bleu_is_one_for_an_exact_copy():
    assert sentence_bleu(REF, [REF]) == pytest.approx(1.0, abs=1e-12)


def test_sentence_bleu_is_zero_without_any_4gram_match():
    # 1-, 2- and 3-gram matches exist, but no 4-gram does: unsmoothed BLEU-4 is 0
    assert sentence_bleu("the cat sat on the mat".split(), ["the cat is on the mat".split()]) == 0.0
    assert sentence_bleu("the cat sat on the mat".split(), ["the cat is on the mat".split()], max_n=2) == pytest.approx(
        (5 / 6 * 3 / 5) ** 0.5, abs=1e-12
    )


def test_sentence_bleu_uses_the_closest_reference_for_the_penalty():
    # references of length 9 and 7; the candidate has 8 tokens -> ties at distance 1, shorter (7) wins, BP = 1
    short_ref = "the quick brown fox jumps over dogs".split()
    assert sentence_bleu(CAND, [REF, short_ref]) == pytest.approx((1 * 6 / 7 * 5 / 6 * 4 / 5) ** 0.25, abs=1e-12)


def test_corpus_bleu_pools_counts_instead_of_averaging_sentences():
    cands = [CAND, "a b c d e".split()]
    refs = [[REF], ["a b c d e".split()]]
    pooled = math.exp(1 - 14 / 13) * (13 / 13 * 10 / 11 * 8 / 9 * 6 / 7) ** 0.25
    assert corpus_bleu(cands, refs) == pytest.approx(pooled, abs=1e-12)
    mean_of_sentences = (sentence_bleu(CAND, [REF]) + 1.0) / 2
    assert abs(corpus_bleu(cands, refs) - mean_of_sentences) > 0.03  # 0.8447 vs 0.8836


def test_lcs_length_known_values():
    assert lcs_length("a b c d e".split(), "a c e b".split()) == 3
    assert lcs_length([], "a b".split()) == 0
    assert lcs_length("x y".split(), "a b".split()) == 0


def brute_lcs(a, b):
    """Longest subsequence of the shorter list that is also a subsequence of the longer one."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)

    def is_subsequence(sub, seq):
        it = iter(seq)
        return all(tok in it for tok in sub)

    for k in range(len(short), 0, -1):
        if any(is_subsequence(c, long_) for c in itertools.combinations(short, k)):
            return k
    return 0


@given(st.lists(st.sampled_from("abc"), max_size=7), st.lists(st.sampled_from("abc"), max_size=7))
def test_lcs_length_matches_brute_force(a, b):
    assert lcs_length(a, b) == brute_lcs(a, b)


def test_rouge_l_worked_example():
    # candidate inserts "found"; LCS = the whole reference (6 tokens)
    p, r, f = rouge_l("the cat was found under the bed".split(), "the cat was under the bed".split())
    assert (p, r) == (6 / 7, 6 / 6)
    assert f == pytest.approx(2 * (6 / 7) * 1 / (6 / 7 + 1), abs=1e-12)  # 12/13 = 0.9231


def test_rouge_l_reordering_keeps_only_the_longest_in_order_part():
    # "under the bed the cat was found" vs "the cat was under the bed": LCS is "the cat was" or "under the bed", 3
    p, r, f = rouge_l("under the bed the cat was found".split(), "the cat was under the bed".split())
    assert (p, r) == (3 / 7, 3 / 6)
    assert f == pytest.approx(2 * (3 / 7) * (3 / 6) / (3 / 7 + 3 / 6), abs=1e-12)  # 6/13


def test_rouge_l_large_beta_weights_recall():
    p, r, f = rouge_l("the cat was found under the bed".split(), "the cat was under the bed".split(), beta=3.0)
    assert f == pytest.approx(10 * p * r / (r + 9 * p), abs=1e-12)
    assert f > rouge_l("the cat was found under the bed".split(), "the cat was under the bed".split())[2]


def test_rouge_l_no_overlap_is_zero():
    assert rouge_l("x y".split(), "a b".split()) == (0.0, 0.0, 0.0)


def test_clipped_matches_candidate_shorter_than_n_has_no_grams():
    # 两个词没有 3-gram:分母是 0(不是 1),否则短句会把语料 BLEU 的 p_3 拉低
    assert clipped_matches("a b".split(), ["a b c".split()], 3) == (0, 0)


def test_corpus_bleu_rejects_unequal_numbers_of_candidates_and_references():
    with pytest.raises(ValueError):
        corpus_bleu([CAND, CAND], [[REF]])
