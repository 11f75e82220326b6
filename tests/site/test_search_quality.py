"""Search quality measured in the browser: real queries typed into the real search box.

Prints hit@1 and hit@3 per way of opening the site and fails below 95 % hit@3.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import BuiltSite
from tests.site.browsing import open_recorded, search

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))
MIN_HIT_AT_3 = 0.95


def test_search_queries_file_is_well_formed(built_site: BuiltSite) -> None:
    assert len(QUERIES) >= 40
    assert {entry["kind"] for entry in QUERIES} == {"whole", "part", "abbr", "mixed"}
    assert len({entry["query"] for entry in QUERIES}) == len(QUERIES)
    missing = [entry["expect"] for entry in QUERIES if not (built_site.path / entry["expect"]).is_file()]
    assert missing == []


@pytest.mark.parametrize("mode", ["file", "http"])
def test_search_quality_hit_at_3(browser, built_site: BuiltSite, mode: str, request: pytest.FixtureRequest, summary_lines: list[str]) -> None:
    if mode == "file":
        root_url, origin = built_site.path.as_uri() + "/", None
    else:
        root_url = request.getfixturevalue("site_url")
        origin = root_url.rstrip("/")
    page, recorder = open_recorded(browser, root_url + "index.html", origin)
    misses, hit1, hit3 = [], 0, 0
    for entry in QUERIES:
        results = search(page, entry["query"], root_url)
        hit1 += results[:1] == [entry["expect"]]
        if entry["expect"] in results[:3]:
            hit3 += 1
        else:
            misses.append(f"  {entry['query']!r} ({entry['kind']}): expected {entry['expect']}, got {results[:3]}")
    total = len(QUERIES)
    summary_lines.append(f"search quality ({mode}): hit@1 {hit1}/{total} = {hit1 / total:.1%}, hit@3 {hit3}/{total} = {hit3 / total:.1%}")
    summary_lines.extend(misses)
    assert recorder.external_requests() == []
    assert hit3 / total >= MIN_HIT_AT_3, "\n".join(misses)
    page.context.close()
