"""The SM-2 maths and the stored record, tested in Chromium on the very script the site ships.

The worked examples are the ones on docs/study/index.md (computed by hand and in Python with
exact decimals before they went on the page).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser
CORE = REPO_ROOT / "docs" / "assets" / "javascripts" / "study-core.js"

# (grades in order) -> [(ease after, repetitions, interval in days), ...]
WORKED = [
    ([5, 5, 5, 3, 1, 5], [(2.6, 1, 1), (2.7, 2, 6), (2.8, 3, 16), (2.66, 4, 45), (2.12, 0, 1), (2.22, 1, 1)]),
    ([3, 3, 3, 3], [(2.36, 1, 1), (2.22, 2, 6), (2.08, 3, 13), (1.94, 4, 27)]),
    ([1, 1, 1, 5], [(1.96, 0, 1), (1.42, 0, 1), (1.3, 0, 1), (1.4, 1, 1)]),
    # 45 x 2.9 = 130.5 exactly: rounds to 131 (a binary product just below .5 would give 130).
    ([5, 5, 5, 5, 5], [(2.6, 1, 1), (2.7, 2, 6), (2.8, 3, 16), (2.9, 4, 45), (3.0, 5, 131)]),
    ([4, 4, 4], [(2.5, 1, 1), (2.5, 2, 6), (2.5, 3, 15)]),
]


@pytest.fixture(scope="module")
def core(browser, tmp_path_factory: pytest.TempPathFactory):
    # A file:// page (about:blank has no localStorage), as when the site is opened from disk.
    blank = tmp_path_factory.mktemp("core") / "blank.html"
    blank.write_text("<!doctype html><html><body></body></html>", encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(blank.as_uri())
    page.add_script_tag(path=str(CORE))
    yield page
    context.close()


@pytest.mark.parametrize(("grades", "expected"), WORKED)
def test_sm2_matches_worked_examples(core, grades: list[int], expected: list[tuple[float, int, int]]) -> None:
    steps = core.evaluate(
        """grades => { let s = null; return grades.map(g => { s = hbStudy.sm2(s, g); return [s.ef, s.reps, s.interval]; }); }""",
        grades,
    )
    assert [tuple(step) for step in steps] == expected


def test_sm2_grade_same_day_replaces_the_earlier_grade(core) -> None:
    result = core.evaluate(
        """() => {
            const d = hbStudy.empty();
            hbStudy.grade(d, "kb/llm/attention", "known", {t: "注意力", s: "kb/llm"}, "2026-12-01");
            hbStudy.grade(d, "kb/llm/attention", "known", null, "2026-12-02");
            const twice = JSON.parse(JSON.stringify(d.items["kb/llm/attention"]));
            hbStudy.grade(d, "kb/llm/attention", "fuzzy", null, "2026-12-02");
            return [twice, d.items["kb/llm/attention"], d.log];
        }"""
    )
    twice, regraded, log = result
    assert (twice["ef"], twice["reps"], twice["interval"], twice["due"]) == (2.7, 2, 6, "2026-12-08")
    # 模糊 instead of 掌握 on 12-02: from the state after 12-01 (2.6, 1, 1) → (2.46, 2, 6).
    assert (regraded["ef"], regraded["reps"], regraded["interval"], regraded["due"]) == (2.46, 2, 6, "2026-12-08")
    assert (regraded["mark"], regraded["t"], regraded["s"]) == ("fuzzy", "注意力", "kb/llm")
    assert log == {"2026-12-01": 1, "2026-12-02": 1}


def test_sm2_lapse_is_due_tomorrow_across_month_end(core) -> None:
    item = core.evaluate("""() => hbStudy.grade(hbStudy.empty(), "code/rope", "new", null, "2026-12-31")""")
    assert (item["mark"], item["interval"], item["due"]) == ("new", 1, "2027-01-01")


def test_streak_counts_consecutive_days_up_to_today(core) -> None:
    log = {"2026-11-28": 2, "2026-11-29": 1, "2026-11-30": 3, "2026-11-26": 1}
    assert core.evaluate("log => hbStudy.streak(log, '2026-11-30')", log) == 3
    assert core.evaluate("log => hbStudy.streak(log, '2026-12-01')", log) == 3  # today not yet reviewed
    assert core.evaluate("log => hbStudy.streak(log, '2026-12-02')", log) == 0


def test_clean_keeps_valid_fields_and_rejects_other_files(core) -> None:
    raw = {
        "version": 1,
        "items": {
            "kb/a": {"mark": "known", "ef": 2.6, "reps": 1, "interval": 1, "due": "2026-12-02", "last": "2026-12-01", "t": "A", "s": "kb/x", "evil": "<script>"},
            "kb/b": {"mark": "great", "ef": 2.6, "reps": 1, "interval": 1, "due": "2026-12-02", "last": "2026-12-01"},
            "kb/c": {"mark": "new", "ef": "2.5", "reps": 0, "interval": 1, "due": "2026-12-02", "last": "2026-12-01"},
        },
        "log": {"2026-12-01": 1, "yesterday": 4},
        "settings": {"selftest": True},
    }
    cleaned = core.evaluate("raw => hbStudy.clean(raw)", raw)
    assert cleaned == {
        "version": 1,
        "items": {"kb/a": {"mark": "known", "ef": 2.6, "reps": 1, "interval": 1, "due": "2026-12-02", "last": "2026-12-01", "prev": None, "t": "A", "s": "kb/x"}},
        "log": {"2026-12-01": 1},
        "settings": {"selftest": True},
    }
    error = core.evaluate("raw => { try { hbStudy.clean(raw); return ''; } catch (e) { return e.message; } }", {"items": {}})
    assert error == "不是本手册导出的学习记录(version 1)"


def test_load_and_save_use_one_versioned_key(core) -> None:
    stored = core.evaluate(
        """() => { const d = hbStudy.empty(); hbStudy.grade(d, "kb/a", "known", null, "2026-12-01"); hbStudy.save(d);
                 return [localStorage.length, localStorage.key(0), localStorage.getItem("hb-study")]; }"""
    )
    assert stored[0] == 1 and stored[1] == "hb-study"
    assert json.loads(stored[2])["version"] == 1
