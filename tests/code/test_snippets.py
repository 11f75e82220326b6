"""检查 pymdownx.snippets 的引用与分段标记。

两类错误会让页面悄悄显示错代码或让 `mkdocs build --strict` 失败:

1. 页面(docs/code/、docs/kb/ 下的 .md)引用了不存在的文件,或文件里不存在的分段;
2. docs/code/src/ 下的源文件分段标记不配对:只有 start 没有 end、重复的分段名、
   交叉嵌套(start a, start b, end a, end b)。

解析规则照 pymdownx.snippets 13.1 的行为写成小函数,先用小字符串单测,再扫真实目录。
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNIPPET_BASES = (ROOT / "docs" / "code" / "src", ROOT / "docs" / "assets")
PAGE_DIRS = (ROOT / "docs" / "code", ROOT / "docs" / "kb")

# 行内引用:`--8<-- "path"` 或 `--8<-- 'path'`,整行只有它(前面可有缩进);
# 以 `;` 开头的是转义写法,不算引用。
_INLINE_INCLUDE = re.compile(
    r"""^[ \t]*(?P<escape>;*)-+8<-+[ \t]+(?P<quoted>"(?:\\"|[^"\n])+?"|'(?:\\'|[^'\n])+?')[ \t]*$"""
)
# 块引用的分隔行:单独一行 `--8<--`,两行之间每行一个路径。
_BLOCK_DELIMITER = re.compile(r"^[ \t]*(?P<escape>;*)-+8<-+[ \t]*$")
# 分段标记,可以出现在注释后面,例如 `# --8<-- [start:forward]`。
_SECTION_MARKER = re.compile(
    r"(?i)(?<![;-])-+8<-+[ \t]+\[[ \t]*(?P<kind>start|end)[ \t]*:[ \t]*(?P<name>[a-z][-_0-9a-z]*)[ \t]*\]"
)
# 路径末尾的 `:section`(分段名以字母开头)。行号区间 `:1:5` 不是分段,保持原样。
_SECTION_SUFFIX = re.compile(r"(?i)^(?P<path>.+?):(?P<section>[a-z][-_0-9a-z]*)$")
_LINE_RANGE_SUFFIX = re.compile(r"^(?P<path>.+?)(?::-?[0-9]*){1,2}(?:,-?[0-9]*(?::-?[0-9]*)?)*$")


@dataclass(frozen=True)
class Include:
    """页面中的一次引用:文件路径、可选分段名和所在行号(从 1 开始)。"""

    path: str
    section: str | None
    line: int


def split_target(target: str) -> tuple[str, str | None]:
    """把 `file.py:section` 拆成 (路径, 分段名);行号区间只保留路径。

    >>> split_target("kmeans.py:assign")
    ('kmeans.py', 'assign')
    >>> split_target("diagrams/code-im2col.svg")
    ('diagrams/code-im2col.svg', None)
    >>> split_target("conv2d.py:3:10")
    ('conv2d.py', None)
    """
    target = target.strip()
    m = _SECTION_SUFFIX.match(target)
    if m:
        return m.group("path"), m.group("section")
    m = _LINE_RANGE_SUFFIX.match(target)
    if m and ":" in target:
        return m.group("path"), None
    return target, None


def find_includes(markdown: str) -> list[Include]:
    """列出 Markdown 文本里所有(未转义的)snippet 引用,包括块写法。"""
    includes: list[Include] = []
    in_block = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        block = _BLOCK_DELIMITER.match(line)
        if block:
            if not block.group("escape"):
                in_block = not in_block
            continue
        if in_block:
            target = line.strip()
            if target and not target.startswith(";"):
                path, section = split_target(target)
                includes.append(Include(path, section, number))
            continue
        inline = _INLINE_INCLUDE.match(line)
        if inline and not inline.group("escape"):
            target = inline.group("quoted")[1:-1]
            if target.strip().startswith(";"):
                continue  # pymdownx 把 `";path"` 当作注释掉的引用
            path, section = split_target(target)
            includes.append(Include(path, section, number))  # 远程 URL 也收下,由 include_errors 报错
    return includes


def marker_errors(source: str) -> list[str]:
    """检查一个源文件的分段标记,返回错误描述列表(空列表表示没问题)。

    允许正确嵌套(start a, start b, end b, end a);不允许:
    未闭合、无 start 的 end、同名分段出现两次、交叉嵌套。
    """
    errors: list[str] = []
    open_stack: list[tuple[str, int]] = []  # (name, line)
    seen: set[str] = set()
    for number, line in enumerate(source.splitlines(), start=1):
        for m in _SECTION_MARKER.finditer(line):
            kind, name = m.group("kind").lower(), m.group("name")
            if kind == "start":
                if name in seen:
                    errors.append(f"line {number}: duplicated section '{name}'")
                seen.add(name)
                open_stack.append((name, number))
            elif not open_stack or all(open_name != name for open_name, _ in open_stack):
                errors.append(f"line {number}: end of section '{name}' without start")
            elif open_stack[-1][0] != name:
                errors.append(
                    f"line {number}: end of section '{name}' crosses open section '{open_stack[-1][0]}'"
                )
                open_stack = [item for item in open_stack if item[0] != name]
            else:
                open_stack.pop()
    for name, number in open_stack:
        errors.append(f"line {number}: section '{name}' is never closed")
    return errors


def section_names(source: str) -> set[str]:
    """源文件中声明过(有 start)的分段名。"""
    return {
        m.group("name")
        for line in source.splitlines()
        for m in _SECTION_MARKER.finditer(line)
        if m.group("kind").lower() == "start"
    }


def resolve(path: str, bases: tuple[Path, ...] = SNIPPET_BASES) -> Path | None:
    """按 base_path 的顺序找文件;找不到或逃出 base 目录时返回 None。"""
    for base in bases:
        candidate = (base / path).resolve()
        if candidate.is_file() and candidate.is_relative_to(base.resolve()):
            return candidate
    return None


def include_errors(markdown: str, bases: tuple[Path, ...] = SNIPPET_BASES) -> list[str]:
    """一个页面里所有坏引用的描述。"""
    errors: list[str] = []
    for inc in find_includes(markdown):
        if inc.path.lower().startswith(("http://", "https://")):
            errors.append(f"line {inc.line}: remote snippet '{inc.path}' is not allowed")
            continue
        file = resolve(inc.path, bases)
        if file is None:
            errors.append(f"line {inc.line}: snippet file '{inc.path}' not found")
        elif inc.section is not None and inc.section not in section_names(file.read_text(encoding="utf-8")):
            errors.append(f"line {inc.line}: section '{inc.section}' not found in '{inc.path}'")
    return errors


# ---------------------------------------------------------------- 单元测试:小字符串


def test_snippets_find_includes_inline_section_and_escape():
    text = '\n'.join(
        [
            "```python",
            '--8<-- "kmeans.py"',
            '    --8<-- "kmeans.py:assign"',
            ';--8<-- "ignored.py"',
            '--8<-- ";commented.py"',
            "```",
            "text --8<-- \"not-alone.py\"",
        ]
    )
    assert find_includes(text) == [
        Include("kmeans.py", None, 2),
        Include("kmeans.py", "assign", 3),
    ]


def test_snippets_find_includes_block_form():
    text = "--8<--\na.py\n\nb.py:sec\n;c.py\n--8<--\n--8<-- 'd.svg'\n"
    assert find_includes(text) == [
        Include("a.py", None, 2),
        Include("b.py", "sec", 4),
        Include("d.svg", None, 7),
    ]


def test_snippets_split_target_line_ranges_are_not_sections():
    assert split_target("a.py:1:5,8:9") == ("a.py", None)
    assert split_target("dir/a-b.py:my-sec_2") == ("dir/a-b.py", "my-sec_2")


def test_snippets_marker_errors_accepts_balanced_and_nested():
    source = "\n".join(
        [
            "# --8<-- [start:all]",
            "x = 1",
            "    # --8<-- [start:inner]",
            "    y = 2",
            "    # --8<-- [end:inner]",
            "# --8<-- [end:all]",
            "# --8<-- [start:other]",
            "# --8<-- [end:other]",
        ]
    )
    assert marker_errors(source) == []
    assert section_names(source) == {"all", "inner", "other"}


def test_snippets_marker_errors_reports_unclosed_and_orphan_end():
    assert marker_errors("# --8<-- [start:a]\nx = 1\n") == ["line 1: section 'a' is never closed"]
    assert marker_errors("x = 1\n# --8<-- [end:b]\n") == ["line 2: end of section 'b' without start"]


def test_snippets_marker_errors_reports_duplicate():
    source = "# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [start:a]\n# --8<-- [end:a]\n"
    assert marker_errors(source) == ["line 3: duplicated section 'a'"]


def test_snippets_marker_errors_reports_crossing():
    source = "# --8<-- [start:a]\n# --8<-- [start:b]\n# --8<-- [end:a]\n# --8<-- [end:b]\n"
    assert marker_errors(source) == ["line 3: end of section 'a' crosses open section 'b'"]


def test_snippets_marker_errors_ignores_escaped_marker():
    assert marker_errors("# ;--8<-- [start:a]\n") == []


def test_snippets_include_errors_on_fixture_tree(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "mod.py").write_text("# --8<-- [start:core]\nx = 1\n# --8<-- [end:core]\n", encoding="utf-8")
    page = '\n'.join(
        [
            '--8<-- "mod.py"',
            '--8<-- "mod.py:core"',
            '--8<-- "mod.py:missing"',
            '--8<-- "nope.py"',
            '--8<-- "../outside.py"',
            '--8<-- "https://example.com/x.py"',
        ]
    )
    (tmp_path / "outside.py").write_text("", encoding="utf-8")
    assert include_errors(page, (src,)) == [
        "line 3: section 'missing' not found in 'mod.py'",
        "line 4: snippet file 'nope.py' not found",
        "line 5: snippet file '../outside.py' not found",
        "line 6: remote snippet 'https://example.com/x.py' is not allowed",
    ]


# ---------------------------------------------------------------- 真实目录


def _pages() -> list[Path]:
    return sorted(p for d in PAGE_DIRS if d.is_dir() for p in d.rglob("*.md"))


def _sources() -> list[Path]:
    src = ROOT / "docs" / "code" / "src"
    return sorted(p for p in src.rglob("*") if p.is_file() and p.suffix in {".py", ".md", ".txt"})


def test_snippets_real_tree_pages_resolve():
    problems = {
        str(page.relative_to(ROOT)): errs
        for page in _pages()
        if (errs := include_errors(page.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_snippets_real_tree_markers_balanced():
    problems = {
        str(path.relative_to(ROOT)): errs
        for path in _sources()
        if (errs := marker_errors(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


@pytest.mark.parametrize("base", SNIPPET_BASES, ids=lambda p: p.name)
def test_snippets_base_paths_exist(base):
    # 若 base 目录不存在,上面的解析会把所有引用都报成缺失;在这里给出更直接的提示。
    assert base.is_dir(), f"snippet base path {base} is missing"
