"""The per-company timeline: every attempt's dated stages on one shared date axis.

Each dated history row is a mark; the stretch between two marks is a segment labelled with
its length in days, so a long wait (泡池子, 简历筛选 with no answer) is a long bar. An attempt
still open runs on to ``today`` as a dashed "已等 N 天" segment. Rows without a date (inferred
from the current stage) are not drawn; the page's table lists every row.

Everything here is plain data (positions in percent of the axis); the template escapes the
labels, which come from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .stages import StageMap

# Mark kinds (CSS classes hb-tl-<kind>): where the stage sits in the season, or how it ended.
KIND_BY_PHASE = {"投递": "apply", "筛选": "apply", "笔试测评": "test", "面试": "interview", "结果": "result"}
KIND_NAMES = {"apply": "投递/筛选", "test": "笔试/测评", "interview": "面试", "result": "结果/Offer", "pool": "泡池子", "end": "结束"}
POOL = "泡池子"
# Labels drawn on the track need room: a stage name needs this much of the axis (percent) from
# the last one on the same side (they alternate above and below), a day count this much bar.
LABEL_ROOM = 12.0
DAYS_ROOM = 7.0


@dataclass(frozen=True)
class Mark:
    day: date
    label: str  # stage, and the outcome if the row has one
    kind: str  # key of KIND_NAMES
    left: float  # percent of the axis
    below: bool = False  # label under the track (every second mark)
    labelled: bool = True  # room for its label on the drawing (the list under it has them all)


@dataclass(frozen=True)
class Segment:
    start: date
    end: date
    days: int
    left: float
    width: float
    waiting: bool  # the open tail up to today

    @property
    def labelled(self) -> bool:
        """Whether the bar is wide enough to carry its day count."""
        return self.width >= DAYS_ROOM


@dataclass(frozen=True)
class AttemptLine:
    title: str  # role · 第 n 次
    marks: list[Mark]
    segments: list[Segment]
    summary: str  # the same line as text, for the list under the drawing


@dataclass(frozen=True)
class CompanyTimeline:
    first: date
    last: date
    lines: list[AttemptLine]


def _kind(stage: str, outcome: str, stages: StageMap) -> str:
    if outcome == POOL:
        return "pool"
    if outcome and outcome in stages.terminal_outcomes:
        return "end"
    return KIND_BY_PHASE.get(stages.phase.get(stage, ""), "apply")


def _label(stage: str, outcome: str) -> str:
    return " · ".join(x for x in (stage, outcome) if x)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _percent(day: date, first: date, span: int) -> float:
    return round((day - first).days * 100 / span, 2)


def company_timeline(
    app_ids: list[str],
    roles: dict[str, str],
    history: pd.DataFrame,
    open_ids: set[str],
    stages: StageMap,
    today: date,
) -> CompanyTimeline | None:
    """The timeline of one company's applications (``app_ids`` in page order), or ``None``
    when none of them has a dated history row. ``open_ids``: applications still in progress;
    their last attempt waits until ``today``."""
    rows = history[history["application"].isin(app_ids) & history["date"].notna()] if len(history) else history
    if rows.empty:
        return None
    rows = rows.sort_values(["date"], kind="stable")
    # One pass over plain values (a pandas filter and groupby per application cost ~20 ms per company).
    by_app: dict[str, dict[int, list[tuple[date, str, str]]]] = {}
    for app, attempt, d, s, o in zip(rows["application"], rows["attempt"], rows["date"], rows["stage"], rows["outcome"]):
        if not pd.isna(attempt):  # groupby's rule: rows without an attempt belong to no group
            by_app.setdefault(app, {}).setdefault(int(attempt), []).append((d.date(), _text(s), _text(o)))
    groups: list[tuple[str, int, list[tuple[date, str, str]]]] = []
    last_attempt: dict[str, int] = {}
    for app in app_ids:
        for attempt, events in sorted(by_app.get(app, {}).items()):
            groups.append((app, attempt, events))
            last_attempt[app] = attempt
    first = min(events[0][0] for _, _, events in groups)
    last = max(events[-1][0] for _, _, events in groups)
    waiting = {app for app in last_attempt if app in open_ids}
    if waiting and today > last:
        last = today
    span = max((last - first).days, 1)

    def pos(day: date) -> float:
        return _percent(day, first, span)

    lines = []
    for app, attempt, events in groups:
        marks = _place_labels([Mark(d, _label(s, o), _kind(s, o, stages), pos(d)) for d, s, o in events])
        segments = [
            Segment(a[0], b[0], (b[0] - a[0]).days, pos(a[0]), round(pos(b[0]) - pos(a[0]), 2), False)
            for a, b in zip(events, events[1:])
            if b[0] > a[0]
        ]
        end = events[-1][0]
        if app in waiting and attempt == last_attempt[app] and today > end:
            segments.append(Segment(end, today, (today - end).days, pos(end), round(pos(today) - pos(end), 2), True))
        title = f"{roles.get(app, '')} · 第 {attempt} 次"
        lines.append(AttemptLine(title, marks, segments, _summary(events, segments)))
    return CompanyTimeline(first, last, lines)


def _place_labels(marks: list[Mark]) -> list[Mark]:
    """Alternate labels above and below the track; leave out a label that would touch the
    previous one on its side.

    >>> [(m.below, m.labelled) for m in _place_labels([Mark(date(2026, 1, 1), "a", "apply", x) for x in (0, 5, 10, 30)])]
    [(False, True), (True, True), (False, False), (True, True)]
    """
    last: dict[bool, float] = {}
    placed = []
    for i, mark in enumerate(marks):
        below = i % 2 == 1
        room = below not in last or mark.left - last[below] >= LABEL_ROOM
        if room:
            last[below] = mark.left
        placed.append(Mark(mark.day, mark.label, mark.kind, mark.left, below, room))
    return placed


def _summary(events: list[tuple[date, str, str]], segments: list[Segment]) -> str:
    """The attempt as one line of text: 日期 阶段 →(N 天)→ 日期 阶段 …, and the open wait.

    >>> s = [Segment(date(2026, 9, 1), date(2026, 9, 13), 12, 0, 50, False), Segment(date(2026, 9, 13), date(2026, 9, 20), 7, 50, 50, True)]
    >>> _summary([(date(2026, 9, 1), "已投递", ""), (date(2026, 9, 13), "录用评估", "泡池子")], s)
    '2026-09-01 已投递 →(12 天)→ 2026-09-13 录用评估 · 泡池子 → 已等 7 天(至 2026-09-20)'
    """
    gaps = {(s.start, s.end): s.days for s in segments if not s.waiting}
    parts = [f"{events[0][0].isoformat()} {_label(events[0][1], events[0][2])}"]
    for a, b in zip(events, events[1:]):
        days = gaps.get((a[0], b[0]), 0)
        parts.append(f" →({days} 天)→ {b[0].isoformat()} {_label(b[1], b[2])}")
    tail = [s for s in segments if s.waiting]
    if tail:
        parts.append(f" → 已等 {tail[0].days} 天(至 {tail[0].end.isoformat()})")
    return "".join(parts)
