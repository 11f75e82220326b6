"""Entry point for the site build: every generated tracker page and file in one call.

(Interface stub written by the lead; the dashboards work fills it in.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass
class GeneratedTracker:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # e.g. "tracker/upcoming.ics"
    asked_by_topic: dict[str, list[str]] = field(default_factory=dict)  # "A05" -> ["字节跳动 · 一面", ...]
    problems: list[str] = field(default_factory=list)  # messages to log during the build


def generate_tracker_site(data_dir: Path, *, public: bool, anonymise: bool, today: date) -> GeneratedTracker:
    return GeneratedTracker()


def asked_in_markdown(topic_ids: list[str], asked_by_topic: dict[str, list[str]], tracker_root: str) -> str:
    """Markdown appended to a knowledge-base page: where its topics were asked ('' if nowhere)."""
    return ""
