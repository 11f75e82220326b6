"""A :class:`~tools.tracker.mianjing.Post` as Markdown: for pasting elsewhere, or for the site.

The post is Markdown that its author pastes into a forum, a blog or a README, so every value
from the data is escaped for Markdown: ``< > &`` become entities (no HTML tag can start), the
characters of links, emphasis and code get a backslash, control and bidi characters are dropped
and line breaks become spaces; the result reads as typed in CommonMark and Python-Markdown alike. The
site's preview page uses the site's own escaper (:func:`tools.dashboards.escape.md_text`)
instead. Links point at the knowledge base: absolute URLs from ``site_url`` for a post, paths
relative to the preview page on the site.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Callable
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from tools.dashboards.escape import front_matter_title, md_text, safe_url
from tools.site.templating import make_environment

from .mianjing import Post, Ref

TEMPLATES = Path(__file__).parent / "templates"
# Backslash escapes that both CommonMark and Python-Markdown understand; Python-Markdown has no
# escape for < > &, so those become the entities every Markdown renderer passes through as text.
_POST_TABLE = {**{ord(c): "\\" + c for c in "\\`*_[]"}, ord("<"): "&lt;", ord(">"): "&gt;", ord("&"): "&amp;"}
GROUP_IDS = {"八股": "basics", "项目": "projects", "手撕": "coding", "开放题": "open"}

Escape = Callable[[object], str]


def post_text(value: object) -> str:
    """Plain text that stays plain text in any CommonMark renderer.

    >>> print(post_text("[x](javascript:alert(1)) <script>a*b_c</script> R&D"))
    \\[x\\](javascript:alert(1)) &lt;script&gt;a\\*b\\_c&lt;/script&gt; R&amp;D
    >>> post_text("a\\nb\\u202ec\\x00")
    'a bc'
    """
    if value is None:
        return ""
    kept = []
    for char in str(value):
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char)[0] != "C":
            kept.append(char)
    return " ".join("".join(kept).split()).translate(_POST_TABLE)


def page_url(site_url: str, page: str, anchor: str = "") -> str:
    """The address of a docs-relative page under ``site_url``. The site is built with the offline
    plugin, which turns directory URLs off, so ``x/y.md`` is served as ``x/y.html``.

    >>> page_url("https://x.github.io/h/", "kb/llm/rag.md", "answer"), page_url("https://x.io/h", "code/index.md")
    ('https://x.github.io/h/kb/llm/rag.html#answer', 'https://x.io/h/code/index.html')
    """
    path = PurePosixPath(page).with_suffix(".html")
    url = site_url.rstrip("/") + "/" + "/".join(quote(p) for p in path.parts)
    return url + (f"#{quote(anchor)}" if anchor else "")


def _finalizer(escape: Escape) -> Callable[[object], object]:
    def finalize(value: object) -> object:
        if isinstance(value, Markup):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Markup(str(value))
        return Markup(escape(value))

    return finalize


@lru_cache(maxsize=None)
def _environment(escape: Escape) -> jinja2.Environment:
    # Markdown output: no HTML autoescaping; the finalizer escapes every value for Markdown instead.
    return make_environment(TEMPLATES, autoescape=False, finalize=_finalizer(escape),
                            comment_start_string="<%#", comment_end_string="#%>")


def _render(post: Post, escape: Escape, href: Callable[[Ref], str | None], *, heading_ids: bool, front: str = "") -> str:
    def link(ref: Ref) -> Markup:
        target = href(ref) if ref.page else None
        return Markup(f"[{escape(ref.text)}]({target})" if target else escape(ref.text))

    def hid(name: str) -> Markup:
        return Markup(f" {{#{name}}}" if heading_ids else "")

    template = _environment(escape).get_template("mianjing.md.j2")
    return template.render(post=post, link=link, hid=hid, group_ids=GROUP_IDS, front=Markup(front))


def post_markdown(post: Post, site_url: str | None) -> str:
    """The post to paste elsewhere; knowledge-base links only when ``site_url`` is an http(s) URL."""
    base = safe_url(site_url) if site_url else None

    def href(ref: Ref) -> str | None:
        return page_url(base, ref.page, ref.anchor) if base else None

    return _render(post, post_text, href, heading_ids=False)


def preview_markdown(post: Post, prefix: str, note: str) -> str:
    """The post as a page of this site: ``prefix`` leads from the page to the docs root; ``note``
    (Markdown written by the caller, not data) goes under the title."""

    def href(ref: Ref) -> str:
        return prefix + ref.page + (f"#{ref.anchor}" if ref.anchor else "")

    front = "---\n" + front_matter_title(post.title) + "\nsearch:\n  exclude: true\n---\n"
    body = _render(post, md_text, href, heading_ids=True, front=front)
    title_end = body.index("\n", len(front)) + 1
    return body[:title_end] + "\n" + note + "\n" + body[title_end:]
