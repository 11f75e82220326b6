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
from html.parser import HTMLParser
from pathlib import Path

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc", "background"})
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_TITLE_OPEN = re.compile(r"<title\b", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def _url_scheme_is_bad(value: str) -> bool:
    """Whether a URL, as a browser reads it (entities decoded, tabs/newlines/spaces ignored),
    uses a scheme that runs or embeds content.

    >>> _url_scheme_is_bad("java\\tscript:alert(1)"), _url_scheme_is_bad(" JaVaScRiPt:x")
    (True, True)
    >>> _url_scheme_is_bad("https://example.com/javascript:x"), _url_scheme_is_bad("../a.html#data:")
    (False, False)
    """
    text = _IGNORED_IN_URL.sub("", html.unescape(value)).lower()
    return text.startswith(BAD_SCHEMES)


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


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        line, _ = self.getpos()
        inner = raw[1:-1]
        if "<" in inner or ">" in inner.rstrip("/"):
            self.problems.append(f"line {line}: <{tag}> has '<' or '>' in an attribute: {raw[:120]!r}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"line {line}: <{tag}> has an event-handler attribute {name}: {raw[:120]!r}")
            elif name in URL_ATTRIBUTES and value and _url_scheme_is_bad(value):
                self.problems.append(f"line {line}: <{tag} {name}> uses a script or data URL: {value[:80]!r}")

    handle_startendtag = handle_starttag


def check_page(page: str) -> list[str]:
    """Every problem in one written page ([] when it is clean).

    >>> for problem in check_page('<head><title>x</title></head><a href="java&#x09;script:alert(1)">a</a><img src=x onerror=alert(1)>'): print(problem)
    line 1: <a href> uses a script or data URL: 'java\\tscript:alert(1)'
    line 1: <img> has an event-handler attribute onerror: '<img src=x onerror=alert(1)>'
    """
    checker = _TagChecker()
    checker.feed(page)
    checker.close()
    return check_title(page) + checker.problems


def check_site(site_dir: Path) -> list[str]:
    """Problems in every HTML page of a built site, each prefixed by the page's path."""
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        for problem in check_page(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(site_dir).as_posix()}: {problem}")
    return problems
