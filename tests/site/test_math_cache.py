"""The formula cache's packs on disk (tools/site/math_cache.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tools.site import math_cache


@pytest.fixture(autouse=True)
def _new_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and nothing read or remembered yet (what a new process starts with)."""
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    monkeypatch.setattr(math_cache, "_PACKS", {})
    return tmp_path


def _keys(*texts: str) -> list[str]:
    return [math_cache.cache_key("pandoc test", False, text) for text in texts]


def test_math_cache_write_all_makes_one_pack_a_new_process_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _keys("a", "b")
    math_cache.write_all({a: "<math>a</math>", b: "<math>b</math>"})
    assert len(list((tmp_path / "mathml").glob("*.json"))) == 1
    monkeypatch.setattr(math_cache, "_PACKS", {})
    assert (math_cache.read_now(a), math_cache.read_now(b)) == ("<math>a</math>", "<math>b</math>")
    assert math_cache.read_now(_keys("c")[0]) is None


def test_math_cache_finds_a_pack_another_process_wrote_after_its_first_look(tmp_path: Path) -> None:
    a, b = _keys("a", "b")
    math_cache.write_all({a: "<math>a</math>"})
    assert math_cache.read_now(b) is None
    folder = tmp_path / "mathml"
    os.utime(folder, ns=(0, 0))  # as if the look was long ago (a folder's time has a coarse clock)
    math_cache.write_pack(folder, {b: "<math>b</math>"})  # another process's write
    assert math_cache.read_now(b) == "<math>b</math>"


def test_math_cache_remembered_entries_are_not_on_disk_until_written() -> None:
    (a,) = _keys("a")
    math_cache.remember(a, "<math>a</math>")
    assert math_cache.read_now(a) == "<math>a</math>"
    assert math_cache.on_disk() == {}


def test_math_cache_merges_packs_beyond_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(math_cache, "MAX_PACKS", 2)
    keys = _keys("a", "b", "c")
    math_cache.write_all({keys[0]: f"<math>{keys[0]}</math>"})
    for key in keys[1:]:  # written by other processes
        math_cache.write_pack(tmp_path / "mathml", {key: f"<math>{key}</math>"})
    assert len(list((tmp_path / "mathml").glob("*.json"))) == 3
    assert math_cache.read_now(keys[2]) == f"<math>{keys[2]}</math>"  # a miss: the folder is read, then merged
    assert len(list((tmp_path / "mathml").glob("*.json"))) == 1
    assert math_cache.on_disk() == {key: f"<math>{key}</math>" for key in keys}


def test_math_cache_skips_a_damaged_pack(tmp_path: Path) -> None:
    (a,) = _keys("a")
    folder = tmp_path / "mathml"
    folder.mkdir()
    (folder / "broken.json").write_text('{"half', encoding="utf-8")
    (folder / "list.json").write_text("[1, 2]", encoding="utf-8")
    math_cache.write_pack(folder, {a: "<math>a</math>"})
    assert math_cache.read_now(a) == "<math>a</math>"
    assert math_cache.on_disk() == {a: "<math>a</math>"}
