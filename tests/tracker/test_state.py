"""One derivation of state: unit cases, and the CLI and the generated site agreeing on fuzzed data."""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.dashboards.site import generate_tracker_site
from tools.dashboards.slugs import company_slug
from tools.tracker.cli import main
from tools.tracker.paths import REPO_ROOT
from tools.tracker.settings import load_settings
from tools.tracker.state import derive_states
from tools.tracker.tracker import load_tracker

TODAY = date(2026, 11, 23)
SETTINGS = load_settings()
STAGES = [s for s in SETTINGS.stage_keys if s != SETTINGS.stage_keys[0]]  # every fuzzed application was sent
OUTCOMES = SETTINGS.outcome_keys


def _write(folder: Path, apps: str, history: str, offers: str = "application,level\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "applications.csv").write_text(apps, encoding="utf-8")
    (folder / "history.csv").write_text(history, encoding="utf-8")
    (folder / "offers.csv").write_text(offers, encoding="utf-8")
    return folder


def test_state_later_stage_closes_an_earlier_pool_outcome(tmp_path: Path) -> None:
    data = _write(
        tmp_path,
        "id,company,role,city,applied,stage\nhw,华为,视觉,深圳,2026-08-25,意向书\n",
        "application,date,stage,outcome\nhw,2026-08-25,已投递,\nhw,2026-10-21,录用评估,泡池子\nhw,2026-11-03,意向书,\n",
    )
    t = load_tracker(data, today=TODAY)
    s = derive_states(t.applications, t.history, t.offers, t.settings, TODAY).iloc[0]
    assert (s["stage"], s["outcome"], s["is_offer"], s["is_open"]) == ("意向书", None, True, True)
    assert t.attempts[["furthest", "outcome"]].values.tolist() == [["意向书", None]]


def test_state_demo_huawei_has_no_outcome_on_the_site(today: date) -> None:
    out = generate_tracker_site(REPO_ROOT / "data", public=False, anonymise=False, today=today, pages_by_topic={}, topic_titles={})
    page = out.pages[f"tracker/companies/{company_slug('华为')}.md"]
    facts = page.split("## AI视觉算法工程师", 1)[1].split("| 尝试 |", 1)[0]
    assert "| 当前阶段 | 意向书 |" in facts
    assert "| 结局 |" not in facts


def test_state_offer_has_one_definition(tmp_path: Path) -> None:
    data = _write(
        tmp_path,
        "id,company,role,city,applied,stage,outcome\n"
        "oc,A,r,北京,2026-09-01,OC,\n"       # reached an offer stage
        "rec,B,r,北京,2026-09-01,二面,\n"     # an offer row only
        "dec,C,r,北京,2026-09-01,HR面,拒offer\n"  # declining needs an offer
        "no,D,r,北京,2026-09-01,HR面,挂\n",
        "application,date,stage,outcome\n",
        "application,level\nrec,SP\n",
    )
    t = load_tracker(data, today=TODAY)
    states = derive_states(t.applications, t.history, t.offers, t.settings, TODAY)
    assert dict(zip(states["id"], states["is_offer"])) == {"oc": True, "rec": True, "dec": True, "no": False}
    code, out = _cli(data, "stats")
    assert "4 个投递 applications · 4 次尝试 attempts · 2 个进行中 open · 3 个 offer" in out


def _cli(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data", str(data), "--today", TODAY.isoformat(), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


# --- fuzzed histories --------------------------------------------------------------------------

_row = st.tuples(st.one_of(st.none(), st.sampled_from(STAGES)), st.one_of(st.none(), st.none(), st.sampled_from(OUTCOMES)))
_app = st.fixed_dictionaries(
    {
        "history": st.lists(_row.filter(lambda r: r != (None, None)), min_size=0, max_size=6),
        "stage": st.one_of(st.none(), st.sampled_from(STAGES)),  # None: the history's last stage
        "outcome": st.one_of(st.none(), st.none(), st.sampled_from(OUTCOMES)),
        "offer": st.booleans(),
        "gap": st.integers(min_value=1, max_value=30),
    }
)


def _fuzz_folder(folder: Path, apps: list[dict]) -> None:
    app_lines = ["id,company,role,city,applied,stage,outcome,season,batch"]
    hist_lines = ["application,date,stage,outcome"]
    offer_lines = ["application,level"]
    for i, a in enumerate(apps):
        applied = date(2026, 7, 1) + timedelta(days=i)
        staged = [s for s, _ in a["history"] if s]
        stage = a["stage"] or (staged[-1] if staged else "已投递")
        app_lines.append(f"x{i},公司{i},岗位{i},北京,{applied.isoformat()},{stage},{a['outcome'] or ''},秋招,正式批")
        day = applied
        for s, o in a["history"]:
            day += timedelta(days=a["gap"] // 3 + 1)
            hist_lines.append(f"x{i},{min(day, TODAY).isoformat()},{s or ''},{o or ''}")
        if a["offer"]:
            offer_lines.append(f"x{i},SP")
    _write(folder, "\n".join(app_lines) + "\n", "\n".join(hist_lines) + "\n", "\n".join(offer_lines) + "\n")


def _site_view(pages: dict[str, str], n: int) -> dict[str, tuple[str, str, bool]]:
    """Per application id: (stage, outcome, open) as the company pages and the board show them."""
    board = pages["tracker/board.md"]
    on_board: dict[str, tuple[str, str, bool]] = {}
    for section in board.split('<section class="hb-column')[1:]:
        stage = html.unescape(re.search(r"## (.+?) <small>", section).group(1))
        for active, company, rest in re.findall(r'data-active="(\d)" markdown="1">\n\[(.+?)\]\(companies/[^)]*\)(.*?)\n</div>', section):
            outcome = re.search(r'<span class="hb-outcome">(.*?)</span>', rest)
            on_board[html.unescape(company)] = (stage, html.unescape(outcome.group(1)) if outcome else "", active == "1")
    view = {}
    for i in range(n):
        page = pages[f"tracker/companies/{company_slug(f'公司{i}')}.md"]
        stage = re.search(r"^\| 当前阶段 \| (.*) \|$", page, re.M)
        outcome = re.search(r"^\| 结局 \| (.*) \|$", page, re.M)
        shown = (html.unescape(stage.group(1)) if stage else "", html.unescape(outcome.group(1)) if outcome else "")
        board_stage, board_outcome, active = on_board.get(f"公司{i}", ("", "", True))
        assert (board_stage, board_outcome) == shown, f"x{i}: board {board_stage, board_outcome} vs company page {shown}"
        view[f"x{i}"] = (*shown, active)
    return view


def _kpi(overview: str, label: str) -> str:
    return re.search(rf'<span class="hb-kpi-label">{label}</span> <strong class="hb-kpi-value" data-kpi="\d+">(.*?)</strong>', overview).group(1)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_app, min_size=1, max_size=5))
def test_state_cli_and_site_agree_on_fuzzed_histories(apps: list[dict]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-state-"))
    try:
        _fuzz_folder(folder, apps)
        code, out = _cli(folder, "list", "--tsv")
        assert code == 0, out
        lines = out.splitlines()
        assert lines[0].split("\t")[:8] == ["id", "company", "role", "base", "applied", "stage", "outcome", "offer"]
        cli = {cells[0]: (cells[5], cells[6], cells[7] == "offer") for cells in (line.split("\t") for line in lines[1:])}
        _, open_out = _cli(folder, "list", "--open", "--tsv")
        open_ids = {line.split("\t")[0] for line in open_out.splitlines()[1:]}
        generated = generate_tracker_site(folder, public=False, anonymise=False, today=TODAY, pages_by_topic={}, topic_titles={})
        site = _site_view(generated.pages, len(apps))
        assert {k: v[:2] for k, v in cli.items()} == {k: v[:2] for k, v in site.items()}
        assert open_ids == {k for k, v in site.items() if v[2]}
        _, stats = _cli(folder, "stats")
        offers = sum(v[2] for v in cli.values())
        assert f"· {len(open_ids)} 个进行中 open · {offers} 个 offer" in stats.splitlines()[0]
        overview = generated.pages["tracker/overview.md"]
        assert (_kpi(overview, "Offer"), _kpi(overview, "进行中")) == (str(offers), str(len(open_ids)))
    finally:
        shutil.rmtree(folder)
