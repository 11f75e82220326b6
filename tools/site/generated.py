"""Every page and file the build generates, computed without MkDocs (the hook only adds them)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tools.dashboards.site import GeneratedTracker, asked_in_markdown, generate_tracker_site, tracker_index_markdown
from tools.site.tracker_cache import cached_call
from tools.kb.coverage import scan_docs
from tools.kb.inventory import INVENTORY_PATH, load_inventory
from tools.site import coverage_page
from tools.site.build_options import BuildOptions
from tools.site.quick_rebuild import LastResult, tree_signature
from tools.tracker.docs import render_data_format_markdown
from tools.tracker.publishing import TrackerPublishing, applications_sha256, decide_publishing
from tools.tracker.settings import SETTINGS_FILE, load_settings
from tools.tracker.today import decide_today

DATA_FORMAT_PAGE = "tracker/data-format.md"
TRACKER_INDEX_PAGE = "tracker/index.md"
DEMO_SETTINGS = INVENTORY_PATH.parent / SETTINGS_FILE  # a data folder without settings.yaml borrows these


@dataclass
class GeneratedContent:
    files: dict[str, str | bytes] = field(default_factory=dict)  # docs-relative path -> content
    problems: list[str] = field(default_factory=list)  # to log as build warnings
    asked_by_topic: dict[str, list[str]] = field(default_factory=dict)
    # The user's own interviews for the study marks: private builds only, never a public one.
    own_asked: dict[str, list[str]] = field(default_factory=dict)
    own_stuck: dict[str, list[str]] = field(default_factory=dict)


def generate_content(
    docs_dir: Path,
    options: BuildOptions,
    docs_scan: LastResult | None = None,
    docs_signature: Hashable = None,
    tracker_pages: LastResult | None = None,
    disk_cache: bool = True,
) -> GeneratedContent:
    """``docs_scan`` keeps the inventory and the docs' coverage for the next build (``mkdocs
    serve``), reused while ``docs_signature`` (of ``docs/`` and the inventory) is the same;
    ``tracker_pages`` keeps the dashboards, reused while that signature, the data folder's files,
    the options and the day are the same (a KB edit then does not recompute them).
    ``disk_cache=False`` skips the dashboards' disk cache (``tools/site/tracker_cache.py``): the
    serve fast path runs after a saved data file, whose new content is never in it, and hashing
    every file of ``tools/``, ``docs/`` and ``data/`` for its key cost a tenth of an update."""
    content = GeneratedContent()
    scan = docs_scan or LastResult()
    inventory, coverage = scan.get(docs_signature, lambda: _scan(docs_dir))
    content.problems += coverage.problems
    content.files[coverage_page.PAGE_PATH] = coverage_page.coverage_markdown(coverage)
    publishing = tracker_publishing(options)
    if publishing.warning:
        content.problems.append(publishing.warning)
    content.files[TRACKER_INDEX_PAGE] = tracker_index_markdown(publishing.pages)
    # With the tracker off, not even the user's own settings (stage names are data too) are read.
    content.files[DATA_FORMAT_PAGE] = render_data_format_markdown(load_settings(options.data_dir if publishing.pages else None))
    if not publishing.pages:
        return content
    today = decide_today(options.today, load_settings(options.data_dir))

    def dashboards() -> GeneratedTracker:
        call = cached_call if disk_cache else lambda generate, data_dir, **arguments: generate(data_dir, **arguments)
        return call(  # on disk across builds; a quick rebuild keeps the last one in memory too
            generate_tracker_site,
            options.data_dir,
            public=publishing.public,
            anonymise=publishing.anonymised,
            today=today,
            pages_by_topic={topic: [p.as_posix() for p in pages] for topic, pages in coverage.pages_by_topic.items()},
            topic_titles={topic_id: topic.title for topic_id, topic in inventory.items()},
        )

    if tracker_pages is None or docs_signature is None:
        tracker = dashboards()
    else:
        data_signature = tree_signature(options.data_dir, DEMO_SETTINGS)
        tracker = tracker_pages.get((docs_signature, data_signature, options, publishing, today), dashboards)
    content.problems += tracker.problems
    content.files.update(tracker.pages)
    content.files.update(tracker.files)
    content.asked_by_topic = tracker.asked_by_topic
    if not options.public:
        content.own_asked, content.own_stuck = tracker.asked_by_topic, tracker.stuck_by_topic
    return content


def _scan(docs_dir: Path):
    inventory = load_inventory()
    return inventory, scan_docs(docs_dir, inventory)


def tracker_publishing(options: BuildOptions) -> TrackerPublishing:
    """What this build shows of the tracker, from the options and the data folder's own settings.

    A folder without its own settings.yaml borrows the demo's stages, never the demo's choice to publish.
    """
    settings = load_settings(options.data_dir)
    own_choice = settings.public_tracker if settings.source == options.data_dir / SETTINGS_FILE else None
    digest = applications_sha256(options.data_dir)
    return decide_publishing(
        public=options.public,
        chosen=options.public_tracker or own_choice,
        anonymise_override=options.anonymise,
        is_demo=digest is not None and digest == settings.demo_sha256,
        has_applications=digest is not None,
    )


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
