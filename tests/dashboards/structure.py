"""Structural comparison for the fuzz tests: did a string from the data add an element or attribute?

A data folder is written twice from the same generated strings: once as they are (markup-heavy)
and once *neutral*, every markup character swapped for a distinct plain letter while whitespace
and line breaks stay in place. Both go through the generator (or a full site build); every page
is parsed with ``html.parser`` and reduced to the multiset of its elements, each with its
attribute names. Escaping is correct exactly when the two multisets are equal on every page.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tools.dashboards.slugs import company_slug

# Characters with a meaning to HTML, Markdown, Jinja, YAML or a URL, and those that change text direction.
MARKUP = "<>&\"'/\\`=;:!-[](){}#*_|$~^%@+.,?"
ALPHABET = MARKUP + " \n\tab字\u202e\u2066\x01\x7f"
# Each markup character maps to its own letter (none of them in ALPHABET), so distinct strings stay distinct.
NEUTRAL = str.maketrans({c: chr(0x0100 + i) for i, c in enumerate(MARKUP)})
TEXT_FIELDS = ("role", "department", "next_step", "referral_code", "contact", "notes")
INTERVIEW_FIELDS = ("questions", "stuck", "stuck_cause", "notes")


def neutral(text: str) -> str:
    """``text`` with every markup character swapped for a plain letter.

    >>> neutral("<b> a\\nb")
    'Ābā a\\nb'
    """
    return text.translate(NEUTRAL)


def company_name(text: str, index: int) -> str:
    return f"{text} 公司{index}"


def write_fuzz_data(target: Path, strings: list[str]) -> Path:
    """A valid data folder (strict build passes) whose free-text fields all hold ``strings``."""
    target.mkdir(parents=True, exist_ok=True)
    pick = lambda i, k: strings[(i + k) % len(strings)]  # noqa: E731 - a different string per field
    apps = []
    for i, text in enumerate(strings):
        row = {"id": f"f{i}", "company": company_name(text, i), "city": "北京", "applied": "2026-09-01",
               "stage": ["一面", "已投递", "OC"][i % 3], "season": "秋招", "batch": "正式批", "channel": "官网", "direction": "LLM"}
        row.update({field: pick(i, k + 1) for k, field in enumerate(TEXT_FIELDS)})
        apps.append(row)
    with (target / "applications.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(apps[0]))
        writer.writeheader()
        writer.writerows(apps)
    with (target / "history.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["application", "date", "stage", "note"])
        for i, row in enumerate(apps):
            writer.writerow([row["id"], "2026-09-01", "已投递", pick(i, 7)])
            writer.writerow([row["id"], "2026-11-20", row["stage"], pick(i, 8)])
    interviews = [
        {"id": f"iv{i}", "application": row["id"], "round": "一面", "kind": "技术面", "at": "2026-11-20 10:00",
         "duration": 60, "topics": ["A05"], **{field: pick(i, 9 + k) for k, field in enumerate(INTERVIEW_FIELDS)}}
        for i, row in enumerate(apps)
    ]
    (target / "interviews.yaml").write_text(yaml.safe_dump(interviews, allow_unicode=True), encoding="utf-8")
    with (target / "offers.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["application", "level", "hukou", "reply_by", "monthly_base", "months", "notes"])
        writer.writerow([apps[-1]["id"], pick(0, 13), pick(0, 14), "2026-11-30", "30000", "15", pick(0, 15)])
    return target


def slug_map(strings: list[str]) -> dict[str, str]:
    """Company page slug of each hostile name -> slug of its neutral twin."""
    return {company_slug(company_name(s, i)): company_slug(company_name(neutral(s), i)) for i, s in enumerate(strings)}


def renamed(path: str, slugs: dict[str, str]) -> str:
    for hostile, plain in slugs.items():
        path = path.replace(hostile, plain)
    return path


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[" ".join([tag, *sorted(name for name, _ in attrs)])] += 1

    handle_startendtag = handle_starttag


def shape(page: str) -> Counter[str]:
    """Each element of a page with its sorted attribute names, counted.

    >>> shape('<p class="x">a<br>b<img alt="" src="y"/></p>')
    Counter({'p class': 1, 'br': 1, 'img alt src': 1})
    """
    parser = _Shape()
    parser.feed(page)
    parser.close()
    return parser.elements


def site_shapes(site: Path, slugs: dict[str, str] | None = None) -> dict[str, Counter[str]]:
    """Shapes of every HTML page of a built site and of every search-index entry's text."""
    shapes = {renamed(p.relative_to(site).as_posix(), slugs or {}): shape(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        key = "search:" + renamed(doc["location"], slugs or {})
        shapes[key] = shapes.get(key, Counter()) + shape(doc["title"]) + shape(doc["text"])
    return shapes


def without_question_items(shapes: dict[str, Counter[str]]) -> dict[str, Counter[str]]:
    """Shapes with the list items of 面经 preview pages left out: a preview lists the questions cut
    at ``;`` (a markup character here, a letter in the neutral twin) by design, so only there may
    the data change how many ``li`` a page has; every other element must still match.

    >>> without_question_items({"tracker/mianjing/a.md": Counter({"li": 3, "ol": 1}), "x.md": Counter({"li": 2})})
    {'tracker/mianjing/a.md': Counter({'ol': 1}), 'x.md': Counter({'li': 2})}
    """
    return {
        name: Counter({k: v for k, v in shape.items() if k != "li"}) if "tracker/mianjing/" in name else shape
        for name, shape in shapes.items()
    }


def differences(hostile: dict[str, Counter[str]], plain: dict[str, Counter[str]]) -> list[str]:
    """Pages whose shapes differ, each with the elements only one side has ([] when equal)."""
    found = []
    for name in sorted(set(hostile) | set(plain)):
        extra, missing = hostile.get(name, Counter()) - plain.get(name, Counter()), plain.get(name, Counter()) - hostile.get(name, Counter())
        if extra or missing:
            found.append(f"{name}: data added {dict(extra)}, removed {dict(missing)}")
    return found
