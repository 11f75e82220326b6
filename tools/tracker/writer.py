"""Never lose data: edit CSV files record by record, write atomically, keep a backup.

A :class:`CsvDocument` keeps every raw record exactly as read. Editing a cell
re-serialises only that record and appending adds new records at the end, so
untouched rows stay byte-identical (encoding, BOM, quoting and line endings
included) and a no-op rewrite produces the very same bytes.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .readers import clean_cell, decode, map_headers, parse_record, split_records
from .schema import Table, fresh_header

BACKUP_DIR = ".backups"
KEEP_BACKUPS = 5  # copies kept per file; older ones are removed


class WriteRefused(RuntimeError):
    """Raised instead of writing something that would lose or corrupt data."""


@dataclass
class CsvDocument:
    path: Path
    table: Table
    encoding: str
    original: bytes
    records: list[str]  # raw text of every record, header included, line endings kept
    header_index: int
    columns: list[str | None]  # canonical column per header cell
    data_index: list[int]  # record index of each non-blank data row
    newline: str = "\n"

    @classmethod
    def load(cls, path: Path, table: Table) -> "CsvDocument":
        original = path.read_bytes() if path.exists() else b""
        text, encoding, exact = decode(original)
        if not exact or "\x00" in text:
            raise WriteRefused(f"{path}: 无法可靠解码,拒绝改写 cannot decode reliably, refusing to rewrite")
        if encoding not in ("utf-8-sig", "gb18030"):
            encoding = "utf-8-sig" if original.startswith(b"\xef\xbb\xbf") else "utf-8"
        if encoding == "utf-8-sig" and not original.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        records = [raw for _, raw in split_records(text)]
        newline = "\r\n" if any(r.endswith("\r\n") for r in records) else "\n"
        header_index = next((i for i, r in enumerate(records) if any(clean_cell(c) for c in parse_record(r))), -1)
        if header_index < 0:
            records.append(_serialise(fresh_header(table), newline))
            header_index = len(records) - 1
        columns = map_headers(parse_record(records[header_index]), table, str(path), header_index + 1, [])
        data_index = [i for i in range(header_index + 1, len(records)) if any(clean_cell(c) for c in parse_record(records[i]))]
        return cls(path, table, encoding, original, records, header_index, columns, data_index, newline)

    def has_column(self, name: str) -> bool:
        return name in self.columns

    def rows(self) -> list[dict[str, str]]:
        out = []
        for i in self.data_index:
            cells = parse_record(self.records[i])
            out.append({c: clean_cell(cells[k]) if k < len(cells) else "" for k, c in enumerate(self.columns) if c})
        return out

    def set_cell(self, row: int, column: str, value: str) -> None:
        """Change one cell of data row ``row`` (0-based, blank rows skipped)."""
        if column not in self.columns:
            raise WriteRefused(f"{self.path}: 文件没有这一列 no such column '{column}'; 请先在表头加上 add it to the header first")
        k = self.columns.index(column)
        idx = self.data_index[row]
        raw = self.records[idx]
        cells = parse_record(raw)
        cells += [""] * (len(self.columns) - len(cells))
        if cells[k] == value:
            return
        cells[k] = value
        ending = "\r\n" if raw.endswith("\r\n") else ("\n" if raw.endswith("\n") else "")
        self.records[idx] = _serialise(cells, ending)

    def append(self, values: dict[str, str]) -> None:
        """Add a row at the end; every non-empty value needs a matching column."""
        missing = [k for k, v in values.items() if v and k not in self.columns]
        if missing:
            raise WriteRefused(f"{self.path}: 文件没有这一列 no such column '{missing[0]}'; 请先在表头加上 add it to the header first")
        if self.records and not self.records[-1].endswith(("\n", "\r")):
            self.records[-1] += self.newline
        cells = [values.get(c, "") if c else "" for c in self.columns]
        self.records.append(_serialise(cells, self.newline))
        self.data_index.append(len(self.records) - 1)

    def render(self) -> bytes:
        text = "".join(self.records)
        if self.encoding == "utf-8-sig":
            return text.encode("utf-8-sig")
        return text.encode(self.encoding)

    def save(self, backup_root: Path | None = None) -> bool:
        """Write if anything changed; returns whether the file was written."""
        return atomic_write(self.path, self.render(), backup_root)


def _serialise(cells: list[str], ending: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=ending or "").writerow(cells)
    return buf.getvalue()


def backup(path: Path, backup_root: Path | None = None) -> Path | None:
    """Copy ``path`` to ``<dir>/.backups/<name>.<timestamp>`` and return the copy."""
    if not path.exists():
        return None
    root = backup_root or path.parent / BACKUP_DIR
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = root / f"{path.name}.{stamp}"
    shutil.copy2(path, target)
    prune_backups(root, path.name)
    return target


def _default_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: bytes, backup_root: Path | None = None) -> bool:
    """Replace ``path`` with ``data`` via a temporary file and rename; back up the old version.

    If anything fails before the rename, the old file is untouched and the
    temporary file is removed. Identical content is not rewritten.
    """
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            backup(path, backup_root)
            shutil.copymode(path, tmp)  # a replaced file keeps its permissions
        else:
            os.chmod(tmp, _default_mode())  # a new file as open() would create it, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def prune_backups(root: Path, name: str, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Remove all but the ``keep`` newest backups of file ``name`` in ``root``; returns the removed.

    Backup names end in a sortable timestamp (``<name>.YYYYmmdd-HHMMSS-ffffff``), so name order
    is age order. ``init-*`` folders are never touched.
    """
    copies = sorted(p for p in root.glob(f"{name}.*") if p.is_file() and p.name[len(name) + 1 :][:1].isdigit())
    removed = copies[: max(len(copies) - keep, 0)]
    for p in removed:
        p.unlink()
    return removed
