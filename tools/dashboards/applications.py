"""One row per application with everything the dashboards group and filter on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from tools.tracker.tracker import TableMemo, Tracker, kept_states

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


def application_table(t: Tracker, stages: StageMap, today: date, tables: TableMemo | None = None) -> pd.DataFrame:
    """Per application: the state from :func:`~tools.tracker.state.derive_states` (the CLI's
    too) plus what only the dashboards need (slug, phases visited, filter fields). ``tables``:
    the memo the tracker was loaded with, which then already holds the states."""
    apps = t.applications
    if apps.empty:
        return pd.DataFrame(columns=COLUMNS)
    history = t.history
    phases: dict[str, set[str]] = {}
    for app, stage in zip(history["application"], history["stage"]):
        if isinstance(stage, str) and stage in stages.phase:
            phases.setdefault(app, set()).add(stages.phase[stage])
    states = kept_states(tables, apps, history, t.offers, t.settings, today)
    rows = []
    for app, st in zip(apps.itertuples(index=False), states.itertuples(index=False)):
        stage = _text(st.stage)
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
                "outcome": _text(st.outcome),
                "max_rank": int(st.max_rank),
                "visited_phases": frozenset(phases.get(app.id, set())),
                "applied_flag": stage != stages.to_apply,
                "active": bool(st.is_open),
                "last_date": st.last_date,
                "idle_days": st.idle_days if st.idle_days == st.idle_days else None,
                "stale": bool(st.stale),
                "offer": bool(st.is_offer),
                "signed": bool(st.is_signed),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
