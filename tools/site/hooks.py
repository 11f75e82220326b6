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

from tools.site import assets, badges, charts, math, math_font, search_rank, search_terms  # noqa: E402
from tools.site.build_options import BuildOptionError, build_options  # noqa: E402
from tools.site.finish import finish_site  # noqa: E402
from tools.site import math_prefetch, print_page, search_cache  # noqa: E402
from tools.site.generated import generate_content, kb_page_addendum  # noqa: E402
from tools.study.site import StudySite, page_html, prepare_study, study_files  # noqa: E402
from tools.tracker.settings import SettingsError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.handbook")
_asked_by_topic: dict[str, list[str]] = {}
_study: list[StudySite] = []
_math_characters: set[str] = set()  # characters in this build's formulas, for the font subset


def on_config(config):
    search_terms.register_terms(search_terms.glossary_terms())
    return config


def on_files(files, config):
    for asset in assets.vendored_assets():
        files.append(File.generated(config, asset.site_path, abs_src_path=str(asset.source)))
    try:
        generated = generate_content(Path(config.docs_dir), build_options())
    except (BuildOptionError, SettingsError) as error:
        raise PluginError(str(error)) from None  # a clear message, no traceback
    for problem in generated.problems:
        log.warning(problem)
    for path, content in generated.files.items():
        files.append(File.generated(config, path, content=content))
    _asked_by_topic.clear()
    _asked_by_topic.update(generated.asked_by_topic)
    _math_characters.clear()
    _study[:] = [prepare_study(Path(config.docs_dir), generated.own_asked, generated.own_stuck)]
    for path, content in study_files(_study[0]).items():
        files.append(File.generated(config, path, content=content))
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


def on_post_build(config):
    for problem in _study[0].problems if _study else []:
        log.warning(problem)
    math_font.write_math_font(Path(config.site_dir), _math_characters)
    for warning in finish_site(Path(config.site_dir)):
        log.warning(warning)
