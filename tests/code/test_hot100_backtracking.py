"""Hot 100 · 回溯:官方样例 + hypothesis 对照 itertools 枚举与逐项检查。"""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_backtracking import (
    PHONE,
    lc17_letter_combinations,
    lc22_generate_parenthesis,
    lc39_combination_sum,
    lc46_permute,
    lc51_solve_n_queens,
    lc78_subsets,
    lc79_exist,
    lc131_partition,
)

FAST = settings(max_examples=30)


@FAST
@given(st.lists(st.integers(0, 9), max_size=5, unique=True))
def test_lc46_permute_matches_itertools(nums):
    assert lc46_permute(nums) == [list(p) for p in itertools.permutations(nums)]


@FAST
@given(st.lists(st.integers(-9, 9), max_size=6, unique=True))
def test_lc78_subsets_matches_combinations(nums):
    expected = sorted(sorted(c) for r in range(len(nums) + 1) for c in itertools.combinations(nums, r))
    got = lc78_subsets(nums)
    assert len(got) == 2 ** len(nums)
    assert sorted(sorted(s) for s in got) == expected


@FAST
@given(st.text(alphabet="23479", max_size=4))
def test_lc17_letter_combinations_matches_product(digits):
    expected = ["".join(p) for p in itertools.product(*(PHONE[d] for d in digits))] if digits else []
    assert lc17_letter_combinations(digits) == expected


@FAST
@given(st.lists(st.integers(2, 9), min_size=1, max_size=4, unique=True), st.integers(1, 14))
def test_lc39_combination_sum_matches_bounded_enumeration(candidates, target):
    expected = set()
    for counts in itertools.product(*(range(target // c + 1) for c in candidates)):
        if sum(c * k for c, k in zip(candidates, counts)) == target:
            expected.add(tuple(sorted(x for c, k in zip(candidates, counts) for x in [c] * k)))
    got = lc39_combination_sum(candidates, target)
    assert len(got) == len(expected)  # 没有重复的组合
    assert {tuple(sorted(c)) for c in got} == expected


def test_lc22_generate_parenthesis_matches_filtered_product():
    def balanced(s):
        depth = 0
        for ch in s:
            depth += 1 if ch == "(" else -1
            if depth < 0:
                return False
        return depth == 0

    for n in range(1, 7):
        expected = sorted(s for s in ("".join(p) for p in itertools.product("()", repeat=2 * n)) if balanced(s))
        assert sorted(lc22_generate_parenthesis(n)) == expected
    assert [len(lc22_generate_parenthesis(n)) for n in range(1, 7)] == [1, 2, 5, 14, 42, 132]


@FAST
@given(st.integers(1, 3).flatmap(lambda w: st.lists(st.lists(st.sampled_from("ab"), min_size=w, max_size=w), min_size=1, max_size=3)), st.text(alphabet="ab", min_size=1, max_size=5))
def test_lc79_exist_matches_path_enumeration(board, word):
    cells = [(r, c) for r in range(len(board)) for c in range(len(board[0]))]
    expected = any(
        all(abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1 for a, b in zip(path, path[1:]))
        and "".join(board[r][c] for r, c in path) == word
        for path in itertools.permutations(cells, len(word))
    ) if len(word) <= len(cells) else False
    assert lc79_exist([row[:] for row in board], word) == expected


@FAST
@given(st.text(alphabet="ab", min_size=1, max_size=8))
def test_lc131_partition_matches_cut_enumeration(s):
    expected = []
    for cuts in itertools.product([False, True], repeat=len(s) - 1):
        parts, start = [], 0
        for i, cut in enumerate(cuts, start=1):
            if cut:
                parts.append(s[start:i])
                start = i
        parts.append(s[start:])
        if all(p == p[::-1] for p in parts):
            expected.append(parts)
    assert sorted(lc131_partition(s)) == sorted(expected)


def test_lc51_solve_n_queens_matches_permutation_filter():
    for n in range(1, 8):
        expected = [
            ["." * c + "Q" + "." * (n - c - 1) for c in perm]
            for perm in itertools.permutations(range(n))
            if len({r - c for r, c in enumerate(perm)}) == n and len({r + c for r, c in enumerate(perm)}) == n
        ]
        assert lc51_solve_n_queens(n) == expected
    assert [len(lc51_solve_n_queens(n)) for n in range(1, 9)] == [1, 0, 0, 2, 10, 4, 40, 92]


# ---------------------------------------------------------------- 题目样例


def test_lc46_permute_examples():
    assert lc46_permute([0, 1]) == [[0, 1], [1, 0]]
    assert lc46_permute([1]) == [[1]]


def test_lc78_subsets_examples():
    assert sorted(lc78_subsets([1, 2, 3])) == [[], [1], [1, 2], [1, 2, 3], [1, 3], [2], [2, 3], [3]]
    assert lc78_subsets([0]) == [[], [0]]


def test_lc17_letter_combinations_examples():
    assert lc17_letter_combinations("23") == ["ad", "ae", "af", "bd", "be", "bf", "cd", "ce", "cf"]
    assert lc17_letter_combinations("") == [] and lc17_letter_combinations("2") == ["a", "b", "c"]


def test_lc39_combination_sum_examples():
    assert lc39_combination_sum([2, 3, 6, 7], 7) == [[2, 2, 3], [7]]
    assert lc39_combination_sum([2, 3, 5], 8) == [[2, 2, 2, 2], [2, 3, 3], [3, 5]]
    assert lc39_combination_sum([2], 1) == []


def test_lc22_generate_parenthesis_examples():
    assert lc22_generate_parenthesis(3) == ["((()))", "(()())", "(())()", "()(())", "()()()"]
    assert lc22_generate_parenthesis(1) == ["()"]


def test_lc79_exist_examples():
    board = [["A", "B", "C", "E"], ["S", "F", "C", "S"], ["A", "D", "E", "E"]]
    assert [lc79_exist(board, w) for w in ("ABCCED", "SEE", "ABCB")] == [True, True, False]


def test_lc131_partition_examples():
    assert lc131_partition("aab") == [["a", "a", "b"], ["aa", "b"]]
    assert lc131_partition("a") == [["a"]]


def test_lc51_solve_n_queens_examples():
    assert lc51_solve_n_queens(4) == [[".Q..", "...Q", "Q...", "..Q."], ["..Q.", "Q...", "...Q", ".Q.."]]
    assert lc51_solve_n_queens(1) == [["Q"]]
