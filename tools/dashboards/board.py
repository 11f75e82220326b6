"""The board: one column per stage, a card per application, stalled cards flagged."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import pandas as pd

from tools.tracker.settings import Settings

MAX_CARDS = 120  # per column; the company index lists everything


@dataclass(frozen=True)
class Card:
    company: str
    slug: str
    role: str
    season: str
    batch: str
    direction: str
    outcome: str
    active: bool
    stale_days: int | None  # set when flagged as stalled


@dataclass(frozen=True)
class Column:
    stage: str
    en: str
    total: int
    active: int
    cards: list[Card]

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


CARD_COLUMNS = ("company", "slug", "role", "season", "batch", "direction", "outcome", "active", "idle_days", "stale")


def board_columns(table: pd.DataFrame, settings: Settings, max_cards: int = MAX_CARDS) -> list[Column]:
    """Every stage in order; open applications first, then most recent activity first (no
    activity last), then company and role; rows equal in all four keep the table's order.

    One pass over plain values: filtering and sorting the frame once per stage (18 stages) was
    most of the board's time under ``tools/dev.py serve``."""
    by_stage: dict[object, list[_Row]] = {}
    if len(table):
        for values in zip(*(table[c].tolist() for c in _Row._fields)):
            row = _Row(*values)
            by_stage.setdefault(row.stage, []).append(row)
    columns = []
    for stage in settings.stages:
        rows = sorted(by_stage.get(stage.key, []), key=_card_order)
        cards = [
            Card(r.company, r.slug, r.role, r.season, r.batch, r.direction, r.outcome, bool(r.active),
                 int(r.idle_days) if r.stale else None)
            for r in rows[:max_cards]
        ]
        columns.append(Column(stage.key, stage.en, len(rows), sum(1 for r in rows if r.active), cards))
    return columns


# One application as the board reads it: what a card shows, then its sort and grouping keys.
_Row = namedtuple("_Row", (*CARD_COLUMNS, "last_date", "stage"))


def _card_order(row: _Row) -> tuple:
    """Open first, then the latest activity (undated last), then company and role."""
    undated = row.last_date is None or pd.isna(row.last_date)
    return (not row.active, undated, 0 if undated else -row.last_date.value, row.company, row.role)
