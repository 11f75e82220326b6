from datetime import date
from pathlib import Path

from tools.tracker.tracker import load_tracker


def test_history_reentry_is_a_new_attempt(fixtures: Path, today: date) -> None:
    t = load_tracker(fixtures / "basic", today=today)
    a1 = t.attempts[t.attempts["application"] == "a1"]
    assert a1[["attempt", "furthest", "outcome"]].values.tolist() == [[1, "二面", "挂"], [2, "二面", "挂"]]


def test_history_inferred_when_only_current_stage(fixtures: Path, today: date) -> None:
    t = load_tracker(fixtures / "basic", today=today)
    a3 = t.history[t.history["application"] == "a3"]
    assert a3["stage"].tolist() == ["已投递", "正式offer"]
    assert a3["inferred"].tolist() == [True, True]


def test_history_explicit_rows_not_inferred_and_later_fail_keeps_interview(fixtures: Path, today: date) -> None:
    t = load_tracker(fixtures / "basic", today=today)
    a1 = t.history[t.history["application"] == "a1"]
    assert a1["stage"].tolist() == ["已投递", "一面", "二面", "一面", "二面"]
    assert not a1["inferred"].any()


def test_history_path_notation_inferred_steps(tmp_path: Path, today: date) -> None:
    (tmp_path / "applications.csv").write_text("id,company,role,city,applied,stage\nx,A,r,北京,2026-11-20,一面✅ => 二面❌\n", encoding="utf-8")
    t = load_tracker(tmp_path, today=today)
    assert t.history["stage"].tolist() == ["已投递", "一面", "二面"]
    assert t.attempts[["furthest", "outcome"]].values.tolist() == [["二面", "挂"]]


def test_history_attempts_never_go_backwards(fixtures: Path, today: date) -> None:
    t = load_tracker(fixtures / "basic", today=today)
    order = t.settings.stage_order()
    for _, g in t.history.groupby(["application", "attempt"]):
        ranks = [order[s] for s in g["stage"]]
        assert ranks == sorted(ranks)
