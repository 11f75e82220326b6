from pathlib import Path

import pytest

from tools.site.markup_check import check_page, check_site, check_title

HEAD = "<html><head><meta charset=utf-8><title>{}</title></head><body>{}</body></html>"


def test_check_title_accepts_escaped_text():
    assert check_title(HEAD.format("a &lt;b&gt; &amp; &#34;c&#34; - 手册", "")) == []


def test_check_title_finds_a_title_closed_by_data():
    page = HEAD.format("T</title><script>alert(1)</script> - 手册", "")
    assert check_title(page) == ["<title> is not one element: 1 opening and 2 closing tags in <head>"]


def test_check_title_finds_a_head_closed_by_data():
    page = "<html><head><title>T</head><body>x</title></body>"
    assert check_title(page) == ["<title> is not one element: 1 opening and 0 closing tags in <head>"]


@pytest.mark.parametrize("char", ["<", ">", '"', "'"])
def test_check_title_finds_unescaped_markup_characters(char):
    assert check_title(HEAD.format(f"a{char}b", "")) == [f"<title> holds {char!r} unescaped: {'a' + char + 'b'!r}"]


def test_check_title_ignores_svg_titles_in_the_body():
    assert check_title(HEAD.format("t", "<svg><title>图</title></svg>")) == []


def test_check_page_finds_markup_in_attributes_and_handlers():
    body = '<a title="x>y">1</a><span data-x="<b>">2</span><img src="x" onerror="alert(1)"><svg onload=alert(1)></svg>'
    assert check_page(HEAD.format("t", body)) == [
        "line 1: <a> has '<' or '>' in an attribute: '<a title=\"x>y\">'",
        "line 1: <span> has '<' or '>' in an attribute: '<span data-x=\"<b>\">'",
        "line 1: <img> has an event-handler attribute onerror: '<img src=\"x\" onerror=\"alert(1)\">'",
        "line 1: <svg> has an event-handler attribute onload: '<svg onload=alert(1)>'",
    ]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "java&#x09;script:alert(1)", "java\tscript:x", " JAVASCRIPT:x", "&#106;avascript:x", "vbscript:x", "data:text/html,x", "\x01javascript:x"],
)
def test_check_page_finds_script_urls(url):
    problems = check_page(HEAD.format("t", f'<a href="{url}">x</a>'))
    assert len(problems) == 1 and "uses a script or data URL" in problems[0]


def test_check_page_accepts_ordinary_links_and_self_closing_tags():
    body = '<a href="../kb/a.html#x" title="a &gt; b">x</a><br/><img src="../assets/x.svg" alt="1 &lt; 2"/>'
    assert check_page(HEAD.format("t", body)) == []


def test_check_site_prefixes_paths(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "ok.html").write_text(HEAD.format("ok", ""), encoding="utf-8")
    (tmp_path / "sub" / "bad.html").write_text(HEAD.format("a > b", ""), encoding="utf-8")
    assert check_site(tmp_path) == ["sub/bad.html: <title> holds '>' unescaped: 'a > b'"]


@pytest.mark.parametrize("tag", ["<img/onerror=alert(1)>", "<img\tonerror=alert(1)>", "<a title=\"x\"onclick=\"y\">", "<svg\nonload=alert(1)>"])
def test_check_page_finds_handlers_after_any_separator(tag):
    problems = check_page(HEAD.format("t", tag))
    assert len(problems) == 1 and "event-handler attribute on" in problems[0]


def test_check_page_skips_scripts_comments_and_styles_but_keeps_line_numbers():
    body = "<script>if (a<b && c>d) f()</script>\n<!-- <a onclick=x> -->\n<style>p>a{}</style>\n<b onclick=x>"
    assert check_page(HEAD.format("t", body)) == ["line 4: <b> has an event-handler attribute onclick: '<b onclick=x>'"]


def test_check_page_allows_embedded_data_images_but_not_data_links():
    body = '<img src="data:image/png;base64,AAAA"><a href="data:image/svg+xml,x">x</a>'
    assert check_page(HEAD.format("t", body)) == ["line 1: <a href> uses a script or data URL: 'data:image/svg+xml,x'"]
