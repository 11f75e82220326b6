from __future__ import annotations

from pathlib import Path

import material

from tools.site.search_patch import PATCHES, patch_search_workers, patch_worker_source

INSTALLED_WORKERS = sorted((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))
LOOP = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
JOIN = 'e=e.replace(x,s=>[...fe(s,this.index.invertedIndex)].join("* "));'


def test_patch_worker_source_fixes_the_installed_material_worker() -> None:
    """Fails when a Material upgrade changes the code: then recheck both faults and the patches."""
    assert len(INSTALLED_WORKERS) == 1
    source = INSTALLED_WORKERS[0].read_text(encoding="utf-8")
    patched, missing = patch_worker_source(source)
    assert missing == []
    assert patched.count("<=t.length;o++)t.slice(s,o)in ") == 1
    assert patched.count('=>" "+[...fe(s,this.index.invertedIndex)].join("* ")+" "') == 1
    assert len(patched) == len(source) + 1 + 8


def test_patch_worker_source_matches_renamed_variables() -> None:
    source = 'x;for(let j=i+1;j<q.length;j++)q.slice(i,j)in d;y=h=>[...zz(h,this.index.invertedIndex)].join("* ")'
    assert patch_worker_source(source) == (
        'x;for(let j=i+1;j<=q.length;j++)q.slice(i,j)in d;y=h=>" "+[...zz(h,this.index.invertedIndex)].join("* ")+" "',
        [],
    )


def test_patch_worker_source_reports_each_missing_or_ambiguous_patch() -> None:
    assert patch_worker_source("no code here") == ("no code here", list(PATCHES))
    assert patch_worker_source(LOOP + LOOP + JOIN)[1] == ["last word of a Chinese query"]
    assert patch_worker_source(LOOP)[1] == ["Chinese next to Latin letters"]


def test_patch_search_workers_writes_once_and_reports_each_file(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc.min.js").write_text(LOOP + JOIN, encoding="utf-8")
    (first,) = patch_search_workers(tmp_path)
    assert first.patched
    (second,) = patch_search_workers(tmp_path)
    assert second.patched  # a quick rebuild of mkdocs serve keeps the patched worker: no false warning
    assert (workers / "search.abc.min.js").read_text(encoding="utf-8") == (
        'for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);e=e.replace(x,s=>" "+[...fe(s,this.index.invertedIndex)].join("* ")+" ");'
    )


def test_patch_worker_source_accepts_an_already_patched_worker_once() -> None:
    patched, missing = patch_worker_source(LOOP + JOIN)
    assert missing == []
    assert patch_worker_source(patched) == (patched, [])
    # Patched twice over, or half patched and half missing, is still reported.
    assert patch_worker_source(patched + patched)[1] == list(PATCHES)
    loop_only = patch_worker_source(LOOP)[0]
    assert patch_worker_source(loop_only) == (loop_only, ["Chinese next to Latin letters"])


def test_patch_the_installed_worker_twice_reports_nothing() -> None:
    source = INSTALLED_WORKERS[0].read_text(encoding="utf-8")
    once, _ = patch_worker_source(source)
    assert patch_worker_source(once) == (once, [])
