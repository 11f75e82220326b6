"""Hot 100 · 双指针:283 移动零、11 盛最多水的容器、15 三数之和、42 接雨水。"""

from __future__ import annotations


# --8<-- [start:lc283]
def lc283_move_zeroes(nums: list[int]) -> None:
    """快慢指针,原地:slow 之前都是非零数且保持原顺序。O(n) / O(1)。

    >>> a = [0, 1, 0, 3, 12]
    >>> lc283_move_zeroes(a)
    >>> a
    [1, 3, 12, 0, 0]
    """
    slow = 0
    for fast in range(len(nums)):
        if nums[fast] != 0:
            nums[slow], nums[fast] = nums[fast], nums[slow]  # 交换而不是覆盖,零自然被换到后面
            slow += 1
# --8<-- [end:lc283]


# --8<-- [start:lc11]
def lc11_max_area(height: list[int]) -> int:
    """左右指针,每次移动较矮的一侧。O(n) / O(1)。

    移动较高的一侧时宽度变小、高度上限仍是较矮的那根,面积不可能变大,所以可以放心舍弃。

    >>> lc11_max_area([1, 8, 6, 2, 5, 4, 8, 3, 7]), lc11_max_area([1, 1])
    (49, 1)
    """
    left, right = 0, len(height) - 1
    best = 0
    while left < right:
        best = max(best, (right - left) * min(height[left], height[right]))
        if height[left] < height[right]:
            left += 1
        else:
            right -= 1
    return best
# --8<-- [end:lc11]


# --8<-- [start:lc15]
def lc15_three_sum(nums: list[int]) -> list[list[int]]:
    """排序 + 固定最小的数 + 对撞双指针;三处跳过重复值。O(n^2) / O(1)(不计排序与输出)。

    >>> lc15_three_sum([-1, 0, 1, 2, -1, -4])
    [[-1, -1, 2], [-1, 0, 1]]
    >>> lc15_three_sum([0, 1, 1]), lc15_three_sum([0, 0, 0])
    ([], [[0, 0, 0]])
    """
    nums = sorted(nums)
    n = len(nums)
    result: list[list[int]] = []
    for i in range(n - 2):
        if nums[i] > 0:
            break  # 最小的数都大于 0,和不可能为 0
        if i > 0 and nums[i] == nums[i - 1]:
            continue  # 去重 1:同一个第一个数只用一次
        left, right = i + 1, n - 1
        while left < right:
            s = nums[i] + nums[left] + nums[right]
            if s < 0:
                left += 1
            elif s > 0:
                right -= 1
            else:
                result.append([nums[i], nums[left], nums[right]])
                left += 1
                right -= 1
                while left < right and nums[left] == nums[left - 1]:
                    left += 1  # 去重 2
                while left < right and nums[right] == nums[right + 1]:
                    right -= 1  # 去重 3
    return result
# --8<-- [end:lc15]


# --8<-- [start:lc42]
def lc42_trap(height: list[int]) -> int:
    """双指针:每格的水 = min(左边最高, 右边最高) - 自身;哪边的最高值小就先结算哪边。O(n) / O(1)。

    >>> lc42_trap([0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1]), lc42_trap([4, 2, 0, 3, 2, 5])
    (6, 9)
    """
    left, right = 0, len(height) - 1
    left_max = right_max = 0
    water = 0
    while left < right:
        left_max = max(left_max, height[left])
        right_max = max(right_max, height[right])
        if left_max < right_max:  # 左格的瓶颈一定是 left_max(右边至少有 right_max 挡着)
            water += left_max - height[left]
            left += 1
        else:
            water += right_max - height[right]
            right -= 1
    return water
# --8<-- [end:lc42]
