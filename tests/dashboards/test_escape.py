import pytest

import yaml

from tools.dashboards.escape import front_matter_title, link_html, md_cell, md_text, plain_title, printable, safe_url


def test_escape_md_text_neutralises_markdown_and_html():
    assert md_text("[x](javascript:alert(1))") == "&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;"
    assert md_text('"><img src=x onerror=alert(1)>') == "&#34;&#62;&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;"
    assert md_text("{{ 7*7 }} {% raw %}") == "&#123;&#123; 7&#42;7 &#125;&#125; &#123;&#37; raw &#37;&#125;"


def test_escape_md_text_keeps_table_shape():
    assert md_text("a|b\r\nc\rd\ne") == "a&#124;b<br>c<br>d<br>e"


def test_escape_md_text_blocks_extension_syntax():
    assert md_text("--8<-- \"x\"") == "&#45;&#45;8&#60;&#45;&#45; &#34;x&#34;"
    assert md_text("$x$ :smile: {: onclick=x}") == "&#36;x&#36; &#58;smile&#58; &#123;&#58; onclick&#61;x&#125;"


def test_escape_md_cell_marks_empty_cells():
    assert md_cell(None) == "–"
    assert md_cell("  ") == "–"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)", "data:text/html,x", "vbscript:x", "/relative", "//host/x", "", "ftp://x.example"],
)
def test_escape_safe_url_drops_other_schemes(url):
    assert safe_url(url) is None


def test_escape_safe_url_encodes_markup_characters():
    assert safe_url('https://e.example/p?a="1"&b=<x>[y](z)$') == "https://e.example/p?a=%221%22&b=%3Cx%3E%5By%5D%28z%29%24"


def test_escape_link_html_falls_back_to_text():
    assert link_html("<b>", "javascript:alert(1)") == "&#60;b&#62;"
    assert link_html("官网", "http://e.example/?a=1&b=2") == '<a href="http://e.example/?a=1&amp;b=2" rel="noopener noreferrer nofollow">官网</a>'


def test_escape_plain_title_leaves_nothing_for_the_theme_to_decode():
    assert plain_title("T</title><script>alert(1)</script>") == "T＜/title＞＜script＞alert(1)＜/script＞"
    assert plain_title("a &lt;b&gt; \"c\" 'd' `e`") == "a ＆lt;b＆gt; ＂c＂ ＇d＇ ｀e｀"


def test_escape_plain_title_drops_control_and_bidi_characters():
    assert plain_title("a\x00b\x1b[31mc\u202ed\u2066e\u200bf") == "ab[31mcdef"
    assert plain_title(" 多\r\n行\u2028标题\t ") == "多 行 标题"


def test_escape_plain_title_shortens_long_cells():
    title = plain_title("x" * 10_000)
    assert len(title) == 80 and title.endswith("x…")


def test_escape_front_matter_title_is_one_yaml_string():
    line = front_matter_title('a: "b" #c\n--- d')
    assert line == 'title: "a: ＂b＂ #c --- d"'
    assert yaml.safe_load(line) == {"title": "a: ＂b＂ #c --- d"}
    assert front_matter_title("\x00") == 'title: "–"'


def test_escape_printable_shows_terminal_controls():
    assert printable("x\x1b]0;owned\x07y\u202ez") == "x\\x1b]0;owned\\x07y\\u202ez"
