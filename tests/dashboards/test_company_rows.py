"""The companies' table rows (tools/dashboards/site.py), against the pandas groupby they replaced."""

from __future__ import annotations

from datetime import date

import pandas as pd

from tools.dashboards import site
from tools.dashboards.applications import application_table
from tools.dashboards.filters import item_attributes
from tools.dashboards.stages import stage_map
from tools.tracker.paths import REPO_ROOT
from tools.tracker.tracker import load_tracker


def grouped_rows(table: pd.DataFrame, stages) -> list[dict[str, object]]:
    """The former implementation: a groupby with a frame per company."""
    names = {rank: key for key, rank in stages.rank.items()}
    rows = []
    for (name, slug), group in table.groupby(["company", "slug"], sort=True):
        active = bool(group["active"].any())
        last = group["last_date"].max()
        rows.append({
            "name": name, "slug": slug, "count": len(group), "best": names.get(group["max_rank"].max(), ""),
            "status": "进行中" if active else "、".join(sorted({o for o in group["outcome"] if o})) or "已结束",
            "last": last.date().isoformat() if pd.notna(last) else "",
            "attrs": item_attributes(list(group["season"]), list(group["batch"]), list(group["direction"]), active),
        })
    return rows


def test_company_rows_equal_the_grouped_rows_on_the_fixture_and_the_demo(loaded) -> None:
    t, stages, table = loaded
    demo = load_tracker(REPO_ROOT / "data", public=False, today=date(2026, 12, 3))
    demo_stages = stage_map(demo.settings)
    for tracker_table, tracker_stages in ((table, stages), (application_table(demo, demo_stages, date(2026, 12, 3)), demo_stages)):
        rows = site._company_rows(tracker_table, tracker_stages)
        assert rows == grouped_rows(tracker_table, tracker_stages) and len(rows) > 3
    assert [r["name"] for r in site._company_rows(table, stages)] == sorted(r["name"] for r in site._company_rows(table, stages))


def test_company_rows_of_mixed_companies_keep_table_order_and_skip_missing_dates(loaded) -> None:
    _, stages, table = loaded
    two = table.iloc[[0, 1, 0]].copy()
    two["company"], two["slug"] = ["乙", "甲", "乙"], ["b", "a", "b"]
    two["season"] = ["秋招", "实习", "春招"]
    two["last_date"] = [pd.NaT, pd.Timestamp("2026-03-01"), pd.Timestamp("2026-02-01")]
    rows = site._company_rows(two, stages)
    assert [(r["name"], r["count"], r["last"]) for r in rows] == [("乙", 2, "2026-02-01"), ("甲", 1, "2026-03-01")]
    assert 'data-season="秋招&#124;春招"' in str(rows[0]["attrs"])
    assert rows == grouped_rows(two, stages)
    assert site._company_rows(table.iloc[0:0], stages) == []
