"""Hot 100 · 图论:官方样例 + hypothesis 对照并查集、逐分钟模拟、DFS 找环、集合实现的 Trie。"""

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_graph import Lc208Trie, lc200_num_islands, lc207_can_finish, lc994_oranges_rotting
from hot100_structures import play

FAST = settings(max_examples=50)


def grids(cells):
    return st.integers(1, 6).flatmap(lambda w: st.lists(st.lists(cells, min_size=w, max_size=w), min_size=1, max_size=6))


@FAST
@given(grids(st.sampled_from("01")))
def test_lc200_num_islands_matches_union_find(grid):
    cells = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v == "1"]
    parent = {cell: cell for cell in cells}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for r, c in cells:
        for nb in ((r + 1, c), (r, c + 1)):
            if nb in parent:
                parent[find(nb)] = find((r, c))
    assert lc200_num_islands(grid) == len({find(cell) for cell in cells})


def test_lc200_num_islands_large_island_needs_no_recursion():
    assert lc200_num_islands([["1"] * 120 for _ in range(120)]) == 1


@FAST
@given(grids(st.sampled_from([0, 1, 1, 2])))
def test_lc994_oranges_rotting_matches_minute_simulation(grid):
    state, minutes = [row[:] for row in grid], 0
    while True:  # 参考:每分钟整张图扫一遍
        rot = [
            (r, c)
            for r, row in enumerate(state)
            for c, v in enumerate(row)
            if v == 1
            and any(
                0 <= r + dr < len(state) and 0 <= c + dc < len(row) and state[r + dr][c + dc] == 2
                for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1))
            )
        ]
        if not rot:
            break
        for r, c in rot:
            state[r][c] = 2
        minutes += 1
    expected = -1 if any(1 in row for row in state) else minutes
    assert lc994_oranges_rotting(grid) == expected


@FAST
@given(st.integers(1, 7).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=10))))
def test_lc207_can_finish_matches_dfs_cycle_search(case):
    n, edges = case
    graph = {i: [a for a, b in edges if b == i] for i in range(n)}
    color = [0] * n  # 0 未访问,1 在栈上,2 完成

    def has_cycle(u):
        color[u] = 1
        for v in graph[u]:
            if color[v] == 1 or (color[v] == 0 and has_cycle(v)):
                return True
        color[u] = 2
        return False

    cyclic = any(color[i] == 0 and has_cycle(i) for i in range(n))
    assert lc207_can_finish(n, [list(e) for e in edges]) == (not cyclic)


@FAST
@given(st.lists(st.tuples(st.sampled_from(["insert", "search", "startsWith"]), st.text(alphabet="ab", min_size=1, max_size=4)), max_size=25))
def test_lc208_trie_matches_set_of_words(ops):
    words: set[str] = set()
    expected = [None]
    for op, w in ops:
        if op == "insert":
            words.add(w)
            expected.append(None)
        elif op == "search":
            expected.append(w in words)
        else:
            expected.append(any(x.startswith(w) for x in words))
    assert play(Lc208Trie, ["Trie"] + [op for op, _ in ops], [[]] + [[w] for _, w in ops]) == expected


# ---------------------------------------------------------------- 题目样例


def test_lc200_num_islands_examples():
    g1 = [list("11110"), list("11010"), list("11000"), list("00000")]
    g2 = [list("11000"), list("11000"), list("00100"), list("00011")]
    assert (lc200_num_islands(g1), lc200_num_islands(g2)) == (1, 3)


def test_lc994_oranges_rotting_examples():
    assert lc994_oranges_rotting([[2, 1, 1], [1, 1, 0], [0, 1, 1]]) == 4
    assert lc994_oranges_rotting([[2, 1, 1], [0, 1, 1], [1, 0, 1]]) == -1
    assert lc994_oranges_rotting([[0, 2]]) == 0


def test_lc207_can_finish_examples():
    assert lc207_can_finish(2, [[1, 0]]) is True
    assert lc207_can_finish(2, [[1, 0], [0, 1]]) is False


def test_lc208_trie_examples():
    ops = ["Trie", "insert", "search", "search", "startsWith", "insert", "search"]
    args = [[], ["apple"], ["apple"], ["app"], ["app"], ["app"], ["app"]]
    assert play(Lc208Trie, ops, args) == [None, None, True, False, True, None, True]


def test_lc200_num_islands_needs_upward_moves_and_empty_grid():
    # U 形岛:从左上角出发,右上角那格只能从下面往上走到
    assert lc200_num_islands([list("101"), list("111")]) == 1
    assert lc200_num_islands([list("1011"), list("1110"), list("0001")]) == 2
    assert lc200_num_islands([]) == 0
