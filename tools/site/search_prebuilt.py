"""Do the search worker's indexing work at build time, so that search is ready once a page loads.

Material 9.8.1's search worker rebuilds its whole lunr index from ``search_index.json`` on every
page load (from ``file://`` every page starts a new worker). Most of that time goes into
tokenizing 3.4 MB of HTML and keeping each token's position. Here the tokenizing is done once,
in Python: ``search/lunr_index.js`` lists every term and how often it occurs in each field of
each document. The patched worker (``search_patch.py``, entries "prebuilt lunr index: …") imports
it with ``assets/javascripts/search-prebuilt.js``, which assembles the lunr index from it with
lunr's own formulas, and falls back to building when the file is missing or stale.

Why not lunr.js's serialized index (the ``lunr`` package writes it)? Measured on this site it
took 17 MB even without positions (every posting repeats its document's location) and
Chromium spent longer parsing it than the worker spent building; the ``lunr`` package also
took ~10 s of build CPU, mostly copying token metadata. The counts file is a fraction of that,
and scores stay identical because the browser computes them with the same code.

The terms must equal the worker's. Its tokenizer keeps only the text between HTML tags, splits
it with the configured separator (a JavaScript regex: its ``\\s`` differs from Python's) and
lowercases each piece; the pipeline is empty (``pipeline: []``). lunr.js's loader requires terms
sorted by UTF-16 code units. Term positions (used only to highlight matches) are left out: the
worker finds them for the results of each query (see search-prebuilt.js). The counts are written
packed into strings (:func:`packed`), which the browser parses far faster than arrays.
"""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from tools.site.search_index import INDEX

PREBUILT_JS = Path("search") / "lunr_index.js"
GLOBAL_NAME = "__hbLunrIndex"  # what the worker reads after importScripts
_ANGLE = re.compile("[<>]")
_WHITESPACE = re.compile(r"\s")
# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator); Python's \s also matches
# \x1c-\x1f and \x85, and not U+FEFF.
JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


class NotPrebuildable(ValueError):
    """The config asks for something this module does not reproduce (a stemmer, a language)."""


def js_separator(pattern: str) -> re.Pattern[str]:
    r"""The separator regex of Material's config, compiled with JavaScript's meaning of ``\s``.

    >>> js_separator(r"[\s\-]+").pattern == "[" + JS_WHITESPACE + r"\-]+"
    True
    >>> bool(js_separator(r"\s").match("\x1c")), bool(js_separator(r"\s").match("\ufeff"))
    (False, True)
    """
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            if pair == r"\s":
                out.append(JS_WHITESPACE if in_class else f"[{JS_WHITESPACE}]")
            else:
                out.append(pair)
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        out.append(char)
        i += 1
    return re.compile("".join(out))


def text_runs(html: str) -> list[str]:
    """The pieces of ``html`` outside tags, as the worker's HTML walker emits them.

    Its walk also counts tag depth, but only for the highlight table; the text it emits depends
    on ``<`` and ``>`` alone: text runs from after a ``>`` (or the start) up to the next ``<``.

    >>> text_runs("<p>a<code>b c</code></p>d<br/>e")
    ['a', 'b c', 'd', 'e']
    """
    runs, start = [], 0
    for match in _ANGLE.finditer(html):  # only < and > matter; the walk skips the rest
        i = match.start()
        if match.group() == "<":
            if i > start:
                runs.append(html[start:i])
                start = i
        else:
            start = i + 1
    if len(html) > start:
        runs.append(html[start:])
    return runs


def tokens(value: str | list[str] | None, separator: re.Pattern[str]) -> list[str]:
    """The terms the worker indexes for one field value (a string, or a list such as tags).

    >>> tokens("<p>Top-P 采样</p>", re.compile(r"[\\s\\-]+"))
    ['top', 'p', '采样']
    >>> tokens(["LLM", "解码"], re.compile(r"\\s+")), tokens(None, re.compile(r"\\s+"))
    (['llm', '解码'], [])
    """
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [word.lower() for item in values for run in text_runs(item) for word in separator.split(run) if word]


def check_config(config: dict[str, Any]) -> None:
    """Raise :class:`NotPrebuildable` unless the worker would index as this module does."""
    if config.get("lang") != ["en"]:
        raise NotPrebuildable(f"search lang {config.get('lang')!r}: only ['en'] (no extra lunr language) is reproduced")
    if config.get("pipeline") != []:
        raise NotPrebuildable(f"search pipeline {config.get('pipeline')!r}: only pipeline: [] is reproduced")


def term_counts(config: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """What the worker needs to assemble its lunr index without tokenizing.

    - ``terms``: every term, sorted by UTF-16 code units (the order lunr.js's loader requires);
    - ``numbers``: for each of them, the number lunr.js's builder gives it (order of first
      occurrence over documents, fields, tokens); vectors are ordered by it, and so are the sums
      in lunr's scores, so keeping it keeps every score bit for bit;
    - ``vectors``: for each document (in order) and each field (in config order), pairs
      ``position in terms, count`` ordered by the term's number.

    >>> config = {"lang": ["en"], "pipeline": [], "separator": "[\\\\s]+", "fields": {"title": {}, "text": {}}}
    >>> term_counts(config, [{"location": "a.html", "title": "B a", "text": "<p>a a</p>"}])
    {'terms': ['a', 'b'], 'numbers': [1, 0], 'vectors': [[1, 1, 0, 1], [0, 2]]}
    """
    check_config(config)
    separator = js_separator(config["separator"])
    fields = list(config["fields"])
    numbers: dict[str, int] = {}
    counted: list[Counter[str]] = []
    for doc in docs:
        for field in fields:
            counts = Counter(tokens(doc.get(field), separator))  # keys in order of first occurrence
            for term in counts:
                numbers.setdefault(term, len(numbers))
            counted.append(counts)
    terms = sorted(numbers, key=_utf16_key)
    position = {term: i for i, term in enumerate(terms)}
    vectors = []
    for counts in counted:
        ordered = sorted(counts.items(), key=lambda item: numbers[item[0]])
        vectors.append([value for term, count in ordered for value in (position[term], count)])
    return {"terms": terms, "numbers": [numbers[term] for term in terms], "vectors": vectors}


def _utf16_key(term: str) -> bytes:
    """lunr.js sorts terms by UTF-16 code units, and its loader rejects any other order."""
    return term.encode("utf-16-be", "surrogatepass")


def fingerprint(docs: list[dict[str, Any]]) -> dict[str, int]:
    """What the worker checks before it trusts the file: the number of documents and their
    total title+text length in UTF-16 code units (cheap to recount in JavaScript).

    >>> fingerprint([{"title": "a😀", "text": "bc"}, {"title": "d", "text": None}])
    {'docs': 2, 'length': 6}
    """
    length = sum(len(str(doc.get(key) or "").encode("utf-16-le")) // 2 for doc in docs for key in ("title", "text"))
    return {"docs": len(docs), "length": length}


def varints(values: list[int]) -> str:
    """Non-negative integers as unsigned LEB128 bytes (7 bits a byte, low bits first), base64.

    >>> varints([0, 1, 127, 128, 300])
    'AAF/gAGsAg=='
    """
    out = bytearray()
    for value in values:
        while value >= 0x80:
            out.append(value & 0x7F | 0x80)
            value >>= 7
        out.append(value)
    return base64.b64encode(bytes(out)).decode("ascii")


def packed(counts: dict[str, Any]) -> dict[str, Any]:
    """The counts as a few strings, which Chromium parses many times faster than nested arrays
    of numbers (measured on this site: ~0.4 s for the vectors as arrays, under 0.1 s as one
    string): terms joined by spaces (a term never holds whitespace: the separator splits
    there; a space needs no escaping in JSON), numbers as :func:`varints`, the vectors flattened into ``pairs`` (varints) with
    ``sizes``, the number of pairs in each vector (varints).

    >>> packed({"terms": ["a", "b"], "numbers": [1, 0], "vectors": [[1, 1, 0, 1], [0, 2], []]})
    {'terms': 'a b', 'numbers': 'AQA=', 'sizes': 'AgEA', 'pairs': 'AQEAAQAC'}
    """
    if any(_WHITESPACE.search(term) for term in counts["terms"]):
        raise NotPrebuildable("a term holds whitespace (the separator does not split there): terms cannot be joined by spaces")
    return {
        "terms": " ".join(counts["terms"]),
        "numbers": varints(counts["numbers"]),
        "sizes": varints([len(vector) // 2 for vector in counts["vectors"]]),
        "pairs": varints([value for vector in counts["vectors"] for value in vector]),
    }


def script(counts: dict[str, Any], docs: list[dict[str, Any]]) -> str:
    """The file the worker imports: one assignment of a JSON object (fingerprint and
    :func:`packed` counts).

    >>> script({"terms": ["a"], "numbers": [0], "vectors": [[0, 1]]}, [{"title": "a"}])
    'self.__hbLunrIndex={"docs":1,"length":1,"terms":"a","numbers":"AA==","sizes":"AQ==","pairs":"AAE="};\\n'
    """
    payload = {**fingerprint(docs), **packed(counts)}
    return f"self.{GLOBAL_NAME}={json.dumps(payload, ensure_ascii=False, separators=(',', ':'))};\n"


def write_prebuilt_index(site_dir: Path) -> str | None:
    """Write ``search/lunr_index.js`` from the site's index; return a warning if it cannot be made.

    A file from an earlier build is removed first, so the worker never loads a stale one.
    """
    target = site_dir / PREBUILT_JS
    target.unlink(missing_ok=True)
    source = site_dir / INDEX
    if not source.is_file():
        return None
    data = json.loads(source.read_text(encoding="utf-8"))
    try:
        counts = term_counts(data["config"], data["docs"])
    except NotPrebuildable as reason:
        return f"搜索索引未预建 lunr index not prebuilt, the browser will build it: {reason}"
    target.write_text(script(counts, data["docs"]), encoding="utf-8")
    return None
