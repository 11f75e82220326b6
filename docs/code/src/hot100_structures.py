"""Hot 100 共用的小工具:链表结点、二叉树结点,以及按 LeetCode 的"操作序列"跑设计题。

力扣的链表和树题目都用 Python 列表描述输入:链表 ``[1, 2, 3]``,树按层序 ``[3, 9, 20, None, None, 15, 7]``
(``None`` 表示空位,空结点的孩子不再写出)。这里的 ``from_list`` / ``to_list`` 与之互相转换,
测试和 doctest 因此可以直接写题目里的样例。
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


# --8<-- [start:list-node]
@dataclass(eq=False)  # eq=False:结点按身份比较,环形链表和相交链表的题要判断"是不是同一个结点"
class ListNode:
    val: int
    next: ListNode | None = None

    @classmethod
    def from_list(cls, values: Iterable[int]) -> ListNode | None:
        """>>> ListNode.to_list(ListNode.from_list([1, 2, 3]))
        [1, 2, 3]
        """
        dummy = cls(0)
        tail = dummy
        for v in values:
            tail.next = cls(v)
            tail = tail.next
        return dummy.next

    @staticmethod
    def to_list(head: ListNode | None, limit: int = 100_000) -> list[int]:
        """链表转列表;超过 limit 个结点就报错(多半是代码把链表连成了环)。"""
        out: list[int] = []
        while head is not None:
            out.append(head.val)
            if len(out) > limit:
                raise ValueError("linked list longer than limit: is there a cycle?")
            head = head.next
        return out

    def __repr__(self) -> str:  # 只打印值,避免 dataclass 默认 repr 在环上无限递归
        return f"ListNode({self.val})"
# --8<-- [end:list-node]


# --8<-- [start:tree-node]
@dataclass(eq=False)
class TreeNode:
    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None

    @classmethod
    def from_list(cls, values: list[int | None]) -> TreeNode | None:
        """按力扣的层序写法建树。

        >>> TreeNode.to_list(TreeNode.from_list([1, None, 2, 3]))
        [1, None, 2, 3]
        """
        if not values or values[0] is None:
            return None
        root = cls(values[0])
        queue = deque([root])
        i = 1
        while queue and i < len(values):
            node = queue.popleft()
            for side in ("left", "right"):
                if i < len(values) and values[i] is not None:
                    child = cls(values[i])
                    setattr(node, side, child)
                    queue.append(child)
                i += 1
        return root

    @staticmethod
    def to_list(root: TreeNode | None) -> list[int | None]:
        """转回层序列表,去掉末尾的 None(与力扣的输出格式一致)。"""
        out: list[int | None] = []
        queue: deque[TreeNode | None] = deque([root])
        while queue:
            node = queue.popleft()
            if node is None:
                out.append(None)
                continue
            out.append(node.val)
            queue.append(node.left)
            queue.append(node.right)
        while out and out[-1] is None:
            out.pop()
        return out

    def __repr__(self) -> str:
        return f"TreeNode({self.val})"
# --8<-- [end:tree-node]


def play(factory: Callable[..., Any], operations: list[str], arguments: list[list[Any]]) -> list[Any]:
    """按力扣设计题的格式运行:第一个操作是构造,其余是方法调用;返回每一步的结果(构造为 None)。

    >>> play(list, ["list", "append", "pop"], [[], [7], []])
    [None, None, 7]
    """
    obj = factory(*arguments[0])
    results: list[Any] = [None]
    for name, args in zip(operations[1:], arguments[1:]):
        results.append(getattr(obj, name)(*args))
    return results
