"""LeetCode 3:两种滑动窗口写法对照 O(n^3) 暴力枚举(hypothesis)。"""

from hypothesis import given, settings
from hypothesis import strategies as st

from leetcode_3 import brute_force, length_of_longest_substring, length_of_longest_substring_set

small_alphabet = st.text(alphabet="abcd", max_size=25)  # 小字母表:重复多,容易触发边界
any_text = st.text(max_size=30)  # 任意 Unicode,含空格、emoji


@settings(max_examples=300, deadline=None)
@given(st.one_of(small_alphabet, any_text))
def test_leetcode_3_matches_brute_force(s):
    expected = brute_force(s)
    assert length_of_longest_substring(s) == expected
    assert length_of_longest_substring_set(s) == expected


def test_leetcode_3_official_examples():
    cases = {"abcabcbb": 3, "bbbbb": 1, "pwwkew": 3, "": 0, " ": 1, "au": 2, "dvdf": 3, "abba": 2, "tmmzuxt": 5}
    for s, expected in cases.items():
        assert length_of_longest_substring(s) == expected, s
        assert length_of_longest_substring_set(s) == expected, s


def test_leetcode_3_stale_index_bug_is_caught():
    # 常见错误:不检查 last_seen[ch] >= left,left 会被"窗口外"的旧位置拉回来。
    def buggy(s):
        last, left, best = {}, 0, 0
        for right, ch in enumerate(s):
            if ch in last:
                left = last[ch] + 1
            last[ch] = right
            best = max(best, right - left + 1)
        return best

    assert buggy("abba") == 3  # 错:"bba" 含重复
    assert length_of_longest_substring("abba") == brute_force("abba") == 2
