"""Benchmark (not a test): CPU time of making the search entries of every page, with and without
``search_html.lighten``.

    .venv/bin/python tests/bench/bench_search_entries.py --site SITE_DIR [--rounds N]

Takes the ``<article>`` of every built page (what Material's search plugin parses is the page's
content, which the article wraps), then, in rounds, runs Material's own
``SearchIndex.add_entry_from_context`` over all of them (HTML parsing and jieba) from the HTML as
it is and from the lightened HTML, the two taking turns so a machine that changes speed hits both
alike. Prints the process CPU seconds of each pass, the medians, and checks the entries are equal.

Figures, 2026-12-03 23:06, idle 2-core machine at its slower speed (``sum(i*i for i in
range(10**7))`` takes ~1.1 s, against ~0.55 s when it runs fast), 257 pages, 357,209 tags in
their articles, 136,991 after the reduction, 5 rounds, CPU seconds:

==========  ======  ====================
HTML        median  runs
==========  ======  ====================
as it is    4.89    5.91 4.89 4.77 5.41 4.88
lightened   3.35    3.81 3.09 3.01 3.45 3.35
==========  ======  ====================

plus 0.51 s for ``lighten`` itself: 4.89 -> 3.86 s, a fifth of the entries' CPU, done in the
build worker on a cold build and inline for the pages ``serve`` rebuilds.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from material.plugins.search.plugin import SearchIndex  # noqa: E402

from tools.site.search_html import lighten  # noqa: E402


class Page:
    def __init__(self, url: str, content: str) -> None:
        self.url, self.content, self.title, self.toc, self.meta = url, content, url, [], {}


def articles(site: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(site.rglob("*.html")):
        article = re.search(r"<article\b.*?</article>", path.read_text(encoding="utf-8"), re.S)
        if article is not None and path.name != "print_page.html":
            found.append((str(path.relative_to(site)), article.group()))
    return found


def entries(pages: list[Page]) -> tuple[float, list]:
    fields = {"title": {"boost": 10}, "text": {"boost": 1}, "tags": {"boost": 10}}
    index = SearchIndex(lang=["zh"], separator=r"[\s\-]+", pipeline=[], fields=fields, jieba_dict=None, jieba_dict_user=None)
    started = time.process_time()
    for page in pages:
        index.add_entry_from_context(page)
    return time.process_time() - started, index.entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site (mkdocs build -d SITE_DIR)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    found = articles(args.site)
    plain = [Page(url, html) for url, html in found]
    started = time.process_time()
    light = [Page(url, lighten(html)) for url, html in found]
    print(f"{len(found)} pages; lighten itself: {time.process_time() - started:.2f} s CPU; "
          f"tags {sum(h.count('<') for _, h in found)} -> {sum(p.content.count('<') for p in light)}")
    entries(plain[:5])  # jieba's dictionary loaded before the first timed pass
    times: dict[str, list[float]] = {"as it is": [], "lightened": []}
    for round_number in range(1, args.rounds + 1):
        first, first_entries = entries(plain)
        second, second_entries = entries(light)
        assert first_entries == second_entries, "the lightened HTML gave other entries"
        times["as it is"].append(first)
        times["lightened"].append(second)
        print(f"round {round_number}: as it is {first:.2f} s, lightened {second:.2f} s CPU", flush=True)
    for name, values in times.items():
        print(f"{name:<10} median {statistics.median(values):.2f} s CPU (min {min(values):.2f}, max {max(values):.2f})")


if __name__ == "__main__":
    main()
