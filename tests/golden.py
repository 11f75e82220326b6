"""Golden-file comparison shared by the test folders.

``HANDBOOK_UPDATE_GOLDEN=1`` rewrites the files instead of comparing; review the diff afterwards.
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = os.environ.get("HANDBOOK_UPDATE_GOLDEN") == "1"


def check_golden(generated: str, path: Path) -> None:
    """``generated`` must equal the file at ``path`` (written instead when updating)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generated, encoding="utf-8")
    assert generated == path.read_text(encoding="utf-8"), f"{path.name} differs from the golden file {path}"
