"""One derivation of where every application stands: the CLI and the site both read this.

:func:`derive_states` is a pure function of the applications, the history (explicit and
inferred rows, attempts assigned), the offers and the settings. Every consumer — ``list``,
``stats``, ``check`` (stale warnings), the board, the company pages, the overview and the
calendar — takes stage, outcome, dates and the offer flag from its result, so they cannot
disagree.

Rules, in the order they apply:

* The **current attempt** is the application's last attempt in the history.
* The **current stage** is the last stage recorded in that attempt. The history is the
  record; when the applications file says something else, ``check`` warns.
* The **outcome** is read row by row through the current attempt: a row with an outcome
  sets it, a later row that enters a stage without an outcome clears it (a 意向书 after
  泡池子 means the pool is over). When the history has none, the applications file's
  outcome counts if its stage is the current stage.
* **Offer** (one definition): some attempt reached an offer stage (the result-phase stages
  after the first, OC onwards), or an offer is recorded in ``offers``, or an outcome says
  an offer existed (拒offer, 已签约).
* **Open**: no terminal outcome and not signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .settings import Settings

RESULT_PHASE = "结果"
OFFER_OUTCOMES = frozenset({"拒offer", "已签约"})  # outcomes that only exist after an offer

STATE_COLUMNS = [
    "id", "attempt", "attempts", "stage", "furthest", "max_rank", "outcome", "applied",
    "started", "last_date", "idle_days", "is_offer", "is_signed", "is_open", "stale",
]


@dataclass(frozen=True)
class StageFacts:
    """What the configured stages mean, derived once from the settings."""

    rank: dict[str, int]
    offer_stages: frozenset[str]  # result-phase stages after the first (OC, 意向书, …)
    signed_stages: frozenset[str]  # terminal stages (已签约/三方)
    to_apply: str  # the stage before applying (待投递)
    terminal_outcomes: frozenset[str]

    @property
    def offer_rank(self) -> int:
        ranks = [self.rank[s] for s in self.offer_stages]
        return min(ranks) if ranks else len(self.rank)


def stage_facts(settings: Settings) -> StageFacts:
    results = [s.key for s in settings.stages if s.phase == RESULT_PHASE]
    return StageFacts(
        rank=settings.stage_order(),
        offer_stages=frozenset(results[1:]),
        signed_stages=frozenset(s.key for s in settings.stages if s.terminal),
        to_apply=settings.stage_keys[0],
        terminal_outcomes=frozenset(o.key for o in settings.outcomes if o.terminal),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def next_outcome(current: str | None, stage: object, outcome: object) -> str | None:
    """The attempt's outcome after one more history row (the rule of the module docstring).

    >>> next_outcome(None, "录用评估", "泡池子"), next_outcome("泡池子", "意向书", None), next_outcome("挂", None, None)
    ('泡池子', None, '挂')
    """
    if _text(outcome) is not None:
        return outcome  # type: ignore[return-value]
    if _text(stage) is not None:
        return None
    return current


def derive_states(apps: pd.DataFrame, history: pd.DataFrame, offers: pd.DataFrame, settings: Settings, today: date) -> pd.DataFrame:
    """One row per application (in the applications' order) with the columns of ``STATE_COLUMNS``."""
    facts = stage_facts(settings)
    rank = facts.rank
    offered = set(offers["application"]) if len(offers) and "application" in offers else set()
    # Walk the history once, in file order, keeping per application what the rules need.
    per_app: dict[str, dict[str, object]] = {}
    if len(history):
        cols = [history[c].tolist() for c in ("application", "attempt", "stage", "outcome", "date")]
        for app, attempt, stage, outcome, when in zip(*cols):
            s = per_app.get(app)
            attempt = int(attempt)
            if s is None or s["attempt"] != attempt:
                prev = s or {}
                s = {
                    "attempt": attempt,
                    "attempts": int(prev.get("attempts", 0)) + 1,
                    "stage": None,
                    "outcome": None,
                    "started": pd.NaT,
                    "max_rank": prev.get("max_rank", -1),
                    "last": prev.get("last", pd.NaT),
                    "ever_outcomes": prev.get("ever_outcomes", frozenset()),
                }
                per_app[app] = s
            stage, outcome = _text(stage), _text(outcome)
            s["outcome"] = next_outcome(s["outcome"], stage, outcome)  # type: ignore[arg-type]
            if stage is not None:
                s["stage"] = stage
                s["max_rank"] = max(int(s["max_rank"]), rank.get(stage, -1))  # type: ignore[arg-type]
            if outcome is not None:
                s["ever_outcomes"] = s["ever_outcomes"] | {outcome}  # type: ignore[operator]
            if pd.notna(when):
                if pd.isna(s["started"]):
                    s["started"] = when
                if pd.isna(s["last"]) or when > s["last"]:
                    s["last"] = when
    now = pd.Timestamp(today)
    rows = []
    for app in apps.itertuples(index=False):
        s = per_app.get(app.id, {})
        file_stage, file_outcome = _text(app.stage), _text(app.outcome)
        stage = s.get("stage") or file_stage
        outcome = s.get("outcome")
        if outcome is None and file_outcome is not None and file_stage == stage:
            outcome = file_outcome
        max_rank = max(int(s.get("max_rank", -1)), rank.get(stage or "", -1))  # type: ignore[arg-type]
        furthest = next((k for k, r in rank.items() if r == max_rank), None)
        outcomes = set(s.get("ever_outcomes", frozenset())) | ({outcome} if outcome else set())  # type: ignore[arg-type]
        signed = max_rank >= 0 and furthest in facts.signed_stages or "已签约" in outcomes
        is_offer = max_rank >= facts.offer_rank or app.id in offered or bool(outcomes & OFFER_OUTCOMES)
        is_open = not signed and outcome not in facts.terminal_outcomes
        last = s.get("last", pd.NaT)
        if pd.isna(last):
            last = app.applied
        idle = int((now - last).days) if pd.notna(last) else None
        upcoming = pd.notna(app.next_at) and app.next_at >= now
        stale = bool(
            is_open and stage not in (facts.to_apply, None) and stage not in facts.offer_stages
            and not upcoming and idle is not None and idle > settings.stale_days
        )
        rows.append(
            {
                "id": app.id,
                "attempt": int(s.get("attempt", 1)),  # type: ignore[arg-type]
                "attempts": int(s.get("attempts", 1 if stage else 0)),  # type: ignore[arg-type]
                "stage": stage,
                "furthest": furthest,
                "max_rank": max_rank,
                "outcome": outcome,
                "applied": app.applied,
                "started": s.get("started", pd.NaT),
                "last_date": last,
                "idle_days": idle,
                "is_offer": bool(is_offer),
                "is_signed": bool(signed),
                "is_open": bool(is_open),
                "stale": stale,
            }
        )
    # object columns: pandas would turn None into NaN in a string column
    data = {c: pd.Series([r[c] for r in rows], dtype=object) for c in STATE_COLUMNS}
    out = pd.DataFrame(data, columns=STATE_COLUMNS)
    for c in ("applied", "started", "last_date"):
        out[c] = pd.to_datetime(out[c])
    for c in ("attempt", "attempts", "max_rank"):
        out[c] = out[c].astype("int64")
    for c in ("is_offer", "is_signed", "is_open", "stale"):
        out[c] = out[c].astype(bool)
    return out


def tracker_states(t: "object", today: date) -> pd.DataFrame:
    """:func:`derive_states` for a loaded :class:`~tools.tracker.tracker.Tracker`."""
    return derive_states(t.applications, t.history, t.offers, t.settings, today)  # type: ignore[attr-defined]
