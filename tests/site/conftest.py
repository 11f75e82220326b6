"""Fixtures of the site tests."""

from __future__ import annotations

import pytest

from tools.site import build_worker


@pytest.fixture
def _one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores and, as in ``mkdocs build``, no other thread, so a build worker can be forked
    (pytest-xdist's worker has its own I/O thread, which the forked child never touches)."""
    monkeypatch.setattr(build_worker.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(build_worker.threading, "active_count", lambda: 1)
