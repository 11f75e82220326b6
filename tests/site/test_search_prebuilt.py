"""The build-time tokenizing of the search index (tools/site/search_prebuilt.py).

Exact outputs on tiny corpora. That the browser assembles the same lunr index from them as the
worker builds (same ranked results, scores and highlights) is checked in Chromium by
tests/site/test_search_prebuilt_browser.py.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tools.site.search_prebuilt import (
    JS_WHITESPACE,
    PREBUILT_JS,
    NotPrebuildable,
    fingerprint,
    js_separator,
    packed,
    script,
    term_counts,
    text_runs,
    tokens,
    varints,
    write_prebuilt_index,
)

# The site's separator as Material writes it into search_index.json.
SEPARATOR = "[\\s\\u200b\\u3000\\-、。，．？！；]+"
CONFIG = {
    "lang": ["en"],
    "separator": SEPARATOR,
    "pipeline": [],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


def test_js_separator_uses_javascript_whitespace_inside_and_outside_a_class() -> None:
    assert js_separator(r"[\s\-]+").pattern == f"[{JS_WHITESPACE}\\-]+"
    assert js_separator(r"a\sb").pattern == f"a[{JS_WHITESPACE}]b"
    assert js_separator(r"\\s").pattern == r"\\s"  # an escaped backslash, then a plain s


def test_js_separator_splits_like_javascript_not_python() -> None:
    separator = js_separator(SEPARATOR)
    assert separator.split("a\x1cb\x85c") == ["a\x1cb\x85c"]  # Python's \s would split here
    assert separator.split("a\ufeffb\u200bc\u3000d、e") == ["a", "b", "c", "d", "e"]


def test_text_runs_keeps_text_between_tags() -> None:
    assert text_runs("<p>注意力<code>QK^T</code> 缩放</p>") == ["注意力", "QK^T", " 缩放"]
    assert text_runs("plain") == ["plain"]
    assert text_runs("<br/><hr>") == []


def test_text_runs_follows_the_worker_on_stray_angle_brackets() -> None:
    # The worker's walk starts a run at every "<" it meets outside a run, so "a<b" inside a tag's
    # attribute ends a run there too; it is ported as is, so the terms still match.
    assert text_runs("x<a title='1<2'>y</a>") == ["x", "<a title='1", "y"]
    assert text_runs("a > b") == [" b"]


def test_tokens_lowercase_and_split_every_item_of_a_list() -> None:
    separator = js_separator(SEPARATOR)
    assert tokens("<h2>Top-P\u200b采样</h2><p>KV Cache。</p>", separator) == ["top", "p", "采样", "kv", "cache"]
    assert tokens(["LLM", "解码\u200b策略"], separator) == ["llm", "解码", "策略"]
    assert tokens(None, separator) == []
    assert tokens("", separator) == []


def test_term_counts_numbers_terms_in_order_of_first_occurrence() -> None:
    docs = [
        {"location": "a.html", "title": "Beam 搜索", "text": "<p>beam\u200b搜索 top</p>", "tags": ["解码"]},
        {"location": "a.html#x", "title": "Top-K", "text": "<p>k</p>", "boost": 2.0},
    ]
    counts = term_counts(CONFIG, docs)
    # first occurrence: beam 0, 搜索 1, top 2, 解码 3, k 4; sorted by UTF-16 units: beam k top 搜 解
    assert counts == {
        "terms": ["beam", "k", "top", "搜索", "解码"],
        "numbers": [0, 4, 2, 1, 3],
        "vectors": [
            [0, 1, 3, 1],  # a.html title: beam, 搜索
            [0, 1, 3, 1, 2, 1],  # a.html text: beam, 搜索, top (ordered by number)
            [4, 1],  # a.html tags: 解码
            [2, 1, 1, 1],  # a.html#x title: top, k
            [1, 1],  # a.html#x text: k
            [],  # a.html#x has no tags
        ],
    }


def test_term_counts_sorts_terms_by_utf16_code_units() -> None:
    # U+FF21 sorts after U+1F600 by code point but before it in UTF-16 (the emoji is D83D DE00).
    docs = [{"location": "a.html", "title": "\uff41 \U0001f600 z", "text": ""}]
    config = {**CONFIG, "fields": {"title": {}, "text": {}}}
    assert term_counts(config, docs)["terms"] == ["z", "\U0001f600", "\uff41"]


def test_term_counts_refuses_a_config_it_does_not_reproduce() -> None:
    with pytest.raises(NotPrebuildable, match="lang"):
        term_counts({**CONFIG, "lang": ["zh"]}, [])
    with pytest.raises(NotPrebuildable, match="pipeline"):
        term_counts({**CONFIG, "pipeline": ["stemmer"]}, [])


def test_fingerprint_counts_utf16_units_of_title_and_text() -> None:
    assert fingerprint([{"title": "注意力", "text": "<p>\U0001f600</p>", "tags": ["xx"]}]) == {"docs": 1, "length": 12}
    assert fingerprint([]) == {"docs": 0, "length": 0}


def test_script_assigns_one_global_with_fingerprint_and_counts() -> None:
    text = script({"terms": ["注意力"], "numbers": [0], "vectors": [[0, 2]]}, [{"title": "注意力", "text": ""}])
    assert text == 'self.__hbLunrIndex={"docs":1,"length":3,"terms":"注意力","numbers":"AA==","sizes":"AQ==","pairs":"AAI="};\n'


def test_varints_round_trip_through_leb128() -> None:
    encoded = base64.b64decode(varints([0, 127, 128, 16383, 16384, 2**32 - 1]))
    assert list(encoded) == [0, 127, 0x80, 1, 0xFF, 0x7F, 0x80, 0x80, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]


def test_packed_joins_terms_and_flattens_vectors() -> None:
    counts = {"terms": ["kv", "注意力"], "numbers": [1, 0], "vectors": [[1, 2, 0, 1], [], [0, 300]]}
    result = packed(counts)
    assert result["terms"] == "kv 注意力"
    assert list(base64.b64decode(result["sizes"])) == [2, 0, 1]
    assert list(base64.b64decode(result["pairs"])) == [1, 2, 0, 1, 0, 0xAC, 0x02]
    with pytest.raises(NotPrebuildable, match="whitespace"):
        packed({**counts, "terms": ["a b"]})


def _site(tmp_path: Path, config: dict) -> Path:
    (tmp_path / "search").mkdir()
    docs = [{"location": "index.html", "title": "首页", "text": "<p>手册</p>"}]
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}), encoding="utf-8")
    return tmp_path


def test_write_prebuilt_index_writes_the_script(tmp_path: Path) -> None:
    site = _site(tmp_path, CONFIG)
    assert write_prebuilt_index(site) is None
    assert (site / PREBUILT_JS).read_text(encoding="utf-8") == (
        'self.__hbLunrIndex={"docs":1,"length":11,"terms":"手册 首页","numbers":"AQA=",'
        '"sizes":"AQEA","pairs":"AQEAAQ=="};\n'
    )


def test_write_prebuilt_index_removes_a_stale_file_and_warns_when_it_cannot_build(tmp_path: Path) -> None:
    site = _site(tmp_path, {**CONFIG, "lang": ["zh"]})
    (site / PREBUILT_JS).write_text("self.__hbLunrIndex={};", encoding="utf-8")
    warning = write_prebuilt_index(site)
    assert warning is not None and warning.startswith("搜索索引未预建")
    assert not (site / PREBUILT_JS).exists()


def test_write_prebuilt_index_does_nothing_without_a_search_index(tmp_path: Path) -> None:
    assert write_prebuilt_index(tmp_path) is None
    assert not (tmp_path / PREBUILT_JS).exists()
