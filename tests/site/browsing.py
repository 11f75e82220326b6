"""Helpers for browser tests: record what a page requests and use Material's search box."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

SEARCH_INPUT = ".md-search__input"
RESULT_META = ".md-search-result__meta"
RESULT_LINKS = ".md-search-result__item > a.md-search-result__link"
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
PAGE_TIMEOUT_MS = 120_000
# Runs before any script of the page: keeps every Content-Security-Policy violation it reports.
VIOLATION_RECORDER = """
window.__hbViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__hbViolations.push(`${e.effectiveDirective} ${e.blockedURI} ${(e.sample || "").slice(0, 80)}`);
});
"""


@dataclass
class Recorder:
    """Everything a page did that a test may want to assert on."""

    allowed_origin: str | None  # e.g. "http://127.0.0.1:8000"; None for file://
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)  # requests sent and not yet finished or failed

    def external_requests(self) -> list[str]:
        external = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if self.allowed_origin and f"{parts.scheme}://{parts.netloc}" == self.allowed_origin:
                continue
            external.append(url)
        return external


def open_recorded(browser, url: str, allowed_origin: str | None, color_scheme: str = "light", init_script: str = ""):
    """A new page that records requests, console errors, page errors and dialogs, opened at ``url``;
    ``init_script`` runs before the page's own scripts.

    ``color_scheme="dark"`` makes the browser prefer dark; the site's automatic palette then
    shows Material's slate scheme.
    """
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", color_scheme=color_scheme
    )
    # The print page holds the whole handbook (~8 s to load on an idle 2-core machine); a busy
    # CI machine needs more than Playwright's default 30 s. Failures still fail, just later.
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    recorder = record(page, allowed_origin)
    if init_script:
        page.add_init_script(init_script)
    page.goto(url, wait_until="load")
    return page, recorder


def record(page, allowed_origin: str | None) -> Recorder:
    """Start recording what ``page`` requests and reports (before it opens anything)."""
    recorder = Recorder(allowed_origin)
    page.on("request", lambda request: (recorder.requests.append(request.url), recorder.pending.add(request.url)))
    page.on("requestfinished", lambda request: recorder.pending.discard(request.url))
    page.on("requestfailed", lambda request: recorder.pending.discard(request.url))
    page.on("console", lambda message: message.type == "error" and recorder.console_errors.append(message.text))
    page.on("pageerror", lambda error: recorder.page_errors.append(str(error)))

    def on_dialog(dialog) -> None:
        recorder.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(VIOLATION_RECORDER)
    return recorder


def csp_violations(page) -> list[str]:
    """Content-Security-Policy violations the page (top frame) reported so far."""
    return page.evaluate("() => window.__hbViolations || []")


def wait_until_quiet(page, recorder: Recorder, quiet_ms: int = 750, timeout_ms: int = PAGE_TIMEOUT_MS) -> None:
    """Wait until no request is in flight and none starts for ``quiet_ms``.

    Playwright's own "networkidle" never fired for the print page (260,000 DOM nodes) in a
    browser that had opened other pages first, although no request was pending; this uses
    the requests the page actually made.
    """
    waited, step = 0, 250
    seen, quiet = len(recorder.requests), 0
    while quiet < quiet_ms:
        if waited > timeout_ms:
            raise TimeoutError(f"requests still in flight after {timeout_ms} ms: {sorted(recorder.pending)}")
        page.wait_for_timeout(step)
        waited += step
        busy = recorder.pending or len(recorder.requests) != seen
        seen = len(recorder.requests)
        quiet = 0 if busy else quiet + step


def search(page, query: str, root_url: str, timeout_ms: int = 10_000) -> list[str]:
    """Type ``query`` into the real search box; return result page paths (site-relative, in order).

    Playwright's insert_text sends no keyup and Material searches on keyup, so End is pressed
    after typing. The previous results are cleared first so that a stale list is never read.
    """
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill("")
    page.keyboard.press("End")
    page.wait_for_function(
        "sel => !document.querySelector(sel) || document.querySelectorAll(sel).length === 0",
        arg=RESULT_LINKS,
        timeout=timeout_ms,
    )
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_function(
        """([meta, links]) => {
            const text = document.querySelector(meta)?.textContent || "";
            return document.querySelectorAll(links).length > 0 || text.includes("没有找到");
        }""",
        arg=[RESULT_META, RESULT_LINKS],
        timeout=timeout_ms,
    )
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    pages: list[str] = []
    for href in hrefs:
        path = site_path(href, root_url)
        if path not in pages:
            pages.append(path)
    return pages


def site_path(href: str, root_url: str) -> str:
    """The page of a result link relative to the site root, without query and fragment.

    >>> site_path("file:///tmp/my%20site/kb/a.html?h=q#s", "file:///tmp/my%20site/")
    'kb/a.html'
    """
    path = unquote(urlsplit(href).path)
    root = unquote(urlsplit(root_url).path)
    return path[len(root):] if path.startswith(root) else path
