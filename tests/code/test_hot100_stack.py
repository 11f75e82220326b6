"""Hot 100 · 栈:官方样例 + hypothesis 对照暴力解与按定义的实现。"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_stack import (
    Lc155MinStack,
    lc20_is_valid,
    lc84_largest_rectangle_area,
    lc394_decode_string,
    lc739_daily_temperatures,
)

FAST = settings(max_examples=50)


@FAST
@given(st.text(alphabet="()[]{}", max_size=12))
def test_lc20_is_valid_matches_repeated_pair_removal(s):
    reduced = s
    while True:  # 参考:反复删掉相邻的 "()"、"[]"、"{}",合法串最后为空
        shorter = reduced.replace("()", "").replace("[]", "").replace("{}", "")
        if shorter == reduced:
            break
        reduced = shorter
    assert lc20_is_valid(s) == (reduced == "")


@FAST
@given(st.lists(st.one_of(st.tuples(st.just("push"), st.integers(-9, 9)), st.just(("pop",)), st.just(("getMin",)), st.just(("top",))), max_size=30))
def test_lc155_min_stack_matches_list_min(ops):
    stack, ref = Lc155MinStack(), []
    for op in ops:
        if op[0] == "push":
            stack.push(op[1])
            ref.append(op[1])
        elif not ref:
            continue  # 力扣保证空栈上不会调用 pop / top / getMin
        elif op[0] == "pop":
            stack.pop()
            ref.pop()
        elif op[0] == "top":
            assert stack.top() == ref[-1]
        else:
            assert stack.getMin() == min(ref)


def _encoded(depth: int):
    leaf = st.text(alphabet="ab", min_size=1, max_size=3)
    if depth == 0:
        return leaf
    inner = st.lists(_encoded(depth - 1), min_size=1, max_size=3).map("".join)
    return st.one_of(leaf, st.tuples(st.integers(1, 12), inner).map(lambda t: f"{t[0]}[{t[1]}]"))


@FAST
@given(st.lists(_encoded(3), max_size=3).map("".join))
def test_lc394_decode_string_matches_regex_expansion(s):
    expected = s
    pattern = re.compile(r"(\d+)\[([a-z]*)\]")  # 参考:反复展开最内层的 k[...]
    while pattern.search(expected):
        expected = pattern.sub(lambda m: m.group(2) * int(m.group(1)), expected)
    assert lc394_decode_string(s) == expected
    assert lc394_decode_string("10[a]") == "a" * 10


@FAST
@given(st.lists(st.integers(30, 40), max_size=20))
def test_lc739_daily_temperatures_matches_brute_force(temps):
    expected = [next((j - i for j in range(i + 1, len(temps)) if temps[j] > temps[i]), 0) for i in range(len(temps))]
    assert lc739_daily_temperatures(temps) == expected


@FAST
@given(st.lists(st.integers(0, 8), min_size=1, max_size=15))
def test_lc84_largest_rectangle_area_matches_all_ranges(heights):
    expected = max(min(heights[i:j]) * (j - i) for i in range(len(heights)) for j in range(i + 1, len(heights) + 1))
    assert lc84_largest_rectangle_area(heights) == expected


# ---------------------------------------------------------------- 题目样例


def test_lc20_is_valid_examples():
    assert [lc20_is_valid(s) for s in ("()", "()[]{}", "(]", "([])", "([)]")] == [True, True, False, True, False]


def test_lc155_min_stack_examples():
    from hot100_structures import play

    ops = ["MinStack", "push", "push", "push", "getMin", "pop", "top", "getMin"]
    args = [[], [-2], [0], [-3], [], [], [], []]
    assert play(Lc155MinStack, ops, args) == [None, None, None, None, -3, None, 0, -2]


def test_lc394_decode_string_examples():
    assert lc394_decode_string("3[a]2[bc]") == "aaabcbc"
    assert lc394_decode_string("3[a2[c]]") == "accaccacc"
    assert lc394_decode_string("2[abc]3[cd]ef") == "abcabccdcdcdef"
    assert lc394_decode_string("abc3[cd]xyz") == "abccdcdcdxyz"


def test_lc739_daily_temperatures_examples():
    assert lc739_daily_temperatures([73, 74, 75, 71, 69, 72, 76, 73]) == [1, 1, 4, 2, 1, 1, 0, 0]
    assert lc739_daily_temperatures([30, 40, 50, 60]) == [1, 1, 1, 0]
    assert lc739_daily_temperatures([30, 60, 90]) == [1, 1, 0]


def test_lc84_largest_rectangle_area_examples():
    assert lc84_largest_rectangle_area([2, 1, 5, 6, 2, 3]) == 10
    assert lc84_largest_rectangle_area([2, 4]) == 4
