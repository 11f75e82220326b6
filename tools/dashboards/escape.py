"""Make strings from the tracker data inert wherever they land in a generated page.

Generated pages are Markdown that may contain HTML, and several Markdown extensions give
meaning to plain punctuation (links ``[x](y)``, attribute lists ``{: onclick=…}``, math
``$…$``, snippets ``--8<--``, emoji ``:x:``, tables ``|``). :func:`md_text` turns every such
character into a numeric HTML entity: Markdown leaves entities alone and the browser shows
the original character, so a value reads exactly as typed and can never become markup.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import quote, urlsplit

# Characters with a meaning to HTML or to one of the site's Markdown extensions.
_SPECIAL = "&<>\"'\\`*_{}[]()#+-!|$:~^=%@"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_TABLE[0] = "\ufffd"
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def md_text(value: object) -> str:
    """Inline-safe text: every Markdown/HTML metacharacter as an entity, line breaks as ``<br>``.

    Works in table cells, list items, headings and HTML attribute values alike.

    >>> md_text("a|b\\n[x](javascript:alert(1))")
    'a&#124;b<br>&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;'
    >>> md_text("<script>")
    '&#60;script&#62;'
    >>> md_text(None)
    ''
    """
    if value is None:
        return ""
    text = str(value).translate(_TABLE)
    return _LINE_BREAK.sub("<br>", text)


def md_cell(value: object) -> str:
    """A Markdown table cell: like :func:`md_text`; an empty value shows as an en dash.

    >>> md_cell("")
    '–'
    >>> md_cell("1 | 2")
    '1 &#124; 2'
    """
    text = md_text(value)
    return text if text.strip() else "–"


def safe_url(value: object) -> str | None:
    """An absolute http(s) URL fit for an ``href``, or ``None`` for anything else.

    ``javascript:``, ``data:``, relative and scheme-less values are dropped; characters
    that could leave an attribute or start markup are percent-encoded.

    >>> safe_url("https://jobs.example.com/a b?x=1&y=\\"2\\"")
    'https://jobs.example.com/a%20b?x=1&y=%222%22'
    >>> safe_url("javascript:alert(1)") is None, safe_url(" JavaScript:alert(1)") is None
    (True, True)
    >>> safe_url("data:text/html,<script>") is None, safe_url("//evil.example") is None
    (True, True)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if any(ord(c) < 32 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Brackets, parentheses, $ and backticks are encoded so no Markdown inline pattern
    # (links, math, code) can match inside the attribute; "==" would start a highlight.
    return quote(text, safe="/:?#@!&*+,;=%~-._").replace("==", "=%3D")


def link_html(text: object, url: object) -> str:
    """An external link as inline HTML, or the text alone when the URL is not http(s).

    >>> link_html("官网", "https://example.com/jobs")
    '<a href="https://example.com/jobs" rel="noopener noreferrer nofollow">官网</a>'
    >>> link_html("x", "javascript:alert(1)")
    'x'
    """
    href = safe_url(url)
    label = md_text(text)
    if href is None:
        return label
    # The URL is percent-encoded already; only & needs an entity inside the attribute.
    return f'<a href="{href.replace("&", "&amp;")}" rel="noopener noreferrer nofollow">{label}</a>'


# Characters that could start markup or end a quoted attribute, swapped for full-width look-alikes.
_TITLE_TABLE = {ord(c): chr(ord(c) + 0xFEE0) for c in "<>&\"'`"}
TITLE_LIMIT = 80


def plain_title(value: object, limit: int = TITLE_LIMIT) -> str:
    """A page title that is plain text in every place the theme puts it.

    Material writes ``page.meta.title`` unescaped into ``<title>`` and the header, and
    ``page.title | striptags`` (which decodes entities) elsewhere, so an escaped title is not
    enough: the title itself must hold no ``<``, ``>``, ``&`` or quote. Those become their
    full-width forms; control and format characters (NUL, bidi overrides, zero-width) are
    dropped; whitespace runs become one space; long titles end in an ellipsis.

    >>> plain_title('T</title><script>alert("1")</script>')
    'T＜/title＞＜script＞alert(＂1＂)＜/script＞'
    >>> plain_title("A\\u202e\\x00B\\n\\tC &amp; D")
    'AB C ＆amp; D'
    >>> plain_title("长" * 100) == "长" * 79 + "…"
    True
    """
    if value is None:
        return ""
    kept = []
    for char in str(value):
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category[0] == "C":  # Cc control, Cf format (bidi, zero-width), Cs, Co, Cn
            continue
        else:
            kept.append(char)
    text = " ".join("".join(kept).split()).translate(_TITLE_TABLE)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def front_matter_title(value: object) -> str:
    """A ``title:`` line for YAML front matter holding :func:`plain_title` of ``value``.

    JSON strings are YAML double-quoted scalars, so nothing in the title is read as YAML.

    >>> front_matter_title("a: #b")
    'title: "a: #b"'
    """
    return "title: " + json.dumps(plain_title(value) or "–", ensure_ascii=False)


def printable(text: str) -> str:
    """``text`` for a terminal or log: control and format characters as ``\\x..``/``\\u....``
    escapes, so a cell cannot move the cursor, recolour the terminal or reverse the line (bidi).

    >>> printable("a\\x1b[2Jb\\u202ec\\n")
    'a\\\\x1b[2Jb\\\\u202ec\\\\x0a'
    """
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
