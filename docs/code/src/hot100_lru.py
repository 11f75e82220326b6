"""Hot 100 · 146 LRU 缓存:OrderedDict 版与手写双向链表版,面试通常要求后者。

get / put 都要 O(1):哈希表按 key 找到结点,双向链表按"最近使用"排序,表头最新、表尾最旧。
"""

from __future__ import annotations

from collections import OrderedDict


# --8<-- [start:lc146-ordered]
class Lc146LRUCacheOrdered:
    """OrderedDict 记住插入顺序:move_to_end 标记为最新,popitem(last=False) 淘汰最旧。

    >>> from hot100_structures import play
    >>> play(Lc146LRUCacheOrdered, ["LRUCache", "put", "put", "get", "put", "get", "put", "get", "get", "get"],
    ...      [[2], [1, 1], [2, 2], [1], [3, 3], [2], [4, 4], [1], [3], [4]])
    [None, None, None, 1, None, -1, None, -1, 3, 4]
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data: OrderedDict[int, int] = OrderedDict()

    def get(self, key: int) -> int:
        if key not in self.data:
            return -1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key: int, value: int) -> None:
        self.data[key] = value
        self.data.move_to_end(key)  # 更新已有 key 也算一次使用
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)
# --8<-- [end:lc146-ordered]


# --8<-- [start:lc146-linked]
class _Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key: int = 0, value: int = 0) -> None:
        self.key, self.value = key, value  # 结点里存 key:淘汰表尾时要用它删哈希表
        self.prev: _Node = self
        self.next: _Node = self


class Lc146LRUCacheLinked:
    """哈希表 + 带哨兵的环形双向链表;sentinel.next 最新,sentinel.prev 最旧。

    >>> from hot100_structures import play
    >>> play(Lc146LRUCacheLinked, ["LRUCache", "put", "put", "get", "put", "get", "put", "get", "get", "get"],
    ...      [[2], [1, 1], [2, 2], [1], [3, 3], [2], [4, 4], [1], [3], [4]])
    [None, None, None, 1, None, -1, None, -1, 3, 4]
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.nodes: dict[int, _Node] = {}
        self.sentinel = _Node()  # 哨兵:空表时 prev/next 都指向自己,插入删除不用判空

    def _unlink(self, node: _Node) -> None:
        node.prev.next, node.next.prev = node.next, node.prev

    def _push_front(self, node: _Node) -> None:
        first = self.sentinel.next
        node.prev, node.next = self.sentinel, first
        self.sentinel.next = first.prev = node

    def get(self, key: int) -> int:
        node = self.nodes.get(key)
        if node is None:
            return -1
        self._unlink(node)
        self._push_front(node)
        return node.value

    def put(self, key: int, value: int) -> None:
        node = self.nodes.get(key)
        if node is not None:
            node.value = value
            self._unlink(node)
        else:
            node = self.nodes[key] = _Node(key, value)
            if len(self.nodes) > self.capacity:
                oldest = self.sentinel.prev
                self._unlink(oldest)
                del self.nodes[oldest.key]
        self._push_front(node)
# --8<-- [end:lc146-linked]
