"""Dashboard layout in headless Chromium at a desktop width (1366 px) and a phone width (390 px).

Uses the session's built demo site (no extra build). Also writes the screenshots the README
shows into tests/.artifacts/screenshots/; ``python -m tools.site.screenshots`` copies them,
recompressed, to .github/screenshots/ (see that module for when to refresh them).
"""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tools.dashboards.slugs import company_slug

pytestmark = pytest.mark.browser

DESKTOP, PHONE = 1366, 390
HEIGHTS = {DESKTOP: 900, PHONE: 844}
POOL_COMPANY = "淘天集团"  # the demo's 泡池子 attempt
CHARTS_DRAWN = "() => Array.from(document.querySelectorAll('.hb-chart')).every(c => c.querySelector('.main-svg'))"
NO_PAGE_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def _open(browser, url: str, width: int, scheme: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": HEIGHTS[width]}, locale="zh-CN", color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(url)
    return page, errors


def _shot(page, name: str) -> None:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def _columns(page, selector: str) -> int:
    return page.eval_on_selector(selector, "e => getComputedStyle(e).gridTemplateColumns.split(' ').length")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_layout_overview_cards_grid_and_folded_tables(browser, site_url, width):
    page, errors = _open(browser, site_url + "tracker/overview.html", width)
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    if width == DESKTOP:  # full width: no navigation or contents sidebar (on a phone the drawer stays)
        assert page.locator(".md-sidebar--primary").is_hidden() and page.locator(".md-sidebar--secondary").is_hidden()
        assert page.eval_on_selector("article", "a => a.getBoundingClientRect().width") > 1000
    assert page.locator(".hb-kpi").count() == 8
    assert page.locator(".hb-kpi-change").first.inner_text().endswith(" 本周")
    card_columns = _columns(page, ".hb-kpis")
    assert card_columns >= 4 if width == DESKTOP else card_columns == 2
    assert _columns(page, ".hb-grid") == (2 if width == DESKTOP else 1)
    # Every chart has its table folded under it, in the DOM but closed.
    assert page.locator(".hb-grid .hb-chart").count() >= 4
    folds = page.locator("details.hb-data")
    assert folds.count() >= 6
    assert page.locator("details.hb-data[open]").count() == 0
    assert page.locator("details.hb-data table").count() == folds.count()
    # Warnings: one closed line.
    warnings = page.locator("details.warning")
    assert warnings.count() == 1 and warnings.get_attribute("open") is None
    assert warnings.locator("summary").inner_text().startswith("数据提醒 3 条")
    assert page.eval_on_selector("form.hb-overview-filter", "f => getComputedStyle(f).position") == "sticky"
    assert page.evaluate(NO_PAGE_SCROLL)
    assert errors == []
    _shot(page, f"tracker-overview-{width}")
    page.context.close()


def test_layout_overview_filter_stays_in_view_when_scrolled(browser, site_url):
    page, _ = _open(browser, site_url + "tracker/overview.html", PHONE)
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_function("() => window.scrollY > 500")
    top = page.eval_on_selector("form.hb-overview-filter", "f => f.getBoundingClientRect().top")
    assert 0 <= top <= 100
    page.context.close()


def test_layout_print_shows_folded_tables(browser, site_url):
    page, _ = _open(browser, site_url + "tracker/overview.html", DESKTOP)
    page.emulate_media(media="print")
    assert page.eval_on_selector("details.hb-data table", "t => t.getBoundingClientRect().height") > 0
    page.context.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_layout_board_scrolls_only_inside(browser, site_url, width):
    page, errors = _open(browser, site_url + "tracker/board.html", width)
    assert page.evaluate(NO_PAGE_SCROLL)
    lanes = page.locator("details.hb-lane")
    assert lanes.count() >= 10 and page.locator("details.hb-lane[open]").count() == lanes.count()
    first = lanes.first
    first.locator("summary").click()
    assert first.get_attribute("open") is None and first.locator(".hb-card").first.is_hidden()
    if width == PHONE:
        _shot(page, f"tracker-board-{width}")
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_layout_company_timeline(browser, site_url, width):
    page, errors = _open(browser, site_url + f"tracker/companies/{company_slug(POOL_COMPANY)}.html", width)
    assert page.evaluate(NO_PAGE_SCROLL)
    assert page.locator(".hb-tl-row").count() >= 2
    assert page.locator(".hb-tl-wait").count() >= 1  # the open 泡池子 wait, drawn up to today
    assert "已等" in page.locator(".hb-tl").inner_text()
    # The text alternative: one list item per drawn attempt.
    assert page.locator("#timeline ~ ul li").count() >= page.locator(".hb-tl-row").count()
    assert errors == []
    page.locator("#timeline").scroll_into_view_if_needed()
    _shot(page, f"tracker-company-{width}")
    page.context.close()


def test_layout_dark_scheme_cards_follow_material_colours(browser, site_url):
    page, _ = _open(browser, site_url + "tracker/overview.html", DESKTOP, scheme="dark")
    colours = page.evaluate(
        "() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.hb-kpi')).backgroundColor,"
        " getComputedStyle(document.querySelector('.hb-kpi-value')).color]"
    )
    assert colours[0] == colours[1] != "rgb(255, 255, 255)"
    assert colours[2] != "rgb(0, 0, 0)"
    page.context.close()
