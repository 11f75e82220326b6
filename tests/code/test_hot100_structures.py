"""Hot 100 共用工具:ListNode / TreeNode 与力扣列表写法的互转、play 运行设计题。

期望值都是手写的结点结构(直接用构造函数连起来),不经过被测的转换函数。
"""

import pytest

from hot100_structures import ListNode, TreeNode, play


def test_list_node_from_list_links_values_in_order():
    head = ListNode.from_list([4, 0, -7])
    assert (head.val, head.next.val, head.next.next.val, head.next.next.next) == (4, 0, -7, None)
    assert ListNode.from_list([]) is None
    assert ListNode.from_list(iter([9])).next is None  # 任何可迭代对象都行


def test_list_node_to_list_reads_hand_built_chain():
    assert ListNode.to_list(ListNode(1, ListNode(2, ListNode(3)))) == [1, 2, 3]
    assert ListNode.to_list(None) == []


def test_list_node_to_list_limit_is_inclusive():
    chain = ListNode(1, ListNode(2, ListNode(3)))
    assert ListNode.to_list(chain, limit=3) == [1, 2, 3]  # 恰好 limit 个结点不算超长
    with pytest.raises(ValueError) as error:
        ListNode.to_list(chain, limit=2)
    assert str(error.value) == "linked list longer than limit: is there a cycle?"


def test_list_node_to_list_default_limit_is_one_hundred_thousand():
    head = None
    for v in range(100_000):
        head = ListNode(v, head)
    assert len(ListNode.to_list(head)) == 100_000
    with pytest.raises(ValueError):
        ListNode.to_list(ListNode(-1, head))


def test_list_node_to_list_stops_on_cycle():
    a, b = ListNode(1), ListNode(2)
    a.next, b.next = b, a
    with pytest.raises(ValueError):
        ListNode.to_list(a, limit=10)


def test_list_node_repr_shows_only_value():
    a = ListNode(5)
    a.next = a  # 自环:dataclass 默认 repr 会无限递归
    assert repr(a) == "ListNode(5)"
    assert ListNode(5) != ListNode(5)  # eq=False:按身份比较


def test_tree_node_from_list_follows_level_order():
    root = TreeNode.from_list([3, 9, 20, None, None, 15, 7])
    assert (root.val, root.left.val, root.right.val) == (3, 9, 20)
    assert root.left.left is None and root.left.right is None
    assert (root.right.left.val, root.right.right.val) == (15, 7)
    assert root.right.left.left is None and root.right.right.right is None


def test_tree_node_from_list_skips_children_of_missing_nodes():
    root = TreeNode.from_list([1, None, 2, 3])  # 3 是 2 的左孩子,不是空位的孩子
    assert root.left is None
    assert root.right.val == 2 and root.right.left.val == 3 and root.right.right is None
    root = TreeNode.from_list([0, 0, None, 0])  # 值为 0 的结点不是空位
    assert (root.val, root.left.val, root.left.left.val) == (0, 0, 0)
    assert root.right is None and root.left.right is None


def test_tree_node_from_list_empty_and_short_inputs():
    assert TreeNode.from_list([]) is None
    assert TreeNode.from_list([None]) is None
    assert TreeNode.from_list([None, 1]) is None
    root = TreeNode.from_list([1, 2])
    assert root.left.val == 2 and root.right is None and root.left.left is None
    root = TreeNode.from_list([5])
    assert root.val == 5 and root.left is None and root.right is None


def test_tree_node_to_list_trims_trailing_nones():
    assert TreeNode.to_list(TreeNode(1, TreeNode(2))) == [1, 2]
    assert TreeNode.to_list(TreeNode(1, None, TreeNode(2, TreeNode(3)))) == [1, None, 2, 3]
    tree = TreeNode(3, TreeNode(9), TreeNode(20, TreeNode(15), TreeNode(7)))
    assert TreeNode.to_list(tree) == [3, 9, 20, None, None, 15, 7]
    assert TreeNode.to_list(TreeNode(0, None, TreeNode(0))) == [0, None, 0]
    assert TreeNode.to_list(None) == []


def test_tree_node_repr_shows_only_value():
    assert repr(TreeNode(8, TreeNode(1))) == "TreeNode(8)"


class _Counter:
    def __init__(self, start: int) -> None:
        self.value = start

    def add(self, k: int) -> int:
        self.value += k
        return self.value

    def reset(self) -> None:
        self.value = 0


def test_play_constructs_then_calls_in_order():
    assert play(_Counter, ["Counter", "add", "add", "reset", "add"], [[10], [1], [5], [], [2]]) == [None, 11, 16, None, 2]
    assert play(_Counter, ["Counter"], [[3]]) == [None]
