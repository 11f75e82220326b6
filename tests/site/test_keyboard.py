"""Keyboard and screen-reader paths: tab through a knowledge-base page and the board, no trap;
language, landmarks, heading order and MathML formulas as assistive technology sees them."""

from __future__ import annotations

import pytest

from tests.site.browsing import open_recorded, wait_until_quiet

pytestmark = pytest.mark.browser

# A Q&A page with formulas, a code block (copy button) and folded 追问 outside any fold.
KB_PAGE = "kb/llm/cot-prompt.html"
MAX_TABS = 400  # more stops than either page has; reaching the footer before this means no trap

# What document.activeElement is, in a form a test can match on.
DESCRIBE_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {kind: "body", key: ""};
    const details = el.closest("details");
    let kind = el.tagName.toLowerCase();
    if (el.matches(".md-skip")) kind = "skip";
    else if (el.matches(".md-search__input")) kind = "search";
    else if (el.closest(".md-sidebar--primary .md-nav")) kind = "nav";
    else if (el.matches("summary") && details && details.classList.contains("question")) kind = "question";
    else if (el.matches("button.md-code__button[data-md-type=copy], button.md-clipboard")) kind = "copy";
    else if (el.closest(".hb-filters") && el.matches("select, input")) kind = "filter";
    else if (el.closest(".hb-card") && el.matches("a")) kind = "card";
    else if (el.closest("footer")) kind = "footer";
    const path = [];
    for (let node = el; node && node !== document.body; node = node.parentElement) {
        path.unshift(node.tagName + ":" + Array.prototype.indexOf.call(node.parentElement.children, node));
    }
    return {kind: kind, key: path.join("/")};
}"""


def tab_walk(page, stop_kind: str = "footer") -> list[dict]:
    """Press Tab until focus reaches an element of ``stop_kind``; every focus stop on the way.

    Fails if focus stays on one element for two presses or comes back to an element seen
    before the stop was reached (a trap or a loop), or if MAX_TABS presses are not enough.
    """
    stops: list[dict] = []
    seen: set[str] = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(DESCRIBE_FOCUS)
        assert focus["key"] not in seen, f"focus came back to {focus} after {len(stops)} stops: keyboard trap"
        seen.add(focus["key"])
        stops.append(focus)
        if focus["kind"] == stop_kind:
            return stops
    pytest.fail(f"{stop_kind} not reached in {MAX_TABS} Tab presses; last stops: {stops[-5:]}")


def tab_to(page, kind: str) -> None:
    """Press Tab from the current focus until an element of ``kind`` has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(DESCRIBE_FOCUS)["kind"] == kind:
            return
    pytest.fail(f"no {kind} reached with Tab")


def test_keyboard_kb_page_walk_reaches_every_control_in_order_without_trap(browser, site_url: str) -> None:
    page, recorder = open_recorded(browser, site_url + KB_PAGE, site_url.rstrip("/"))
    wait_until_quiet(page, recorder)
    stops = tab_walk(page)
    kinds = [stop["kind"] for stop in stops]
    assert kinds[0] == "skip"
    for kind in ["search", "nav", "question", "copy", "footer"]:
        assert kind in kinds, f"Tab never reached {kind}: {kinds}"
    # Header (skip link, search) before the sidebar, the sidebar before the article's folds.
    assert kinds.index("skip") < kinds.index("search") < kinds.index("nav") < kinds.index("question")
    # Shift+Tab goes back to the stop before the footer.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(DESCRIBE_FOCUS)["key"] == stops[-2]["key"]


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_keyboard_question_fold_opens_with_enter_and_space(browser, site_url: str, key: str) -> None:
    page, recorder = open_recorded(browser, site_url + KB_PAGE, site_url.rstrip("/"))
    wait_until_quiet(page, recorder)
    tab_to(page, "question")
    is_open = "() => document.activeElement.closest('details').open"
    assert page.evaluate(is_open) is False
    page.keyboard.press(key)
    assert page.evaluate(is_open) is True
    page.keyboard.press(key)
    assert page.evaluate(is_open) is False


def test_keyboard_skip_link_moves_focus_past_the_navigation(browser, site_url: str) -> None:
    page, recorder = open_recorded(browser, site_url + KB_PAGE, site_url.rstrip("/"))
    wait_until_quiet(page, recorder)
    page.keyboard.press("Tab")
    assert page.evaluate(DESCRIBE_FOCUS)["kind"] == "skip"
    assert page.locator(".md-skip").is_visible()  # shown while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focus = page.evaluate(DESCRIBE_FOCUS)
    assert focus["kind"] not in {"search", "nav"}
    assert page.evaluate("() => !!document.activeElement.closest('article')")


def test_keyboard_board_filters_and_cards_reachable_without_trap(browser, site_url: str) -> None:
    page, recorder = open_recorded(browser, site_url + "tracker/board.html", site_url.rstrip("/"))
    wait_until_quiet(page, recorder)
    stops = tab_walk(page)
    kinds = [stop["kind"] for stop in stops]
    assert kinds.index("filter") < kinds.index("card") < kinds.index("footer")
    # A filter works from the keyboard: the first select, moved down one option with the arrow key.
    page.locator(".hb-filters select").first.focus()
    before = page.locator(".hb-filter-count").inner_text()
    page.keyboard.press("ArrowDown")
    assert page.locator(".hb-filters select").first.input_value() != ""
    assert page.locator(".hb-filter-count").inner_text() != before


@pytest.mark.parametrize("path", [KB_PAGE, "index.html", "tracker/board.html", "code/multi-head-attention.html"])
def test_screen_reader_language_landmarks_and_heading_order(browser, site_url: str, path: str) -> None:
    page, recorder = open_recorded(browser, site_url + path, site_url.rstrip("/"))
    wait_until_quiet(page, recorder)
    assert page.get_attribute("html", "lang") in {"zh", "zh-CN", "zh-Hans"}
    landmarks = page.evaluate(
        """() => ({
            banner: document.querySelectorAll("body > header, body > div > header").length,
            main: document.querySelectorAll("main").length,
            contentinfo: document.querySelectorAll("footer").length,
            nav: document.querySelectorAll("nav").length,
        })"""
    )
    assert landmarks["banner"] == 1 and landmarks["main"] == 1 and landmarks["contentinfo"] >= 1
    assert landmarks["nav"] >= 1
    levels = page.evaluate(
        """() => [...document.querySelectorAll("article h1, article h2, article h3, article h4, article h5, article h6")]
            .filter(h => h.getClientRects().length > 0 || h.closest("details"))
            .map(h => Number(h.tagName[1]))"""
    )
    assert levels[0] == 1 and levels.count(1) == 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert jumps == [], f"heading levels skip on {path}: {jumps}"


def test_screen_reader_formulas_are_exposed_as_mathml(browser, site_url: str) -> None:
    page, recorder = open_recorded(browser, site_url + KB_PAGE, site_url.rstrip("/"))
    wait_until_quiet(page, recorder)
    exposed = page.evaluate(
        """() => [...document.querySelectorAll("article math")].map(m => ({
            hidden: !!m.closest("[aria-hidden='true']") || getComputedStyle(m).display === "none"
                    || getComputedStyle(m).visibility === "hidden",
            inFold: !!m.closest("details"),
            text: m.textContent.trim().length,
        }))"""
    )
    assert len(exposed) >= 5
    outside_folds = [m for m in exposed if not m["inFold"]]
    assert outside_folds and all(not m["hidden"] and m["text"] > 0 for m in outside_folds)
    # The accessibility tree Chromium hands to screen readers has math nodes.
    snapshot = page.locator("article").aria_snapshot()
    assert "math" in snapshot


def test_screen_reader_charts_are_named_figures_and_wide_tables_are_tab_stops(browser, site_url: str) -> None:
    page, recorder = open_recorded(browser, site_url + "tracker/overview.html", site_url.rstrip("/"))
    wait_until_quiet(page, recorder)
    page.wait_for_function("() => [...document.querySelectorAll('.hb-chart')].every(c => c.querySelector('.main-svg'))")
    charts = page.locator(".hb-chart-figure")
    captions = [text.strip() for text in page.locator(".hb-chart-figure figcaption").all_inner_texts()]
    assert charts.count() >= 3 and len(captions) == charts.count()
    for caption in captions:
        assert page.get_by_role("figure", name=caption, exact=True).count() == 1
    # plotly's drawing is hidden from screen readers; the tables after the charts hold the numbers.
    assert page.evaluate("() => [...document.querySelectorAll('.hb-chart svg.main-svg')].every(s => s.getAttribute('aria-hidden') === 'true')")
    # On a phone-width screen the tables scroll sideways: each one that does is a named tab stop.
    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_timeout(600)  # scroll-regions.js rechecks 150 ms after a resize
    regions = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
            .filter(r => r.scrollWidth > r.clientWidth + 1)
            .map(r => ({tabindex: r.getAttribute('tabindex'), role: r.getAttribute('role'),
                        label: r.getAttribute('aria-label') || ''}))"""
    )
    assert regions, "no table overflows at 360 px: the check checks nothing"
    assert all(r["tabindex"] == "0" and r["role"] == "region" and r["label"].endswith("表格(可左右滚动)") for r in regions)
    page.context.close()
