"""The end of a build (tools/site/finish.py): alone, and with the build's worker process."""

from __future__ import annotations

import re
from concurrent.futures import Future
from pathlib import Path

import jieba
import pytest

from tests.conftest import BuiltSite, copy_tree, differing_files, site_files
from tools.site import finish, search_terms
from tools.site.build_worker import BuildWorker
from tools.site.print_page import PRINT_PAGE

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def _unfinished_copy(built: Path, destination: Path) -> Path:
    """The built site with its pages' policies taken out, so that finishing must write them."""
    site = copy_tree(built, destination)
    for page in site.rglob("*.html"):
        page.write_text(POLICY.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    return site


@pytest.mark.usefixtures("_one_thread")
def test_finish_site_with_a_helper_writes_the_same_site_and_checks_the_pages_there(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(finish, "_CHECKED", {})
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache-alone"))
    alone = _unfinished_copy(built_site.path, tmp_path / "alone")
    expected = finish.finish_site(alone)

    helped = _unfinished_copy(built_site.path, tmp_path / "helped")
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache-helped"))  # the glossary's parts not on disk
    monkeypatch.setattr(search_terms, "_PARTS", {})
    worker = BuildWorker()
    assert worker.start() is True
    # Patched after the fork, so they count this process's work only.
    checked: list[str] = []
    original = finish.markup_check.check_page
    monkeypatch.setattr(finish.markup_check, "check_page", lambda page: checked.append(page) or original(page))
    monkeypatch.setattr(jieba, "Tokenizer", lambda *args, **kwargs: pytest.fail("jieba loaded here, not in the worker"))
    try:
        warnings = finish.finish_site(helped, helper=worker)
    finally:
        worker.stop()

    assert warnings == expected
    assert differing_files(site_files(helped), site_files(alone)) == []
    assert len(POLICY.findall((helped / "index.html").read_text(encoding="utf-8"))) == 1
    pages = list(helped.rglob("*.html"))
    assert POLICY.sub("", (helped / PRINT_PAGE).read_text(encoding="utf-8")) in checked
    assert len(checked) < len(pages) - finish.CHECK_CHUNK  # the first chunks at least: in the worker
    assert search_terms._PARTS == {}  # the glossary's parts came from the worker


def test_finish_site_checks_inline_the_pages_a_failed_job_left(built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class FailingHelper:
        def submit(self, job, *args):
            failed: Future = Future()
            failed.set_exception(RuntimeError("the worker died"))
            return failed

    monkeypatch.setattr(finish, "_CHECKED", {})
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    alone = _unfinished_copy(built_site.path, tmp_path / "alone")
    helped = _unfinished_copy(built_site.path, tmp_path / "helped")
    assert finish.finish_site(helped, helper=FailingHelper()) == finish.finish_site(alone)
    assert differing_files(site_files(helped), site_files(alone)) == []


def test_finish_collect_checks_takes_back_the_chunks_the_worker_has_not_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finish, "_CHECKED", {})
    pages = []
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.html").write_text(f"<html><head><title>{name}</title></head><body>{name}</body></html>", encoding="utf-8")
        pages.append(tmp_path / f"{name}.html")
    done: Future = Future()
    done.set_result(finish.check_files(tmp_path, pages[:1]))  # what the worker sent back
    pending: Future = Future()  # queued, not started
    checked: list[str] = []
    original = finish.markup_check.check_page
    monkeypatch.setattr(finish.markup_check, "check_page", lambda page: checked.append(page) or original(page))

    finish._collect_checks(tmp_path, [(pages[:1], done), (pages[1:], pending)])

    assert pending.cancelled() and len(checked) == 2  # b and c, here
    assert sorted(finish._CHECKED) == pages
    assert finish._unchecked(tmp_path) == []
    assert all(len(POLICY.findall(page.read_text(encoding="utf-8"))) == 1 for page in pages)
