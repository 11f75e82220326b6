import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tools.tracker.cli import main
from tools.tracker.paths import display_path


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data", str(data), "--today", "2026-11-23", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def test_cli_check_clean_exits_zero(basic: Path) -> None:
    code, out = run(basic, "check")
    assert (code, out) == (0, "3 个投递 applications, 0 个错误 errors, 0 个警告 warnings\n")


def test_cli_check_errors_exit_one_and_list_all(fixtures: Path) -> None:
    code, out = run(fixtures / "bad", "check")
    p = display_path(fixtures / "bad" / "applications.csv")
    assert code == 1
    assert out.splitlines()[0] == "错误 errors (4)"
    assert f"{p}:3: role: 必填项为空 required cell is empty (岗位)" in out.splitlines()
    assert out.splitlines()[-1] == "4 个投递 applications, 4 个错误 errors, 3 个警告 warnings"


def test_cli_add_appends_row_and_keeps_others(basic: Path) -> None:
    before = (basic / "applications.csv").read_bytes()
    code, out = run(basic, "add", "--company", "小米", "--role", "视觉算法", "--city", "北京", "--applied", "2026/11/20", "--id", "a4", "--stage", "OA")
    assert (code, out) == (0, "已添加 added a4\n")
    after = (basic / "applications.csv").read_bytes()
    assert after == before + "a4,小米,视觉算法,北京,2026-11-20,笔试/机试,,,,,,,\n".encode("utf-8")
    assert run(basic, "check")[0] == 0


def test_cli_move_appends_history_and_updates_stage(basic: Path) -> None:
    code, out = run(basic, "move", "a2", "已OC", "--date", "2026-11-22", "--note", "电话通知")
    assert (code, out) == (0, "a2: OC\n")
    assert (basic / "history.csv").read_text(encoding="utf-8").endswith("a2,2026-11-15,HR面,,\na2,2026-11-22,OC,,电话通知\n")
    assert "a2,腾讯,CV算法工程师,深圳,2026-08-05,OC," in (basic / "applications.csv").read_text(encoding="utf-8")


def test_cli_move_outcome_only_keeps_stage(basic: Path) -> None:
    code, out = run(basic, "move", "a2", "感谢信", "--date", "2026-11-22")
    assert (code, out) == (0, "a2: 挂\n")
    assert "a2,腾讯,CV算法工程师,深圳,2026-08-05,HR面,挂," in (basic / "applications.csv").read_text(encoding="utf-8")


def test_cli_move_unknown_stage_is_a_message(basic: Path) -> None:
    before = (basic / "history.csv").read_bytes()
    code, out = run(basic, "move", "a2", "二面试")
    assert (code, out) == (1, "错误 error: stage: 未知阶段 unknown stage '二面试'; 你是不是想写 did you mean '二面'?\n")
    assert (basic / "history.csv").read_bytes() == before


def test_cli_move_unknown_id_suggests(basic: Path) -> None:
    code, out = run(basic, "move", "a22", "二面")
    assert (code, out) == (1, "错误 error: application: 找不到对应的投递 no application with this id or company 'a22'; 你是不是想写 did you mean 'a2'?\n")


def test_cli_move_future_date_refused(basic: Path) -> None:
    code, out = run(basic, "move", "a2", "OC", "--date", "2026-12-01")
    assert (code, out) == (1, "错误 error: date: 日期在未来 date is in the future '2026-12-01' — 应为 expected 不晚于 not after 2026-11-23\n")


def test_cli_refuses_to_write_when_data_has_errors(fixtures: Path, tmp_path: Path) -> None:
    shutil.copytree(fixtures / "bad", tmp_path / "bad")
    before = (tmp_path / "bad" / "applications.csv").read_bytes()
    code, out = run(tmp_path / "bad", "add", "--company", "A", "--role", "r", "--city", "北京")
    assert code == 1
    assert out.splitlines()[-1] == "错误 error: 数据有 4 个错误,拒绝写入 the data has 4 errors, refusing to write; 先运行 run `check` first"
    assert (tmp_path / "bad" / "applications.csv").read_bytes() == before


def test_cli_garbage_file_gives_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "applications.csv").write_bytes(b"\x00\xff\xfe garbage \x81\x30")
    code, out = run(tmp_path, "check")
    assert code == 1
    assert "Traceback" not in out
    assert out.splitlines()[0] == "错误 errors (5)"
    assert out.splitlines()[1].endswith("applied: 缺少必需的列 missing required column (投递时间) — 应为 expected 表头里有 a header cell '投递时间' 或 or 'applied'")


def test_cli_list_and_stats_render(basic: Path) -> None:
    code, out = run(basic, "list", "--open")
    assert code == 0 and "腾讯" in out and "字节跳动" not in out
    code, out = run(basic, "stats")
    assert code == 0 and "3 个投递 applications · 4 次尝试 attempts · 2 个进行中 open · 1 个 offer" in out


def test_cli_ics_writes_upcoming_events(basic: Path) -> None:
    code, out = run(basic, "ics")
    assert (code, out.splitlines()[-1]) == (0, f"2 个日程 events → {display_path(basic / 'upcoming.ics')}")  # the HR interview and the offer reply date
    text = (basic / "upcoming.ics").read_text(encoding="utf-8")
    assert "SUMMARY:HR面 · 腾讯 CV算法工程师" in text
    assert "DTSTART;TZID=Asia/Shanghai:20261125T100000" in text


def test_cli_ics_warns_about_clashes(basic: Path) -> None:
    with (basic / "applications.csv").open("a", encoding="utf-8") as fh:
        fh.write("a5,美团,算法,北京,2026-11-01,一面,,正式批,秋招,官网,二面,2026-11-25 10:15,\n")
    code, out = run(basic, "ics")
    assert code == 0
    assert out.splitlines()[0] == "时间冲突 clash: 2026-11-25 10:00 HR面 · 腾讯 CV算法工程师 ↔ 2026-11-25 10:15 二面 · 美团 算法"


def test_cli_module_entry_honours_handbook_data(fixtures: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tools.tracker.paths import REPO_ROOT

    env = dict(os.environ, HANDBOOK_DATA=str(fixtures.relative_to(REPO_ROOT) / "bad"), PYTHONPATH=str(REPO_ROOT))
    proc = subprocess.run([sys.executable, "-m", "tools.tracker", "--today", "2026-11-23", "check"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    # started from another directory: the relative HANDBOOK_DATA is resolved against the repository
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[-1] == "4 个投递 applications, 4 个错误 errors, 3 个警告 warnings"


def test_cli_add_into_an_empty_folder_writes_the_full_header(tmp_path: Path) -> None:
    code, out = run(tmp_path, "add", "--company", "腾讯", "--role", "算法", "--city", "深圳", "--season", "秋招", "--batch", "提前批", "--applied", "2026-11-20")
    assert code == 0, out
    lines = (tmp_path / "applications.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "编号,公司,岗位,base地,投递时间,阶段,结局,部门,方向,季节,批次,渠道,下一步,下一步时间,截止时间,优先级,标签,链接"
    assert lines[1].split(",")[1:12] == ["腾讯", "算法", "深圳", "2026-11-20", "已投递", "", "", "", "秋招", "提前批", ""]
