"""Hot 100 · 多维动态规划:62 不同路径、64 最小路径和、5 最长回文子串、1143 最长公共子序列、72 编辑距离。"""

from __future__ import annotations


# --8<-- [start:lc62]
def lc62_unique_paths(m: int, n: int) -> int:
    """dp[i][j] = dp[i-1][j] + dp[i][j-1];只依赖上一行和左边,滚动成一维。O(m·n) / O(n)。

    也可以直接算组合数 C(m+n-2, m-1)。

    >>> lc62_unique_paths(3, 7), lc62_unique_paths(3, 2)
    (28, 3)
    """
    row = [1] * n
    for _ in range(1, m):
        for j in range(1, n):
            row[j] += row[j - 1]  # 加号左边的 row[j] 是上一行的值
    return row[-1]
# --8<-- [end:lc62]


# --8<-- [start:lc64]
def lc64_min_path_sum(grid: list[list[int]]) -> int:
    """dp[i][j] = grid[i][j] + min(上, 左);第一行、第一列只有一个来源。O(m·n) / O(n)。

    >>> lc64_min_path_sum([[1, 3, 1], [1, 5, 1], [4, 2, 1]]), lc64_min_path_sum([[1, 2, 3], [4, 5, 6]])
    (7, 12)
    """
    cols = len(grid[0])
    inf = float("inf")
    row = [inf] * cols
    row[0] = 0  # 让起点的"上方"为 0
    for r in range(len(grid)):
        for c in range(cols):
            left = row[c - 1] if c > 0 else inf
            row[c] = grid[r][c] + min(row[c], left)
    return int(row[-1])
# --8<-- [end:lc64]


# --8<-- [start:lc5]
def lc5_longest_palindrome(s: str) -> str:
    """中心扩展:每个字符(奇数长度)和每个空隙(偶数长度)当中心向两边扩。O(n^2) / O(1)。

    与区间 DP(is_pal[i][j] = s[i] == s[j] and is_pal[i+1][j-1])同为 O(n^2),但不用 O(n^2) 的表。

    >>> lc5_longest_palindrome("babad"), lc5_longest_palindrome("cbbd")
    ('bab', 'bb')
    """
    best_lo, best_hi = 0, 0  # 答案 s[best_lo:best_hi]
    for center in range(2 * len(s) - 1):
        lo, hi = center // 2, (center + 1) // 2  # 偶数 center:字符;奇数:两字符之间
        while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
            lo -= 1
            hi += 1
        if hi - lo - 1 > best_hi - best_lo:  # 扩张停下时回文是 s[lo+1:hi]
            best_lo, best_hi = lo + 1, hi
    return s[best_lo:best_hi]
# --8<-- [end:lc5]


# --8<-- [start:lc1143]
def lc1143_longest_common_subsequence(a: str, b: str) -> int:
    """dp[i][j] = a[:i] 与 b[:j] 的 LCS 长度,滚动成两行。O(m·n) / O(n)。

    a[i-1] == b[j-1] 时 dp[i][j] = dp[i-1][j-1] + 1,否则 max(dp[i-1][j], dp[i][j-1])。

    >>> lc1143_longest_common_subsequence("abcde", "ace"), lc1143_longest_common_subsequence("abc", "def")
    (3, 0)
    """
    prev = [0] * (len(b) + 1)  # dp[i-1][*]
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)  # dp[i][*]
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
            else:
                cur[j] = max(prev[j], cur[j - 1])
        prev = cur
    return prev[-1]
# --8<-- [end:lc1143]


# --8<-- [start:lc72]
def lc72_min_distance(a: str, b: str) -> int:
    """dp[i][j] = a[:i] 变成 b[:j] 的最少操作数;末字符相同直接继承左上角,否则 1 + min(删, 插, 换)。
    O(m·n) / O(n)。

    >>> lc72_min_distance("horse", "ros"), lc72_min_distance("intention", "execution")
    (3, 5)
    """
    prev = list(range(len(b) + 1))  # 空串变成 b[:j] 要插入 j 次
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)  # a[:i] 变成空串要删除 i 次
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1]
            else:
                cur[j] = 1 + min(prev[j], cur[j - 1], prev[j - 1])  # 删 a[i-1] / 插 b[j-1] / 替换
        prev = cur
    return prev[-1]
# --8<-- [end:lc72]
