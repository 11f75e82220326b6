"""Quick rebuilds under ``mkdocs serve --dirty``: rebuild only the pages a change touches.

A dirty MkDocs build renders a page only when ``File.is_modified()`` says so. A file added from
memory (``File.generated(content=…)``) always says yes, so every save used to re-render all ~70
generated pages (dashboards, company pages, coverage, data format) and copy the Anki deck again.
Three things narrow that down:

- :class:`Stage` writes each generated file into a folder of its own, and only when its content
  changed; the build then gets a file backed by that path, so MkDocs' own mtime comparison skips
  the unchanged ones, exactly as for a file under ``docs/``.
- :func:`data_fingerprints` says, for each real page, what of the tracker data it shows (the
  「在面试中被问到」 list of a KB page, the user's own interview note of a study page, the
  catalogue of the study pages). A page whose fingerprint changed is rebuilt (:func:`force_rebuild`)
  although its source did not.
- :class:`LastResult` keeps the last result of a slow step (scanning the docs, the Anki deck)
  together with the signature of what it read, and computes it again only when that changed.

Whole-site steps are cut as well: :class:`TemplateCache` keeps the theme's compiled templates,
the print page is written by the first build only (:meth:`QuickRebuild.begin_build`), and
:func:`drop_stale_search_entries` repairs the search index that Material merges on a dirty build.

A full build (``mkdocs build``, ``serve --full``) keeps files in memory and renders everything.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import jinja2
import jinja2.bccache

T = TypeVar("T")
PRINT_PLUGIN = "print-site"
STUDY_PAGES_PREFIX = "study/"  # study/*.md embed the whole catalogue, interview notes included


class Stage:
    """A folder holding generated files; a file is rewritten only when its content changed."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or Path(tempfile.mkdtemp(prefix="handbook-generated-"))

    def put(self, path: str, content: str | bytes) -> Path:
        """Write ``content`` to ``path`` (docs-relative) unless it is already there; the file's path."""
        target = self.root / path
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            if target.read_bytes() == data:
                return target
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class LastResult(Generic[T]):
    """The last value computed and the key it was computed for."""

    key: Hashable = None
    value: T | None = None
    computed: int = 0  # how many times ``compute`` ran (for tests and the log)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self.computed == 0 or key != self.key:
            self.key, self.value = key, compute()
            self.computed += 1
        return self.value  # type: ignore[return-value]


def tree_signature(*paths: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime in ns, size) of every file under ``paths`` (files or folders), sorted.

    Any edit, addition or removal changes it; reading it costs a few ms for the whole ``docs/``.
    """
    found = []
    for top in paths:
        if top.is_file():
            status = top.stat()
            found.append((str(top), status.st_mtime_ns, status.st_size))
            continue
        for folder, _dirs, names in os.walk(top):
            for name in names:
                path = os.path.join(folder, name)
                status = os.stat(path)
                found.append((path, status.st_mtime_ns, status.st_size))
    return tuple(sorted(found))


def data_fingerprints(
    page_topics: Mapping[str, Iterable[str]],
    asked_by_topic: Mapping[str, list[str]],
    notes: Mapping[str, object],
    study_pages: Iterable[str],
) -> dict[str, Hashable]:
    """For each real page (docs-relative ``.md`` path), the tracker data it shows.

    ``page_topics``: study page key (``kb/llm/attention``) → its topic ids; ``notes``: page key →
    the user's interview note (private builds); ``study_pages``: the ``study/*.md`` pages.

    >>> prints = data_fingerprints({"kb/llm/a": ["A05"], "code/x": []}, {"A05": ["字节跳动 · 一面"]}, {}, ["study/index.md"])
    >>> prints["kb/llm/a.md"], prints["code/x.md"], prints["study/index.md"]
    (((('A05', ('字节跳动 · 一面',)),), None), ((), None), ())
    """
    fingerprints: dict[str, Hashable] = {}
    for key, topics in page_topics.items():
        asked = tuple((topic, tuple(asked_by_topic.get(topic, ()))) for topic in topics if asked_by_topic.get(topic))
        fingerprints[f"{key}.md"] = (asked, notes.get(key))
    catalogue = tuple(sorted((key, repr(note)) for key, note in notes.items()))
    for path in study_pages:
        fingerprints[path] = catalogue
    return fingerprints


def changed_pages(before: Mapping[str, Hashable] | None, after: Mapping[str, Hashable]) -> list[str]:
    """Pages whose fingerprint differs (none on the first build: everything is built then).

    >>> changed_pages({"a.md": 1, "b.md": 2}, {"a.md": 1, "b.md": 3, "c.md": 0})
    ['b.md', 'c.md']
    >>> changed_pages(None, {"a.md": 1})
    []
    """
    if before is None:
        return []
    return sorted(path for path, value in after.items() if before.get(path) != value)


def force_rebuild(files: Iterable[object], paths: Iterable[str]) -> list[str]:
    """Make MkDocs treat these pages (``File`` objects by ``src_uri``) as modified; the ones found."""
    wanted = set(paths)
    forced = []
    for file in files:
        if getattr(file, "src_uri", None) in wanted:
            file.is_modified = lambda: True  # type: ignore[attr-defined]  # this build only: a new File next time
            forced.append(file.src_uri)
    return forced


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory across builds.

    ``mkdocs serve`` loads the configuration again for every build, and with it a new Jinja
    environment that would compile Material's templates again (about a second). Jinja checks
    each entry against the template's source checksum, so an edited template is compiled anew.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class QuickRebuild:
    """State kept between the builds of one ``mkdocs serve`` process."""

    dirty: bool = False
    builds: int = 0
    stage: Stage | None = None
    fingerprints: dict[str, Hashable] | None = None
    results: dict[str, LastResult] = field(default_factory=dict)
    templates: TemplateCache = field(default_factory=TemplateCache)

    def start(self, dirty: bool) -> None:
        """A new ``mkdocs`` command (once per process, except in tests): forget the last builds."""
        self.dirty, self.builds, self.fingerprints = dirty, 0, None
        if not dirty:
            self.stop()
        elif self.stage is None:
            self.stage = Stage()

    @property
    def is_quick(self) -> bool:
        """A dirty rebuild after the first build of the process."""
        return self.dirty and self.builds > 1

    def begin_build(self, config: object) -> None:
        """Count the build; a quick one leaves out the print page (a full build writes it)."""
        self.builds += 1
        if self.is_quick:
            plugin = getattr(config, "plugins", {}).get(PRINT_PLUGIN)
            if plugin is not None and "enabled" in plugin.config:
                plugin.config["enabled"] = False  # reset from mkdocs.yml when the next build loads the config

    def with_template_cache(self, env: jinja2.Environment) -> jinja2.Environment:
        if self.dirty:
            env.bytecode_cache = self.templates
        return env

    def last(self, name: str) -> LastResult:
        return self.results.setdefault(name, LastResult())

    def refresh_data_pages(self, files: Iterable[object], study: object, asked_by_topic: Mapping[str, list[str]]) -> list[str]:
        """Mark the real pages whose tracker data changed as modified; their paths."""
        page_topics = {page.key: page.topics for page in getattr(study, "pages", [])}
        study_pages = [f.src_uri for f in files if f.src_uri.startswith(STUDY_PAGES_PREFIX) and f.src_uri.endswith(".md")]
        prints = data_fingerprints(page_topics, asked_by_topic, getattr(study, "interviews", {}), study_pages)
        return force_rebuild(files, self.pages_to_refresh(prints))

    def pages_to_refresh(self, fingerprints: dict[str, Hashable]) -> list[str]:
        """The pages to rebuild for their data (only in dirty builds); remembers ``fingerprints``."""
        changed = changed_pages(self.fingerprints, fingerprints) if self.dirty else []
        self.fingerprints = fingerprints
        return changed

    def stop(self) -> None:
        if self.stage is not None:
            self.stage.remove()
            self.stage = None


def latest_entries(entries: list[dict]) -> list[dict]:
    """Each page's search entries from its last run of entries only.

    On a dirty rebuild Material's search plugin keeps the previous index and drops the old
    entries of the *first* rebuilt page only; the other rebuilt pages were listed twice.

    >>> old = [{"location": "a.html"}, {"location": "a.html#x"}, {"location": "b.html"}]
    >>> [e["location"] for e in latest_entries(old + [{"location": "b.html", "v": 2}, {"location": "a.html"}])]
    ['b.html', 'a.html']
    """
    blocks: dict[str, list[dict]] = {}
    previous = None
    for entry in entries:
        page, _, section = str(entry.get("location", "")).partition("#")
        if page != previous or not section:  # a page's run starts with its own entry, no "#"
            blocks.pop(page, None)  # a later run of this page replaces the earlier one
            blocks[page] = []
            previous = page
        blocks[page].append(entry)
    return [entry for block in blocks.values() for entry in block]


def drop_stale_search_entries(plugins: Iterable[object], index_file: Path) -> int:
    """After a dirty rebuild: remove the duplicate entries from the search plugin's kept index
    and from the index file it wrote; the number removed (0 if there is no such plugin state)."""
    for plugin in plugins:
        kept = getattr(getattr(plugin, "search_index_prev", None), "entries", None)
        if not isinstance(kept, list) or not index_file.is_file():
            continue
        latest = latest_entries(kept)
        removed = len(kept) - len(latest)
        if removed:
            kept[:] = latest
            data = json.loads(index_file.read_text(encoding="utf-8"))
            data["docs"] = latest
            index_file.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
        return removed
    return 0
