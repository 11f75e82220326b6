import jieba

from tools.site.search_terms import glossary_terms, register_terms


def test_search_terms_are_split_by_plain_jieba() -> None:
    """Each glossary entry earns its place: plain jieba would cut it into parts."""
    jieba.initialize()
    fresh = jieba.Tokenizer()
    split = [term for term in glossary_terms() if list(fresh.cut(term)) != [term]]
    assert split == glossary_terms()


def test_search_terms_registered_stay_whole_in_a_sentence() -> None:
    register_terms(glossary_terms())
    for term in glossary_terms():
        assert term in list(jieba.cut(f"面试里问到{term}的细节")), term


def test_search_terms_glossary_has_no_repeats() -> None:
    terms = glossary_terms()
    assert len(terms) == len(set(terms))
