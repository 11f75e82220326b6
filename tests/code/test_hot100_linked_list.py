"""Hot 100 · 链表:官方样例 + hypothesis 对照"转成 Python 列表再做"的参考实现。"""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_linked_list import (
    RandomNode,
    lc2_add_two_numbers,
    lc19_remove_nth_from_end,
    lc21_merge_two_lists,
    lc23_merge_k_lists,
    lc24_swap_pairs,
    lc25_reverse_k_group,
    lc138_copy_random_list,
    lc141_has_cycle,
    lc142_detect_cycle,
    lc148_sort_list,
    lc160_get_intersection_node,
    lc206_reverse_list,
    lc234_is_palindrome,
)
from hot100_lru import Lc146LRUCacheLinked, Lc146LRUCacheOrdered
from hot100_structures import ListNode, play

FAST = settings(max_examples=50)
values = st.lists(st.integers(-9, 9), max_size=15)
L = ListNode.from_list
T = ListNode.to_list


def nodes_of(head):
    out = []
    while head is not None:
        out.append(head)
        head = head.next
    return out


@FAST
@given(values, values, values)
def test_lc160_get_intersection_node_finds_shared_tail(a, b, common):
    shared = L(common)
    heads = []
    for prefix in (a, b):
        head = L(prefix)
        if head is None:
            heads.append(shared)
        else:
            nodes_of(head)[-1].next = shared
            heads.append(head)
    assert lc160_get_intersection_node(*heads) is shared
    assert lc160_get_intersection_node(L(a), L(b)) is None or not a or not b  # 各自新建,不相交
    assert lc160_get_intersection_node(L([1, 2]), L([1, 2])) is None


@FAST
@given(values)
def test_lc206_reverse_list_matches_reversed(vals):
    assert T(lc206_reverse_list(L(vals))) == vals[::-1]


@FAST
@given(st.lists(st.integers(0, 2), max_size=12))
def test_lc234_is_palindrome_matches_slice_and_restores_list(vals):
    head = L(vals)
    assert lc234_is_palindrome(head) == (vals == vals[::-1])
    assert T(head) == vals  # 输入链表被恢复
    assert lc234_is_palindrome(L([1, 2, 1])) is True


def cyclic_list(vals, pos):
    """力扣的写法:pos 是尾结点连向的下标,-1 表示无环。返回 (头结点, 入环结点或 None)。"""
    head = L(vals)
    nodes = nodes_of(head)
    if pos < 0:
        return head, None
    nodes[-1].next = nodes[pos]
    return head, nodes[pos]


cyclic_cases = st.lists(st.integers(0, 9), min_size=1, max_size=15).flatmap(
    lambda vals: st.tuples(st.just(vals), st.integers(-1, len(vals) - 1))
)


@FAST
@given(cyclic_cases)
def test_lc141_has_cycle_matches_construction(case):
    head, entry = cyclic_list(*case)
    assert lc141_has_cycle(head) == (entry is not None)
    assert lc141_has_cycle(None) is False


@FAST
@given(cyclic_cases)
def test_lc142_detect_cycle_returns_entry_node(case):
    head, entry = cyclic_list(*case)
    assert lc142_detect_cycle(head) is entry


@FAST
@given(values, values)
def test_lc21_merge_two_lists_matches_sorted(a, b):
    a, b = sorted(a), sorted(b)
    assert T(lc21_merge_two_lists(L(a), L(b))) == sorted(a + b)


@FAST
@given(st.integers(0, 10**8), st.integers(0, 10**8))
def test_lc2_add_two_numbers_matches_int_arithmetic(x, y):
    def digits(v):  # 力扣的格式:逆序存放,没有前导零
        return [int(ch) for ch in reversed(str(v))]

    assert T(lc2_add_two_numbers(L(digits(x)), L(digits(y)))) == digits(x + y)


@FAST
@given(st.lists(st.integers(0, 9), min_size=1, max_size=12), st.data())
def test_lc19_remove_nth_from_end_matches_list_delete(vals, data):
    n = data.draw(st.integers(1, len(vals)))
    expected = vals[: len(vals) - n] + vals[len(vals) - n + 1 :]
    assert T(lc19_remove_nth_from_end(L(vals), n)) == expected


@FAST
@given(values)
def test_lc24_swap_pairs_matches_slicing(vals):
    expected = []
    for i in range(0, len(vals), 2):
        expected += vals[i : i + 2][::-1]
    assert T(lc24_swap_pairs(L(vals))) == expected


@FAST
@given(values, st.integers(1, 5))
def test_lc25_reverse_k_group_matches_slicing(vals, k):
    full = len(vals) - len(vals) % k
    expected = [x for i in range(0, full, k) for x in vals[i : i + k][::-1]] + vals[full:]
    assert T(lc25_reverse_k_group(L(vals), k)) == expected


@FAST
@given(st.lists(st.integers(0, 9), max_size=10), st.randoms(use_true_random=False))
def test_lc138_copy_random_list_is_deep_and_equal(vals, rnd):
    nodes = [RandomNode(v) for v in vals]
    for x, y in zip(nodes, nodes[1:]):
        x.next = y
    targets = [rnd.choice(nodes + [None]) if nodes else None for _ in nodes]
    for node, target in zip(nodes, targets):
        node.random = target
    copy = lc138_copy_random_list(nodes[0] if nodes else None)
    copies = []
    while copy is not None:
        copies.append(copy)
        copy = copy.next
    assert [c.val for c in copies] == vals
    assert not {id(c) for c in copies} & {id(n) for n in nodes}  # 全是新结点
    index = {id(c): i for i, c in enumerate(copies)}
    assert [None if c.random is None else index[id(c.random)] for c in copies] == [
        None if t is None else nodes.index(t) for t in targets
    ]


@FAST
@given(st.lists(st.integers(-20, 20), max_size=20))
def test_lc148_sort_list_matches_sorted(vals):
    assert T(lc148_sort_list(L(vals))) == sorted(vals)


@FAST
@given(st.lists(st.lists(st.integers(-9, 9), max_size=6), max_size=5))
def test_lc23_merge_k_lists_matches_sorted(lists):
    lists = [sorted(x) for x in lists]
    assert T(lc23_merge_k_lists([L(x) for x in lists])) == sorted(v for x in lists for v in x)


def _lru_reference(capacity, ops):
    """参考:列表按使用顺序存 (key, value),O(n) 的朴素 LRU。"""
    order, out = [], []
    for op, key, value in ops:
        hit = next((i for i, (k, _) in enumerate(order) if k == key), None)
        if op == "get":
            if hit is None:
                out.append(-1)
            else:
                order.append(order.pop(hit))
                out.append(order[-1][1])
        else:
            if hit is not None:
                order.pop(hit)
            order.append((key, value))
            if len(order) > capacity:
                order.pop(0)
            out.append(None)
    return out


@FAST
@given(st.integers(1, 4), st.lists(st.tuples(st.sampled_from(["get", "put"]), st.integers(0, 5), st.integers(0, 99)), max_size=30))
def test_lc146_lru_cache_both_versions_match_reference(capacity, ops):
    expected = _lru_reference(capacity, ops)
    for cls in (Lc146LRUCacheOrdered, Lc146LRUCacheLinked):
        names = ["LRUCache"] + [op for op, _, _ in ops]
        args = [[capacity]] + [[k] if op == "get" else [k, v] for op, k, v in ops]
        assert play(cls, names, args)[1:] == expected


def test_lc146_lru_cache_update_refreshes_recency():
    for cls in (Lc146LRUCacheOrdered, Lc146LRUCacheLinked):
        cache = cls(2)
        cache.put(1, 1)
        cache.put(2, 2)
        cache.put(1, 10)  # 更新 1,使 2 成为最旧
        cache.put(3, 3)
        assert (cache.get(1), cache.get(2), cache.get(3)) == (10, -1, 3)


def test_lc148_sort_list_handles_long_list_without_deep_recursion():
    vals = [random.Random(0).randint(0, 1000) for _ in range(3000)]
    assert T(lc148_sort_list(L(vals))) == sorted(vals)


# ---------------------------------------------------------------- 题目样例


def test_lc160_get_intersection_node_examples():
    common = L([8, 4, 5])
    a, b = L([4, 1]), L([5, 6, 1])
    nodes_of(a)[-1].next = common
    nodes_of(b)[-1].next = common
    assert lc160_get_intersection_node(a, b) is common
    assert lc160_get_intersection_node(L([2, 6, 4]), L([1, 5])) is None


def test_lc206_reverse_list_examples():
    assert T(lc206_reverse_list(L([1, 2, 3, 4, 5]))) == [5, 4, 3, 2, 1]
    assert T(lc206_reverse_list(L([1, 2]))) == [2, 1]
    assert lc206_reverse_list(None) is None


def test_lc234_is_palindrome_examples():
    assert lc234_is_palindrome(L([1, 2, 2, 1])) is True
    assert lc234_is_palindrome(L([1, 2])) is False


def test_lc141_has_cycle_examples():
    assert lc141_has_cycle(cyclic_list([3, 2, 0, -4], 1)[0]) is True
    assert lc141_has_cycle(cyclic_list([1, 2], 0)[0]) is True
    assert lc141_has_cycle(cyclic_list([1], -1)[0]) is False
    assert lc141_has_cycle(L([1, 2])) is False  # 两个结点、无环:快指针一步就走到 None


def test_lc142_detect_cycle_examples():
    head, entry = cyclic_list([3, 2, 0, -4], 1)
    assert lc142_detect_cycle(head) is entry and entry.val == 2
    assert lc142_detect_cycle(L([1])) is None
    assert lc142_detect_cycle(L([1, 2])) is None


def test_lc21_merge_two_lists_examples():
    assert T(lc21_merge_two_lists(L([1, 2, 4]), L([1, 3, 4]))) == [1, 1, 2, 3, 4, 4]
    assert T(lc21_merge_two_lists(None, L([0]))) == [0]


def test_lc21_merge_two_lists_is_stable():
    # 值相等时先接 a 的结点:合并排序(LC 148)因此是稳定的。按结点身份检查,不只比值
    a, b = L([1, 2, 2]), L([1, 2, 3])
    (a1, a2, a3), (b1, b2, b3) = nodes_of(a), nodes_of(b)
    assert nodes_of(lc21_merge_two_lists(a, b)) == [a1, b1, a2, a3, b2, b3]


def test_lc2_add_two_numbers_examples():
    assert T(lc2_add_two_numbers(L([2, 4, 3]), L([5, 6, 4]))) == [7, 0, 8]
    assert T(lc2_add_two_numbers(L([9] * 7), L([9] * 4))) == [8, 9, 9, 9, 0, 0, 0, 1]


def test_lc19_remove_nth_from_end_examples():
    assert T(lc19_remove_nth_from_end(L([1, 2, 3, 4, 5]), 2)) == [1, 2, 3, 5]
    assert T(lc19_remove_nth_from_end(L([1]), 1)) == []
    assert T(lc19_remove_nth_from_end(L([1, 2]), 1)) == [1]


def test_lc24_swap_pairs_examples():
    assert T(lc24_swap_pairs(L([1, 2, 3, 4]))) == [2, 1, 4, 3]
    assert T(lc24_swap_pairs(L([1]))) == [1]


def test_lc25_reverse_k_group_examples():
    assert T(lc25_reverse_k_group(L([1, 2, 3, 4, 5]), 2)) == [2, 1, 4, 3, 5]
    assert T(lc25_reverse_k_group(L([1, 2, 3, 4, 5]), 3)) == [3, 2, 1, 4, 5]


def test_lc138_copy_random_list_examples():
    # [[7,null],[13,0],[11,4],[10,2],[1,0]]:每项是 [值, random 指向的下标]
    spec = [(7, None), (13, 0), (11, 4), (10, 2), (1, 0)]
    nodes = [RandomNode(v) for v, _ in spec]
    for x, y in zip(nodes, nodes[1:]):
        x.next = y
    for node, (_, r) in zip(nodes, spec):
        node.random = None if r is None else nodes[r]
    copy, out = lc138_copy_random_list(nodes[0]), []
    copies = []
    while copy is not None:
        copies.append(copy)
        copy = copy.next
    for c in copies:
        out.append((c.val, None if c.random is None else copies.index(c.random)))
    assert out == spec


def test_lc148_sort_list_examples():
    assert T(lc148_sort_list(L([4, 2, 1, 3]))) == [1, 2, 3, 4]
    assert T(lc148_sort_list(L([-1, 5, 3, 4, 0]))) == [-1, 0, 3, 4, 5]


def test_lc23_merge_k_lists_examples():
    assert T(lc23_merge_k_lists([L([1, 4, 5]), L([1, 3, 4]), L([2, 6])])) == [1, 1, 2, 3, 4, 4, 5, 6]
    assert lc23_merge_k_lists([]) is None and lc23_merge_k_lists([None]) is None


def test_lc146_lru_cache_examples():
    ops = ["LRUCache", "put", "put", "get", "put", "get", "put", "get", "get", "get"]
    args = [[2], [1, 1], [2, 2], [1], [3, 3], [2], [4, 4], [1], [3], [4]]
    for cls in (Lc146LRUCacheOrdered, Lc146LRUCacheLinked):
        assert play(cls, ops, args) == [None, None, None, 1, None, -1, None, -1, 3, 4]
