from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from tools.tracker.paths import display_path
from tools.tracker.tracker import load_tracker

BAD_EXPECTED = [
    "{p}:2: stage: 未知阶段 unknown stage '二面试' — 应为 expected one of 待投递, 已投递, 简历筛选, 测评, 笔试/机试, AI面, 一面, 二面, …; 你是不是想写 did you mean '二面'?",
    "{p}:3: applied: 不存在的日期 impossible date '2026-02-30' — 应为 expected 日期如 date like 2026-08-01, 2026/8/1, 2026.8.1, 2026年8月1日, "
    "8月1日 或 or 8/1(年份可推断时 when the year can be inferred), Excel 日期序号 serial 46235; 可带时间 optional time 14:00",
    "{p}:3: role: 必填项为空 required cell is empty (岗位)",
    "{p}:4: applied: 日期在未来 date is in the future '2026-12-01' — 应为 expected 不晚于 not after 2026-11-23",
    "{p}:5: city: 未知城市 unknown city '北精'; 你是不是想写 did you mean '北京'?",
    "{p}:5: company: 同一公司、岗位、季节、批次出现两次 same company+role+season+batch twice (第 2 行 line 2) '字节跳动 大模型算法'",
    "{p}:5: stage: 113 天没有进展 no progress for 113 days '一面' — 应为 expected 21 天内有更新 an update within 21 days",
]


def test_validate_reports_every_bad_cell_at_once(fixtures: Path, today: date) -> None:
    t = load_tracker(fixtures / "bad", today=today)
    p = display_path(fixtures / "bad" / "applications.csv")
    assert [i.format() for i in t.issues] == [line.format(p=p) for line in BAD_EXPECTED]
    assert len(t.errors) == 4


def test_validate_clean_fixture_has_no_errors(fixtures: Path, today: date) -> None:
    t = load_tracker(fixtures / "basic", today=today)
    assert [i.format() for i in t.issues] == []


def _write(tmp: Path, apps: str, **others: str) -> Path:
    (tmp / "applications.csv").write_text(apps, encoding="utf-8")
    for name, text in others.items():
        (tmp / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return tmp


HEAD = "id,company,role,city,applied,stage\n"


def test_validate_duplicate_id_names_first_line(tmp_path: Path, today: date) -> None:
    _write(tmp_path, HEAD + "x,A,r,北京,2026-11-20,一面\nx,B,r,北京,2026-11-20,一面\n")
    msgs = [i.format().split(": ", 1)[1] for i in load_tracker(tmp_path, today=today).errors]
    assert msgs == ["id: 重复的编号 duplicate application id (第 2 行已有 first on line 2) 'x'"]


def test_validate_second_round_without_first_warns(tmp_path: Path, today: date) -> None:
    _write(tmp_path, HEAD + "x,A,r,北京,2026-11-01,二面\n", history_csv="application,date,stage\nx,2026-11-01,已投递\nx,2026-11-10,二面\n")
    msgs = [i.format().split(": ", 1)[1] for i in load_tracker(tmp_path, today=today).issues]
    assert msgs == ["stage: 二面 之前没有 一面 二面 without 一面 '二面'"]


def test_validate_path_notation_out_of_order_warns(tmp_path: Path, today: date) -> None:
    _write(tmp_path, HEAD + "x,A,r,北京,2026-11-01,笔试✅ => 二面❌\n")
    t = load_tracker(tmp_path, today=today)
    assert [i.format().split(": ", 1)[1] for i in t.issues] == ["stage: 二面 之前没有 一面 二面 without 一面 '二面'"]
    assert t.applications.loc[0, "outcome"] == "挂"


def test_validate_dates_out_of_order_warns(tmp_path: Path, today: date) -> None:
    _write(tmp_path, HEAD + "x,A,r,北京,2026-11-01,二面\n", history_csv="application,date,stage\nx,2026-11-10,一面\nx,2026-11-05,二面\n")
    msgs = [i.format().split(": ", 1)[1] for i in load_tracker(tmp_path, today=today).issues]
    assert msgs == ["date: 日期早于上一条 date earlier than the previous change '2026-11-05'"]


def test_validate_unknown_reference_suggests_id(tmp_path: Path, today: date) -> None:
    _write(tmp_path, HEAD + "bytedance-llm,A,r,北京,2026-11-01,一面\n", history_csv="application,date,stage\nbytedance-lm,2026-11-02,一面\n")
    msgs = [i.format().split(": ", 1)[1] for i in load_tracker(tmp_path, today=today).errors]
    assert msgs == ["application: 找不到对应的投递 no application with this id 'bytedance-lm'; 你是不是想写 did you mean 'bytedance-llm'?"]


def test_validate_unknown_topic_id_is_error(fixtures: Path, tmp_path: Path, today: date) -> None:
    (tmp_path / "topics.yaml").write_text((fixtures / "basic" / "topics.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _write(tmp_path, HEAD + "x,A,r,北京,2026-11-20,一面\n", interviews_yaml="- {application: x, round: 一面, at: 2026-11-20 10:00, topics: [A01, A5]}\n")
    msgs = [i.format().split(": ", 1)[1] for i in load_tracker(tmp_path, today=today).errors]
    assert msgs == ["topics: 未知知识点编号 unknown topic id 'A5' — 应为 expected data/topics.yaml 中的编号 an id from data/topics.yaml; 你是不是想写 did you mean 'A05'?"]


def test_validate_two_files_for_one_table_is_error(tmp_path: Path, today: date) -> None:
    _write(tmp_path, HEAD, applications_yaml="[]\n")
    msgs = [i.message for i in load_tracker(tmp_path, today=today).errors]
    assert msgs[0].startswith("同一张表有多个文件 several files for one table")


@pytest.mark.parametrize("cell", ["已OC", "终面", "OA", "机试", "HR 面", "简历挂", "一面✅ => 二面❌"])
def test_validate_accepts_real_aliases(tmp_path: Path, today: date, cell: str) -> None:
    _write(tmp_path, HEAD + f'x,A,r,北京,2026-11-20,"{cell}"\n')
    assert load_tracker(tmp_path, today=today).errors == []


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: (HEAD + t).encode("utf-8")))
def test_validate_never_raises_on_any_file(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "applications.csv").write_bytes(data)
    (tmp_path / "history.csv").write_bytes(data[::-1])
    t = load_tracker(tmp_path, today=date(2026, 11, 23))
    assert all(i.format() for i in t.issues)


def test_validate_same_role_in_another_season_is_no_duplicate(tmp_path: Path) -> None:
    from tools.tracker.tracker import load_tracker
    from datetime import date

    (tmp_path / "applications.csv").write_text(
        "id,company,role,city,applied,stage,season,batch\n"
        "x1,A,r,北京,2026-03-01,已投递,实习,正式批\n"
        "x2,A,r,北京,2026-09-01,已投递,秋招,正式批\n"
        "x3,A,r,北京,2025-09-01,已投递,秋招,正式批\n"
        "x4,B,r,北京,2026-03-01,已投递,,\n"
        "x5,B,r,北京,2026-09-05,已投递,,\n"
        "x6,B,r,北京,2026-09-06,已投递,,\n",
        encoding="utf-8",
    )
    t = load_tracker(tmp_path, today=date(2026, 9, 10))
    dupes = [i.format() for i in t.issues if i.column == "company"]
    assert dupes == [f"{(tmp_path / 'applications.csv').as_posix()}:7: company: 同一公司、岗位、季节、批次出现两次 same company+role+season+batch twice (第 6 行 line 6) 'B r'"]


def test_validate_yearless_dates_take_the_files_year_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "applications.csv").write_text(
        "id,company,role,city,applied,stage,season\n"
        "x1,A,r,北京,2025-09-01,一面,秋招\n"
        "x2,B,r,北京,8月3日,已投递,秋招\n"
        "x3,C,r,北京,8/12,已投递,秋招\n",
        encoding="utf-8",
    )
    t = load_tracker(tmp_path, today=date(2026, 11, 23))
    p = display_path(tmp_path / "applications.csv")
    assert [i.format() for i in t.issues if "year" in i.message] == [
        f"{p}:3: applied: 没写年份,按 2025 年理解 year missing, assumed 2025 '8月3日'",
        f"{p}:4: applied: 没写年份,按 2025 年理解 year missing, assumed 2025 '8/12'",
    ]
    assert [d.date().isoformat() for d in t.applications["applied"]] == ["2025-09-01", "2025-08-03", "2025-08-12"]


def test_validate_yearless_date_without_other_dates_uses_today(tmp_path: Path) -> None:
    (tmp_path / "applications.csv").write_text("id,company,role,city,applied,stage\nx1,A,r,北京,11月22日,已投递\nx2,B,r,北京,12月30日,已投递\n", encoding="utf-8")
    t = load_tracker(tmp_path, today=date(2026, 11, 23))
    # a date that must not lie in the future goes back a year
    assert [d.date().isoformat() for d in t.applications["applied"]] == ["2026-11-22", "2025-12-30"]
    assert t.errors == []


def test_validate_excel_serial_dates(tmp_path: Path) -> None:
    (tmp_path / "applications.csv").write_text("id,company,role,city,applied,stage,next_at\nx1,A,r,北京,46235,已投递,46351.625\n", encoding="utf-8")
    t = load_tracker(tmp_path, today=date(2026, 11, 23))
    assert t.errors == []
    assert (t.applications["applied"][0].isoformat(), t.applications["next_at"][0].isoformat()) == ("2026-08-01T00:00:00", "2026-11-25T15:00:00")


def test_validate_yearless_january_of_autumn_season_is_the_next_year(tmp_path: Path) -> None:
    (tmp_path / "applications.csv").write_text(
        "id,company,role,city,applied,stage,season\n"
        "x1,A,r,北京,2026-09-01,一面,秋招\n"
        "x2,B,r,北京,1月5日,已投递,秋招\n"
        "x3,C,r,北京,1月5日,已投递,春招\n",
        encoding="utf-8",
    )
    t = load_tracker(tmp_path, today=date(2027, 1, 20))
    assert [d.date().isoformat() for d in t.applications["applied"]] == ["2026-09-01", "2027-01-05", "2026-01-05"]
    assert [i.format().split(": ", 2)[2] for i in t.issues if "year" in i.message] == [
        "没写年份,按 2027 年理解 year missing, assumed 2027 '1月5日'",
        "没写年份,按 2026 年理解 year missing, assumed 2026 '1月5日'",
    ]
