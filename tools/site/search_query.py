"""Glossary query rewriting in Material's search worker (a patch separate from search_patch.py).

The build writes the glossary into the search index's ``config`` (:func:`add_glossary`). The
worker gets that config in its setup message; ``search_query.js``, prepended to the worker,
keeps it and rewrites every query before Material's own handling (glossary words cut as jieba cut
them in the index, one-letter Latin tokens searched exactly, synonyms and parts found), then
weighs Material's formatted query (typed words above added ones, exact above prefix matches),
and orders the scored sections (those a query's intent word such as 手撕 asks for first).
Three hooks go into Material's ``search`` method: at its start, after it formats the query, and
the comparator of its sort by score.

As with search_patch.py, the hooks match the shape of the code, not minified names; when one is
not found exactly once, or they are out of order, the build warns (a strict build fails). A worker
that already has the hooks (``mkdocs serve`` keeps the patched worker on a quick rebuild) counts as patched, and its
prepended code is replaced by the current one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tools.site import search_index, search_patch, search_terms
from tools.site.search_patch import WorkerPatch

NAME = "glossary query rewriting"
PROLOGUE = (Path(__file__).parent / "search_query.js").read_text(encoding="utf-8")
PROLOGUE_BLOCK = re.compile(r"/\* hb-glossary-query:start .*?/\* hb-glossary-query:end \*/\n?", re.S)
# search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu"),
SEARCH_ENTRY = re.compile(r'search\((?P<q>\w+)\)\{(?=if\((?P=q)=(?P=q)\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\))')
# ,e=ce(e),!e)return{items:[]}
FORMATTED = re.compile(r",(?P<q>\w+)=(?P<format>\w+)\((?P=q)\)(?=,!(?P=q)\)return\{items:\[\]\})")
FORMATTED_PATCHED = re.compile(r",(?P<q>\w+)=\w+\((?P=q)\),(?P=q)=hbGlossaryQuery\.weigh\((?P=q)\)(?=,!(?P=q)\)return\{items:\[\]\})")
# },[]).sort((s,o)=>o.score-s.score)
SORT = re.compile(r"\},\[\]\)\.sort\(\((?P<a>\w+),(?P<b>\w+)\)=>(?P=b)\.score-(?P=a)\.score\)")
SORT_PATCHED = re.compile(r"\},\[\]\)\.sort\(hbGlossaryQuery\.order\)")
SEARCH_ENTRY_PATCHED = re.compile(
    r'search\((?P<q>\w+)\)\{(?P=q)=hbGlossaryQuery\.rewrite\((?P=q),this\.index\.invertedIndex\);'
    r'(?=if\((?P=q)=(?P=q)\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\))'
)

# Each hook: where it goes in Material's worker, the same place once hooked, and what goes there.
HOOKS = (
    (SEARCH_ENTRY, SEARCH_ENTRY_PATCHED, lambda m: f"{m[0]}{m['q']}=hbGlossaryQuery.rewrite({m['q']},this.index.invertedIndex);"),
    (FORMATTED, FORMATTED_PATCHED, lambda m: f"{m[0]},{m['q']}=hbGlossaryQuery.weigh({m['q']})"),
    (SORT, SORT_PATCHED, lambda m: "},[]).sort(hbGlossaryQuery.order)"),
)


def patch_worker_source(source: str) -> tuple[str, bool]:
    r"""The worker with the rewriting prepended and hooked in; False when a hook's place was
    not found exactly once or the places are out of order (and the source is returned unchanged).

    >>> patched, ok = patch_worker_source('search(e){if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),f),e=ce(e),!e)return{items:[]};r=[].reduce((s,o)=>{return s},[]).sort((s,o)=>o.score-s.score)}')
    >>> ok, patched.startswith("/* hb-glossary-query:start"), patched[len(PROLOGUE):]
    (True, True, 'search(e){e=hbGlossaryQuery.rewrite(e,this.index.invertedIndex);if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),f),e=ce(e),e=hbGlossaryQuery.weigh(e),!e)return{items:[]};r=[].reduce((s,o)=>{return s},[]).sort(hbGlossaryQuery.order)}')
    >>> patch_worker_source(patched) == (patched, True)
    True
    >>> patch_worker_source("search(e){return e}")
    ('search(e){return e}', False)
    """
    body = PROLOGUE_BLOCK.sub("", source, count=1)
    places = []  # (start, end, text) of each hook: the hooked code, or what is already there
    for hook, patched, replace in HOOKS:
        found, done = list(hook.finditer(body)), list(patched.finditer(body))
        if len(found) + len(done) != 1:
            return source, False
        places.append((found[0].start(), found[0].end(), replace(found[0])) if found else (done[0].start(), done[0].end(), done[0][0]))
    if [place[0] for place in places] != sorted(place[0] for place in places):
        return source, False
    out, at = [PROLOGUE], 0
    for start, end, text in places:
        out += [body[at:start], text]
        at = end
    return "".join([*out, body[at:]]), True


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


def write_glossary(site_dir: Path, entries: list[search_terms.Entry], parts: dict[str, list[str]] | None = None) -> bool:
    """Put the glossary into the built search index; False if the site has no index. ``parts``:
    :func:`search_terms.plain_parts` of :func:`index_words`, computed here when not given."""
    path = site_dir / search_index.INDEX
    if not path.is_file():
        return False
    index_json = path.read_text(encoding="utf-8")
    glossary = search_terms.worker_glossary(entries, parts, whole=tag_words(json.loads(index_json)["docs"]))
    path.write_text(add_glossary(index_json, glossary), encoding="utf-8")
    return True


def index_words(site_dir: Path, entries: list[search_terms.Entry]) -> list[str] | None:
    """The words whose parts :func:`write_glossary` puts into the site's index (None: no index),
    so that they can be cut elsewhere first (``finish.py``)."""
    path = site_dir / search_index.INDEX
    if not path.is_file():
        return None
    return search_terms.glossary_words(entries, tag_words(json.loads(path.read_text(encoding="utf-8"))["docs"]))


def tag_words(docs: list[dict]) -> list[str]:
    """The Chinese words of the tags in the search index's documents, in order of first use.

    The index keeps each one whole (the tags field is not segmented), while jieba may cut the
    same word in titles and text; the worker adds their parts (search_terms.worker_glossary).

    >>> tag_words([{"tags": ["位置编码", "视觉 Transformer"]}, {"title": "a"}, {"tags": ["位置编码", "KV cache", "核"]}])
    ['位置编码', '视觉']
    """
    words = (word for doc in docs for tag in doc.get("tags", []) for word in tag.split())
    return list(dict.fromkeys(word for word in words if len(word) >= 2 and search_terms.is_chinese(word)))
