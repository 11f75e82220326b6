"""The demo's fixed "today": read and checked in settings.yaml, decided in one place, never copied by init."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tools.site.build_options import build_options
from tools.site.generated import generate_content
from tools.tracker.cli import main
from tools.tracker.init import init_tracker
from tools.tracker.settings import SettingsError, load_settings
from tools.tracker.today import decide_today
from tools.tracker.tracker import load_tracker

REPO = Path(__file__).parents[2]
DEMO = REPO / "data"


def _settings_with(tmp_path: Path, line: str) -> Path:
    text = (DEMO / "settings.yaml").read_text(encoding="utf-8")
    body = "\n".join(x for x in text.splitlines() if not x.startswith("today:"))
    (tmp_path / "settings.yaml").write_text("# mine\n" + line + "\n" + body + "\n", encoding="utf-8")
    return tmp_path


def test_settings_today_demo_value() -> None:
    assert load_settings(DEMO).today == date(2026, 11, 19)


@pytest.mark.parametrize("value", ["2026-13-01", "19.11.2026", "tomorrow"])
def test_settings_today_bad_value_names_file_line_value_format(tmp_path: Path, value: str) -> None:
    folder = _settings_with(tmp_path, f"today: {value}")
    with pytest.raises(SettingsError) as caught:
        load_settings(folder)
    assert str(caught.value) == (
        f"{folder / 'settings.yaml'}:2: today: 日期无效 invalid date '{value}' — 应为 expected YYYY-MM-DD, 例如 e.g. 2026-11-18"
    )


def test_settings_today_empty_means_real_date(tmp_path: Path) -> None:
    assert load_settings(_settings_with(tmp_path, "today:")).today is None


def test_settings_today_not_borrowed_by_a_folder_without_settings(tmp_path: Path) -> None:
    assert load_settings(tmp_path).today is None
    assert load_settings(None).today == date(2026, 11, 19)


def test_settings_today_dropped_once_the_demo_applications_are_edited(tmp_path: Path) -> None:
    import shutil

    folder = shutil.copytree(DEMO, tmp_path / "data")
    assert load_settings(folder).today == date(2026, 11, 19)  # an exact copy is still the demo
    with (folder / "applications.csv").open("a", encoding="utf-8") as applications:
        applications.write("mine-1,我的公司,算法工程师,,LLM,北京,秋招,正式批,官网,2026-11-20,已投递,,,,,,\n")
    assert load_settings(folder).today is None


def test_decide_today_precedence() -> None:
    demo = load_settings(DEMO)
    clock = lambda: date(2027, 3, 1)  # noqa: E731
    assert decide_today(date(2026, 1, 2), demo, clock) == date(2026, 1, 2)
    assert decide_today(None, demo, clock) == date(2026, 11, 19)
    assert decide_today(None, load_settings(Path("/nonexistent-folder")), clock) == date(2027, 3, 1)
    assert decide_today(None, None, clock) == date(2027, 3, 1)


def test_cli_today_uses_option_then_env_then_settings(monkeypatch) -> None:
    monkeypatch.delenv("HANDBOOK_TODAY", raising=False)
    runner = CliRunner()
    bad = "日期在未来 date is in the future '2026-11-19'"
    assert bad not in runner.invoke(main, ["--data", str(DEMO), "check"]).output
    assert bad in runner.invoke(main, ["--data", str(DEMO), "--today", "2026-11-18", "check"]).output
    assert bad in runner.invoke(main, ["--data", str(DEMO), "check"], env={"HANDBOOK_TODAY": "2026-11-18"}).output


def test_cli_bad_today_setting_is_a_message(tmp_path: Path) -> None:
    folder = _settings_with(tmp_path, "today: 2026-02-30")
    result = CliRunner().invoke(main, ["--data", str(folder), "check"])
    assert result.exit_code == 1
    assert "settings.yaml:2: today: 日期无效 invalid date '2026-02-30'" in result.output
    assert "Traceback" not in result.output


def test_init_does_not_copy_the_demo_today(tmp_path: Path) -> None:
    init_tracker(tmp_path / "mine")
    written = (tmp_path / "mine" / "settings.yaml").read_text(encoding="utf-8")
    assert "today:" not in written and "demo only" not in written
    assert load_settings(tmp_path / "mine").today is None


def _last_record_day(folder: Path) -> date:
    apps = pd.read_csv(folder / "applications.csv", dtype=str)
    history = pd.read_csv(folder / "history.csv", dtype=str)
    days = pd.to_datetime(pd.concat([apps["投递时间"], history["date"]]).dropna())
    return days.max().date()


def test_demo_today_is_the_day_of_its_last_record() -> None:
    """Calendar time adds nothing: the demo is judged on the day of its last record, so every
    remaining staleness warning is a wait the data itself shows (e.g. 65 days 泡池子)."""
    assert load_settings(DEMO).today == _last_record_day(DEMO)
    t = load_tracker(DEMO)
    assert t.errors == []
    assert [(w.line, w.message) for w in t.warnings] == [
        (3, "65 天没有进展 no progress for 65 days"),
        (9, "25 天没有进展 no progress for 25 days"),
        (27, "24 天没有进展 no progress for 24 days"),
    ]


def test_demo_site_without_handbook_today_uses_the_demo_day() -> None:
    content = generate_content(REPO / "docs", build_options({}))
    overview = content.files["tracker/overview.md"]
    assert "数据截至 2026&#45;11&#45;19。" in overview
    assert "78 天" not in overview and "日期在未来" not in overview
