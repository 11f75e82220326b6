"""Read tracker files whatever the spreadsheet did to them.

Handles UTF-8 (with or without BOM) and GBK/GB18030, Chinese or English headers,
full-width spaces, blank trailing rows and columns, and cells with line breaks.
Every row keeps the line it starts on so messages can point at it. Readers
never raise on bad content: problems become :class:`~.issues.Issue` values.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml

from .issues import ERROR, WARNING, Issue
from .paths import display_path
from .schema import Table
from .settings import fold

csv.field_size_limit(10_000_000)


@dataclass
class RawTable:
    """A file's rows as trimmed strings keyed by canonical column names."""

    table: str
    path: str  # as displayed in messages
    columns: list[str]  # canonical names first seen order, extras keep their header
    rows: list[dict[str, str]]
    lines: list[int]
    encoding: str = "utf-8"
    issues: list[Issue] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # per-row file, for a folder of YAML files
    missing_required: set[str] = field(default_factory=set)  # required columns absent from a CSV header

    def row_path(self, index: int) -> str:
        return self.sources[index] if self.sources else self.path

    @property
    def extras(self) -> list[str]:
        return [c for c in self.columns if c.startswith("extra:")]


def decode(data: bytes) -> tuple[str, str, bool]:
    """Return ``(text, encoding, exact)``; ``exact`` is False when bytes had to be replaced.

    UTF-16 with a byte-order mark (Excel's "Unicode 文本" export) is recognised by the mark.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError:
            pass
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc), enc, True
        except UnicodeDecodeError:
            pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            return str(best), best.encoding, True
    except Exception:  # noqa: BLE001 - detection is best effort
        pass
    return data.decode("utf-8", errors="replace"), "utf-8", False


def split_records(text: str) -> list[tuple[int, str]]:
    """Split CSV text into raw records (with their line ending) and their first line number.

    A record ends at a line break outside quotes; quotes are counted, which is
    exact for RFC 4180 quoting (a literal quote is written twice).
    """
    records: list[tuple[int, str]] = []
    buf: list[str] = []
    quotes = 0
    start = 1
    for lineno, line in enumerate(text.splitlines(keepends=True), start=1):
        if not buf:
            start = lineno
        buf.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            records.append((start, "".join(buf)))
            buf, quotes = [], 0
    if buf:
        records.append((start, "".join(buf)))
    return records


DELIMITERS = (",", "\t", ";")


def detect_delimiter(text: str) -> str:
    r"""``,``, tab or ``;``: the one the first non-blank lines use most consistently.

    >>> detect_delimiter("公司\t岗位\t备注\n字节\t算法\ta,b\n"), detect_delimiter("a;b;c\n1;2;3\n"), detect_delimiter("a,b\n")
    ('\t', ';', ',')
    """
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()][:5]
    if not lines:
        return ","
    best, best_score = ",", 0
    for d in DELIMITERS:
        counts = [ln.count(d) for ln in lines]
        score = min(counts) if len(lines) > 1 else counts[0]
        if counts[0] and score > best_score:  # the header line must use it
            best, best_score = d, score
    return best


def parse_record(raw: str, delimiter: str = ",") -> list[str]:
    """Cells of one raw CSV record."""
    try:
        for cells in csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter):
            return cells
    except csv.Error:
        return [raw.rstrip("\r\n")]
    return []


_SPACES = str.maketrans({"\u3000": " ", "\xa0": " ", "\ufeff": None})


def clean_cell(value: object) -> str:
    """Trim a cell, turning full-width and non-breaking spaces into ordinary ones."""
    if value is None:
        return ""
    return str(value).translate(_SPACES).strip()


def header_map(table: Table) -> dict[str, str]:
    """Folded header spelling -> canonical field name."""
    mapping: dict[str, str] = {}
    for f in table.fields:
        for spelling in (f.name, f.zh, *f.aliases):
            mapping.setdefault(fold(spelling), f.name)
    return mapping


def map_headers(headers: list[str], table: Table, path: str, line: int, issues: list[Issue]) -> list[str | None]:
    """Canonical column for each header cell; unknown headers become ``extra:<header>``."""
    known = header_map(table)
    out: list[str | None] = []
    seen: set[str] = set()
    for h in headers:
        name = clean_cell(h)
        if not name:
            out.append(None)  # blank trailing column
            continue
        canonical = known.get(fold(name)) or known.get(fold(unicodedata.normalize("NFKC", name)))
        col = canonical or f"extra:{name}"
        if col in seen:
            issues.append(Issue(ERROR, path, line, name, "表头重复 duplicate column", name))
            out.append(None)
            continue
        seen.add(col)
        out.append(col)
    return out


def _records_with_lines(text: str, delimiter: str = ",") -> tuple[list[int], list[list[str]]]:
    """Parsed records and the line each starts on, using the C csv reader."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error:
        return _tolerant_records(text, delimiter)
    if reader.line_num == len(records):
        # Each record took at least one line and there are as many records as lines:
        # no cell holds a line break, so record k starts on line k + 1.
        return list(range(1, len(records) + 1)), records
    # Some cells span lines: read again one record at a time to learn where each starts.
    lines: list[int] = []
    records = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for cells in reader:
        lines.append(start)
        records.append(cells)
        start = reader.line_num + 1
    return lines, records


def csv_records(text: str) -> tuple[list[int], list[list[str]], str]:
    """Records of delimited text (delimiter detected), their first lines, and the delimiter."""
    delimiter = detect_delimiter(text)
    lines, records = _records_with_lines(text, delimiter)
    return lines, records, delimiter


def _tolerant_records(text: str, delimiter: str = ",") -> tuple[list[int], list[list[str]]]:
    """Malformed quoting or NUL bytes: split records by counting quotes, parse each alone."""
    pairs = [(ln, parse_record(raw, delimiter)) for ln, raw in split_records(text)]
    return [ln for ln, _ in pairs], [cells for _, cells in pairs]


def _cleaner(text: str) -> Callable[[Iterable[str]], list[str]]:
    """Cleans a column of cells like :func:`clean_cell`; plain ``strip`` when the text has no odd spaces."""
    if any(ch in text for ch in "\u3000\xa0\ufeff"):
        return lambda cells: [c.translate(_SPACES).strip() for c in cells]
    return lambda cells: list(map(str.strip, cells))


def _build_rows(records: list[list[str]], lines: list[int], cols: list[str | None], clean: Callable[[Iterable[str]], list[str]], path: str, issues: list[Issue]) -> tuple[list[dict[str, str]], list[int]]:
    """Row dicts (blank rows dropped) from the records below the header.

    Works column by column: records are cut or padded to the header's width,
    transposed, and each column is cleaned in one call.
    """
    width = len(cols)
    padded: list[list[str]] = []
    overflow: set[int] = set()  # rows with a non-empty cell beyond the header
    for k, cells in enumerate(records):
        if len(cells) != width:
            for i in range(width, len(cells)):
                value = clean([cells[i]])[0]
                if value:
                    issues.append(Issue(WARNING, path, lines[k], f"#{i + 1}", "多余的单元格(没有表头)extra cell without a header", value))
                    overflow.add(k)
            cells = cells[:width] + [""] * (width - len(cells))
        padded.append(cells)
    if not padded:
        return [], []
    cleaned = [clean(column) for column in zip(*padded)]
    keep = [any(cells) or k in overflow for k, cells in enumerate(zip(*cleaned))]
    columns = [c for c in cols if c is not None]
    data = [values for c, values in zip(cols, cleaned) if c is not None]
    per_row = zip(*data) if data else [()] * len(padded)  # no named column: empty dicts
    rows = [dict(zip(columns, values)) for values, kept in zip(per_row, keep) if kept]
    return rows, [ln for ln, kept in zip(lines, keep) if kept]


def read_csv_text(text: str, table: Table, path: str, encoding: str = "utf-8") -> RawTable:
    issues: list[Issue] = []
    lines, records, _ = csv_records(text)
    header_idx = next((i for i, cells in enumerate(records) if any(c.strip() for c in cells)), None)
    if header_idx is None:
        return RawTable(table.name, path, [], [], [], encoding, issues)
    header_line, header_cells = lines[header_idx], records[header_idx]
    cols = map_headers(header_cells, table, path, header_line, issues)
    columns = [c for c in cols if c is not None]
    missing = [f for f in table.fields if f.required and f.name not in columns]
    for f in missing:
        # One error for the header instead of one per row.
        issues.append(Issue(ERROR, path, header_line, f.name, f"缺少必需的列 missing required column ({f.zh})", None, f"表头里有 a header cell '{f.zh}' 或 or '{f.name}'"))
    rows, row_lines = _build_rows(records[header_idx + 1 :], lines[header_idx + 1 :], cols, _cleaner(text), path, issues)
    return RawTable(table.name, path, columns, rows, row_lines, encoding, issues, missing_required={f.name for f in missing})


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: much faster


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader that records the line of every mapping under ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _yaml_cell(value: object) -> str:
    if isinstance(value, list):
        return "/".join(clean_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return clean_cell(value)


def read_yaml_text(text: str, table: Table, path: str, encoding: str = "utf-8") -> RawTable:
    """A YAML file holding one record (mapping) or several (list, or ``{<table>: [...]}``)."""
    issues: list[Issue] = []
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - safe loader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        issues.append(Issue(ERROR, path, line, "", f"YAML 语法错误 YAML syntax error: {getattr(exc, 'problem', None) or exc}"))
        return RawTable(table.name, path, [], [], [], encoding, issues)
    except Exception as exc:  # noqa: BLE001 - odd bytes can upset the scanner in many ways
        issues.append(Issue(ERROR, path, 1, "", f"无法解析 cannot parse: {type(exc).__name__}"))
        return RawTable(table.name, path, [], [], [], encoding, issues)
    if isinstance(doc, dict) and isinstance(doc.get(table.name), list):
        doc = doc[table.name]
    if doc is None:
        doc = []
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        issues.append(Issue(ERROR, path, 1, "", "应为记录列表 expected a list of records"))
        return RawTable(table.name, path, [], [], [], encoding, issues)
    known = header_map(table)
    columns: list[str] = []
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    for item in doc:
        if not isinstance(item, dict):
            issues.append(Issue(ERROR, path, 1, "", "应为映射 expected a mapping", clean_cell(item)[:40]))
            continue
        line = int(item.get("__line__", 1))
        row: dict[str, str] = {}
        for key, value in item.items():
            if key == "__line__":
                continue
            name = clean_cell(key)
            col = known.get(fold(name)) or f"extra:{name}"
            row[col] = _yaml_cell(value)
            if col not in columns:
                columns.append(col)
        rows.append(row)
        lines.append(line)
    for row in rows:
        for c in columns:
            row.setdefault(c, "")
    return RawTable(table.name, path, columns, rows, lines, encoding, issues)


def read_table(path: Path, table: Table) -> RawTable:
    """Read ``path`` (a .csv, .yaml/.yml file, or a folder of YAML files) as ``table``."""
    shown = display_path(path)
    if path.is_dir():
        merged = RawTable(table.name, shown, [], [], [])
        for child in sorted(path.iterdir()):
            if child.suffix.lower() in {".yaml", ".yml"}:
                part = read_table(child, table)
                merged.issues.extend(part.issues)
                for c in part.columns:
                    if c not in merged.columns:
                        merged.columns.append(c)
                merged.rows.extend(part.rows)
                merged.lines.extend(part.lines)
                merged.sources.extend([part.path] * len(part.rows))
        for row in merged.rows:
            for c in merged.columns:
                row.setdefault(c, "")
        return merged
    try:
        data = path.read_bytes()
    except OSError as exc:
        return RawTable(table.name, shown, [], [], [], issues=[Issue(ERROR, shown, 1, "", f"无法读取文件 cannot read file: {exc.strerror}")])
    text, encoding, exact = decode(data)
    if path.suffix.lower() in {".yaml", ".yml"}:
        result = read_yaml_text(text, table, shown, encoding)
    else:
        result = read_csv_text(text, table, shown, encoding)
    if not exact:
        result.issues.insert(0, Issue(WARNING, shown, 1, "", "无法识别编码,已替换无法解码的字节 unknown encoding, undecodable bytes replaced"))
    if "\x00" in text:
        result.issues.insert(0, Issue(ERROR, shown, 1, "", "文件含有空字节,可能不是文本 file contains NUL bytes, not text"))
    return result
