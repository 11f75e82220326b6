"""Index side and query side of search agree on every glossary form.

Index side: Material's search plugin segmenting text with jieba (the glossary registered, as the
build does), then split at the index's separator as lunr does. Query side: the glossary code
that the build prepended to the search worker, run in Chromium with the config the build wrote.
"""

from __future__ import annotations

import json
import re

import jieba
import pytest
from material.plugins.search.plugin import SearchIndex

from tests.conftest import BuiltSite
from tools.site.search_query import tag_words
from tools.site.search_terms import glossary_terms, load_glossary, register_terms, worker_glossary

pytestmark = pytest.mark.browser

PROLOGUE = re.compile(r"/\* hb-glossary-query:start .*?/\* hb-glossary-query:end \*/", re.S)
CONTEXT = "面试里问到{}的细节"


@pytest.fixture(scope="module")
def index_json(built_site: BuiltSite) -> dict:
    return json.loads((built_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index_config(index_json: dict) -> dict:
    return index_json["config"]


@pytest.fixture(scope="module")
def query_side(browser, built_site: BuiltSite, index_config: dict):
    """A page running the worker's glossary code exactly as built, set up with the built config."""
    (worker,) = (built_site.path / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    (code,) = PROLOGUE.findall(worker.read_text(encoding="utf-8"))
    page = browser.new_page()
    page.evaluate(f"{code}\nself.hbGlossaryQuery = hbGlossaryQuery; hbGlossaryQuery.setup({json.dumps(index_config)});")
    yield page
    page.close()


def index_tokens(text: str, separator: str) -> list[str]:
    register_terms(glossary_terms())
    jieba.initialize()
    segmented = SearchIndex()._segment_chinese(text)
    return [token.lower() for token in re.split(separator, segmented) if token]


def browser_tokens(page, texts: list[str]) -> list[list[str]]:
    return page.evaluate("texts => texts.map((text) => hbGlossaryQuery.tokens(text))", texts)


def test_search_sides_built_config_carries_the_glossary(index_json: dict) -> None:
    assert index_json["config"]["glossary"] == worker_glossary(load_glossary(), whole=tag_words(index_json["docs"]))
    assert index_json["config"]["glossary"]["parts"]["位置编码"] == ["位置", "编码"]  # a tag, split in titles


def test_search_sides_cut_every_glossary_form_alike(query_side, index_config: dict) -> None:
    forms = [form for entry in load_glossary() for form in entry.forms]
    index = [index_tokens(form, index_config["separator"]) for form in forms]
    browser = browser_tokens(query_side, forms)
    disagree = [(form, i, b) for form, i, b in zip(forms, index, browser, strict=True) if i != b]
    assert disagree == []
    assert index[forms.index("top-p")] == ["top", "p"]


def test_search_sides_keep_each_chinese_form_whole_in_a_sentence(query_side, index_config: dict) -> None:
    terms = glossary_terms()
    browser = browser_tokens(query_side, [CONTEXT.format(term) for term in terms])
    split = [
        term
        for term, tokens in zip(terms, browser, strict=True)
        if term not in tokens or term not in index_tokens(CONTEXT.format(term), index_config["separator"])
    ]
    assert split == []


@pytest.mark.parametrize(
    ("query", "vocabulary", "rewritten", "weighed"),
    [
        # a synonym adds the other one-word forms the index has; the typed word weighs 10x
        ("BN", ["bn", "批归一化", "batchnorm"], "bn", "bn*^10 bn^10 批归一化* batchnorm*"),
        ("批量归一化", ["批归一化", "bn"], "批量归一化", "批量归一化*^10 批量归一化^10 批归一化* bn*"),
        # a Latin form of several words finds its entry; one-letter tokens are exact
        ("top-p 采样", ["核采样", "top"], "top p^1 采样", "top*^10 top^10 p^10 采样*^10 采样^10 核采样*"),
        ("Batch Normalization", ["bn"], "batch normalization", "batch*^10 batch^10 normalization*^10 normalization^10 bn*"),
        # a glossary word adds its plain parts; a part adds the glossary words containing it
        ("多头注意力", ["多头", "注意力", "mha"], "多头注意力", "多头注意力*^10 多头注意力^10 mha* 多头* 注意力*"),
        ("极大值", ["非极大值抑制"], "极大值", "极大值*^10 极大值^10 非极大值抑制*"),
        # glossary words are cut out of a longer run; nothing is added that the index lacks
        ("什么是非极大值抑制", [], "什么是 非极大值抑制", "什么是*^10 什么是^10 非极大值抑制*^10 非极大值抑制^10"),
    ],
)
def test_search_sides_rewrite_and_weigh_exactly(query_side, query: str, vocabulary: list[str], rewritten: str, weighed: str) -> None:
    """weigh() gets Material's formatting of the rewritten query: Han runs cut by the index
    words and a * added to every term; here each word is assumed to be one index word."""
    result = query_side.evaluate(
        """([query, vocabulary]) => {
            const rewritten = hbGlossaryQuery.rewrite(query, Object.fromEntries(vocabulary.map((w) => [w, {}])));
            const formatted = rewritten.split(" ").map((t) => (t.endsWith("^1") ? t : `${t}*`)).join(" ");
            return [rewritten, hbGlossaryQuery.weigh(formatted)];
        }""",
        [query, vocabulary],
    )
    assert result == [rewritten, weighed]


def test_search_sides_weigh_drops_both_stars_of_a_han_word_material_cut(query_side) -> None:
    """Material formats 语义分割 (cut by the index's words) as "语义** 分割*"; the exact clause
    must be 语义^10, not a second prefix clause 语义*^10."""
    weighed = query_side.evaluate(
        """() => { hbGlossaryQuery.rewrite("语义分割", {}); return hbGlossaryQuery.weigh("语义** 分割*"); }"""
    )
    assert weighed == "语义*^10 语义^10 分割*^10 分割^10"


SECTIONS = [
    {"location": "kb/kv.html", "title": "推理加速:<mark>KV</mark> 缓存", "boost": 3, "score": 9, "tags": ["大模型"], "terms": {"kv": True, "cache": True}},
    {"location": "code/kv.html", "title": "KV cache 解码", "score": 2, "tags": ["<mark>手撕</mark>", "PyTorch"], "terms": {"手撕": True, "kv": True, "cache": True}},
    {"location": "code/other.html", "title": "其他", "score": 5, "tags": ["手撕"], "terms": {"手撕": True, "kv": True}},
]
# 召回: a tie of two knowledge pages; the one whose title subject (before the colon) has the word wins
RECALL = [
    {"location": "kb/arch.html", "title": "推荐\u200b系统:<mark>召回</mark>\u200b、粗排", "boost": 3, "score": 10, "terms": {"召回": True}},
    {"location": "kb/recall.html", "title": "<mark>召回</mark>\u200b:协同过滤", "boost": 3, "score": 10, "terms": {"召回": True}},
    {"location": "kb/recall.html#two-tower", "title": "召回", "boost": 3, "score": 12, "terms": {"召回": True}},
    {"location": "code/recall.html", "title": "召回", "score": 11, "terms": {"召回": True}},
]


@pytest.mark.parametrize(
    ("formatted", "locations"),
    [
        # 手撕 asks for code pages: the one matching every other typed word goes first
        ("手撕* kv* cache*", ["code/kv.html", "kb/kv.html", "code/other.html"]),
        ("kv* 手写* cache*", ["code/kv.html", "kb/kv.html", "code/other.html"]),
        # no intent word, or nothing typed beside it: Material's order by score
        ("kv* cache*", ["kb/kv.html", "code/other.html", "code/kv.html"]),
        ("手撕*", ["kb/kv.html", "code/other.html", "code/kv.html"]),
    ],
)
def test_search_sides_order_puts_what_an_intent_word_asks_for_first(query_side, formatted: str, locations: list[str]) -> None:
    assert order_of(query_side, formatted, SECTIONS) == locations


@pytest.mark.parametrize(
    ("formatted", "locations"),
    [
        # kb/recall.html counts 10 * 2; a subsection or a page without the knowledge boost does not
        ("召回*", ["kb/recall.html", "kb/recall.html#two-tower", "code/recall.html", "kb/arch.html"]),
        # every typed word must be in the subject: 系统 is only in kb/arch.html's
        ("召回* 系统*", ["kb/recall.html#two-tower", "code/recall.html", "kb/arch.html", "kb/recall.html"]),
    ],
)
def test_search_sides_order_ranks_a_knowledge_page_named_by_the_query_higher(query_side, formatted: str, locations: list[str]) -> None:
    assert order_of(query_side, formatted, RECALL) == locations


def order_of(query_side, formatted: str, sections: list[dict]) -> list[str]:
    return query_side.evaluate(
        """([formatted, sections]) => {
            hbGlossaryQuery.rewrite(formatted.replaceAll("*", ""), {});
            hbGlossaryQuery.weigh(formatted);
            return sections.sort(hbGlossaryQuery.order).map((s) => s.location);
        }""",
        [formatted, sections],
    )
