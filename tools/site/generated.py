"""Every page and file the build generates, computed without MkDocs (the hook only adds them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tools.dashboards.site import asked_in_markdown, generate_tracker_site
from tools.kb.coverage import scan_docs
from tools.kb.inventory import load_inventory
from tools.site import coverage_page
from tools.site.build_options import BuildOptions
from tools.tracker.docs import render_data_format_markdown
from tools.tracker.settings import load_settings

DATA_FORMAT_PAGE = "tracker/data-format.md"


@dataclass
class GeneratedContent:
    files: dict[str, str | bytes] = field(default_factory=dict)  # docs-relative path -> content
    problems: list[str] = field(default_factory=list)  # to log as build warnings
    asked_by_topic: dict[str, list[str]] = field(default_factory=dict)


def generate_content(docs_dir: Path, options: BuildOptions) -> GeneratedContent:
    content = GeneratedContent()
    inventory = load_inventory()
    coverage = scan_docs(docs_dir, inventory)
    content.problems += coverage.problems
    content.files[coverage_page.PAGE_PATH] = coverage_page.coverage_markdown(coverage)
    content.files[DATA_FORMAT_PAGE] = render_data_format_markdown(load_settings(options.data_dir))
    tracker = generate_tracker_site(
        options.data_dir,
        public=options.public,
        anonymise=options.anonymise,
        today=options.today,
        pages_by_topic={topic: [p.as_posix() for p in pages] for topic, pages in coverage.pages_by_topic.items()},
        topic_titles={topic_id: topic.title for topic_id, topic in inventory.items()},
    )
    content.problems += tracker.problems
    content.files.update(tracker.pages)
    content.files.update(tracker.files)
    content.asked_by_topic = tracker.asked_by_topic
    return content


def kb_page_addendum(src_uri: str, meta: dict, asked_by_topic: dict[str, list[str]]) -> str:
    """Markdown appended to a knowledge-base page (where its topics were asked), or ''.

    >>> kb_page_addendum("guide/x.md", {"topics": ["G01"]}, {"G01": ["x"]})
    ''
    """
    topics = meta.get("topics")
    if not src_uri.startswith("kb/") or not isinstance(topics, list) or not topics:
        return ""
    depth = len(PurePosixPath(src_uri).parts) - 1
    return asked_in_markdown([str(t) for t in topics], asked_by_topic, "../" * depth + "tracker/")
