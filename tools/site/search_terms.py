"""Domain terms kept whole by jieba when the search index is built (``data/glossary.yaml``).

Material's search plugin segments Chinese page text with ``jieba.cut``; its browser worker then
segments a query greedily with the words of that index. A term jieba splits (行列式点过程 ->
行列式 / 点 / 过程) therefore matches everything that shares a part. Registering the term once,
before any page is indexed, makes index and query agree on it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

GLOSSARY = Path(__file__).resolve().parents[2] / "data" / "glossary.yaml"


def glossary_terms(path: Path = GLOSSARY) -> list[str]:
    """The terms of the glossary, in file order.

    >>> "行列式点过程" in glossary_terms()
    True
    """
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [str(term).strip() for term in raw.get("terms") or [] if str(term).strip()]


def register_terms(terms: list[str]) -> None:
    """Tell jieba to keep each term whole (a no-op without jieba, as Material's search is then)."""
    try:
        import jieba
    except ImportError:
        return
    for term in terms:
        jieba.add_word(term, freq=jieba.suggest_freq(term, tune=False) + 1000)
