"""Hot 100 · 滑动窗口:官方样例 + hypothesis 对照暴力解。"""

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_sliding_window import lc3_length_of_longest_substring, lc438_find_anagrams

FAST = settings(max_examples=50)


@FAST
@given(st.text(alphabet="abcd", max_size=20))
def test_lc3_length_of_longest_substring_matches_brute_force(s):
    assert [lc3_length_of_longest_substring(x) for x in ("abcabcbb", "bbbbb", "pwwkew", "abba")] == [3, 1, 3, 2]
    expected = max((j - i for i in range(len(s)) for j in range(i + 1, len(s) + 1) if len(set(s[i:j])) == j - i), default=0)
    assert lc3_length_of_longest_substring(s) == expected


@FAST
@given(st.text(alphabet="abc", max_size=20), st.text(alphabet="abc", min_size=1, max_size=4))
def test_lc438_find_anagrams_matches_brute_force(s, p):
    assert lc438_find_anagrams("a", "ab") == []
    expected = [i for i in range(len(s) - len(p) + 1) if sorted(s[i : i + len(p)]) == sorted(p)]
    assert lc438_find_anagrams(s, p) == expected


def test_lc438_find_anagrams_examples():
    assert lc438_find_anagrams("cbaebabacd", "abc") == [0, 6]
    assert lc438_find_anagrams("abab", "ab") == [0, 1, 2]
