"""The hostile corpus through the generator, without a browser: no payload survives as markup."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from icalendar import Calendar

from tools.tracker.docs import render_data_format_markdown
from tools.tracker.settings import load_settings

from .conftest import generate
from .hostile import HOSTILE_ALIAS, HOSTILE_CHOICE, HOSTILE_OUTCOME, HOSTILE_STAGE, HOSTILE_TOPIC, PAYLOADS, URLS, write_hostile

MARKUP = re.compile(r"[<>\"']")
# What only a payload that escaped could write (chart JSON writes < and > as \u003c / \u003e).
DANGEROUS = re.compile(r"<(?!/?(?:br|a|span|small|div|section|details|summary|form|label|select|option|optgroup|output|input|strong|figure|figcaption|script|code)\b)|"
                       r"<script(?! type=\"application/json\")|javascript:|vbscript:|data:text|\bon\w+=", re.IGNORECASE)
ICS_PROPERTIES = {"BEGIN", "END", "PRODID", "VERSION", "X-WR-CALNAME", "UID", "SUMMARY", "CATEGORIES", "DTSTAMP", "DTSTART", "DTEND"}


TIMELINE = re.compile(r'<div class="hb-tl" aria-hidden="true">.*?\n</div>\n\n(?:- .*\n)+', re.DOTALL)
JSON_BLOCK = re.compile(r'<script type="application/json" id="[\w-]+">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module", params=[False, True], ids=["valid", "typed"])
def hostile_data(request, tmp_path_factory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile") / "data", typed=request.param)


_OUTPUTS: dict[tuple[Path, bool], object] = {}


def generated(data: Path, public: bool = False):
    """The generator's output for ``data``, computed once per module (the corpus is slow to load)."""
    if (data, public) not in _OUTPUTS:
        _OUTPUTS[(data, public)] = generate(data, public=public)
    return _OUTPUTS[(data, public)]


def _labels() -> list[str]:
    return [*PAYLOADS, *URLS, HOSTILE_STAGE, HOSTILE_OUTCOME, HOSTILE_ALIAS, HOSTILE_TOPIC, *HOSTILE_CHOICE.values()]


@pytest.mark.parametrize("public", [False, True], ids=["private", "public"])
def test_hostile_generator_writes_no_payload_as_markup(hostile_data, public):
    out = generated(hostile_data, public)
    # five dashboards, the company index, one page per company; a local build adds a 面经 preview per interview
    previews = [path for path in out.pages if path.startswith("tracker/mianjing/")]
    assert len(previews) == (0 if public else len(PAYLOADS))
    assert len(out.pages) == 6 + len(PAYLOADS) + len(previews)
    for path, page in out.pages.items():
        for payload in _labels():
            if MARKUP.search(payload):
                assert payload not in page, (path, payload)
        for block in JSON_BLOCK.findall(page):
            assert "<" not in block and ">" not in block, path
        body = page.split("\n---\n", 1)[-1]  # front matter: the plain-text title, checked below
        assert DANGEROUS.findall(JSON_BLOCK.sub("", body)) == [], path
        assert "\x00" not in page and "\u202e" not in page.split("\n---\n", 1)[0], path


def _chart_strings(value: object, key: str = "") -> list[str]:
    """Every string plotly shows as text (labels, axis categories, names) in a figure or variant."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _chart_strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _chart_strings(v, key)]
    return [value] if isinstance(value, str) and key in ("label", "x", "y", "name", "text") else []


def test_hostile_chart_labels_reach_plotly_as_text(hostile_data):
    """plotly reads <a href>, <b> and <span style> in labels as markup: data must arrive escaped."""
    shown = []
    for path, page in generated(hostile_data).pages.items():
        for block in JSON_BLOCK.findall(page):
            shown += _chart_strings(json.loads(block))
    assert any(HOSTILE_OUTCOME.replace("<", "&lt;").replace(">", "&gt;") in s for s in shown)
    assert [s for s in shown if "<" in s or ">" in s] == []


def test_hostile_generator_company_titles_are_plain(hostile_data):
    out = generated(hostile_data)
    titled = [page for path, page in out.pages.items()
              if path.startswith(("tracker/companies/", "tracker/mianjing/")) and path != "tracker/companies/index.md"]
    titles = [page.split("\n", 2)[1] for page in titled]
    titles = [t for t in titles if t.startswith("title: ")]
    assert len(titles) == 2 * len(PAYLOADS)  # company pages and 面经 previews
    for title in titles:
        assert not re.search(r"[<>&'`\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", title[len('title: "'):-1]), title
    assert 'title: "T＜/title＞＜script＞alert(1)＜/script＞ 公司8"' in titles


def test_hostile_generator_problems_are_printable(hostile_data):
    for problem in generated(hostile_data).problems:
        assert all(unicodedata.category(c) not in ("Cc", "Cf") for c in problem), problem


def test_hostile_calendar_has_only_its_own_properties(hostile_data):
    """Line breaks in the data cannot start a property or an event; control characters are gone."""
    ics = generated(hostile_data).files["tracker/upcoming.ics"].decode("utf-8")
    lines = ics.split("\r\n")
    names = {re.split(r"[:;]", line, maxsplit=1)[0] for line in lines if line and not line.startswith(" ")}
    assert names <= ICS_PROPERTIES
    calendar = Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert lines.count("BEGIN:VEVENT") == len(events)
    for event in events:
        for name in ("SUMMARY", "UID", "CATEGORIES"):
            text = event[name].to_ical().decode("utf-8")
            assert not re.search(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", text), (name, text)


def test_hostile_data_format_page_escapes_settings_labels(hostile_data):
    page = render_data_format_markdown(load_settings(hostile_data))
    for label in (HOSTILE_STAGE, HOSTILE_OUTCOME, HOSTILE_ALIAS, *HOSTILE_CHOICE.values()):
        assert label not in page
    assert DANGEROUS.findall(page.replace("<!-- kinds:", "")) == []


def test_hostile_csv_with_nul_bytes_is_rejected_not_rendered(tmp_path):
    data = write_hostile(tmp_path / "data")
    raw = (data / "applications.csv").read_bytes()
    (data / "applications.csv").write_bytes(raw.replace(b"\x01", b"\x00", 1))
    out = generate(data)
    assert [p for p in out.problems if "NUL" in p] == [f"{data / 'applications.csv'}:1: -: 文件含有空字节,可能不是文本 file contains NUL bytes, not text"]


def test_hostile_company_timeline_is_drawn_and_inert(hostile_data):
    """The drawn timeline and its text list carry role, stage and outcome labels from the data:
    every one arrives as entities, never as markup, and the style attributes hold only numbers."""
    from tools.dashboards.escape import md_text

    out = generated(hostile_data)
    companies = [page for path, page in out.pages.items() if "/companies/" in path and not path.endswith("/index.md")]
    drawn = [m.group(0) for page in companies if (m := TIMELINE.search(page))]
    assert len(drawn) >= len(PAYLOADS) - 1 and drawn
    joined = "\n".join(drawn)
    assert md_text(HOSTILE_STAGE) in joined
    for block in drawn:
        for payload in _labels():
            if MARKUP.search(payload):
                assert payload not in block
        assert DANGEROUS.findall(block) == []
        assert set(re.findall(r'style="([^"]*)"', block)) <= {s for s in re.findall(r'style="((?:(?:left|width): [\d.]+%;? ?)+)"', block)}
