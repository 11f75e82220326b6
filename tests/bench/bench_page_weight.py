"""Benchmark (not a test): bytes a reader downloads, per page, in headless Chromium.

    .venv/bin/python tests/bench/bench_page_weight.py SITE_DIR [SITE_DIR ...]

For each built site (e.g. one built before and one after a change), each sample page is opened
over http in a fresh browser context (empty cache) and every response body is counted:
"first visit" is that total (with the math font and the search index, which the search worker
fetches after load, shown apart); "next page" is what the next page of the same kind adds in the
same context, with the first page's files in the HTTP cache. Bytes are bodies as sent by a plain
static server (no gzip; GitHub Pages compresses text). Nothing is timed.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.conftest import CHROMIUM, serve_directory  # noqa: E402

# (label, first page, next page of the same kind)
SAMPLES = [
    ("知识库 KB", "kb/llm/attention.html", "kb/llm/positional-encoding.html"),
    ("手撕 code", "code/multi-head-attention.html", "code/layer-norm.html"),
    ("总览 overview", "tracker/overview.html", "tracker/board.html"),
]


def _bytes_of_visits(browser, root: str, paths: list[str]) -> list[tuple[int, dict[str, int]]]:
    """Bytes per visit, visiting ``paths`` in order in one context (the HTTP cache carries over)."""
    context = browser.new_context()
    page = context.new_page()
    visits = []
    for path in paths:
        received: dict[str, int] = {}

        def count(response, received=received) -> None:
            if response.request.method == "GET":
                try:  # bytes over the wire: 0 for a file the HTTP cache already held
                    received[response.url] = response.request.sizes()["responseBodySize"]
                except Exception:  # an aborted request has no sizes
                    received[response.url] = 0

        context.on("response", count)
        page.goto(root + path, wait_until="networkidle")
        for _ in range(100):  # the search worker fetches its index after load, on every page
            if any("search_index" in url for url in received):
                break
            page.wait_for_timeout(100)
        page.wait_for_timeout(300)
        context.remove_listener("response", count)
        visits.append((sum(received.values()), received))
    context.close()
    return visits


def main(sites: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        for site in sites:
            print(f"\n{site}")
            with serve_directory(Path(site)) as root:
                for label, first, second in SAMPLES:
                    (first_total, first_files), (next_total, _) = _bytes_of_visits(browser, root, [first, second])
                    fonts = sum(size for url, size in first_files.items() if url.endswith((".ttf", ".woff2", ".woff")))
                    index = sum(size for url, size in first_files.items() if "search_index" in url)
                    print(f"  {label:14} first visit {first_total / 1024:6.0f} KiB (math font {fonts / 1024:5.0f},"
                          f" search index {index / 1024:5.0f})   next page {next_total / 1024:6.0f} KiB")
            htmls = [p.stat().st_size for p in Path(site).rglob("*.html") if p.name != "print_page.html"]
            print(f"  mean HTML page {statistics.mean(htmls) / 1024:.0f} KiB over {len(htmls)} pages")
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
