"""Hot 100 · 回溯:46、78、17、39、22、79、131、51。

模板:做选择 → 递归 → 撤销选择。排列用 used 标记;组合 / 子集用起始下标 start 避免重复。
"""

from __future__ import annotations


# --8<-- [start:lc46]
def lc46_permute(nums: list[int]) -> list[list[int]]:
    """used 标记已选元素,递归返回后撤销。O(n·n!) 时间 / O(n) 栈(不计输出)。

    >>> lc46_permute([1, 2, 3])
    [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
    """
    result: list[list[int]] = []
    path: list[int] = []
    used = [False] * len(nums)

    def backtrack() -> None:
        if len(path) == len(nums):
            result.append(path.copy())  # 必须拷贝:path 之后还会被修改
            return
        for i, x in enumerate(nums):
            if used[i]:
                continue
            used[i] = True
            path.append(x)
            backtrack()
            path.pop()  # 撤销选择
            used[i] = False

    backtrack()
    return result
# --8<-- [end:lc46]


# --8<-- [start:lc78]
def lc78_subsets(nums: list[int]) -> list[list[int]]:
    """每个结点都是一个答案;下一步只从 start 之后选,保证每个子集只生成一次。O(n·2^n)。

    >>> lc78_subsets([1, 2, 3])
    [[], [1], [1, 2], [1, 2, 3], [1, 3], [2], [2, 3], [3]]
    """
    result: list[list[int]] = []
    path: list[int] = []

    def backtrack(start: int) -> None:
        result.append(path.copy())
        for i in range(start, len(nums)):
            path.append(nums[i])
            backtrack(i + 1)
            path.pop()

    backtrack(0)
    return result
# --8<-- [end:lc78]


# --8<-- [start:lc17]
PHONE = {"2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs", "8": "tuv", "9": "wxyz"}


def lc17_letter_combinations(digits: str) -> list[str]:
    """每一位数字是一层,每层在它的字母里选一个。O(4^n·n)。空串返回 [] 而不是 [""]。

    >>> lc17_letter_combinations("23")
    ['ad', 'ae', 'af', 'bd', 'be', 'bf', 'cd', 'ce', 'cf']
    >>> lc17_letter_combinations("")
    []
    """
    if not digits:
        return []
    result: list[str] = []
    path: list[str] = []

    def backtrack(i: int) -> None:
        if i == len(digits):
            result.append("".join(path))
            return
        for ch in PHONE[digits[i]]:
            path.append(ch)
            backtrack(i + 1)
            path.pop()

    backtrack(0)
    return result
# --8<-- [end:lc17]


# --8<-- [start:lc39]
def lc39_combination_sum(candidates: list[int], target: int) -> list[list[int]]:
    """元素可重复使用:递归时 start 传 i 而不是 i + 1;排序后超过剩余值就剪枝。

    >>> lc39_combination_sum([2, 3, 6, 7], 7), lc39_combination_sum([2, 3, 5], 8)
    ([[2, 2, 3], [7]], [[2, 2, 2, 2], [2, 3, 3], [3, 5]])
    """
    candidates = sorted(candidates)
    result: list[list[int]] = []
    path: list[int] = []

    def backtrack(start: int, remain: int) -> None:
        if remain == 0:
            result.append(path.copy())
            return
        for i in range(start, len(candidates)):
            x = candidates[i]
            if x > remain:
                break  # 已排序,后面的更大
            path.append(x)
            backtrack(i, remain - x)  # i:同一个数还能再选
            path.pop()

    backtrack(0, target)
    return result
# --8<-- [end:lc39]


# --8<-- [start:lc22]
def lc22_generate_parenthesis(n: int) -> list[str]:
    """左括号数 < n 时可以放左括号;右括号数 < 左括号数时可以放右括号。结果数是卡特兰数。

    >>> lc22_generate_parenthesis(3)
    ['((()))', '(()())', '(())()', '()(())', '()()()']
    """
    result: list[str] = []
    path: list[str] = []

    def backtrack(opened: int, closed: int) -> None:
        if len(path) == 2 * n:
            result.append("".join(path))
            return
        if opened < n:
            path.append("(")
            backtrack(opened + 1, closed)
            path.pop()
        if closed < opened:  # 保证任何前缀里右括号都不多于左括号
            path.append(")")
            backtrack(opened, closed + 1)
            path.pop()

    backtrack(0, 0)
    return result
# --8<-- [end:lc22]


# --8<-- [start:lc79]
def lc79_exist(board: list[list[str]], word: str) -> bool:
    """从每个格子出发 DFS,走过的格子临时改成 "#",回溯时改回。O(R·C·3^L)。

    >>> board = [["A", "B", "C", "E"], ["S", "F", "C", "S"], ["A", "D", "E", "E"]]
    >>> lc79_exist(board, "ABCCED"), lc79_exist(board, "SEE"), lc79_exist(board, "ABCB")
    (True, True, False)
    """
    rows, cols = len(board), len(board[0])

    def dfs(r: int, c: int, i: int) -> bool:
        if board[r][c] != word[i]:
            return False
        if i == len(word) - 1:
            return True
        saved, board[r][c] = board[r][c], "#"  # 标记"在当前路径上",同一格不能用两次
        found = any(
            0 <= nr < rows and 0 <= nc < cols and dfs(nr, nc, i + 1)
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1))
        )
        board[r][c] = saved  # 回溯:别的起点还要用这一格
        return found

    return any(dfs(r, c, 0) for r in range(rows) for c in range(cols))
# --8<-- [end:lc79]


# --8<-- [start:lc131]
def lc131_partition(s: str) -> list[list[str]]:
    """先用 DP 预处理 is_pal[i][j],再回溯切分:每次从 start 切出一个回文前缀。O(n·2^n)。

    >>> lc131_partition("aab"), lc131_partition("a")
    ([['a', 'a', 'b'], ['aa', 'b']], [['a']])
    """
    n = len(s)
    is_pal = [[True] * n for _ in range(n)]  # i > j 的空串也算回文,方便递推
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n):
            is_pal[i][j] = s[i] == s[j] and is_pal[i + 1][j - 1]
    result: list[list[str]] = []
    path: list[str] = []

    def backtrack(start: int) -> None:
        if start == n:
            result.append(path.copy())
            return
        for end in range(start, n):
            if is_pal[start][end]:
                path.append(s[start : end + 1])
                backtrack(end + 1)
                path.pop()

    backtrack(0)
    return result
# --8<-- [end:lc131]


# --8<-- [start:lc51]
def lc51_solve_n_queens(n: int) -> list[list[str]]:
    """逐行放皇后;列、主对角线 (r - c)、副对角线 (r + c) 各用一个集合判冲突,O(1) 检查。

    >>> lc51_solve_n_queens(4)
    [['.Q..', '...Q', 'Q...', '..Q.'], ['..Q.', 'Q...', '...Q', '.Q..']]
    """
    result: list[list[str]] = []
    queens: list[int] = []  # queens[r] = 第 r 行皇后所在的列
    cols: set[int] = set()
    diag: set[int] = set()
    anti: set[int] = set()

    def backtrack(r: int) -> None:
        if r == n:
            result.append(["." * c + "Q" + "." * (n - c - 1) for c in queens])
            return
        for c in range(n):
            if c in cols or r - c in diag or r + c in anti:
                continue
            queens.append(c)
            cols.add(c)
            diag.add(r - c)
            anti.add(r + c)
            backtrack(r + 1)
            queens.pop()
            cols.remove(c)
            diag.remove(r - c)
            anti.remove(r + c)

    backtrack(0)
    return result
# --8<-- [end:lc51]
