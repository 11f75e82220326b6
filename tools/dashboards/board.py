"""The board: one column per stage, a card per application, stalled cards flagged."""

from __future__ import annotations

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
    by_stage: dict[object, list[tuple]] = {}
    if len(table):
        values = [table[c].tolist() for c in (*CARD_COLUMNS, "last_date", "stage")]
        for row in zip(*values):
            by_stage.setdefault(row[-1], []).append(row)
    columns = []
    for stage in settings.stages:
        rows = sorted(by_stage.get(stage.key, []), key=_card_order)
        cards = [
            Card(company, slug, role, season, batch, direction, outcome, bool(active), int(idle) if stale else None)
            for company, slug, role, season, batch, direction, outcome, active, idle, stale, *_ in rows[:max_cards]
        ]
        columns.append(Column(stage.key, stage.en, len(rows), sum(1 for row in rows if row[7]), cards))
    return columns


def _card_order(row: tuple) -> tuple:
    """The sort key of a row of :func:`board_columns` (``CARD_COLUMNS`` + last_date + stage)."""
    company, role, active, last = row[0], row[2], row[7], row[10]
    undated = last is None or pd.isna(last)
    return (not active, undated, 0 if undated else -last.value, company, role)
