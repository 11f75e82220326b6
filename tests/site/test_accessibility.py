"""axe-core (WCAG 2.0/2.1 level A and AA rules) on one page of every template, light and dark.

A serious or critical finding fails the test. Every run prints a table of rules x templates
(nodes with a serious or critical finding) under "measured", passing or not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from tests.conftest import BuiltSite
from tests.site.browsing import open_recorded, search, wait_until_quiet

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
SCHEMES = {"light": "default", "dark": "slate"}  # browser preference -> Material's data-md-color-scheme

# The print page holds the whole handbook (~260,000 elements): axe's contrast check over all of
# it takes minutes. Its parts are the pages checked on their own, so the check covers the
# print page's own table of contents and one section of each kind of page; the other page
# sections are removed from the DOM first, since axe walks the whole tree even with an include.
PRINT_PAGE_PARTS = [
    "#print-page-toc",
    "section#index",
    "section#kb-llm-attention",
    "section#code-multi-head-attention",
    "section#guide-timeline",
]

# Findings that are not failures of this site, each with the reason. Keep this list short
# and every entry narrow: (rule id, CSS selector the node's target must equal).
FALSE_POSITIVES: list[tuple[str, str]] = []


def _wait_for_charts(page) -> None:
    """Until plotly has drawn every chart on the page (charts.js runs after load)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.hb-chart')].every(c => c.querySelector('.main-svg'))"
    )


def _open_search(page, root_url: str) -> None:
    assert "kb/llm/attention.html" in search(page, "注意力", root_url, timeout_ms=60_000)[:3]


@dataclass(frozen=True)
class Template:
    name: str
    path: str  # site-relative; "{company}" is replaced by the first company page
    prepare: Callable | None = None  # (page, root_url) -> None, after the page is quiet
    parts: list[str] = field(default_factory=list)  # axe context include; empty = whole page


TEMPLATES = [
    Template("home", "index.html"),
    Template("kb", "kb/llm/attention.html"),
    Template("code", "code/multi-head-attention.html"),
    Template("guide", "guide/timeline.html"),
    Template("tags", "tags.html"),
    Template("coverage", "kb/coverage.html", lambda page, _: _wait_for_charts(page)),
    Template("print", "print_page.html", parts=PRINT_PAGE_PARTS),
    Template("tracker", "tracker/index.html"),
    Template("overview", "tracker/overview.html", lambda page, _: _wait_for_charts(page)),
    Template("board", "tracker/board.html"),
    Template("schedule", "tracker/schedule.html"),
    Template("companies", "tracker/companies/index.html"),
    Template("company", "tracker/companies/{company}"),
    Template("questions", "tracker/questions.html"),
    Template("offers", "tracker/offers.html"),
    Template("search", "index.html", _open_search),
    Template("review", "study/index.html"),
    Template("mock", "study/mock.html"),
]

# (template, scheme) -> rule id -> nodes with a serious or critical finding
_MEASURED: dict[tuple[str, str], dict[str, int]] = {}


@pytest.fixture(scope="module", autouse=True)
def _print_table(summary_lines: list[str]) -> Iterator[None]:
    yield
    summary_lines.extend(violation_table(_MEASURED))


def violation_table(measured: dict[tuple[str, str], dict[str, int]]) -> list[str]:
    """Rules down, templates across (light/dark columns side by side), serious+critical node counts.

    >>> print("\\n".join(violation_table({("home", "light"): {"color-contrast": 3}, ("home", "dark"): {}})))
    axe serious+critical nodes (WCAG 2 A/AA), template light/dark:
    rule            home
    color-contrast   3/0
    total            3/0
    """
    if not measured:
        return []
    templates = list(dict.fromkeys(template for template, _ in measured))
    rules = sorted({rule for counts in measured.values() for rule in counts})

    def cell(template: str, rule: str | None) -> str:
        values = []
        for scheme in SCHEMES:
            counts = measured.get((template, scheme))
            if counts is None:
                values.append("-")
            else:
                values.append(str(sum(counts.values()) if rule is None else counts.get(rule, 0)))
        return "/".join(values)

    width = max([len("total"), *map(len, rules)])
    widths = [max(len(t), 3) for t in templates]
    lines = ["axe serious+critical nodes (WCAG 2 A/AA), template light/dark:"]
    lines.append(" ".join(["rule".ljust(width), *(t.rjust(w) for t, w in zip(templates, widths))]).rstrip())
    for rule in [*rules, None]:
        row = [(rule or "total").ljust(width), *(cell(t, rule).rjust(w) for t, w in zip(templates, widths))]
        lines.append(" ".join(row))
    return lines


def blocking_nodes(violations: list[dict]) -> dict[str, list[str]]:
    """Rule id -> targets of the nodes whose finding is serious or critical, false positives left out.

    >>> blocking_nodes([{"id": "x", "nodes": [{"impact": "serious", "target": ["a"]},
    ...                                        {"impact": "minor", "target": ["b"]}]}])
    {'x': ['a']}
    """
    found: dict[str, list[str]] = {}
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if node.get("impact") not in BLOCKING or (violation["id"], target) in FALSE_POSITIVES:
                continue
            found.setdefault(violation["id"], []).append(target)
    return found


def run_axe(page, parts: list[str]) -> list[dict]:
    """axe-core from the pinned axe-playwright-python wheel, run in the page; its violations."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    script = "([parts, options]) => axe.run(parts.length ? {include: parts.map(s => [s])} : document, options)"
    return page.evaluate(script, [parts, options])["violations"]


# Blocks below the screen are skipped by content-visibility: auto (extra.css) until a reader
# scrolls near them, and skipped content is not hit-tested: axe's contrast check then finds the
# footer behind a link far down the page (false "2.34:1 on #212121"). What axe checks is the
# content, so every block is rendered for it; extra.css's test is in test_browser.py.
_RENDER_EVERY_BLOCK = """() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(".md-content__inner > * { content-visibility: visible !important; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


# Removes every print-page section that neither holds, is, nor lies inside a kept part; returns the count.
_PRUNE_OTHER_SECTIONS = """(parts) => {
    const kept = parts.map(selector => document.querySelector(selector));
    let removed = 0;
    for (const section of [...document.querySelectorAll('section.print-page')]) {
        if (!section.isConnected || kept.some(k => k === section || section.contains(k) || k.contains(section))) continue;
        section.remove();
        removed += 1;
    }
    return removed;
}"""


def _company_page(built_site: BuiltSite) -> str:
    pages = sorted((built_site.path / "tracker" / "companies").glob("c-*.html"))
    assert pages, "the demo data has no company page"
    return pages[0].name


# The print page in light only: its sections are the pages checked on their own in both schemes,
# and loading its 6 MB of HTML is the slowest step of the suite.
CASES = [(t, scheme) for t in TEMPLATES for scheme in SCHEMES if t.name != "print" or scheme == "light"]


@pytest.mark.parametrize(("template", "scheme"), CASES, ids=[f"{t.name}-{scheme}" for t, scheme in CASES])
def test_accessibility_template_has_no_serious_axe_violation(
    browser, built_site: BuiltSite, site_url: str, template: Template, scheme: str
) -> None:
    path = template.path.format(company=_company_page(built_site))
    page, recorder = open_recorded(browser, site_url + path, site_url.rstrip("/"), color_scheme=scheme)
    wait_until_quiet(page, recorder)
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    if template.prepare:
        template.prepare(page, site_url)
    for selector in template.parts:
        assert page.locator(selector).count() == 1, f"{selector} is not on {path}"
    if template.parts:
        removed = page.evaluate(_PRUNE_OTHER_SECTIONS, template.parts)
        assert removed > 50, f"only {removed} other sections on {path}"
    page.evaluate(_RENDER_EVERY_BLOCK)
    found = blocking_nodes(run_axe(page, template.parts))
    page.context.close()
    _MEASURED[(template.name, scheme)] = {rule: len(targets) for rule, targets in found.items()}
    report = {rule: targets[:5] for rule, targets in found.items()}
    assert found == {}, f"{path} ({scheme}): serious/critical axe findings (first 5 targets each): {report}"
