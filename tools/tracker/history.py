"""Stage history: explicit append-only rows, or inferred from the current stage.

Each application's history is split into attempts. A new attempt starts where
the file says so (``attempt`` column) or, when it does not, where an ended
attempt (terminal outcome) is followed by further stages, or where the stage
order goes backwards (被捞 by another team). Within one attempt stages only
move forward, so charts built on attempts never contain a cycle.
"""

from __future__ import annotations

import pandas as pd

from .settings import Settings
from .state import next_outcome

HISTORY_COLUMNS = ["application", "attempt", "date", "stage", "outcome", "note", "inferred", "source", "line"]


def infer_history(apps: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """History rows for applications that have none: applied, the path steps, the current stage.

    Only the applied date is known; later steps carry no date (NaT) and are
    marked ``inferred``.
    """
    rows: list[dict[str, object]] = []
    applied_key = settings.stage_keys[1] if len(settings.stage_keys) > 1 else settings.stage_keys[0]
    order = settings.stage_order()
    for app in apps.itertuples(index=False):
        if not isinstance(getattr(app, "stage", None), str):
            continue  # an unreadable stage is an error of its own; nothing to infer from
        steps: list[tuple[str, str | None]] = []
        if getattr(app, "stage", None) != settings.stage_keys[0]:
            steps.append((applied_key, None))
        for step in getattr(app, "stage_path", ()) or ():
            steps.append((step.stage, None))
        if app.stage is not None and (not steps or steps[-1][0] != app.stage):
            steps.append((app.stage, None))
        outcome = app.outcome if isinstance(app.outcome, str) else None
        seen: set[str] = set()
        last = -1
        for i, (stage, _) in enumerate(steps):
            if stage in seen or order.get(stage, -1) < last:
                continue
            seen.add(stage)
            last = order.get(stage, -1)
            rows.append(
                {
                    "application": app.id,
                    "attempt": 1,
                    "date": app.applied if stage == applied_key else pd.NaT,
                    "stage": stage,
                    "outcome": outcome if i == len(steps) - 1 else None,
                    "note": "",
                    "inferred": True,
                    "source": app.source if hasattr(app, "source") else "",
                    "line": app.line if hasattr(app, "line") else 0,
                }
            )
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def assign_attempts(history: pd.DataFrame, settings: Settings) -> pd.Series:
    """Attempt number for each history row (file order within an application)."""
    order = settings.stage_order()
    terminal = {o.key for o in settings.outcomes if o.terminal}
    result: list[int] = [1] * len(history)
    state: dict[str, tuple[int, int, bool]] = {}  # app -> (attempt, last order, ended)
    # plain lists: iterating pandas columns element by element is many times slower
    explicit = history["attempt"].tolist() if "attempt" in history else [pd.NA] * len(history)
    columns = (history[c].tolist() for c in ("application", "stage", "outcome"))
    for pos, (app, stage, outcome, given) in enumerate(zip(*columns, explicit)):
        attempt, last, ended = state.get(app, (1, -1, False))
        rank = order.get(stage, -1) if isinstance(stage, str) else -1
        if given is not pd.NA and given == given and given is not None:
            if int(given) != attempt:
                attempt, last, ended = int(given), -1, False
        elif isinstance(stage, str) and (ended or rank < last):
            attempt, last, ended = attempt + 1, -1, False
        result[pos] = attempt
        if rank >= 0:
            last = max(last, rank)
        if isinstance(outcome, str) and outcome in terminal:
            ended = True
        state[app] = (attempt, last, ended)
    return pd.Series(result, index=history.index, dtype="int64")


def build_history(apps: pd.DataFrame, explicit: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """All history: explicit rows (attempts assigned) plus inferred rows for the rest."""
    explicit = explicit.copy()
    if len(explicit):
        explicit["attempt"] = assign_attempts(explicit, settings)
    else:
        explicit["attempt"] = pd.Series(dtype="int64")
    explicit["inferred"] = False
    if "note" not in explicit:
        explicit["note"] = ""
    covered = set(explicit["application"]) if len(explicit) else set()
    inferred = infer_history(apps[~apps["id"].isin(covered)], settings)
    frames = [f[HISTORY_COLUMNS] for f in (explicit, inferred) if len(f)]
    if not frames:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["attempt"] = out["attempt"].astype("int64")
    out["inferred"] = out["inferred"].astype(bool)
    return out


def attempts(history: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One row per (application, attempt): furthest stage reached, outcome, first and last date."""
    columns = ["application", "attempt", "furthest", "outcome", "start", "end", "inferred"]
    if history.empty:
        return pd.DataFrame(columns=columns)
    order = settings.stage_order()
    keys = ["application", "attempt"]
    h = history.assign(_rank=history["stage"].map(order).fillna(-1))
    grouped = h.groupby(keys, sort=False)
    out = grouped.agg(start=("date", "min"), end=("date", "max"), inferred=("inferred", "all"))
    # the outcome as derive_states reads it: a later stage without an outcome clears an earlier one
    final: dict[tuple[str, int], str | None] = {}
    for app, attempt, stage, outcome in zip(h["application"], h["attempt"], h["stage"], h["outcome"]):
        final[(app, int(attempt))] = next_outcome(final.get((app, int(attempt))), stage, outcome)
    out["outcome"] = [final.get((a, int(n))) for a, n in out.index]
    staged = h[h["_rank"] >= 0]
    best = staged.loc[staged.groupby(keys, sort=False)["_rank"].idxmax()].set_index(keys)["stage"]
    out["furthest"] = best.reindex(out.index)
    out = out.reset_index()
    out["attempt"] = out["attempt"].astype("int64")
    out["outcome"] = out["outcome"].astype(object).where(out["outcome"].notna(), None)
    out["furthest"] = out["furthest"].astype(object).where(out["furthest"].notna(), None)
    return out[columns]
