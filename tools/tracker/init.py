"""``init``: start an empty tracker in a folder (a parameter, so callers decide where data lives).

An empty or new folder gets ``settings.yaml`` and empty tables with full headers, without a
question. Whatever tracker data was there (the demo) is moved to a backup first, never
deleted; the CLI asks before that (or takes ``--yes``).
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from .paths import DEFAULT_SETTINGS, EXAMPLE_PRIVATE_DIR, PRIVATE_DIR
from .schema import APPLICATIONS, HISTORY, INTERVIEWS, OFFERS, Table, fresh_header
from .settings import SETTINGS_FILE, load_settings
from .writer import BACKUP_DIR, atomic_write

TABLE_NAMES = ("applications", "history", "interviews", "offers")


def _moving(data: Path) -> list[Path]:
    if not data.is_dir():
        return []
    return [p for p in sorted(data.iterdir()) if p.stem in TABLE_NAMES or p.name in (EXAMPLE_PRIVATE_DIR, "upcoming.ics")]


def _has_records(path: Path) -> bool:
    if path.is_dir():
        return any(_has_records(p) for p in path.iterdir())
    try:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8-sig", errors="replace").splitlines()]
    except OSError:
        return True
    content = [ln for ln in lines if ln and not ln.startswith("#")]
    if path.suffix.lower() == ".csv":
        return len(content) > 1  # more than a header
    return bool(content) and content != ["[]"]


def existing_data(data: Path) -> list[Path]:
    """Tracker files in ``data`` that hold records (a header-only file holds none)."""
    return [p for p in _moving(data) if p.name != "upcoming.ics" and _has_records(p)]


def _header(table: Table, skip: frozenset[str] = frozenset()) -> bytes:
    return (",".join(c for c in fresh_header(table) if c not in skip) + "\n").encode("utf-8")


def own_settings(template: str) -> str:
    r"""The repository's settings made the user's own: a user's data is never published by a
    setting copied from the demo (``public_tracker`` becomes ``off``) nor taken for the demo
    (its ``demo_sha256`` fingerprint is left out), and it runs on the real date (the demo's
    fixed ``today`` goes, with the comment block right above it).

    >>> own_settings("# x\n\n# demo day\ntoday: 2026-11-18\n\nstale_days: 21\npublic_tracker: full\ndemo_sha256: abc\n")
    '# x\n\n\nstale_days: 21\npublic_tracker: off\n'
    """
    lines: list[str] = []
    for line in template.splitlines(keepends=True):
        if line.startswith("demo_sha256:"):
            continue
        if line.startswith("today:"):
            while lines and lines[-1].startswith("#"):
                lines.pop()
            continue
        if line.startswith("public_tracker:"):
            line = "public_tracker: off\n"
        lines.append(line)
    return "".join(lines)


def init_tracker(data: Path, now: datetime | None = None) -> tuple[Path | None, list[str]]:
    """Move tracker files to ``<data>/.backups/init-<time>/`` and write empty ones.

    ``settings.yaml`` (written from the repository's when missing), ``topics.yaml`` and
    ``README.md`` stay; nothing is deleted. Returns the backup folder (``None`` when nothing
    was moved) and the names created.
    """
    data.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    moving = _moving(data)
    backup_dir: Path | None = None
    if moving:
        backup_dir = data / BACKUP_DIR / f"init-{stamp}"
        backup_dir.mkdir(parents=True, exist_ok=False)
        for p in moving:
            shutil.move(str(p), str(backup_dir / p.name))
    created: list[str] = []
    if not (data / SETTINGS_FILE).is_file():
        atomic_write(data / SETTINGS_FILE, own_settings(DEFAULT_SETTINGS.read_text(encoding="utf-8")).encode("utf-8"))
        created.append(SETTINGS_FILE)
    private = load_settings(data).private_fields
    for table in (APPLICATIONS, HISTORY, INTERVIEWS, OFFERS):
        hidden = private.get(table.name, frozenset())
        atomic_write(data / f"{table.name}.csv", _header(table, hidden))
        created.append(f"{table.name}.csv")
    (data / PRIVATE_DIR).mkdir(exist_ok=True)
    for table in (APPLICATIONS, OFFERS):
        hidden = private.get(table.name, frozenset())
        if hidden and not (data / PRIVATE_DIR / f"{table.name}.csv").exists():
            columns = [table.key, *[f.name for f in table.fields if f.name in hidden]]
            atomic_write(data / PRIVATE_DIR / f"{table.name}.csv", (",".join(columns) + "\n").encode("utf-8"))
    created.append(f"{PRIVATE_DIR}/")
    return backup_dir, created
