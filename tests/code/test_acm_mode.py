"""ACM 模式:把输入文本接到 sys.stdin,比较程序打印到 stdout 的文本。

模板用手写的小输入(含换行位置不规则、空行、n = 0);五道例题再用 hypothesis 生成输入,
期望输出由暴力解独立算出;另有一次真正的子进程运行,确认脚本从命令行读 stdin 也能工作。
"""

import io
import itertools
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import acm_mode
import acm_problems

FAST = settings(max_examples=40)
SRC = Path(__file__).resolve().parents[2] / "docs" / "code" / "src"


def run(main, text: str) -> str:
    """像判题机一样运行 main:stdin 换成给定文本(有 .buffer),返回它写到 stdout 的全部内容。"""
    old_in, old_out = sys.stdin, sys.stdout
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8")
    sys.stdout = captured = io.StringIO()
    try:
        main()
    finally:
        sys.stdin, sys.stdout = old_in, old_out
    return captured.getvalue()


# ---------------------------------------------------------------- 模板


def test_acm_one_case_ignores_line_layout():
    assert run(acm_mode.one_case, "5\n3 9 -2\n7\n4\n") == "11\n"
    assert run(acm_mode.one_case, "1 42") == "0\n"


def test_acm_one_case_reads_n_from_first_token():
    assert run(acm_mode.one_case, "4\n1 2 3 10\n") == "9\n"  # 只读前 1 个数就会得到 0


def test_acm_until_eof_both_readers_agree():
    text = "1 2\n3 4\n\n-5 5   \n"
    assert run(acm_mode.until_eof, text) == "3\n7\n0\n"
    assert run(acm_mode.until_eof_by_line, text) == "3\n7\n0\n"
    assert run(acm_mode.until_eof, "") == ""


def test_acm_with_header_handles_empty_group():
    assert run(acm_mode.with_header, "3\n2\n1 2\n0\n3 10 20 30\n") == "3\n0\n60\n"


def test_acm_matrix_of_ints_transposes():
    assert run(acm_mode.matrix_of_ints, "2 3\n1 2 3\n4 5 6\n") == "1 4\n2 5\n3 6\n"


def test_acm_grid_of_chars_counts_walls():
    assert run(acm_mode.grid_of_chars, "3 4\n#..#\n....\n.##.\n") == "4\n"


def test_acm_grid_of_chars_more_rows_than_columns():
    assert run(acm_mode.grid_of_chars, "3 2\n#.\n##\n.#\n") == "4\n"


def test_acm_run_with_big_stack_defaults_and_restores_stack_size():
    seen = []
    old_limit = sys.getrecursionlimit()
    try:
        acm_mode.run_with_big_stack(lambda: seen.append((threading.stack_size(), sys.getrecursionlimit())))
        assert seen == [(256 * 1024 * 1024, 1 << 20)]  # main 运行时:256 MB 线程栈,递归上限 2^20
        assert threading.stack_size() == 0  # 之后新建的线程恢复默认栈
        acm_mode.run_with_big_stack(lambda: seen.append(threading.stack_size()), stack_mb=32)
        assert seen[1] == 32 * 1024 * 1024
    finally:
        sys.setrecursionlimit(old_limit)


def test_acm_run_with_big_stack_allows_deep_recursion():
    result = []

    def depth(k: int) -> int:
        return 0 if k == 0 else 1 + depth(k - 1)

    old_limit = sys.getrecursionlimit()
    try:
        acm_mode.run_with_big_stack(lambda: result.append(depth(50_000)), depth=60_000, stack_mb=64)
    finally:
        sys.setrecursionlimit(old_limit)
    assert result == [50_000]


def test_acm_format_floats_default_two_digits_keeps_real_signs():
    # 2.675 的二进制值略小于 2.675,0.005 的略大于 0.005;只有舍入成 0 的负数才去掉负号
    assert acm_mode.format_floats([3.14159, 2.675, -0.001, 10]) == "3.14 2.67 0.00 10.00"
    assert acm_mode.format_floats([0.0, -1.5, -0.004, 0.005]) == "0.00 -1.50 0.00 0.01"


def test_acm_format_floats_rounds_and_drops_negative_zero():
    assert acm_mode.format_floats([1 / 3, 2 / 3, -1e-9, 2.5], digits=3) == "0.333 0.667 0.000 2.500"


# ---------------------------------------------------------------- 五道例题


@FAST
@given(st.lists(st.integers(-100, 100), min_size=1, max_size=12), st.data())
def test_acm_range_sum_matches_slices(nums, data):
    n = len(nums)
    queries = data.draw(st.lists(st.tuples(st.integers(1, n), st.integers(1, n)).map(sorted), min_size=1, max_size=8))
    text = f"{n} {len(queries)}\n{' '.join(map(str, nums))}\n" + "".join(f"{l} {r}\n" for l, r in queries)
    expected = "".join(f"{sum(nums[l - 1 : r])}\n" for l, r in queries)
    assert run(acm_problems.range_sum, text) == expected


@FAST
@given(st.lists(st.lists(st.integers(-9, 9), min_size=1, max_size=10), min_size=1, max_size=4), st.data())
def test_acm_window_sum_matches_brute_force(cases, data):
    text, expected = "", ""
    for nums in cases:
        k = data.draw(st.integers(1, len(nums)))
        text += f"{len(nums)} {k}\n" + " ".join(map(str, nums)) + "\n"
        expected += f"{max(sum(nums[i:i + k]) for i in range(len(nums) - k + 1))}\n"
    assert run(acm_problems.window_sum, text) == expected


def _relaxation_distance(grid):
    """参考:反复松弛直到不再变化(Bellman-Ford 式),不用队列。"""
    n, m = len(grid), len(grid[0])
    inf = n * m + 1
    cells = [(r, c) for r in range(n) for c in range(m)]
    dist = {cell: (0 if grid[cell[0]][cell[1]] == "S" else inf) for cell in cells}
    changed = True
    while changed:
        changed = False
        for r, c in cells:
            if grid[r][c] == "#":
                continue
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if (nr, nc) in dist and dist[(nr, nc)] + 1 < dist[(r, c)]:
                    dist[(r, c)] = dist[(nr, nc)] + 1
                    changed = True
    end = next(cell for cell in cells if grid[cell[0]][cell[1]] == "E")
    return -1 if dist[end] >= inf else dist[end]


@FAST
@given(st.tuples(st.integers(1, 5), st.integers(2, 5)).flatmap(
    lambda nm: st.tuples(st.just(nm), st.lists(st.sampled_from(".#"), min_size=nm[0] * nm[1], max_size=nm[0] * nm[1]), st.permutations(range(nm[0] * nm[1])))))
def test_acm_maze_matches_relaxation(case):
    (n, m), cells, perm = case
    cells[perm[0]], cells[perm[1]] = "S", "E"  # 随机位置放起点和终点
    grid = ["".join(cells[r * m : (r + 1) * m]) for r in range(n)]
    text = f"{n} {m}\n" + "\n".join(grid) + "\n"
    assert run(acm_problems.maze, text) == f"{_relaxation_distance(grid)}\n"


@FAST
@given(st.integers(1, 12).flatmap(lambda n: st.tuples(st.just(n), st.permutations(range(1, n + 1)), st.lists(st.integers(0, 10**6), min_size=n, max_size=n))))
def test_acm_subtree_matches_ancestor_counting(case):
    n, labels, picks = case
    # 随机树:按 labels 的顺序依次挂到之前出现过的某个人下面;labels 以 1 号开头才能让 1 是根
    labels = [1] + [x for x in labels if x != 1]
    boss = {}
    for i in range(1, n):
        boss[labels[i]] = labels[picks[i] % i]
    text = f"{n}\n" + " ".join(str(boss[i]) for i in range(2, n + 1)) + "\n"
    managed = [0] * (n + 1)
    for i in range(2, n + 1):
        u = boss[i]
        while True:  # 参考:每个人给自己所有上级各加 1
            managed[u] += 1
            if u == 1:
                break
            u = boss[u]
    assert run(acm_problems.subtree, text) == " ".join(map(str, managed[1:])) + "\n"


def test_acm_subtree_chain_of_200000_needs_no_recursion():
    n = 200_000
    text = f"{n}\n" + " ".join(str(i - 1) for i in range(2, n + 1)) + "\n"  # i 的上级是 i - 1:一条链
    out = run(acm_problems.subtree, text).split()
    assert out[:3] == [str(n - 1), str(n - 2), str(n - 3)] and out[-1] == "0"


@FAST
@given(st.lists(st.integers(1, 5).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(1, n), st.integers(1, n)), max_size=6))), min_size=1, max_size=3))
def test_acm_task_order_matches_permutation_search(cases):
    text = f"{len(cases)}\n"
    expected = ""
    for n, edges in cases:
        text += f"{n} {len(edges)}\n" + "".join(f"{a} {b}\n" for a, b in edges)
        best = "-1"
        for perm in itertools.permutations(range(1, n + 1)):  # 字典序从小到大
            where = {v: i for i, v in enumerate(perm)}
            if all(where[a] < where[b] for a, b in edges):
                best = " ".join(map(str, perm))
                break
        expected += best + "\n"
    assert run(acm_problems.task_order, text) == expected


@pytest.mark.parametrize(
    ("name", "stdin", "stdout"),
    [
        ("range-sum", "5 3\n1 2 3 4 5\n1 5\n2 3\n4 4\n", "15\n5\n4\n"),
        ("window-sum", "5 2\n1 -2 3 4 -5\n3 3\n-1 -2 -3\n", "7\n-6\n"),
        ("maze", "3 4\nS.#.\n.##E\n....\n", "6\n"),
        ("subtree", "5\n1 1 2 2\n", "4 2 0 0 0\n"),
        ("task-order", "2\n3 2\n3 1\n2 1\n2 2\n1 2\n2 1\n", "2 3 1\n-1\n"),
    ],
)
def test_acm_problems_run_as_script(name, stdin, stdout):
    completed = subprocess.run(
        [sys.executable, str(SRC / "acm_problems.py"), name], input=stdin, capture_output=True, text=True, check=True, timeout=30
    )
    assert completed.stdout == stdout
