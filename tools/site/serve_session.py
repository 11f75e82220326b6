"""What one MkDocs process keeps between its builds, and the glue of the serve fast path.

The hooks (``tools/site/hooks.py``) hold a single :class:`ServeSession` and call it from their
events. It owns the quick-rebuild state (:class:`~tools.site.quick_rebuild.QuickRebuild`), the
data fast path's memory of the last build (:class:`~tools.site.data_reload.DataReload`) and the
characters of this build's formulas (for the math font subset), because the fast update after a
saved tracker file needs all three: it generates the Markdown as a build does, renders the
changed pages, and writes the font again if a new formula character appeared. It also holds the
search entries that a fast update leaves for later (:class:`~tools.site.search_defer.DeferredIndex`):
they are indexed after the page reload, and always before the next update or build starts.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from tools.kb.inventory import INVENTORY_PATH
from tools.site import data_reload, math_font, quick_rebuild, search_defer
from tools.site.build_options import BuildOptionError, build_options
from tools.site.finish import check_pages
from tools.site.generated import GeneratedContent, generate_content
from tools.site.open_pages import OpenPages
from tools.tracker.settings import SettingsError

log = logging.getLogger("mkdocs.hooks.handbook")


def shown(generated: GeneratedContent) -> Hashable:
    """The interview data that non-generated pages (knowledge and study pages) show."""
    return generated.asked_by_topic, generated.own_asked, generated.own_stuck


class ServeSession:
    """The state the hooks share across the builds of one process (see the module docstring)."""

    def __init__(self) -> None:
        self.quick = quick_rebuild.QuickRebuild()  # mkdocs serve --dirty: what the last build saw
        self.data = data_reload.DataReload()  # mkdocs serve --dirty: a data-only change skips the build
        self.math_characters: set[str] = set()  # characters in this build's formulas, for the font subset
        self.search_queue = search_defer.DeferredIndex()  # pages of fast updates, indexed after the reload
        self.browsers = OpenPages()  # pages open in a browser, rendered and shown first by a fast update

    def begin_build(self, config: Any) -> None:
        """At the start of a build (``on_config``): index what fast updates left, then note the
        build's inputs for the data fast path."""
        self.search_queue.finish()
        self.data.begin(config, enabled=self.quick.dirty)

    def generate(self, config: Any, disk_cache: bool = True) -> GeneratedContent:
        """Every generated page and file (tools/site/generated.py), the problems logged; bad options
        or settings stop the build with a clear message and no traceback. ``disk_cache``: see
        :func:`~tools.site.generated.generate_content` (the fast path goes without it)."""
        docs_dir = Path(config.docs_dir)
        signature = quick_rebuild.tree_signature(docs_dir, INVENTORY_PATH)
        try:
            generated = generate_content(
                docs_dir, build_options(), self.quick.last("docs scan"), signature, self.quick.last("dashboards"), disk_cache
            )
        except (BuildOptionError, SettingsError) as error:
            raise PluginError(str(error)) from None
        for problem in generated.problems:
            log.warning(problem)
        return generated

    def data_update(self, config: Any) -> data_reload.Outcome | None:
        """The serve fast path after a data-only change (tools/site/data_reload.py); None: build instead."""
        site_dir = Path(config.site_dir)
        font_covers = len(self.math_characters)  # characters the site's math font has
        self.search_queue.finish()  # the last update's pages go into the index before this one's

        def regenerate() -> tuple[dict, Hashable]:
            generated = self.generate(config, disk_cache=False)
            return generated.files, shown(generated)

        def write_font_if_new_characters() -> None:
            nonlocal font_covers
            if len(self.math_characters) != font_covers:
                math_font.write_math_font(site_dir, self.math_characters)
                font_covers = len(self.math_characters)

        def before_reveal() -> None:  # the open pages are rendered; browsers reload them next
            write_font_if_new_characters()
            check_pages(site_dir)  # their CSP; the warnings of every page are logged once, below

        browsers = self.browsers if self.browsers.installed else None
        with self.search_queue.deferring(config.plugins):
            outcome = self.data.update(regenerate, self.quick.stage, browsers, before_reveal)
        if outcome is None:
            return None
        write_font_if_new_characters()
        for warning in check_pages(site_dir):
            log.warning(warning)
        log.info(outcome.summary())
        self.search_queue.start()  # after the delay, once the browser has the page
        return outcome

    def wrap_server(self, server: Any, config: Any) -> bool:
        """Under ``serve --dirty``, let the server try :meth:`data_update` before each rebuild it
        starts; False when it should have but the server has no builder to wrap."""
        if not self.quick.dirty:
            return True
        return data_reload.wrap_builder(server, lambda: self.data_update(config) is not None)
