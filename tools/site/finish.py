"""Post-build fixes of the written site, and the warnings to show when one no longer applies."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from tools.site import csp, markup_check, print_page, search_index, search_patch, search_prebuilt, search_query, search_terms
from tools.site.build_worker import BuildWorker, result_or_none

MAX_REPORTED = 20  # problems of one kind listed in the build log; the rest are counted


def finish_site(site_dir: Path, print_page_built: bool = True, helper: BuildWorker | None = None) -> list[str]:
    """Compact the search index, write its term counts for the browser (search_prebuilt), repair
    the print page (when this build wrote it), patch the search worker, check that no data became
    markup and write the Content-Security-Policy into every page.

    Returns one warning per fix that found nothing to fix (a plugin or Material release changed
    the code it targets); a strict build turns them into a failure.
    A quick ``serve`` rebuild does not write the print page (``print_page_built=False``): the one
    already in the site was fixed by an earlier build.
    With a ``helper`` (the build's worker process, ``build_worker.py``), the glossary words are
    cut and the pages other than the print page are checked there, in chunks, while this process
    does the rest; the chunks the worker has not started by then are taken back (a second of a
    build's end was on one core).

    >>> finish_site(Path("/nonexistent"))[0].startswith("打印页修补未生效")
    True
    """
    warnings = []
    search_index.compact_search_index(site_dir)
    glossary = search_terms.load_glossary()
    words = search_query.index_words(site_dir, glossary)
    parts = _submit(helper, search_terms.plain_parts, words) if words is not None else None
    printed = site_dir / print_page.PRINT_PAGE
    checks = _submit_checks(helper, site_dir, [p for p in _unchecked(site_dir) if p != printed])
    search_query.write_glossary(site_dir, glossary, result_or_none(parts))
    prebuilt = search_prebuilt.write_prebuilt_index(site_dir)
    if prebuilt:
        warnings.append(prebuilt)
    if print_page_built and not print_page.fix_print_page(site_dir):
        warnings.append("打印页修补未生效 print page not fixed: its base URL is no longer '/'; check tools/site/print_page.py")
    workers = search_patch.patch_search_workers(site_dir) + search_query.patch_search_workers(site_dir)
    if not workers:
        warnings.append("没有找到搜索 worker search worker not found in the built site")
    for result in workers:
        for name in result.missing:
            warnings.append(
                f"搜索修补未生效 search worker not patched ({name}): {result.path.name} no longer has the code "
                "this patch expects; check tools/site/search_patch.py and tools/site/search_query.py against this Material release"
            )
    _collect_checks(site_dir, checks)
    return warnings + check_pages(site_dir)


def _submit(helper: BuildWorker | None, job, *args) -> Future | None:
    return helper.submit(job, *args) if helper is not None else None


CHECK_CHUNK = 24  # pages per check job: the main process takes back the chunks not yet started


def _submit_checks(helper: BuildWorker | None, site_dir: Path, pages: list[Path]) -> list[tuple[list[Path], Future]]:
    """The pages' checks handed to the worker in chunks (none without a worker)."""
    if helper is None:
        return []
    jobs = []
    for start in range(0, len(pages), CHECK_CHUNK):
        chunk = pages[start : start + CHECK_CHUNK]
        job = helper.submit(check_files, site_dir, chunk)
        if job is None:
            break  # no worker: check_pages does the rest
        jobs.append((chunk, job))
    return jobs


def _collect_checks(site_dir: Path, jobs: list[tuple[list[Path], Future]]) -> None:
    """Once the main process is done with its own part: the chunks the worker has not started are
    checked here (the last first), the others' results taken; a failed job's pages are left to
    :func:`check_pages`."""
    for chunk, job in reversed(jobs):
        if job.cancel():
            _remember(check_files(site_dir, chunk))
    for _chunk, job in jobs:
        if not job.cancelled():
            _remember(result_or_none(job) or [])


def check_pages(site_dir: Path) -> list[str]:
    """Write the Content-Security-Policy into every page not seen since it last changed and
    check it for markup from data; the warnings for all pages (a serve fast path calls this alone)."""
    markup, scripts = _checked_pages(site_dir)
    return _limited("数据变成了标记 markup from data in a page", markup) + _limited("未知的内联脚本 unknown inline script", scripts)


# Pages checked by an earlier build in this process (mkdocs serve): size and mtime once the
# policy was written, and the problems found. A quick rebuild rewrites only the pages that
# changed; the others are not read again, and their problems are reported again.
_CHECKED: dict[Path, tuple[tuple[int, int], list[str], list[str]]] = {}


def _checked_pages(site_dir: Path) -> tuple[list[str], list[str]]:
    """Markup problems and unknown inline scripts of every page; the CSP written into each."""
    _remember(check_files(site_dir, _unchecked(site_dir)))
    pages = sorted(site_dir.rglob("*.html"))
    return [m for p in pages for m in _CHECKED[p][1]], [s for p in pages for s in _CHECKED[p][2]]


def _unchecked(site_dir: Path) -> list[Path]:
    return [p for p in sorted(site_dir.rglob("*.html")) if p not in _CHECKED or _CHECKED[p][0] != _stamp(p)]


PageCheck = tuple[Path, tuple[int, int], list[str], list[str]]  # page, stamp, markup problems, unknown scripts


def check_files(site_dir: Path, pages: list[Path]) -> list[PageCheck]:
    """Check each page for markup from data and write its CSP (each page read once, written at
    most once); a job the worker process can take."""
    patterns = csp.theme_script_patterns()
    checked = []
    for path in pages:
        page = path.read_text(encoding="utf-8")
        relative = path.relative_to(site_dir).as_posix()
        markup = [f"{relative}: {problem}" for problem in markup_check.check_page(page)]
        updated, unknown = csp.with_policy(page, patterns)
        if updated != page:
            path.write_text(updated, encoding="utf-8")
        checked.append((path, _stamp(path), markup, csp.unknown_script_problems(relative, unknown)))
    return checked


def _remember(checked: list[PageCheck]) -> None:
    for path, stamp, markup, scripts in checked:
        _CHECKED[path] = (stamp, markup, scripts)


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _limited(kind: str, problems: list[str]) -> list[str]:
    """One warning per problem, at most :data:`MAX_REPORTED`, then one that counts the rest.

    >>> _limited("x", ["a", "b"])
    ['x: a', 'x: b']
    >>> len(_limited("x", ["p"] * 50)), _limited("x", ["p"] * 50)[-1]
    (21, 'x: 另有 30 条 and 30 more')
    """
    shown = [f"{kind}: {problem}" for problem in problems[:MAX_REPORTED]]
    if len(problems) > MAX_REPORTED:
        shown.append(f"{kind}: 另有 {len(problems) - MAX_REPORTED} 条 and {len(problems) - MAX_REPORTED} more")
    return shown
