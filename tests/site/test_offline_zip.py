from __future__ import annotations

import os
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, BuiltSite
from tests.site.browsing import open_recorded, search
from tools.dashboards.site import generate_tracker_site
from tools.site import offline_zip
from tools.site.offline_zip import build_and_zip, zip_site


def test_zip_site_puts_everything_under_one_folder(built_site: BuiltSite, tmp_path: Path) -> None:
    archive = zip_site(built_site.path, tmp_path / "out" / "offline.zip")
    names = zipfile.ZipFile(archive).namelist()
    assert "algo-job-handbook/index.html" in names
    assert "algo-job-handbook/search/search_index.js" in names
    assert all(name.startswith("algo-job-handbook/") for name in names)


@pytest.mark.browser
def test_zip_site_unzipped_under_spaces_and_chinese_opens_with_search(browser, built_site: BuiltSite, tmp_path: Path) -> None:
    archive = zip_site(built_site.path, tmp_path / "offline.zip")
    destination = tmp_path / "我的 资料" / "面试 手册"
    zipfile.ZipFile(archive).extractall(destination)
    root_url = (destination / "algo-job-handbook").as_uri() + "/"
    page, recorder = open_recorded(browser, root_url + "index.html", None)
    results = search(page, "注意力", root_url)
    assert "kb/llm/attention.html" in results[:3]
    page.keyboard.press("Escape")
    page.click("a.md-tabs__link:text-is('知识库')")
    assert page.url.endswith("kb/index.html")
    assert recorder.external_requests() == []
    assert recorder.page_errors == []
    page.context.close()


MARKERS = {
    "applications.csv": "编号,内推码,联系人,备注\nbytedance-llm-seed,ZQPRIVREF1,ZQPRIVCONTACT2,ZQPRIVNOTE3\n",
    "interviews.yaml": "- id: i01\n  stuck_cause: ZQPRIVCAUSE4\n  notes: ZQPRIVNOTE5\n",
    # Every offer row has a private row: a private file covering only some offers fails to load
    # today (pd.NA in a months column; reported, not part of this test).
    "offers.csv": "application,monthly_base,months,notes\nant-digital-human,32k,16,ZQPRIVOFFER6\namap-algo,28k,16,x\n"
    "huawei-vision,25k,15,x\nbytedance-llm-seed,40k,15,x\n",
}


def _data_with_private_markers(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data, ignore=shutil.ignore_patterns("private", "private.example"))
    (data / "private").mkdir()
    for name, text in MARKERS.items():
        (data / "private" / name).write_text(text, encoding="utf-8")
    return data


def _markers_in(text: str) -> list[str]:
    return sorted(set(re.findall(r"ZQPRIV[A-Z]+\d", text)))


def test_offline_zip_markers_reach_a_private_build(tmp_path: Path) -> None:
    """The markers are real private cells: a private generation shows them (so the next test can fail;
    offer notes are never shown)."""
    data = _data_with_private_markers(tmp_path)
    pages = generate_tracker_site(data, public=False, anonymise=False, today=date(2026, 11, 23))
    assert pages.problems == []
    assert _markers_in("".join(pages.pages.values())) == ["ZQPRIVCAUSE4", "ZQPRIVCONTACT2", "ZQPRIVNOTE3", "ZQPRIVNOTE5", "ZQPRIVREF1"]


@pytest.mark.slow
def test_offline_zip_default_build_has_no_private_marker(tmp_path: Path) -> None:
    data = _data_with_private_markers(tmp_path)
    environ = {**os.environ, "HANDBOOK_DATA": str(data), "HANDBOOK_TODAY": "2026-11-23", "HANDBOOK_PUBLIC": "0"}
    archive = build_and_zip(tmp_path / "offline.zip", environ=environ)
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        found = {name: _markers_in(opened.read(name).decode("utf-8", errors="replace")) for name in names}
    assert "algo-job-handbook/index.html" in names and any("tracker/companies/" in name for name in names)
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_offline_zip_private_flag_warns(monkeypatch, capsys, tmp_path: Path) -> None:
    calls = []
    monkeypatch.setattr(offline_zip, "build_and_zip", lambda output, private: calls.append((output, private)) or _fake_zip(output))
    assert offline_zip.main(["--output", str(tmp_path / "a.zip")]) == 0
    assert capsys.readouterr().err == ""
    assert offline_zip.main(["--output", str(tmp_path / "b.zip"), "--private"]) == 0
    captured = capsys.readouterr()
    assert captured.err == offline_zip.PRIVATE_WARNING + "\n"
    assert "含私密字段 PRIVATE" in captured.out
    assert calls == [(tmp_path / "a.zip", False), (tmp_path / "b.zip", True)]


def _fake_zip(output: Path) -> Path:
    output.write_bytes(b"PK")
    return output
