"""Every interview question, grouped by knowledge-base topic, and where each topic was asked."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from .slugs import company_slug, topic_anchor

UNTAGGED = "未标注"


@dataclass(frozen=True)
class Asked:
    company: str
    slug: str
    round: str
    when: str  # YYYY-MM-DD or ''
    questions: str
    stuck: str


@dataclass
class TopicGroup:
    topic: str
    title: str
    pages: list[str]  # docs-relative knowledge-base pages answering the topic
    asked: list[Asked] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return topic_anchor(self.topic)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def interview_rows(apps: pd.DataFrame, interviews: pd.DataFrame) -> pd.DataFrame:
    """Interviews with their company, in time order."""
    if interviews.empty:
        return interviews.assign(company=pd.Series(dtype=object))
    company = dict(zip(apps["id"], apps["company"]))
    out = interviews.assign(company=interviews["application"].map(company))
    out = out[out["company"].notna()]
    return out.sort_values(["at", "id"], kind="stable", na_position="last")


def topic_groups(
    rows: pd.DataFrame, titles: dict[str, str], pages_by_topic: dict[str, list[str]]
) -> list[TopicGroup]:
    """One group per topic id (inventory order, unknown ids after), interviews without topics last."""
    groups: dict[str, TopicGroup] = {}
    for r in rows.itertuples(index=False):
        topics = [t for t in (r.topics if isinstance(r.topics, list) else []) if isinstance(t, str) and t]
        asked = Asked(
            r.company,
            company_slug(r.company),
            _text(r.round),
            r.at.date().isoformat() if pd.notna(r.at) else "",
            _text(r.questions),
            _text(getattr(r, "stuck", "")),
        )
        for topic in dict.fromkeys(topics or [UNTAGGED]):
            group = groups.get(topic)
            if group is None:
                group = groups[topic] = TopicGroup(topic, titles.get(topic, ""), list(pages_by_topic.get(topic, [])))
            group.asked.append(asked)
    order = {t: i for i, t in enumerate(titles)}
    return sorted(groups.values(), key=lambda g: (g.topic == UNTAGGED, order.get(g.topic, len(order)), g.topic))


def stuck_by_topic(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Topic id → the labels of the rounds where the candidate got stuck (a ``stuck`` note), distinct.

    >>> rows = pd.DataFrame({"company": ["字节跳动", "淘天"], "round": ["一面", "二面"], "topics": [["A05"], ["A05"]], "stuck": ["GQA", None]})
    >>> stuck_by_topic(rows)
    {'A05': ['字节跳动 · 一面']}
    """
    out: dict[str, list[str]] = {}
    stuck_notes = rows["stuck"] if "stuck" in rows else [None] * len(rows)
    for company, round_, topics, stuck in zip(rows["company"], rows["round"], rows["topics"], stuck_notes):
        if not _text(stuck):
            continue
        label = f"{company} · {_text(round_)}" if _text(round_) else str(company)
        for topic in topics if isinstance(topics, list) else []:
            if isinstance(topic, str) and topic and label not in out.setdefault(topic, []):
                out[topic].append(label)
    return out


def coding_counts(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """手撕 problems by how often they came up."""
    counts: Counter[str] = Counter()
    for coding in rows.get("coding", pd.Series(dtype=object)):
        if isinstance(coding, list):
            counts.update(c for c in coding if isinstance(c, str) and c)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def asked_by_topic(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Topic id → ["字节跳动 · 一面", …], distinct, in time order (what KB pages show).

    >>> rows = pd.DataFrame({"company": ["字节跳动", "字节跳动"], "round": ["一面", "一面"], "topics": [["A05"], ["A05", "A02"]]})
    >>> asked_by_topic(rows)
    {'A05': ['字节跳动 · 一面'], 'A02': ['字节跳动 · 一面']}
    """
    out: dict[str, list[str]] = {}
    for company, round_, topics in zip(rows["company"], rows["round"], rows["topics"]):
        label = f"{company} · {_text(round_)}" if _text(round_) else str(company)
        for topic in topics if isinstance(topics, list) else []:
            if isinstance(topic, str) and topic:
                seen = out.setdefault(topic, [])
                if label not in seen:
                    seen.append(label)
    return out
