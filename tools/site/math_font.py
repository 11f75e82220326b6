"""The math font cut down to the characters the site's formulas use.

STIX Two Math (SIL Open Font License, shipped in the ``ziamath`` wheel) is 1.5 MB as a TTF; the
formulas use a few hundred of its glyphs. After a build, :func:`write_math_font` keeps those
glyphs, plus what fontTools' subsetter adds for them through the OpenType MATH table (the larger
sizes and pieces that let brackets, radicals and sums stretch) and GSUB (script-size forms),
and writes the result as WOFF2. The copyright and licence names stay in the font.

Subsetting takes seconds, so each result is cached on disk under the SHA-256 of the source
font and the character set (:func:`tools.site.math_cache.cache_root`); a rebuild with the same
formulas only copies the file. A quick ``serve`` rebuild sees only the pages it rewrote, so it
adds their characters to those of the font already in the site instead of dropping the rest.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from tools.site import math_cache
from tools.site.assets import package_file

SITE_PATH = "assets/vendor/stix-two-math.woff2"  # referenced by docs/assets/stylesheets/extra.css
_MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_OPTIONS_VERSION = "2"  # bump when the subsetter options below change (2: the source's timestamp kept)


def source_font() -> Path:
    return package_file("ziamath", "fonts/STIXTwoMath-Regular.ttf")


def math_characters(page_html: str) -> set[str]:
    """The characters inside the page's ``<math>`` elements (entities decoded, whitespace left out).

    >>> sorted(math_characters('<p>a</p><math><mi>x</mi><mo>&#x2211;</mo></math> <math><mn>2</mn></math>'))
    ['2', 'x', '∑']
    """
    found: set[str] = set()
    for element in _MATH_ELEMENT.findall(page_html):
        found.update(html.unescape(_TAG.sub("", element)))
    return {c for c in found if not c.isspace()}


def font_characters(font_file: Path) -> set[str]:
    """The characters a font file maps (its cmap); empty if there is no such file."""
    if not font_file.is_file():
        return set()
    with TTFont(font_file) as font:
        return {chr(code) for code in font.getBestCmap()}


def subset_woff2(source: Path, characters: set[str]) -> bytes:
    """``source`` reduced to ``characters`` (and the MATH/GSUB glyphs they need), as WOFF2."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # keep every GSUB/GPOS feature, e.g. ssty (script-size forms)
    options.name_IDs = ["*"]  # keep copyright, licence and its URL
    options.name_languages = ["*"]
    options.notdef_outline = True
    with TTFont(source, recalcTimestamp=False) as font:  # the source's date: the same bytes from every build
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in characters))
        subsetter.subset(font)
        out = io.BytesIO()
        font.flavor = "woff2"
        font.save(out)
    return out.getvalue()


def cached_subset(source: Path, characters: set[str]) -> bytes:
    """The subset for ``characters``, from the disk cache or made (and cached) now."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    key = hashlib.sha256(f"{_OPTIONS_VERSION}\0{digest}\0{''.join(sorted(characters))}".encode("utf-8")).hexdigest()
    path = math_cache.cache_root() / "fonts" / f"{key}.woff2"
    if path.is_file():
        return path.read_bytes()
    content = subset_woff2(source, characters)
    math_cache.store(path, content)
    return content


def wanted_characters(site_dir: Path, characters: set[str]) -> set[str]:
    """``characters`` and those of the font already in the site (a quick rebuild saw only the
    pages it rewrote; a full build starts from an empty folder)."""
    return characters | font_characters(site_dir / SITE_PATH)


def write_math_font(site_dir: Path, characters: set[str]) -> Path:
    """Write the subset font for :func:`wanted_characters` into the built site (made now, or by
    the build worker beforehand into the cache)."""
    target = site_dir / SITE_PATH
    content = cached_subset(source_font(), wanted_characters(site_dir, characters))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target
