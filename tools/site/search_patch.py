"""Fix two faults in Material's browser-side handling of Chinese queries.

The search worker replaces each run of Han characters in the query by the index words it
finds in that run, joined with spaces.

1. **Last word dropped.** Its inner loop tries ``query.slice(start, end)`` only for
   ``end < query.length``, so a word ending at the run's last character is never found:
   旋转位置编码 was searched as 旋转 + 位置. The fix changes the bound to ``end <= length``.
2. **Han glued to Latin.** The replacement is not separated from neighbouring Latin letters,
   so ``HR面`` stays one term that the index (which jieba split into ``hr`` and ``面``) does
   not contain, and the query finds nothing. The fix puts spaces around the replacement.

Minified variable names differ between Material releases, so each pattern matches the shape
of the code, not the names. When a shape is not found exactly once (a release that rewrote or
fixed the code), :func:`patch_search_workers` reports it so the build warns loudly; a strict
build then fails. A worker that already carries the fix counts as patched: ``mkdocs serve``
does not copy the theme's files again on a quick (dirty) rebuild, so the worker in the site
folder is the one patched last time, and warning then would be a false alarm.

Five more entries, named "prebuilt lunr index: …", make search ready at once (issue 16): the
worker imports ``assets/javascripts/search-prebuilt.js`` and ``search/lunr_index.js`` (written
by :mod:`tools.site.search_prebuilt`) as soon as it starts and waits for them before it sets up,
loads that index instead of building one when it matches the documents, adds term positions to each query's results for highlighting, and
answers a query through search-prebuilt.js (the answer names its query, so that the page can drop
an answer to a query it has replaced; the results rendered at once are highlighted first).
Without the two files the patched worker builds its index as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# for(let o=s+1;o<t.length;o++)t.slice(s,o)in e
LAST_WORD_LOOP = re.compile(
    r"for\(let (?P<end>\w+)=(?P<start>\w+)\+1;(?P=end)<(?P<query>\w+)\.length;(?P=end)\+\+\)"
    r"(?P=query)\.slice\((?P=start),(?P=end)\)in "
)
# s=>[...fe(s,this.index.invertedIndex)].join("* ")
HAN_RUN_REPLACEMENT = re.compile(
    r"(?P<run>\w+)=>(?P<words>\[\.\.\.\w+\((?P=run),this\.index\.invertedIndex\)\]\.join\(\"\* \"\))"
)

# self.lunr=Y.default;
PREBUILT_EARLY = re.compile(r"(?<=[;}])self\.lunr=(?P<lunr>\w+)\.default;(?!self\.__hbImported=)")
# case 0:return yield Ie(t.data.config),de=new U(t.data),{type:1}
PREBUILT_IMPORT = re.compile(r"case 0:return yield (?P<languages>\w+\((?P<message>\w+)\.data\.config\)),(?=\w+=new \w+\((?P=message)\.data\))")
# constructor({config:e,docs:r,options:n}){…this.index=lunr(function(){…this.tokenizer=ae,lunr.tokenizer.separator=new RegExp(e.separator)
PREBUILT_LOAD = re.compile(
    r"constructor\(\{config:(?P<config>\w+),docs:(?P<docs>\w+),options:\w+\}\)\{[^{}]*?this\.index=(?P<build>lunr\(function\(\)\{)"
    r"(?=[^{}]*?this\.tokenizer=(?P<tokenizer>\w+),lunr\.tokenizer\.separator=new RegExp\((?P=config)\.separator\))"
)
# n=this.index.search(e).reduce(
PREBUILT_POSITIONS = re.compile(r"=(?P<search>this\.index\.search\(\w+\))\.reduce\(")
# return{type:3,data:de.search(e)}
PREBUILT_ANSWER = re.compile(r"return\{type:3,data:(?P<worker>\w+)\.search\((?P<query>\w+)\)\}")
# Relative to the worker script (assets/javascripts/workers/): the helper, then the index.
PREBUILT_SCRIPTS = '"../search-prebuilt.js","../../../search/lunr_index.js"'

# The same code after the patches, as found in a worker patched by an earlier build.
LAST_WORD_LOOP_PATCHED = re.compile(
    r"for\(let (?P<end>\w+)=(?P<start>\w+)\+1;(?P=end)<=(?P<query>\w+)\.length;(?P=end)\+\+\)"
    r"(?P=query)\.slice\((?P=start),(?P=end)\)in "
)
HAN_RUN_REPLACEMENT_PATCHED = re.compile(
    r"(?P<run>\w+)=>\" \"\+\[\.\.\.\w+\((?P=run),this\.index\.invertedIndex\)\]\.join\(\"\* \"\)\+\" \""
)
PREBUILT_EARLY_PATCHED = re.compile(
    r"(?<=[;}])self\.lunr=\w+\.default;self\.__hbImported=Promise\.resolve\(\)\.then\(\(\)=>importScripts\("
    + re.escape(PREBUILT_SCRIPTS)
    + r"\)\)\.catch\(\(\)=>\{\}\);"
)
PREBUILT_IMPORT_PATCHED = re.compile(r"case 0:return yield \w+\(\w+\.data\.config\),yield self\.__hbImported,\w+=new \w+\(\w+\.data\)")
PREBUILT_LOAD_PATCHED = re.compile(r"this\.index=self\.__hbPrebuilt\?\.load\(\w+,\w+,\w+,this\)\|\|lunr\(function\(\)\{")
PREBUILT_ANSWER_PATCHED = re.compile(r"return\{type:3,data:\(self\.__hbPrebuilt\?\.answer\?\?\(\(w,q\)=>w\.search\(q\)\)\)\(\w+,\w+\)\}")
PREBUILT_POSITIONS_PATCHED = re.compile(r"=\(self\.__hbPrebuilt\?\.positions\?\?\(\(w,r\)=>r\)\)\(this,this\.index\.search\(\w+\)\)\.reduce\(")


def _include_last_word(match: re.Match[str]) -> str:
    bound = f"{match['end']}<{match['query']}.length"
    return match.group(0).replace(bound, f"{match['end']}<={match['query']}.length", 1)


def _separate_from_latin(match: re.Match[str]) -> str:
    return f'{match["run"]}=>" "+{match["words"]}+" "'


def _import_early(match: re.Match[str]) -> str:
    """Import the helper and the index as soon as the worker starts, before the page sends the
    documents (over http in parallel with the page's own loading; from file:// while the page
    waits for the search box); a missing file (a site built without it) is ignored."""
    return f"{match.group(0)}self.__hbImported=Promise.resolve().then(()=>importScripts({PREBUILT_SCRIPTS})).catch(()=>{{}});"


def _import_prebuilt(match: re.Match[str]) -> str:
    """Wait for that import before setting up."""
    return f"case 0:return yield {match['languages']},yield self.__hbImported,"


def _load_prebuilt(match: re.Match[str]) -> str:
    """Load the prebuilt index when there is one; otherwise build as before."""
    head = match.group(0)[: match.start("build") - match.start()]
    arguments = f"{match['config']},{match['docs']},{match['tokenizer']},this"
    return f"{head}self.__hbPrebuilt?.load({arguments})||{match['build']}"


def _add_positions(match: re.Match[str]) -> str:
    """Positions for highlighting, which the prebuilt index leaves out (a no-op for a built one)."""
    return f"=(self.__hbPrebuilt?.positions??((w,r)=>r))(this,{match['search']}).reduce("


def _answer(match: re.Match[str]) -> str:
    """Answer through search-prebuilt.js: the answer names its query, and with a prebuilt index
    only the results rendered at once are highlighted before it is sent (the rest follow)."""
    return f"return{{type:3,data:(self.__hbPrebuilt?.answer??((w,q)=>w.search(q)))({match['worker']},{match['query']})}}"


PATCHES: dict[str, tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = {
    "last word of a Chinese query": (LAST_WORD_LOOP, _include_last_word),
    "Chinese next to Latin letters": (HAN_RUN_REPLACEMENT, _separate_from_latin),
    "prebuilt lunr index: early import": (PREBUILT_EARLY, _import_early),
    "prebuilt lunr index: import": (PREBUILT_IMPORT, _import_prebuilt),
    "prebuilt lunr index: load": (PREBUILT_LOAD, _load_prebuilt),
    "prebuilt lunr index: positions": (PREBUILT_POSITIONS, _add_positions),
    "prebuilt lunr index: answer": (PREBUILT_ANSWER, _answer),
}
ALREADY_PATCHED: dict[str, re.Pattern[str]] = {
    "last word of a Chinese query": LAST_WORD_LOOP_PATCHED,
    "Chinese next to Latin letters": HAN_RUN_REPLACEMENT_PATCHED,
    "prebuilt lunr index: early import": PREBUILT_EARLY_PATCHED,
    "prebuilt lunr index: import": PREBUILT_IMPORT_PATCHED,
    "prebuilt lunr index: load": PREBUILT_LOAD_PATCHED,
    "prebuilt lunr index: positions": PREBUILT_POSITIONS_PATCHED,
    "prebuilt lunr index: answer": PREBUILT_ANSWER_PATCHED,
}


@dataclass(frozen=True)
class WorkerPatch:
    path: Path
    missing: list[str] = field(default_factory=list)  # names of patches whose code was not found

    @property
    def patched(self) -> bool:
        return not self.missing


def patch_worker_source(source: str) -> tuple[str, list[str]]:
    """Return the patched source and the names of the patches whose code was not found once
    (neither as shipped nor as already patched).

    >>> patch_worker_source("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e;r=s=>[...fe(s,this.index.invertedIndex)].join(\\"* \\")")
    ('for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e;r=s=>" "+[...fe(s,this.index.invertedIndex)].join("* ")+" "', ['prebuilt lunr index: early import', 'prebuilt lunr index: import', 'prebuilt lunr index: load', 'prebuilt lunr index: positions', 'prebuilt lunr index: answer'])
    >>> patch_worker_source("nothing to patch")[1][:2]
    ['last word of a Chinese query', 'Chinese next to Latin letters']
    """
    missing = []
    for name, (pattern, fix) in PATCHES.items():
        matches = list(pattern.finditer(source))
        if len(matches) != 1:
            if not matches and len(ALREADY_PATCHED[name].findall(source)) == 1:
                continue  # patched by an earlier build (mkdocs serve --dirty keeps the worker)
            missing.append(name)
            continue
        match = matches[0]
        source = source[: match.start()] + fix(match) + source[match.end() :]
    return source, missing


def patch_search_workers(
    site_dir: Path, patch: Callable[[str], tuple[str, list[str]]] = patch_worker_source
) -> list[WorkerPatch]:
    """Patch every search worker script in a built site (normally exactly one) with ``patch``,
    which returns the patched source and the names of the patches not applied."""
    results = []
    for path in sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js")):
        source = path.read_text(encoding="utf-8")
        patched, missing = patch(source)
        if patched != source:
            path.write_text(patched, encoding="utf-8")
        results.append(WorkerPatch(path, missing))
    return results
