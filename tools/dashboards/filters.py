"""Offline filters: the choices offered and the data attributes that filters.js reads."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from .escape import md_text

FIELDS = (("season", "季节"), ("batch", "批次"), ("direction", "方向"))


@dataclass(frozen=True)
class FilterSelect:
    field: str
    label: str
    options: list[str]


def filter_selects(table: pd.DataFrame) -> list[FilterSelect]:
    """One select per field with the values present, in order of first appearance."""
    selects = []
    for name, label in FIELDS:
        values = [v for v in dict.fromkeys(table[name]) if isinstance(v, str) and v] if len(table) else []
        selects.append(FilterSelect(name, label, values))
    return selects


SEPARATOR = "|"  # several values of one field (a company with several applications)


def _joined(values: str | list[str]) -> str:
    items = [values] if isinstance(values, str) else list(dict.fromkeys(values))
    return md_text(SEPARATOR.join(v.replace(SEPARATOR, " ") for v in items if v))


def item_attributes(season: str | list[str], batch: str | list[str], direction: str | list[str], active: bool) -> Markup:
    """The attributes of one filterable card or table row.

    >>> str(item_attributes("秋招", ["提前批", "正式批"], 'x"y', True))
    'data-hb-item data-season="秋招" data-batch="提前批&#124;正式批" data-direction="x&#34;y" data-active="1"'
    """
    return Markup(
        f'data-hb-item data-season="{_joined(season)}" data-batch="{_joined(batch)}" '
        f'data-direction="{_joined(direction)}" data-active="{1 if active else 0}"'
    )
