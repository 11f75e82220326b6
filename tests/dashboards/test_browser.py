"""Built tracker pages in headless Chromium: hostile data stays inert, charts draw offline."""

from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, build_site, serve_directory
from tests.site.browsing import csp_violations, open_recorded

from .conftest import SMALL
from .hostile import HOSTILE_CHOICE, PAYLOADS, write_hostile

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
    return sorted(site.rglob("tracker/**/*.html"))


@pytest.fixture(params=["file", "http"])
def hostile_root(request, hostile_site):
    """The hostile site's root URL opened from disk and over http."""
    if request.param == "file":
        yield hostile_site.as_uri() + "/"
        return
    with serve_directory(hostile_site) as url:
        yield url


def test_browser_hostile_data_is_inert(browser, hostile_site, hostile_root):
    """Every page that shows tracker data (the data-format page shows settings labels): no dialog,
    no console error, no CSP violation, no script or handler from the data, tables keep their shape.
    (plotly draws heatmaps as an SVG <image> with a data:image/png URL: that one is the library's.)"""
    pages = _tracker_pages(hostile_site)
    assert len(pages) >= 20 and hostile_site / "tracker" / "data-format.html" in pages
    for path in pages:
        url = hostile_root + path.relative_to(hostile_site).as_posix()
        page, recorder = open_recorded(browser, url, hostile_root.rstrip("/") if hostile_root.startswith("http") else None)
        page.wait_for_timeout(200)
        assert recorder.dialogs == [], path
        assert recorder.page_errors == [], path
        assert recorder.console_errors == [], path
        assert csp_violations(page) == [], path
        assert page.evaluate("() => document.querySelectorAll('title').length") == 1, path
        assert "<" not in page.title() and ">" not in page.title(), path
        body = page.inner_text("article")
        assert "49" not in body.replace("2049", ""), path
        widths = page.eval_on_selector_all(
            "article table",
            "tables => tables.map(t => { const head = t.rows[0].cells.length;"
            " return Array.from(t.rows).every(r => r.cells.length === head); })",
        )
        assert all(widths), path
        scripts = page.eval_on_selector_all("script:not([src]):not([type='application/json'])", "s => s.map(e => e.textContent.slice(0, 40))")
        assert all(text.startswith(("__md_scope", "var palette", "var tabs", "var target")) for text in scripts), (path, scripts)
        handlers = page.evaluate(
            "() => Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)"
            ".filter(a => a.name.startsWith('on') || (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name)"
            " && /^\\s*(javascript|vbscript|data):/i.test(a.value) && !/^data:image\\//.test(a.value))).map(a => a.name))"
        )
        assert handlers == [], path
        # plotly turns <a href>, <b> and <span style> in labels into SVG markup: none from the data.
        if page.locator(".hb-chart").count():
            page.wait_for_function("() => Array.from(document.querySelectorAll('.hb-chart')).every(c => c.querySelector('.main-svg'))", timeout=30_000)
        assert page.eval_on_selector_all(".hb-chart svg a, .hb-chart svg tspan[style*='bold']", "e => e.length") == 0, path
        page.context.close()
    page, _ = open_recorded(browser, hostile_root + "tracker/questions.html", None)
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


def _funnel_counts(page) -> list[int]:
    return page.evaluate("() => Array.from(document.getElementById('funnel-chart').data[0].x)")


def _sankey_labels(page) -> list[str]:
    return page.evaluate("() => Array.from(document.getElementById('sankey-chart').data[0].node.label)")


def test_browser_overview_season_filter(browser, small_site):
    page, recorder = open_recorded(browser, (small_site / "tracker" / "overview.html").as_uri(), None)
    page.wait_for_selector("#funnel-chart .main-svg", timeout=15_000)
    select = page.locator("form.hb-overview-filter select")
    assert select.is_visible()
    applied = page.locator("[data-kpi='0']")
    assert applied.inner_text() == "6" and _funnel_counts(page) == [6, 4, 3, 1, 0]

    select.select_option(label="实习")
    assert applied.inner_text() == "1"
    assert page.locator("[data-kpi='4']").inner_text() == "100.0%"
    assert _funnel_counts(page) == [1, 1, 1, 0, 0]
    assert _sankey_labels(page) == ["投递", "面试", "面试挂"]
    # Redrawn, not only re-fed: plotly's node transition ends with three nodes in the SVG.
    page.wait_for_function("() => document.querySelectorAll('#sankey-chart .sankey-node').length === 3", timeout=5_000)
    assert "实习" in page.locator("form.hb-overview-filter output").inner_text()

    select.select_option(value="")
    assert applied.inner_text() == "6" and _funnel_counts(page) == [6, 4, 3, 1, 0]
    assert "简历挂" in _sankey_labels(page)
    assert recorder.console_errors == [] and recorder.page_errors == [] and recorder.dialogs == []
    page.context.close()


def test_browser_overview_filter_with_hostile_values(browser, hostile_site):
    page, recorder = open_recorded(browser, (hostile_site / "tracker" / "overview.html").as_uri(), None)
    page.wait_for_selector("#funnel-chart .main-svg", timeout=15_000)
    options = page.eval_on_selector_all("form.hb-overview-filter option", "os => os.map(o => [o.value, o.textContent])")
    texts = [text for _, text in options]
    assert "实习" in texts and PAYLOADS[1] in texts and HOSTILE_CHOICE["seasons"] in texts
    for value, _ in options:
        page.locator("form.hb-overview-filter select").select_option(value=value)
        page.wait_for_timeout(100)
        assert page.eval_on_selector_all(".hb-chart", "els => els.every(e => e.querySelector('.main-svg'))")
    assert page.eval_on_selector_all("article img, article script:not([type='application/json'])", "e => e.length") == 0
    assert recorder.console_errors == [] and recorder.page_errors == [] and recorder.dialogs == []
    page.context.close()
