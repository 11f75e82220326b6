"""One setting decides what a public build shows of the tracker (full / anonymised / off)."""

from __future__ import annotations

import csv
import html
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

from tests.conftest import REPO_ROOT, build_site
from tests.dashboards.conftest import SMALL
from tools.dashboards.site import generate_tracker_site
from tools.site.build_options import build_options
from tools.site.generated import generate_content, tracker_publishing
from tools.tracker.schema import TABLES

DOCS = REPO_ROOT / "docs"
TODAY = {"HANDBOOK_TODAY": "2026-11-23"}
NOT_CHOSEN = (
    "公开构建将发布你的投递记录(公司、岗位、日期、进度),但 settings.yaml 没有写 public_tracker。"
    "请明确选择 full、anonymised 或 off(建议 off)。"
    " This public build would publish your own applications, and public_tracker was never chosen:"
    " set public_tracker: full, anonymised or off (off is safest) in settings.yaml."
)


def _marked(value: str, table: str, column: str, row: int) -> str:
    """Every text or list cell becomes a unique marker; ids stay consistent across files."""
    if column in {"id", "application"}:
        return f"mkid{value}"
    return f"MARKER{table}{column}{row}".replace("_", "")


def marked_data(tmp_path: Path, public_tracker: str | None) -> Path:
    """The small fixture with a marker in every text and list field of every file, private ones too."""
    data = shutil.copytree(SMALL, tmp_path / "data")
    for path in sorted(data.rglob("*.csv")):
        table = TABLES[path.stem]
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for n, row in enumerate(rows):
            for column in row:
                spec = table.get(column)
                if spec is not None and spec.kind in {"text", "list"}:
                    row[column] = _marked(row[column] or "x", table.name, column, n)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    for path in sorted(data.rglob("interviews.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, entry in enumerate(entries):
            for column in list(entry):
                spec = TABLES["interviews"].get(column)
                if spec is not None and spec.kind in {"text", "list"}:
                    entry[column] = _marked(str(entry[column]), "interviews", column, n)
        path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    settings = yaml.safe_load((REPO_ROOT / "data" / "settings.yaml").read_text(encoding="utf-8"))
    settings.pop("public_tracker")
    if public_tracker is not None:
        settings["public_tracker"] = public_tracker
    (data / "settings.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return data


def _options(data: Path, **env: str):
    return build_options({"HANDBOOK_DATA": str(data), **TODAY, **env})


def test_marked_data_really_carries_markers_into_a_full_build(tmp_path: Path) -> None:
    data = marked_data(tmp_path, "full")
    generated = generate_tracker_site(data, public=True, anonymise=False, today=date(2026, 11, 23))
    text = html.unescape("\n".join(generated.pages.values()))
    assert "MARKERapplicationscompany0" in text and "MARKERinterviewsquestions0" in text


def test_public_tracker_off_generates_only_the_landing_and_format_pages(tmp_path: Path) -> None:
    data = marked_data(tmp_path, "off")
    content = generate_content(DOCS, _options(data, HANDBOOK_PUBLIC="1"))
    assert sorted(p for p in content.files if p.startswith("tracker/")) == ["tracker/data-format.md", "tracker/index.md"]
    assert content.asked_by_topic == {}
    assert "public_tracker: off" in content.files["tracker/index.md"]
    assert "[总览](overview.md)" not in content.files["tracker/index.md"]


def test_public_tracker_local_build_ignores_off(tmp_path: Path) -> None:
    publishing = tracker_publishing(_options(marked_data(tmp_path, "off")))
    assert (publishing.pages, publishing.public) == (True, False)


def test_public_tracker_anonymised_from_settings(tmp_path: Path) -> None:
    publishing = tracker_publishing(_options(marked_data(tmp_path, "anonymised"), HANDBOOK_PUBLIC="1"))
    assert (publishing.pages, publishing.public, publishing.anonymised, publishing.warning) == (True, True, True, None)


def test_public_tracker_environment_overrides_settings(tmp_path: Path) -> None:
    options = _options(marked_data(tmp_path, "full"), HANDBOOK_PUBLIC="1", HANDBOOK_PUBLIC_TRACKER="off")
    assert tracker_publishing(options).pages is False


def test_public_tracker_warns_before_publishing_own_data_never_decided(tmp_path: Path) -> None:
    content = generate_content(DOCS, _options(marked_data(tmp_path, None), HANDBOOK_PUBLIC="1"))
    assert NOT_CHOSEN in content.problems


def test_public_tracker_demo_publishes_without_warning() -> None:
    options = replace(build_options(TODAY), public=True, data_dir=REPO_ROOT / "data")
    publishing = tracker_publishing(options)
    assert (publishing.pages, publishing.warning) == (True, None)


def test_public_tracker_demo_fingerprint_is_current() -> None:
    """data/settings.yaml's demo_sha256 must match data/applications.csv (update it with the demo)."""
    import hashlib

    settings = yaml.safe_load((REPO_ROOT / "data" / "settings.yaml").read_text(encoding="utf-8"))
    assert settings["demo_sha256"] == hashlib.sha256((REPO_ROOT / "data" / "applications.csv").read_bytes()).hexdigest()


def test_public_tracker_off_full_build_contains_no_data_at_all(tmp_path: Path) -> None:
    data = marked_data(tmp_path, "off")
    site = build_site(tmp_path / "site", {"HANDBOOK_DATA": str(data), "HANDBOOK_PUBLIC": "1", **TODAY})
    leaks = []
    for path in site.path.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".js", ".xml", ".ics", ".txt", ".md"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            decoded = html.unescape(html.unescape(text.replace("\\u0026", "&").replace("\\u003c", "<")))
            if "MARKER" in decoded or "mkid" in decoded:
                leaks.append(path.relative_to(site.path).as_posix())
    assert leaks == []
    assert sorted(p.relative_to(site.path).as_posix() for p in (site.path / "tracker").rglob("*") if p.is_file()) == [
        "tracker/data-format.html",
        "tracker/index.html",
    ]
    home = (site.path / "index.html").read_text(encoding="utf-8")
    assert "tracker/overview.html" not in home and "tracker/board.html" not in home
