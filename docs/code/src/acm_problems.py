"""五道笔试风格的 ACM 模式例题(题面是本站自拟的),每道题是一个完整的 main:读 stdin,写 stdout。

在命令行运行:python acm_problems.py range-sum < input.txt
测试 tests/code/test_acm_mode.py 把输入文本接到 stdin,对照暴力解生成的期望输出。
"""

from __future__ import annotations

import heapq
import sys
from collections import deque


# --8<-- [start:range-sum]
def range_sum() -> None:
    """题 1 区间和查询。

    输入:第一行 n q;第二行 n 个整数 a1..an;接下来 q 行,每行 l r(1 <= l <= r <= n)。
    输出:q 行,第 i 行是 a[l] + … + a[r]。n, q <= 2·10^5。

    前缀和:prefix[i] = a1 + … + ai,区间和 = prefix[r] - prefix[l-1],每次查询 O(1)。
    逐个 print 20 万次很慢,答案攒进列表最后一次输出。
    """
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    prefix = [0] * (n + 1)
    for i in range(n):
        prefix[i + 1] = prefix[i] + int(data[2 + i])
    out = []
    pos = 2 + n
    for _ in range(q):
        left, right = int(data[pos]), int(data[pos + 1])
        pos += 2
        out.append(prefix[right] - prefix[left - 1])
    sys.stdout.write("\n".join(map(str, out)) + "\n")
# --8<-- [end:range-sum]


# --8<-- [start:window-sum]
def window_sum() -> None:
    """题 2 连续 k 天的最大销量(多组数据,读到文件结束)。

    输入:若干组,每组第一行 n k(1 <= k <= n),第二行 n 个整数(可能有负数)。
    输出:每组一行,长度恰好为 k 的连续子数组的最大和。

    定长滑动窗口:右边进一个、左边出一个,O(n)。
    """
    data = sys.stdin.buffer.read().split()
    pos = 0
    out = []
    while pos < len(data):  # 还有数据就还有一组
        n, k = int(data[pos]), int(data[pos + 1])
        nums = list(map(int, data[pos + 2 : pos + 2 + n]))
        pos += 2 + n
        window = sum(nums[:k])
        best = window
        for i in range(k, n):
            window += nums[i] - nums[i - k]
            best = max(best, window)
        out.append(best)
    sys.stdout.write("".join(f"{x}\n" for x in out))
# --8<-- [end:window-sum]


# --8<-- [start:maze]
def maze() -> None:
    """题 3 迷宫最短路(字符矩阵)。

    输入:第一行 n m;接下来 n 行,每行 m 个字符:'S' 起点、'E' 终点、'.' 空地、'#' 墙。
    输出:从 S 走到 E 的最少步数(每步上下左右走一格),走不到输出 -1。

    无权图最短路就是 BFS;入队时标记,距离存在与网格同形的数组里。
    """
    lines = sys.stdin.buffer.read().decode().split()
    n, m = int(lines[0]), int(lines[1])
    grid = lines[2 : 2 + n]
    start = end = (0, 0)
    for r in range(n):
        for c in range(m):
            if grid[r][c] == "S":
                start = (r, c)
            elif grid[r][c] == "E":
                end = (r, c)
    dist = [[-1] * m for _ in range(n)]
    dist[start[0]][start[1]] = 0
    queue = deque([start])
    while queue:
        r, c = queue.popleft()
        if (r, c) == end:
            break
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < n and 0 <= nc < m and grid[nr][nc] != "#" and dist[nr][nc] == -1:
                dist[nr][nc] = dist[r][c] + 1
                queue.append((nr, nc))
    print(dist[end[0]][end[1]])
# --8<-- [end:maze]


# --8<-- [start:subtree]
def subtree() -> None:
    """题 4 每个人管理多少人(树,n 可达 2·10^5,链状时递归会爆栈)。

    输入:第一行 n;第二行 n - 1 个整数,第 i 个数是员工 i + 1 的直属上级编号;员工 1 是老板。
    输出:一行 n 个整数,第 i 个是员工 i 直接或间接管理的人数(不含自己)。

    不递归:先 BFS 得到一个"父亲一定排在孩子前面"的顺序,再倒着把每个人的子树大小加到上级身上。
    """
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    boss = [0, 0] + [int(x) for x in data[1:n]]  # boss[i] 为员工 i 的上级,1 号没有上级
    children: list[list[int]] = [[] for _ in range(n + 1)]
    for i in range(2, n + 1):
        children[boss[i]].append(i)
    order = [1]
    for u in order:  # 边遍历边追加:这就是 BFS 序
        order.extend(children[u])
    size = [1] * (n + 1)
    for u in reversed(order):  # 孩子先于父亲结算
        if u != 1:
            size[boss[u]] += size[u]
    print(" ".join(str(size[i] - 1) for i in range(1, n + 1)))
# --8<-- [end:subtree]


# --8<-- [start:task-order]
def task_order() -> None:
    """题 5 字典序最小的任务顺序(先给组数 T)。

    输入:第一行 T;每组第一行 n m,接下来 m 行 a b,表示任务 a 必须在任务 b 之前完成(任务编号 1..n)。
    输出:每组一行:编号字典序最小的合法顺序,空格隔开;依赖有环时输出 -1。

    Kahn 拓扑排序,把队列换成小顶堆:每次取当前可做的编号最小的任务。O((n + m) log n)。
    """
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    lines = []
    for _ in range(t):
        n, m = int(data[pos]), int(data[pos + 1])
        pos += 2
        after: list[list[int]] = [[] for _ in range(n + 1)]
        indegree = [0] * (n + 1)
        for _ in range(m):
            a, b = int(data[pos]), int(data[pos + 1])
            pos += 2
            after[a].append(b)
            indegree[b] += 1
        ready = [i for i in range(1, n + 1) if indegree[i] == 0]
        heapq.heapify(ready)
        order = []
        while ready:
            u = heapq.heappop(ready)
            order.append(u)
            for v in after[u]:
                indegree[v] -= 1
                if indegree[v] == 0:
                    heapq.heappush(ready, v)
        lines.append(" ".join(map(str, order)) if len(order) == n else "-1")
    sys.stdout.write("\n".join(lines) + "\n")
# --8<-- [end:task-order]


PROBLEMS = {"range-sum": range_sum, "window-sum": window_sum, "maze": maze, "subtree": subtree, "task-order": task_order}

if __name__ == "__main__":
    PROBLEMS[sys.argv[1]]()
