from __future__ import annotations

from pathlib import Path

import material

from tools.site.search_patch import patch_search_workers, patch_worker_source

INSTALLED_WORKERS = sorted((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))


def test_patch_worker_source_fixes_the_installed_material_worker() -> None:
    """Fails when a Material upgrade changes the loop: then recheck the bug and the patch."""
    assert len(INSTALLED_WORKERS) == 1
    source = INSTALLED_WORKERS[0].read_text(encoding="utf-8")
    patched, found = patch_worker_source(source)
    assert found
    assert len(patched) == len(source) + 1
    assert patched.count("<=t.length;o++)t.slice(s,o)in ") == 1


def test_patch_worker_source_matches_renamed_variables() -> None:
    source = "x;for(let j=i+1;j<q.length;j++)q.slice(i,j)in d&&(n[i]=j-i);y"
    assert patch_worker_source(source) == ("x;for(let j=i+1;j<=q.length;j++)q.slice(i,j)in d&&(n[i]=j-i);y", True)


def test_patch_worker_source_reports_missing_or_ambiguous_loop() -> None:
    loop = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e;"
    assert patch_worker_source("no loop here") == ("no loop here", False)
    assert patch_worker_source(loop + loop) == (loop + loop, False)


def test_patch_search_workers_writes_once_and_reports_each_file(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc.min.js").write_text("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", encoding="utf-8")
    (first,) = patch_search_workers(tmp_path)
    assert first.patched
    (second,) = patch_search_workers(tmp_path)
    assert not second.patched  # already fixed: the hook warns instead of patching twice
    assert (workers / "search.abc.min.js").read_text(encoding="utf-8") == "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"
