"""``init``: start an empty tracker; whatever was there (the demo) is moved to a backup."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from .paths import EXAMPLE_PRIVATE_DIR, PRIVATE_DIR
from .schema import APPLICATIONS, HISTORY, fresh_header
from .writer import BACKUP_DIR, atomic_write

TABLE_NAMES = ("applications", "history", "interviews", "offers")


def init_tracker(data: Path, now: datetime | None = None) -> tuple[Path | None, list[str]]:
    """Move tracker files to ``<data>/.backups/init-<time>/`` and write empty ones.

    ``settings.yaml``, ``topics.yaml`` and ``README.md`` stay; nothing is deleted.
    """
    data.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    moving = [p for p in sorted(data.iterdir()) if p.stem in TABLE_NAMES or p.name in (EXAMPLE_PRIVATE_DIR, "upcoming.ics")]
    backup_dir: Path | None = None
    if moving:
        backup_dir = data / BACKUP_DIR / f"init-{stamp}"
        backup_dir.mkdir(parents=True, exist_ok=False)
        for p in moving:
            shutil.move(str(p), str(backup_dir / p.name))
    atomic_write(data / "applications.csv", (",".join(fresh_header(APPLICATIONS)) + "\n").encode("utf-8"))
    atomic_write(data / "history.csv", (",".join(fresh_header(HISTORY)) + "\n").encode("utf-8"))
    (data / PRIVATE_DIR).mkdir(exist_ok=True)
    return backup_dir, ["applications.csv", "history.csv", f"{PRIVATE_DIR}/"]
