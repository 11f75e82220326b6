"""The 总览 page's numbers and charts, for all applications and for each offline filter.

:func:`overview` runs the existing derivations (funnel, Sankey, activity, breakdowns) on one
application table. The page shows it for every application; for each season and direction
present in the data, :func:`filter_variants` runs the same function on the applications of
that value only, so the page can swap KPIs and charts without JavaScript computing anything.
One value at a time: combinations are not pre-computed, to keep the page light.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from tools.site.charts import json_script
from tools.tracker.tracker import Tracker

from . import activity, breakdown, figures, funnel, sankey
from .filters import filter_selects
from .memo import ContentMemo, content_key, frame_rows, frame_schema
from .stages import StageMap

CHART_BREAKDOWNS = ("direction", "channel")
FILTER_FIELDS = ("season", "direction")  # batch and "only open" stay on the board and index
MAX_OPTIONS = 12  # per field, the most common values; bounds the page weight
VARIANTS_ID = "overview-variants"
CAPTIONS = {
    "sankey-chart": "投递去向 Sankey 图",
    "funnel-chart": "投递漏斗",
    "weekly-chart": "每周投递数",
    "calendar-chart": "活动日历",
    **{f"by-{key}-chart": f"按{breakdown.DIMENSIONS[key]}的转化率" for key in CHART_BREAKDOWNS},
}


@dataclass(frozen=True)
class Overview:
    kpis: list[funnel.Kpi]
    flows: list[sankey.Flow]
    endings: list[tuple[str, int]]
    funnel: list[funnel.FunnelStep]
    weeks: list[activity.WeekCount]
    calendar: activity.CalendarGrid
    breakdowns: dict[str, list[breakdown.BreakdownRow]]  # dimension -> rows


@dataclass(frozen=True)
class FilterOption:
    field: str
    label: str  # the field's name on the page (季节, 方向)
    value: str


def overview(t: Tracker, table: pd.DataFrame, stages: StageMap, today: date) -> Overview:
    """Every number of the 总览 page for the applications in ``t`` and ``table``."""
    paths = sankey.attempt_paths(t.history, t.attempts, stages)
    applied = table.loc[table["applied_flag"], "applied"] if len(table) else pd.Series(dtype="datetime64[ns]")
    return Overview(
        kpis=funnel.kpis(table, t.history, stages, today),
        flows=sankey.flows(paths),
        endings=sankey.endings(paths),
        funnel=funnel.funnel(table, stages),
        weeks=activity.weekly_applications(applied),
        calendar=activity.calendar_grid(activity.activity_days(t.history, t.interviews), today),
        breakdowns={key: breakdown.breakdown(table, key, stages) for key in breakdown.DIMENSIONS},
    )


def chart_figures(view: Overview) -> dict[str, dict]:
    """Plotly figure dicts by chart element id; charts with nothing to draw are left out."""
    charts: dict[str, dict] = {}
    if view.flows:
        charts["sankey-chart"] = figures.sankey_figure(view.flows)
    charts["funnel-chart"] = figures.funnel_figure(view.funnel)
    if view.weeks:
        charts["weekly-chart"] = figures.weekly_figure(view.weeks)
    if view.calendar.weeks:
        charts["calendar-chart"] = figures.calendar_figure(view.calendar)
    for key in CHART_BREAKDOWNS:
        if view.breakdowns[key]:
            charts[f"by-{key}-chart"] = figures.breakdown_figure(view.breakdowns[key], breakdown.DIMENSIONS[key])
    return charts


_BY_APPLICATION = {"applications": "id", "history": "application", "attempts": "application", "interviews": "application", "offers": "application"}
Positions = dict[str, dict[str, np.ndarray]]  # table name -> application id -> its rows' positions


def row_positions(t: Tracker) -> Positions:
    """Where each application's rows are in the tables :func:`restrict` reduces, found once for
    all filter options (a table with an empty or non-text id is left out: :func:`restrict` then
    filters it as before)."""
    positions: Positions = {}
    for name, column in _BY_APPLICATION.items():
        frame = getattr(t, name)
        if column in frame and len(frame) and all(isinstance(value, str) for value in frame[column]):
            positions[name] = frame.groupby(column, sort=False).indices
    return positions


def positions_of(groups: dict[str, np.ndarray], ids: Iterable[str]) -> np.ndarray:
    """The sorted row positions of ``ids`` (each id once) in a table grouped by application
    (``groups``: one table's entry of :func:`row_positions`); empty when none has rows.

    >>> positions_of({"a": np.array([3, 0]), "b": np.array([1])}, ["b", "a", "b", "z"]).tolist()
    [0, 1, 3]
    """
    found = [groups[i] for i in dict.fromkeys(ids) if i in groups]
    return np.sort(np.concatenate(found)) if found else np.array([], dtype=np.intp)


def restrict(t: Tracker, table: pd.DataFrame, keep: pd.Series, positions: Positions | None = None) -> tuple[Tracker, pd.DataFrame]:
    """The tracker and application table reduced to the applications where ``keep`` is true.
    ``positions`` (:func:`row_positions` of ``t``) gives the same frames as filtering each table,
    by taking the listed rows in their order (the eleven options of the demo cost a third less)."""
    subset = table[keep.to_numpy(dtype=bool)]
    ids = set(subset["id"])

    def rows(name: str, column: str) -> pd.DataFrame:
        frame = getattr(t, name)
        if column not in frame:
            return frame
        groups = (positions or {}).get(name)
        if groups is None or not all(isinstance(i, str) for i in ids):
            return frame[frame[column].isin(ids)]
        return frame.take(positions_of(groups, ids))

    reduced = replace(t, **{name: rows(name, column) for name, column in _BY_APPLICATION.items()})
    return reduced, subset


def filter_options(table: pd.DataFrame, limit: int = MAX_OPTIONS) -> list[FilterOption]:
    """Season and direction values worth a filter: fields with at least two values present,
    each keeping its ``limit`` most common values (ties in order of first appearance)."""
    options = []
    for select in filter_selects(table):
        if select.field not in FILTER_FIELDS or len(select.options) < 2:
            continue
        counts = table[select.field].value_counts()
        common = sorted(select.options, key=lambda v: -counts[v])[:limit]
        options += [FilterOption(select.field, select.label, v) for v in select.options if v in common]
    return options


def option_groups(options: list[FilterOption]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Options grouped by field for ``<optgroup>``; each keeps its index into the variants.

    >>> option_groups([FilterOption("season", "季节", "秋招"), FilterOption("direction", "方向", "CV")])
    [('季节', [(0, '秋招')]), ('方向', [(1, 'CV')])]
    """
    groups: dict[str, list[tuple[int, str]]] = {}
    for i, option in enumerate(options):
        groups.setdefault(option.label, []).append((i, option.value))
    return list(groups.items())


def filter_variants(
    t: Tracker, table: pd.DataFrame, stages: StageMap, today: date, options: list[FilterOption], chart_ids: list[str]
) -> list[dict]:
    """For each option, the KPI values and notes and the figure of every chart in ``chart_ids``
    (a chart with nothing to draw for that option gets a "no data" figure)."""
    variants = []
    positions = row_positions(t)
    plain = {name: frame_rows(getattr(t, name)) for name in OVERVIEW_READS if name in positions}
    table_rows, table_ids = frame_rows(table), table["id"].tolist() if "id" in table else []
    schemas = [frame_schema(getattr(t, name)) for name in OVERVIEW_READS] + [frame_schema(table)]
    shared = content_key((stages, today, list(chart_ids), schemas))  # hashed once, not per option
    for option in options:
        keep = table[option.field] == option.value

        def compute(keep: pd.Series = keep) -> dict:
            return _variant(*restrict(t, table, keep, positions), stages, today, list(chart_ids))

        # serve: the options a new row leaves alone are kept, keyed by the rows of the tables that
        # overview() reads (test_overview_reads_only_its_keyed_tables) as plain values: pickling
        # each option's reduced tracker and frames cost more than a kept variant saved
        at = np.flatnonzero(keep.to_numpy(dtype=bool))
        picked = _picked_rows(t, positions, plain, {table_ids[i] for i in at})
        if shared is None or picked is None:
            variants.append(compute())
            continue
        variants.append(_VARIANTS.get((picked, [table_rows[i] for i in at], shared), compute))
    return variants


OVERVIEW_READS = ("history", "attempts", "interviews")  # the tracker's tables that overview() reads


def _picked_rows(t: Tracker, positions: Positions, plain: dict[str, list[tuple]], ids: set) -> tuple | None:
    """The plain rows of each table in :data:`OVERVIEW_READS` that :func:`restrict` keeps for ``ids``
    (in table order); None when a non-empty table has no positions or an id is not text."""
    if not all(isinstance(i, str) for i in ids):
        return None
    picked = []
    for name in OVERVIEW_READS:
        if name not in positions:
            if len(getattr(t, name)):
                return None
            picked.append(())
            continue
        rows = plain[name]
        picked.append(tuple(rows[p] for p in positions_of(positions[name], ids)))
    return tuple(picked)


_VARIANTS: ContentMemo[dict] = ContentMemo()


def _variant(t: Tracker, table: pd.DataFrame, stages: StageMap, today: date, chart_ids: list[str]) -> dict:
    view = overview(t, table, stages, today)
    charts = chart_figures(view)
    return {
        "kpis": [[k.value, k.note or "–", k.change] for k in view.kpis],  # "–" as the card shows it
        "charts": {cid: charts.get(cid) or figures.empty_figure() for cid in chart_ids},
    }


def variants_script(variants: list[dict]) -> str:
    """The variants as an inline ``<script type="application/json">`` for charts.js.

    The JSON is escaped as chart figures are (:func:`tools.site.charts.json_script`), so no data
    string can end the element.

    >>> print(variants_script([{"kpis": [["1", "</script><b>"]], "charts": {}}]))
    <script type="application/json" id="overview-variants">[{"kpis": [["1", "\\u003c/script\\u003e\\u003cb\\u003e"]], "charts": {}}]</script>
    """
    return json_script(VARIANTS_ID, variants)
