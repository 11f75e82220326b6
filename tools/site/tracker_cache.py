"""The generated tracker pages, kept on disk for the next build while nothing they depend on changed.

:func:`tools.dashboards.site.generate_tracker_site` is a pure function of its arguments, the
files of the data folder, the repository's own data and docs, the code and templates under
``tools/``, the installed pandas / plotly / Jinja, and the ``HANDBOOK_*`` environment; about a
tenth of a build's CPU goes into it (pandas). Its result is stored under the SHA-256 of all of
those, so a rebuild with the same data and code loads it instead (``<cache>/tracker``; deleting
it is always safe). A changed CSV row, template, formula or date gives a new key.

Under ``tools/dev.py serve`` every saved CSV makes a new entry (~300 KB for the demo) that will
rarely be read again, so only the :data:`KEEP` most recently used entries are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from tools.site import math_cache

REPO_ROOT = Path(__file__).resolve().parents[2]
_KEY_VERSION = "1"
_PACKAGES = ("pandas", "plotly", "jinja2", "markupsafe", "pyyaml")
KEEP = 16  # entries kept (demo data, public and private builds, a few recent edits)


def _files(folder: Path) -> Iterable[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def inputs_digest(data_dir: Path, arguments: dict[str, Any], environ: dict[str, str] | None = None) -> str:
    """SHA-256 over everything the tracker pages are made from (see the module docstring)."""
    environ = dict(os.environ if environ is None else environ)
    digest = hashlib.sha256(_KEY_VERSION.encode())
    digest.update(json.dumps(arguments, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    digest.update(json.dumps({k: v for k, v in environ.items() if k.startswith("HANDBOOK_")}, sort_keys=True).encode("utf-8"))
    for package in _PACKAGES:
        try:
            digest.update(f"{package} {version(package)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{package} -\0".encode())
    folders = [data_dir, REPO_ROOT / "data", REPO_ROOT / "tools", REPO_ROOT / "docs"]
    for folder in dict.fromkeys(p.resolve() for p in folders):
        for path in _files(folder):
            digest.update(f"{path}\0{path.stat().st_size}\0".encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cached_call(generate: Callable[..., Any], data_dir: Path, **arguments: Any) -> Any:
    """``generate(data_dir, **arguments)``, or its stored result for the same inputs."""
    path = math_cache.cache_root() / "tracker" / f"{inputs_digest(data_dir, arguments)}.pickle"
    try:
        result = pickle.loads(path.read_bytes())
        os.utime(path)  # recently used: kept by prune
        return result
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    result = generate(data_dir, **arguments)
    math_cache.store(path, pickle.dumps(result))
    prune(path.parent, KEEP)
    return result


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the ``keep`` most recently used ``.pickle`` files of ``folder``; the removed ones."""
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    except OSError:
        return []
    removed = []
    for path in entries[keep:]:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed
