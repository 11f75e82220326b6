"""Summary figures for ``stats`` (and later the dashboards): pure functions over a Tracker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from .state import derive_states
from .tracker import Tracker


@dataclass(frozen=True)
class Summary:
    applications: int
    attempts: int
    reached: dict[str, int]  # phase -> applications whose furthest stage reached it
    outcomes: dict[str, int]
    open: int
    offers: int


def summary(t: Tracker, today: date) -> Summary:
    """Counts per phase reached (furthest stage over all attempts), per current outcome,
    open applications and offers, all from :func:`~tools.tracker.state.derive_states`."""
    phases = list(dict.fromkeys(s.phase for s in t.settings.stages))
    phase_rank = {p: i for i, p in enumerate(phases)}
    stage_phase = {s.key: phase_rank[s.phase] for s in t.settings.stages}
    states = derive_states(t.applications, t.history, t.offers, t.settings, today)
    best = states["furthest"].map(lambda s: stage_phase.get(s, -1) if isinstance(s, str) else -1)
    reached = {p: int((best >= i).sum()) for p, i in phase_rank.items()}
    outcomes = {o: int(n) for o, n in states["outcome"].dropna().value_counts().items()}
    return Summary(
        len(t.applications),
        int(states["attempts"].sum()),
        reached,
        outcomes,
        int(states["is_open"].sum()),
        int(states["is_offer"].sum()),
    )


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
    """Next steps, interviews, deadlines and offer reply dates from ``today`` to ``today + days``
    (the CLI's ``stats`` and ``ics`` and the site's schedule page all use this list)."""
    start = pd.Timestamp(today)
    end = start + timedelta(days=days + 1)
    events: list[Event] = []
    apps = t.applications
    names = dict(zip(apps["id"], apps["company"] + " " + apps["role"]))
    companies = dict(zip(apps["id"], apps["company"]))
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
    if len(t.offers) and "reply_by" in t.offers:
        for o in t.offers.itertuples(index=False):
            if pd.notna(o.reply_by) and start <= o.reply_by < end and o.application in companies:
                events.append(Event(f"offer-{o.application}", f"Offer 答复截止 · {companies[o.application]}", o.reply_by, 0, "答复截止 offer reply", True))
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
