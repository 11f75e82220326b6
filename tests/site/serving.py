"""In-process ``mkdocs serve`` set-ups on a copy of the demo data (quick-rebuild and data fast-path tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

SERVE_URL = "http://127.0.0.1:8000/"
FIXED_ENV = {"HANDBOOK_STRICT": "false", "HANDBOOK_TODAY": "2026-12-03", "NO_MKDOCS_2_WARNING": "1"}
UNSET_ENV = ("HANDBOOK_PUBLIC", "HANDBOOK_ANONYMISE", "HANDBOOK_PUBLIC_TRACKER")


def demo_data_with_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, row: str) -> tuple[Path, bytes]:
    """A copy of ``data/`` (the builds read it through ``HANDBOOK_DATA``, on a fixed day, not strict)
    whose ``applications.csv`` has ``row`` appended; also the file's bytes before that."""
    data = Path(shutil.copytree(REPO_ROOT / "data", tmp_path / "data"))  # one folder: its path shows in warnings
    original = (data / "applications.csv").read_bytes()
    with open(data / "applications.csv", "a", encoding="utf-8") as handle:
        handle.write(row)
    for name, value in FIXED_ENV.items():
        monkeypatch.setenv(name, value)
    for name in UNSET_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HANDBOOK_DATA", str(data))
    return data, original


def serve_config(site: Path):
    """The repository's configuration as ``mkdocs serve`` loads it for a build into ``site``."""
    from mkdocs.config import load_config

    loaded = load_config(config_file=str(REPO_ROOT / "mkdocs.yml"), site_dir=str(site))
    loaded.site_url = SERVE_URL
    return loaded


def forget_kept_search_index(config) -> None:
    """Start as a new process would: MkDocs keeps plugin instances across the configurations one
    process loads, and Material's search plugin merges the index it kept from an earlier dirty
    build (another test's) into the next build's."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None
