"""Activity over time: applications per week and a day-by-day calendar of events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@dataclass(frozen=True)
class WeekCount:
    week: date  # the Monday
    count: int


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_applications(applied: pd.Series) -> list[WeekCount]:
    """Applications per ISO week, every week between the first and the last (zeros included).

    >>> weekly_applications(pd.Series(pd.to_datetime(["2026-07-01", "2026-07-02", "2026-07-15"])))
    [WeekCount(week=datetime.date(2026, 6, 29), count=2), WeekCount(week=datetime.date(2026, 7, 6), count=0), WeekCount(week=datetime.date(2026, 7, 13), count=1)]
    """
    days = [d.date() for d in applied.dropna()]
    if not days:
        return []
    counts: dict[date, int] = {}
    for d in days:
        counts[monday(d)] = counts.get(monday(d), 0) + 1
    first, last = min(counts), max(counts)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return [WeekCount(w, counts.get(w, 0)) for w in weeks]


def activity_days(history: pd.DataFrame, interviews: pd.DataFrame) -> dict[date, int]:
    """Events per day: dated stage changes plus interviews (one per application and day).

    >>> h = pd.DataFrame({"application": ["a", "a", "b"], "date": pd.to_datetime(["2026-07-01", "2026-07-01", "2026-07-03"])})
    >>> i = pd.DataFrame({"application": ["a"], "at": pd.to_datetime(["2026-07-03 10:00"])})
    >>> activity_days(h, i)
    {datetime.date(2026, 7, 1): 1, datetime.date(2026, 7, 3): 2}
    """
    pairs: set[tuple[str, date]] = set()
    for app, when in zip(history["application"], history["date"]):
        if pd.notna(when):
            pairs.add((app, when.date()))
    if len(interviews):
        for app, when in zip(interviews["application"], interviews["at"]):
            if pd.notna(when):
                pairs.add((app, when.date()))
    counts: dict[date, int] = {}
    for _, day in pairs:
        counts[day] = counts.get(day, 0) + 1
    return dict(sorted(counts.items()))


@dataclass(frozen=True)
class CalendarGrid:
    weeks: list[date]  # Mondays, columns
    cells: list[list[int | None]]  # [weekday][week]; None outside the range
    by_month: list[tuple[str, int]]  # "2026-07" -> events, the text summary


def calendar_grid(days: dict[date, int], today: date, max_weeks: int = 53) -> CalendarGrid:
    """A weekday × week grid ending at the later of today and the last event (at most a year)."""
    if not days:
        return CalendarGrid([], [[] for _ in WEEKDAYS], [])
    end = max(max(days), today)
    start = max(min(days), end - timedelta(weeks=max_weeks - 1))
    first = monday(start)
    weeks = [first + timedelta(weeks=i) for i in range((monday(end) - first).days // 7 + 1)]
    cells: list[list[int | None]] = []
    for wd in range(7):
        row: list[int | None] = []
        for w in weeks:
            d = w + timedelta(days=wd)
            row.append(None if d < start or d > end else days.get(d, 0))
        cells.append(row)
    months: dict[str, int] = {}
    for d, n in days.items():
        if start <= d <= end:
            months[d.strftime("%Y-%m")] = months.get(d.strftime("%Y-%m"), 0) + n
    return CalendarGrid(weeks, cells, sorted(months.items()))
