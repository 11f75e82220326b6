"""A content-addressed disk cache for rendered formulas, shared by builds, ``serve`` and tests.

Each formula's MathML is stored under the SHA-256 of (pandoc version, display flag, TeX), so an
entry can never be stale: a changed formula or a new pandoc gets a new key. A build then starts
pandoc only for formulas it has never seen. The folder is ``$HANDBOOK_CACHE`` or
``<repo>/.cache/handbook`` (git-ignored); deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def cache_root() -> Path:
    """``$HANDBOOK_CACHE`` or ``<repo>/.cache/handbook``: formulas here, the math font subsets beside them."""
    return Path(os.environ.get("HANDBOOK_CACHE") or REPO_ROOT / ".cache" / "handbook")


def cache_dir() -> Path:
    return cache_root() / "mathml"


def cache_key(renderer: str, display: bool, tex: str) -> str:
    """
    >>> cache_key("pandoc 3.1", True, "x") == cache_key("pandoc 3.1", True, "x"), cache_key("pandoc 3.1", True, "x") == cache_key("pandoc 3.1", False, "x")
    (True, False)
    """
    return hashlib.sha256(f"{renderer}\0{int(display)}\0{tex}".encode("utf-8")).hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / key[:2] / f"{key}.html"


# Entries read or written by this process. A key names its content, so an entry never goes
# stale; the whole-build prefetch and the pages then read each file once.
_SEEN: dict[tuple[Path, str], str] = {}


# Cleared while a whole-build prefetch (tools/site/math_prefetch.py) converts formulas in another
# thread: a formula not found meanwhile may be on its way, so ``read`` waits for it.
_NO_FILL_RUNNING = threading.Event()
_NO_FILL_RUNNING.set()


def read_now(key: str) -> str | None:
    """The entry from this process's memory or the disk, without waiting for a prefetch."""
    path = _path(key)
    if (path, key) not in _SEEN:
        try:
            _SEEN[path, key] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    return _SEEN[path, key]


def read(key: str) -> str | None:
    """The entry, after the running prefetch (if any) has converted what it will."""
    found = read_now(key)
    if found is None:
        _NO_FILL_RUNNING.wait()
        found = _SEEN.get((_path(key), key))
    return found


def remember(key: str, mathml: str) -> None:
    """Known to this process from now on; on disk only once :func:`write` or :func:`store` runs."""
    _SEEN[_path(key), key] = mathml


def write(key: str, mathml: str) -> None:
    remember(key, mathml)
    store(_path(key), mathml.encode("utf-8"))


def write_all(entries: dict[str, str]) -> None:
    for key, mathml in entries.items():
        write(key, mathml)


def begin_fill() -> None:
    """A prefetch is converting formulas: from now on ``read`` waits for :func:`end_fill` before
    it answers that a formula is unknown."""
    _NO_FILL_RUNNING.clear()


def end_fill() -> None:
    _NO_FILL_RUNNING.set()


def store(path: Path, content: bytes) -> None:
    """Write atomically (a concurrent build never reads half a file); a read-only disk is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            handle.write(content)
        os.replace(handle.name, path)
    except OSError:
        pass
