"""Summary figures for ``stats`` (and later the dashboards): pure functions over a Tracker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from .tracker import Tracker


@dataclass(frozen=True)
class Summary:
    applications: int
    attempts: int
    reached: dict[str, int]  # phase -> applications whose furthest stage reached it
    outcomes: dict[str, int]
    open: int
    offers: int


def summary(t: Tracker) -> Summary:
    """Counts per phase reached (furthest stage over all attempts) and per final outcome."""
    phases = list(dict.fromkeys(s.phase for s in t.settings.stages))
    phase_rank = {p: i for i, p in enumerate(phases)}
    stage_phase = {s.key: phase_rank[s.phase] for s in t.settings.stages}
    reached = {p: 0 for p in phases}
    att = t.attempts
    if len(att):
        best = att.assign(r=att["furthest"].map(lambda s: stage_phase.get(s, -1))).groupby("application")["r"].max()
        for p, i in phase_rank.items():
            reached[p] = int((best >= i).sum())
    last = att.drop_duplicates("application", keep="last") if len(att) else att
    outcomes = {o: int(n) for o, n in last["outcome"].value_counts().items()} if len(att) else {}
    terminal = {o.key for o in t.settings.outcomes if o.terminal}
    open_count = int((~last["outcome"].isin(terminal)).sum()) if len(att) else 0
    return Summary(len(t.applications), len(att), reached, outcomes, open_count, len(t.offers))


@dataclass(frozen=True)
class Event:
    """Something on the calendar: a test, an interview, a deadline."""

    uid: str
    title: str
    start: pd.Timestamp
    minutes: int
    kind: str
    all_day: bool = False


def upcoming(t: Tracker, today: date, days: int = 14) -> list[Event]:
    """Next steps, interviews and deadlines from ``today`` to ``today + days``."""
    start = pd.Timestamp(today)
    end = start + timedelta(days=days + 1)
    events: list[Event] = []
    apps = t.applications
    names = dict(zip(apps["id"], apps["company"] + " " + apps["role"]))
    seen: set[tuple[str, pd.Timestamp]] = set()
    iv = t.interviews
    for row in iv.itertuples(index=False):
        if pd.notna(row.at) and start <= row.at < end:
            minutes = int(row.duration) if pd.notna(row.duration) else 60
            events.append(Event(f"interview-{row.id}", f"{row.round} · {names.get(row.application, row.application)}", row.at, minutes, "面试 interview"))
            seen.add((row.application, row.at))
    for row in apps.itertuples(index=False):
        if pd.notna(row.next_at) and start <= row.next_at < end and (row.id, row.next_at) not in seen:
            title = f"{row.next_step or '下一步'} · {row.company} {row.role}"
            events.append(Event(f"next-{row.id}", title, row.next_at, 60, "下一步 next step"))
        if pd.notna(row.deadline) and start <= row.deadline < end:
            events.append(Event(f"deadline-{row.id}", f"截止 deadline · {row.company} {row.role}", row.deadline, 0, "截止 deadline", row.deadline == row.deadline.normalize()))
    return sorted(events, key=lambda e: (e.start, e.uid))


def clashes(events: list[Event]) -> list[tuple[Event, Event]]:
    """Pairs of timed events that overlap (deadlines take no time and never clash)."""
    timed = [e for e in events if e.minutes > 0]
    out = []
    for i, a in enumerate(timed):
        a_end = a.start + timedelta(minutes=a.minutes)
        for b in timed[i + 1 :]:
            if b.start >= a_end:
                break
            out.append((a, b))
    return out
