"""Hot 100 · 滑动窗口:3 无重复字符的最长子串、438 找到字符串中所有字母异位词。

LC 3 的完整讲解和两种写法在 leetcode_3.py(手撕 F22),这里只给它一个 Hot 100 风格的名字。
"""

from __future__ import annotations

from leetcode_3 import length_of_longest_substring

# --8<-- [start:lc3]
lc3_length_of_longest_substring = length_of_longest_substring  # 同一个函数,见 leetcode_3.py
# --8<-- [end:lc3]


# --8<-- [start:lc438]
def lc438_find_anagrams(s: str, p: str) -> list[int]:
    """定长窗口 + 计数差。O(n·|Σ|) / O(|Σ|)。

    >>> lc438_find_anagrams("cbaebabacd", "abc"), lc438_find_anagrams("abab", "ab")
    ([0, 6], [0, 1, 2])
    """
    m = len(p)
    if m > len(s):
        return []
    need: dict[str, int] = {}
    for ch in p:
        need[ch] = need.get(ch, 0) + 1
    window: dict[str, int] = {}
    result = []
    for right, ch in enumerate(s):
        window[ch] = window.get(ch, 0) + 1
        if right >= m:  # 窗口超长:移出最左边的字符
            out = s[right - m]
            window[out] -= 1
            if window[out] == 0:
                del window[out]  # 删掉 0 计数,字典才能直接比较
        if right >= m - 1 and window == need:
            result.append(right - m + 1)
    return result
# --8<-- [end:lc438]
