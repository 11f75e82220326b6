"""MkDocs hooks: thin calls into tested functions of ``tools.site`` and ``tools.kb``.

MkDocs puts only this file's folder on ``sys.path`` when it loads a hook, so the repository
root is added first. ``mkdocs serve`` caches this module: restart it after editing here.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from tools.kb.inventory import INVENTORY_PATH  # noqa: E402
from tools.site import (  # noqa: E402
    assets, badges, charts, data_reload, live_reload, math, math_font, math_prefetch, print_page, quick_rebuild,
    search_cache, search_rank, search_terms,
)
from tools.site.build_options import BuildOptionError, build_options  # noqa: E402
from tools.site.finish import check_pages, finish_site  # noqa: E402
from tools.site.generated import GeneratedContent, generate_content, kb_page_addendum  # noqa: E402
from tools.study.site import StudySite, page_html, prepare_study, study_files, with_interviews  # noqa: E402
from tools.tracker.settings import SettingsError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")
_asked_by_topic: dict[str, list[str]] = {}
_study: list[StudySite] = []
_math_characters: set[str] = set()  # characters in this build's formulas, for the font subset
_quick = quick_rebuild.QuickRebuild()  # mkdocs serve --dirty: what the last build saw
_data = data_reload.DataReload()  # mkdocs serve --dirty: a data-only change skips the build


def on_startup(command, dirty):
    _quick.start(dirty)


def on_shutdown():
    _quick.stop()


def on_serve(server, config, builder):
    if not live_reload.allow_live_reload(server):
        log.warning("live reload: this MkDocs has no _inject_js_into_html; the page's CSP may block reloading (tools/site/live_reload.py)")
    live_reload.poll_faster(server)
    if _quick.dirty and not data_reload.wrap_builder(server, lambda: _data_update(config) is not None):
        log.warning("data fast path off: this MkDocs server has no builder to wrap (tools/site/data_reload.py)")
    return server


def _data_update(config) -> data_reload.Outcome | None:
    """The serve fast path after a data-only change (tools/site/data_reload.py); None: build instead."""
    before = len(_math_characters)
    outcome = _data.update(lambda: _shown(_generate(config)), _quick.stage)
    if outcome is None:
        return None
    site_dir = Path(config.site_dir)
    if len(_math_characters) != before:
        math_font.write_math_font(site_dir, _math_characters)
    for warning in check_pages(site_dir):
        log.warning(warning)
    log.info(outcome.summary())
    return outcome


def _generate(config) -> GeneratedContent:
    docs_dir = Path(config.docs_dir)
    signature = quick_rebuild.tree_signature(docs_dir, INVENTORY_PATH)
    try:
        generated = generate_content(docs_dir, build_options(), _quick.last("docs scan"), signature, _quick.last("dashboards"))
    except (BuildOptionError, SettingsError) as error:
        raise PluginError(str(error)) from None  # a clear message, no traceback
    for problem in generated.problems:
        log.warning(problem)
    return generated


def _shown(generated: GeneratedContent) -> tuple[dict, object]:
    """The generated files, and the interview data that non-generated pages show."""
    return generated.files, (generated.asked_by_topic, generated.own_asked, generated.own_stuck)


def on_config(config):
    search_terms.register_terms(search_terms.glossary_terms())
    _quick.begin_build(config)
    _data.begin(config, enabled=_quick.dirty)
    return config


def on_nav(nav, config, files):
    _data.remember(nav=nav)
    return nav


def on_env(env, config, files):
    _data.remember(env=env, files=files)
    return _quick.with_template_cache(env)


def _generated_file(config, path, content):
    if _quick.stage is None:
        return File.generated(config, path, content=content)
    return File.generated(config, path, abs_src_path=str(_quick.stage.put(path, content)))


def on_files(files, config):
    for asset in assets.vendored_assets():
        files.append(File.generated(config, asset.site_path, abs_src_path=str(asset.source)))
    docs_dir = Path(config.docs_dir)
    signature = quick_rebuild.tree_signature(docs_dir, INVENTORY_PATH)
    generated = _generate(config)
    _data.remember(generated=dict(generated.files), shown=_shown(generated)[1])
    for path, content in generated.files.items():
        files.append(_generated_file(config, path, content))
    _asked_by_topic.clear()
    _asked_by_topic.update(generated.asked_by_topic)
    _math_characters.clear()
    catalogue = _quick.last("study catalogue").get(signature, lambda: prepare_study(docs_dir))
    _study[:] = [with_interviews(catalogue, generated.own_asked, generated.own_stuck)]
    deck = _quick.last("study deck").get(tuple(catalogue.pages), lambda: study_files(catalogue))
    for path, content in deck.items():
        files.append(_generated_file(config, path, content))
    _quick.refresh_data_pages(files, _study[0], generated.asked_by_topic)
    return files


def on_page_markdown(markdown, page, config, files):
    page.meta = search_rank.with_search_boost(page.file.src_uri, page.meta)
    return markdown + kb_page_addendum(page.file.src_uri, page.meta, _asked_by_topic)


def on_pre_build(config):
    """Full-build speed-ups (tools/site/print_page.py, search_cache.py, math_prefetch.py)."""
    math_prefetch.prefetch_docs(Path(config.docs_dir))
    if not print_page.speed_up_print_site():
        log.warning("打印页加速未生效 print-site's update_anchor_ids changed; check tools/site/print_page.py")
    if not search_cache.use_cache(config.plugins):
        log.warning("搜索缓存未生效 search index cache not used: Material's search plugin changed; check tools/site/search_cache.py")


# Before other plugins (print-site copies each page's HTML in this event).
@event_priority(50)
def on_page_content(html, page, config, files):
    try:
        html = math.render_math(html)
    except math.MathError as error:
        log.warning(f"{page.file.src_uri}: {error}")
    _math_characters.update(math_font.math_characters(html))
    page.meta["hb_charts"] = charts.page_has_chart(html)
    return page_html(_study[0], page.file.src_uri, badges.insert_after_title(html, badges.badges_html(page.meta)))


# After Material's offline plugin (-100): finish_site writes search/search_index.js itself,
# without the body text (tools/site/search_text.py).
@event_priority(-110)
def on_post_build(config):
    for problem in _study[0].problems if _study else []:
        log.warning(problem)
    site_dir = Path(config.site_dir)
    if _quick.is_quick:
        quick_rebuild.drop_stale_search_entries(config.plugins.values(), site_dir / "search" / "search_index.json")
    math_font.write_math_font(site_dir, _math_characters)
    for warning in finish_site(site_dir, print_page_built=not _quick.is_quick):
        log.warning(warning)
    _data.built(config)
