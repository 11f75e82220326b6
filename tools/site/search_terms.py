"""The search glossary (``data/glossary.yaml``): domain terms and their 中英 synonyms.

One file serves both sides of search:

- **Index side.** Material's search plugin segments Chinese page text with ``jieba.cut``. A term
  jieba splits (行列式点过程 -> 行列式 / 点 / 过程) matches everything that shares a part, so every
  Chinese form in the glossary is registered with jieba before any page is indexed.
- **Query side.** :func:`worker_glossary` is written into the search index's ``config``; the
  worker patch in ``tools/site/search_query.py`` segments a query with the same terms and adds
  the synonyms of every form it finds (BN -> 批归一化).

An entry is either a bare term or ``{term: ..., synonyms: [...]}``. Each form is either Chinese
(Han characters only, kept whole by jieba) or Latin (no Han character; lunr splits it at the
search separator, as it does in page text). A mixed name such as ``KV 缓存`` is written as two
forms, so that both sides cut it the same way.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

GLOSSARY = Path(__file__).resolve().parents[2] / "data" / "glossary.yaml"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ENTRY_KEYS = {"term", "synonyms"}


class GlossaryError(ValueError):
    """The glossary file breaks the schema; the message lists every problem."""


@dataclass(frozen=True)
class Entry:
    term: str
    synonyms: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.synonyms)


def is_chinese(form: str) -> bool:
    """
    >>> is_chinese("批归一化"), is_chinese("BN"), is_chinese("KV 缓存")
    (True, False, False)
    """
    return all(HAN.match(char) for char in form)


def parse_glossary(raw: object, source: str = "data/glossary.yaml") -> list[Entry]:
    """Entries of a loaded glossary file; raises :class:`GlossaryError` naming each problem.

    >>> parse_glossary({"terms": ["空洞卷积", {"term": "批归一化", "synonyms": ["BN"]}]})
    [Entry(term='空洞卷积', synonyms=()), Entry(term='批归一化', synonyms=('BN',))]
    >>> parse_glossary({"terms": [{"term": "批归一化", "synonyms": ["BN 层"]}]})
    Traceback (most recent call last):
    ...
    tools.site.search_terms.GlossaryError: data/glossary.yaml: entry 1 (批归一化): 'BN 层' mixes Chinese and Latin; write it as two forms
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("terms"), list):
        raise GlossaryError(f"{source}: expected a mapping with a list under 'terms'")
    problems: list[str] = []
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(raw["terms"], start=1):
        entry, entry_problems = _parse_entry(item)
        label = f"entry {number}" + (f" ({entry.term})" if entry else "")
        problems += [f"{label}: {problem}" for problem in entry_problems]
        if entry is None or entry_problems:
            continue
        for form in entry.forms:
            key = form.casefold()
            if key in seen:
                problems.append(f"{label}: '{form}' is already a form of entry {seen[key]}")
            seen.setdefault(key, number)
        entries.append(entry)
    if problems:
        raise GlossaryError("\n".join(f"{source}: {problem}" for problem in problems))
    return entries


def _parse_entry(item: object) -> tuple[Entry | None, list[str]]:
    if isinstance(item, str):
        item = {"term": item}
    if not isinstance(item, dict):
        return None, [f"expected a term or a mapping with 'term' and 'synonyms', got {item!r}"]
    term = item.get("term")
    if not isinstance(term, str) or not term.strip():
        return None, [f"'term' must be a non-empty string, got {term!r}"]
    problems = [f"unknown key '{key}' (allowed: synonyms, term)" for key in sorted(set(item) - ENTRY_KEYS)]
    synonyms = item.get("synonyms") or []
    if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip() for s in synonyms):
        return Entry(term.strip()), [*problems, f"'synonyms' must be a list of non-empty strings, got {synonyms!r}"]
    entry = Entry(term.strip(), tuple(s.strip() for s in synonyms))
    if not is_chinese(entry.term):
        problems.append(f"the term '{entry.term}' must be Chinese (Han characters only); put Latin names under synonyms")
    for form in entry.forms:
        if HAN.search(form) and not is_chinese(form):
            problems.append(f"'{form}' mixes Chinese and Latin; write it as two forms")
        elif is_chinese(form) and len(form) < 2:
            problems.append(f"'{form}' is a single character; jieba would keep it whole everywhere")
    return entry, problems


def load_glossary(path: Path = GLOSSARY) -> list[Entry]:
    return parse_glossary(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, _shown(path))


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(GLOSSARY.parents[1]))
    except ValueError:
        return str(path)


def glossary_terms(path: Path = GLOSSARY) -> list[str]:
    """The Chinese forms of the glossary (terms and synonyms), in file order: the words jieba
    must keep whole.

    >>> "行列式点过程" in glossary_terms()
    True
    """
    return [form for entry in load_glossary(path) for form in entry.forms if is_chinese(form)]


def worker_glossary(
    entries: list[Entry], parts: dict[str, list[str]] | None = None, whole: Iterable[str] = ()
) -> dict[str, object]:
    """What the browser-side query rewriting needs, for the search index's ``config``: the
    Chinese words to keep whole, the synonym groups (entries that have synonyms) and the parts
    of each word (:func:`plain_parts`, computed when not given).

    ``whole``: other Chinese words the index has whole although jieba splits them in page text
    (tag names: the tags field is not segmented, so 位置编码 is one word there and 位置 / 编码 in
    the title). A query for one gets their parts too; the worker does not cut queries by them.

    >>> worker_glossary([Entry("空洞卷积"), Entry("批归一化", ("BN", "批量归一化"))], parts={"空洞卷积": ["空洞", "卷积"]})
    {'terms': ['空洞卷积', '批归一化', '批量归一化'], 'synonyms': [['批归一化', 'BN', '批量归一化']], 'parts': {'空洞卷积': ['空洞', '卷积']}}
    >>> worker_glossary([Entry("空洞卷积")], whole=["位置编码", "空洞卷积"])["parts"]
    {'空洞卷积': ['空洞', '卷积'], '位置编码': ['位置', '编码']}
    """
    return {
        "terms": [form for entry in entries for form in entry.forms if is_chinese(form)],
        "synonyms": [list(entry.forms) for entry in entries if entry.synonyms],
        "parts": plain_parts(glossary_words(entries, whole)) if parts is None else parts,
    }


def glossary_words(entries: list[Entry], whole: Iterable[str] = ()) -> list[str]:
    """The words whose parts :func:`worker_glossary` gives: the glossary's Chinese forms, then the
    ``whole`` words it lacks.

    >>> glossary_words([Entry("空洞卷积"), Entry("批归一化", ("BN",))], whole=["位置编码", "空洞卷积", "位置编码"])
    ['空洞卷积', '批归一化', '位置编码']
    """
    terms = [form for entry in entries for form in entry.forms if is_chinese(form)]
    return terms + [word for word in dict.fromkeys(whole) if word not in terms]


def plain_parts(terms: list[str]) -> dict[str, list[str]]:
    """The words of two or more characters that jieba's own dictionary cuts each term into.

    The index keeps a glossary term whole, so a query for it would no longer find a page that
    has only its parts (a title saying 多头 and 注意力 apart); the worker adds these parts.
    Loading jieba's default dictionary for this took ~1.2 s of every build, so the result is kept
    by the terms (the glossary's content) and jieba's version: in this process, and on disk
    (``<cache>/search/parts-<sha256>.json``, the folder of ``tools/site/math_cache.py``).

    >>> plain_parts(["多头注意力", "非极大值抑制"])
    {'多头注意力': ['多头', '注意力'], '非极大值抑制': ['极大值', '抑制']}
    """
    try:
        import jieba
    except ImportError:
        return {}
    from tools.site import math_cache

    key = hashlib.sha256(json.dumps([jieba.__version__, list(terms)], ensure_ascii=False).encode("utf-8")).hexdigest()
    if key not in _PARTS:
        path = math_cache.cache_root() / "search" / f"parts-{key}.json"
        try:
            _PARTS[key] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _PARTS[key] = _cut_parts(_plain_tokenizer(jieba), terms)
            math_cache.store(path, json.dumps(_PARTS[key], ensure_ascii=False).encode("utf-8"))
    return {term: list(words) for term, words in _PARTS[key].items()}  # a copy: callers may edit it


_PARTS: dict[str, dict[str, list[str]]] = {}  # plain_parts by its key, for this process
_plain = None  # a jieba tokenizer: the default dictionary as it was before register_terms changed it
_dictionary_changed = False  # whether register_terms has added words to jieba's dictionary


def _plain_tokenizer(jieba):
    """A jieba tokenizer with the default dictionary only (no glossary word): the copy
    :func:`register_terms` kept when this process had loaded it, else a new one (~0.6 s to load)."""
    return _plain if _plain is not None else jieba.Tokenizer()


def _keep_plain_dictionary(jieba) -> None:
    """Before the first glossary word is added: load jieba's default dictionary and keep a copy.

    A cold build's worker process (``side_work.py``) loads it for the pages' search entries; with
    the copy, :func:`plain_parts` there costs milliseconds instead of a second load. Only when
    this is the first load and of the default file, so that nothing else (a ``jieba_dict`` or
    ``jieba_dict_user`` of Material's search plugin) is in the copy.
    """
    global _plain
    if _plain is not None or _dictionary_changed or jieba.dt.initialized or jieba.dt.dictionary != jieba.DEFAULT_DICT:
        return
    jieba.dt.check_initialized()
    _plain = copy.copy(jieba.dt)
    _plain.FREQ = dict(jieba.dt.FREQ)  # add_word changes FREQ (and total) of jieba.dt in place


def _cut_parts(plain, terms: list[str]) -> dict[str, list[str]]:
    found = {}
    for term in terms:
        words = [word for word in plain.cut(term) if len(word) >= 2 and word != term]
        if words:
            found[term] = words
    return found


def register_terms(terms: list[str]) -> None:
    """Tell jieba to keep each term whole (a no-op without jieba, as Material's search is then)."""
    try:
        import jieba
    except ImportError:
        return
    global _dictionary_changed
    _keep_plain_dictionary(jieba)
    _dictionary_changed = True
    for term in terms:
        jieba.add_word(term, freq=jieba.suggest_freq(term, tune=False) + 1000)


_TOLD: set[tuple[str, ...]] = set()  # term lists registered by this process


def register_terms_once(terms: list[str]) -> None:
    """:func:`register_terms`, once per process for a given list, called just before jieba cuts a
    page. Loading jieba's dictionary takes ~0.7 s, which a build whose search entries all come
    from the cache (``search_cache.py``) no longer pays. Once: telling jieba a word again adds
    its frequency to jieba's total again, which shifts every later cut (serve's rebuilds did)."""
    told = tuple(terms)
    if told not in _TOLD:
        register_terms(list(told))
        _TOLD.add(told)

