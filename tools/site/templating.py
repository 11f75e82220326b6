"""The one Jinja environment for generated pages: strict and escaping by default.

Templates only loop and format. Autoescaping is on for every template (Markdown pages too:
Markdown passes HTML entities through, so an escaped string renders as the original text and
a string from the data can never become markup).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

TEMPLATES_DIR = Path(__file__).parent / "templates"


@lru_cache(maxsize=None)
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template_name: str, **context: object) -> str:
    return environment().get_template(template_name).render(**context)
