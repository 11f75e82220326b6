"""The project's topic inventory (``data/topics.yaml``): ids, titles and sections."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

# libyaml's safe loader when PyYAML was built with it (same documents, several times faster).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

REPO_ROOT = Path(__file__).resolve().parents[2]
INVENTORY_PATH = REPO_ROOT / "data" / "topics.yaml"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    area: str  # "kb", "code" or "guide": where pages answering it live


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    section: Section


def load_inventory(path: Path = INVENTORY_PATH) -> dict[str, Topic]:
    """Topics by id, in file order. The section is the id's letter.

    The parsed file is kept while its size and mtime stay the same: every build reads it more
    than once, and a ``mkdocs serve`` rebuild after a data change should not parse it again.

    >>> load_inventory()["A02"].section.title
    'Transformer 与大模型'
    """
    status = path.stat()
    return dict(_parse_inventory(path, status.st_mtime_ns, status.st_size))


@lru_cache(maxsize=8)
def _parse_inventory(path: Path, _mtime_ns: int, _size: int) -> dict[str, Topic]:
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    sections = {entry["key"]: Section(entry["key"], entry["title"], entry["area"]) for entry in raw["sections"]}
    topics: dict[str, Topic] = {}
    for entry in raw["topics"]:
        topic_id = entry["id"]
        if topic_id in topics:
            raise ValueError(f"{path}: 重复的题目编号 duplicate topic id {topic_id}")
        topics[topic_id] = Topic(topic_id, entry["title"], sections[topic_id[0]])
    return topics
