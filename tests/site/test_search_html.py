"""search_html.lighten: formulas and code as text, and Material's search parser sees the same page."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from tools.site.search_html import lighten

FORMULA = '<math display="inline" xmlns="http://www.w3.org/1998/Math/MathML">\n<semantics><mrow><mi>Q</mi><msup>\n<mi>K</mi><mi>⊤</mi></msup></mrow><annotation encoding="application/x-tex">QK^\\top</annotation>\n</semantics></math>'
CODE = '<pre><span></span><code><a id="l1" href="#l1"></a><span class="k">def</span><span class="w"> </span><span class="nf">f</span><span class="p">():</span>\n    <span class="k">return</span> <span class="mi">1</span>\n</code></pre>'


def sections(page_html: str) -> list[tuple]:
    """What Material's search parser collects from ``page_html``: each section's heading tag, id,
    depth, title and text, as the plugin joins them."""
    parser = Parser()
    parser.feed(page_html)
    parser.close()
    return [(s.el.tag, s.id, s.depth, "".join(s.title), "".join(s.text)) for s in parser.data]


def test_search_html_lighten_keeps_a_formulas_text_with_its_outer_whitespace_apart() -> None:
    assert lighten(FORMULA) == "<math>\n<br>Q K⊤QK^\\top<br>\n</math>"


def test_search_html_lighten_keeps_only_the_tags_the_parser_keeps_in_code() -> None:
    assert lighten(CODE) == '<pre><code>def f():\n    return 1\n</code></pre>'


def test_search_html_lighten_gives_the_same_sections_around_formulas_and_code() -> None:
    page = (
        f'<h1 id="t">标题 {FORMULA}</h1><p>前文 {FORMULA} 后文</p>'
        f'<h2 id="a">A</h2><p>a<span> </span>{FORMULA}<span> </span>b</p>{CODE}'
        f'<ul><li>{FORMULA}</li></ul><p>&amp; <math><mi>&lt;</mi><mo>&#160;</mo><mi>x</mi></math></p>'
    )
    light = lighten(page)
    assert light.count("<") < page.count("<") / 2
    assert sections(light) == sections(page)


def test_search_html_lighten_drops_a_leading_whitespace_run_as_the_parser_does() -> None:
    # The run before the formula is whitespace, so the parser drops the formula's leading "\n";
    # joined into the formula's text it would stay and give "a  Q K⊤".
    page = f"<p>a<span> </span>{FORMULA}</p>"
    assert sections(lighten(page)) == sections(page)
    assert sections(page)[0][4] == "<p>a Q K⊤QK^\\top </p>"


def test_search_html_lighten_leaves_what_it_cannot_reduce_alone() -> None:
    two_blank_runs = "<math><mi>x</mi> <mrow> </mrow><mi>y</mi></math>"
    unclosed = "<math><mi>x<mi>y</mi></math>"
    excluded = f'<div data-search-exclude>{FORMULA}</div>'
    heading_in_code = "<pre><h2 id='x'>x</h2></pre>"
    formula_in_code = f"<pre>{FORMULA}</pre>"
    for page in (two_blank_runs, unclosed, excluded, heading_in_code, formula_in_code):
        assert lighten(page) == page


def test_search_html_lighten_reads_a_quoted_greater_than_inside_a_tag() -> None:
    page = '<p><math alttext="a>b"><mi>a</mi><mo>&gt;</mo><mi>b</mi></math></p>'
    assert lighten(page) == "<p><math>a&gt;b</math></p>"
    assert sections(lighten(page)) == sections(page)


# Pieces of pages: runs of text (whitespace, a no-break space, escapes), formulas and code blocks
# made of them, inside paragraphs, list items and headings.
RUNS = st.sampled_from(["", " ", "\n", "  \n ", "&#160;", "x", "注意力", "a\nb", "&amp;", "&lt;", " y "])
TOKEN = st.tuples(st.sampled_from(["mi", "mo", "mrow", "span"]), RUNS).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>")
INNER = st.lists(st.one_of(RUNS, TOKEN), max_size=6).map("".join)
FORMULA_PIECE = INNER.map(lambda inner: f"<math><mrow>{inner}</mrow></math>") | INNER.map(lambda inner: f"<math>{inner}</math>")
CODE_PIECE = INNER.map(lambda inner: f'<pre><span></span><code>{inner.replace("mi>", "b>")}</code></pre>')
INLINE = st.lists(st.one_of(RUNS, TOKEN, FORMULA_PIECE), max_size=5).map("".join)
BLOCK = st.one_of(
    INLINE.map(lambda inline: f"<p>{inline}</p>"),
    INLINE.map(lambda inline: f"<ul><li>{inline}</li></ul>"),
    st.tuples(st.sampled_from(["h1", "h2", "h3"]), st.integers(0, 9), INLINE).map(lambda t: f'<{t[0]} id="s{t[1]}">{t[2]}</{t[0]}>'),
    CODE_PIECE,
    INLINE,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(BLOCK, max_size=6).map("".join))
def test_search_html_lighten_gives_the_same_sections_for_any_mix_of_pieces(page: str) -> None:
    assert sections(lighten(page)) == sections(page)


def test_search_html_lighten_gives_the_same_sections_on_every_built_page(built_site) -> None:
    """Every page the site builds: its article as the parser sees it, reduced and not."""
    tags_before = tags_after = 0
    pages = sorted(built_site.path.rglob("*.html"))
    for path in pages:
        article = re.search(r"<article\b.*?</article>", path.read_text(encoding="utf-8"), re.S)
        if article is None or path.name == "print_page.html":
            continue
        light = lighten(article.group())
        assert sections(light) == sections(article.group()), path.relative_to(built_site.path)
        tags_before += article.group().count("<")
        tags_after += light.count("<")
    assert len(pages) > 200 and tags_after < 0.5 * tags_before
