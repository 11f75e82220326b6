"""Where the tracker's files live.

The data directory comes from ``HANDBOOK_DATA`` (default ``data/``); a relative
value is resolved against the repository root, never the current directory, so
the CLI and the site build agree wherever they are started from.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SETTINGS = REPO_ROOT / "data" / "settings.yaml"
OWN_DATA_DIR = REPO_ROOT / "data" / "mine"  # git-ignored: a user's own job hunt, never committed
PRIVATE_DIR = "private"
EXAMPLE_PRIVATE_DIR = "private.example"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory: ``override``, else ``$HANDBOOK_DATA``, else the user's own
    git-ignored ``<repo>/data/mine`` once ``init`` has created it, else the demo in ``<repo>/data``."""
    raw = override if override is not None else os.environ.get("HANDBOOK_DATA")
    if not raw:
        return OWN_DATA_DIR if (OWN_DATA_DIR / "settings.yaml").is_file() else REPO_ROOT / "data"
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


def private_dir(data: Path) -> Path | None:
    """The folder whose files are merged in for private fields, or ``None``.

    ``data/private/`` (git-ignored) wins; the shipped demo keeps its private
    values in the committed ``data/private.example/`` and is used only when no
    real private folder exists.
    """
    for name in (PRIVATE_DIR, EXAMPLE_PRIVATE_DIR):
        candidate = data / name
        if candidate.is_dir():
            return candidate
    return None


def is_public_build() -> bool:
    """True when ``HANDBOOK_PUBLIC`` asks for a build without private fields."""
    return os.environ.get("HANDBOOK_PUBLIC", "").strip().lower() in {"1", "true", "yes", "on"}


def display_path(path: Path) -> str:
    """A path as shown in messages: relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return path.as_posix()
