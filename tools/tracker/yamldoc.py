"""Edit YAML-kept tables with a round-trip YAML library, so comments, key order and quoting survive.

:class:`YamlDocument` (one file: a list of records, or ``{<table>: [...]}``) and
:class:`YamlFolder` (one record per file) offer the same small interface as
:class:`~tools.tracker.writer.CsvDocument` — ``has_column``, ``rows``, ``set_cell``, ``append``,
``save`` — so ``add``, ``move`` and ``offer`` work on either. Records that are not edited
are written back byte for byte (ruamel.yaml reproduces what it read; a test checks it).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .readers import _yaml_cell, decode, header_map
from .schema import Table
from .settings import fold
from .writer import WriteRefused, atomic_write

_DASH = re.compile(r"^( *)- +(\S)")


def _yaml(text: str) -> YAML:
    """A round-trip loader/dumper using the file's own list indentation."""
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap long strings
    offset, sequence = 0, 2
    for line in text.splitlines():
        m = _DASH.match(line)
        if m:
            offset = len(m.group(1))
            sequence = m.start(2)
            break
    y.indent(mapping=2, sequence=max(sequence, offset + 2), offset=offset)
    return y


def _typed(table: Table, column: str, value: str) -> object:
    """How a value is written: days as YAML dates, whole numbers as numbers, the rest as text."""
    f = table.get(column)
    if f is not None and f.kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if f is not None and f.kind in ("int", "money") and re.fullmatch(r"\d+", value):
        return int(value)
    return value


def _in_order(table: Table, values: dict[str, str]) -> list[tuple[str, str]]:
    """Non-empty values in the schema's column order (id first), for a new record."""
    rank = {name: i for i, name in enumerate(table.names())}
    return sorted(((k, v) for k, v in values.items() if v), key=lambda kv: rank.get(kv[0], len(rank)))


def _add_last(record: CommentedMap, key: str, value: object) -> None:
    """Add ``key`` at the end of ``record``, keeping blank lines and comments that followed the
    old last value after the record (not between the old and the new key)."""
    last = next(reversed(record), None) if len(record) else None
    moved = None
    if last is not None and last in record.ca.items and record.ca.items[last][2] is not None:
        token = record.ca.items[last][2]
        text = token.value
        cut = text.find("\n") + 1
        if cut and text[cut:]:
            moved = copy.copy(token)
            moved.value = "\n" + text[cut:]  # the new key's line end, then what followed
            if text[:cut].strip():
                token.value = text[:cut]
            else:
                record.ca.items[last][2] = None
    record[key] = value
    if moved is not None:
        record.ca.items[key] = [None, None, moved, None]


class YamlDocument:
    """One YAML file holding a table's records."""

    def __init__(self, path: Path, table: Table) -> None:
        self.path = path
        self.table = table
        original = path.read_bytes() if path.exists() else b""
        text, encoding, exact = decode(original)
        if not exact or encoding not in ("utf-8-sig", "utf-8", "gb18030"):
            raise WriteRefused(f"{path}: 无法可靠解码,拒绝改写 cannot decode reliably, refusing to rewrite")
        self.encoding = "utf-8-sig" if original.startswith(b"\xef\xbb\xbf") else ("gb18030" if encoding == "gb18030" else "utf-8")
        self.yaml = _yaml(text)
        try:
            doc = self.yaml.load(text) if text.strip() else None
        except YAMLError as exc:
            raise WriteRefused(f"{path}: YAML 语法错误,拒绝改写 YAML syntax error, refusing to rewrite: {exc}") from None
        if doc is None:
            doc = CommentedSeq()
        if isinstance(doc, CommentedMap) and isinstance(doc.get(table.name), CommentedSeq):
            self.records = doc[table.name]
        elif isinstance(doc, CommentedSeq):
            self.records = doc
        elif isinstance(doc, CommentedMap):
            self.records = None  # one record per file
        else:
            raise WriteRefused(f"{path}: 应为记录列表 expected a list of records, refusing to rewrite")
        self.doc = doc
        self.known = header_map(table)

    def _items(self) -> list[CommentedMap]:
        if self.records is None:
            return [self.doc]
        return [r for r in self.records if isinstance(r, CommentedMap)]

    def has_column(self, name: str) -> bool:  # noqa: ARG002 - YAML records take any key
        return True

    def _key(self, record: CommentedMap, column: str) -> object:
        """The key ``record`` uses for ``column`` (it may be a Chinese alias), or ``None``."""
        for key in record:
            if self.known.get(fold(str(key))) == column:
                return key
        return None

    def _spelling(self, column: str) -> str:
        """How the file spells ``column`` elsewhere (so a new key looks like its neighbours)."""
        for record in self._items():
            key = self._key(record, column)
            if key is not None:
                return str(key)
        return column

    def rows(self) -> list[dict[str, str]]:
        out = []
        for record in self._items():
            out.append({self.known.get(fold(str(k)), f"extra:{k}"): _yaml_cell(v) for k, v in record.items()})
        return out

    def set_cell(self, row: int, column: str, value: str) -> None:
        record = self._items()[row]
        key = self._key(record, column)
        if key is None:
            if value == "":
                return
            _add_last(record, self._spelling(column), _typed(self.table, column, value))
            return
        if _yaml_cell(record[key]) == value:
            return
        record[key] = _typed(self.table, column, value)

    def append(self, values: dict[str, str]) -> None:
        if self.records is None:
            raise WriteRefused(f"{self.path}: 文件只有一条记录,不能追加 the file holds one record, cannot append; 请改成列表 make it a list")
        record = CommentedMap()
        for column, value in _in_order(self.table, values):
            record[self._spelling(column)] = _typed(self.table, column, value)
        items = self._items()
        if items and all(r.fa.flow_style() for r in items):
            record.fa.set_flow_style()  # like its neighbours: {application: …, date: …}
        self.records.append(record)

    def render(self) -> bytes:
        buf = io.StringIO()
        self.yaml.dump(self.doc, buf)
        return buf.getvalue().encode(self.encoding)

    def save(self, backup_root: Path | None = None) -> bool:
        return atomic_write(self.path, self.render(), backup_root)


class YamlFolder:
    """A folder of YAML files, one record (or a few) per file; a new record gets a new file."""

    def __init__(self, path: Path, table: Table) -> None:
        self.path = path
        self.table = table
        self.docs = [YamlDocument(p, table) for p in sorted(path.iterdir()) if p.suffix.lower() in (".yaml", ".yml")]
        self.new: list[YamlDocument] = []

    def has_column(self, name: str) -> bool:  # noqa: ARG002
        return True

    def _where(self, row: int) -> tuple[YamlDocument, int]:
        for doc in self.docs:
            n = len(doc._items())
            if row < n:
                return doc, row
            row -= n
        raise IndexError(row)

    def rows(self) -> list[dict[str, str]]:
        return [r for doc in self.docs for r in doc.rows()]

    def set_cell(self, row: int, column: str, value: str) -> None:
        doc, i = self._where(row)
        doc.set_cell(i, column, value)

    def append(self, values: dict[str, str]) -> None:
        stem = re.sub(r"[^\w.-]+", "-", values.get(self.table.key) or values.get("id") or "record").strip("-") or "record"
        taken = {p.name for p in self.path.iterdir()} | {d.path.name for d in self.new}
        name, n = f"{stem}.yaml", 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}.yaml"
        doc = YamlDocument(self.path / name, self.table)
        doc.doc = CommentedMap()
        doc.records = None
        for column, value in _in_order(self.table, values):
            doc.doc[self.docs[0]._spelling(column) if self.docs else column] = _typed(self.table, column, value)
        self.new.append(doc)

    def save(self, backup_root: Path | None = None) -> bool:
        changed = False
        for doc in [*self.docs, *self.new]:
            changed = doc.save(backup_root) or changed
        return changed
