"""The project's Jinja environments for generated pages: strict and escaping by default.

Templates only loop and format. Autoescaping is on for every template (Markdown pages too:
Markdown passes HTML entities through, so an escaped string renders as the original text and
a string from the data can never become markup).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES_DIR = Path(__file__).parent / "templates"


def make_environment(templates_dir: Path, **options: Any) -> jinja2.Environment:
    """A strict, autoescaping environment over ``templates_dir``; ``options`` add to the defaults."""
    settings: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": True,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
        **options,
    }
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), **settings)


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    return make_environment(TEMPLATES_DIR)


def render(template_name: str, **context: object) -> str:
    return environment().get_template(template_name).render(**context)
