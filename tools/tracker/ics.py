"""An iCalendar file of upcoming tests, interviews and deadlines."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event as VEvent

from .stats import Event

TZ = ZoneInfo("Asia/Shanghai")  # campus recruiting times are given in Beijing time


def _clean(text: str) -> str:
    """Text for a calendar property: control and format characters (not allowed in iCalendar
    TEXT; bidi overrides would reverse what a calendar shows) become spaces.

    >>> _clean("a\\x1b[31mb\\u202ec\\nd")
    'a [31mb c d'
    """
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in str(text))


def to_ics(events: list[Event], stamp: datetime) -> bytes:
    """Calendar bytes; ``stamp`` is the DTSTAMP so the output is reproducible."""
    cal = Calendar()
    cal.add("prodid", "-//algo-job-handbook//tracker//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "求职日程 Job hunt")
    for e in events:
        ve = VEvent()
        ve.add("uid", f"{_clean(e.uid)}@algo-job-handbook")
        ve.add("summary", _clean(e.title))
        ve.add("categories", [_clean(e.kind)])
        ve.add("dtstamp", stamp)
        start = e.start.to_pydatetime()
        if e.all_day:
            ve.add("dtstart", start.date())
            ve.add("dtend", start.date() + timedelta(days=1))
        else:
            start = start.replace(tzinfo=TZ)
            ve.add("dtstart", start)
            ve.add("dtend", start + timedelta(minutes=max(e.minutes, 15)))
        cal.add_component(ve)
    return cal.to_ical()
