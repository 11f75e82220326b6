"""Benchmark (not a test): a page's own start-up from file://, up to Material's script running.

    .venv/bin/python tests/bench/bench_page_startup.py [--site SITE_DIR ...] [--runs N] [--trace N]

Without ``--site`` the site is built first (``mkdocs build --strict`` into a temporary folder);
repeat ``--site`` to compare builds (sites take turns run by run, so a load that comes and goes
on the machine hits them alike). Each run opens a fresh browser context (empty profile), visits
a KB page ("first visit") and then a second KB page in the same context ("next page"), and reads
the page's own clock (ms from the navigation's start):

- ``html received``: the navigation entry's responseEnd (the whole HTML file read);
- ``first paint``: first-contentful-paint;
- ``Material running``: Material's bundle has set ``window.component$`` (the search component is
  mounted then; the search of tests/bench/bench_search_ready.py starts from there);
- ``DOMContentLoaded``: after the scripts behind the bundle (extra_javascript) have run.

Prints the median and all runs of each. From file:// Chromium records no resource timings, so
``--trace N`` adds N traced runs per site (Chromium's timeline categories, through Playwright's
``browser.start_tracing``) and prints the CPU time of the page's main thread from navigation to
Material running, by kind of work (style, layout, paint, HTML parsing, each script, ...), and
the wall time the main thread spent waiting with nothing to do (file loads, other processes).
Tracing slows the page, so its times are not comparable with the untraced ones.

Findings, 2026-12-03 13:45-14:35 (issue 16 item 2). The machine was NOT idle: 2 cores, load
average 5-16 (other helpers' builds and browser tests), so wall times are inflated 2-3x and
vary 2x run to run; the traced CPU times move far less with the load and carry the comparisons.
Site: this branch (= main b22f3e3), kb/llm/attention.html (2984 elements, 1975 of them MathML in
198 formulas, 484 in the left navigation, 341 other content) then kb/llm/positional-encoding.html.

Untraced, 7 runs (14:17-14:26, load 7-9), median ms from navigation start:

===============  ==========  ===========  ================  ================
visit            html read   first paint  Material running  DOMContentLoaded
===============  ==========  ===========  ================  ================
first visit      17          388          1600              2405
next page        12          368          1132              1484
===============  ==========  ===========  ================  ================

Traced, 4 runs, main-thread CPU from navigation to Material running, median ms (first visit /
next page): total 594 / 523; before the bundle: layout 156 / 120, style 69 / 60, paint 42 / 38,
HTML parsing 25 / 26, CSS parsing 6 / 7, tasks and loading 51 / 71, the inline palette script
3 / 4, iframe-worker.js + search-latest.js under 1; inside Material's bundle: style 143 / 147,
the script itself (compile + run) 68 / 32, layout 3 / 3. The main thread waited idle for files
only 33 / 129 ms: start-up is CPU-bound, not load-bound.

Where the style and layout come from (the trace's invalidation tracking):

- before the bundle, the first render (style for ~2450 elements, layout of ~3700 objects) and a
  second style + layout pass (~1400 elements, ~2600 objects) when the math font arrives
  (stix-two-math.woff2, font-display: swap). Every page pays the second pass: each page gets a
  fresh renderer and file:// has no HTTP cache.
- inside the bundle, four full-document style recalcs (~2690 elements each), all forced by
  Material reading layout after its own writes: (1) the focus-visible polyfill and the no-js ->
  js switch change <html>'s class ("all descendants might be invalid"); (2) and (4) the palette
  component appends <meta name="color-scheme"> and then sets its content (each a platform
  colour change); (3) after it toggles `hidden` on the palette labels and the search list.

Tried, each as a copy of the built site with only the two pages (and one asset) changed, sites
taking turns, 7 untraced + 4 traced runs each (14:17-14:26, load 7-9); "CPU" is the traced
median (first visit / next page), base 594 / 523 ms, wall "Material running" base 1600 / 1132:

=============================================  ============  ============  ====================
change                                         CPU (ms)      wall (ms)     verdict
=============================================  ============  ============  ====================
no math at all (diagnostic only)               385 / 254     1041 / 956    math is 35-50 % of it
polyfills moved from <head> to the bundle      699 / 501     1510 / 1002   no gain beyond noise
print-site CSS and JS left out                 704 / 469     1722 / 1108   no gain
the 5 small stylesheets merged into one        506 / 472     1714 / 1310   no clear gain
MathML <annotation> (TeX) left out             604 / 508     1590 / 1162   no gain
inline palette script left out (localStorage)  615 / 525     1286 / 1117   no clear gain
=============================================  ============  ============  ====================

- Preloading the math font cannot work from file://: with ``crossorigin`` Chromium blocks it
  ("Cross origin requests are only supported for protocol schemes: ... http, https"), without
  it the preload is not used (credentials mode differs) and the font is read twice.
- The font as a data: URL in extra.css (would need ``font-src data:`` in the CSP, +91 KB in
  every page's CSS) still swapped after the first layout on a first visit: not kept.
- Setting <html class="js-focus-visible js"> and data-js-focus-visible from a tiny script at
  the top of <head> (what Material's bundle sets, set before the first render, so its own
  writes change nothing) removes recalc (1): in-bundle style on the next page 131 -> 106 ms,
  total CPU 552 -> 488 (first) and 470 -> 460 (next), 9 + 5 runs at load 9-16, the wall times
  not distinguishable from noise. Not committed: a gain of ~5 % of the CPU, and the first paint
  before the bundle would show the JS layout (search button) instead of the no-JS one.

What is left is Material's own work and the page's math: the other three forced recalcs come
from the palette component, and MathML (two thirds of a KB page's elements) is laid out and
restyled in each of the six full passes. Nothing in <head> blocks measurably.

Kept (s27, 69293f1): content-visibility: auto on the article's plain top-level blocks (p, ul, ol,
table, details, blockquote; extra.css says why display formulas and pop-up blocks are left out),
so blocks below the screen are not styled, laid out or painted until they come near it. Idle
machine (at the slower of its two speeds that afternoon, see bench_search_ready.py), paired
(2026-12-03 17:09, load average 1.0 -> 3.2 from this run alone, 7 runs per site,
sites taking turns), before = a build of main 3e01490, after = the same build with only extra.css
changed (what 69293f1 commits), median ms from navigation start:

===============  ==================  ==================  ==================  ==================
visit            first paint         Material running    DOMContentLoaded    traced CPU to MR
===============  ==================  ==================  ==================  ==================
first visit      284 -> 264          780 -> 622          1040 -> 855         356 -> 356
next page        288 -> 252          489 -> 399          637 -> 532          396 -> 333
===============  ==================  ==================  ==================  ==================

Runs, Material running: before, first 831 745 867 857 642 678 780, next 456 489 498 582 559 365
414; after, first 840 547 736 584 764 622 572, next 434 399 395 389 421 453 364. An earlier pair
at load ~2 gave 1155 -> 743 (first) and 618 -> 529 (next); one under load 4-5 with 3 traced runs,
traced CPU 537 -> 397 ms (first visit). The traced medians of 3 above move with single runs.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.bench.bench_search_ready import FIRST_PAGE, NEXT_PAGE, build  # noqa: E402
from tests.conftest import BROWSER_ARGS, CHROMIUM  # noqa: E402

# Runs before the page's scripts: a user-timing mark when Material's bundle sets component$,
# its last statement (the same signal as bench_search_ready.py's PROBE).
MARK = """
(() => {
  let component;
  Object.defineProperty(window, "component$", {
    configurable: true,
    get() { return component; },
    set(value) { if (component === undefined) performance.mark("hb:material"); component = value; },
  });
})();
"""
READ = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const mark = performance.getEntriesByName("hb:material")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    "html received": nav.responseEnd,
    "first paint": paint ? paint.startTime : null,
    "Material running": mark ? mark.startTime : null,
    "DOMContentLoaded": nav.domContentLoadedEventEnd,
  };
}"""
METRICS = ("html received", "first paint", "Material running", "DOMContentLoaded")
VISITS = (("first visit", FIRST_PAGE), ("next page", NEXT_PAGE))
# Timeline categories; the disabled-by-default one gives the CPU time of each task.
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8.execute"]
# Trace event -> kind of work; nested events inherit the kind of the innermost named ancestor.
KINDS = {
    "ParseHTML": "parse HTML",
    "ParseAuthorStyleSheet": "parse CSS",
    "UpdateLayoutTree": "style",
    "Layout": "layout",
    "PrePaint": "paint",
    "Paint": "paint",
    "Commit": "paint",
    "FrameLoader::CommitNavigation": "commit navigation",
    "FunctionCall": "script (callbacks)",
    "TimerFire": "script (callbacks)",
    "EventDispatch": "script (callbacks)",
}


# Work done while Material's bundle is being evaluated (its own script and what it forces).
BUNDLE = "in Material's bundle: "


def _open(page, url: str) -> dict[str, float | None]:
    """Navigates to ``url``, waits for Material's bundle and DOMContentLoaded, returns READ."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => performance.getEntriesByName('hb:material').length > 0", timeout=60_000, polling=10)
    page.wait_for_function("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd > 0",
                           timeout=60_000, polling=10)
    return page.evaluate(READ)


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script(MARK)
    return context, context.new_page()


def measure(browser, roots: list[str], runs: int) -> list[dict[str, dict[str, list[float]]]]:
    """Per site: visit label -> metric -> one value per run."""
    results = [{label: collections.defaultdict(list) for label, _ in VISITS} for _ in roots]
    for _ in range(runs):
        for root, result in zip(roots, results):
            context, page = _new_page(browser)
            for label, path in VISITS:
                for metric, value in _open(page, root + path).items():
                    if value is not None:
                        result[label][metric].append(float(value))
            context.close()
    return results


def main_thread_cpu(events: list[dict]) -> tuple[collections.Counter, float, float]:
    """(CPU ms by kind, wall ms, idle ms) of the page's main thread, from the navigation's start
    to the ``hb:material`` mark, from one trace (the last navigation with that mark)."""
    mark = [e for e in events if e.get("name") == "hb:material"][-1]
    starts = [e for e in events if e.get("name") == "navigationStart" and e["pid"] == mark["pid"]
              and e["ts"] <= mark["ts"] and (e.get("args", {}).get("data") or {}).get("documentLoaderURL", "").startswith("file:")]
    start = starts[-1]
    t0, t1, thread = start["ts"], mark["ts"], (start["pid"], start["tid"])
    spans = sorted((e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) == thread and t0 <= e["ts"] <= t1),
                   key=lambda e: (e["ts"], -e.get("dur", 0)))
    cpu: collections.Counter = collections.Counter()
    stack: list[list] = []  # [event, kind, CPU of its children]

    def close(until: float) -> None:
        while stack and stack[-1][0]["ts"] + stack[-1][0].get("dur", 0) <= until:
            event, kind, children = stack.pop()
            cpu[kind] += (event.get("tdur", 0) - children) / 1000
            if stack:
                stack[-1][2] += event.get("tdur", 0)

    busy_until, busy = t0, 0.0
    for event in spans:
        close(event["ts"])
        if not stack:  # a top-level task: count the wall time it covers
            end = min(event["ts"] + event.get("dur", 0), t1)
            busy += max(0, end - max(event["ts"], busy_until))
            busy_until = max(busy_until, end)
        parent = stack[-1][1] if stack else "other (tasks, loading, IPC)"
        inside = parent.startswith(BUNDLE)
        if event["name"] == "EvaluateScript":
            url = (event.get("args", {}).get("data") or {}).get("url", "")
            kind = BUNDLE + "script" if "/bundle." in url else "script " + url.rsplit("/", 1)[-1]
        elif event["name"] in KINDS:
            kind = (BUNDLE if inside else "") + KINDS[event["name"]]
        else:
            kind = parent
        stack.append([event, kind, 0])
    close(float("inf"))
    wall = (t1 - t0) / 1000
    return cpu, wall, wall - busy / 1000


def _traced_visit(browser, root: str, label: str, path: str) -> tuple[collections.Counter, float, float]:
    context, page = _new_page(browser)
    if label == "next page":
        _open(page, root + FIRST_PAGE)
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    _open(page, root + path)
    data = browser.stop_tracing()
    context.close()
    events = json.loads(data)
    return main_thread_cpu(events["traceEvents"] if isinstance(events, dict) else events)


def trace(browser, roots: list[str], runs: int) -> list[dict[str, list[tuple[collections.Counter, float, float]]]]:
    """Per site: visit label -> main_thread_cpu of each of ``runs`` traced runs (sites take turns)."""
    tables: list[dict] = [{label: [] for label, _ in VISITS} for _ in roots]
    for _ in range(runs):
        for root, table in zip(roots, tables):
            for label, path in VISITS:
                table[label].append(_traced_visit(browser, root, label, path))
    return tables


def _print_trace(table: dict[str, list[tuple[collections.Counter, float, float]]]) -> None:
    for label, runs in table.items():
        if not runs:
            continue
        kinds = sorted({k for cpu, _, _ in runs for k in cpu}, key=lambda k: -statistics.median(t[0][k] for t in runs))
        totals = [sum(cpu.values()) for cpu, _, _ in runs]
        print(f"  traced {label}, median of {len(runs)}: wall {statistics.median(t[1] for t in runs):.0f} ms to Material "
              f"running, main thread idle {statistics.median(t[2] for t in runs):.0f} ms, "
              f"CPU {statistics.median(totals):.0f} ms ({' '.join(f'{v:.0f}' for v in totals)}):")
        for kind in kinds:
            values = [t[0][kind] for t in runs]
            if statistics.median(values) >= 0.5:
                print(f"    {statistics.median(values):7.1f}  {kind}   ({' '.join(f'{v:.0f}' for v in values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, action="append", help="a built site; repeat to compare (default: build one now)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--trace", type=int, default=0, metavar="N", help="also N traced runs per site: main-thread CPU by kind")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        sites = args.site or [Path(scratch) / "site"]
        if not args.site:
            build(sites[0])
        roots = [site.resolve().as_uri() + "/" for site in sites]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
            measure(browser, roots, 1)  # warm the OS file cache; not counted
            results = measure(browser, roots, args.runs)
            traces = trace(browser, roots, args.trace)
            browser.close()
            for site, result, table in zip(sites, results, traces):
                print(f"{site} ({args.runs} runs, ms from navigation start)")
                for label, _ in VISITS:
                    for metric in METRICS:
                        values = result[label][metric]
                        if values:
                            print(f"  {label:11} {metric:17} median {statistics.median(values):6.0f}   "
                                  f"runs: {' '.join(f'{v:.0f}' for v in values)}")
                _print_trace(table)


if __name__ == "__main__":
    main()
