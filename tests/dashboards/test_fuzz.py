"""Structural fuzz: markup-heavy strings from the data add no element and no attribute anywhere.

Hypothesis draws strings from :data:`structure.ALPHABET`; each set of strings is written as a
data folder twice, as drawn and neutral (see :mod:`tests.dashboards.structure`), and the two
outputs must have the same elements with the same attribute names on every page: first the
generator's Markdown rendered with the site's own Markdown settings (many examples, fast), then
a full ``mkdocs build --strict`` on one fixed, markup-dense set (a build pair takes a minute or two
on CI, and Hypothesis' first drawn example is its simplest, nearly markup-free, one).
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings, strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from tests.conftest import REPO_ROOT, build_site

from .conftest import KB_PAGES, TITLES, TODAY
from .structure import ALPHABET, differences, neutral, renamed, shape, site_shapes, slug_map, without_question_items, write_fuzz_data
from tools.dashboards.site import generate_tracker_site

# Non-empty after any stripping (role is required), distinct once neutral.
STRINGS = st.lists(st.text(ALPHABET, max_size=30).map(lambda s: "x" + s), min_size=3, max_size=6, unique_by=neutral)


@lru_cache(maxsize=1)
def _site_markdown() -> tuple[list, dict]:
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def render_pages(strings: list[str], folder: Path) -> dict[str, str]:
    """Every generated page as HTML (Markdown rendered as the site renders it)."""
    extensions, configs = _site_markdown()
    data = write_fuzz_data(folder, strings)
    generated = generate_tracker_site(data, public=False, anonymise=False, today=TODAY, pages_by_topic=KB_PAGES, topic_titles=TITLES)
    assert generated.problems == []
    pages = {}
    for path, text in generated.pages.items():
        body, meta = get_data(text)
        pages[path] = f"<title>{meta.get('title', '')}</title>" + markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)
    return pages


def test_fuzz_neutral_keeps_whitespace_and_distinctness():
    assert neutral("<a href='x'>\n\t") == "Āa href" + neutral("=") + neutral("'") + "x" + neutral("'") + "ā\n\t"
    assert len({neutral(c) for c in "<>&\"'"}) == 5


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(strings=STRINGS)
def test_fuzz_generator_markup_strings_add_no_element(strings):
    with tempfile.TemporaryDirectory() as hostile_dir, tempfile.TemporaryDirectory() as plain_dir:
        hostile = render_pages(strings, Path(hostile_dir))
        plain = render_pages([neutral(s) for s in strings], Path(plain_dir))
    slugs = slug_map(strings)
    hostile_shapes = without_question_items({renamed(path, slugs): shape(page) for path, page in hostile.items()})
    assert set(hostile_shapes) == set(plain)
    assert differences(hostile_shapes, without_question_items({path: shape(page) for path, page in plain.items()})) == []


# Strings that close their context (title, attribute, link, table, Jinja, comment) and flip text direction.
MARKUP_DENSE = [
    "x</title><script>alert(1)</script>",
    "x\"><img src=x onerror=alert(2)>",
    "x[a](javascript:alert(3)){: onclick=x} *b* `c` $d$ {{ e }} {% f %}",
    "x\n# h\n| t | u |\n---\n<!-- \u202e\x01",
    "x' onmouseover='y' &amp; &lt;b&gt; ~~s~~ ^^i^^ ==m== @n",
]


@pytest.mark.slow
@settings(phases=[Phase.explicit], suppress_health_check=[HealthCheck.too_slow])
@example(strings=MARKUP_DENSE)
@given(strings=STRINGS)
def test_fuzz_site_build_markup_strings_add_no_element(strings):
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        env = {"HANDBOOK_TODAY": "2026-11-23"}
        hostile = build_site(root / "hostile-site", {**env, "HANDBOOK_DATA": str(write_fuzz_data(root / "hostile", strings))})
        plain = build_site(root / "plain-site", {**env, "HANDBOOK_DATA": str(write_fuzz_data(root / "plain", [neutral(s) for s in strings]))})
        hostile_shapes = without_question_items(site_shapes(hostile.path, slug_map(strings)))
        plain_shapes = without_question_items(site_shapes(plain.path))
    assert len(hostile_shapes) > 150 and set(hostile_shapes) == set(plain_shapes)
    assert differences(hostile_shapes, plain_shapes) == []
