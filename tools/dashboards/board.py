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
    """Every stage in order; open applications first, then most recent activity first."""
    columns = []
    for stage in settings.stages:
        rows = table[table["stage"] == stage.key] if len(table) else table
        if len(rows):
            rows = rows.sort_values(
                ["active", "last_date", "company", "role"], ascending=[False, False, True, True], kind="stable", na_position="last"
            )
        cards = [
            Card(
                r.company, r.slug, r.role, r.season, r.batch, r.direction, r.outcome, bool(r.active),
                int(r.idle_days) if r.stale else None,
            )
            for r in rows.head(max_cards)[list(CARD_COLUMNS)].itertuples(index=False)  # only what a card shows: itertuples of every column was most of the time
        ]
        columns.append(Column(stage.key, stage.en, len(rows), int(rows["active"].sum()) if len(rows) else 0, cards))
    return columns
