"""Hot 100 · 矩阵:官方样例 + hypothesis 对照按定义的实现。"""

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_matrix import lc48_rotate_image, lc54_spiral_order, lc73_set_zeroes, lc240_search_matrix

FAST = settings(max_examples=50)


def matrices(values=st.integers(0, 3), max_side=6):
    return st.tuples(st.integers(1, max_side), st.integers(1, max_side)).flatmap(
        lambda rc: st.lists(st.lists(values, min_size=rc[1], max_size=rc[1]), min_size=rc[0], max_size=rc[0])
    )


@FAST
@given(matrices())
def test_lc73_set_zeroes_matches_definition(matrix):
    zero_rows = {r for r, row in enumerate(matrix) if 0 in row}
    zero_cols = {c for row in matrix for c, v in enumerate(row) if v == 0}
    expected = [[0 if r in zero_rows or c in zero_cols else v for c, v in enumerate(row)] for r, row in enumerate(matrix)]
    lc73_set_zeroes(matrix)
    assert matrix == expected


@FAST
@given(matrices(st.integers(0, 99)))
def test_lc54_spiral_order_matches_peeling(matrix):
    expected, m = [], [row[:] for row in matrix]
    while m:  # 参考:取第一行,再把剩下的矩阵逆时针转 90°
        expected += m.pop(0)
        m = [list(col) for col in zip(*m)][::-1]
    assert lc54_spiral_order(matrix) == expected
    assert lc54_spiral_order([[1], [2], [3]]) == [1, 2, 3]


@FAST
@given(st.integers(1, 6).flatmap(lambda n: st.lists(st.lists(st.integers(-9, 9), min_size=n, max_size=n), min_size=n, max_size=n)))
def test_lc48_rotate_image_matches_index_formula(matrix):
    n = len(matrix)
    expected = [[matrix[n - 1 - j][i] for j in range(n)] for i in range(n)]  # 新 (i, j) 来自旧 (n-1-j, i)
    lc48_rotate_image(matrix)
    assert matrix == expected


@FAST
@given(matrices(st.integers(0, 3)), st.integers(-1, 40))
def test_lc240_search_matrix_matches_membership(steps, target):
    # 每格的值 = 上方与左方的最大值 + 非负步长,保证行列都非降
    rows, cols = len(steps), len(steps[0])
    grid = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            grid[r][c] = max(grid[r - 1][c] if r else 0, grid[r][c - 1] if c else 0) + steps[r][c]
    assert lc240_search_matrix(grid, target) == any(target in row for row in grid)


# ---------------------------------------------------------------- 题目样例


def test_lc73_set_zeroes_examples():
    a = [[1, 1, 1], [1, 0, 1], [1, 1, 1]]
    b = [[0, 1, 2, 0], [3, 4, 5, 2], [1, 3, 1, 5]]
    lc73_set_zeroes(a)
    lc73_set_zeroes(b)
    assert a == [[1, 0, 1], [0, 0, 0], [1, 0, 1]]
    assert b == [[0, 0, 0, 0], [0, 4, 5, 0], [0, 3, 1, 0]]


def test_lc54_spiral_order_examples():
    assert lc54_spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == [1, 2, 3, 6, 9, 8, 7, 4, 5]
    assert lc54_spiral_order([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]) == [1, 2, 3, 4, 8, 12, 11, 10, 9, 5, 6, 7]


def test_lc48_rotate_image_examples():
    m = [[5, 1, 9, 11], [2, 4, 8, 10], [13, 3, 6, 7], [15, 14, 12, 16]]
    lc48_rotate_image(m)
    assert m == [[15, 13, 2, 5], [14, 3, 4, 1], [12, 6, 8, 9], [16, 7, 10, 11]]


def test_lc240_search_matrix_examples():
    grid = [[1, 4, 7, 11, 15], [2, 5, 8, 12, 19], [3, 6, 9, 16, 22], [10, 13, 14, 17, 24], [18, 21, 23, 26, 30]]
    assert lc240_search_matrix(grid, 5) is True
    assert lc240_search_matrix(grid, 20) is False


def test_lc240_search_matrix_empty_is_false():
    assert lc240_search_matrix([], 0) is False
    assert lc240_search_matrix([[]], 0) is False
    assert lc240_search_matrix([[], []], 7) is False
