"""Built tracker pages in headless Chromium: hostile data stays inert, charts draw offline."""

from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, build_site
from tests.site.browsing import open_recorded

from .conftest import SMALL
from .hostile import write_hostile

pytestmark = pytest.mark.browser
TODAY = {"HANDBOOK_TODAY": "2026-11-23"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    data = write_hostile(tmp_path_factory.mktemp("hostile") / "data")
    return build_site(tmp_path_factory.mktemp("hostile-site") / "site", {"HANDBOOK_DATA": str(data), **TODAY}).path


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("small-site") / "site", {"HANDBOOK_DATA": str(SMALL), **TODAY}).path


def _tracker_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "tracker").rglob("*.html") if p.name != "data-format.html")


def test_browser_hostile_data_is_inert(browser, hostile_site):
    pages = _tracker_pages(hostile_site)
    assert len(pages) >= 8
    for path in pages:
        page, recorder = open_recorded(browser, path.as_uri(), None)
        page.wait_for_timeout(200)
        assert recorder.dialogs == [], path
        assert recorder.page_errors == [], path
        assert recorder.console_errors == [], path
        body = page.inner_text("article")
        assert "49" not in body.replace("2049", ""), path
        widths = page.eval_on_selector_all(
            "article table",
            "tables => tables.map(t => { const head = t.rows[0].cells.length;"
            " return Array.from(t.rows).every(r => r.cells.length === head); })",
        )
        assert all(widths), path
        scripts = page.eval_on_selector_all("article script:not([type='application/json'])", "s => s.length")
        assert scripts == 0, path
        assert page.eval_on_selector_all("article a[href^='javascript'], article img[onerror]", "a => a.length") == 0, path
        page.context.close()
    overview = (hostile_site / "tracker" / "questions.html").as_uri()
    page, _ = open_recorded(browser, overview, None)
    assert "{{ 7*7 }}" in page.inner_text("article")
    page.context.close()


def test_browser_charts_board_and_links(browser, small_site):
    ARTIFACTS.joinpath("screenshots").mkdir(parents=True, exist_ok=True)
    page, recorder = open_recorded(browser, (small_site / "tracker" / "overview.html").as_uri(), None)
    page.wait_for_selector(".hb-chart .main-svg", timeout=15_000)
    drawn = page.eval_on_selector_all(".hb-chart", "els => els.map(e => e.querySelectorAll('.main-svg path, .main-svg rect').length)")
    assert len(drawn) == 6 and all(n > 0 for n in drawn)
    assert recorder.console_errors == [] and recorder.page_errors == []
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "tracker-overview.png"), full_page=True)
    page.context.close()

    page, recorder = open_recorded(browser, (small_site / "tracker" / "board.html").as_uri(), None)
    assert page.locator(".hb-column").count() == 18
    assert page.locator(".hb-card").count() == 7
    page.locator("form.hb-filters input[data-filter='active']").check()
    assert page.locator(".hb-card:not(.hb-filtered-out)").count() == 4
    href = page.locator(".hb-card a").first.get_attribute("href")
    assert href.startswith("companies/") and href.endswith(".html")
    assert (small_site / "tracker" / href).is_file()
    page.context.close()

    company = small_site / "tracker" / "companies" / "c-702c213f.html"
    page, recorder = open_recorded(browser, company.as_uri(), None)
    kb_links = page.eval_on_selector_all("article a[href*='kb/']", "links => links.map(a => a.getAttribute('href'))")
    assert kb_links
    for link in kb_links:
        assert (company.parent / link.split("#")[0]).resolve().is_file(), link
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "tracker-company.png"), full_page=True)
    page.context.close()
