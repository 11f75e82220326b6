"""The memo of :func:`tools.site.search_terms.plain_parts` (in this process and on disk)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from tests.conftest import REPO_ROOT
from tools.site import search_terms


@pytest.fixture
def counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """An empty disk cache and memo; the list grows by one each time jieba's dictionary is loaded."""
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    monkeypatch.setattr(search_terms, "_PARTS", {})
    monkeypatch.setattr(search_terms, "_plain", None)
    loads: list[int] = []
    real = jieba.Tokenizer

    def tokenizer(*args, **kwargs):
        loads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(jieba, "Tokenizer", tokenizer)
    return loads


def test_plain_parts_loads_the_dictionary_once_for_the_same_terms(counted: list[int], tmp_path: Path) -> None:
    expected = {"多头注意力": ["多头", "注意力"], "非极大值抑制": ["极大值", "抑制"]}
    first = search_terms.plain_parts(["多头注意力", "非极大值抑制", "卷积"])
    first["多头注意力"].append("edited by a caller")
    assert search_terms.plain_parts(["多头注意力", "非极大值抑制", "卷积"]) == expected
    assert len(counted) == 1
    stored = list((tmp_path / "search").glob("parts-*.json"))
    assert len(stored) == 1 and json.loads(stored[0].read_text(encoding="utf-8")) == expected


def test_plain_parts_reads_the_disk_cache_in_a_new_process(counted: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    search_terms.plain_parts(["行列式点过程"])
    monkeypatch.setattr(search_terms, "_PARTS", {})  # what a new process starts with
    assert search_terms.plain_parts(["行列式点过程"]) == {"行列式点过程": ["行列式", "过程"]}
    assert len(counted) == 1


def test_plain_parts_cuts_again_when_the_terms_change(counted: list[int], tmp_path: Path) -> None:
    assert search_terms.plain_parts(["多头注意力"]) == {"多头注意力": ["多头", "注意力"]}
    assert search_terms.plain_parts(["多头注意力", "行列式点过程"]) == {
        "多头注意力": ["多头", "注意力"], "行列式点过程": ["行列式", "过程"],
    }
    assert search_terms.plain_parts(["行列式点过程", "多头注意力"]) == {
        "行列式点过程": ["行列式", "过程"], "多头注意力": ["多头", "注意力"],
    }  # order is part of the glossary's content
    assert len(counted) == 3
    assert len(list((tmp_path / "search").glob("parts-*.json"))) == 3


def test_plain_parts_ignores_a_damaged_disk_entry(counted: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    search_terms.plain_parts(["多头注意力"])
    (entry,) = (tmp_path / "search").glob("parts-*.json")
    entry.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(search_terms, "_PARTS", {})
    assert search_terms.plain_parts(["多头注意力"]) == {"多头注意力": ["多头", "注意力"]}
    assert len(counted) == 2 and json.loads(entry.read_text(encoding="utf-8")) == {"多头注意力": ["多头", "注意力"]}


def test_plain_parts_cuts_with_the_dictionary_kept_before_the_glossary_was_added(tmp_path: Path) -> None:
    """A build worker registers the glossary and later gives plain_parts: no second load of
    jieba's dictionary, and the parts of the default dictionary all the same (a new process,
    where jieba has loaded nothing yet)."""
    code = (
        "import json, jieba\n"
        "from tools.site import search_terms\n"
        "loads = []\n"
        "real = jieba.Tokenizer\n"
        "jieba.Tokenizer = lambda *args, **kwargs: loads.append(1) or real(*args, **kwargs)\n"
        "search_terms.register_terms(['多头注意力', '非极大值抑制'])\n"
        "parts = search_terms.plain_parts(['多头注意力', '非极大值抑制'])\n"
        "print(json.dumps([parts, len(loads), jieba.lcut('多头注意力')], ensure_ascii=False))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env={**os.environ, "HANDBOOK_CACHE": str(tmp_path)},
        capture_output=True, text=True, check=True,
    )
    assert json.loads(completed.stdout) == [{"多头注意力": ["多头", "注意力"], "非极大值抑制": ["极大值", "抑制"]}, 0, ["多头注意力"]]
