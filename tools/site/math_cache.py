"""A content-addressed disk cache for rendered formulas, shared by builds, ``serve`` and tests.

Each formula's MathML is stored under the SHA-256 of (pandoc version, display flag, TeX), so an
entry can never be stale: a changed formula or a new pandoc gets a new key. A build then starts
pandoc only for formulas it has never seen. The folder is ``$HANDBOOK_CACHE`` or
``<repo>/.cache/handbook`` (git-ignored); deleting it is always safe.

Formulas are written in packs, one JSON file of ``{key: MathML}`` per write (named by the hash
of its content), not one file per formula: a cold build converts ~4,000 formulas at once, and
creating ~4,000 files took 0.4-3 s of the build worker on this project's machines. A process
reads every pack of the folder once, and again only when the folder has changed since; when
there are more than :data:`MAX_PACKS`, the reader merges them into one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MAX_PACKS = 64


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


class _Packs:
    """The formulas of one cache folder known to this process: read from its packs, or
    remembered. A key names its content, so an entry never goes stale."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: dict[str, str] = {}
        self.read_packs: set[str] = set()
        self.folder_stamp: int | None = None

    def get(self, key: str) -> str | None:
        if key not in self.entries:
            self.refresh()
        return self.entries.get(key)

    def refresh(self) -> None:
        """Read the packs written since the last look (by this process or another)."""
        try:
            stamp = self.folder.stat().st_mtime_ns
        except OSError:
            return
        if stamp == self.folder_stamp:
            return
        self.folder_stamp = stamp
        names = sorted(name for name in os.listdir(self.folder) if name.endswith(".json"))
        for name in names:
            if name not in self.read_packs:
                self.entries.update(_read_pack(self.folder / name))
                self.read_packs.add(name)
        if len(names) > MAX_PACKS:
            self.merge(names)

    def merge(self, names: list[str]) -> None:
        """One pack for all the entries read; the packs it holds are removed (a concurrent reader
        that misses one finds its entries in the merged pack on its next look)."""
        merged = write_pack(self.folder, self.entries)
        for name in names:
            if name != merged.name:
                (self.folder / name).unlink(missing_ok=True)
        self.read_packs = {merged.name}


def _read_pack(path: Path) -> dict[str, str]:
    try:
        pack = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(pack, dict):
        return {}
    return {key: value for key, value in pack.items() if isinstance(key, str) and isinstance(value, str)}


def write_pack(folder: Path, entries: dict[str, str]) -> Path:
    """One pack file holding ``entries``, named by its content."""
    content = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path = folder / f"{hashlib.sha256(content).hexdigest()}.json"
    if not path.is_file():
        store(path, content)
    return path


_PACKS: dict[Path, _Packs] = {}  # by cache folder ($HANDBOOK_CACHE may change between tests)
_LOCK = threading.Lock()  # the formula thread remembers while pages read


def _packs() -> _Packs:
    folder = cache_dir()
    if folder not in _PACKS:
        _PACKS[folder] = _Packs(folder)
    return _PACKS[folder]


# Cleared while a whole-build prefetch (tools/site/math_prefetch.py) converts formulas in another
# thread: a formula not found meanwhile may be on its way, so ``read`` waits for it.
_NO_FILL_RUNNING = threading.Event()
_NO_FILL_RUNNING.set()


def read_now(key: str) -> str | None:
    """The entry from this process's memory or the disk, without waiting for a prefetch."""
    with _LOCK:
        return _packs().get(key)


def read(key: str) -> str | None:
    """The entry, after the running prefetch (if any) has converted what it will."""
    found = read_now(key)
    if found is None:
        _NO_FILL_RUNNING.wait()
        found = read_now(key)
    return found


def remember(key: str, mathml: str) -> None:
    """Known to this process from now on; on disk only once :func:`write_all` runs."""
    with _LOCK:
        _packs().entries[key] = mathml


def write_all(entries: dict[str, str]) -> None:
    """Remember ``entries`` and write them to disk as one pack."""
    if not entries:
        return
    with _LOCK:
        packs = _packs()
        packs.entries.update(entries)
        packs.read_packs.add(write_pack(packs.folder, entries).name)  # not read back on the next look


def on_disk() -> dict[str, str]:
    """Every entry the folder's packs hold now (what a new process would read)."""
    found: dict[str, str] = {}
    folder = cache_dir()
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        found.update(_read_pack(path))
    return found


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
