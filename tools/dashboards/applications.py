"""One row per application with everything the dashboards group and filter on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from tools.tracker.tracker import Tracker

from .slugs import company_slug
from .stages import StageMap

COLUMNS = [
    "id", "company", "slug", "role", "season", "batch", "direction", "channel", "cities",
    "applied", "stage", "outcome", "max_rank", "visited_phases", "applied_flag", "active",
    "last_date", "idle_days", "stale", "offer", "signed",
]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def opaque_ids(t: Tracker) -> Tracker:
    """Replace application and interview ids (often company names) by ``a0001``-style ids.

    Used for anonymised builds, together with dropping free-text history notes, which may
    name a company.
    """
    app_ids = {old: f"a{i + 1:04d}" for i, old in enumerate(t.applications["id"])}
    iv_ids = {old: f"i{i + 1:04d}" for i, old in enumerate(t.interviews["id"])}

    def remap(df: pd.DataFrame, column: str, mapping: dict[str, str]) -> pd.DataFrame:
        if column not in df or df.empty:
            return df
        return df.assign(**{column: df[column].map(lambda v: mapping.get(v, "x"))})

    return replace(
        t,
        applications=remap(t.applications, "id", app_ids),
        history=remap(t.history, "application", app_ids).assign(note=""),
        attempts=remap(t.attempts, "application", app_ids),
        interviews=remap(remap(t.interviews, "application", app_ids), "id", iv_ids),
        offers=remap(t.offers, "application", app_ids),
    )


def application_table(t: Tracker, stages: StageMap, today: date) -> pd.DataFrame:
    """Per application: furthest rank over all attempts, phases visited, activity and flags."""
    apps = t.applications
    if apps.empty:
        return pd.DataFrame(columns=COLUMNS)
    history = t.history
    rank_of = history["stage"].map(lambda s: stages.rank.get(s, -1) if isinstance(s, str) else -1)
    max_rank = rank_of.groupby(history["application"]).max().to_dict() if len(history) else {}
    phases: dict[str, set[str]] = {}
    for app, stage in zip(history["application"], history["stage"]):
        if isinstance(stage, str) and stage in stages.phase:
            phases.setdefault(app, set()).add(stages.phase[stage])
    last_date = history.dropna(subset=["date"]).groupby("application")["date"].max().to_dict() if len(history) else {}
    last_outcome = {}
    if len(t.attempts):
        last = t.attempts.drop_duplicates("application", keep="last")
        last_outcome = dict(zip(last["application"], last["outcome"]))
    offered = set(t.offers["application"]) if len(t.offers) else set()
    now = pd.Timestamp(today)
    rows = []
    for app in apps.itertuples(index=False):
        stage = _text(app.stage)
        outcome = last_outcome.get(app.id)
        if not isinstance(outcome, str):
            outcome = _text(app.outcome)
        rank = max(max_rank.get(app.id, -1), stages.rank.get(stage, -1))
        signed = stage in stages.signed_stages or any(stages.rank.get(s) == rank for s in stages.signed_stages)
        ended = outcome in stages.terminal_outcomes or signed
        applied_flag = stage != stages.to_apply
        when = last_date.get(app.id, pd.NaT)
        if pd.isna(when):
            when = app.applied
        idle = int((now - when).days) if pd.notna(when) else None
        waiting_on_us = stage in stages.offer_stages  # waiting after an oral offer is no stall
        upcoming_step = pd.notna(app.next_at) and app.next_at >= now
        stale = bool(
            not ended and applied_flag and not waiting_on_us and not upcoming_step
            and idle is not None and idle > t.settings.stale_days
        )
        rows.append(
            {
                "id": app.id,
                "company": app.company,
                "slug": company_slug(app.company),
                "role": _text(app.role),
                "season": _text(app.season),
                "batch": _text(app.batch),
                "direction": _text(app.direction),
                "channel": _text(app.channel),
                "cities": list(app.city) if isinstance(app.city, (list, tuple)) else [],
                "applied": app.applied,
                "stage": stage,
                "outcome": outcome,
                "max_rank": rank,
                "visited_phases": frozenset(phases.get(app.id, set())),
                "applied_flag": applied_flag,
                "active": not ended,
                "last_date": when,
                "idle_days": idle,
                "stale": stale,
                "offer": rank >= stages.offer_rank or app.id in offered,
                "signed": signed,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
