"""``tools/dev.py serve``: a saved tracker file re-renders only the pages whose Markdown it changed.

Measured on the real server (``tests/bench/bench_live_reload.py --profile``), a dirty rebuild
after a CSV save spent its time on work that a data change does not need: loading the
configuration and every plugin again, listing ~260 files and the theme's templates, building the
navigation, segmenting the glossary with a freshly loaded jieba dictionary, counting every term of
the search index again, and the checks of the whole site. Only the tracker dashboards depend on
the CSV, and every one of them is generated Markdown.

So the server's builder is wrapped (:func:`wrap_builder`): when nothing but the data folder
changed since the last build started (:func:`inputs_signature` of ``docs/``, ``tools/``,
``overrides/``, ``mkdocs.yml`` and the two files of ``data/`` that are the handbook's own rather
than tracker data: the topic inventory and the search glossary), the generated Markdown is computed again and only the pages
whose text differs are rendered, with the last build's configuration, plugins, files, navigation
and Jinja environment, through MkDocs' own page functions (the same plugin events and the same
theme template as in a build). The server then bumps its live-reload epoch as after any build;
the pages open in a browser are rendered first and shown before the others (:mod:`tools.site.open_pages`).

Everything else falls back to the usual dirty build, chosen by :func:`refusal`: any other input
changed, a generated file disappeared, a new page would enter the navigation, or the interview
data shown on knowledge and study pages changed. What the fast path leaves as it was until the
next build: the search index (entries of re-rendered pages are queued in the search plugin's
kept index and written by the next build), ``sitemap.xml``, and anchor validation.

Material's search plugin indexing the re-rendered pages costs about a third of their rendering,
but it is not skipped: under ``serve --dirty`` the plugin's kept index is the one the next build
writes (``search_index_prev``), and that build does not render these pages again (their sources
are older than their output), so skipping it would leave their old text in the search index. It
is moved off the path instead: the pages are queued and indexed after the browser reloaded, into
that same kept index, before the next update or build (``tools/site/search_defer.py``).
What an update computes again is cut elsewhere: the tables whose files did not change, the
company pages, filter variants and 面经 previews whose inputs did not change come from memos keyed
by their inputs' content (``tools/dashboards/memo.py``), and the update skips the dashboards' disk
cache. The glue between this module and the hooks is ``tools/site/serve_session.py``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from tools.kb.inventory import INVENTORY_PATH
from tools.site.open_pages import OpenPages
from tools.site.quick_rebuild import Stage, tree_signature
from tools.site.search_terms import GLOSSARY

log = logging.getLogger("mkdocs.hooks.handbook")
REPO_ROOT = Path(__file__).resolve().parents[2]
THEME_DIR = REPO_ROOT / "overrides"
HANDBOOK_DATA_FILES = (INVENTORY_PATH, GLOSSARY)  # in data/, but read by every page and the search index


def inputs_signature(config_file: Path | None, docs_dir: Path, *more: Path) -> tuple:
    """What a build reads besides the tracker data: the docs, the generator code, the theme
    overrides and the configuration file (existing paths only)."""
    paths = [p for p in (config_file, docs_dir, REPO_ROOT / "tools", THEME_DIR, *more) if p is not None and p.exists()]
    return tree_signature(*paths)


@dataclass(frozen=True)
class Plan:
    """How the generated files differ between two runs of the generator (docs-relative paths)."""

    changed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def plan_update(old: Mapping[str, str | bytes], new: Mapping[str, str | bytes]) -> Plan:
    """Sorted paths whose content changed, that are new, and that are gone.

    >>> plan_update({"a.md": "1", "b.md": "2", "c.ics": b"x"}, {"a.md": "1", "b.md": "3", "d.md": "4"})
    Plan(changed=('b.md',), added=('d.md',), removed=('c.ics',))
    """
    return Plan(
        changed=tuple(sorted(p for p in new if p in old and old[p] != new[p])),
        added=tuple(sorted(p for p in new if p not in old)),
        removed=tuple(sorted(p for p in old if p not in new)),
    )


def refusal(
    inputs_before: Hashable,
    inputs_now: Hashable,
    plan: Plan,
    shown_before: Hashable,
    shown_now: Hashable,
    in_nav: Callable[[str], bool],
) -> str | None:
    """Why a full (dirty) build is needed instead of the fast path, or None.

    ``shown_*``: the interview data that knowledge and study pages show (their pages are not
    generated, so the fast path does not re-render them); ``in_nav``: whether a new generated page
    would appear in the navigation (the sidebar of every page would change).

    >>> refusal(1, 1, Plan(changed=("a.md",)), "x", "x", lambda p: False) is None
    True
    >>> refusal(1, 2, Plan(), "x", "x", lambda p: False)
    'a file outside the data folder changed'
    >>> refusal(1, 1, Plan(removed=("tracker/companies/a.md",)), "x", "x", lambda p: False)
    'generated file removed: tracker/companies/a.md'
    >>> refusal(1, 1, Plan(added=("tracker/new.md",)), "x", "x", lambda p: p == "tracker/new.md")
    'new page in the navigation: tracker/new.md'
    >>> refusal(1, 1, Plan(), "x", "y", lambda p: False)
    'interview data shown on knowledge or study pages changed'
    """
    if inputs_before != inputs_now:
        return "a file outside the data folder changed"
    if plan.removed:
        return f"generated file removed: {', '.join(plan.removed)}"
    if entering := [p for p in plan.added if p.endswith(".md") and in_nav(p)]:
        return f"new page in the navigation: {', '.join(entering)}"
    if shown_before != shown_now:
        return "interview data shown on knowledge or study pages changed"
    return None


@dataclass
class LastBuild:
    """What the last build of the server used, kept for the fast path."""

    config: Any
    files: Any  # mkdocs.structure.files.Files
    nav: Any
    env: Any  # the theme's jinja2.Environment
    generated: dict[str, str | bytes]
    inputs: Hashable
    shown: Hashable


@dataclass
class Outcome:
    """A fast-path update: the pages rendered, the other files copied, the seconds it took in all
    and in generating the Markdown (the dashboards) and in rendering it."""

    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of the whole process: the server's other threads are idle meanwhile
    generate_seconds: float = 0.0
    render_seconds: float = 0.0

    def summary(self) -> str:
        """The server's log line (tests/bench/bench_live_reload.py reads its first figure)."""
        changed = ", ".join(self.pages + self.files) or "nothing changed"
        return (
            f"Tracker pages updated in {self.seconds:.2f} seconds ({self.cpu_seconds:.2f} s CPU; Markdown "
            f"{self.generate_seconds:.2f} s, pages {self.render_seconds:.2f} s): {changed}"
        )


def mkdocs_page_functions() -> tuple[Callable, Callable] | None:
    """MkDocs 1.6's ``_populate_page`` and ``_build_page`` (private: None if a release renamed them)."""
    from mkdocs.commands import build

    populate, render = getattr(build, "_populate_page", None), getattr(build, "_build_page", None)
    return (populate, render) if callable(populate) and callable(render) else None


def open_first(pages: list[Any], open_paths: set[str]) -> tuple[list[Any], list[Any]]:
    """(pages open in a browser, the others), each in the given order; ``open_paths`` are site
    paths (a page's ``dest_uri``).

    >>> from types import SimpleNamespace as P
    >>> a, b, c = P(dest_uri="a.html"), P(dest_uri="b.html"), P(dest_uri="c.html")
    >>> open_first([a, b, c], {"c.html", "z.html"}) == ([c], [a, b])
    True
    """
    return [p for p in pages if p.dest_uri in open_paths], [p for p in pages if p.dest_uri not in open_paths]


def apply_update(
    last: LastBuild,
    new_generated: Mapping[str, str | bytes],
    plan: Plan,
    stage: Stage,
    browsers: OpenPages | None = None,
    before_reveal: Callable[[], None] = lambda: None,
) -> Outcome:
    """Write the generated files of ``plan`` into the stage, render the changed and added pages
    into the site folder with the last build's objects, and copy the other changed files.

    With ``browsers`` (:mod:`tools.site.open_pages`), the pages open in a browser are rendered
    first; then ``before_reveal()`` runs and the browsers are told to reload while the other pages
    are rendered, each held back from requests until it is written."""
    from mkdocs.structure.files import File, InclusionLevel, set_exclusions
    from mkdocs.structure.pages import Page

    functions = mkdocs_page_functions()
    if functions is None:
        raise RuntimeError("mkdocs.commands.build has no _populate_page/_build_page")
    populate, render = functions
    config, files = last.config, last.files
    started = time.perf_counter()
    outcome = Outcome()
    touched: list[Any] = []
    for path in plan.changed + plan.added:
        source = stage.put(path, new_generated[path])
        file = files.get_file_from_path(path)
        if file is None:
            file = File.generated(config, path, abs_src_path=str(source))
            files.append(file)
        touched.append(file)
    if plan.added:
        set_exclusions(files, config)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in touched:
        if not file.is_documentation_page():
            file.copy_file(dirty=False)
            outcome.files.append(file.src_uri)

    def render_page(file: Any) -> None:
        if file.page is None:
            Page(None, file, config)
        populate(file.page, config, files, False)
        render(file.page, config, doc_files, last.nav, last.env, False, excluded=file.inclusion.is_excluded())
        outcome.pages.append(file.src_uri)

    pages = [file for file in touched if file.is_documentation_page()]
    seen, unseen = open_first(pages, browsers.open_paths() if browsers is not None else set())
    if browsers is None or not seen or not unseen:  # nothing to show before the others
        for file in pages:
            render_page(file)
    else:
        with browsers.holding(file.dest_uri for file in unseen):
            for file in seen:
                render_page(file)
            before_reveal()
            browsers.reveal()
            for file in unseen:
                render_page(file)
                browsers.release(file.dest_uri)
    last.generated = dict(new_generated)
    outcome.render_seconds = time.perf_counter() - started
    return outcome


class DataReload:
    """The fast path's state in one ``mkdocs serve --dirty`` process (see the module docstring)."""

    def __init__(self) -> None:
        self.last: LastBuild | None = None
        self._pending: dict[str, Any] = {}
        self.enabled = False

    def begin(self, config: Any, enabled: bool) -> None:
        """At the start of a build: note its inputs (before it reads them); forget the last build
        while this one runs, so a failed build is never the base of a fast update."""
        self.enabled, self.last = enabled, None
        self._pending = {"inputs": self.signature(config)} if enabled else {}

    @staticmethod
    def signature(config: Any) -> tuple:
        config_file = getattr(config, "config_file_path", None)
        return inputs_signature(Path(config_file) if config_file else None, Path(config.docs_dir), *HANDBOOK_DATA_FILES)

    def remember(self, **parts: Any) -> None:
        """Keep ``files``, ``nav``, ``env``, ``generated`` and ``shown`` as the build makes them."""
        if self.enabled:
            self._pending.update(parts)

    def built(self, config: Any) -> bool:
        """At the end of a build that succeeded: it becomes the base of the next fast update."""
        wanted = ("inputs", "files", "nav", "env", "generated", "shown")
        if not self.enabled or any(name not in self._pending for name in wanted):
            return False
        self.last = LastBuild(config=config, **{name: self._pending[name] for name in wanted})
        self._pending = {}
        return True

    def update(
        self,
        regenerate: Callable[[], tuple[dict[str, str | bytes], Hashable]],
        stage: Stage | None,
        browsers: OpenPages | None = None,
        before_reveal: Callable[[], None] = lambda: None,
    ) -> Outcome | None:
        """Apply a data change without a build; None when a build is needed (the reason is logged).
        ``browsers`` and ``before_reveal``: see :func:`apply_update`."""
        last = self.last
        if last is None or stage is None:
            return None
        started, cpu = time.perf_counter(), time.process_time()
        inputs = self.signature(last.config)
        if inputs != last.inputs:  # checked first: then nothing is generated in vain
            log.info("full rebuild: a file outside the data folder changed")
            return None
        generated, shown = regenerate()
        generate_seconds = time.perf_counter() - started
        plan = plan_update(last.generated, generated)
        reason = refusal(last.inputs, inputs, plan, last.shown, shown, lambda path: _would_be_in_nav(last.config, path))
        if reason:
            log.info(f"full rebuild: {reason}")
            return None
        outcome = apply_update(last, generated, plan, stage, browsers, before_reveal)
        outcome.generate_seconds, outcome.seconds = generate_seconds, time.perf_counter() - started
        outcome.cpu_seconds = time.process_time() - cpu
        return outcome


def _would_be_in_nav(config: Any, path: str) -> bool:
    """Whether a new page at ``path`` would be listed in the navigation (not ``not_in_nav``)."""
    from mkdocs.structure.files import File, set_exclusions

    probe = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
    set_exclusions([probe], config)
    return probe.inclusion.is_in_nav()


def wrap_builder(server: Any, fast: Callable[[], bool]) -> bool:
    """Make the live-reload server try ``fast()`` before each rebuild it starts by itself; the
    usual build runs when ``fast`` returns False or fails. False if the server has no builder."""
    original = getattr(server, "builder", None)
    if not callable(original) or getattr(original, "handbook_fast", False):
        return original is not None

    def builder(config: Any = None) -> None:
        if config is None:
            try:
                if fast():
                    return
            except PluginError:  # bad input: the build below stops with the same clear message, no traceback
                pass
            except Exception:  # the full build below repairs whatever the fast path left
                log.warning("fast data update failed; building the site instead", exc_info=True)
            return original()
        return original(config)

    builder.handbook_fast = True  # type: ignore[attr-defined]
    server.builder = builder
    return True
