"""Build benchmark (prints figures, asserts nothing).

    .venv/bin/python tests/bench/bench_build.py [--runs 3]

Builds the site several times with ``mkdocs build --strict`` and prints, per run and as the
median: pages, build seconds, seconds per page, site size, search-index size, mean page weight
(HTML of a page plus the CSS/JS/fonts it loads is browser-dependent; this reports the HTML
file itself and, separately, the shared assets every page loads).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_once(site_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    return time.perf_counter() - start


def size(paths: list[Path]) -> int:
    return sum(path.stat().st_size for path in paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    seconds = []
    with tempfile.TemporaryDirectory() as temporary:
        site_dir = Path(temporary) / "site"
        for run in range(1, runs + 1):
            elapsed = build_once(site_dir)
            seconds.append(elapsed)
            print(f"run {run}: {elapsed:.2f} s", flush=True)
        pages = [p for p in site_dir.rglob("*.html") if p.name != "404.html"]
        files = [p for p in site_dir.rglob("*") if p.is_file()]
        index = site_dir / "search" / "search_index.json"
        shared = [
            *site_dir.glob("assets/stylesheets/*.css"),
            *site_dir.glob("assets/javascripts/bundle.*.js"),
            site_dir / "search" / "search_index.js",
        ]
        median = statistics.median(seconds)
        print(f"pages: {len(pages)}")
        print(f"build seconds (median of {runs}): {median:.2f}  (min {min(seconds):.2f}, max {max(seconds):.2f})")
        print(f"seconds per page: {median / len(pages) * 1000:.1f} ms")
        print(f"site size: {size(files) / 1e6:.1f} MB in {len(files)} files")
        print(f"search index: {index.stat().st_size / 1e6:.2f} MB")
        print(f"mean page HTML: {size(pages) / len(pages) / 1e3:.1f} KB")
        print(f"shared CSS/JS/search index loaded by every page: {size(shared) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
