"""Conversion by direction, base city, batch and channel (does 内推 beat 官网?)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .funnel import passed_screening, ratio, reached_interview
from .stages import StageMap

MISSING = "未填"
DIMENSIONS = {"direction": "方向", "cities": "base 地", "batch": "批次", "channel": "渠道"}


@dataclass(frozen=True)
class BreakdownRow:
    value: str
    applied: int
    screened: int
    interviewed: int
    offers: int

    @property
    def screen_rate(self) -> float | None:
        return ratio(self.screened, self.applied)

    @property
    def interview_rate(self) -> float | None:
        return ratio(self.interviewed, self.applied)

    @property
    def offer_rate(self) -> float | None:
        return ratio(self.offers, self.applied)


def breakdown(table: pd.DataFrame, column: str, stages: StageMap, limit: int = 15) -> list[BreakdownRow]:
    """Applied applications grouped by ``column`` (a list column counts once per value).

    The largest ``limit`` groups are kept; the rest are summed into 其他.
    """
    applied = table[table["applied_flag"]] if len(table) else table
    if applied.empty:
        return []
    frame = pd.DataFrame(
        {
            "value": applied[column],
            "screened": passed_screening(applied, stages),
            "interviewed": reached_interview(applied, stages),
            "offer": applied["offer"].astype(bool),
        }
    )
    if column == "cities":
        frame = frame.explode("value")
    frame["value"] = frame["value"].map(lambda v: v if isinstance(v, str) and v.strip() else MISSING)
    grouped = frame.groupby("value", sort=False).agg(
        applied=("value", "size"), screened=("screened", "sum"), interviewed=("interviewed", "sum"), offers=("offer", "sum")
    )
    grouped = grouped.reset_index().sort_values(["applied", "value"], ascending=[False, True])
    rows = [BreakdownRow(str(r.value), int(r.applied), int(r.screened), int(r.interviewed), int(r.offers)) for r in grouped.itertuples(index=False)]
    if len(rows) > limit:
        rest = rows[limit:]
        rows = rows[:limit] + [
            BreakdownRow(
                f"其他 {len(rest)} 项",
                sum(r.applied for r in rest),
                sum(r.screened for r in rest),
                sum(r.interviewed for r in rest),
                sum(r.offers for r in rest),
            )
        ]
    return rows
