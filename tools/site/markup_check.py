"""Post-build check: no string from the data turned into markup in a written page.

The generator escapes every data string, but strings also reach the theme's own templates
(titles, labels), which do not escape them. This check reads the HTML as written and
reports what only an escaping failure produces:

- a ``<title>`` that is not exactly one element holding plain text (no ``<``, ``>`` or quote);
- a start tag whose raw text holds ``<`` or ``>`` inside an attribute value;
- an event-handler attribute (``onerror=`` …), which neither the theme nor the project writes;
- a URL attribute with a ``javascript:``, ``vbscript:`` or ``data:`` scheme (after removing the
  tabs, newlines and entities a browser ignores).

Inline scripts are checked by :mod:`tools.site.csp`, which allows only the theme's own.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc", "background"})
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
EMBEDDING = frozenset({"src", "xlink:href", "poster", "background"})  # attributes that embed, not navigate
_TITLE_OPEN = re.compile(r"<title\b", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def _url_scheme_is_bad(value: str, embedded_image: bool = False) -> bool:
    """Whether a URL, as a browser reads it (entities decoded, tabs/newlines/spaces ignored),
    uses a scheme that runs or embeds content. An image embedded as ``data:image/…`` (an
    ``<img src>``, not a link) is allowed: images cannot run script.

    >>> _url_scheme_is_bad("java\\tscript:alert(1)"), _url_scheme_is_bad(" JaVaScRiPt:x")
    (True, True)
    >>> _url_scheme_is_bad("https://example.com/javascript:x"), _url_scheme_is_bad("../a.html#data:")
    (False, False)
    """
    text = _IGNORED_IN_URL.sub("", html.unescape(value)).lower()
    return text.startswith(BAD_SCHEMES) and not (embedded_image and text.startswith("data:image/"))


def check_title(page: str) -> list[str]:
    """Problems with the document title: exactly one ``<title>`` in the head, plain text inside.

    >>> check_title("<head><title>a &lt;b&gt; - site</title></head>")
    []
    >>> check_title("<head><title>T</title><script>alert(1)</script> - site</title></head>")
    ['<title> is not one element: 1 opening and 2 closing tags in <head>']
    >>> print(*check_title('<head><title>a " b</title></head>'))
    <title> holds '"' unescaped: 'a " b'
    """
    end = _HEAD_END.search(page)
    head = page[: end.start()] if end else page
    opens, closes = list(_TITLE_OPEN.finditer(head)), list(_TITLE_CLOSE.finditer(head))
    if len(opens) != 1 or len(closes) != 1:
        return [f"<title> is not one element: {len(opens)} opening and {len(closes)} closing tags in <head>"]
    start = head.index(">", opens[0].start()) + 1
    text = head[start : closes[0].start()]
    return [f"<title> holds {char!r} unescaped: {text.strip()[:80]!r}" for char in "<>\"'" if char in text]


# Content the tag scan skips: comments and raw-text elements (scripts are checked by csp.py).
_SKIPPED = re.compile(r"<!--.*?-->|<(script|style|textarea|title)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# A start tag: name, then attributes whose values may be quoted (a quoted value may hold < or >).
_START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
# Matched against the lowered tag (faster than re.IGNORECASE, which also lets "ſ" stand for "s";
# browsers fold only ASCII case in attribute names and URL schemes, as lower() does here).
_WORTH_A_LOOK = re.compile(r"""[\s/"']on|script|data|&""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _line(page: str, offset: int) -> int:
    return page.count("\n", 0, offset) + 1


def check_tags(page: str) -> list[str]:
    """Problems in the start tags of a page (outside comments, scripts, styles and titles).

    A regular-expression scan rather than a full parse: the print page holds the whole
    handbook and this runs after every build, ``serve`` rebuilds included.

    >>> for problem in check_tags('<p title="a > b">x</p><script>if (a<b) x()</script>'): print(problem)
    line 1: <p> has '<' or '>' in an attribute: '<p title="a > b">'
    """
    problems = []
    text = _SKIPPED.sub(lambda m: "\n" * m.group(0).count("\n"), page)
    for tag in _START_TAG.finditer(text):
        name, raw = tag.group(1).lower(), tag.group(0)
        if "<" not in raw[1:] and ">" not in raw[:-1] and not _WORTH_A_LOOK.search(raw.lower()):
            continue  # the common case, decided without looking at each attribute
        found = []
        if "<" in raw[1:] or ">" in raw[:-1]:
            found.append(f"<{name}> has '<' or '>' in an attribute: {raw[:120]!r}")
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            key, value = attribute.group(1).lower(), attribute.group(2) or ""
            if value[:1] in "\"'":
                value = value[1:-1]
            if key.startswith("on"):
                found.append(f"<{name}> has an event-handler attribute {key}: {raw[:120]!r}")
            elif key in URL_ATTRIBUTES and value and _url_scheme_is_bad(value, embedded_image=key in EMBEDDING):
                found.append(f"<{name} {key}> uses a script or data URL: {html.unescape(value)[:80]!r}")
        if found:  # counting lines is slow on the print page; only a problem needs its line
            where = f"line {_line(text, tag.start())}"
            problems += [f"{where}: {problem}" for problem in found]
    return problems


def check_page(page: str) -> list[str]:
    """Every problem in one written page ([] when it is clean).

    >>> for problem in check_page('<head><title>x</title></head><a href="java&#x09;script:alert(1)">a</a><img src=x onerror=alert(1)>'): print(problem)
    line 1: <a href> uses a script or data URL: 'java\\tscript:alert(1)'
    line 1: <img> has an event-handler attribute onerror: '<img src=x onerror=alert(1)>'
    """
    return check_title(page) + check_tags(page)


def check_site(site_dir: Path, pages: list[Path] | None = None) -> list[str]:
    """Problems in every HTML page of a built site (or in ``pages``), each prefixed by the page's path."""
    problems = []
    for path in sorted(site_dir.rglob("*.html")) if pages is None else pages:
        for problem in check_page(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(site_dir).as_posix()}: {problem}")
    return problems
