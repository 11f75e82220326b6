"""The per-company timeline's view model on the small fixture (dates checked by hand)."""

from datetime import date

import pandas as pd

from tools.dashboards.timeline import Mark, Segment, company_timeline

from .conftest import TODAY


def _bytedance(loaded, open_ids=None):
    t, stages, table = loaded
    roles = dict(zip(t.applications["id"], t.applications["role"]))
    active = set(table.loc[table["active"], "id"]) if open_ids is None else open_ids
    return company_timeline(["a1", "a2"], roles, t.history, active, stages, TODAY)


def test_timeline_attempts_on_one_axis_with_gaps_in_days(loaded):
    tl = _bytedance(loaded)
    # 2026-08-03 (a1 applied) to today 2026-11-23, because a1's second attempt is still open: 112 days.
    assert (tl.first, tl.last) == (date(2026, 8, 3), TODAY)
    assert [line.title for line in tl.lines] == ["大模型算法工程师 · 第 1 次", "大模型算法工程师 · 第 2 次", "推荐算法工程师 · 第 1 次"]
    first = tl.lines[0]
    assert first.marks == [
        Mark(date(2026, 8, 3), "已投递", "apply", 0.0, below=False, labelled=True),
        Mark(date(2026, 8, 12), "笔试/机试", "test", 8.04, below=True, labelled=True),  # 9 / 112
        Mark(date(2026, 8, 20), "一面", "interview", 15.18, below=False, labelled=True),
        Mark(date(2026, 9, 2), "录用评估 · 挂", "end", 26.79, below=True, labelled=True),
    ]
    assert [(s.days, s.waiting, s.labelled) for s in first.segments] == [(9, False, True), (8, False, True), (13, False, True)]


def test_timeline_open_attempt_waits_until_today(loaded):
    second = _bytedance(loaded).lines[1]
    assert second.segments == [
        Segment(date(2026, 9, 25), date(2026, 10, 30), 35, 47.32, 31.25, False),
        Segment(date(2026, 10, 30), TODAY, 24, 78.57, 21.43, True),
    ]
    assert second.summary == "2026-09-25 一面 →(35 天)→ 2026-10-30 二面 → 已等 24 天(至 2026-11-23)"


def test_timeline_closed_company_ends_at_its_last_record(loaded):
    tl = _bytedance(loaded, open_ids=set())
    assert tl.last == date(2026, 10, 30)
    assert [s.waiting for line in tl.lines for s in line.segments] == [False] * 5


def test_timeline_pool_outcome_and_undated_rows(loaded):
    t, stages, _ = loaded
    history = pd.DataFrame(
        {
            "application": ["x", "x", "x"],
            "attempt": [1, 1, 1],
            "date": pd.to_datetime(["2026-09-01", "2026-09-11", None]),
            "stage": ["已投递", "录用评估", "录用评估"],
            "outcome": [None, "泡池子", None],
        }
    )
    tl = company_timeline(["x"], {"x": "<b>算法</b>"}, history, {"x"}, stages, date(2026, 9, 21))
    line = tl.lines[0]
    assert [m.kind for m in line.marks] == ["apply", "pool"]  # the undated row is not drawn
    assert [(s.days, s.left, s.width, s.waiting) for s in line.segments] == [(10, 0.0, 50.0, False), (10, 50.0, 50.0, True)]
    assert line.title == "<b>算法</b> · 第 1 次"  # raw here; the template escapes it


def test_timeline_none_without_dated_rows(loaded):
    t, stages, _ = loaded
    assert company_timeline(["a7"], {}, t.history, {"a7"}, stages, TODAY) is None
