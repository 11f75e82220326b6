"""The Content-Security-Policy written at post-build, checked without a browser."""

from pathlib import Path

from tools.site.csp import PRINT_SITE_SCRIPT, add_policies, inline_scripts, policy, script_hash, theme_script_patterns, with_policy

MD_SCOPE_START = '__md_scope=new URL("'


def _theme_scope_script(base: str) -> str:
    """The theme's first inline script as rendered for a page whose base URL is ``base``."""
    template = next(p for p in theme_script_patterns() if p.pattern.startswith("__md_scope"))
    assert template.pattern.startswith(r"__md_scope=new\ URL\(")
    installed = Path(__import__("material").__file__).parent / "templates" / "partials" / "javascripts" / "base.html"
    source = installed.read_text(encoding="utf-8")
    body = source[source.index("<script>") + 8 : source.index("</script>")]
    return body.replace("{{ config.extra.scope | d(base_url) }}", base)


def test_csp_policy_allows_no_inline_script_and_no_other_host():
    text = policy(["'sha256-abc='"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["script-src"] == "'self' 'sha256-abc='"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "unsafe-eval" not in text and "http" not in text and "*" not in text
    assert "'unsafe-inline'" not in directives["script-src"]


def test_csp_theme_patterns_match_the_rendered_theme_script_for_any_depth():
    patterns = theme_script_patterns()
    for base in [".", "..", "../..", "/"]:
        assert inline_scripts(f"<script>{_theme_scope_script(base)}</script>", patterns).unknown == []
    hostile = _theme_scope_script('.",location),alert(1),x=new URL("')
    assert inline_scripts(f"<script>{hostile}</script>", patterns).unknown == [" ".join(hostile.split())[:80]]


def test_csp_print_site_script_is_recognised():
    script = "\n        document.addEventListener('DOMContentLoaded', function () {\n            remove_material_navigation();generate_toc();\n        })\n        "
    assert PRINT_SITE_SCRIPT.fullmatch(script)
    assert not PRINT_SITE_SCRIPT.fullmatch(script.replace("generate_toc();", "alert(1);"))


def test_csp_inline_scripts_skip_data_blocks_and_external_scripts():
    page = '<script type="application/json" id="c">{"x":"\\u003c/script\\u003e"}</script><script src="a.js"></script><script type="module">evil()</script>'
    assert inline_scripts(page, ()).unknown == ["evil()"]
    assert inline_scripts(page, ()).hashes == []


def test_csp_with_policy_hashes_theme_scripts_and_replaces_an_old_policy():
    script = _theme_scope_script("..")
    page = f"<!doctype html><html><head>\n<title>t</title><script>{script}</script></head><body><script>alert(1)</script></body></html>"
    once, unknown = with_policy(page, theme_script_patterns())
    twice, _ = with_policy(once, theme_script_patterns())
    assert once == twice and once.count("Content-Security-Policy") == 1
    assert unknown == ["alert(1)"]
    assert f"script-src 'self' {script_hash(script)};" in once
    assert script_hash("alert(1)") not in once
    assert once.startswith('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src')


def test_csp_add_policies_reports_unknown_scripts_per_page(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text("<html><head></head><body><script>alert(1)</script></body></html>", encoding="utf-8")
    (tmp_path / "q.html").write_text("<html><head></head><body></body></html>", encoding="utf-8")
    assert add_policies(tmp_path) == ["a/p.html: inline script that is not the theme's (blocked by the CSP): 'alert(1)'"]
    assert "Content-Security-Policy" in (tmp_path / "q.html").read_text(encoding="utf-8")


def test_finish_checks_only_pages_changed_since_the_last_build(tmp_path: Path, monkeypatch) -> None:
    from tools.site import finish

    (tmp_path / "a.html").write_text("<html><head><title>a</title></head><body><script>evil()</script></body></html>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><head><title>b</title></head><body></body></html>", encoding="utf-8")
    first = finish._checked_pages(tmp_path)
    read = []
    original = finish.markup_check.check_page
    monkeypatch.setattr(finish.markup_check, "check_page", lambda page: read.append(page) or original(page))
    assert finish._checked_pages(tmp_path) == first  # nothing changed: nothing read, same problems reported
    assert read == []
    (tmp_path / "b.html").write_text("<html><head><title>b<</title></head><body></body></html>", encoding="utf-8")
    markup, scripts = finish._checked_pages(tmp_path)
    assert read == ["<html><head><title>b<</title></head><body></body></html>"]
    assert markup == ["b.html: <title> holds '<' unescaped: 'b<'"]
    assert scripts == ["a.html: inline script that is not the theme's (blocked by the CSP): 'evil()'"]
