"""A Content-Security-Policy ``<meta>`` tag on every built page: the second wall.

If a string from the data ever escaped into markup, the browser would still refuse to run it:
scripts load only from the site itself, and an inline script runs only if its SHA-256 hash is
listed. Only the theme's own inline scripts are hashed. They are recognised by their shape,
taken at build time from the installed Material templates (where ``{{ … }}`` stands for a
relative URL), plus the one small script the print-site plugin writes. Any other inline script
is left unhashed, so it is blocked, and reported, so a strict build fails.

Measured in Chromium (tests/site/test_csp.py): pages opened from ``file://`` match ``'self'``
against other ``file:`` URLs, so the same policy serves disk and http. Styles keep
``'unsafe-inline'``: the theme and plotly write ``style`` attributes and ``<style>``
elements; styles cannot run script.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

META_NAME = "Content-Security-Policy"
_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>.*?)</script>", re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_EXISTING_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
# What a template expression inside a theme script stands for: a relative URL or a path.
_URLISH = r"[A-Za-z0-9._~/%-]*"
# Templates whose scripts a page of this site never needs (a redirect stub navigates anywhere).
SKIPPED_TEMPLATES = frozenset({"redirect.html"})
# mkdocs-print-site-plugin's script on print_page.html: calls to its own functions on load.
PRINT_SITE_SCRIPT = re.compile(
    r"\s*document\.addEventListener\('DOMContentLoaded', function \(\) \{\s*"
    r"(?:(?:remove_material_navigation|remove_mkdocs_theme_navigation|generate_toc)\(\);)+\s*\}\)\s*"
)

# Everything else comes from the site itself ('self'); see the module docstring for styles.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),  # the theme's icons are data: SVGs in its CSS
    ("style-src", "'self' 'unsafe-inline'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)


def template_script_pattern(template_script: str) -> re.Pattern[str]:
    """A regex for what a theme template's inline script becomes once rendered.

    >>> p = template_script_pattern('x=new URL("{{ base_url }}",location)')
    >>> bool(p.fullmatch('x=new URL("../..",location)')), bool(p.fullmatch('x=new URL("a\\\\"),alert(1)//",location)'))
    (True, False)
    """
    parts = _JINJA.split(template_script)
    return re.compile(_URLISH.join(re.escape(part) for part in parts), re.DOTALL)


@lru_cache(maxsize=1)
def theme_script_patterns() -> tuple[re.Pattern[str], ...]:
    """The inline scripts of the installed Material templates, as patterns, plus the print-site one."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("mkdocs-material 未安装 not installed")
    templates = Path(next(iter(spec.submodule_search_locations))) / "templates"
    patterns = {}
    for path in sorted(templates.rglob("*.html")):
        if path.name in SKIPPED_TEMPLATES:
            continue
        for match in _TEMPLATE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
            body = match["body"]
            patterns.setdefault(body, template_script_pattern(body))
    return (*patterns.values(), PRINT_SITE_SCRIPT)


def script_hash(body: str) -> str:
    """The CSP source expression allowing an inline script with exactly this text.

    >>> script_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class PageScripts:
    hashes: list[str] = field(default_factory=list)  # of the theme's inline scripts, in page order
    unknown: list[str] = field(default_factory=list)  # the start of every other executable inline script


def inline_scripts(page: str, patterns: tuple[re.Pattern[str], ...]) -> PageScripts:
    """Sort a page's executable inline scripts into the theme's own (hashed) and unknown ones.

    >>> pats = (re.compile("ok\\\\(\\\\)"),)
    >>> inline_scripts('<script>ok()</script><script type="application/json">{}</script><script src="a.js"></script><script>alert(1)</script>', pats)
    PageScripts(hashes=["'sha256-TD4bijd3KUcHDmm9fAy+0QwyFVw/v4b25yHb8E2F7bY='"], unknown=['alert(1)'])
    """
    found = PageScripts()
    for match in _SCRIPT.finditer(page):
        attrs = match["attrs"] or ""
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() not in JS_TYPES:
            continue  # data blocks (application/json) never run
        body = match["body"]
        if any(p.fullmatch(body) for p in patterns):
            digest = script_hash(body)
            if digest not in found.hashes:
                found.hashes.append(digest)
        else:
            found.unknown.append(" ".join(body.split())[:80])
    return found


def policy(hashes: list[str]) -> str:
    """The policy text for a page whose allowed inline scripts have ``hashes``.

    >>> policy(["'sha256-x'"])
    "default-src 'self'; script-src 'self' 'sha256-x'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
    """
    script = " ".join(["'self'", *hashes])
    directives = [DIRECTIVES[0], ("script-src", script), *DIRECTIVES[1:]]
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_policy(page: str, patterns: tuple[re.Pattern[str], ...]) -> tuple[str, list[str]]:
    """The page with its CSP ``<meta>`` first in ``<head>`` (replacing an earlier one), and the
    unknown inline scripts found.

    >>> html, unknown = with_policy("<html><head><title>t</title></head><script>evil()</script></html>", ())
    >>> html[:70], unknown
    ('<html><head><meta http-equiv="Content-Security-Policy" content="defaul', ['evil()'])
    """
    page = _EXISTING_META.sub("", page)
    scripts = inline_scripts(page, patterns)
    meta = f'<meta http-equiv="{META_NAME}" content="{policy(scripts.hashes)}">'
    head = _HEAD.search(page)
    if head is None:
        return meta + page, scripts.unknown
    return page[: head.end()] + meta + page[head.end() :], scripts.unknown


def add_policies(site_dir: Path, pages: list[Path] | None = None) -> list[str]:
    """Write the policy into every HTML page of a built site (or into ``pages``); return one
    problem per unknown inline script."""
    patterns = theme_script_patterns()
    problems = []
    for path in sorted(site_dir.rglob("*.html")) if pages is None else pages:
        page = path.read_text(encoding="utf-8")
        updated, unknown = with_policy(page, patterns)
        if updated != page:
            path.write_text(updated, encoding="utf-8")
        problems += unknown_script_problems(path.relative_to(site_dir).as_posix(), unknown)
    return problems


def unknown_script_problems(relative: str, unknown: list[str]) -> list[str]:
    """One build warning per unknown inline script of the page at ``relative``."""
    return [f"{relative}: inline script that is not the theme's (blocked by the CSP): {text!r}" for text in unknown]
