"""Search quality measured in the browser: real queries typed into the real search box.

Prints hit@1 and hit@3 per way of opening the site and fails below MIN_HIT_AT_1 / MIN_HIT_AT_3.
Also prints hit@1 on the odd- and on the even-numbered queries (1-based, file order): a ranking
change tuned on some queries should not help one half and hurt the other.
HANDBOOK_SEARCH_MISSES=1 also prints every query whose page is not first, with its rank.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from tests.conftest import BuiltSite
from tests.site.browsing import open_recorded, search

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))
MIN_HIT_AT_1 = 0.92  # issue 16 item 1; measured 93.2% on 338 queries, both halves >= 92.9%
MIN_HIT_AT_3 = 0.98
SHOW_ALL_MISSES = os.environ.get("HANDBOOK_SEARCH_MISSES") == "1"


def test_search_queries_file_is_well_formed(built_site: BuiltSite) -> None:
    assert len(QUERIES) >= 40
    assert {entry["kind"] for entry in QUERIES} == {"whole", "part", "abbr", "mixed"}
    assert len({entry["query"] for entry in QUERIES}) == len(QUERIES)
    missing = [entry["expect"] for entry in QUERIES if not (built_site.path / entry["expect"]).is_file()]
    assert missing == []


@pytest.mark.parametrize("mode", ["file", "http"])
def test_search_quality_hit_at_1_and_3(browser, built_site: BuiltSite, mode: str, request: pytest.FixtureRequest, summary_lines: list[str]) -> None:
    if mode == "file":
        root_url, origin = built_site.path.as_uri() + "/", None
    else:
        root_url = request.getfixturevalue("site_url")
        origin = root_url.rstrip("/")
    page, recorder = open_recorded(browser, root_url + "index.html", origin)
    misses, hit1, hit3 = [], 0, 0
    halves = {"odd": [0, 0], "even": [0, 0]}  # hit@1, queries
    for number, entry in enumerate(QUERIES, start=1):
        results = search(page, entry["query"], root_url)
        rank = results.index(entry["expect"]) + 1 if entry["expect"] in results else None
        hit1 += rank == 1
        hit3 += rank is not None and rank <= 3
        half = halves["odd" if number % 2 else "even"]
        half[0] += rank == 1
        half[1] += 1
        if rank is None or rank > 3 or (SHOW_ALL_MISSES and rank > 1):
            misses.append(f"  {entry['query']!r} ({entry['kind']}): expected {entry['expect']} at rank {rank}, got {results[:3]}")
    total = len(QUERIES)
    summary_lines.append(
        f"search quality ({mode}): hit@1 {hit1}/{total} = {hit1 / total:.1%}, hit@3 {hit3}/{total} = {hit3 / total:.1%}; "
        + ", ".join(f"hit@1 {name} {hits}/{count} = {hits / count:.1%}" for name, (hits, count) in halves.items())
    )
    summary_lines.extend(misses)
    assert recorder.external_requests() == []
    assert (hit1 / total >= MIN_HIT_AT_1, hit3 / total >= MIN_HIT_AT_3) == (True, True), "\n".join(misses)
    page.context.close()
