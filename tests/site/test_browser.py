"""The built site in real headless Chromium, opened from disk and over http."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, BuiltSite, serve_directory
from tests.site.browsing import csp_violations, open_recorded, search, wait_until_quiet

pytestmark = pytest.mark.browser

# One page of each kind: home, a Q&A page with formulas, a 手撕 page, the generated chart page
# and the tags index. The print page (6 MB, slow to load) gets the same checks in the CSP test.
PAGES = [
    "index.html",
    "kb/llm/attention.html",
    "code/scaled-dot-product-attention.html",
    "kb/coverage.html",
    "tags.html",
]


@pytest.fixture(params=["file", "http"])
def root(request: pytest.FixtureRequest, built_site: BuiltSite) -> tuple[str, str | None]:
    """(root URL of the site, the one origin it may contact) for both ways readers open it."""
    if request.param == "file":
        return built_site.path.as_uri() + "/", None
    url = request.getfixturevalue("site_url")
    return url, url.rstrip("/")


@pytest.mark.parametrize("page_path", PAGES)
def test_site_page_loads_without_external_requests_or_errors(browser, root, page_path: str) -> None:
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + page_path, origin)
    wait_until_quiet(page, recorder)
    assert page.locator("article h1:visible").count() >= 1
    assert recorder.external_requests() == []
    assert recorder.page_errors == []
    assert recorder.console_errors == []
    page.context.close()


def test_search_box_answers_from_disk_and_http(browser, root) -> None:
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + "index.html", origin)
    results = search(page, "注意力", root_url)
    assert "kb/llm/attention.html" in results[:3]
    assert recorder.external_requests() == []
    page.context.close()


def test_chart_draws_offline_and_follows_dark_mode(browser, built_site: BuiltSite) -> None:
    page, recorder = open_recorded(browser, built_site.path.as_uri() + "/kb/coverage.html", None)
    page.wait_for_selector(".hb-chart .main-svg", timeout=10_000)
    bars = page.locator(".hb-chart .bars path")
    assert bars.count() > 0
    light = page.eval_on_selector(".hb-chart .xtick text", "t => getComputedStyle(t).fill")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function(
        "before => getComputedStyle(document.querySelector('.hb-chart .xtick text')).fill !== before", arg=light
    )
    assert recorder.external_requests() == []
    assert recorder.page_errors == []
    page.context.close()


def test_chart_library_loads_only_on_chart_pages(browser, built_site: BuiltSite) -> None:
    root_url = built_site.path.as_uri() + "/"
    home, home_recorder = open_recorded(browser, root_url + "index.html", None)
    chart, chart_recorder = open_recorded(browser, root_url + "kb/coverage.html", None)
    assert not any(url.endswith("plotly.min.js") for url in home_recorder.requests)
    assert any(url.endswith("assets/vendor/plotly.min.js") for url in chart_recorder.requests)
    home.context.close()
    chart.context.close()


def test_math_renders_as_mathml_with_the_bundled_font(browser, built_site: BuiltSite) -> None:
    page, recorder = open_recorded(browser, built_site.path.as_uri() + "/kb/llm/attention.html", None)
    wait_until_quiet(page, recorder)
    display = page.locator(".hb-math-display math").first
    box = display.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 15
    assert page.evaluate("document.fonts.check('16px \"STIX Two Math\"')")
    assert any(url.endswith("assets/vendor/stix-two-math.woff2") for url in recorder.requests)
    page.context.close()


def test_screenshots_of_home_knowledge_and_tracker_pages(browser, built_site: BuiltSite) -> None:
    """Screenshots for the README (copied to .github/screenshots/ when they change)."""
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    root_url = built_site.path.as_uri() + "/"
    shots = [
        ("home", "index.html", None),
        ("kb-attention", "kb/llm/attention.html", None),
        ("tracker-overview", "tracker/overview.html#sankey", ".hb-chart .main-svg"),
    ]
    for name, path, wait_for in shots:
        page, recorder = open_recorded(browser, root_url + path, None)
        wait_until_quiet(page, recorder)
        if wait_for:
            page.wait_for_selector(wait_for)
        target = out / f"{name}.png"
        page.screenshot(path=str(target))
        assert target.stat().st_size > 20_000  # a blank page compresses to a few KB
        assert recorder.page_errors == []
        page.context.close()
    page, recorder = open_recorded(browser, root_url + "tracker/companies/index.html", None)
    page.click("article a:text-is('字节跳动')")
    wait_until_quiet(page, recorder)
    assert page.locator("article h1").inner_text().startswith("字节跳动")
    page.screenshot(path=str(out / "tracker-company.png"))
    page.context.close()


def test_offline_page_paths_are_relative(built_site: BuiltSite) -> None:
    """use_directory_urls is off, so every page is a .html file that opens from disk."""
    assert (built_site.path / "kb" / "llm" / "attention.html").is_file()
    assert not (built_site.path / "kb" / "llm" / "attention" / "index.html").exists()
    assert Path(built_site.path / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index")


def _highlighted_terms(page, query: str, root_url: str) -> str:
    """The terms Material searched for, as it writes them into the result links' ?h= parameter."""
    search(page, query, root_url)
    href = page.eval_on_selector(".md-search-result__item > a.md-search-result__link", "a => a.href")
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(href).query).get("h", [""])[0]


def test_search_patch_keeps_the_last_word_of_a_chinese_query(browser, built_site: BuiltSite, tmp_path: Path) -> None:
    """相对位置编码: the word ending at the last character (位置编码) is searched, not cut to 位置.

    The query is not a glossary term (data/glossary.yaml): the glossary's own query rewrite
    (tools/site/search_query.js) cuts those before Material's segmentation sees them.

    The same query on a copy of the site with Material's original worker shows what the patch
    fixes, so this test fails if the patch stops working.
    """
    import shutil

    import material

    patched_url = built_site.path.as_uri() + "/"
    page, _ = open_recorded(browser, patched_url + "index.html", None)
    assert "位置编码" in _highlighted_terms(page, "相对位置编码", patched_url).split()
    page.context.close()

    original = tmp_path / "original"
    shutil.copytree(built_site.path, original)
    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    for worker in workers.glob("search.*.min.js"):
        shutil.copy(worker, original / "assets" / "javascripts" / "workers" / worker.name)
    original_url = original.as_uri() + "/"
    page, _ = open_recorded(browser, original_url + "index.html", None)
    assert "位置编码" not in _highlighted_terms(page, "相对位置编码", original_url).split()
    page.context.close()


# Every page template: home, a KB page with formulas, a 手撕 page, dashboards with charts and
# filters, a company page, the chart page of the KB, the data-format page and the print page.
CSP_PAGES = [
    "index.html",
    "kb/llm/attention.html",
    "code/scaled-dot-product-attention.html",
    "tracker/overview.html",
    "tracker/board.html",
    "tracker/companies/c-702c213f.html",
    "tracker/data-format.html",
    "kb/coverage.html",
    "print_page.html",
]


@pytest.mark.parametrize("page_path", CSP_PAGES)
def test_csp_every_template_runs_without_a_violation(browser, root, page_path: str) -> None:
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + page_path, origin)
    wait_until_quiet(page, recorder)
    if page.locator(".hb-chart").count():
        page.wait_for_function("() => Array.from(document.querySelectorAll('.hb-chart')).every(c => c.querySelector('.main-svg'))")
    policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert policy and "script-src 'self' 'sha256-" in policy and "object-src 'none'" in policy
    # The theme's hashed inline scripts ran (they define __md_get), so nothing needed was blocked.
    assert page.evaluate("() => typeof __md_get") == "function"
    assert csp_violations(page) == []
    assert recorder.console_errors == [] and recorder.page_errors == []
    assert recorder.external_requests() == []
    assert page.locator("article h1:visible").count() >= 1
    page.context.close()


def test_csp_search_returns_results_without_a_violation(browser, root) -> None:
    # Over http this once found nothing on a loaded machine: a late answer to the empty query
    # posted when the worker got ready was shown for the typed one (test_search_latest.py).
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + "kb/llm/attention.html", origin)
    results = search(page, "旋转位置编码", root_url)
    assert len(results) >= 3
    assert page.locator(".md-search-result__item").count() > 0
    assert csp_violations(page) == []
    assert recorder.console_errors == [] and recorder.page_errors == []
    page.context.close()


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_csp_blocks_a_script_injected_into_a_page(browser, built_site: BuiltSite, tmp_path: Path, scheme: str) -> None:
    """A copy of a built page with an inline script, an event handler and a javascript: link added
    to its article, as an escaping failure would write them: none of them runs."""
    import shutil

    site = shutil.copytree(built_site.path, tmp_path / "site")
    page_file = site / "kb" / "llm" / "attention.html"
    html = page_file.read_text(encoding="utf-8")
    injected = (
        "<script>window.__injected = 'script'; alert(1)</script>"
        "<img src='missing.png' onerror=\"window.__injected = 'handler'\">"
        "<a id='hb-js-link' href=\"javascript:window.__injected = 'link'\">x</a>"
    )
    page_file.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")
    with serve_directory(site) as url:
        root_url, origin = (site.as_uri() + "/", None) if scheme == "file" else (url, url.rstrip("/"))
        page, recorder = open_recorded(browser, root_url + "kb/llm/attention.html", origin)
        wait_until_quiet(page, recorder)
        page.click("#hb-js-link")
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__injected") is None
        assert recorder.dialogs == []
        violations = csp_violations(page)
        assert sorted({v.split(" ")[0] for v in violations}) == ["script-src-attr", "script-src-elem"]
        assert len(violations) == 3  # the script, the handler and the link
        assert page.evaluate("() => typeof __md_get") == "function"  # the theme itself still runs
        page.context.close()


# The article's last paragraph with a formula, and whether that formula is rendered now
# (false while its block is skipped by content-visibility: auto, see extra.css).
_LAST_FORMULA_BLOCK = """() => {
  const blocks = [...document.querySelectorAll(".md-content__inner > p")].filter((p) => p.querySelector("math"));
  return blocks[blocks.length - 1];
}"""
_LAST_FORMULA_RENDERED = f"() => ({_LAST_FORMULA_BLOCK})().querySelector('math').checkVisibility({{ contentVisibilityAuto: true }})"


def test_article_blocks_far_below_the_screen_are_rendered_only_when_near(browser, built_site: BuiltSite) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto(built_site.path.as_uri() + "/kb/llm/attention.html", wait_until="load")
    assert page.evaluate(_LAST_FORMULA_RENDERED) is False
    page.evaluate(f"() => {{ ({_LAST_FORMULA_BLOCK})().scrollIntoView(); }}")
    page.wait_for_function(_LAST_FORMULA_RENDERED, timeout=5000)
    page.close()


def test_article_link_to_a_late_heading_lands_on_it(browser, built_site: BuiltSite) -> None:
    """Blocks above the heading are only estimated (4em each) until seen; the jump must still land."""
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto(built_site.path.as_uri() + "/kb/llm/attention.html#pitfalls", wait_until="load")
    page.wait_for_timeout(300)
    top = page.evaluate('() => document.getElementById("pitfalls").getBoundingClientRect().top')
    assert 0 <= top < 150, top
    page.close()


def test_article_block_clip_leaves_room_for_a_focused_links_outline(browser, built_site: BuiltSite) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto(built_site.path.as_uri() + "/kb/llm/attention.html", wait_until="load")
    link = page.locator(".md-content__inner > p a[href]").first
    link.focus()
    room = page.evaluate(
        """(link) => {
          const block = link.closest(".md-content__inner > p"), own = getComputedStyle(block), ring = getComputedStyle(link);
          return [own.contentVisibility, parseFloat(own.overflowClipMargin),
                  parseFloat(ring.outlineWidth) + parseFloat(ring.outlineOffset), link.matches(":focus")];
        }""",
        link.element_handle(),
    )
    visibility, clip_margin, ring, focused = room
    assert (visibility, focused) == ("auto", True)
    assert clip_margin >= ring > 0, room
    page.close()


def test_search_index_script_is_preloaded_from_disk_and_read_once(browser, root) -> None:
    """iframe-worker.js asks for search/search_index.js at the top of <head> (file:// only); the
    <script> Material adds later must take that same load, not read the 3.5 MB again."""
    root_url, allowed = root
    page, recorder = open_recorded(browser, root_url + "kb/llm/attention.html", allowed)
    assert search(page, "注意力", root_url)[:1] == ["kb/llm/attention-variants.html"]
    preloads = page.evaluate('() => [...document.querySelectorAll("link[rel=preload]")].map((l) => [l.as, l.href])')
    index_reads = [url for url in recorder.requests if url.split("?")[0].endswith("search/search_index.js")]
    page.context.close()
    if allowed is None:  # file://
        assert preloads == [["script", root_url + "search/search_index.js"]]
        assert index_reads == [root_url + "search/search_index.js"]
    else:  # http: Material reads search_index.json
        assert (preloads, index_reads) == ([], [])
