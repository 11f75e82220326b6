"""Which day counts as "today": one rule for the CLI and the site build.

An explicit date (``--today`` or ``HANDBOOK_TODAY``) wins; otherwise the data folder's own
``today`` setting (only the bundled demo has one, so its season looks in progress); otherwise
the real date. ``init`` leaves the setting out of a user's own settings.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .settings import Settings


def decide_today(given: date | None, settings: Settings | None, clock: Callable[[], date] = date.today) -> date:
    """
    >>> from types import SimpleNamespace as S
    >>> decide_today(date(2026, 11, 23), S(today=date(2026, 11, 18))).isoformat()
    '2026-11-23'
    >>> decide_today(None, S(today=date(2026, 11, 18))).isoformat()
    '2026-11-18'
    >>> decide_today(None, S(today=None), clock=lambda: date(2027, 1, 2)).isoformat()
    '2027-01-02'
    """
    if given is not None:
        return given
    if settings is not None and settings.today is not None:
        return settings.today
    return clock()
