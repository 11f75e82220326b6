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
