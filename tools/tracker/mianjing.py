"""面经 posts from the interview records: records → a post view model (no I/O, no Markdown).

How the free-text ``questions`` are grouped (the rule the docs describe):

- the text is cut into items at ``;`` ``；`` ``。`` and line breaks;
- an item that mentions 项目 is **项目**; else one that mentions 手撕 is **手撕**; else one that
  mentions 开放题, 场景, 设计 or 看法 is **开放题**; every other item is **八股**;
- every ``coding`` entry is **手撕**: ``LC3`` becomes "LeetCode 3 无重复字符的最长子串" (titles from
  the Hot 100 pages), a knowledge-base id such as ``F10`` its topic title, anything else as written;
- an item written as "开放题:…" (or 项目: / 手撕:) loses that label under its heading.

``anonymise`` shows the company as its class from ``mianjing.yaml`` (某大厂 / 某独角兽 / 某公司),
drops the department (also from the role and free text), shows dates as months and a company's
own meeting tool (飞书, 腾讯会议) as 视频.

Private fields are never read: only the fields named here are used, and each is skipped when
the settings mark it private, whatever the tracker was loaded with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from tools.kb.hot100 import Hot100Problem

from .settings import Settings, fold

GROUPS = ("八股", "项目", "手撕", "开放题")
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("项目", ("项目",)),
    ("手撕", ("手撕",)),
    ("开放题", ("开放题", "场景", "设计", "看法")),
)
_SPLIT = re.compile(r"[;；。\r\n]+")
_LABEL = re.compile(r"^(?:项目|手撕|开放题)\s*[::]\s*")  # "开放题:…" under 开放题 drops its label
_LEETCODE = re.compile(r"(?:lc|leetcode)\s*-?\s*(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Ref:
    """A piece of text and, when the site answers it, the docs-relative page (and heading id)."""

    text: str
    page: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class RoundPost:
    key: str  # the interview id (used only for page names, never printed)
    title: str
    facts: list[tuple[str, str]]
    groups: list[tuple[str, list[Ref]]]  # non-empty groups, in GROUPS order
    topics: list[Ref]
    asked_back: list[str]
    feeling: list[tuple[str, str]]


@dataclass(frozen=True)
class Post:
    title: str
    facts: list[tuple[str, str]]
    rounds: list[RoundPost]


@dataclass(frozen=True)
class Anonymity:
    """What an anonymised post shows instead of a company or a company's meeting tool
    (``mianjing.yaml`` in the data folder)."""

    default: str = "某公司"
    classes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    plain_formats: Sequence[str] = ("视频", "电话", "现场")
    other_format: str = "视频"

    def label(self, company: str) -> str:
        """
        >>> Anonymity("某公司", {"某大厂": ["字节跳动"]}).label(" 字节跳动"), Anonymity().label("x")
        ('某大厂', '某公司')
        """
        key = fold(company)
        for label, names in self.classes.items():
            if any(fold(str(n)) == key for n in names):
                return label
        return self.default

    def format(self, value: str) -> str:
        """
        >>> Anonymity().format("飞书"), Anonymity().format("电话"), Anonymity().format("")
        ('视频', '电话', '')
        """
        if not value or any(fold(value) == fold(str(f)) for f in self.plain_formats):
            return value
        return self.other_format


@dataclass(frozen=True)
class Sources:
    """What a post links to (KB pages by topic id, topic and Hot 100 titles) and the anonymity table."""

    pages_by_topic: Mapping[str, Sequence[str]]
    topic_titles: Mapping[str, str]
    hot100: Mapping[int, Hot100Problem]
    anonymity: Anonymity = field(default_factory=Anonymity)


def split_questions(text: str) -> list[str]:
    """
    >>> split_questions("BERT 的结构;项目深挖 30 分钟。\\n开放题:热度统计;")
    ['BERT 的结构', '项目深挖 30 分钟', '开放题:热度统计']
    """
    return [part.strip() for part in _SPLIT.split(text) if part.strip()]


def classify(item: str) -> str:
    """
    >>> [classify(q) for q in ("项目深挖", "以手撕为主", "人脸反欺诈场景怎么做", "GQA 是什么")]
    ['项目', '手撕', '开放题', '八股']
    """
    for group, words in RULES:
        if any(w in item for w in words):
            return group
    return "八股"


def coding_ref(entry: str, sources: Sources) -> Ref:
    """
    >>> s = Sources({"F10": ["code/multi-head-attention.md"]}, {"F10": "多头注意力"}, {})
    >>> coding_ref("LC3", s), coding_ref("F10", s)
    (Ref(text='LeetCode 3', page='', anchor=''), Ref(text='多头注意力(F10)', page='code/multi-head-attention.md', anchor=''))
    """
    match = _LEETCODE.fullmatch(entry.strip())
    if match:
        number = int(match.group(1))
        problem = sources.hot100.get(number)
        if problem is None:
            return Ref(f"LeetCode {number}")
        return Ref(f"LeetCode {number} {problem.title}", problem.page, problem.anchor)
    if entry in sources.topic_titles:
        return Ref(f"{sources.topic_titles[entry]}({entry})", _first(sources.pages_by_topic.get(entry)))
    return Ref(entry)


def _first(pages: Sequence[str] | None) -> str:
    return str(pages[0]) if pages else ""


def _get(row: pd.Series, table: str, name: str, settings: Settings) -> object:
    """A public cell of ``row``; private fields read as absent."""
    if settings.is_private(table, name) or name not in row.index:
        return None
    value = row[name]
    if isinstance(value, list):
        return value
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _text(value: object) -> str:
    if isinstance(value, list):
        return " / ".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip() if value is not None else ""


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]  # pandas Int64 cells, numpy ints
    except (TypeError, ValueError):
        return None


def _day(value: object, anonymise: bool) -> str:
    if not isinstance(value, pd.Timestamp) or pd.isna(value):
        return ""
    return f"{value.year} 年 {value.month} 月" if anonymise else value.date().isoformat()


class _Scrubber:
    """In an anonymised post, the company and department names in free text are replaced."""

    def __init__(self, company: str, department: str, label: str, active: bool) -> None:
        pairs = [(company, label), (department, "某部门")] if active else []
        self.pairs = sorted([(a, b) for a, b in pairs if len(a) >= 2], key=lambda p: -len(p[0]))

    def __call__(self, text: str) -> str:
        for old, new in self.pairs:
            text = text.replace(old, new)
        return text


def _round_post(row: pd.Series, settings: Settings, sources: Sources, anonymise: bool, scrub: _Scrubber) -> RoundPost:
    def get(name: str) -> object:
        return _get(row, "interviews", name, settings)

    groups: dict[str, list[Ref]] = {g: [] for g in GROUPS}
    for item in split_questions(scrub(_text(get("questions")))):
        group = classify(item)
        groups[group].append(Ref(_LABEL.sub("", item, count=1) if item.startswith(group) else item))
    coding = get("coding")
    for entry in coding if isinstance(coding, list) else []:
        if isinstance(entry, str) and entry.strip():
            groups["手撕"].append(coding_ref(entry.strip(), sources))
    topics = get("topics")
    topic_refs = [
        Ref(f"{t} {sources.topic_titles.get(t, '')}".strip(), _first(sources.pages_by_topic.get(t)))
        for t in dict.fromkeys(topics if isinstance(topics, list) else [])
        if isinstance(t, str) and t
    ]
    duration, rating = get("duration"), get("self_rating")
    facts = [
        ("日期", _day(get("at"), anonymise)),
        ("类型", _text(get("kind"))),
        ("形式", sources.anonymity.format(_text(get("format"))) if anonymise else _text(get("format"))),
        ("时长", f"{_int(duration)} 分钟" if _int(duration) is not None else ""),
    ]
    feeling = [
        ("自评", f"{_int(rating)}/5" if _int(rating) is not None else ""),
        ("结果", _text(get("result"))),
        ("感受", scrub(_text(get("feeling")))),
        ("没答好的地方", scrub(_text(get("stuck")))),
    ]
    return RoundPost(
        key=_text(row.get("id")),
        title=_text(get("round")) or "面试",
        facts=[(k, v) for k, v in facts if v],
        groups=[(g, refs) for g, refs in groups.items() if refs],
        topics=topic_refs,
        asked_back=split_questions(scrub(_text(get("asked_back")))),
        feeling=[(k, v) for k, v in feeling if v],
    )


def build_post(
    app: pd.Series,
    rounds: pd.DataFrame,
    settings: Settings,
    sources: Sources,
    *,
    anonymise: bool = False,
    single: bool = False,
) -> Post:
    """The post for one application (``app``, a row of applications) and its ``rounds``
    (rows of interviews, any order: they are sorted by time). ``single`` titles it after the round."""

    def get(name: str) -> object:
        return _get(app, "applications", name, settings)

    company, department = _text(get("company")), _text(get("department"))
    label = sources.anonymity.label(company) if anonymise else company
    scrub = _Scrubber(company, department, label, anonymise)
    role = _text(get("role"))
    if anonymise and department:
        role = role.replace(department, "").strip() or role
    role = scrub(role)
    ordered = rounds.sort_values(["at", "id"], kind="stable", na_position="last") if len(rounds) else rounds
    posts = [_round_post(r, settings, sources, anonymise, scrub) for _, r in ordered.iterrows()]
    season = " · ".join(x for x in (_text(get("season")), _text(get("batch"))) if x)
    facts = [
        ("公司", label),
        ("岗位", role),
        ("部门", "" if anonymise else department),
        ("base", _text(get("city"))),
        ("季节 / 批次", season),
        ("面试", " → ".join(p.title for p in posts) if len(posts) > 1 else ""),
    ]
    head = f"{label} {role}".strip()
    title = f"{head} {posts[0].title}面经" if single and posts else f"{head} 面经"
    return Post(title, [(k, v) for k, v in facts if v], posts)
