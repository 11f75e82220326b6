"""The next days: tests, interviews, deadlines and offer replies, with clashes flagged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

from tools.tracker.ics import to_ics
from tools.tracker.stats import Event, clashes, upcoming
from tools.tracker.tracker import Tracker

from .activity import WEEKDAYS
from .slugs import company_slug

DAYS = 14


@dataclass(frozen=True)
class ScheduleRow:
    day: str
    weekday: str
    time: str
    kind: str
    title: str
    company: str
    slug: str
    clash: bool


def schedule_events(t: Tracker, today: date, days: int = DAYS) -> list[Event]:
    """The schedule: :func:`tools.tracker.stats.upcoming`, the same list ``stats`` and ``ics`` show."""
    return upcoming(t, today, days)


def _application_of(event: Event, t: Tracker) -> str | None:
    kind, _, rest = event.uid.partition("-")
    if kind == "interview":
        match = t.interviews.loc[t.interviews["id"] == rest, "application"]
        return str(match.iloc[0]) if len(match) else None
    return rest or None


def schedule_rows(t: Tracker, events: list[Event]) -> list[ScheduleRow]:
    clashing = {e.uid for pair in clashes(events) for e in pair}
    company = dict(zip(t.applications["id"], t.applications["company"]))
    rows = []
    for e in events:
        name = company.get(_application_of(e, t) or "", "")
        timed = not e.all_day and e.start != e.start.normalize()
        rows.append(
            ScheduleRow(
                e.start.date().isoformat(),
                WEEKDAYS[e.start.weekday()],
                e.start.strftime("%H:%M") if timed else "全天",
                e.kind.split(" ")[0],
                e.title,
                name,
                company_slug(name) if name else "",
                e.uid in clashing,
            )
        )
    return rows


def calendar_file(events: list[Event], today: date) -> bytes:
    """The .ics, stamped with ``today`` so the build is reproducible."""
    return to_ics(events, datetime.combine(today, time(0, 0)))
