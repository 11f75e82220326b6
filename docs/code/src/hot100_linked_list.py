"""Hot 100 · 链表:160、206、234、141、142、21、2、19、24、25、138、148、23(146 LRU 在 hot100_lru.py)。

结点类型与列表互转见 hot100_structures.py。几个通用手法:哑结点 dummy 统一处理"头结点可能变";
快慢指针找中点、判环、找倒数第 k 个;改 next 之前先存后继。
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from hot100_structures import ListNode


# --8<-- [start:lc160]
def lc160_get_intersection_node(a: ListNode | None, b: ListNode | None) -> ListNode | None:
    """两个指针各走 A+B 的路程:走完自己的链表就换到对方的头,第一次相遇就是交点。O(m+n) / O(1)。

    不相交时两人同时走到 None(都走了 m + n 步),循环结束返回 None。

    >>> common = ListNode.from_list([8, 4, 5])
    >>> a = ListNode(4, ListNode(1, common)); b = ListNode(5, ListNode(6, ListNode(1, common)))
    >>> lc160_get_intersection_node(a, b) is common
    True
    """
    p, q = a, b
    while p is not q:  # 比较的是结点身份,不是值
        p = p.next if p is not None else b
        q = q.next if q is not None else a
    return p
# --8<-- [end:lc160]


# --8<-- [start:lc206]
def lc206_reverse_list(head: ListNode | None) -> ListNode | None:
    """三个指针迭代。O(n) / O(1)。

    >>> ListNode.to_list(lc206_reverse_list(ListNode.from_list([1, 2, 3, 4, 5])))
    [5, 4, 3, 2, 1]
    """
    prev = None
    cur = head
    while cur is not None:
        nxt = cur.next  # 先记下后继,否则改指针后就丢了
        cur.next = prev
        prev, cur = cur, nxt
    return prev
# --8<-- [end:lc206]


# --8<-- [start:lc234]
def lc234_is_palindrome(head: ListNode | None) -> bool:
    """快慢指针找中点,反转后半段,与前半段逐个比较,最后把后半段反转回去。O(n) / O(1)。

    >>> lc234_is_palindrome(ListNode.from_list([1, 2, 2, 1])), lc234_is_palindrome(ListNode.from_list([1, 2]))
    (True, False)
    """
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow, fast = slow.next, fast.next.next  # 奇数长度时 slow 停在正中间
    second = lc206_reverse_list(slow)
    p, q, ok = head, second, True
    while q is not None:
        if p.val != q.val:
            ok = False
            break
        p, q = p.next, q.next
    lc206_reverse_list(second)  # 恢复原链表:面试官常问"你改了输入吗"
    return ok
# --8<-- [end:lc234]


# --8<-- [start:lc141]
def lc141_has_cycle(head: ListNode | None) -> bool:
    """Floyd 判圈:快指针一次两步,慢指针一次一步,有环必相遇。O(n) / O(1)。

    >>> nodes = [ListNode(v) for v in (3, 2, 0, -4)]
    >>> for x, y in zip(nodes, nodes[1:] + [nodes[1]]): x.next = y
    >>> lc141_has_cycle(nodes[0]), lc141_has_cycle(ListNode.from_list([1, 2]))
    (True, False)
    """
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow, fast = slow.next, fast.next.next
        if slow is fast:
            return True
    return False
# --8<-- [end:lc141]


# --8<-- [start:lc142]
def lc142_detect_cycle(head: ListNode | None) -> ListNode | None:
    """相遇后,一个指针回到头,两个都一次一步,再次相遇处就是入环点。O(n) / O(1)。

    设头到入环点 a 步、入环点到相遇点 b 步、环长 c:慢指针走了 a + b,快指针走了 2(a + b),
    多走的 a + b 是环长的整数倍,所以从相遇点再走 a 步恰好回到入环点。

    >>> nodes = [ListNode(v) for v in (3, 2, 0, -4)]
    >>> for x, y in zip(nodes, nodes[1:] + [nodes[1]]): x.next = y
    >>> lc142_detect_cycle(nodes[0]) is nodes[1]
    True
    """
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow, fast = slow.next, fast.next.next
        if slow is fast:
            p = head
            while p is not slow:
                p, slow = p.next, slow.next
            return p
    return None
# --8<-- [end:lc142]


# --8<-- [start:lc21]
def lc21_merge_two_lists(a: ListNode | None, b: ListNode | None) -> ListNode | None:
    """哑结点 + 谁小接谁,最后把剩下的一段整体接上。O(m+n) / O(1)。

    >>> ListNode.to_list(lc21_merge_two_lists(ListNode.from_list([1, 2, 4]), ListNode.from_list([1, 3, 4])))
    [1, 1, 2, 3, 4, 4]
    """
    dummy = tail = ListNode(0)
    while a is not None and b is not None:
        if a.val <= b.val:  # <= 保持稳定:相等时先取 a
            tail.next, a = a, a.next
        else:
            tail.next, b = b, b.next
        tail = tail.next
    tail.next = a if a is not None else b
    return dummy.next
# --8<-- [end:lc21]


# --8<-- [start:lc2]
def lc2_add_two_numbers(a: ListNode | None, b: ListNode | None) -> ListNode | None:
    """逆序存放的两个数逐位相加,carry 进位;两条链都走完后还要看最后的进位。O(max(m,n))。

    >>> ListNode.to_list(lc2_add_two_numbers(ListNode.from_list([2, 4, 3]), ListNode.from_list([5, 6, 4])))
    [7, 0, 8]
    >>> ListNode.to_list(lc2_add_two_numbers(ListNode.from_list([9, 9]), ListNode.from_list([1])))
    [0, 0, 1]
    """
    dummy = tail = ListNode(0)
    carry = 0
    while a is not None or b is not None or carry:
        total = carry + (a.val if a else 0) + (b.val if b else 0)
        carry, digit = divmod(total, 10)
        tail.next = ListNode(digit)
        tail = tail.next
        a = a.next if a else None
        b = b.next if b else None
    return dummy.next
# --8<-- [end:lc2]


# --8<-- [start:lc19]
def lc19_remove_nth_from_end(head: ListNode | None, n: int) -> ListNode | None:
    """快指针先走 n 步,然后快慢同走;快指针到尾时慢指针停在待删结点的前一个。一遍扫描。

    从哑结点出发,删除的是头结点时也不用特判。

    >>> ListNode.to_list(lc19_remove_nth_from_end(ListNode.from_list([1, 2, 3, 4, 5]), 2))
    [1, 2, 3, 5]
    >>> ListNode.to_list(lc19_remove_nth_from_end(ListNode.from_list([1]), 1))
    []
    """
    dummy = ListNode(0, head)
    fast = slow = dummy
    for _ in range(n):
        fast = fast.next
    while fast.next is not None:
        fast, slow = fast.next, slow.next
    slow.next = slow.next.next
    return dummy.next
# --8<-- [end:lc19]


# --8<-- [start:lc24]
def lc24_swap_pairs(head: ListNode | None) -> ListNode | None:
    """prev -> a -> b -> rest 改成 prev -> b -> a -> rest,prev 前进两格。O(n) / O(1)。

    >>> ListNode.to_list(lc24_swap_pairs(ListNode.from_list([1, 2, 3, 4, 5])))
    [2, 1, 4, 3, 5]
    """
    dummy = prev = ListNode(0, head)
    while prev.next is not None and prev.next.next is not None:
        a, b = prev.next, prev.next.next
        prev.next, a.next, b.next = b, b.next, a
        prev = a
    return dummy.next
# --8<-- [end:lc24]


# --8<-- [start:lc25]
def lc25_reverse_k_group(head: ListNode | None, k: int) -> ListNode | None:
    """每次先数够 k 个,不够就保持原样;够了就在组内头插反转,再把组接回去。O(n) / O(1)。

    >>> ListNode.to_list(lc25_reverse_k_group(ListNode.from_list([1, 2, 3, 4, 5]), 2))
    [2, 1, 4, 3, 5]
    >>> ListNode.to_list(lc25_reverse_k_group(ListNode.from_list([1, 2, 3, 4, 5]), 3))
    [3, 2, 1, 4, 5]
    """
    dummy = ListNode(0, head)
    group_prev = dummy  # 上一组反转后的尾巴
    while True:
        kth = group_prev
        for _ in range(k):
            kth = kth.next
            if kth is None:
                return dummy.next  # 剩余不足 k 个
        group_next = kth.next
        prev, cur = group_next, group_prev.next  # 反转后组内第一个要指向下一组
        while cur is not group_next:
            cur.next, prev, cur = prev, cur, cur.next
        first = group_prev.next  # 反转前的组头 = 反转后的组尾
        group_prev.next = kth
        group_prev = first
# --8<-- [end:lc25]


# --8<-- [start:lc138]
@dataclass(eq=False)
class RandomNode:
    val: int
    next: RandomNode | None = None
    random: RandomNode | None = None


def lc138_copy_random_list(head: RandomNode | None) -> RandomNode | None:
    """哈希表:旧结点 -> 新结点,两遍:先建结点,再连 next 和 random。O(n) / O(n)。

    进阶的 O(1) 额外空间写法:把每个新结点插在旧结点后面,连 random 后再拆开。

    >>> a = RandomNode(7); b = RandomNode(13, random=a); a.next = b
    >>> c = lc138_copy_random_list(a)
    >>> (c.val, c.next.val, c.next.random is c, c is not a)
    (7, 13, True, True)
    """
    copy: dict[RandomNode | None, RandomNode | None] = {None: None}
    node = head
    while node is not None:
        copy[node] = RandomNode(node.val)
        node = node.next
    node = head
    while node is not None:
        copy[node].next = copy[node.next]
        copy[node].random = copy[node.random]
        node = node.next
    return copy[head]
# --8<-- [end:lc138]


# --8<-- [start:lc148]
def lc148_sort_list(head: ListNode | None) -> ListNode | None:
    """归并排序:快慢指针从中间断开,递归排两半,再用 LC 21 合并。O(n log n) 时间 / O(log n) 栈。

    >>> ListNode.to_list(lc148_sort_list(ListNode.from_list([-1, 5, 3, 4, 0])))
    [-1, 0, 3, 4, 5]
    """
    if head is None or head.next is None:
        return head
    slow, fast = head, head.next  # fast 从 head.next 出发:两个结点时 slow 停在第一个,才能断开
    while fast is not None and fast.next is not None:
        slow, fast = slow.next, fast.next.next
    second, slow.next = slow.next, None
    return lc21_merge_two_lists(lc148_sort_list(head), lc148_sort_list(second))
# --8<-- [end:lc148]


# --8<-- [start:lc23]
def lc23_merge_k_lists(lists: list[ListNode | None]) -> ListNode | None:
    """小顶堆放每条链的当前头,每次弹出最小的接到结果上。O(N log k),N 为总结点数。

    堆里放 (值, 链编号, 结点):值相等时按编号比较,避免比较 ListNode 本身而报错。

    >>> ListNode.to_list(lc23_merge_k_lists([ListNode.from_list(x) for x in ([1, 4, 5], [1, 3, 4], [2, 6])]))
    [1, 1, 2, 3, 4, 4, 5, 6]
    """
    heap = [(node.val, i, node) for i, node in enumerate(lists) if node is not None]
    heapq.heapify(heap)
    dummy = tail = ListNode(0)
    while heap:
        _, i, node = heapq.heappop(heap)
        tail.next = tail = node
        if node.next is not None:
            heapq.heappush(heap, (node.next.val, i, node.next))
    return dummy.next
# --8<-- [end:lc23]
