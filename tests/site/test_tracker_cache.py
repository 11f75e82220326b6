"""The tracker pages' disk cache: same inputs give the stored result, any changed input a new one."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from tools.site import tracker_cache


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))


def _counting(calls: list[Path]):
    def generate(data_dir: Path, *, today: date) -> dict:
        calls.append(data_dir)
        return {"pages": {"tracker/overview.md": (data_dir / "applications.csv").read_text(encoding="utf-8")}, "today": today}

    return generate


def test_tracker_cache_returns_the_stored_result_for_the_same_inputs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "applications.csv").write_text("company\n字节跳动\n", encoding="utf-8")
    calls: list[Path] = []
    first = tracker_cache.cached_call(_counting(calls), data, today=date(2026, 11, 23))
    second = tracker_cache.cached_call(_counting(calls), data, today=date(2026, 11, 23))
    assert second == first == {"pages": {"tracker/overview.md": "company\n字节跳动\n"}, "today": date(2026, 11, 23)}
    assert calls == [data]


def test_tracker_cache_misses_when_data_arguments_or_environment_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "applications.csv").write_text("company\nA\n", encoding="utf-8")
    calls: list[Path] = []
    tracker_cache.cached_call(_counting(calls), data, today=date(2026, 11, 23))
    tracker_cache.cached_call(_counting(calls), data, today=date(2026, 11, 24))
    (data / "applications.csv").write_text("company\nB\n", encoding="utf-8")
    changed = tracker_cache.cached_call(_counting(calls), data, today=date(2026, 11, 24))
    monkeypatch.setenv("HANDBOOK_PUBLIC", "1")
    tracker_cache.cached_call(_counting(calls), data, today=date(2026, 11, 24))
    assert len(calls) == 4
    assert changed["pages"]["tracker/overview.md"] == "company\nB\n"


def test_prune_keeps_the_most_recently_used_entries(tmp_path: Path) -> None:
    for n in range(6):
        entry = tmp_path / f"e{n}.pickle"
        entry.write_bytes(b"x")
        os.utime(entry, ns=(n * 1_000_000_000, n * 1_000_000_000))
    (tmp_path / "other.txt").write_text("not an entry", encoding="utf-8")
    removed = tracker_cache.prune(tmp_path, keep=4)
    assert sorted(p.name for p in removed) == ["e0.pickle", "e1.pickle"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e2.pickle", "e3.pickle", "e4.pickle", "e5.pickle", "other.txt"]
    assert tracker_cache.prune(tmp_path / "missing") == []


def test_tracker_cache_stores_at_most_keep_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tracker_cache, "KEEP", 2)
    data = tmp_path / "data"
    data.mkdir()
    (data / "applications.csv").write_text("company\n字节跳动\n", encoding="utf-8")
    calls: list[Path] = []
    for day in (1, 2, 3):
        tracker_cache.cached_call(_counting(calls), data, today=date(2026, 12, day))
    assert len(list((tmp_path / "cache" / "tracker").glob("*.pickle"))) == 2
    tracker_cache.cached_call(_counting(calls), data, today=date(2026, 12, 3))  # the newest is kept
    assert len(calls) == 3
