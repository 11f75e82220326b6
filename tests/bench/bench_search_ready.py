"""Benchmark (not a test): how long after navigation the first search result is on screen.

    .venv/bin/python tests/bench/bench_search_ready.py [--site SITE_DIR] [--runs N]

Without ``--site`` the site is built first (``mkdocs build --strict`` into a temporary folder).
For each way of opening the site (``file://``, then http from a loopback server) and each run:

- **first visit**: a fresh browser context (empty profile: no HTTP cache, no IndexedDB) opens a
  KB page, the query is typed as soon as Material's script is running, and the time from the
  navigation's start (``performance.timeOrigin``) to the first result link in the DOM is taken
  from a MutationObserver inside the page;
- **next page**: in the same context, another KB page is opened and the same is measured.

The page's own clock is used, so Playwright's round trips do not count. Prints the median and
all runs; asserts nothing.

Figures, 2026-12-03, 162-page site (search_index.js 3.53 MB; lunr_index.js 2.90 MB), query
注意力 (333 results), Chromium 156 headless, 5 runs per cell, sites taking turns run by run.
The 2-core machine was shared with six other jobs (load average 12-15; a site build ran during
part of it), which slows every figure several times over: the issue measured 1.7 s for
"before, file:// first visit" on a quiet machine, 11.3 s here. Read the ratios, and measure
again on a quiet machine for absolute figures.

========================  =================  =====================  ======
median (ms)               before (rebuild)   after (build-time)     ratio
========================  =================  =====================  ======
file:// first visit       11267              6111                   1.8x
file:// next page         12847              4725                   2.7x
http first visit          15549              6913                   2.2x
http next page            12405              3865                   3.2x
========================  =================  =====================  ======

Runs (ms). Before: file:// first 10946 13333 13770 11267 11234; next 9719 14715 13832 8405
12847; http first 12950 15549 18107 17176 11336; next 12679 11810 16794 12405 11978. After:
file:// first 5862 7272 6111 5762 6967; next 5512 5199 4267 3588 4725; http first 7765 6957
6324 4754 6913; next 3865 5413 6171 3049 3612. (An earlier run, before field vectors were made
on demand, gave after/before medians 7185/13165, 4643/17778, 4959/14138, 4171/13342.)

Where the "after" time goes (one file:// first visit under the same load, page clock): the
worker's script starts ~2.3 s after navigation (page load), term positions for the 333 results
take ~1.2 s, and Material's own highlighting, messaging and rendering of the results most of
the rest; assembling the index took ~1.0 s before field vectors were made on demand. In node on
the same machine, assembling takes 0.5-1.0 s against ~14 s for the worker's own build.

Re-measured on an idle machine (load average under 1 before the run), 2026-12-03, main at the
merge of this work, 5 runs each, median: file:// first visit 2161 ms (1962-2333), next page
1562 ms (1383-1686); http first visit 2271 ms, next page 1477 ms. The issue's targets (1.0 s
and 0.5 s from file://) are not met on this 257-page site with this query (333 results).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.conftest import BROWSER_ARGS, CHROMIUM, serve_directory  # noqa: E402

FIRST_PAGE = "kb/llm/attention.html"
NEXT_PAGE = "kb/llm/positional-encoding.html"
QUERY = "注意力"
RESULT = ".md-search-result__item > a.md-search-result__link"
# Runs before the page's scripts: notes when the first result link appears.
OBSERVER = """
window.__hbFirstResult = null;
new MutationObserver((records, observer) => {
  if (document.querySelector(%r)) {
    window.__hbFirstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
""" % RESULT
# --breakdown: notes when Material's script runs and when each message between page and worker
# is posted and received (Worker is wrapped, including the file:// stand-in iframe-worker.js
# installs later).
PROBE = """
(() => {
  const log = (window.__hbLog = []);
  const at = (name) => log.push([name, performance.now()]);
  let component;
  Object.defineProperty(window, "component$", {
    configurable: true,
    get() { return component; },
    set(value) { if (component === undefined) at("Material's script running"); component = value; },
  });
  const kinds = { 0: "setup", 1: "ready", 2: "query", 3: "results" };
  // Wraps once: the class search-latest.js derives from the wrapped one is left as it is.
  const wrap = (Base) => !Base || Base.hbProbe ? Base : class extends Base {
    static hbProbe = true;
    constructor(...args) {
      super(...args);
      at("worker created");
      this.addEventListener("message", (event) => at(kinds[event.data.type] + " received by the page"));
    }
    postMessage(data) {
      at(kinds[data.type] + " posted by the page");
      super.postMessage(data);
    }
  };
  let worker = wrap(window.Worker);
  Object.defineProperty(window, "Worker", { configurable: true, get() { return worker; }, set(v) { worker = wrap(v); } });
})();
"""
# After the first result: the page's log and resource timings, and for file:// the worker
# iframe's resource timings and marks (search-prebuilt.js), moved to the page's clock.
COLLECT = """() => {
  const rows = window.__hbLog.map(([name, t]) => [t, name]);
  const scripts = (perf, shift, where) => {
    for (const e of perf.getEntriesByType("resource")) {
      const file = e.name.split("/").pop().split("?")[0];
      if (/\\.js$/.test(file)) rows.push([e.responseEnd + shift, `${where}${file} loaded`]);
    }
    for (const e of perf.getEntriesByType("mark")) {
      if (e.name.startsWith("hb:")) rows.push([e.startTime + shift, `${where}mark ${e.name}`]);
    }
  };
  scripts(performance, 0, "");
  const frame = document.querySelector("iframe[title=worker]");
  if (frame) {
    const perf = frame.contentWindow.performance;
    scripts(perf, perf.timeOrigin - performance.timeOrigin, "worker: ");
  }
  rows.push([window.__hbFirstResult, "first result in the DOM"]);
  return rows.sort((a, b) => a[0] - b[0]);
}"""


def time_to_first_result(page, url: str, query: str = QUERY) -> float:
    """Milliseconds from the start of the navigation to ``url`` to the first result link.

    The query is typed once Material's bundle has set up its observables (``component$``), so the
    keyup is seen; Material keeps the query and answers it when the worker is ready.
    """
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => typeof window.component$ !== 'undefined'", timeout=60_000, polling=10)
    box = page.locator(".md-search__input")
    box.focus()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_function("() => window.__hbFirstResult !== null", timeout=60_000, polling=10)
    return float(page.evaluate("() => window.__hbFirstResult"))


def measure(browser, roots: list[str], runs: int) -> list[tuple[list[float], list[float]]]:
    """(first-visit times, next-page times) per site root, each over ``runs`` fresh contexts.

    Sites take turns run by run, so a load that comes and goes on the machine hits them alike.
    """
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in roots]
    for _ in range(runs):
        for root, (first, following) in zip(roots, times):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            context.add_init_script(OBSERVER)
            page = context.new_page()
            first.append(time_to_first_result(page, root + FIRST_PAGE))
            following.append(time_to_first_result(page, root + NEXT_PAGE))
            context.close()
    return times


def breakdown(browser, root: str) -> list[tuple[float, str]]:
    """One first visit and one next page with the probe: (page-clock ms, event) rows of each."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script(OBSERVER)
    context.add_init_script(PROBE)
    page = context.new_page()
    rows = []
    for path in (FIRST_PAGE, NEXT_PAGE):
        time_to_first_result(page, root + path)
        rows.append([(float(t), str(name)) for t, name in page.evaluate(COLLECT)])
    context.close()
    return rows


def _breakdown_table(runs: list[list[tuple[float, str]]]) -> str:
    """Each event's median time over the runs, in the order of the first run; an event seen
    more than once in a run is numbered (#2, #3)."""
    per_run = []
    for rows in runs:
        seen: dict[str, int] = {}
        named = {}
        for t, name in rows:
            seen[name] = seen.get(name, 0) + 1
            named[name if seen[name] == 1 else f"{name} #{seen[name]}"] = t
        per_run.append(named)
    lines = []
    for name in per_run[0]:
        times = [named[name] for named in per_run if name in named]
        lines.append(f"  {statistics.median(times):7.0f}  {name}   ({' '.join(f'{t:.0f}' for t in times)})")
    return "\n".join(lines)


def _line(label: str, times: list[float]) -> str:
    runs = " ".join(f"{t:.0f}" for t in times)
    return f"  {label:22} median {statistics.median(times):6.0f} ms   runs: {runs}"


def build(destination: Path) -> None:
    """``mkdocs build --strict`` of this worktree into ``destination``."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(destination)],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, action="append", help="a built site; repeat to compare (default: build one now)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--breakdown", action="store_true", help="print where the time goes, from file://, instead")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        sites = args.site
        if not sites:
            sites = [Path(scratch) / "site"]
            build(sites[0])
        sites = [site.resolve() for site in sites]
        for site in sites:
            index = site / "search" / "search_index.js"
            prebuilt = site / "search" / "lunr_index.js"
            print(f"site {site}: search_index.js {index.stat().st_size / 1e6:.2f} MB, "
                  f"lunr_index.js {prebuilt.stat().st_size / 1e6 if prebuilt.exists() else 0:.2f} MB")
        print(f"query {QUERY!r}, {args.runs} runs")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
            if args.breakdown:
                for site in sites:
                    breakdown(browser, site.as_uri() + "/")  # warm the OS file cache
                    runs = [breakdown(browser, site.as_uri() + "/") for _ in range(args.runs)]
                    for i, label in enumerate(("first visit", "next page")):
                        print(f"{site} file:// {label}, median of {args.runs} runs (ms)")
                        print(_breakdown_table([run[i] for run in runs]))
                browser.close()
                return
            measure(browser, [site.as_uri() + "/" for site in sites], 1)  # warm the OS file cache; not counted
            results = measure(browser, [site.as_uri() + "/" for site in sites], args.runs)
            with contextlib.ExitStack() as stack:
                roots = [stack.enter_context(serve_directory(site)) for site in sites]
                results_http = measure(browser, roots, args.runs)
            browser.close()
        for site, (first, following), (first_http, following_http) in zip(sites, results, results_http):
            print(f"{site}")
            print(_line("file:// first visit", first))
            print(_line("file:// next page", following))
            print(_line("http first visit", first_http))
            print(_line("http next page", following_http))


if __name__ == "__main__":
    main()
