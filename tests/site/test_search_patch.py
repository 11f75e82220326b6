from __future__ import annotations

from pathlib import Path

import material

from tools.site.search_patch import PATCHES, patch_search_workers, patch_worker_source

INSTALLED_WORKERS = sorted((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))
LOOP = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
JOIN = 'e=e.replace(x,s=>[...fe(s,this.index.invertedIndex)].join("* "));'
# The code the "prebuilt lunr index" patches change, as in Material 9.8.1's worker (shortened).
CTOR = (
    'var U=class{constructor({config:e,docs:r,options:n}){let i=Oe(this.table=new Map);this.map=ie(r),this.options=n,'
    'this.index=lunr(function(){this.metadataWhitelist=["position"],this.b(0),this.tokenizer=ae,'
    "lunr.tokenizer.separator=new RegExp(e.separator)})}"
)
SEARCH = "let r=le(e),n=this.index.search(e).reduce((s,{ref:o})=>s,[]);"
SETUP = "switch(t.type){case 0:return yield Ie(t.data.config),de=new U(t.data),{type:1};"
ANSWER = "case 2:let e=t.data;try{return{type:3,data:de.search(e)}}catch(r){}"
START = "}self.lunr=Y.default;Y.default.utils.warn=console.warn;"
PREBUILT = CTOR + SEARCH + SETUP + ANSWER + START
PREBUILT_PATCHED = (
    'var U=class{constructor({config:e,docs:r,options:n}){let i=Oe(this.table=new Map);this.map=ie(r),this.options=n,'
    "this.index=self.__hbPrebuilt?.load(e,r,ae,this)||lunr(function(){"
    'this.metadataWhitelist=["position"],this.b(0),this.tokenizer=ae,'
    "lunr.tokenizer.separator=new RegExp(e.separator)})}"
    "let r=le(e),n=(self.__hbPrebuilt?.positions??((w,r)=>r))(this,this.index.search(e)).reduce((s,{ref:o})=>s,[]);"
    "switch(t.type){case 0:return yield Ie(t.data.config),yield self.__hbImported,de=new U(t.data),{type:1};"
    "case 2:let e=t.data;try{return{type:3,data:(self.__hbPrebuilt?.answer??((w,q)=>w.search(q)))(de,e)}}catch(r){}"
    "}self.lunr=Y.default;"
    'self.__hbImported=Promise.resolve().then(()=>importScripts("../search-prebuilt.js","../../../search/lunr_index.js")).catch(()=>{});'
    "Y.default.utils.warn=console.warn;"
)
PREBUILT_NAMES = [
    "prebuilt lunr index: early import",
    "prebuilt lunr index: import",
    "prebuilt lunr index: load",
    "prebuilt lunr index: positions",
    "prebuilt lunr index: answer",
]


def test_patch_worker_source_fixes_the_installed_material_worker() -> None:
    """Fails when a Material upgrade changes the code: then recheck both faults and the patches."""
    assert len(INSTALLED_WORKERS) == 1
    source = INSTALLED_WORKERS[0].read_text(encoding="utf-8")
    patched, missing = patch_worker_source(source)
    assert missing == []
    assert patched.count("<=t.length;o++)t.slice(s,o)in ") == 1
    assert patched.count('=>" "+[...fe(s,this.index.invertedIndex)].join("* ")+" "') == 1
    assert patched.count("this.index=self.__hbPrebuilt?.load(e,r,ae,this)||lunr(function(){") == 1
    assert patched.count("n=(self.__hbPrebuilt?.positions??((w,r)=>r))(this,this.index.search(e)).reduce(") == 1
    assert patched.count("case 0:return yield Ie(t.data.config),yield self.__hbImported,de=new U(t.data)") == 1
    assert patched.count("}self.lunr=Y.default;self.__hbImported=Promise.resolve().then(()=>importScripts(") == 1
    assert patched.count("return{type:3,data:(self.__hbPrebuilt?.answer??((w,q)=>w.search(q)))(de,e)}") == 1
    assert len(patched) == len(source) + 1 + 8 + 38 + 49 + 24 + 131 + 43


def test_patch_worker_source_matches_renamed_variables() -> None:
    source = 'x;for(let j=i+1;j<q.length;j++)q.slice(i,j)in d;y=h=>[...zz(h,this.index.invertedIndex)].join("* ")'
    assert patch_worker_source(source) == (
        'x;for(let j=i+1;j<=q.length;j++)q.slice(i,j)in d;y=h=>" "+[...zz(h,this.index.invertedIndex)].join("* ")+" "',
        PREBUILT_NAMES,  # this fragment has none of the code those patch
    )


def test_patch_worker_source_reports_each_missing_or_ambiguous_patch() -> None:
    assert patch_worker_source("no code here") == ("no code here", list(PATCHES))
    assert patch_worker_source(LOOP + LOOP + JOIN + PREBUILT)[1] == ["last word of a Chinese query"]
    assert patch_worker_source(LOOP + PREBUILT)[1] == ["Chinese next to Latin letters"]


def test_patch_worker_source_applies_the_prebuilt_index_patches() -> None:
    assert patch_worker_source(LOOP + JOIN + PREBUILT) == (patch_worker_source(LOOP + JOIN)[0] + PREBUILT_PATCHED, [])


def test_patch_worker_source_prebuilt_patches_match_renamed_variables() -> None:
    renamed = PREBUILT.replace("config:e", "config:c").replace("RegExp(e.", "RegExp(c.").replace("docs:r", "docs:d")
    renamed = renamed.replace("ie(r)", "ie(d)").replace("tokenizer=ae", "tokenizer=tk").replace("search(e)", "search(q)")
    renamed = renamed.replace("Ie(t.data.config),de=new U(t.data)", "Lx(m.data.config),w=new K(m.data)").replace("data:de.", "data:w.").replace("Y.default", "Q.default")
    patched, missing = patch_worker_source(renamed)
    assert [name for name in missing if name.startswith("prebuilt")] == []
    assert "self.__hbPrebuilt?.load(c,d,tk,this)||lunr(" in patched
    assert "(this,this.index.search(q)).reduce(" in patched
    assert "yield Lx(m.data.config),yield self.__hbImported,w=new K(m.data)" in patched
    assert "}self.lunr=Q.default;self.__hbImported=" in patched
    assert "data:(self.__hbPrebuilt?.answer??((w,q)=>w.search(q)))(w,q)}" in patched


def test_patch_worker_source_reports_each_prebuilt_shape_that_drifted() -> None:
    # A release that no longer passes the tokenizer in the index builder, searches through another
    # call, or sets up without awaiting: each patch is reported by its own name.
    drifted = PREBUILT.replace("this.tokenizer=ae,", "").replace(".reduce(", ".map(").replace("case 0:return yield ", "case 0:return ")
    drifted = drifted.replace("{type:3,data:", "{type:3,result:").replace("self.lunr=", "self.lunrjs=")
    assert patch_worker_source(LOOP + JOIN + drifted)[1] == PREBUILT_NAMES
    assert patch_worker_source(LOOP + JOIN + PREBUILT + SEARCH)[1] == ["prebuilt lunr index: positions"]


def test_patch_search_workers_writes_once_and_reports_each_file(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc.min.js").write_text(LOOP + JOIN + PREBUILT, encoding="utf-8")
    (first,) = patch_search_workers(tmp_path)
    assert first.patched
    (second,) = patch_search_workers(tmp_path)
    assert second.patched  # a quick rebuild of mkdocs serve keeps the patched worker: no false warning
    assert (workers / "search.abc.min.js").read_text(encoding="utf-8") == (
        'for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);e=e.replace(x,s=>" "+[...fe(s,this.index.invertedIndex)].join("* ")+" ");'
        + PREBUILT_PATCHED
    )


def test_patch_worker_source_accepts_an_already_patched_worker_once() -> None:
    patched, missing = patch_worker_source(LOOP + JOIN + PREBUILT)
    assert missing == []
    assert patch_worker_source(patched) == (patched, [])
    # Patched twice over, or half patched and half missing, is still reported.
    assert patch_worker_source(patched + patched)[1] == list(PATCHES)
    loop_only = patch_worker_source(LOOP + PREBUILT)[0]
    assert patch_worker_source(loop_only) == (loop_only, ["Chinese next to Latin letters"])


def test_patch_the_installed_worker_twice_reports_nothing() -> None:
    source = INSTALLED_WORKERS[0].read_text(encoding="utf-8")
    once, _ = patch_worker_source(source)
    assert patch_worker_source(once) == (once, [])
