"""Hot 100 · 图论:200 岛屿数量、994 腐烂的橘子、207 课程表、208 实现 Trie。"""

from __future__ import annotations

from collections import deque


# --8<-- [start:lc200]
def lc200_num_islands(grid: list[list[str]]) -> int:
    """遇到未访问的陆地就 BFS 淹掉整座岛。O(R·C) / O(R·C)。

    用 BFS(或显式栈)而不是递归 DFS:300×300 全是陆地时递归深度会超过 Python 默认的 1000。

    >>> lc200_num_islands([["1", "1", "0"], ["0", "1", "0"], ["1", "0", "1"]])
    3
    """
    rows, cols = len(grid), len(grid[0]) if grid else 0
    seen = [[False] * cols for _ in range(rows)]
    islands = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != "1" or seen[r][c]:
                continue
            islands += 1
            seen[r][c] = True  # 入队时就标记,避免同一格重复入队
            queue = deque([(r, c)])
            while queue:
                i, j = queue.popleft()
                for ni, nj in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
                    if 0 <= ni < rows and 0 <= nj < cols and grid[ni][nj] == "1" and not seen[ni][nj]:
                        seen[ni][nj] = True
                        queue.append((ni, nj))
    return islands
# --8<-- [end:lc200]


# --8<-- [start:lc994]
def lc994_oranges_rotting(grid: list[list[int]]) -> int:
    """多源 BFS:所有烂橘子同时入队,按层扩散,层数就是分钟数;最后还有新鲜的返回 -1。O(R·C)。

    >>> lc994_oranges_rotting([[2, 1, 1], [1, 1, 0], [0, 1, 1]]), lc994_oranges_rotting([[2, 1, 1], [0, 1, 1], [1, 0, 1]])
    (4, -1)
    >>> lc994_oranges_rotting([[0, 2]])
    0
    """
    rows, cols = len(grid), len(grid[0])
    grid = [row[:] for row in grid]  # 不改调用者的输入
    queue = deque((r, c) for r in range(rows) for c in range(cols) if grid[r][c] == 2)
    fresh = sum(row.count(1) for row in grid)
    minutes = 0
    while queue and fresh:  # fresh 为 0 就停:否则最后一层会多数一分钟
        minutes += 1
        for _ in range(len(queue)):
            i, j = queue.popleft()
            for ni, nj in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
                if 0 <= ni < rows and 0 <= nj < cols and grid[ni][nj] == 1:
                    grid[ni][nj] = 2
                    fresh -= 1
                    queue.append((ni, nj))
    return -1 if fresh else minutes
# --8<-- [end:lc994]


# --8<-- [start:lc207]
def lc207_can_finish(num_courses: int, prerequisites: list[list[int]]) -> bool:
    """Kahn 拓扑排序:入度为 0 的课先修,修完把后继的入度减 1;全部修完说明无环。O(V + E)。

    >>> lc207_can_finish(2, [[1, 0]]), lc207_can_finish(2, [[1, 0], [0, 1]])
    (True, False)
    """
    after: list[list[int]] = [[] for _ in range(num_courses)]
    indegree = [0] * num_courses
    for course, pre in prerequisites:  # [a, b] 表示先修 b 才能修 a:边 b -> a
        after[pre].append(course)
        indegree[course] += 1
    queue = deque(i for i in range(num_courses) if indegree[i] == 0)
    taken = 0
    while queue:
        pre = queue.popleft()
        taken += 1
        for course in after[pre]:
            indegree[course] -= 1
            if indegree[course] == 0:
                queue.append(course)
    return taken == num_courses
# --8<-- [end:lc207]


# --8<-- [start:lc208]
class Lc208Trie:
    """前缀树:每个结点是 {字符: 子结点} 的字典,再加一个"有单词在这里结束"的标记。

    insert / search / startsWith 都是 O(单词长度)。

    >>> from hot100_structures import play
    >>> play(Lc208Trie, ["Trie", "insert", "search", "search", "startsWith", "insert", "search"],
    ...      [[], ["apple"], ["apple"], ["app"], ["app"], ["app"], ["app"]])
    [None, None, True, False, True, None, True]
    """

    END = "$"  # 结束标记用一个不会出现在小写单词里的键

    def __init__(self) -> None:
        self.root: dict = {}

    def insert(self, word: str) -> None:
        node = self.root
        for ch in word:
            node = node.setdefault(ch, {})
        node[self.END] = True

    def _walk(self, prefix: str) -> dict | None:
        node = self.root
        for ch in prefix:
            node = node.get(ch)
            if node is None:
                return None
        return node

    def search(self, word: str) -> bool:
        node = self._walk(word)
        return node is not None and self.END in node  # 只走到了前缀不算

    def startsWith(self, prefix: str) -> bool:  # noqa: N802 - 力扣规定的方法名
        return self._walk(prefix) is not None
# --8<-- [end:lc208]
