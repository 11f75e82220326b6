"""The tracker pages' disk cache: same inputs give the stored result, any changed input a new one."""

from __future__ import annotations

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
