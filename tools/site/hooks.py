"""MkDocs hooks: thin calls into tested functions of ``tools.site`` and ``tools.kb``.

MkDocs puts only this file's folder on ``sys.path`` when it loads a hook, so the repository
root is added first. ``mkdocs serve`` caches this module: restart it after editing here.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from tools.kb.inventory import INVENTORY_PATH  # noqa: E402
from tools.site import (  # noqa: E402
    assets, badges, charts, live_reload, math, math_font, print_page, quick_rebuild, search_cache,
    search_rank, search_terms,
)
from tools.site.side_work import SideWork  # noqa: E402
from tools.site.finish import finish_site  # noqa: E402
from tools.site.generated import kb_page_addendum  # noqa: E402
from tools.site.serve_session import ServeSession, shown  # noqa: E402
from tools.study.site import StudySite, page_html, prepare_study, study_files, with_interviews  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")
_asked_by_topic: dict[str, list[str]] = {}
_study: list[StudySite] = []
_session = ServeSession()  # quick rebuilds, the data fast path, the formula characters (tools/site/serve_session.py)
_quick, _data, _math_characters = _session.quick, _session.data, _session.math_characters
_glossary: list[str] = []  # words jieba keeps whole, told to it before it cuts a page
_side = SideWork()  # search entries, math font and formulas beside the pages (tools/site/side_work.py)


def on_startup(command, dirty):
    _quick.start(dirty)


def on_shutdown():
    _quick.stop()


def on_serve(server, config, builder):
    if not live_reload.allow_live_reload(server):
        log.warning("live reload: this MkDocs has no _inject_js_into_html; the page's CSP may block reloading (tools/site/live_reload.py)")
    live_reload.poll_faster(server)
    if not live_reload.poll_data_faster(server, config.watch):
        log.warning("live reload: this MkDocs/watchdog has no per-path emitters; data/ is polled every 0.2 s (tools/site/live_reload.py)")
    if not _session.wrap_server(server, config):
        log.warning("data fast path off: this MkDocs server has no builder to wrap (tools/site/data_reload.py)")
    if not _session.browsers.install(server):
        log.warning("live reload: this MkDocs server lacks a name tools/site/open_pages.py uses; open pages are not shown first")
    live_reload.poll_less_while_building(server)  # outside the fast path's wrapper
    return server


def on_config(config):
    _glossary[:] = search_terms.glossary_terms()
    _quick.begin_build(config)
    _session.begin_build(config)
    return config


def on_nav(nav, config, files):
    _data.remember(nav=nav)
    return nav


def on_env(env, config, files):
    _data.remember(env=env, files=files)
    _side.pages_ready(Path(config.site_dir), _math_characters)
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
    catalogue = _quick.last("study catalogue").get(signature, lambda: prepare_study(docs_dir))
    deck = _side.ahead(study_files, catalogue)  # the Anki deck, made beside the tracker pages
    generated = _session.generate(config)
    _data.remember(generated=dict(generated.files), shown=shown(generated))
    for path, content in generated.files.items():
        files.append(_generated_file(config, path, content))
    _asked_by_topic.clear()
    _asked_by_topic.update(generated.asked_by_topic)
    _math_characters.clear()
    _study[:] = [with_interviews(catalogue, generated.own_asked, generated.own_stuck)]
    for path, content in _quick.last("study deck").get(tuple(catalogue.pages), deck).items():
        files.append(_generated_file(config, path, content))
    _quick.refresh_data_pages(files, _study[0], generated.asked_by_topic)
    return files


def on_page_markdown(markdown, page, config, files):
    page.meta = search_rank.with_search_boost(page.file.src_uri, page.meta)
    return markdown + kb_page_addendum(page.file.src_uri, page.meta, _asked_by_topic)


def on_pre_build(config):
    """Full-build speed-ups (tools/site/print_page.py, search_cache.py, side_work.py)."""
    if not print_page.speed_up_print_site():
        log.warning("打印页加速未生效 print-site's update_anchor_ids changed; check tools/site/print_page.py")
    indexer = search_cache.use_cache(config.plugins, _glossary)
    if indexer is None:
        log.warning("搜索缓存未生效 search index cache not used: Material's search plugin changed; check tools/site/search_cache.py")
        search_terms.register_terms_once(_glossary)  # the plugin cuts pages without asking the cache
    _side.begin(Path(config.docs_dir), indexer)


# Before other plugins (print-site copies each page's HTML in this event).
@event_priority(50)
def on_page_content(html, page, config, files):
    try:
        html = math.render_math(html)
    except math.MathError as error:
        log.warning(f"{page.file.src_uri}: {error}")
    _math_characters.update(math_font.math_characters(html))
    page.meta["hb_charts"] = charts.page_has_chart(html)
    html = page_html(_study[0], page.file.src_uri, badges.insert_after_title(html, badges.badges_html(page.meta)))
    _side.page_ready(page, html)
    return html


def on_post_build(config):
    for problem in _study[0].problems if _study else []:
        log.warning(problem)
    site_dir = Path(config.site_dir)
    if _quick.is_quick:
        quick_rebuild.drop_stale_search_entries(config.plugins.values(), site_dir / "search" / "search_index.json")
    _side.font_ready()
    math_font.write_math_font(site_dir, _math_characters)
    for warning in finish_site(site_dir, print_page_built=not _quick.is_quick, helper=_side.worker):
        log.warning(warning)
    _side.end()
    _data.built(config)


def on_build_error(error):
    _side.end()
