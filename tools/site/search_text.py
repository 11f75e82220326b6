"""Keep the body text of the search documents out of what every page loads from disk (issue 16).

Opened from ``file://``, every page that opens search loads ``search/search_index.js`` (Material's
offline plugin's copy of ``search_index.json``) and copies it into the search worker. Once the
index is prebuilt (:mod:`tools.site.search_prebuilt` counted the text's terms at build time),
ranking needs no body text: only the highlighted summaries of the results on screen do. So, when
``lunr_index.js`` exists, :func:`write_offline_index` writes ``search_index.js`` with each
document's ``text`` moved into one script per page, ``search/text/<n>.js``, which the worker
imports for the results it renders (``search-prebuilt.js``, ``withText()``).
``search_index.json`` keeps the full text: over http Material's page fetches it (the worker then
needs no shard), and tools and tests read the text there.

- Each moved text becomes ``""``: the key stays where it was, so a document object filled in
  later serializes with its keys in the same order as one never emptied.
- ``config.hbText`` says the text was moved: ``shards`` (how many files) and ``length`` (the
  moved text's total length in UTF-16 units, which the worker adds to the titles' length to
  compare with ``lunr_index.js``'s fingerprint).
- Shard ``n`` holds the texts of the ``n``-th page's documents (pages numbered by the first
  document of each, the location before ``#``), in document order; the worker numbers the
  pages the same way. Sections go with their page: Material's answer carries each section's
  page (``parent``) with its text.
- Each shard repeats ``length`` as a build stamp: a shard from another build is not used.

When the prebuilt index cannot be used (missing, or made from other documents) the worker
imports every shard before building its index, so it builds from the full text as Material does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tools.site.search_prebuilt import INDEX_JSON, PREBUILT_JS

TEXT_DIR = Path("search") / "text"
OFFLINE_JS = Path("search") / "search_index.js"
OFFLINE_PREFIX = "var __index = "  # as Material's offline plugin writes it
GLOBAL_NAME = "__hbText"  # what a shard sets: self.__hbText[n] = {"length": …, "texts": […]}


def utf16_length(text: str) -> int:
    """
    >>> utf16_length("a😀算")
    4
    """
    return len(text.encode("utf-16-le")) // 2


def page_numbers(docs: list[dict[str, Any]]) -> list[int]:
    """The shard of each document: its page's number, pages numbered in order of first appearance.

    >>> page_numbers([{"location": "a.html"}, {"location": "a.html#x"}, {"location": "b.html"}, {"location": "a.html#y"}])
    [0, 0, 1, 0]
    """
    numbers: dict[str, int] = {}
    return [numbers.setdefault(str(doc["location"]).split("#")[0], len(numbers)) for doc in docs]


def split_texts(data: dict[str, Any]) -> tuple[dict[str, Any], list[list[str]]]:
    """The index with every text emptied (``config.hbText`` says so) and, per shard, the texts of
    its documents in document order. Documents without a ``text`` key are left as they are and
    put nothing in their shard. The input is not changed.

    >>> index, shards = split_texts({"config": {"x": 1}, "docs": [{"location": "a", "text": "甲😀", "tags": []},
    ...                              {"location": "a#s", "text": "乙"}, {"location": "b"}]})
    >>> index
    {'config': {'x': 1, 'hbText': {'shards': 2, 'length': 4}}, 'docs': [{'location': 'a', 'text': '', 'tags': []}, {'location': 'a#s', 'text': ''}, {'location': 'b'}]}
    >>> shards
    [['甲😀', '乙'], []]
    """
    numbers = page_numbers(data["docs"])
    shards: list[list[str]] = [[] for _ in range(max(numbers, default=-1) + 1)]
    docs, length = [], 0
    for doc, number in zip(data["docs"], numbers):
        if "text" in doc:
            shards[number].append(doc["text"])
            length += utf16_length(str(doc["text"] or ""))
            doc = {**doc, "text": ""}  # same key order
        docs.append(doc)
    config = {**data["config"], "hbText": {"shards": len(shards), "length": length}}
    return {**data, "config": config, "docs": docs}, shards


def shard_script(number: int, length: int, texts: list[str]) -> str:
    """
    >>> shard_script(3, 2, ["xy"])
    '(self.__hbText=self.__hbText||{})[3]={"length":2,"texts":["xy"]};\\n'
    """
    payload = compact({"length": length, "texts": texts})
    return f"(self.{GLOBAL_NAME}=self.{GLOBAL_NAME}||{{}})[{number}]={payload};\n"


def write_offline_index(site_dir: Path) -> int:
    """Write ``search_index.js`` (when the offline plugin wrote one) from ``search_index.json``,
    with the body text moved into shards if ``lunr_index.js`` was written; the number of shards
    (0: the text stays in). Shards of an earlier build are removed first."""
    target = site_dir / TEXT_DIR
    for old in target.glob("*.js"):
        old.unlink()
    source, offline = site_dir / INDEX_JSON, site_dir / OFFLINE_JS
    if not source.is_file() or not offline.is_file():
        return 0
    text = source.read_text(encoding="utf-8")
    if not (site_dir / PREBUILT_JS).is_file():
        offline.write_text(OFFLINE_PREFIX + text, encoding="utf-8")
        return 0
    index, shards = split_texts(json.loads(text))
    target.mkdir(parents=True, exist_ok=True)
    length = index["config"]["hbText"]["length"]
    for number, texts in enumerate(shards):
        (target / f"{number}.js").write_text(shard_script(number, length, texts), encoding="utf-8")
    offline.write_text(OFFLINE_PREFIX + compact(index), encoding="utf-8")
    return len(shards)


def compact(data: object) -> str:
    """JSON as search_index.compact_json writes it.

    >>> compact({"a": ["算", 1]})
    '{"a":["算",1]}'
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
