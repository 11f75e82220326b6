from __future__ import annotations

import json
from pathlib import Path

import material

from tools.site.search_patch import patch_worker_source as patch_material_faults
from tools.site.search_query import PROLOGUE, add_glossary, patch_search_workers, patch_worker_source

INSTALLED_WORKERS = sorted((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))
SORTED = ";let n=r.reduce((s,o)=>{return s},[]).sort((s,o)=>o.score-s.score)"
ENTRY = 'search(e){if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),s=>x(s)),e=ce(e),!e)return{items:[]}' + SORTED + "}"
HOOKED = (
    'search(e){e=hbGlossaryQuery.rewrite(e,this.index.invertedIndex);if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),s=>x(s)),'
    "e=ce(e),e=hbGlossaryQuery.weigh(e),!e)return{items:[]};let n=r.reduce((s,o)=>{return s},[]).sort(hbGlossaryQuery.order)}"
)
# A worker hooked before order() existed: the first two hooks only.
TWO_HOOKS = (
    'search(e){e=hbGlossaryQuery.rewrite(e,this.index.invertedIndex);if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),s=>x(s)),'
    "e=ce(e),e=hbGlossaryQuery.weigh(e),!e)return{items:[]}" + SORTED + "}"
)


def test_patch_worker_source_hooks_the_installed_material_worker() -> None:
    """Fails when a Material upgrade changes the search method: then recheck the hook."""
    assert len(INSTALLED_WORKERS) == 1
    source = INSTALLED_WORKERS[0].read_text(encoding="utf-8")
    patched, ok = patch_worker_source(source)
    assert ok
    assert patched.startswith(PROLOGUE)
    assert patched.count("=hbGlossaryQuery.rewrite(") == patched.count("=hbGlossaryQuery.weigh(") == 1
    assert patched.count(".sort(hbGlossaryQuery.order)") == 1
    hooks = "e=hbGlossaryQuery.rewrite(e,this.index.invertedIndex);" + ",e=hbGlossaryQuery.weigh(e)"
    replaced = ("(s,o)=>o.score-s.score", "hbGlossaryQuery.order")
    assert len(patched) == len(source) + len(PROLOGUE) + len(hooks) - len(replaced[0]) + len(replaced[1])


def test_patch_worker_source_works_after_the_material_fault_patches() -> None:
    source = INSTALLED_WORKERS[0].read_text(encoding="utf-8")
    fixed, missing = patch_material_faults(source)
    assert missing == []
    patched, ok = patch_worker_source(fixed)
    assert ok
    assert patch_material_faults(patched) == (patched, [])  # the other patch still sees its fixes


def test_patch_worker_source_matches_renamed_variables() -> None:
    source = 'search(q){if(q=q.replace(new RegExp("\\\\p{sc=Han}+","gu"),h=>y(h)),q=zz(q),!q)return{items:[]};t=u.sort((a,b)=>b.score-a.score)}'
    assert patch_worker_source(source) == (source, False)  # the sort is not the one after the reduce
    source = source.replace("u.sort((a,b)", "v.reduce((a,b)=>{},[]).sort((a,b)")
    assert patch_worker_source(source) == (
        PROLOGUE
        + 'search(q){q=hbGlossaryQuery.rewrite(q,this.index.invertedIndex);if(q=q.replace(new RegExp("\\\\p{sc=Han}+","gu"),h=>y(h)),'
        + "q=zz(q),q=hbGlossaryQuery.weigh(q),!q)return{items:[]};t=v.reduce((a,b)=>{},[]).sort(hbGlossaryQuery.order)}",
        True,
    )


def test_patch_worker_source_reports_missing_or_ambiguous_code_unchanged() -> None:
    assert patch_worker_source("search(e){return e}") == ("search(e){return e}", False)
    assert patch_worker_source(ENTRY + ENTRY) == (ENTRY + ENTRY, False)
    formatted_first = "e=ce(e),!e)return{items:[]};" + ENTRY.split("e=ce(e)")[0] + SORTED
    assert patch_worker_source(formatted_first) == (formatted_first, False)  # the hooks out of order
    sorted_first = SORTED + ENTRY.replace(SORTED, "")
    assert patch_worker_source(sorted_first) == (sorted_first, False)
    assert patch_worker_source(ENTRY.replace(SORTED, "")) == (ENTRY.replace(SORTED, ""), False)  # no sort


def test_patch_worker_source_accepts_a_patched_worker_and_renews_its_prologue() -> None:
    patched, ok = patch_worker_source(ENTRY)
    assert (ok, patched) == (True, PROLOGUE + HOOKED)
    assert patch_worker_source(patched) == (patched, True)
    outdated = "/* hb-glossary-query:start old */\nvar hbGlossaryQuery=0;\n/* hb-glossary-query:end */\n" + HOOKED
    assert patch_worker_source(outdated) == (PROLOGUE + HOOKED, True)
    older = "/* hb-glossary-query:start old */\nvar hbGlossaryQuery=0;\n/* hb-glossary-query:end */\n" + TWO_HOOKS
    assert patch_worker_source(older) == (PROLOGUE + HOOKED, True)  # gets the hook it lacked


def test_patch_search_workers_writes_once_and_reports_each_file(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc.min.js").write_text(ENTRY, encoding="utf-8")
    (workers / "search.def.min.js").write_text("search(e){}", encoding="utf-8")
    assert [(r.path.name, r.missing) for r in patch_search_workers(tmp_path)] == [
        ("search.abc.min.js", []),
        ("search.def.min.js", ["glossary query rewriting"]),
    ]
    assert [r.missing for r in patch_search_workers(tmp_path)] == [[], ["glossary query rewriting"]]
    assert (workers / "search.abc.min.js").read_text(encoding="utf-8") == PROLOGUE + HOOKED


def test_add_glossary_keeps_the_index_and_adds_the_config_key() -> None:
    index = '{"config": {"lang": ["en"], "separator": "[\\\\s]+"}, "docs": [{"location": "a.html", "title": "批\\u200b归一化"}]}'
    written = add_glossary(index, {"terms": ["批归一化"], "synonyms": [], "parts": {}})
    assert json.loads(written) == {
        "config": {"lang": ["en"], "separator": "[\\s]+", "glossary": {"terms": ["批归一化"], "synonyms": [], "parts": {}}},
        "docs": [{"location": "a.html", "title": "批\u200b归一化"}],
    }
    assert " " not in written
