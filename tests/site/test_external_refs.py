from __future__ import annotations

from pathlib import Path

from tools.site.external_refs import scan_css, scan_html, scan_own_script, scan_site


def test_scan_html_flags_loaded_resources_but_not_hyperlinks() -> None:
    html = "\n".join(
        [
            '<a href="https://arxiv.org/abs/1706.03762">paper</a>',
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
            '<link rel="preconnect" href="https://fonts.gstatic.com">',
            '<link rel="canonical" href="https://example.org/page.html">',
            '<script src="//unpkg.com/iframe-worker/shim"></script>',
            '<img srcset="a.png 1x, https://cdn.example/b.png 2x">',
            '<div style="background: url(\'https://x.example/bg.png\')"></div>',
            "<style>@import 'https://x.example/s.css';</style>",
            '<script src="assets/local.js"></script>',
        ]
    )
    assert [str(r) for r in scan_html(html, "p.html")] == [
        "p.html:2: <link rel=stylesheet>: https://fonts.googleapis.com/css?family=Roboto",
        "p.html:3: <link rel=preconnect>: https://fonts.gstatic.com",
        "p.html:5: <script src>: //unpkg.com/iframe-worker/shim",
        "p.html:6: <img srcset>: https://cdn.example/b.png",
        "p.html:7: <div style>: https://x.example/bg.png",
        "p.html:8: <style>: https://x.example/s.css",
    ]


def test_scan_css_flags_external_urls_only() -> None:
    css = "a{background:url(../img/a.png)}\n@font-face{src:url(https://fonts.example/f.woff2)}"
    assert [str(r) for r in scan_css(css, "s.css")] == ["s.css:2: CSS url()/@import: https://fonts.example/f.woff2"]


def test_scan_own_script_ignores_comments() -> None:
    js = '// see https://example.org/docs\nfetch("https://api.example/x")'
    assert [str(r) for r in scan_own_script(js, "a.js")] == ["a.js:2: absolute URL in project script: https://api.example/x"]


def test_scan_site_reads_html_css_and_own_scripts(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<img src="http://x.example/a.png">', encoding="utf-8")
    (tmp_path / "vendor.js").write_text('load("https://cdn.example/lib.js")', encoding="utf-8")
    (tmp_path / "own.js").write_text('load("https://cdn.example/lib.js")', encoding="utf-8")
    found = [str(r) for r in scan_site(tmp_path, own_scripts={"own.js"})]
    assert found == [
        "index.html:1: <img src>: http://x.example/a.png",
        "own.js:1: absolute URL in project script: https://cdn.example/lib.js",
    ]
