from pathlib import Path

import jieba
import pytest

from tools.site.search_terms import (
    Entry,
    GlossaryError,
    glossary_terms,
    load_glossary,
    parse_glossary,
    register_terms,
    worker_glossary,
)


def test_search_terms_each_chinese_form_earns_its_place() -> None:
    """A Chinese form is in the glossary because plain jieba would cut it, or because it has
    synonyms to find (BN -> 批归一化)."""
    jieba.initialize()
    fresh = jieba.Tokenizer()
    idle = [
        form
        for entry in load_glossary()
        for form in entry.forms
        if form in glossary_terms() and list(fresh.cut(form)) == [form] and not entry.synonyms
    ]
    assert idle == []


def test_search_terms_registered_stay_whole_in_a_sentence() -> None:
    register_terms(glossary_terms())
    split = [term for term in glossary_terms() if term not in list(jieba.cut(f"面试里问到{term}的细节"))]
    assert split == []


def test_search_terms_glossary_file_is_valid() -> None:
    entries = load_glossary()
    assert len(entries) >= 50
    assert Entry("批归一化", ("BN", "BatchNorm", "批量归一化", "batch normalization")) in entries


def test_parse_glossary_accepts_bare_terms_and_synonyms() -> None:
    assert parse_glossary({"terms": ["空洞卷积", {"term": "混合专家", "synonyms": ["MoE", "mixture of experts"]}]}) == [
        Entry("空洞卷积"),
        Entry("混合专家", ("MoE", "mixture of experts")),
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (["空洞卷积"], "x.yaml: expected a mapping with a list under 'terms'"),
        ({"terms": [3]}, "x.yaml: entry 1: expected a term or a mapping with 'term' and 'synonyms', got 3"),
        ({"terms": [{"synonyms": ["BN"]}]}, "x.yaml: entry 1: 'term' must be a non-empty string, got None"),
        ({"terms": [{"term": "BN"}]}, "x.yaml: entry 1 (BN): the term 'BN' must be Chinese (Han characters only); put Latin names under synonyms"),
        ({"terms": [{"term": "批归一化", "synonyms": "BN"}]}, "x.yaml: entry 1 (批归一化): 'synonyms' must be a list of non-empty strings, got 'BN'"),
        ({"terms": [{"term": "批归一化", "alias": ["BN"]}]}, "x.yaml: entry 1 (批归一化): unknown key 'alias' (allowed: synonyms, term)"),
        ({"terms": [{"term": "批归一化", "synonyms": ["BN 层"]}]}, "x.yaml: entry 1 (批归一化): 'BN 层' mixes Chinese and Latin; write it as two forms"),
        ({"terms": [{"term": "批归一化", "synonyms": ["批"]}]}, "x.yaml: entry 1 (批归一化): '批' is a single character; jieba would keep it whole everywhere"),
        (
            {"terms": [{"term": "批归一化", "synonyms": ["BN"]}, {"term": "贝叶斯网络", "synonyms": ["bn"]}]},
            "x.yaml: entry 2 (贝叶斯网络): 'bn' is already a form of entry 1",
        ),
    ],
)
def test_parse_glossary_names_each_problem(raw: object, message: str) -> None:
    with pytest.raises(GlossaryError) as error:
        parse_glossary(raw, "x.yaml")
    assert str(error.value) == message


def test_parse_glossary_lists_all_problems_at_once() -> None:
    with pytest.raises(GlossaryError) as error:
        parse_glossary({"terms": ["归", {"term": "批归一化", "synonyms": ["BN 层"]}]}, "x.yaml")
    assert str(error.value).splitlines() == [
        "x.yaml: entry 1 (归): '归' is a single character; jieba would keep it whole everywhere",
        "x.yaml: entry 2 (批归一化): 'BN 层' mixes Chinese and Latin; write it as two forms",
    ]


def test_load_glossary_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text("terms: {}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=f"^{path}: expected a mapping with a list under 'terms'$"):
        load_glossary(path)


def test_worker_glossary_has_chinese_words_groups_and_plain_parts() -> None:
    entries = [Entry("非极大值抑制", ("NMS",)), Entry("行列式点过程")]
    assert worker_glossary(entries) == {
        "terms": ["非极大值抑制", "行列式点过程"],
        "synonyms": [["非极大值抑制", "NMS"]],
        "parts": {"非极大值抑制": ["极大值", "抑制"], "行列式点过程": ["行列式", "过程"]},
    }
