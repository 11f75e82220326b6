"""Public builds carry no private field: markers in private cells must appear nowhere."""

import gzip
import html
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import build_site

from .conftest import SMALL, generate

MARKER = re.compile(r"PRIVATE-MARKER-\d+")


def _all_text(generated) -> str:
    parts = list(generated.pages.values())
    parts += [content.decode("utf-8") for content in generated.files.values()]
    parts += [label for labels in generated.asked_by_topic.values() for label in labels]
    parts += generated.problems
    # Data strings are written as entities (PRIVATE&#45;MARKER…): search the decoded text.
    return html.unescape("\n".join(parts))


def test_privacy_private_build_shows_private_fields(small_private):
    # the fixture really holds the markers, in the public files and in private/
    assert sorted(set(MARKER.findall(_all_text(small_private)))) == [f"PRIVATE-MARKER-{i:02d}" for i in range(1, 12)]


@pytest.mark.parametrize("anonymise", [False, True])
def test_privacy_public_build_has_no_marker(anonymise):
    generated = generate(SMALL, public=True, anonymise=anonymise)
    assert MARKER.findall(_all_text(generated)) == []
    assert "30k" not in _all_text(generated) and "45.0 万" not in _all_text(generated)


def test_privacy_anonymised_build_hides_company_names_and_ids():
    generated = generate(SMALL, public=True, anonymise=True)
    text = _all_text(generated)
    for name in ("字节跳动", "腾讯", "美团", "华为", "百度", "小米", "Seed", "混元", "jobs.example.com"):
        assert name not in text
    assert "公司A" in text
    assert re.findall(r"UID:(\S+)@", text) == ["interview-i0004", "deadline-a0007", "offer-a0003"]
    assert generated.asked_by_topic["A05"] == ["公司F · 一面", "公司B · 一面"]  # 腾讯, 字节跳动 in sorted order


def test_privacy_full_public_build_has_no_marker(tmp_path: Path):
    data = shutil.copytree(SMALL, tmp_path / "data")
    env = {"HANDBOOK_DATA": str(data), "HANDBOOK_PUBLIC": "1", "HANDBOOK_PUBLIC_TRACKER": "full", "HANDBOOK_TODAY": "2026-11-23"}
    site = build_site(tmp_path / "site", env)
    leaks = []
    checked = 0
    for path in site.path.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".js", ".xml", ".ics", ".txt", ".gz"}:
            data_bytes = path.read_bytes()
            if path.suffix == ".gz":
                data_bytes = gzip.decompress(data_bytes)
            checked += 1
            text = data_bytes.decode("utf-8", "replace")
            # entities (HTML) and JSON escapes (search index) decoded before searching
            decoded = html.unescape(html.unescape(text.replace("\\u0026", "&").replace("\\u003c", "<")))
            if "PRIVATE-MARKER" in text or "PRIVATE-MARKER" in decoded:
                leaks.append(str(path.relative_to(site.path)))
    assert checked > 50
    assert (site.path / "tracker" / "upcoming.ics").is_file()
    assert leaks == []
    assert "PRIVATE-MARKER" not in site.log
