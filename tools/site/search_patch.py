"""Fix Material's browser-side segmentation of Chinese queries.

The search worker splits a run of Han characters in the query into words it knows from the
index. Its inner loop tries ``query.slice(start, end)`` only for ``end < query.length``, so a
word ending at the query's last character is never found: 旋转位置编码 is searched as
旋转 + 位置, and 编码 is dropped. The patch changes that bound to ``end <= query.length``.

The minified variable names differ between Material releases, so the pattern matches the
shape of the loop, not the names. When the shape is not found (a Material release that
rewrote the code, or fixed it), :func:`patch_search_workers` reports it so the build can
warn loudly; a build in strict mode then fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# for(let o=s+1;o<t.length;o++)t.slice(s,o)in e
LAST_WORD_LOOP = re.compile(
    r"for\(let (?P<end>\w+)=(?P<start>\w+)\+1;(?P=end)<(?P<query>\w+)\.length;(?P=end)\+\+\)"
    r"(?P=query)\.slice\((?P=start),(?P=end)\)in "
)


@dataclass(frozen=True)
class WorkerPatch:
    path: Path
    patched: bool


def patch_worker_source(source: str) -> tuple[str, bool]:
    """Return the worker source with the loop bound fixed, and whether it was found once.

    >>> patch_worker_source("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)")
    ('for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)', True)
    >>> patch_worker_source("for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e")[1]
    False
    """
    matches = list(LAST_WORD_LOOP.finditer(source))
    if len(matches) != 1:
        return source, False
    match = matches[0]
    loop = match.group(0)
    fixed = loop.replace(f"{match['end']}<{match['query']}.length", f"{match['end']}<={match['query']}.length", 1)
    return source[: match.start()] + fixed + source[match.end() :], True


def patch_search_workers(site_dir: Path) -> list[WorkerPatch]:
    """Patch every search worker script in a built site (normally exactly one)."""
    results = []
    for path in sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js")):
        source = path.read_text(encoding="utf-8")
        patched, found = patch_worker_source(source)
        if found:
            path.write_text(patched, encoding="utf-8")
        results.append(WorkerPatch(path, found))
    return results
