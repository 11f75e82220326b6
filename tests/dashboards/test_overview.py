"""The 总览 page per filter value, on the small fixture (values checked by hand)."""

import json

import numpy as np
import pandas as pd

from tools.dashboards import figures, overview
from tools.dashboards.overview import FilterOption

from .conftest import TODAY

INTERNSHIP = FilterOption("season", "季节", "实习")
TO_APPLY_ONLY = FilterOption("batch", "批次", "补录")  # a7 only, still 待投递


def test_overview_filter_options_present_values_by_field(loaded):
    _, _, table = loaded
    shown = [(o.label, o.value) for o in overview.filter_options(table)]
    assert shown == [
        ("季节", "秋招"), ("季节", "实习"),
        ("方向", "LLM"), ("方向", "搜广推"), ("方向", "多模态"), ("方向", "CV"), ("方向", "NLP"),
    ]


def test_overview_filter_options_keep_the_most_common(loaded):
    _, _, table = loaded
    # LLM has three applications; the ties keep their order of first appearance.
    assert [o.value for o in overview.filter_options(table, limit=2)] == ["秋招", "实习", "LLM", "搜广推"]


def test_overview_filter_options_skip_a_field_with_one_value(loaded):
    _, _, table = loaded
    autumn = table[table["season"] == "秋招"]
    assert [o.field for o in overview.filter_options(autumn)] == ["direction"] * 4


def test_overview_restrict_keeps_only_matching_applications(loaded):
    t, _, table = loaded
    reduced, subset = overview.restrict(t, table, table["season"] == "实习")
    assert list(subset["id"]) == ["a6"]
    assert list(reduced.applications["id"]) == ["a6"]
    assert list(reduced.history["application"]) == ["a6", "a6"]
    assert list(reduced.attempts["application"]) == ["a6"]
    assert len(reduced.interviews) == 1 and reduced.offers.empty


def test_overview_restrict_with_row_positions_gives_the_same_frames(loaded):
    t, _, table = loaded
    positions = overview.row_positions(t)
    assert sorted(positions) == ["applications", "attempts", "history", "interviews", "offers"]
    assert list(positions["history"]["a6"]) == list(np.flatnonzero(t.history["application"].to_numpy() == "a6"))
    keeps = [table["season"] == "实习", table["season"] == "秋招", table["direction"] == "LLM", table["season"] == "无此值"]
    for keep in keeps:
        plain, plain_subset = overview.restrict(t, table, keep)
        fast, fast_subset = overview.restrict(t, table, keep, positions)
        pd.testing.assert_frame_equal(fast_subset, plain_subset)
        for name in ("applications", "history", "attempts", "interviews", "offers"):
            pd.testing.assert_frame_equal(getattr(fast, name), getattr(plain, name), check_index_type=True)
    empty, _ = overview.restrict(t, table, table["season"] == "无此值", positions)
    assert empty.history.empty and list(empty.history.columns) == list(t.history.columns)


def test_overview_reads_only_its_keyed_tables(loaded):
    """filter_variants keys its memo by history, attempts and interviews only: overview() must not
    read the tracker's other fields (here replaced by nothing useful)."""
    from dataclasses import replace
    from pathlib import Path

    t, stages, table = loaded
    bare = replace(t, settings=None, data_dir=Path("/nonexistent"), applications=t.applications.iloc[0:0],
                   offers=t.offers.iloc[0:0], issues=[], files={}, public=True, anonymised=True)
    assert overview.overview(bare, table, stages, TODAY) == overview.overview(t, table, stages, TODAY)


def test_overview_of_one_season(loaded):
    t, stages, table = loaded
    view = overview.overview(*overview.restrict(t, table, table["season"] == "实习"), stages, TODAY)
    assert {k.label: k.value for k in view.kpis} == {
        "投递数": "1", "进行中": "0", "进入笔试/面试": "1", "Offer": "0",
        "简历通过率": "100.0%", "面试转化率": "0.0%", "首次回复中位天数": "11 天", "本周新投递": "0",
    }
    assert [(f.source, f.target, f.count) for f in view.flows] == [("投递", "面试", 1), ("面试", "面试挂", 1)]
    assert view.endings == [("面试挂", 1)]
    assert [(w.week.isoformat(), w.count) for w in view.weeks] == [("2026-03-30", 1)]
    assert view.calendar.by_month == [("2026-04", 2)]
    assert [(r.value, r.applied, r.interviewed) for r in view.breakdowns["channel"]] == [("内推", 1, 1)]


def test_overview_unfiltered_matches_the_page(loaded, small_private):
    t, stages, table = loaded
    view = overview.overview(t, table, stages, TODAY)
    assert [k.value for k in view.kpis] == ["6", "3", "4", "1", "66.7%", "33.3%", "11 天", "0"]
    assert list(overview.chart_figures(view)) == [
        "sankey-chart", "funnel-chart", "weekly-chart", "calendar-chart", "by-direction-chart", "by-channel-chart",
    ]
    page = small_private.pages["tracker/overview.md"]
    assert '<span class="hb-kpi-label">投递数</span> <strong class="hb-kpi-value" data-kpi="0">6</strong> <span class="hb-kpi-change" data-kpi-change="0">&#43;0 本周</span>' in page
    assert '<option value="1">实习</option>' in page


def test_overview_variants_per_option(loaded):
    t, stages, table = loaded
    ids = ["sankey-chart", "funnel-chart", "weekly-chart"]
    internship, to_apply = overview.filter_variants(t, table, stages, TODAY, [INTERNSHIP, TO_APPLY_ONLY], ids)
    assert internship["kpis"][0] == ["1", "另有 0 个待投递", "+0 本周"]
    assert internship["kpis"][3] == ["0", "–", "+0 本周"]  # an empty note reads as on the card
    assert internship["kpis"][1] == ["0", "没有结局的投递", ""]
    assert list(internship["charts"]) == ids
    assert internship["charts"]["funnel-chart"]["data"][0]["x"] == [1, 1, 1, 0, 0]
    assert internship["charts"]["sankey-chart"]["data"][0]["node"]["label"] == ["投递", "面试", "面试挂"]
    # Nothing applied yet: no flows and no weeks, so those charts say there is no data.
    assert to_apply["kpis"][0] == ["0", "另有 1 个待投递", "+0 本周"]
    assert to_apply["charts"]["sankey-chart"] == figures.empty_figure()
    assert to_apply["charts"]["weekly-chart"] == figures.empty_figure()
    assert to_apply["charts"]["funnel-chart"]["data"][0]["x"] == [0, 0, 0, 0, 0]


def test_overview_variants_script_round_trips_and_stays_inert(loaded):
    t, stages, table = loaded
    hostile = FilterOption("season", "季节", "实习")
    variants = overview.filter_variants(t, table, stages, TODAY, [hostile], ["by-channel-chart"])
    variants[0]["charts"]["by-channel-chart"]["data"][0]["x"] = ["</script><script>alert(1)</script>"]
    script = overview.variants_script(variants)
    body = script.removeprefix('<script type="application/json" id="overview-variants">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == variants
