"""A new user's first day on a fresh folder, command by command, every message exact."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from tools.dashboards.site import generate_tracker_site
from tools.dashboards.slugs import company_slug
from tools.tracker.cli import main
from tools.tracker.publishing import OPT_IN_HINT

TODAY = "2026-11-23"


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data", str(data), "--today", TODAY, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def test_new_user_day_from_init_to_offer(tmp_path: Path) -> None:
    data = tmp_path / "my-tracker"
    shown = data.as_posix()
    assert run(data, "init") == (0, f"已新建 created in {shown}: settings.yaml, applications.csv, history.csv, interviews.csv, offers.csv, private/\n" + OPT_IN_HINT + "\n")

    code, out = run(data, "add", "--company", "字节跳动", "--role", "推荐算法工程师", "--city", "北京", "--season", "秋招", "--batch", "正式批",
                    "--applied", "2026-11-20", "--next", "笔试", "--at", "2026-11-25 19:00")
    assert code == 0
    bytedance = re.fullmatch(r"已添加 added (a-[0-9a-f]{10})\n", out).group(1)
    code, out = run(data, "add", "--company", "腾讯", "--role", "CV算法工程师", "--city", "深圳", "--season", "秋招", "--applied", "2026-11-21")
    tencent = re.fullmatch(r"已添加 added (a-[0-9a-f]{10})\n", out).group(1)

    assert run(data, "move", "字节跳动", "笔试", "--date", "2026-11-22", "--next", "一面", "--at", "2026-11-27 14:00") == (0, f"{bytedance}: 笔试/机试\n")
    assert run(data, "ics")[1] == f"1 个日程 events → {shown}/upcoming.ics\n"
    ics = (data / "upcoming.ics").read_text(encoding="utf-8")
    assert "SUMMARY:一面 · 字节跳动 推荐算法工程师" in ics and "DTSTART;TZID=Asia/Shanghai:20261127T140000" in ics

    assert run(data, "move", "腾讯", "简历挂", "--date", "2026-11-22") == (0, f"{tencent}: 简历筛选 挂\n")
    code, out = run(data, "move", "腾讯", "一面")
    assert (code, out) == (
        1,
        f"错误 error: {shown}/applications.csv:3: stage: 与记录矛盾 contradicts the record '一面' — 当前 currently '简历筛选 挂', "
        "这次尝试已经结束 this attempt has ended; 应为 expected --reopen (新的一次尝试 a new attempt: 被捞/换部门 re-entry or another team) "
        "或 or --correct (改正最后一条记录 fix the last record)\n",
    )
    assert run(data, "move", "腾讯", "一面", "--reopen", "--note", "被捞") == (0, f"{tencent}: 一面 (第 2 次尝试 attempt 2)\n")
    assert (data / "history.csv").read_text(encoding="utf-8").splitlines()[-1] == f"{tencent},2026-11-23,一面,,2,被捞"

    code, out = run(data, "offer", "字节跳动", "--base", "32k", "--months", "15", "--sign-on", "3万", "--stock", "20万", "--vesting", "25/25/25/25",
                    "--hukou", "否", "--reply-by", "2026-12-05", "--level", "SP")
    assert (code, out) == (0, f"{bytedance}: 已记录 offer recorded → {shown}/offers.csv, {shown}/private/offers.csv\n")

    code, out = run(data, "list", "--tsv")
    assert out.splitlines() == [
        "id\tcompany\trole\tbase\tapplied\tstage\toutcome\toffer\tnext\tdeadline",
        f"{bytedance}\t字节跳动\t推荐算法工程师\t北京\t2026-11-20\t笔试/机试\t\toffer\t一面 2026-11-27 14:00\t",
        f"{tencent}\t腾讯\tCV算法工程师\t深圳\t2026-11-21\t一面\t\t\t\t",
    ]
    stats = run(data, "stats")[1]
    assert stats.splitlines()[0] == "2 个投递 applications · 3 次尝试 attempts · 2 个进行中 open · 1 个 offer"
    assert "│ 2026-11-27 14:00 │ 一面 · 字节跳动 推荐算法工程师" in stats and "│ 2026-12-05       │ Offer 答复截止 · 字节跳动" in stats
    assert run(data, "ics")[1] == f"2 个日程 events → {shown}/upcoming.ics\n"
    assert run(data, "check") == (0, "2 个投递 applications, 0 个错误 errors, 0 个警告 warnings\n")

    site = generate_tracker_site(data, public=False, anonymise=False, today=date(2026, 11, 23), pages_by_topic={}, topic_titles={})
    bd = site.pages[f"tracker/companies/{company_slug('字节跳动')}.md"]
    tx = site.pages[f"tracker/companies/{company_slug('腾讯')}.md"]
    assert "| 当前阶段 | 笔试/机试 |" in bd and "| 下一步 | 一面 · 2026&#45;11&#45;27 14&#58;00 |" in bd
    assert "| 当前阶段 | 一面 |" in tx and "| 结局 |" not in tx.split("| 尝试 |")[0]
    assert "| 第 1 次 | 2026&#45;11&#45;21 | 2026&#45;11&#45;22 | 简历筛选 | 挂 |" in tx
    overview = site.pages["tracker/overview.md"]
    assert '<span class="hb-kpi-label">Offer</span> <strong class="hb-kpi-value" data-kpi="3">1</strong>' in overview
    assert '<span class="hb-kpi-label">进行中</span> <strong class="hb-kpi-value" data-kpi="1">2</strong>' in overview
    schedule = site.pages["tracker/schedule.md"]
    assert "一面 · 字节跳动 推荐算法工程师" in schedule and "Offer 答复截止 · 字节跳动" in schedule
    offers = site.pages["tracker/offers.md"]
    assert "SP" in offers and "48.0 万" in offers  # 32k × 15
