"""Search through the index assembled from build-time counts, in Chromium, from file:// and http.

The same site is opened twice: as built (the worker loads search/lunr_index.js) and as a copy
without that file (the worker builds its index as Material does). For a sample of the project's
queries both must show the same results in the same order, with the same scores and the same
highlighted text, and the worker's complete answers (all results, rendered or not) must be
equal; the first also must not report errors or Content-Security-Policy violations.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import BuiltSite, serve_directory
from tests.site.browsing import RESULT_LINKS, csp_violations, open_recorded, search

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))
# "-transformer" (prohibited terms only) makes lunr list every field vector.
SAMPLE = [entry["query"] for entry in QUERIES[::15]] + ["注意力", "KV cache", "Top-p 采样", "-transformer"]
PREBUILT = Path("search") / "lunr_index.js"
# Per rendered result: its link (without the site root), Material's score and the article's HTML.
RESULTS_JS = """(links, root) => links.map(a => [
  a.href.replace(root, ""),
  a.querySelector("article").dataset.mdScore,
  a.querySelector("article").innerHTML,
])"""

# Runs before the page's scripts: keeps the worker's answers per query as JSON (without the
# hbQuery / hbPartial tags): "complete" holds the last full answer, "partial" the last answer
# of which only the first results were highlighted (search-prebuilt.js, answer()).
ANSWERS = """
window.__hbAnswers = {};
// Wraps the Worker class once, also the file:// stand-in that iframe-worker.js assigns later.
const record = (Base) => !Base || Base.hbRecorded ? Base : class extends Base {
  static hbRecorded = true;
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      const { type, data } = event.data;
      if (type !== 3) return;
      const { hbQuery, hbPartial, ...answer } = data;
      const query = hbQuery === undefined ? this.hbLast : hbQuery;
      const kept = (window.__hbAnswers[query] = window.__hbAnswers[query] || {});
      kept[hbPartial ? "partial" : "complete"] = JSON.stringify(answer);
    });
  }
  postMessage(message) {
    if (message.type === 2) this.hbLast = message.data;
    return super.postMessage(message);
  }
};
let worker = record(window.Worker);
Object.defineProperty(window, "Worker", { configurable: true, get: () => worker, set: (value) => { worker = record(value); } });
"""
SHOWN = 10  # results Material renders before the list is scrolled


@pytest.fixture(scope="module")
def worker_built_site(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site without the prebuilt index: the worker falls back to building its own."""
    copy = tmp_path_factory.mktemp("fallback") / "site"
    shutil.copytree(built_site.path, copy)
    (copy / PREBUILT).unlink()
    return copy


@pytest.fixture(scope="module")
def fallback_url(worker_built_site: Path) -> Iterator[str]:
    with serve_directory(worker_built_site) as url:
        yield url


def _results(browser, root_url: str, origin: str | None) -> tuple[dict[str, list], dict[str, dict], object, object]:
    """Per query: the rendered results, and the worker's answers (see ANSWERS)."""
    page, recorder = open_recorded(browser, root_url + "kb/llm/attention.html", origin, init_script=ANSWERS)
    shown = {}
    for query in SAMPLE:
        search(page, query, root_url)
        shown[query] = page.eval_on_selector_all(RESULT_LINKS, RESULTS_JS, root_url)
        page.wait_for_function("q => window.__hbAnswers[q] && window.__hbAnswers[q].complete", arg=query)
    answers = page.evaluate("() => window.__hbAnswers")
    return shown, answers, page, recorder


@pytest.mark.parametrize("mode", ["file", "http"])
def test_prebuilt_search_index_gives_the_worker_built_results(
    browser, built_site: BuiltSite, worker_built_site: Path, mode: str, request: pytest.FixtureRequest
) -> None:
    if mode == "file":
        root, fallback_root, origin, fallback_origin = built_site.path.as_uri() + "/", worker_built_site.as_uri() + "/", None, None
    else:
        root, fallback_root = request.getfixturevalue("site_url"), request.getfixturevalue("fallback_url")
        origin, fallback_origin = root.rstrip("/"), fallback_root.rstrip("/")
    prebuilt, prebuilt_answers, page, recorder = _results(browser, root, origin)
    assert any(url.endswith("/search/lunr_index.js") for url in recorder.requests)
    assert recorder.page_errors == [] and recorder.console_errors == []
    assert csp_violations(page) == []
    assert recorder.external_requests() == []
    page.context.close()
    built, built_answers, page, _ = _results(browser, fallback_root, fallback_origin)
    page.context.close()
    assert all(prebuilt[query] for query in ("注意力", "KV cache"))
    for query in SAMPLE:
        assert prebuilt[query] == built[query], query
        # Every result of the complete answer, rendered or not, highlighted as the worker does.
        assert prebuilt_answers[query]["complete"] == built_answers[query]["complete"], query
        assert "partial" not in built_answers[query]
    # 注意力 has more result pages than are rendered at once: those were answered first.
    partial = json.loads(prebuilt_answers["注意力"]["partial"])["items"]
    complete = json.loads(prebuilt_answers["注意力"]["complete"])["items"]
    assert len(complete) > SHOWN and len(partial) == len(complete)
    assert partial[:SHOWN] == complete[:SHOWN] and partial[SHOWN:] != complete[SHOWN:]
    top = prebuilt["注意力"][0]
    assert "<mark>注意力</mark>" in top[2]


# In a blank page: lunr (from the worker script), search-prebuilt.js and the site's terms. For
# whole terms, prefixes, and clauses of other shapes (wildcards elsewhere, an edit distance), the
# stand-in token set must list the same terms in the same order as lunr's own trie of all terms.
TERM_SET_JS = """() => {
  const terms = self.__hbLunrIndex.terms.split(" ");
  const known = new Set(terms);
  const fast = self.__hbPrebuilt.termSet(terms, (term) => known.has(term));
  const full = lunr.TokenSet.fromArray(terms);
  const clauses = ["", "*", "注*", "1*", "a*n", "*力", "zzzz"];
  for (let i = 0; i < terms.length; i += 23) {
    const term = terms[i];
    clauses.push(term, term + "*", term.slice(0, 1) + "*", term.slice(0, 2) + "*", term.slice(0, -1), term + "x*");
  }
  const differ = [];
  const compare = (name, clause) => {
    if (fast.intersect(clause).toArray().join(" ") !== full.intersect(clause).toArray().join(" ")) differ.push(name);
  };
  for (const text of clauses) compare(text, lunr.TokenSet.fromString(text));
  for (const text of ["注意力", "transformer", "kv"]) compare(text + "~1", lunr.TokenSet.fromFuzzyString(text, 1));
  return [clauses.length, differ];
}"""


def test_prebuilt_term_set_matches_what_lunr_trie_matches(browser, built_site: BuiltSite) -> None:
    page = browser.new_page()
    worker = next((built_site.path / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    for script in (worker, built_site.path / "assets" / "javascripts" / "search-prebuilt.js", built_site.path / PREBUILT):
        page.add_script_tag(path=str(script))
    checked, differ = page.evaluate(TERM_SET_JS)
    page.close()
    assert checked > 10_000
    assert differ == []
