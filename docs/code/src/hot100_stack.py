"""Hot 100 · 栈:20 有效的括号、155 最小栈、394 字符串解码、739 每日温度、84 柱状图中最大的矩形。"""

from __future__ import annotations


# --8<-- [start:lc20]
def lc20_is_valid(s: str) -> bool:
    """左括号入栈,右括号必须和栈顶配对;最后栈要为空。O(n) / O(n)。

    >>> lc20_is_valid("()[]{}"), lc20_is_valid("(]"), lc20_is_valid("([)]"), lc20_is_valid("(")
    (True, False, False, False)
    """
    pair = {")": "(", "]": "[", "}": "{"}
    stack: list[str] = []
    for ch in s:
        if ch in pair:
            if not stack or stack.pop() != pair[ch]:  # 先判空:")" 开头时栈是空的
                return False
        else:
            stack.append(ch)
    return not stack  # "((" 这种剩下没配对的也不合法
# --8<-- [end:lc20]


# --8<-- [start:lc155]
class Lc155MinStack:
    """每个元素旁边存"压入它时的栈内最小值",getMin 就是看栈顶。所有操作 O(1)。

    >>> from hot100_structures import play
    >>> play(Lc155MinStack, ["MinStack", "push", "push", "push", "getMin", "pop", "top", "getMin"],
    ...      [[], [-2], [0], [-3], [], [], [], []])
    [None, None, None, None, -3, None, 0, -2]
    """

    def __init__(self) -> None:
        self.items: list[tuple[int, int]] = []  # (值, 到此为止的最小值)

    def push(self, val: int) -> None:
        current_min = min(val, self.items[-1][1]) if self.items else val
        self.items.append((val, current_min))

    def pop(self) -> None:
        self.items.pop()

    def top(self) -> int:
        return self.items[-1][0]

    def getMin(self) -> int:  # noqa: N802 - 力扣规定的方法名
        return self.items[-1][1]
# --8<-- [end:lc155]


# --8<-- [start:lc394]
def lc394_decode_string(s: str) -> str:
    """遇到 "[" 把(当前串, 重复次数)压栈并清空;遇到 "]" 弹出,把当前串重复后接到外层串后面。O(输出长度)。

    >>> lc394_decode_string("3[a]2[bc]"), lc394_decode_string("3[a2[c]]"), lc394_decode_string("2[abc]3[cd]ef")
    ('aaabcbc', 'accaccacc', 'abcabccdcdcdef')
    """
    stack: list[tuple[list[str], int]] = []
    current: list[str] = []
    number = 0
    for ch in s:
        if ch.isdigit():
            number = number * 10 + int(ch)  # 次数可能是多位数,如 "12[a]"
        elif ch == "[":
            stack.append((current, number))
            current, number = [], 0
        elif ch == "]":
            outer, times = stack.pop()
            outer.append("".join(current) * times)
            current = outer
        else:
            current.append(ch)
    return "".join(current)
# --8<-- [end:lc394]


# --8<-- [start:lc739]
def lc739_daily_temperatures(temperatures: list[int]) -> list[int]:
    """单调递减栈存下标,遇到更高温度时依次出栈结算。每个下标进出栈各一次,O(n) / O(n)。

    >>> lc739_daily_temperatures([73, 74, 75, 71, 69, 72, 76, 73])
    [1, 1, 4, 2, 1, 1, 0, 0]
    """
    answer = [0] * len(temperatures)
    stack: list[int] = []  # 还没等到更高温度的日子,温度自底向上递减
    for i, t in enumerate(temperatures):
        while stack and temperatures[stack[-1]] < t:
            j = stack.pop()
            answer[j] = i - j
        stack.append(i)
    return answer
# --8<-- [end:lc739]


# --8<-- [start:lc84]
def lc84_largest_rectangle_area(heights: list[int]) -> int:
    """单调递增栈:柱子 j 出栈时,它右边第一个更矮的是 i,左边第一个更矮的是新栈顶,宽度随之确定。
    两端各补一个高度 0 的哨兵,省掉边界判断。O(n) / O(n)。

    >>> lc84_largest_rectangle_area([2, 1, 5, 6, 2, 3]), lc84_largest_rectangle_area([2, 4])
    (10, 4)
    """
    bars = [0] + heights + [0]
    stack: list[int] = []  # 下标,对应高度严格递增
    best = 0
    for i, h in enumerate(bars):
        while stack and bars[stack[-1]] > h:
            top = stack.pop()
            width = i - stack[-1] - 1  # 左哨兵 0 永远不会被弹出,stack 此时不空
            best = max(best, bars[top] * width)
        stack.append(i)
    return best
# --8<-- [end:lc84]
