"""Import a spreadsheet (.xlsx or a CSV export of a shared 秋招汇总表) into applications.

Columns are mapped automatically through the schema's header aliases; the user
can override with ``源列=字段`` pairs. The result is previewed and validated
before anything is written.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from .coerce import Context, coerce
from .dates import parse_cell
from .issues import ERROR, Issue, sort_issues
from .normalize import BadValue, parse_stage
from .paths import display_path
from .readers import RawTable, clean_cell, csv_records, decode, header_map
from .schema import APPLICATIONS, Field
from .settings import fold
from .writer import CsvDocument, atomic_write


class ImportError_(ValueError):
    """The source file or the mapping is unusable."""


@dataclass
class Source:
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]
    path: str
    header_line: int = 1
    skipped: list[int] = field(default_factory=list)  # title rows above the header


HEADER_SEARCH = 10  # non-empty rows looked at for the header


def header_score(cells: list[str], known: dict[str, str]) -> int:
    """How many distinct fields a row's cells name (a header row names several)."""
    return len({known[fold(c)] for c in cells if c and fold(c) in known})


def find_header(table: list[tuple[int, list[str]]], known: dict[str, str]) -> int:
    """Index of the header among the first non-empty rows: the row naming the most fields
    (title rows, merged cells and notes above it name none or one); the first row when none
    names two."""
    best, best_score = 0, 1
    for i, (_, cells) in enumerate(table[:HEADER_SEARCH]):
        score = header_score(cells, known)
        if score > best_score:
            best, best_score = i, score
    return best


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_cell(value)


def read_source(path: Path, sheet: str | None = None) -> Source:
    """Rows of the first non-empty sheet (xlsx) or of the CSV, with their row numbers."""
    shown = display_path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        try:
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - a broken workbook can fail in many ways
            raise ImportError_(f"{shown}: 无法打开工作簿 cannot open workbook ({type(exc).__name__})") from None
        try:
            if sheet is not None and sheet not in wb.sheetnames:
                raise ImportError_(f"{shown}: 没有这个工作表 no sheet '{sheet}' — 应为 expected one of {', '.join(wb.sheetnames)}")
            ws = wb[sheet] if sheet else wb.worksheets[0]
            table = [(n, [_xlsx_cell(c) for c in row]) for n, row in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            wb.close()
    else:
        text, _enc, _exact = decode(path.read_bytes())
        lines, records, _delimiter = csv_records(text)
        table = [(n, [clean_cell(c) for c in cells]) for n, cells in zip(lines, records)]
    table = [(n, cells) for n, cells in table if any(cells)]
    if not table:
        raise ImportError_(f"{shown}: 文件是空的 the file is empty")
    at = find_header(table, header_map(APPLICATIONS))
    (header_line, headers), body = table[at], table[at + 1 :]
    return Source(headers, [c for _, c in body], [n for n, _ in body], shown, header_line, [n for n, _ in table[:at]])


@dataclass
class Plan:
    mapping: dict[str, str]  # source header -> field
    ignored: list[str]
    raw: RawTable
    issues: list[Issue] = field(default_factory=list)
    interpreted: list[tuple[str, str]] = field(default_factory=list)  # per row: stage, outcome as understood


def suggest_source(f: Field, ignored: list[str], src: Source, ctx: Context) -> str | None:
    """The unmapped source column most likely to hold ``f``: close to one of its spellings, or
    (for dates and stages) holding values of that kind."""
    spellings = [fold(x) for x in (f.name, f.zh, *f.aliases)]
    index = {h: i for i, h in enumerate(src.headers)}
    best, best_score = None, 0.0
    for h in ignored:
        name = fold(h)
        score = max(difflib.SequenceMatcher(None, name, s).ratio() for s in spellings)
        if any(s and (s in name or name in s) for s in spellings):
            score = max(score, 0.7)
        sample = [cells[index[h]] for cells in src.rows[:20] if index[h] < len(cells) and cells[index[h]]]
        if sample and f.kind in ("date", "datetime", "stage"):
            def readable(v: str) -> bool:
                try:
                    parse_cell(v) if f.kind != "stage" else parse_stage(v, ctx.settings)
                    return True
                except BadValue:
                    return False
            share = sum(readable(v) for v in sample) / len(sample)
            score += 0.5 * share
        if score > best_score:
            best, best_score = h, score
    return best if best_score >= 0.5 else None


def plan_import(src: Source, overrides: dict[str, str], ctx: Context) -> Plan:
    """Map columns, build the rows, and validate them as they would be written."""
    known = header_map(APPLICATIONS)
    valid_fields = set(APPLICATIONS.names())
    for target in overrides.values():
        if target not in valid_fields:
            raise ImportError_(f"--map: 未知字段 unknown field '{target}' — 应为 expected one of {', '.join(APPLICATIONS.names())}")
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    for h in src.headers:
        if not h:
            continue
        target = overrides.get(h) or known.get(fold(h))
        if target and target not in mapping.values():
            mapping[h] = target
        else:
            ignored.append(h)
    index = {h: i for i, h in enumerate(src.headers)}
    columns = list(dict.fromkeys(mapping.values()))
    rows = []
    for cells in src.rows:
        rows.append({mapping[h]: (cells[index[h]] if index[h] < len(cells) else "") for h in mapping})
    missing = [f for f in APPLICATIONS.fields if f.required and f.name not in columns]
    header_issues = []
    for f in missing:
        hint = suggest_source(f, ignored, src, ctx)
        header_issues.append(
            Issue(ERROR, src.path, src.header_line, f.name, f"缺少必需的列 missing required column ({f.zh})", None,
                  f"表头里有 a header cell '{f.zh}' 或 or '{f.name}', 或用 or use --map <源列 source column>={f.name}",
                  f"--map {hint}={f.name}" if hint else None)
        )
    raw = RawTable("applications", src.path, columns, rows, list(src.lines), missing_required={f.name for f in missing})
    df, issues = coerce(raw, ctx)
    plan = Plan(mapping, ignored, raw, sort_issues(header_issues + issues))
    plan.raw.rows = [dict(r, id=i) for r, i in zip(rows, df["id"])]
    plan.interpreted = [(_text(s_), _text(o)) for s_, o in zip(df["stage"], df["outcome"].where(df["outcome"].notna(), df.get("outcome_implied")))]
    # dates in the target file are written in one full form (no year-less or serial dates)
    for name in ("applied", "next_at", "deadline"):
        if name not in columns:
            continue
        for r, when in zip(plan.raw.rows, df[name]):
            if r.get(name) and when == when:
                r[name] = when.date().isoformat() if when == when.normalize() else when.strftime("%Y-%m-%d %H:%M")
    return plan


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def write_import(
    plan: Plan, target: Path, existing_ids: set[str], private_target: Path | None = None, private_columns: frozenset[str] = frozenset()
) -> tuple[int, int]:
    """Append the planned rows to ``target``; returns (added, skipped as already present).

    Values of ``private_columns`` (from the settings) go to ``private_target`` instead, in a row
    with the same id, so a public fork never commits them; with no private file, they are refused.
    """
    if any(i.severity == ERROR for i in plan.issues):
        raise ImportError_("导入数据有错误,未写入 the import has errors; nothing written")
    private_in_plan = [c for c in plan.raw.columns if c in private_columns and any(r.get(c) for r in plan.raw.rows)]
    if private_in_plan and private_target is None:
        raise ImportError_(f"私有字段 private fields {', '.join(private_in_plan)}: 没有私有文件夹 no private folder to write them to")
    if not target.exists() or not target.read_bytes().strip():
        cols = ["id", *[f.name for f in APPLICATIONS.fields if f.name in plan.raw.columns and f.name != "id" and f.name not in private_columns]]
        atomic_write(target, (",".join(cols) + "\n").encode("utf-8"))
    doc = CsvDocument.load(target, APPLICATIONS)
    private_doc = None
    if private_in_plan and private_target is not None:
        if not private_target.exists() or not private_target.read_bytes().strip():
            private_target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(private_target, (",".join(["id", *private_in_plan]) + "\n").encode("utf-8"))
        private_doc = CsvDocument.load(private_target, APPLICATIONS)
    added = skipped = 0
    for row in plan.raw.rows:
        if row["id"] in existing_ids:
            skipped += 1
            continue
        doc.append({k: v for k, v in row.items() if v and k not in private_columns})
        private_values = {k: v for k, v in row.items() if v and k in private_columns}
        if private_doc is not None and private_values:
            private_doc.append({"id": row["id"], **private_values})
        existing_ids.add(row["id"])
        added += 1
    doc.save()
    if private_doc is not None:
        private_doc.save()
    return added, skipped
