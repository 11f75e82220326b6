from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import BuiltSite
from tests.site.browsing import open_recorded, search
from tools.site.offline_zip import zip_site


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
