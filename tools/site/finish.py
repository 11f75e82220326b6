"""Post-build fixes of the written site, and the warnings to show when one no longer applies."""

from __future__ import annotations

from pathlib import Path

from tools.site import print_page, search_index, search_patch


def finish_site(site_dir: Path) -> list[str]:
    """Compact the search index, repair the print page, patch the search worker.

    Returns one warning per fix that found nothing to fix (a plugin or Material release changed
    the code it targets); a strict build turns them into a failure.

    >>> finish_site(Path("/nonexistent"))[0].startswith("打印页修补未生效")
    True
    """
    warnings = []
    search_index.compact_search_index(site_dir)
    if not print_page.fix_print_page(site_dir):
        warnings.append("打印页修补未生效 print page not fixed: its base URL is no longer '/'; check tools/site/print_page.py")
    workers = search_patch.patch_search_workers(site_dir)
    if not workers:
        warnings.append("没有找到搜索 worker search worker not found in the built site")
    for result in workers:
        for name in result.missing:
            warnings.append(
                f"搜索修补未生效 search worker not patched ({name}): {result.path.name} no longer has the code "
                "this patch expects; check tools/site/search_patch.py against this Material release"
            )
    return warnings
