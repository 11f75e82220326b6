import shutil
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from tools.tracker.cli import main
from tools.tracker.init import init_tracker, own_settings
from tools.tracker.tracker import load_tracker
from tools.tracker.publishing import OPT_IN_HINT


def run(data: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data", str(data), "--today", "2026-11-23", *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def _xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["公司名称", "岗位名称", "工作地点", "投递日期", "笔试面试情况", "内推人"])
    ws.append(["网易", "推荐算法", "杭州", datetime(2026, 9, 1), "一面✅ => 二面❌", "学长"])
    ws.append(["携程", "NLP算法", "上海", datetime(2026, 9, 3, 10, 30), "OA", ""])
    ws.append([None, None, None, None, None, None])
    wb.save(path)
    return path


def test_import_xlsx_preview_then_write(basic: Path, tmp_path: Path) -> None:
    src = _xlsx(tmp_path / "汇总.xlsx")
    before = (basic / "applications.csv").read_bytes()
    code, out = run(basic, "import", str(src), "--map", "公司名称=company", "--dry-run")
    assert code == 0 and "只预览,未写入 dry run, nothing written" in out and "内推人" in out
    assert (basic / "applications.csv").read_bytes() == before
    code, out = run(basic, "import", str(src), "--yes")
    assert code == 0 and "已导入 imported 2, 已存在跳过 skipped 0" in out
    t = load_tracker(basic, today=datetime(2026, 11, 23).date())
    assert t.errors == []
    assert t.applications["company"].tolist()[-2:] == ["网易", "携程"]
    assert t.applications["outcome"].tolist()[-2] == "挂"
    assert (basic / "applications.csv").read_bytes().startswith(before)
    code, out = run(basic, "import", str(src), "--yes")
    assert "已导入 imported 0, 已存在跳过 skipped 2" in out


def test_import_bad_rows_refused_with_lines(basic: Path, tmp_path: Path) -> None:
    src = tmp_path / "share.csv"
    src.write_text("公司,岗位,base地,投递时间,阶段\n华为,算法,深圳,2026-09-31,一面\n", encoding="gb18030")
    code, out = run(basic, "import", str(src), "--yes")
    assert code == 1
    assert ":2: applied: 不存在的日期 impossible date '2026-09-31'" in out


def test_import_unknown_field_in_map_is_a_message(basic: Path, tmp_path: Path) -> None:
    src = _xlsx(tmp_path / "a.xlsx")
    code, out = run(basic, "import", str(src), "--map", "公司名称=firm", "--yes")
    assert code == 1 and out.startswith("错误 error: --map: 未知字段 unknown field 'firm'")


def test_import_confirm_no_writes_nothing(basic: Path, tmp_path: Path) -> None:
    src = _xlsx(tmp_path / "a.xlsx")
    before = (basic / "applications.csv").read_bytes()
    code, out = run(basic, "import", str(src), stdin="n\n")
    assert code == 0 and out.rstrip().endswith("已取消 cancelled")
    assert (basic / "applications.csv").read_bytes() == before


def test_init_backs_up_demo_and_starts_empty(basic: Path) -> None:
    (basic / "private").rename(basic / "private.example")  # shaped like the shipped demo
    old = {p.name: p.read_bytes() for p in basic.iterdir() if p.is_file()}
    backup, created = init_tracker(basic, datetime(2026, 11, 23, 12, 0, 0))
    assert backup == basic / ".backups" / "init-20261123-120000"
    assert sorted(p.name for p in backup.iterdir()) == ["applications.csv", "history.csv", "interviews.yaml", "offers.csv", "private.example"]
    assert all((backup / n).read_bytes() == old[n] for n in ["applications.csv", "history.csv", "interviews.yaml", "offers.csv"])
    t = load_tracker(basic, today=datetime(2026, 11, 23).date())
    assert len(t.applications) == 0 and t.issues == []
    code, _ = run(basic, "add", "--company", "A", "--role", "r", "--city", "北京", "--id", "x")
    assert code == 0 and run(basic, "check")[0] == 0


def test_import_puts_private_columns_in_the_private_folder(basic: Path, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["公司", "岗位", "base地", "投递时间", "阶段", "备注"])
    ws.append(["网易", "推荐算法", "杭州", "2026-09-01", "一面", "面试官是 PRIVATE-NOTE-1"])
    wb.save(tmp_path / "sheet.xlsx")
    code, out = run(basic, "import", str(tmp_path / "sheet.xlsx"), "--yes")
    assert code == 0, out
    assert "PRIVATE-NOTE-1" not in (basic / "applications.csv").read_text(encoding="utf-8")
    private = (basic / "private" / "applications.csv").read_text(encoding="utf-8").splitlines()
    assert private[0] == "id,notes"
    assert private[1].endswith(",面试官是 PRIVATE-NOTE-1")
    local = load_tracker(basic, public=False, today=datetime(2026, 11, 23).date())
    assert local.errors == []
    assert local.applications["notes"].tolist()[-1] == "面试官是 PRIVATE-NOTE-1"
    public = load_tracker(basic, public=True, today=datetime(2026, 11, 23).date())
    assert "notes" not in public.applications.columns


def test_init_new_folder_needs_no_question(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    code, out = run(target, "init")
    assert (code, out) == (0, f"已新建 created in {target.as_posix()}: settings.yaml, applications.csv, history.csv, interviews.csv, offers.csv, private/\n" + OPT_IN_HINT + "\n")
    assert (target / "applications.csv").read_text(encoding="utf-8") == "编号,公司,岗位,base地,投递时间,阶段,结局,部门,方向,季节,批次,渠道,下一步,下一步时间,截止时间,优先级,标签,链接\n"
    assert (target / "history.csv").read_text(encoding="utf-8") == "application,date,stage,outcome,attempt,note\n"
    assert (target / "offers.csv").read_text(encoding="utf-8") == "application,level,hukou,reply_by\n"
    assert (target / "private" / "offers.csv").read_text(encoding="utf-8") == "application,monthly_base,months,sign_on,stock_total,vesting,housing,notes\n"
    repo_settings = (Path(__file__).parents[2] / "data" / "settings.yaml").read_text(encoding="utf-8")
    assert (target / "settings.yaml").read_text(encoding="utf-8") == own_settings(repo_settings)
    assert "demo_sha256" not in (target / "settings.yaml").read_text(encoding="utf-8")
    assert not (target / ".backups").exists()
    assert run(target, "check") == (0, "0 个投递 applications, 0 个错误 errors, 0 个警告 warnings\n")


def test_init_existing_data_without_terminal_exits_two(basic: Path) -> None:
    before = (basic / "applications.csv").read_bytes()
    result = CliRunner().invoke(main, ["--data", str(basic), "init"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"错误 error: {basic.as_posix()}: 已有数据 existing data (applications.csv, history.csv, interviews.yaml, offers.csv), 需要确认 needs confirmation — "
        "应为 expected 在终端里运行 run it in a terminal, 或加 or add --yes (原数据会先备份 the data is backed up first)\n",
    )
    assert (basic / "applications.csv").read_bytes() == before


def test_init_existing_data_asks_in_a_terminal(basic: Path, monkeypatch) -> None:
    import tools.tracker.cli as cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)
    code, out = run(basic, "init", stdin="n\n")
    assert (code, out.splitlines()[-1]) == (0, "已取消 cancelled")
    code, out = run(basic, "init", stdin="y\n")
    assert code == 0 and out.splitlines()[1].startswith("原数据已备份到 previous data backed up to ")
    assert (basic / "applications.csv").read_text(encoding="utf-8").count("\n") == 1


def test_init_yes_backs_up_without_asking(basic: Path) -> None:
    code, out = run(basic, "init", "--yes")
    assert code == 0 and out.startswith("原数据已备份到 previous data backed up to ")
    assert sorted(p.name for p in next((basic / ".backups").iterdir()).iterdir()) == ["applications.csv", "history.csv", "interviews.yaml", "offers.csv"]


def _summary_sheet(path: Path) -> Path:
    """A shared 秋招汇总表: merged title row and a blank row above the header, a 网申时间 column,
    a year-less date and an Excel serial date."""
    wb = Workbook()
    ws = wb.active
    ws.append(["2026 秋招汇总表(群文件)"])
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["序号", "公司名称", "岗位名称", "工作地点", "网申时间", "当前状态", "备注信息"])
    ws.append([1, "网易", "推荐算法", "杭州", datetime(2026, 9, 1), "一面✅ => 二面❌", "学长内推"])
    ws.append([2, "携程", "NLP算法", "上海", 46268, "OA", ""])
    ws.append([3, "美团", "搜索", "北京", "9月5日", "泡池子", ""])
    wb.save(path)
    return path


def test_import_summary_sheet_with_title_row(tmp_path: Path) -> None:
    data = tmp_path / "mine"
    run(data, "init")
    src = _summary_sheet(tmp_path / "秋招汇总表.xlsx")
    code, out = run(data, "import", str(src), "--yes")
    assert code == 0, out
    assert "表头在第 3 行 header on line 3; 跳过上面的标题行 skipped title rows 1" in out
    assert f"{src.as_posix()}:6: applied: 没写年份,按 2026 年理解 year missing, assumed 2026 '9月5日'" in out
    assert out.splitlines()[-1].startswith("已导入 imported 3, 已存在跳过 skipped 0")
    t = load_tracker(data, today=datetime(2026, 11, 23).date())
    assert t.errors == []
    got = [[r.company, r.city, r.stage, r.outcome if isinstance(r.outcome, str) else ""] for r in t.applications.itertuples()]
    assert got == [["网易", ["杭州"], "二面", "挂"], ["携程", ["上海"], "笔试/机试", ""], ["美团", ["北京"], "录用评估", "泡池子"]]
    assert [d.date().isoformat() for d in t.applications["applied"]] == ["2026-09-01", "2026-09-03", "2026-09-05"]
    # full dates are written, so the file no longer depends on inference
    assert ",2026-09-05," in (data / "applications.csv").read_text(encoding="utf-8")


def test_import_preview_shows_the_interpretation(tmp_path: Path) -> None:
    src = _summary_sheet(tmp_path / "s.xlsx")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "d"), "--today", "2026-11-23", "import", str(src), "--dry-run"], terminal_width=200, env={"COLUMNS": "200"})
    rows = [ln for ln in result.output.splitlines() if "网易" in ln or "美团" in ln]
    assert "一面✅ => 二面❌ │ 二面 · 挂" in rows[0]
    assert "│ 泡池子           │ 录用评估 · 泡池子       │" in rows[1]


def test_import_missing_column_suggests_a_map_flag(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("秋招汇总\n\n公司,岗位,城市,投的时间,状态\n网易,推荐,杭州,2026-09-01,一面\n", encoding="utf-8")
    code, out = run(tmp_path / "d", "import", str(src), "--yes")
    assert code == 1
    assert out.splitlines()[-2:] == [
        f"{src.as_posix()}:3: applied: 缺少必需的列 missing required column (投递时间) — 应为 expected 表头里有 a header cell '投递时间' 或 or 'applied', "
        "或用 or use --map <源列 source column>=applied; 你是不是想写 did you mean '--map 投的时间=applied'?",
        "错误 error: 导入数据有错误,未写入 the import has errors; nothing written",
    ]
    code, out = run(tmp_path / "d", "import", str(src), "--map", "投的时间=applied", "--yes")
    assert code == 0 and out.splitlines()[-1].startswith("已导入 imported 1")


def test_import_errors_in_line_order(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("公司,岗位,base地,投递时间,阶段\n华为,算法,深圳,2026-09-31,一面\n,算法,深圳,2026-09-01,二面试\n", encoding="utf-8")
    code, out = run(tmp_path / "d", "import", str(src), "--yes")
    lines = [ln for ln in out.splitlines() if ln.startswith(src.as_posix())]
    assert [ln.split(": ")[0] + ": " + ln.split(": ")[1] for ln in lines] == [
        f"{src.as_posix()}:2: applied", f"{src.as_posix()}:3: company", f"{src.as_posix()}:3: stage",
    ]


def test_import_utf16_tab_file(tmp_path: Path) -> None:
    src = tmp_path / "unicode.txt"
    src.write_bytes("公司\t岗位\t工作地点\t投递日期\t进度\n字节跳动\t推荐算法\t北京\t2026/9/1\t一面\n".encode("utf-16"))
    code, out = run(tmp_path / "d", "import", str(src), "--yes")
    assert code == 0 and out.splitlines()[-1].startswith("已导入 imported 1")


def test_init_without_a_folder_goes_to_the_git_ignored_own_folder(tmp_path: Path, monkeypatch) -> None:
    from tools.tracker import cli, paths

    mine = tmp_path / "repo" / "data" / "mine"
    monkeypatch.delenv("HANDBOOK_DATA", raising=False)
    monkeypatch.setattr(paths, "OWN_DATA_DIR", mine)
    monkeypatch.setattr(cli, "OWN_DATA_DIR", mine)
    result = CliRunner().invoke(main, ["--today", "2026-11-23", "init"])
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "data/mine/ 被 .gitignore 忽略,不会被提交;构建和命令行自动使用它。 data/mine/ is git-ignored and used automatically.",
        OPT_IN_HINT,
    ]
    assert (mine / "applications.csv").is_file()
    assert "public_tracker: off" in (mine / "settings.yaml").read_text(encoding="utf-8")
    assert paths.data_dir() == mine  # picked up from now on


def test_init_on_a_fresh_clone_leaves_git_status_clean(tmp_path: Path) -> None:
    """A user who starts their own tracker and records an application commits nothing personal."""
    import os
    import shutil
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    if shutil.which("git") is None or not (repo / ".git").exists():
        pytest.skip("needs a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(repo), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "HANDBOOK_DATA"}

    def tracker(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tools.tracker", *args], cwd=clone, env=env, capture_output=True, text=True, check=False)

    assert tracker("init").returncode == 0
    added = tracker("add", "--company", "某私密公司", "--role", "算法工程师", "--city", "杭州", "--applied", "2026-09-01")
    assert added.returncode == 0, added.stdout + added.stderr
    assert "某私密公司" in (clone / "data" / "mine" / "applications.csv").read_text(encoding="utf-8")
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=clone, capture_output=True, text=True, check=True)
    assert status.stdout == ""
