"""An offline copy of the handbook: build the site and pack it into one zip.

    python -m tools.site.offline_zip [--output dist/algo-job-handbook-offline.zip]

The zip holds one top folder; unzipped anywhere (paths with spaces or Chinese included), its
``index.html`` opens from disk with search working, because the offline plugin makes every
link relative and inlines the search index.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "dist" / "algo-job-handbook-offline.zip"
TOP_FOLDER = "algo-job-handbook"


def zip_site(site_dir: Path, zip_path: Path, top_folder: str = TOP_FOLDER) -> Path:
    """Pack ``site_dir`` under ``top_folder/`` in ``zip_path`` (file names stored as UTF-8)."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top_folder}/{path.relative_to(site_dir).as_posix()}")
    return zip_path


def build_and_zip(output: Path) -> Path:
    with tempfile.TemporaryDirectory() as temporary:
        site_dir = Path(temporary) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=True,
        )
        return zip_site(site_dir, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建站点并打包成离线 zip. Build the site and pack it for offline use.")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="zip 路径 path of the zip (default: %(default)s)")
    arguments = parser.parse_args(argv)
    try:
        path = build_and_zip(arguments.output)
    except subprocess.CalledProcessError as error:
        print(f"构建失败 build failed (exit {error.returncode}); see the mkdocs output above", file=sys.stderr)
        return 1
    print(f"已写出 written: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
