"""move (contradictions, --reopen, --correct, finding by company), --next/--at/--deadline, offer."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tools.tracker.cli import main
from tools.tracker.paths import display_path

REFUSAL_TAIL = (
    "应为 expected --reopen (新的一次尝试 a new attempt: 被捞/换部门 re-entry or another team) "
    "或 or --correct (改正最后一条记录 fix the last record)"
)


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data", str(data), "--today", "2026-11-23", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def _bytes(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in data.glob("*.csv")}


def test_move_after_rejection_is_refused_naming_reopen_and_correct(basic: Path) -> None:
    before = _bytes(basic)
    code, out = run(basic, "move", "a1", "三面")
    apps = display_path(basic / "applications.csv")
    assert (code, out) == (1, f"错误 error: {apps}:2: stage: 与记录矛盾 contradicts the record '三面' — 当前 currently '二面 挂', 这次尝试已经结束 this attempt has ended; {REFUSAL_TAIL}\n")
    assert _bytes(basic) == before


def test_move_backwards_is_refused(basic: Path) -> None:
    code, out = run(basic, "move", "腾讯", "一面")
    apps = display_path(basic / "applications.csv")
    assert (code, out) == (1, f"错误 error: {apps}:3: stage: 与记录矛盾 contradicts the record '一面' — 当前 currently 'HR面', 早于当前阶段 earlier than the current stage; {REFUSAL_TAIL}\n")


def test_move_reopen_starts_a_new_attempt(basic: Path) -> None:
    code, out = run(basic, "move", "字节跳动", "一面", "--reopen", "--date", "2026-11-20", "--note", "换部门")
    assert (code, out) == (0, "a1: 一面 (第 3 次尝试 attempt 3)\n")
    assert (basic / "history.csv").read_text(encoding="utf-8").endswith("a2,2026-11-15,HR面,,\na1,2026-11-20,一面,,换部门\n")
    assert "a1,字节跳动,大模型算法工程师,北京/上海,2026-08-01,一面,,提前批" in (basic / "applications.csv").read_text(encoding="utf-8")
    code, out = run(basic, "list", "--tsv")
    assert out.splitlines()[1].split("\t")[5:7] == ["一面", ""]
    code, out = run(basic, "stats")
    assert out.splitlines()[0] == "3 个投递 applications · 5 次尝试 attempts · 3 个进行中 open · 1 个 offer"


def test_move_correct_rewrites_the_last_record(basic: Path) -> None:
    code, out = run(basic, "move", "a1", "一面挂", "--correct")
    assert (code, out) == (0, "a1: 一面 挂\n")
    history = (basic / "history.csv").read_text(encoding="utf-8")
    assert history.endswith("a1,2026-09-10,一面,,被捞 another team\na1,2026-09-20,一面,挂,\na2,2026-08-05,已投递,,\na2,2026-11-15,HR面,,\n")
    assert "a1,字节跳动,大模型算法工程师,北京/上海,2026-08-01,一面,挂," in (basic / "applications.csv").read_text(encoding="utf-8")


def test_move_reopen_and_correct_together_is_refused(basic: Path) -> None:
    code, out = run(basic, "move", "a1", "一面", "--reopen", "--correct")
    assert (code, out) == (1, "错误 error: --reopen/--correct: 只能选一个 choose one of them\n")


def test_move_by_company_name(basic: Path) -> None:
    code, out = run(basic, "move", "腾讯", "OC", "--date", "2026-11-22")
    assert (code, out) == (0, "a2: OC\n")


def test_move_ambiguous_company_lists_candidates(basic: Path) -> None:
    run(basic, "add", "--company", "腾讯", "--role", "推荐算法", "--city", "深圳", "--id", "a4", "--applied", "2026-11-20")
    code, out = run(basic, "move", "腾讯", "一面")
    assert (code, out) == (
        1,
        "错误 error: application: '腾讯' 匹配到 2 个进行中的投递 matches 2 open applications; 请用编号或加上岗位关键词 use an id or add a role word:\n"
        "  a2  腾讯 CV算法工程师  (HR面)\n"
        "  a4  腾讯 推荐算法  (已投递)\n",
    )
    assert run(basic, "move", "腾讯", "推荐", "一面")[1] == "a4: 一面\n"


def test_move_unknown_company_suggests(basic: Path) -> None:
    code, out = run(basic, "move", "腾迅", "一面")
    assert (code, out) == (1, "错误 error: application: 找不到对应的投递 no application with this id or company '腾迅'; 你是不是想写 did you mean '腾讯'?\n")


def test_move_derived_id_survives_a_date_fix(tmp_path: Path) -> None:
    (tmp_path / "applications.csv").write_text("公司,岗位,base地,投递时间,阶段,季节\n快手,推荐,北京,2026-11-02,已投递,秋招\n", encoding="utf-8")
    code, out = run(tmp_path, "list", "--tsv")
    shown = out.splitlines()[1].split("\t")[0]
    (tmp_path / "applications.csv").write_text("公司,岗位,base地,投递时间,阶段,季节\n快手,推荐,北京,2026-11-03,已投递,秋招\n", encoding="utf-8")
    assert run(tmp_path, "list", "--tsv")[1].splitlines()[1].split("\t")[0] == shown
    assert run(tmp_path, "move", shown, "笔试")[0] == 0


def test_move_writes_next_step_and_ics_shows_it(basic: Path) -> None:
    before = _bytes(basic)
    code, out = run(basic, "move", "a2", "OC", "--next", "谈薪", "--at", "2026-11-26 15:00", "--deadline", "2026-11-30")
    apps = display_path(basic / "applications.csv")
    assert (code, out) == (1, f"错误 error: {apps}: 文件没有这一列 no such column 'deadline'; 请先在表头加上 add it to the header first\n")
    assert _bytes(basic) == before
    code, out = run(basic, "move", "a2", "OC", "--next", "谈薪", "--at", "2026-11-26 15:00")
    assert (code, out) == (0, "a2: OC\n")
    assert "a2,腾讯,CV算法工程师,深圳,2026-08-05,OC,,正式批,秋招,官网,谈薪,2026-11-26 15:00," in (basic / "applications.csv").read_text(encoding="utf-8")
    run(basic, "ics")
    text = (basic / "upcoming.ics").read_text(encoding="utf-8")
    assert "SUMMARY:谈薪 · 腾讯 CV算法工程师" in text and "DTSTART;TZID=Asia/Shanghai:20261126T150000" in text


def test_move_bad_at_lists_accepted_forms(basic: Path) -> None:
    before = _bytes(basic)
    code, out = run(basic, "move", "a2", "OC", "--at", "下周三")
    assert (code, out) == (
        1,
        "错误 error: --at: 日期格式无法识别 unrecognised date '下周三' — 应为 expected 日期如 date like 2026-08-01, 2026/8/1, 2026.8.1, 2026年8月1日, "
        "8月1日 或 or 8/1(年份可推断时 when the year can be inferred), Excel 日期序号 serial 46235; 可带时间 optional time 14:00\n",
    )
    assert _bytes(basic) == before


def test_add_yearless_date_warns_with_the_year(basic: Path) -> None:
    result = CliRunner().invoke(main, ["--data", str(basic), "--today", "2026-11-23", "add", "--company", "小米", "--role", "视觉", "--city", "北京", "--id", "a4", "--applied", "11月22日"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "已添加 added a4\n", "警告 warning: applied: 没写年份,按 2026 年理解 year missing, assumed 2026 '11月22日'\n")
    assert "a4,小米,视觉,北京,2026-11-22,已投递" in (basic / "applications.csv").read_text(encoding="utf-8")


def test_offer_splits_public_and_private_fields(basic: Path) -> None:
    code, out = run(basic, "offer", "腾讯", "--base", "30k", "--months", "15", "--sign-on", "5万", "--stock", "40万", "--vesting", "25/25/25/25", "--hukou", "是", "--reply-by", "2026-12-10", "--level", "SP")
    assert code == 0, out
    assert (basic / "offers.csv").read_text(encoding="utf-8") == "application,level,hukou,reply_by\na3,SP,否,2026-12-01\na2,SP,是,2026-12-10\n"
    assert (basic / "private" / "offers.csv").read_text(encoding="utf-8").splitlines()[-1] == "a2,30000,15,50000,400000,25/25/25/25,"
    assert run(basic, "stats")[1].splitlines()[0] == "3 个投递 applications · 4 次尝试 attempts · 2 个进行中 open · 2 个 offer"


def test_offer_bad_amount_is_a_message(basic: Path) -> None:
    code, out = run(basic, "offer", "a2", "--base", "很多")
    assert (code, out) == (1, "错误 error: --base: 金额格式无法识别 unrecognised amount '很多' — 应为 expected 金额 an amount, 如 like 35000, 35k, 3.5万\n")
