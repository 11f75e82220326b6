"""What a site build is asked to do, read from the environment in one place.

- ``HANDBOOK_DATA``: tracker data folder (default ``data/``, relative to the repository).
- ``HANDBOOK_PUBLIC=1``: public build, no private field anywhere (what GitHub Pages gets).
- ``HANDBOOK_ANONYMISE=1``: replace company names with 公司A, 公司B… (data/settings.yaml can ask too).
- ``HANDBOOK_PUBLIC_TRACKER=full|anonymised|off``: for this build, instead of ``public_tracker`` in settings.yaml.
- ``HANDBOOK_TODAY=YYYY-MM-DD``: the date dashboards count from (reproducible builds and tests);
  without it, ``today`` in the data's settings.yaml (the demo has one), else the real date.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tools.tracker.paths import data_dir
from tools.tracker.publishing import PublicTracker, PublishingError, parse_public_tracker

TRUE_WORDS = {"1", "true", "yes", "on"}


class BuildOptionError(ValueError):
    pass


@dataclass(frozen=True)
class BuildOptions:
    data_dir: Path
    public: bool
    anonymise: bool
    today: date | None  # None: the data's ``today`` setting or the real date (tools/tracker/today.py)
    public_tracker: PublicTracker | None = None


def build_options(environ: Mapping[str, str] = os.environ) -> BuildOptions:
    """
    >>> options = build_options({"HANDBOOK_PUBLIC": "1", "HANDBOOK_TODAY": "2026-11-23"})
    >>> options.public, options.anonymise, options.today.isoformat(), options.data_dir.name
    (True, False, '2026-11-23', 'data')
    """
    return BuildOptions(
        data_dir=data_dir(environ.get("HANDBOOK_DATA") or None),
        public=_flag(environ, "HANDBOOK_PUBLIC"),
        anonymise=_flag(environ, "HANDBOOK_ANONYMISE"),
        today=_today(environ.get("HANDBOOK_TODAY", "")),
        public_tracker=_public_tracker(environ.get("HANDBOOK_PUBLIC_TRACKER", "")),
    )


def _public_tracker(raw: str) -> PublicTracker | None:
    try:
        return parse_public_tracker(raw.strip() or None, "HANDBOOK_PUBLIC_TRACKER")
    except PublishingError as error:
        raise BuildOptionError(str(error)) from None


def _flag(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "").strip().lower() in TRUE_WORDS


def _today(raw: str) -> date | None:
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise BuildOptionError(f"HANDBOOK_TODAY 应为 YYYY-MM-DD expected a date like 2026-11-23, got {raw!r}") from None
