"""The print page's anchor rewrite: ours must return exactly what mkdocs-print-site-plugin's does."""

from __future__ import annotations

import pytest
from mkdocs_print_site_plugin import urls

from tools.site import print_page
from tools.site.print_page import speed_up_print_site, update_anchor_ids

PLUGIN = getattr(urls.update_anchor_ids, "handbook_original", urls.update_anchor_ids)

CASES = [
    '<h1 id="标题">标题<a class="headerlink" href="#标题">&para;</a></h1>\n<p>这是一段没有空格的中文<code>x</code>说明文字</p>',
    '<p>正文<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>继续</p>\n<li id="fn:1"><p>脚注</p></li>',
    '<td class="code"><span id="__span-0-1"><a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>'
    '<span class="kn">import</span> <span class="nn">torch</span></span></td>',
    '<H2 ID="upper">A</H2>\n<h3 id="no-close">B',
    '<x-id="5">\n<li class="a" id="a">same</li>\n<li class="a" id="a">same</li>',
    '<div class="admonition"><h2 id="q">问</h2><h3 id="q-1">q</h3></div>',
    '<p>a</p>',
]


@pytest.mark.parametrize("html", CASES)
def test_update_anchor_ids_matches_the_plugin(html: str) -> None:
    assert update_anchor_ids(html, "kb-llm-rope") == PLUGIN(html, "kb-llm-rope")


def test_update_anchor_ids_prefixes_heading_and_footnote_ids() -> None:
    html = '<h2 id="answer">答</h2>\n<li id="fn:1">注</li>\n<div id="keep">x</div>'
    assert update_anchor_ids(html, "kb-a") == '<h2 id="kb-a-answer">答</h2>\n<li id="kb-a-fn:1">注</li>\n<div id="keep">x</div>'


def test_update_anchor_ids_uses_the_fallback_when_an_id_spans_lines() -> None:
    html = '<h2 id="a\nb">x</h2>'
    with pytest.raises(ValueError):
        update_anchor_ids(html, "k")
    assert update_anchor_ids(html, "k", fallback=lambda page, key: "fallback") == "fallback"


def test_speed_up_print_site_refuses_a_changed_plugin_function(monkeypatch: pytest.MonkeyPatch) -> None:
    def changed(page_html: str, page_key: str) -> str:
        return page_html

    monkeypatch.setattr(urls, "update_anchor_ids", changed)
    assert speed_up_print_site() is False
    assert urls.update_anchor_ids is changed


def test_speed_up_print_site_replaces_the_plugin_function_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "update_anchor_ids", PLUGIN)
    assert speed_up_print_site() is True
    fast = urls.update_anchor_ids
    assert fast.handbook_original is PLUGIN
    assert speed_up_print_site() is True and urls.update_anchor_ids is fast  # a second on_config keeps it
    assert fast('<h2 id="x">t</h2>', "p") == '<h2 id="p-x">t</h2>'
    assert print_page.PLUGIN_CHANGED_TAGS == ("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li")
