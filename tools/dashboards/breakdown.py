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
    # Plain Python over a few hundred rows: a pandas groupby costs ~20 ms per call, and the
    # overview asks for 4 breakdowns per filter option on every build.
    counts: dict[str, list[int]] = {}
    for value, screened, interviewed, offer in zip(
        applied[column].tolist(),
        passed_screening(applied, stages).tolist(),
        reached_interview(applied, stages).tolist(),
        applied["offer"].astype(bool).tolist(),
    ):
        for item in _values(value) if column == "cities" else (value,):
            key = item if isinstance(item, str) and item.strip() else MISSING
            tally = counts.setdefault(key, [0, 0, 0, 0])
            tally[0] += 1
            tally[1] += bool(screened)
            tally[2] += bool(interviewed)
            tally[3] += bool(offer)
    rows = sorted((BreakdownRow(key, *tally) for key, tally in counts.items()), key=lambda r: (-r.applied, r.value))
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


def _values(cell: object) -> list[object]:
    """The items of a list cell (one missing item for an empty list), as ``DataFrame.explode`` gives them.

    >>> _values(["北京", "上海"]), _values([]), _values("杭州")
    (['北京', '上海'], [None], ['杭州'])
    """
    if isinstance(cell, (list, tuple, set, frozenset)):
        return list(cell) or [None]
    return [cell]
