"""Glossary query rewriting in Material's search worker (a patch separate from search_patch.py).

The build writes the glossary into the search index's ``config`` (:func:`add_glossary`). The
worker gets that config in its setup message; ``search_query.js``, prepended to the worker,
keeps it and rewrites every query before Material's own handling (glossary words cut as jieba cut
them in the index, one-letter Latin tokens searched exactly, synonyms and parts found), then
weighs Material's formatted query (typed words above added ones, exact above prefix matches).
Two hooks go into Material's ``search`` method: at its start, and after it formats the query.

As with search_patch.py, the hooks match the shape of the code, not minified names; when one is
not found exactly once, or they are out of order, the build warns (a strict build fails). A worker
that already has the hooks (``mkdocs serve`` keeps the patched worker on a quick rebuild) counts as patched, and its
prepended code is replaced by the current one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tools.site import search_patch, search_terms
from tools.site.search_patch import WorkerPatch

NAME = "glossary query rewriting"
PROLOGUE = (Path(__file__).parent / "search_query.js").read_text(encoding="utf-8")
PROLOGUE_BLOCK = re.compile(r"/\* hb-glossary-query:start .*?/\* hb-glossary-query:end \*/\n?", re.S)
# search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu"),
SEARCH_ENTRY = re.compile(r'search\((?P<q>\w+)\)\{(?=if\((?P=q)=(?P=q)\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\))')
# ,e=ce(e),!e)return{items:[]}
FORMATTED = re.compile(r",(?P<q>\w+)=(?P<format>\w+)\((?P=q)\)(?=,!(?P=q)\)return\{items:\[\]\})")
FORMATTED_PATCHED = re.compile(r",(?P<q>\w+)=\w+\((?P=q)\),(?P=q)=hbGlossaryQuery\.weigh\((?P=q)\)(?=,!(?P=q)\)return\{items:\[\]\})")
SEARCH_ENTRY_PATCHED = re.compile(
    r'search\((?P<q>\w+)\)\{(?P=q)=hbGlossaryQuery\.rewrite\((?P=q),this\.index\.invertedIndex\);'
    r'(?=if\((?P=q)=(?P=q)\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\))'
)


def patch_worker_source(source: str) -> tuple[str, bool]:
    r"""The worker with the rewriting prepended and hooked in; False when the hook's place was
    not found exactly once (and the source is returned unchanged).

    >>> patched, ok = patch_worker_source('search(e){if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),f),e=ce(e),!e)return{items:[]}}')
    >>> ok, patched.startswith("/* hb-glossary-query:start"), patched[len(PROLOGUE):]
    (True, True, 'search(e){e=hbGlossaryQuery.rewrite(e,this.index.invertedIndex);if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),f),e=ce(e),e=hbGlossaryQuery.weigh(e),!e)return{items:[]}}')
    >>> patch_worker_source(patched) == (patched, True)
    True
    >>> patch_worker_source("search(e){return e}")
    ('search(e){return e}', False)
    """
    body = PROLOGUE_BLOCK.sub("", source, count=1)
    entries, formatted = list(SEARCH_ENTRY.finditer(body)), list(FORMATTED.finditer(body))
    if len(entries) == 1 and len(formatted) == 1 and entries[0].end() < formatted[0].start():
        entry, after = entries[0], formatted[0]
        q = entry["q"]
        return (
            PROLOGUE
            + body[: entry.end()]
            + f"{q}=hbGlossaryQuery.rewrite({q},this.index.invertedIndex);"
            + body[entry.end() : after.end()]
            + f",{q}=hbGlossaryQuery.weigh({q})"
            + body[after.end() :]
        ), True
    if not entries and not formatted and len(SEARCH_ENTRY_PATCHED.findall(body)) == len(FORMATTED_PATCHED.findall(body)) == 1:
        return PROLOGUE + body, True
    return source, False


def patch_search_workers(site_dir: Path) -> list[WorkerPatch]:
    """Hook the rewriting into every search worker of a built site (normally exactly one)."""
    return search_patch.patch_search_workers(site_dir, _patch_named)


def _patch_named(source: str) -> tuple[str, list[str]]:
    patched, ok = patch_worker_source(source)
    return patched, [] if ok else [NAME]


def add_glossary(index_json: str, glossary: dict[str, object]) -> str:
    """The search index with ``glossary`` (:func:`search_terms.worker_glossary`) in its config,
    written compactly (UTF-8, no spaces).

    >>> add_glossary('{"config":{"lang":["en"]},"docs":[]}', {"terms": ["批归一化"]})
    '{"config":{"lang":["en"],"glossary":{"terms":["批归一化"]}},"docs":[]}'
    """
    data = json.loads(index_json)
    data["config"]["glossary"] = glossary
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_glossary(site_dir: Path, entries: list[search_terms.Entry]) -> bool:
    """Put the glossary into the built search index; False if the site has no index."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return False
    glossary = search_terms.worker_glossary(entries)
    path.write_text(add_glossary(path.read_text(encoding="utf-8"), glossary), encoding="utf-8")
    return True
