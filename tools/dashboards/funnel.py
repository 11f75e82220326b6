"""The application funnel and the headline figures (KPIs) built on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

import pandas as pd

from .stages import INTERVIEW_PHASE, TEST_PHASE, StageMap


@dataclass(frozen=True)
class FunnelStep:
    label: str
    count: int
    rate: float | None  # share of the previous step (None for the first)


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    note: str = ""
    change: str = ""  # e.g. "+2 本周" (see week_changes); "" where a weekly change means nothing


# KPI key -> what an application must have reached; the counts of week_changes.
CHANGE_KEYS = ("applied", "screened", "interviewed", "offers")


def _thresholds(stages: StageMap) -> dict[str, int]:
    return {
        "applied": stages.rank.get(stages.to_apply, 0) + 1,
        "screened": stages.phase_rank(TEST_PHASE),
        "interviewed": stages.phase_rank(INTERVIEW_PHASE),
        "offers": stages.offer_rank,
    }


def week_changes(history: pd.DataFrame, stages: StageMap, today: date) -> dict[str, int]:
    """How many applications first reached each KPI's stage this week (Monday to ``today``),
    from the dated history rows: the "+N 本周" under the 投递数 / 进入笔试/面试 / Offer cards.
    Undated (inferred) rows and rows after ``today`` do not count."""
    changes = dict.fromkeys(CHANGE_KEYS, 0)
    if history.empty:
        return changes
    dated = history.dropna(subset=["date"])
    # Plain Python over the history rows: four pandas group-bys cost ~0.1 s per call, and the
    # overview computes the KPIs once per filter option on every build.
    rows = [
        (app, when, stages.rank.get(stage, -1) if isinstance(stage, str) else -1)
        for app, when, stage in zip(dated["application"].tolist(), dated["date"].tolist(), dated["stage"].tolist())
        if not pd.isna(app)
    ]
    monday = pd.Timestamp(today - timedelta(days=today.weekday()))
    end = pd.Timestamp(today)
    for key, threshold in _thresholds(stages).items():
        first: dict[object, pd.Timestamp] = {}
        for app, when, rank in rows:
            if rank >= threshold and (app not in first or when < first[app]):
                first[app] = when
        changes[key] = sum(1 for when in first.values() if monday <= when <= end)
    return changes


def change_text(count: int) -> str:
    """
    >>> change_text(2), change_text(0)
    ('+2 本周', '+0 本周')
    """
    return f"+{count} 本周"


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percent(value: float | None) -> str:
    """
    >>> percent(0.4567), percent(None)
    ('45.7%', '–')
    """
    return "–" if value is None else f"{value * 100:.1f}%"


def passed_screening(table: pd.DataFrame, stages: StageMap) -> pd.Series:
    """Reached a test or anything after it (skipping the test still counts)."""
    return table["max_rank"] >= stages.phase_rank(TEST_PHASE)


def reached_interview(table: pd.DataFrame, stages: StageMap) -> pd.Series:
    return table["max_rank"] >= stages.phase_rank(INTERVIEW_PHASE)


def funnel(table: pd.DataFrame, stages: StageMap) -> list[FunnelStep]:
    """投递 → 过简历 → 进面试 → Offer → 签约, per application (best attempt)."""
    applied = table[table["applied_flag"]] if len(table) else table
    counts = [
        ("投递", len(applied)),
        ("过简历(笔试/测评或之后)", int(passed_screening(applied, stages).sum()) if len(applied) else 0),
        ("进面试", int(reached_interview(applied, stages).sum()) if len(applied) else 0),
        ("Offer", int(applied["offer"].sum()) if len(applied) else 0),
        ("签约", int(applied["signed"].sum()) if len(applied) else 0),
    ]
    steps = []
    for i, (label, count) in enumerate(counts):
        steps.append(FunnelStep(label, count, None if i == 0 else ratio(count, counts[i - 1][1])))
    return steps


def first_response_days(table: pd.DataFrame, history: pd.DataFrame, stages: StageMap) -> list[int]:
    """Days from applying to the first dated event after it (a new stage or a rejection)."""
    if table.empty or history.empty:
        return []
    applied_rank = stages.rank.get(stages.to_apply, 0) + 1
    answers = {o for o in stages.terminal_outcomes if o != "无回应"}
    dated = history.dropna(subset=["date"])
    first: dict[object, pd.Timestamp] = {}  # application -> its first response (plain Python: see week_changes)
    columns = ("application", "date", "stage", "outcome", "inferred", "attempt")
    for app, when, stage, outcome, inferred, attempt in zip(*(dated[c].tolist() for c in columns)):
        if pd.isna(app) or inferred or attempt != 1:
            continue
        rank = stages.rank.get(stage, -1) if isinstance(stage, str) else -1
        if (rank > applied_rank or outcome in answers) and (app not in first or when < first[app]):
            first[app] = when
    applied = dict(zip(table["id"].tolist(), table["applied"].tolist()))
    days = [(when - applied[app]).days for app, when in first.items() if app in applied and not pd.isna(applied[app])]
    return sorted(d for d in days if d >= 0)


def kpis(table: pd.DataFrame, history: pd.DataFrame, stages: StageMap, today: date) -> list[Kpi]:
    steps = funnel(table, stages)
    applied, screened, interviewed, offers = (s.count for s in steps[:4])
    applied_rows = table[table["applied_flag"]] if len(table) else table
    active = int(applied_rows["active"].sum()) if len(applied_rows) else 0
    monday = pd.Timestamp(today - timedelta(days=today.weekday()))
    this_week = int(((applied_rows["applied"] >= monday) & (applied_rows["applied"] <= pd.Timestamp(today))).sum()) if len(applied_rows) else 0
    waits = first_response_days(table, history, stages)
    week = week_changes(history, stages, today)
    return [
        Kpi("投递数", str(applied), f"另有 {int((~table['applied_flag']).sum()) if len(table) else 0} 个待投递", change_text(week["applied"])),
        Kpi("进行中", str(active), "没有结局的投递"),
        Kpi("进入笔试/面试", str(screened), f"其中进面试 {interviewed}", change_text(week["screened"])),
        Kpi("Offer", str(offers), "", change_text(week["offers"])),
        Kpi("简历通过率", percent(ratio(screened, applied)), "过简历 ÷ 投递"),
        Kpi("面试转化率", percent(ratio(offers, interviewed)), "Offer ÷ 进面试"),
        Kpi("首次回复中位天数", f"{median(waits):g} 天" if waits else "–", f"基于 {len(waits)} 个有日期的投递"),
        Kpi("本周新投递", str(this_week), f"自 {monday.date().isoformat()} 起"),
    ]
