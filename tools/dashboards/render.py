"""Jinja environment for the dashboard templates: strict, and every data string made inert.

Same settings as ``tools.site.templating`` (StrictUndefined, autoescape) plus a ``finalize``
hook: any plain string printed by a template goes through :func:`escape.md_text`, so a value
is safe as Markdown and as HTML even where a template forgets a filter. Only ``Markup``
built by the helpers below (internal links, chart blocks, external links) passes unchanged.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from tools.site.templating import make_environment

from .escape import front_matter_title, link_html, md_cell, md_text
from .funnel import percent

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Markup(str(value))
    return Markup(md_text(value))


def md_link(text: object, href: str, anchor: str = "") -> Markup:
    """A Markdown link to a page we generate (``href`` is ours, never from the data)."""
    target = href + (f"#{anchor}" if anchor else "")
    return Markup(f"[{md_text(text)}]({target})")


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = make_environment(
        TEMPLATES,
        finalize=_finalize,
        # Markdown heading ids are written {#id}: Jinja comments get other delimiters.
        comment_start_string="<%#",
        comment_end_string="#%>",
    )
    env.filters["cell"] = lambda v: Markup(md_cell(v))
    env.filters["pct"] = lambda v: Markup(percent(v))
    env.filters["url"] = lambda text, url: Markup(link_html(text, url))
    # Front matter of a page whose title comes from the data (plain text, quoted for YAML).
    env.filters["front_title"] = lambda v: Markup(front_matter_title(v))
    env.globals["link"] = md_link
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
