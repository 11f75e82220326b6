"""An iCalendar file of upcoming tests, interviews and deadlines."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event as VEvent

from .stats import Event

TZ = ZoneInfo("Asia/Shanghai")  # campus recruiting times are given in Beijing time


def to_ics(events: list[Event], stamp: datetime) -> bytes:
    """Calendar bytes; ``stamp`` is the DTSTAMP so the output is reproducible."""
    cal = Calendar()
    cal.add("prodid", "-//algo-job-handbook//tracker//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "求职日程 Job hunt")
    for e in events:
        ve = VEvent()
        ve.add("uid", f"{e.uid}@algo-job-handbook")
        ve.add("summary", e.title)
        ve.add("categories", [e.kind])
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
