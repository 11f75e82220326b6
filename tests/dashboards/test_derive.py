"""Derivations on the small fixture (tests/dashboards/fixtures/small), checked by hand."""

import pandas as pd

from tools.dashboards import activity, board, breakdown, funnel, questions, sankey
from tools.dashboards.applications import opaque_ids

from .conftest import TODAY


def test_applications_table_flags(loaded):
    _, _, table = loaded
    flags = table.set_index("id")[["max_rank", "active", "stale", "offer"]]
    assert flags.to_dict("index") == {
        "a1": {"max_rank": 12, "active": True, "stale": False, "offer": False},  # next step booked
        "a2": {"max_rank": 2, "active": False, "stale": False, "offer": False},
        "a3": {"max_rank": 13, "active": True, "stale": False, "offer": True},
        "a4": {"max_rank": 4, "active": False, "stale": False, "offer": False},
        "a5": {"max_rank": 1, "active": True, "stale": True, "offer": False},  # 64 days since applying
        "a6": {"max_rank": 6, "active": False, "stale": False, "offer": False},
        "a7": {"max_rank": 0, "active": True, "stale": False, "offer": False},
    }


def test_funnel_counts_and_conversion(loaded):
    _, stages, table = loaded
    steps = funnel.funnel(table, stages)
    assert [(s.label, s.count) for s in steps] == [("投递", 6), ("过简历(笔试/测评或之后)", 4), ("进面试", 3), ("Offer", 1), ("签约", 0)]
    assert [funnel.percent(s.rate) for s in steps] == ["–", "66.7%", "75.0%", "33.3%", "0.0%"]


def test_funnel_first_response_days(loaded):
    t, stages, table = loaded
    # a1 9, a2 14, a3 13, a4 9, a6 11 days from applying to the first answer
    assert funnel.first_response_days(table, t.history, stages) == [9, 9, 11, 13, 14]


def test_funnel_kpis(loaded):
    t, stages, table = loaded
    shown = {k.label: k.value for k in funnel.kpis(table, t.history, stages, TODAY)}
    assert shown == {
        "投递数": "6", "进行中": "3", "进入笔试/面试": "4", "Offer": "1",
        "简历通过率": "66.7%", "面试转化率": "33.3%", "首次回复中位天数": "11 天", "本周新投递": "0",
    }


def test_sankey_paths_are_attempt_aware(loaded):
    t, stages, _ = loaded
    paths = sankey.attempt_paths(t.history, t.attempts, stages)
    assert paths == [
        ["投递", "笔试/测评", "面试", "评估挂"],
        ["再次投递(被捞)", "面试", "进行中"],
        ["投递", "简历挂"],
        ["投递", "面试", "Offer", "进行中"],
        ["投递", "笔试/测评", "笔试挂"],
        ["投递", "面试", "面试挂"],
        ["投递", "进行中"],
    ]
    assert sankey.endings(paths) == [("进行中", 3), ("笔试挂", 1), ("简历挂", 1), ("评估挂", 1), ("面试挂", 1)]


def test_sankey_declined_offer_passes_through_offer(loaded):
    _, stages, _ = loaded
    history = pd.DataFrame({"application": ["x", "x"], "attempt": [1, 1], "stage": ["已投递", "HR面"]})
    attempts = pd.DataFrame({"application": ["x"], "attempt": [1], "furthest": ["HR面"], "outcome": ["拒offer"]})
    assert sankey.attempt_paths(history, attempts, stages) == [["投递", "面试", "Offer", "拒offer"]]


def test_breakdown_by_channel(loaded):
    _, stages, table = loaded
    rows = breakdown.breakdown(table, "channel", stages)
    assert [(r.value, r.applied, r.screened, r.interviewed, r.offers) for r in rows] == [
        ("内推", 2, 2, 2, 0), ("官网", 2, 1, 1, 1), ("宣讲会", 1, 0, 0, 0), ("牛客", 1, 1, 0, 0)
    ]


def test_breakdown_counts_each_city_and_folds_the_tail(loaded):
    _, stages, table = loaded
    rows = breakdown.breakdown(table, "cities", stages, limit=2)
    assert [(r.value, r.applied) for r in rows] == [("北京", 3), ("上海", 2), ("其他 1 项", 2)]  # 深圳 2 folded


def test_board_columns_in_stage_order(loaded):
    t, _, table = loaded
    columns = board.board_columns(table, t.settings)
    assert [c.stage for c in columns] == t.settings.stage_keys
    filled = [(c.stage, [card.company for card in c.cards]) for c in columns if c.total]
    assert filled == [("待投递", ["小米"]), ("已投递", ["华为"]), ("简历筛选", ["字节跳动"]), ("笔试/机试", ["美团"]), ("一面", ["百度"]), ("二面", ["字节跳动"]), ("OC", ["腾讯"])]
    assert [card.stale_days for c in columns for card in c.cards if card.stale_days] == [64]


def test_board_caps_cards_per_column(loaded):
    t, _, table = loaded
    many = pd.concat([table] * 3, ignore_index=True)
    column = board.board_columns(many, t.settings, max_cards=2)[0]
    assert (column.total, len(column.cards), column.hidden) == (3, 2, 1)


def test_board_orders_open_then_recent_then_undated_then_company_and_role(loaded):
    t, _, table = loaded
    rows = pd.concat([table[table["stage"] == "已投递"]] * 5, ignore_index=True)
    rows["company"] = ["乙", "甲", "甲", "甲", "丙"]
    rows["role"] = ["r", "b", "a", "a", "r"]
    rows["active"] = [True, True, True, True, False]
    rows["last_date"] = pd.to_datetime(["2026-11-01", None, "2026-11-01", "2026-11-01", "2026-11-20"])
    rows["slug"] = ["s0", "s1", "s2", "s3", "s4"]
    column = board.board_columns(rows, t.settings)[1]
    # open first; dated before undated; then company (乙 U+4E59 before 甲 U+7532) and role; equal keys keep the table's order
    assert [card.slug for card in column.cards] == ["s0", "s2", "s3", "s1", "s4"]
    assert (column.total, column.active) == (5, 4)


def test_activity_weeks_and_calendar(loaded):
    t, _, table = loaded
    weeks = activity.weekly_applications(table.loc[table["applied_flag"], "applied"])
    assert (weeks[0].week.isoformat(), weeks[0].count, len(weeks), sum(w.count for w in weeks)) == ("2026-03-30", 1, 25, 6)
    grid = activity.calendar_grid(activity.activity_days(t.history, t.interviews), TODAY)
    # one per application and day: an interview on the day of a stage change adds nothing
    assert grid.by_month == [("2026-04", 2), ("2026-08", 7), ("2026-09", 8), ("2026-10", 2), ("2026-11", 1)]
    # the grid runs to the last event (二面 on Wednesday 25 Nov), after today
    assert [grid.cells[d][-1] for d in range(4)] == [0, 0, 1, None]


def test_questions_where_asked(loaded):
    t, _, _ = loaded
    rows = questions.interview_rows(t.applications, t.interviews)
    assert questions.asked_by_topic(rows) == {
        "A32": ["腾讯 · 一面"], "A33": ["腾讯 · 一面"], "A05": ["腾讯 · 一面", "字节跳动 · 一面"], "A02": ["字节跳动 · 一面"]
    }
    groups = questions.topic_groups(rows, {"A02": "", "A05": ""}, {})
    assert [(g.topic, len(g.asked)) for g in groups] == [("A02", 1), ("A05", 2), ("A32", 1), ("A33", 1), ("未标注", 2)]
    assert questions.coding_counts(rows) == [("LC3", 1)]


def test_opaque_ids_hide_application_ids(loaded):
    t, _, _ = loaded
    hidden = opaque_ids(t)
    assert list(hidden.applications["id"]) == ["a0001", "a0002", "a0003", "a0004", "a0005", "a0006", "a0007"]
    assert set(hidden.interviews["application"]) == {"a0001", "a0003", "a0006"}
    assert set(hidden.history["note"]) == {""}


def test_week_changes_counts_first_arrivals_from_monday_to_today(loaded):
    t, stages, _ = loaded
    # Thu 2026-09-03 (week from Mon 08-31): a4 applied on 09-01; a3's 二面 on 09-01 is not a first interview.
    assert funnel.week_changes(t.history, stages, pd.Timestamp("2026-09-03").date()) == {"applied": 1, "screened": 0, "interviewed": 0, "offers": 0}
    # Wed 09-09: a4's 笔试 on 09-10 is after today; Thu 09-10 counts it.
    assert funnel.week_changes(t.history, stages, pd.Timestamp("2026-09-09").date())["screened"] == 0
    assert funnel.week_changes(t.history, stages, pd.Timestamp("2026-09-10").date())["screened"] == 1
    # Thu 10-08: a3's OC; Mon 10-12 starts a new week.
    assert funnel.week_changes(t.history, stages, pd.Timestamp("2026-10-08").date()) == {"applied": 0, "screened": 0, "interviewed": 0, "offers": 1}
    assert funnel.week_changes(t.history, stages, pd.Timestamp("2026-10-12").date())["offers"] == 0
    assert funnel.week_changes(t.history.iloc[0:0], stages, TODAY) == {"applied": 0, "screened": 0, "interviewed": 0, "offers": 0}


def test_funnel_kpis_show_the_weekly_change(loaded):
    t, stages, table = loaded
    shown = {k.label: k.change for k in funnel.kpis(table, t.history, stages, pd.Timestamp("2026-10-08").date())}
    assert shown == {
        "投递数": "+0 本周", "进行中": "", "进入笔试/面试": "+0 本周", "Offer": "+1 本周",
        "简历通过率": "", "面试转化率": "", "首次回复中位天数": "", "本周新投递": "",
    }
