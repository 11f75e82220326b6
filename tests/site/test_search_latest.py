"""A late answer to an earlier search query must not stand in for the typed query's answer.

Over http the page posts the search box's value (empty) as soon as the worker is ready. On a
loaded machine the answer to that empty query (no results) could arrive after the test had typed
its query; Material then showed "没有找到符合条件的结果" for the typed query, and the search
helper read no results (the full-suite failure of test_browser's CSP search test over http).

Here the race is made certain: the worker script is served with a first listener that keeps the
worker busy for BUSY_MS when it gets the empty query, and the query is typed while it is busy.
The page's log shows the order (typed query posted before the empty query's answer arrived);
search-latest.js must drop that stale answer, so the result list and its message only ever show
the typed query's answer.
"""

from __future__ import annotations

import pytest

from tests.site.browsing import RESULT_META, VIOLATION_RECORDER, csp_violations, search

pytestmark = pytest.mark.browser

BUSY_MS = 5000  # long enough for the query to be typed meanwhile, even on a loaded machine
QUERY = "旋转位置编码"
NO_RESULT = "没有找到符合条件的结果"
# Prepended to the worker: blocks it for BUSY_MS on the empty query, before Material answers it.
SLOW_EMPTY_QUERY = (
    'addEventListener("message", (event) => {'
    ' if (event.data && event.data.type === 2 && event.data.data === "") {'
    f" const end = Date.now() + {BUSY_MS}; while (Date.now() < end); }}"
    "});\n"
)
# Runs before the page's scripts: logs the queries posted to the worker and the answers that
# reach the page (before search-latest.js, which derives from this class, can drop one), and
# every text the result message shows.
PAGE_LOG = """
window.__hbLog = [];
window.__hbMeta = [];
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      const { type, data } = event.data;
      if (type === 1) window.__hbLog.push("ready");
      if (type === 3) window.__hbLog.push(`answer ${data.hbQuery} ${data.items.length}${data.hbPartial ? " partial" : ""}`);
    });
  }
  postMessage(message) {
    if (message.type === 2) window.__hbLog.push(`query ${message.data}`);
    return super.postMessage(message);
  }
};
document.addEventListener("DOMContentLoaded", () => {
  const meta = document.querySelector(%r);
  new MutationObserver(() => window.__hbMeta.push(meta.textContent)).observe(meta, { childList: true, characterData: true, subtree: true });
});
""" % RESULT_META


def test_search_latest_drops_the_late_answer_to_the_empty_first_query(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script(VIOLATION_RECORDER)
    context.add_init_script(PAGE_LOG)

    def slow_worker(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=SLOW_EMPTY_QUERY + response.text())

    context.route("**/assets/javascripts/workers/search.*.min.js", slow_worker)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "kb/llm/attention.html")
    page.wait_for_function("() => window.__hbLog.includes('ready')", timeout=60_000)
    results = search(page, QUERY, site_url, timeout_ms=30_000)
    # The typed query has more than 10 results, so it gets two answers: the first pages highlighted
    # (partial), then all of them. Wait for the complete one: a wait for "two answers" could miss
    # the moment between the partial and the complete answer on a loaded machine (a flaky timeout).
    complete = f"answer {QUERY} "
    page.wait_for_function(
        f"() => window.__hbLog.some(e => e.startsWith({complete!r}) && !e.endsWith('partial'))", timeout=30_000
    )
    log = page.evaluate("() => window.__hbLog")
    count = log[-1].split()[-1]
    # The race happened: the typed query was posted before the empty query's answer came back.
    assert log == ["ready", "query ", f"query {QUERY}", "answer  0", f"answer {QUERY} {count} partial", f"answer {QUERY} {count}"]
    assert int(count) > 10
    assert len(results) >= 3
    assert NO_RESULT not in page.evaluate("() => window.__hbMeta")
    assert csp_violations(page) == [] and errors == []
    context.close()
