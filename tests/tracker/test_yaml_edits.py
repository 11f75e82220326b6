"""add, move and offer on YAML-kept data: comments and order survive, untouched entries byte-identical."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tools.tracker.cli import main
from tools.tracker.paths import REPO_ROOT
from tools.tracker.schema import INTERVIEWS
from tools.tracker.yamldoc import YamlDocument

APPS = """# 我的投递 my applications — comments must survive
- id: bd-rec
  公司: 字节跳动   # 抖音推荐
  岗位: 推荐算法
  base地: [北京]
  投递时间: 2026-09-01
  阶段: 一面
  季节: 秋招   # 提前批没赶上

- id: tx-cv
  公司: 腾讯
  岗位: "CV 算法"
  base地: [深圳]
  投递时间: 2026-09-03
  阶段: 笔试
  季节: 秋招
"""
HISTORY = """# 阶段历史
- {application: bd-rec, date: 2026-09-01, stage: 已投递}
- {application: bd-rec, date: 2026-09-10, stage: 一面}
"""


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data", str(data), "--today", "2026-11-23", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def test_yaml_roundtrip_of_the_demo_changes_no_byte() -> None:
    path = REPO_ROOT / "data" / "interviews.yaml"
    assert YamlDocument(path, INTERVIEWS).render() == path.read_bytes()


def test_yaml_move_add_offer_keep_comments_and_untouched_entries(tmp_path: Path) -> None:
    (tmp_path / "applications.yaml").write_text(APPS, encoding="utf-8")
    (tmp_path / "history.yaml").write_text(HISTORY, encoding="utf-8")
    assert run(tmp_path, "move", "字节跳动", "二面", "--next", "HR面", "--at", "2026-11-28 10:00") == (0, "bd-rec: 二面\n")
    code, out = run(tmp_path, "add", "--company", "美团", "--role", "搜索", "--city", "北京", "--season", "秋招", "--id", "mt")
    assert (code, out) == (0, "已添加 added mt\n")
    assert run(tmp_path, "offer", "字节跳动", "--level", "SP", "--base", "30k")[0] == 0
    assert (tmp_path / "applications.yaml").read_text(encoding="utf-8") == APPS.replace("阶段: 一面", "阶段: 二面").replace(
        "季节: 秋招   # 提前批没赶上\n", "季节: 秋招   # 提前批没赶上\n  next_step: HR面\n  next_at: 2026-11-28 10:00\n"
    ) + "- id: mt\n  公司: 美团\n  岗位: 搜索\n  base地: 北京\n  投递时间: 2026-11-23\n  阶段: 已投递\n  季节: 秋招\n"
    assert (tmp_path / "history.yaml").read_text(encoding="utf-8") == HISTORY + "- {application: bd-rec, date: 2026-11-23, stage: 二面}\n"
    code, out = run(tmp_path, "check")
    assert (code, out.splitlines()[-1]) == (0, "3 个投递 applications, 0 个错误 errors, 1 个警告 warnings")  # tx-cv has been idle
    assert run(tmp_path, "list", "--tsv")[1].splitlines()[1].split("\t")[5:9] == ["二面", "", "offer", "HR面 2026-11-28 10:00"]


def test_yaml_folder_gets_one_file_per_new_record(tmp_path: Path) -> None:
    (tmp_path / "applications").mkdir()
    (tmp_path / "applications" / "bd.yaml").write_text("# 字节\nid: bd\ncompany: 字节跳动\nrole: 推荐\ncity: 北京\napplied: 2026-09-01\nstage: 一面\n", encoding="utf-8")
    assert run(tmp_path, "add", "--company", "美团", "--role", "搜索", "--city", "北京", "--id", "mt", "--applied", "2026-11-20")[0] == 0
    assert (tmp_path / "applications" / "mt.yaml").read_text(encoding="utf-8") == "id: mt\ncompany: 美团\nrole: 搜索\ncity: 北京\napplied: 2026-11-20\nstage: 已投递\n"
    assert run(tmp_path, "move", "bd", "二面")[0] == 0
    assert (tmp_path / "applications" / "bd.yaml").read_text(encoding="utf-8") == "# 字节\nid: bd\ncompany: 字节跳动\nrole: 推荐\ncity: 北京\napplied: 2026-09-01\nstage: 二面\n"
