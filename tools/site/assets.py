"""Front-end files taken from installed Python packages at build time.

Nothing third-party is committed to the repository and nothing loads from a CDN: the site
copies what it needs out of wheels that ``requirements.txt`` installs.
"""

from __future__ import annotations

from dataclasses import dataclass
import importlib.util
from pathlib import Path


@dataclass(frozen=True)
class VendoredAsset:
    """A file from an installed package and where it lands in the built site."""

    source: Path
    site_path: str  # relative to the site root, forward slashes


def vendored_assets() -> list[VendoredAsset]:
    """The packaged files the site serves as they are: the chart library.

    The math font is served cut down to the glyphs in use (:mod:`tools.site.math_font`).
    """
    return [
        # plotly's wheel carries its browser bundle for offline use (MIT licence).
        VendoredAsset(package_file("plotly", "package_data/plotly.min.js"), PLOTLY_JS),
    ]


PLOTLY_JS = "assets/vendor/plotly.min.js"


def package_file(package: str, relative: str) -> Path:
    # find_spec locates the package without importing it (importing ziamath is slow and noisy).
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{package} 未安装 not installed: pip install -r requirements.txt")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise FileNotFoundError(f"{package} 安装不完整 incomplete install: {relative} not found in {path.parent}")
    return path
