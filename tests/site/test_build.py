"""The strict build itself and what it writes, checked without a browser."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO_ROOT, BuiltSite, build_site, differing_files, site_files
from tools.site.external_refs import scan_site

OWN_SCRIPTS = {p.relative_to(REPO_ROOT / "docs").as_posix() for p in (REPO_ROOT / "docs" / "assets" / "javascripts").glob("*.js")}


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_build_strict_prints_no_warning(built_site: BuiltSite) -> None:
    warnings = [line for line in built_site.log.splitlines() if "WARNING" in line]
    assert warnings == []


def test_build_from_an_empty_cache_writes_the_same_site(built_site: BuiltSite, tmp_path: Path) -> None:
    """The disk caches (formulas, font subset, search entries, tracker pages) and the build worker
    only save time: a build that starts from an empty cache writes the same bytes as the session's
    build (a warm one when the repository's cache was filled before)."""
    cold = build_site(tmp_path / "site", {"HANDBOOK_CACHE": str(tmp_path / "cache")})
    assert differing_files(site_files(cold.path), site_files(built_site.path)) == []


def test_build_has_no_external_resource_references(built_site: BuiltSite) -> None:
    assert [str(r) for r in scan_site(built_site.path, OWN_SCRIPTS)] == []


def test_build_renders_every_formula_as_mathml(built_site: BuiltSite) -> None:
    leftovers = [p.relative_to(built_site.path).as_posix() for p in _pages(built_site.path) if 'class="arithmatex"' in p.read_text(encoding="utf-8")]
    assert leftovers == []
    attention = (built_site.path / "kb" / "llm" / "attention.html").read_text(encoding="utf-8")
    assert '<div class="hb-math-display"><math display="block"' in attention


def test_build_copies_vendored_assets_from_packages(built_site: BuiltSite) -> None:
    vendor = built_site.path / "assets" / "vendor"
    assert not (vendor / "STIXTwoMath-Regular.ttf").exists()
    assert (vendor / "plotly.min.js").read_text(encoding="utf-8", errors="replace")[:200].find("plotly") != -1


def test_build_loads_chart_scripts_only_where_a_chart_is(built_site: BuiltSite) -> None:
    with_scripts = sorted(
        p.relative_to(built_site.path).as_posix() for p in _pages(built_site.path) if "assets/vendor/plotly.min.js" in p.read_text(encoding="utf-8")
    )
    with_charts = sorted(p.relative_to(built_site.path).as_posix() for p in _pages(built_site.path) if 'class="hb-chart"' in p.read_text(encoding="utf-8"))
    assert "kb/coverage.html" in with_charts
    assert with_scripts == with_charts


def test_build_has_no_google_fonts_or_generator_notice(built_site: BuiltSite) -> None:
    home = (built_site.path / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    assert "Made with" not in home


def test_build_keeps_chinese_heading_anchors_stable(built_site: BuiltSite) -> None:
    """Explicit ids survive; headings without one keep their Chinese text rather than _1, _2."""
    attention = (built_site.path / "kb" / "llm" / "attention.html").read_text(encoding="utf-8")
    for anchor in ["answer", "explain", "follow-ups", "pitfalls", "code", "references", "why-scale", "masks", "multi-head"]:
        assert f'id="{anchor}"' in attention
    assert 'id="_1"' not in attention


def test_build_segments_chinese_in_the_search_index(built_site: BuiltSite) -> None:
    index = (built_site.path / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u200b" in index or "\u200b" in index  # jieba word boundaries
    assert '"pipeline":[]' in index.replace(" ", "")


def test_build_tags_index_lists_tags(built_site: BuiltSite) -> None:
    tags = (built_site.path / "tags.html").read_text(encoding="utf-8")
    assert "手撕" in tags and "Transformer" in tags


def test_build_keeps_inline_diagrams_intact(built_site: BuiltSite) -> None:
    """An SVG wrapped in <p> by Markdown loses its shapes; diagrams must be raw HTML blocks."""
    broken = [p.relative_to(built_site.path).as_posix() for p in _pages(built_site.path) if "<p><svg" in p.read_text(encoding="utf-8")]
    assert broken == []
    with_diagrams = [p for p in _pages(built_site.path) if '<figure class="diagram">' in p.read_text(encoding="utf-8")]
    assert len(with_diagrams) >= 3


def test_build_writes_the_search_index_as_compact_utf8(built_site: BuiltSite) -> None:
    index = (built_site.path / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "注意力" in index and "\\u6ce8" not in index
    inlined = (built_site.path / "search" / "search_index.js").read_text(encoding="utf-8")
    assert inlined == "var __index = " + index


def test_build_reports_bad_settings_without_a_traceback(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    (data / "settings.yaml").write_text("stages: [1, 2\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO_ROOT,
        env={**os.environ, "HANDBOOK_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1
    assert "Traceback" not in output
    assert f"ERROR   -  {data / 'settings.yaml'}: 无法读取设置 cannot read settings: while parsing a flow sequence" in output
