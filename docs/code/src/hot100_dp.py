"""Hot 100 · 动态规划:70、118、198、279、322、139、300(两种)、152、416、32。

四步:状态定义 → 转移方程 → 初始化 → 遍历顺序;写完再看能不能压缩空间。
"""

from __future__ import annotations

from bisect import bisect_left
from math import isqrt


# --8<-- [start:lc70]
def lc70_climb_stairs(n: int) -> int:
    """f(n) = f(n-1) + f(n-2):最后一步走 1 级或 2 级。滚动两个变量,O(n) / O(1)。

    >>> lc70_climb_stairs(2), lc70_climb_stairs(3), lc70_climb_stairs(10)
    (2, 3, 89)
    """
    a, b = 1, 1  # f(0), f(1)
    for _ in range(n - 1):
        a, b = b, a + b
    return b
# --8<-- [end:lc70]


# --8<-- [start:lc118]
def lc118_generate(num_rows: int) -> list[list[int]]:
    """每行首尾为 1,中间的数是上一行相邻两数之和。O(n^2)。

    >>> lc118_generate(5)
    [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1]]
    """
    rows = [[1]]
    for _ in range(num_rows - 1):
        prev = rows[-1]
        rows.append([1] + [prev[j] + prev[j + 1] for j in range(len(prev) - 1)] + [1])
    return rows[:num_rows]
# --8<-- [end:lc118]


# --8<-- [start:lc198]
def lc198_rob(nums: list[int]) -> int:
    """f(i) = max(f(i-1), f(i-2) + nums[i]):第 i 家偷或不偷。O(n) / O(1)。

    >>> lc198_rob([1, 2, 3, 1]), lc198_rob([2, 7, 9, 3, 1])
    (4, 12)
    """
    skip, take = 0, 0  # 前一家为止的最优值:f(i-2), f(i-1)
    for x in nums:
        skip, take = take, max(take, skip + x)
    return take
# --8<-- [end:lc198]


# --8<-- [start:lc279]
def lc279_num_squares(n: int) -> int:
    """完全背包:dp[i] = 1 + min(dp[i - j*j])。O(n·√n) / O(n)。

    >>> lc279_num_squares(12), lc279_num_squares(13)
    (3, 2)
    """
    dp = [0] + [n] * n  # 最多用 n 个 1
    for i in range(1, n + 1):
        for j in range(1, isqrt(i) + 1):
            dp[i] = min(dp[i], dp[i - j * j] + 1)
    return dp[n]
# --8<-- [end:lc279]


# --8<-- [start:lc322]
def lc322_coin_change(coins: list[int], amount: int) -> int:
    """完全背包求最少个数:dp[a] = 1 + min(dp[a - c]);凑不出用 inf 表示,最后转成 -1。O(amount·len(coins))。

    >>> lc322_coin_change([1, 2, 5], 11), lc322_coin_change([2], 3), lc322_coin_change([1], 0)
    (3, -1, 0)
    """
    inf = amount + 1  # 比任何可行答案都大
    dp = [0] + [inf] * amount
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a:
                dp[a] = min(dp[a], dp[a - c] + 1)
    return dp[amount] if dp[amount] < inf else -1
# --8<-- [end:lc322]


# --8<-- [start:lc139]
def lc139_word_break(s: str, word_dict: list[str]) -> bool:
    """dp[i] = s[:i] 能否拆分;dp[i] 为真当且仅当存在词 w 使 s[:i] 以 w 结尾且 dp[i - len(w)] 为真。
    O(n·|dict|·L)。

    >>> lc139_word_break("leetcode", ["leet", "code"]), lc139_word_break("catsandog", ["cats", "dog", "sand", "and", "cat"])
    (True, False)
    """
    dp = [True] + [False] * len(s)
    for i in range(1, len(s) + 1):
        dp[i] = any(len(w) <= i and dp[i - len(w)] and s.startswith(w, i - len(w)) for w in word_dict)
    return dp[len(s)]
# --8<-- [end:lc139]


# --8<-- [start:lc300-dp]
def lc300_length_of_lis_dp(nums: list[int]) -> int:
    """dp[i] = 以 nums[i] 结尾的最长严格递增子序列长度 = 1 + max(dp[j], j < i 且 nums[j] < nums[i])。O(n^2)。

    >>> lc300_length_of_lis_dp([10, 9, 2, 5, 3, 7, 101, 18]), lc300_length_of_lis_dp([0, 1, 0, 3, 2, 3]), lc300_length_of_lis_dp([7, 7, 7])
    (4, 4, 1)
    """
    dp = [1] * len(nums)
    for i in range(len(nums)):
        for j in range(i):
            if nums[j] < nums[i]:
                dp[i] = max(dp[i], dp[j] + 1)
    return max(dp, default=0)  # 答案是 dp 的最大值,不是 dp[-1]
# --8<-- [end:lc300-dp]


# --8<-- [start:lc300-patience]
def lc300_length_of_lis_patience(nums: list[int]) -> int:
    """贪心 + 二分(耐心排序):tails[k] = 长度为 k + 1 的递增子序列的最小结尾。O(n log n) / O(n)。

    tails 严格递增,所以可以二分;它本身不一定是一个真实的子序列,只有长度有意义。

    >>> lc300_length_of_lis_patience([10, 9, 2, 5, 3, 7, 101, 18]), lc300_length_of_lis_patience([7, 7, 7])
    (4, 1)
    """
    tails: list[int] = []
    for x in nums:
        pos = bisect_left(tails, x)  # 第一个 >= x 的位置;用 bisect_right 会变成非严格递增
        if pos == len(tails):
            tails.append(x)
        else:
            tails[pos] = x  # 同样长度,结尾更小更有潜力
    return len(tails)
# --8<-- [end:lc300-patience]


# --8<-- [start:lc152]
def lc152_max_product(nums: list[int]) -> int:
    """同时维护以 i 结尾的最大积和最小积:乘上负数时两者互换。O(n) / O(1)。

    >>> lc152_max_product([2, 3, -2, 4]), lc152_max_product([-2, 0, -1]), lc152_max_product([-2, 3, -4])
    (6, 0, 24)
    """
    best = hi = lo = nums[0]
    for x in nums[1:]:
        candidates = (x, hi * x, lo * x)
        hi, lo = max(candidates), min(candidates)  # 必须用旧的 hi、lo 同时算
        best = max(best, hi)
    return best
# --8<-- [end:lc152]


# --8<-- [start:lc416]
def lc416_can_partition(nums: list[int]) -> bool:
    """0-1 背包:能否选出和为 total / 2 的子集。一维 dp,容量倒序遍历,每个数只用一次。O(n·total)。

    >>> lc416_can_partition([1, 5, 11, 5]), lc416_can_partition([1, 2, 3, 5])
    (True, False)
    """
    total = sum(nums)
    if total % 2:
        return False
    half = total // 2
    reachable = [True] + [False] * half
    for x in nums:
        for s in range(half, x - 1, -1):  # 倒序:正序会让 x 在同一轮里被用多次(变成完全背包)
            reachable[s] = reachable[s] or reachable[s - x]
    return reachable[half]
# --8<-- [end:lc416]


# --8<-- [start:lc32]
def lc32_longest_valid_parentheses(s: str) -> int:
    """栈里存下标,栈底放"最后一个没配对的右括号"的位置作为分界;配对后长度 = i - 栈顶。O(n) / O(n)。

    >>> lc32_longest_valid_parentheses("(()"), lc32_longest_valid_parentheses(")()())"), lc32_longest_valid_parentheses("")
    (2, 4, 0)
    """
    stack = [-1]  # 分界:有效子串从它的下一位开始
    best = 0
    for i, ch in enumerate(s):
        if ch == "(":
            stack.append(i)
            continue
        stack.pop()
        if not stack:
            stack.append(i)  # 这个 ")" 配不上,成为新的分界
        else:
            best = max(best, i - stack[-1])
    return best
# --8<-- [end:lc32]
