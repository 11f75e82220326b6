"""Hot 100 · 矩阵:73 矩阵置零、54 螺旋矩阵、48 旋转图像、240 搜索二维矩阵 II。"""

from __future__ import annotations


# --8<-- [start:lc73]
def lc73_set_zeroes(matrix: list[list[int]]) -> None:
    """用第 0 行、第 0 列当标记,另用两个布尔量记它们自己是否有 0。O(m·n) / O(1)。

    >>> m = [[0, 1, 2, 0], [3, 4, 5, 2], [1, 3, 1, 5]]
    >>> lc73_set_zeroes(m)
    >>> m
    [[0, 0, 0, 0], [0, 4, 5, 0], [0, 3, 1, 0]]
    """
    rows, cols = len(matrix), len(matrix[0])
    first_row_zero = any(v == 0 for v in matrix[0])
    first_col_zero = any(matrix[r][0] == 0 for r in range(rows))
    for r in range(1, rows):
        for c in range(1, cols):
            if matrix[r][c] == 0:
                matrix[r][0] = matrix[0][c] = 0
    for r in range(1, rows):
        for c in range(1, cols):
            if matrix[r][0] == 0 or matrix[0][c] == 0:
                matrix[r][c] = 0
    if first_row_zero:  # 标记行 / 列最后处理,否则会把标记本身扩散出去
        matrix[0] = [0] * cols
    if first_col_zero:
        for r in range(rows):
            matrix[r][0] = 0
# --8<-- [end:lc73]


# --8<-- [start:lc54]
def lc54_spiral_order(matrix: list[list[int]]) -> list[int]:
    """四条边界 top/bottom/left/right,每走完一条边就收缩一条。O(m·n) / O(1)(不计输出)。

    >>> lc54_spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    [1, 2, 3, 6, 9, 8, 7, 4, 5]
    >>> lc54_spiral_order([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
    [1, 2, 3, 4, 8, 12, 11, 10, 9, 5, 6, 7]
    """
    out: list[int] = []
    top, bottom, left, right = 0, len(matrix) - 1, 0, len(matrix[0]) - 1
    while top <= bottom and left <= right:
        out.extend(matrix[top][c] for c in range(left, right + 1))
        out.extend(matrix[r][right] for r in range(top + 1, bottom + 1))
        if top < bottom and left < right:  # 只剩一行或一列时不能再往回走,否则重复
            out.extend(matrix[bottom][c] for c in range(right - 1, left - 1, -1))
            out.extend(matrix[r][left] for r in range(bottom - 1, top, -1))
        top, bottom, left, right = top + 1, bottom - 1, left + 1, right - 1
    return out
# --8<-- [end:lc54]


# --8<-- [start:lc48]
def lc48_rotate_image(matrix: list[list[int]]) -> None:
    """顺时针 90°,原地:先沿主对角线转置,再把每一行反转。O(n^2) / O(1)。

    (i, j) -> 转置 (j, i) -> 行反转 (j, n-1-i),正是顺时针旋转的坐标变换。

    >>> m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    >>> lc48_rotate_image(m)
    >>> m
    [[7, 4, 1], [8, 5, 2], [9, 6, 3]]
    """
    n = len(matrix)
    for i in range(n):
        for j in range(i + 1, n):  # 只交换上三角,否则会换回去
            matrix[i][j], matrix[j][i] = matrix[j][i], matrix[i][j]
    for row in matrix:
        row.reverse()
# --8<-- [end:lc48]


# --8<-- [start:lc240]
def lc240_search_matrix(matrix: list[list[int]], target: int) -> bool:
    """从右上角出发:比 target 大就左移(排除一列),小就下移(排除一行)。O(m + n) / O(1)。

    >>> grid = [[1, 4, 7, 11, 15], [2, 5, 8, 12, 19], [3, 6, 9, 16, 22], [10, 13, 14, 17, 24], [18, 21, 23, 26, 30]]
    >>> lc240_search_matrix(grid, 5), lc240_search_matrix(grid, 20)
    (True, False)
    """
    if not matrix or not matrix[0]:
        return False
    r, c = 0, len(matrix[0]) - 1
    while r < len(matrix) and c >= 0:
        v = matrix[r][c]
        if v == target:
            return True
        if v > target:
            c -= 1  # 这一列往下只会更大
        else:
            r += 1  # 这一行往左只会更小
    return False
# --8<-- [end:lc240]
