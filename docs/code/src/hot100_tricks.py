"""Hot 100 · 技巧:136 只出现一次的数字、169 多数元素、75 颜色分类、31 下一个排列、287 寻找重复数。"""

from __future__ import annotations


# --8<-- [start:lc136]
def lc136_single_number(nums: list[int]) -> int:
    """异或:x ^ x = 0,x ^ 0 = x,满足交换律,成对的数全部抵消。O(n) / O(1)。

    >>> lc136_single_number([2, 2, 1]), lc136_single_number([4, 1, 2, 1, 2])
    (1, 4)
    """
    result = 0
    for x in nums:
        result ^= x
    return result
# --8<-- [end:lc136]


# --8<-- [start:lc169]
def lc169_majority_element(nums: list[int]) -> int:
    """Boyer-Moore 投票:不同的数两两抵消,出现超过一半的数最后一定留下。O(n) / O(1)。

    前提是多数元素一定存在;不保证存在时要再数一遍验证。

    >>> lc169_majority_element([3, 2, 3]), lc169_majority_element([2, 2, 1, 1, 1, 2, 2])
    (3, 2)
    """
    candidate, count = nums[0], 0
    for x in nums:
        if count == 0:
            candidate = x
        count += 1 if x == candidate else -1
    return candidate
# --8<-- [end:lc169]


# --8<-- [start:lc75]
def lc75_sort_colors(nums: list[int]) -> None:
    """荷兰国旗三指针:[0, low) 全是 0,[low, i) 全是 1,(high, n) 全是 2。一遍扫描,O(n) / O(1)。

    >>> a = [2, 0, 2, 1, 1, 0]
    >>> lc75_sort_colors(a)
    >>> a
    [0, 0, 1, 1, 2, 2]
    """
    low, i, high = 0, 0, len(nums) - 1
    while i <= high:
        if nums[i] == 0:
            nums[low], nums[i] = nums[i], nums[low]
            low += 1
            i += 1  # 换过来的一定是 1(或就是自己),可以前进
        elif nums[i] == 2:
            nums[high], nums[i] = nums[i], nums[high]
            high -= 1  # 换过来的还没看过,i 不动
        else:
            i += 1
# --8<-- [end:lc75]


# --8<-- [start:lc31]
def lc31_next_permutation(nums: list[int]) -> None:
    """从右往左找第一个"下降点" i(nums[i] < nums[i+1]),再从右找第一个比它大的 j,交换,
    最后把 i 之后(原本降序)的部分反转成升序。整个数组降序时直接反转成最小排列。O(n) / O(1)。

    >>> a = [1, 2, 3]; lc31_next_permutation(a); a
    [1, 3, 2]
    >>> a = [3, 2, 1]; lc31_next_permutation(a); a
    [1, 2, 3]
    >>> a = [1, 1, 5]; lc31_next_permutation(a); a
    [1, 5, 1]
    """
    i = len(nums) - 2
    while i >= 0 and nums[i] >= nums[i + 1]:  # >=:相等也要跳过,否则重复值会出错
        i -= 1
    if i >= 0:
        j = len(nums) - 1
        while nums[j] <= nums[i]:
            j -= 1
        nums[i], nums[j] = nums[j], nums[i]
    lo, hi = i + 1, len(nums) - 1
    while lo < hi:
        nums[lo], nums[hi] = nums[hi], nums[lo]
        lo += 1
        hi -= 1
# --8<-- [end:lc31]


# --8<-- [start:lc287]
def lc287_find_duplicate(nums: list[int]) -> int:
    """把 i -> nums[i] 看成链表:值域 [1, n] 而有 n + 1 个下标,重复的值就是环的入口(同 LC 142)。
    不改数组、O(1) 额外空间、O(n) 时间。

    >>> lc287_find_duplicate([1, 3, 4, 2, 2]), lc287_find_duplicate([3, 1, 3, 4, 2]), lc287_find_duplicate([3, 3, 3, 3, 3])
    (2, 3, 3)
    """
    slow = fast = 0  # 下标 0 没有结点指向它(值不为 0),所以 0 一定在环外
    while True:
        slow = nums[slow]
        fast = nums[nums[fast]]
        if slow == fast:
            break
    slow = 0
    while slow != fast:
        slow = nums[slow]
        fast = nums[fast]
    return slow
# --8<-- [end:lc287]
