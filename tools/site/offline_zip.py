"""An offline copy of the handbook: build the site and pack it into one zip.

    python -m tools.site.offline_zip [--output dist/algo-job-handbook-offline.zip] [--private]

A zip is made to be passed around, so it holds the **public** site by default
(``HANDBOOK_PUBLIC=1``: no private field, the private folder is not even read). ``--private``
includes the private fields for your own use, after a warning.

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


PRIVATE_WARNING = (
    "警告 WARNING: --private 把私密字段(备注、薪资、内推码、联系人……)打进 zip,只留给自己,不要分享。\n"
    "This zip includes your private fields (notes, pay, referral codes, contacts…): keep it to yourself."
)


def build_environment(private: bool, environ: dict[str, str]) -> dict[str, str]:
    """The environment of the build: public unless ``private`` (which overrides HANDBOOK_PUBLIC).

    >>> build_environment(False, {"HANDBOOK_PUBLIC": "0"})["HANDBOOK_PUBLIC"]
    '1'
    >>> build_environment(True, {"HANDBOOK_PUBLIC": "1"})["HANDBOOK_PUBLIC"]
    '0'
    """
    return {**environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PUBLIC": "0" if private else "1"}


def build_and_zip(output: Path, private: bool = False, environ: dict[str, str] | None = None) -> Path:
    """Build the site (public unless ``private``) into a temporary folder and zip it to ``output``."""
    with tempfile.TemporaryDirectory() as temporary:
        site_dir = Path(temporary) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
            cwd=ROOT,
            env=build_environment(private, dict(os.environ if environ is None else environ)),
            check=True,
        )
        return zip_site(site_dir, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建站点并打包成离线 zip. Build the site and pack it for offline use.")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="zip 路径 path of the zip (default: %(default)s)")
    parser.add_argument("--private", action="store_true", help="包含私密字段(只给自己用)include private fields, for your own use only")
    arguments = parser.parse_args(argv)
    if arguments.private:
        print(PRIVATE_WARNING, file=sys.stderr)
    try:
        path = build_and_zip(arguments.output, private=arguments.private)
    except subprocess.CalledProcessError as error:
        print(f"构建失败 build failed (exit {error.returncode}); see the mkdocs output above", file=sys.stderr)
        return 1
    kind = "含私密字段 PRIVATE" if arguments.private else "公开版 public"
    print(f"已写出 written ({kind}): {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
