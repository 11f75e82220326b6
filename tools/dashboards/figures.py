"""Plotly figure dicts for the dashboards (drawn in the page by assets/javascripts/charts.js)."""

from __future__ import annotations

from tools.site.charts import chart_text

from .activity import WEEKDAYS, CalendarGrid, WeekCount
from .breakdown import BreakdownRow
from .funnel import FunnelStep
from .sankey import OPEN, PATH_NODES, SIGNED, Flow

ACCENT = "rgba(83, 109, 254, 0.85)"
GOOD = "rgba(46, 160, 67, 0.9)"
BAD = "rgba(218, 54, 51, 0.85)"
NEUTRAL = "rgba(140, 140, 140, 0.8)"
OPEN_COLOUR = "rgba(255, 167, 38, 0.9)"
MARGIN = {"l": 40, "r": 20, "t": 20, "b": 40}


def _node_colour(label: str) -> str:
    if label in PATH_NODES:
        return ACCENT
    if label == SIGNED:
        return GOOD
    if label == OPEN:
        return OPEN_COLOUR
    if label.endswith("挂"):
        return BAD
    return NEUTRAL


def sankey_figure(links: list[Flow]) -> dict:
    nodes = list(dict.fromkeys([f.source for f in links] + [f.target for f in links]))
    index = {n: i for i, n in enumerate(nodes)}
    return {
        "data": [
            {
                "type": "sankey",
                "arrangement": "snap",
                "valueformat": "d",
                "node": {"label": [chart_text(n) for n in nodes], "color": [_node_colour(n) for n in nodes], "pad": 18, "thickness": 16},
                "link": {
                    "source": [index[f.source] for f in links],
                    "target": [index[f.target] for f in links],
                    "value": [f.count for f in links],
                    "color": "rgba(128, 128, 128, 0.25)",
                },
            }
        ],
        "layout": {"height": 420, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}},
    }


def funnel_figure(steps: list[FunnelStep]) -> dict:
    return {
        "data": [
            {
                "type": "funnel",
                "y": [chart_text(s.label) for s in steps],
                "x": [s.count for s in steps],
                "textinfo": "value+percent previous",
                "marker": {"color": ACCENT},
            }
        ],
        "layout": {"height": 320, "margin": {"l": 160, "r": 20, "t": 10, "b": 20}},
    }


def weekly_figure(weeks: list[WeekCount]) -> dict:
    return {
        "data": [
            {
                "type": "bar",
                "x": [w.week.isoformat() for w in weeks],
                "y": [w.count for w in weeks],
                "marker": {"color": ACCENT},
                "hovertemplate": "%{x} 起的一周:%{y} 个投递<extra></extra>",
            }
        ],
        "layout": {"height": 280, "margin": MARGIN, "xaxis": {"title": {"text": "周(周一)"}, "type": "date"}, "yaxis": {"title": {"text": "投递数"}}},
    }


def calendar_figure(grid: CalendarGrid) -> dict:
    return {
        "data": [
            {
                "type": "heatmap",
                "x": [w.isoformat() for w in grid.weeks],
                "y": list(WEEKDAYS),
                "z": grid.cells,
                "colorscale": [[0, "rgba(128,128,128,0.12)"], [1, ACCENT]],
                "xgap": 2,
                "ygap": 2,
                "showscale": False,
                "hovertemplate": "%{x} 那周的%{y}:%{z} 件事<extra></extra>",
            }
        ],
        "layout": {
            "height": 230,
            "margin": {"l": 40, "r": 10, "t": 10, "b": 30},
            "yaxis": {"autorange": "reversed", "showgrid": False},
            "xaxis": {"showgrid": False, "type": "date"},
        },
    }


def breakdown_figure(rows: list[BreakdownRow], title: str) -> dict:
    labels = [chart_text(r.value) for r in rows]

    def pct(values: list[float | None]) -> list[float | None]:
        return [None if v is None else round(v * 100, 1) for v in values]

    return {
        "data": [
            {"type": "bar", "name": "简历通过率", "x": labels, "y": pct([r.screen_rate for r in rows]), "marker": {"color": ACCENT}},
            {"type": "bar", "name": "进面率", "x": labels, "y": pct([r.interview_rate for r in rows]), "marker": {"color": OPEN_COLOUR}},
            {"type": "bar", "name": "Offer 率", "x": labels, "y": pct([r.offer_rate for r in rows]), "marker": {"color": GOOD}},
        ],
        "layout": {
            "barmode": "group",
            "height": 300,
            "margin": MARGIN,
            "yaxis": {"title": {"text": f"{chart_text(title)}:占投递的 %"}, "ticksuffix": "%"},
            "legend": {"orientation": "h", "y": 1.12},
        },
    }


def topics_figure(counts: list[tuple[str, int]]) -> dict:
    return {
        "data": [{"type": "bar", "orientation": "h", "y": [chart_text(c[0]) for c in counts], "x": [c[1] for c in counts], "marker": {"color": ACCENT}}],
        "layout": {"height": 60 + 22 * len(counts), "margin": {"l": 60, "r": 20, "t": 10, "b": 30}, "yaxis": {"autorange": "reversed"}, "xaxis": {"title": {"text": "被问次数"}}},
    }


def offers_figure(labels: list[str], cash: list[float | None], total: list[float | None]) -> dict:
    def wan(values: list[float | None]) -> list[float | None]:
        return [None if v is None else round(v / 10000, 1) for v in values]

    return {
        "data": [
            {"type": "bar", "name": "首年现金(万)", "x": [chart_text(label) for label in labels], "y": wan(cash), "marker": {"color": ACCENT}},
            {"type": "bar", "name": "年化总包(万)", "x": [chart_text(label) for label in labels], "y": wan(total), "marker": {"color": GOOD}},
        ],
        "layout": {"barmode": "group", "height": 300, "margin": MARGIN, "yaxis": {"title": {"text": "万元"}}, "legend": {"orientation": "h", "y": 1.12}},
    }


def empty_figure() -> dict:
    """A blank chart saying there is nothing to draw (a filter that leaves no data for it)."""
    hidden = {"visible": False}
    note = {"text": "所选范围内没有数据", "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}
    return {"data": [], "layout": {"height": 160, "margin": MARGIN, "xaxis": hidden, "yaxis": hidden, "annotations": [note]}}
