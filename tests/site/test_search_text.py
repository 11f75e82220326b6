"""The body text moved out of the index that pages opened from disk load (tools/site/search_text.py)."""

from __future__ import annotations

import json
from pathlib import Path

from tools.site.search_text import page_numbers, shard_script, split_texts, utf16_length, write_offline_index

CONFIG = {"lang": ["en"], "separator": "[\\s]+", "pipeline": []}
DOCS = [
    {"location": "b.html", "title": "B", "text": "<p>乙</p>", "tags": ["t"]},
    {"location": "a.html", "title": "A", "text": "😀"},
    {"location": "b.html#s", "title": "S", "text": None},
    {"location": "a.html#x", "title": "X"},
]


def test_page_numbers_number_pages_by_their_first_document() -> None:
    assert page_numbers(DOCS) == [0, 1, 0, 1]


def test_utf16_length_counts_an_astral_character_as_two_units() -> None:
    assert utf16_length("乙😀") == 3


def test_split_texts_empties_each_text_in_place_and_groups_the_texts_by_page() -> None:
    index, shards = split_texts({"config": CONFIG, "docs": DOCS})
    assert [list(doc) for doc in index["docs"]] == [list(doc) for doc in DOCS]  # key order kept
    assert [doc.get("text", "absent") for doc in index["docs"]] == ["", "", "", "absent"]
    assert index["config"] == {**CONFIG, "hbText": {"shards": 2, "length": 10}}  # <p>乙</p> 8 + 😀 2
    assert shards == [["<p>乙</p>", None], ["😀"]]
    assert DOCS[0]["text"] == "<p>乙</p>"  # the input is left as it was


def test_shard_script_registers_the_texts_under_the_shard_number() -> None:
    assert shard_script(1, 10, ["😀", None]) == '(self.__hbText=self.__hbText||{})[1]={"length":10,"texts":["😀",null]};\n'


def _site(tmp_path: Path, prebuilt: bool) -> Path:
    search = tmp_path / "search"
    (search / "text").mkdir(parents=True)
    (search / "search_index.json").write_text(json.dumps({"config": CONFIG, "docs": DOCS}, ensure_ascii=False), encoding="utf-8")
    (search / "search_index.js").write_text("var __index = {}", encoding="utf-8")  # the offline plugin's
    (search / "text" / "7.js").write_text("stale", encoding="utf-8")
    if prebuilt:
        (search / "lunr_index.js").write_text("self.__hbLunrIndex={};\n", encoding="utf-8")
    return tmp_path


def test_write_offline_index_moves_the_text_into_one_file_per_page(tmp_path: Path) -> None:
    site = _site(tmp_path, prebuilt=True)
    full = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert write_offline_index(site) == 2
    assert sorted(path.name for path in (site / "search" / "text").iterdir()) == ["0.js", "1.js"]
    assert (site / "search" / "text" / "1.js").read_text(encoding="utf-8") == '(self.__hbText=self.__hbText||{})[1]={"length":10,"texts":["😀"]};\n'
    offline = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert offline.startswith("var __index = {")
    index = json.loads(offline.removeprefix("var __index = "))
    assert [doc.get("text") for doc in index["docs"]] == ["", "", "", None]
    assert index["config"]["hbText"] == {"shards": 2, "length": 10}
    assert (site / "search" / "search_index.json").read_text(encoding="utf-8") == full  # http keeps the text


def test_write_offline_index_keeps_the_text_without_a_prebuilt_index(tmp_path: Path) -> None:
    site = _site(tmp_path, prebuilt=False)
    full = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert write_offline_index(site) == 0
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8") == "var __index = " + full
    assert list((site / "search" / "text").iterdir()) == []


def test_write_offline_index_does_nothing_without_the_offline_plugin(tmp_path: Path) -> None:
    site = _site(tmp_path, prebuilt=True)
    (site / "search" / "search_index.js").unlink()
    assert write_offline_index(site) == 0
    assert not (site / "search" / "search_index.js").exists()
    assert list((site / "search" / "text").iterdir()) == []
