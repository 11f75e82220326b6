"""The math font is cut down to the formulas' characters and keeps what makes them stretch."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tests.conftest import BuiltSite
from tools.site import math_font


def _font(content: bytes) -> TTFont:
    return TTFont(io.BytesIO(content))


def test_math_font_subset_keeps_characters_and_stretchy_variants() -> None:
    font = _font(math_font.subset_woff2(math_font.source_font(), {"x", "(", "∑"}))
    assert font.flavor == "woff2"
    # GSUB closure adds the mirrored ")" (right-to-left forms); nothing else comes along.
    assert {chr(c) for c in font.getBestCmap()} == {"x", "(", ")", "∑"}
    variants = font["MATH"].table.MathVariants
    # Larger sizes of "(" and "∑" survive (the MATH table's glyph closure), so they still stretch.
    assert set(variants.VertGlyphCoverage.glyphs) >= {"parenleft", "summation"}
    assert "SIL Open Font License" in font["name"].getDebugName(13)


def test_math_font_subset_is_the_same_bytes_on_another_day(monkeypatch) -> None:
    """A cold build and a warm one (its font from the cache) write the same file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # fontTools' clock: 2026-01-01
    first = math_font.subset_woff2(math_font.source_font(), {"x"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")  # a day later
    assert math_font.subset_woff2(math_font.source_font(), {"x"}) == first


def test_math_font_cached_subset_is_made_once(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    first = math_font.cached_subset(math_font.source_font(), {"y"})
    monkeypatch.setattr(math_font, "subset_woff2", lambda *_: pytest.fail("subset again despite the cache"))
    assert math_font.cached_subset(math_font.source_font(), {"y"}) == first
    assert len(list((tmp_path / "fonts").glob("*.woff2"))) == 1


def test_math_font_quick_rebuild_keeps_characters_of_the_font_in_the_site(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    site = tmp_path / "site"
    math_font.write_math_font(site, {"a", "∫"})
    written = math_font.write_math_font(site, {"b"})
    assert math_font.font_characters(written) == {"a", "b", "∫"}


def test_math_font_in_the_built_site_covers_every_formula(built_site: BuiltSite) -> None:
    used: set[str] = set()
    for page in built_site.path.rglob("*.html"):
        used |= math_font.math_characters(page.read_text(encoding="utf-8"))
    font_file = built_site.path / math_font.SITE_PATH
    in_font = math_font.font_characters(font_file)
    source = math_font.font_characters(math_font.source_font())
    # Chinese in \text{} and the invisible function application are not in STIX; the browser
    # takes them from another font, with or without the subset.
    assert sorted(c for c in used & source if c not in in_font) == []
    assert len(used & source) > 200
    assert font_file.stat().st_size < math_font.source_font().stat().st_size / 10
