"""What the ``mianjing`` command reads besides the records: links, titles, the anonymity table,
``site_url``; and which records a command-line argument names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from tools.kb.coverage import scan_docs
from tools.kb.hot100 import hot100_problems
from tools.kb.inventory import load_inventory

from .find import Ambiguous, NotFound, find_application
from .issues import suggest
from .mianjing import Anonymity, Post, Sources, build_post
from .paths import REPO_ROOT, display_path
from .state import derive_states
from .tracker import Tracker

ANONYMITY_FILE = "mianjing.yaml"
MKDOCS_FILE = REPO_ROOT / "mkdocs.yml"
_SITE_URL = re.compile(r"^site_url:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


class MianjingError(ValueError):
    """A user-facing problem (bilingual message), reported without a traceback."""


def load_anonymity(data: Path) -> Anonymity:
    """``mianjing.yaml`` from the data folder, else the repository's ``data/``, else the defaults."""
    for path in (data / ANONYMITY_FILE, REPO_ROOT / "data" / ANONYMITY_FILE):
        if not path.is_file():
            continue
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
            classes = {str(k): tuple(str(n) for n in v or ()) for k, v in (raw.get("classes") or {}).items()}
            defaults = Anonymity()
            return Anonymity(
                default=str(raw.get("default") or defaults.default),
                classes=classes,
                plain_formats=tuple(str(f) for f in raw.get("plain_formats") or defaults.plain_formats),
                other_format=str(raw.get("other_format") or defaults.other_format),
            )
        except (OSError, yaml.YAMLError, AttributeError, TypeError) as exc:
            raise MianjingError(f"{display_path(path)}: 无法读取匿名化设置 cannot read the anonymity table: {exc}") from None
    return Anonymity()


def site_url(config: Path = MKDOCS_FILE) -> str | None:
    """``site_url`` of ``mkdocs.yml`` (read as text: the file holds tags a safe YAML load rejects).

    >>> site_url(Path("/nonexistent/mkdocs.yml")) is None
    True
    """
    try:
        match = _SITE_URL.search(config.read_text(encoding="utf-8"))
    except OSError:
        return None
    return match.group(1) if match else None


def load_sources(data: Path, docs_dir: Path = REPO_ROOT / "docs") -> Sources:
    """Knowledge-base pages by topic id as the site derives them, titles, and the anonymity table."""
    inventory = load_inventory()
    coverage = scan_docs(docs_dir, inventory)
    return Sources(
        pages_by_topic={t: [p.as_posix() for p in pages] for t, pages in coverage.pages_by_topic.items()},
        topic_titles={t: topic.title for t, topic in inventory.items()},
        hot100=hot100_problems(docs_dir),
        anonymity=load_anonymity(data),
    )


@dataclass(frozen=True)
class Selection:
    app_position: int
    interview_ids: list[str]
    single: bool


def select(t: Tracker, words: tuple[str, ...] | list[str], today: date) -> Selection:
    """An interview id names that round; anything else names an application (id or company
    and role words, as for ``move``) and all of its rounds."""
    query = " ".join(w.strip() for w in words if w.strip())
    interviews = t.interviews
    ids = [str(i) for i in interviews["id"]] if len(interviews) else []
    apps = list(t.applications["id"])
    if query in ids:
        row = interviews.iloc[ids.index(query)]
        if row["application"] not in apps:
            raise MianjingError(f"mianjing: 面试 '{query}' 对应的投递不存在 the interview's application '{row['application']}' does not exist")
        return Selection(apps.index(row["application"]), [query], True)
    states = derive_states(t.applications, t.history, t.offers, t.settings, today)
    try:
        found = find_application(t.applications, states, list(words))
    except Ambiguous as exc:
        raise MianjingError(str(exc.args[0])) from None
    except NotFound:
        hint = suggest(query, [*ids, *apps, *[c for c in t.applications["company"] if isinstance(c, str)]], 0.5) if query else None
        tail = f";你是不是想写 did you mean '{hint}'?" if hint else ""
        raise MianjingError(
            f"mianjing: 找不到面试或投递 no interview or application matches '{query}'"
            f" — 应为 expected 面试编号 an interview id (如 like i01)、投递编号 an application id 或公司名 or a company{tail}"
        ) from None
    rounds = [i for i, app in zip(ids, interviews["application"]) if app == found.id] if ids else []
    if not rounds:
        raise MianjingError(f"mianjing: {found.id}: 这个投递还没有面试记录 this application has no interview records yet")
    return Selection(found.index, rounds, False)


def post_for(t: Tracker, selection: Selection, sources: Sources, anonymise: bool) -> Post:
    rows = t.interviews[t.interviews["id"].isin(selection.interview_ids)]
    return build_post(t.applications.iloc[selection.app_position], rows, t.settings, sources,
                      anonymise=anonymise, single=selection.single)
