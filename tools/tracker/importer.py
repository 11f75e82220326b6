"""Import a spreadsheet (.xlsx or a CSV export of a shared 秋招汇总表) into applications.

Columns are mapped automatically through the schema's header aliases; the user
can override with ``源列=字段`` pairs. The result is previewed and validated
before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from .coerce import Context, coerce
from .issues import ERROR, Issue
from .paths import display_path
from .readers import RawTable, clean_cell, decode, header_map, parse_record, split_records
from .schema import APPLICATIONS
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
        table = [(n, parse_record(raw)) for n, raw in split_records(text)]
        table = [(n, [clean_cell(c) for c in cells]) for n, cells in table]
    table = [(n, cells) for n, cells in table if any(cells)]
    if not table:
        raise ImportError_(f"{shown}: 文件是空的 the file is empty")
    (_, headers), body = table[0], table[1:]
    return Source(headers, [c for _, c in body], [n for n, _ in body], shown)


@dataclass
class Plan:
    mapping: dict[str, str]  # source header -> field
    ignored: list[str]
    raw: RawTable
    issues: list[Issue] = field(default_factory=list)


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
    raw = RawTable("applications", src.path, columns, rows, list(src.lines))
    df, issues = coerce(raw, ctx)
    plan = Plan(mapping, ignored, raw, issues)
    plan.raw.rows = [dict(r, id=i) for r, i in zip(rows, df["id"])]
    # dates in the target file are written in one form
    for r, applied in zip(plan.raw.rows, df["applied"]):
        if r.get("applied") and applied == applied:
            r["applied"] = applied.date().isoformat()
    return plan


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
