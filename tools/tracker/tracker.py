"""Load → validate → derive, in one place: :func:`load_tracker`."""

from __future__ import annotations

import gc
import string
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

import pandas as pd
import yaml

from . import validate as v
from .coerce import Context, coerce
from .history import attempts as build_attempts
from .history import build_history
from tools.kb.inventory import INVENTORY_PATH, load_inventory

from .issues import ERROR, WARNING, Issue, sort_issues
from .offers import derive_offers
from .paths import REPO_ROOT, data_dir as default_data_dir, display_path, is_public_build, private_dir
from .readers import RawTable, read_table
from .schema import TABLES
from .today import decide_today
from .settings import Settings, load_settings
from .state import derive_states

SUFFIXES = (".csv", ".yaml", ".yml")


@dataclass
class Tracker:
    """Everything the CLI and the dashboards need, already validated and derived."""

    settings: Settings
    data_dir: Path
    applications: pd.DataFrame
    history: pd.DataFrame
    attempts: pd.DataFrame
    interviews: pd.DataFrame
    offers: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    public: bool = False
    anonymised: bool = False

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]


def find_file(data: Path, name: str) -> tuple[Path | None, list[Issue]]:
    """The file (or YAML folder) holding ``name``; two candidates is an error."""
    found = [data / f"{name}{s}" for s in SUFFIXES if (data / f"{name}{s}").is_file()]
    if (data / name).is_dir():
        found.append(data / name)
    if len(found) > 1:
        shown = ", ".join(display_path(p) for p in found)
        return found[0], [Issue(ERROR, display_path(found[0]), 1, "", f"同一张表有多个文件 several files for one table: {shown}")]
    return (found[0] if found else None), []


def load_topics(data: Path) -> frozenset[str] | None:
    """Knowledge-base topic ids from ``topics.yaml`` (data dir first, then the repository's)."""
    for path in (data / "topics.yaml", INVENTORY_PATH):
        if path.is_file():
            try:
                return frozenset(load_inventory(path))
            except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError):
                return None
    return None


def _empty(table: str) -> RawTable:
    return RawTable(table, "", list(TABLES[table].names()), [], [])


def _has_value(x: object) -> bool:
    """A private cell that holds something (pandas' NA, NaN, '' and [] hold nothing)."""
    if isinstance(x, list):
        return bool(x)
    if isinstance(x, str):
        return x != ""
    return x is not None and not pd.isna(x)


def _merge_private(df: pd.DataFrame, priv: pd.DataFrame, table: str, settings: Settings) -> tuple[pd.DataFrame, list[Issue]]:
    """Fill private columns of ``df`` from the private file's rows with the same key."""
    issues: list[Issue] = []
    key = TABLES[table].key
    if priv.empty or key not in priv:
        return df, issues
    known = set(df[key])
    for row in priv[~priv[key].isin(known)].itertuples(index=False):
        issues.append(Issue(WARNING, row.source, row.line, key, "私有数据找不到对应记录 private row matches no record", getattr(row, key)))
    allowed = settings.private_fields.get(table, frozenset())
    priv = priv[priv[key].isin(known)].drop_duplicates(key, keep="last").set_index(key)
    for col in priv.columns:
        if col in (key, "source", "line") or col.startswith("_") or col in ("id_derived", "stage_path", "outcome_implied"):
            continue
        raw_col = TABLES[table].get(col)
        if raw_col is not None and col not in allowed:
            continue  # only private fields are taken from the private file
        if raw_col is None and not col.startswith("extra:"):
            continue
        mapped = df[key].map(priv[col])
        has_value = mapped.map(_has_value)
        if col not in df:
            df[col] = mapped
        else:
            df[col] = df[col].astype(object).where(~has_value, mapped)
        if raw_col is not None and raw_col.kind in ("money",):
            df[col] = pd.to_numeric(df[col], errors="coerce")
        if raw_col is not None and raw_col.kind == "int":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    return df, issues


class TableMemo(Protocol):
    """A store of a pure function's results by its inputs' content (``tools.dashboards.memo.ContentMemo``)."""

    def get(self, inputs: object, compute: Callable[[], Any]) -> Any: ...


def _source_content(path: Path | None) -> bytes | tuple[tuple[str, bytes], ...] | None:
    """The bytes a table is read from (a file, or the files of a YAML folder); b"" for no file,
    None when they cannot be read (the table is then read without the memo)."""
    if path is None:
        return b""
    try:
        if path.is_dir():
            return tuple((child.name, child.read_bytes()) for child in sorted(path.iterdir()) if child.is_file())
        return path.read_bytes()
    except OSError:
        return None


Loaded = tuple[pd.DataFrame, list[Issue], list[Issue]]


def _read_table(name: str, path: Path | None, ppath: Path | None, ctx: Context) -> Loaded:
    """One table read and coerced, its private file's columns merged in; the issues of the file
    and those of the private file."""
    raw = read_table(path, TABLES[name]) if path else _empty(name)
    df, issues = coerce(raw, ctx)
    private: list[Issue] = []
    if ppath is not None:
        pdf, p_cell = coerce(read_table(ppath, TABLES[name]), ctx)
        # the private file holds only some columns: required-cell and required-column errors do not apply
        private.extend(
            i for i in p_cell
            if not any(m in i.message for m in ("required cell is empty", "missing required column")) or i.column == TABLES[name].key
        )
        df, m_issues = _merge_private(df, pdf, name, ctx.settings)
        private.extend(m_issues)
    return df, issues, private


def _kept_table(tables: TableMemo | None, name: str, path: Path | None, ppath: Path | None, ctx: Context) -> Loaded:
    """:func:`_read_table`, or its kept result for files of the same content, paths, day and
    settings (a saved applications.csv leaves the three other tables as they were). The caller
    gets its own copy of the frame: the loader assigns columns to it."""
    contents = (_source_content(path), _source_content(ppath))
    if tables is None or None in contents:
        return _read_table(name, path, ppath, ctx)
    shown = tuple(display_path(p) if p is not None else None for p in (path, ppath))
    inputs = (name, str(path), str(ppath), shown, contents, ctx)
    df, issues, private = tables.get(inputs, lambda: _read_table(name, path, ppath, ctx))
    return df.copy(), list(issues), list(private)


def _kept_offers(tables: TableMemo | None, offers: pd.DataFrame) -> pd.DataFrame:
    """:func:`derive_offers`, kept by the content of the offers table (a saved applications.csv
    leaves it as it was); a copy, as :func:`_kept_table` gives."""
    if tables is None:
        return derive_offers(offers)
    return tables.get(("derived offers", offers), lambda: derive_offers(offers)).copy()


def kept_states(
    tables: TableMemo | None, apps: pd.DataFrame, history: pd.DataFrame, offers: pd.DataFrame, settings: Settings, today: date
) -> pd.DataFrame:
    """:func:`derive_states`, kept by its inputs' content: the loader (for stale applications)
    and the dashboards' application table ask for the same states in one update; a copy each."""
    if tables is None:
        return derive_states(apps, history, offers, settings, today)
    inputs = ("states", apps, history, offers, settings, today)
    return tables.get(inputs, lambda: derive_states(apps, history, offers, settings, today)).copy()


def anonymise(apps: pd.DataFrame) -> pd.DataFrame:
    """Replace company names by 公司A, 公司B, … (sorted, so stable) and drop identifying columns."""
    names = sorted(set(apps["company"]))

    def label(i: int) -> str:
        letters = string.ascii_uppercase
        out = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            out = letters[r] + out
        return f"公司{out}"

    mapping = {n: label(i) for i, n in enumerate(names)}
    out = apps.copy()
    out["company"] = out["company"].map(mapping)
    return out.drop(columns=[c for c in ("department", "link", "contact", "referral_code") if c in out])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the tables are built.

    Loading creates hundreds of thousands of small lists, dicts and tuples, none
    of them in a reference cycle; each burst of allocations would otherwise start
    a collection that walks all of them again (about a third of the load time for
    10,000 applications). Reference counting still frees memory as usual, and the
    collector's previous state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_tracker(
    data: Path | str | None = None,
    public: bool | None = None,
    anonymised: bool = False,
    today: date | None = None,
    tables: TableMemo | None = None,
) -> Tracker:
    """Read, validate and derive the tracker in ``data`` (default: ``$HANDBOOK_DATA``).

    ``public`` (default: ``HANDBOOK_PUBLIC``) skips the private folder and drops
    every private field; ``anonymised`` also replaces company names. ``tables`` keeps each
    table as read and coerced (see :func:`_kept_table`; ``tools/dev.py serve`` passes one).
    """
    with _collector_paused():
        return _load_tracker(data, public, anonymised, today, tables)


def _load_tracker(
    data: Path | str | None, public: bool | None, anonymised: bool, today: date | None, tables: TableMemo | None
) -> Tracker:
    data_path = default_data_dir(data)
    public = is_public_build() if public is None else public
    public = public or anonymised
    settings = load_settings(data_path)
    today = decide_today(today, settings)
    ctx = Context(settings, today, load_topics(data_path))
    issues: list[Issue] = []
    frames: dict[str, pd.DataFrame] = {}
    files: dict[str, Path] = {}
    pdir = None if public else private_dir(data_path)
    for name in TABLES:
        path, found_issues = find_file(data_path, name)
        issues.extend(found_issues)
        if path:
            files[name] = path
        ppath, p_issues = find_file(pdir, name) if pdir is not None and settings.private_fields.get(name) else (None, [])
        if ppath is not None:
            files[f"private:{name}"] = ppath
        df, table_issues, private_issues = _kept_table(tables, name, path, ppath, ctx)
        issues += table_issues + p_issues + private_issues  # the order of a plain read: file, private file
        frames[name] = df

    apps = frames["applications"]
    if "outcome_implied" in apps:
        apps["outcome"] = apps["outcome"].where(apps["outcome"].notna(), apps["outcome_implied"])
    ids = set(apps["id"])
    issues += v.check_ids(apps, "id", "application")
    issues += v.check_ids(frames["interviews"], "id", "interview")
    issues += v.check_ids(frames["offers"], "application", "offer")
    for name in ("history", "interviews", "offers"):
        issues += v.check_references(frames[name], ids)
    issues += v.check_same_application(apps)
    history = build_history(apps, frames["history"], settings)
    att = build_attempts(history, settings)
    issues += v.check_history(history, apps, settings)
    issues += v.check_paths(apps, settings)
    issues += v.check_current_stage(apps, history, settings)
    offers = _kept_offers(tables, frames["offers"])
    issues += v.check_stale(apps, kept_states(tables, apps, history, offers, settings, today), settings)
    interviews = frames["interviews"]
    if public:
        drops = settings.private_fields
        apps = apps.drop(columns=[c for c in drops.get("applications", ()) if c in apps])
        interviews = interviews.drop(columns=[c for c in drops.get("interviews", ()) if c in interviews])
        offer_private = set(drops.get("offers", ()))
        if offer_private & {"monthly_base", "months", "sign_on", "stock_total", "vesting", "housing"}:
            offer_private |= {"annual_base", "first_year_cash", "annual_total", "first_year_stock"}
        offers = offers.drop(columns=[c for c in offer_private if c in offers])
        history = history.assign(note="") if "note" in drops.get("history", ()) else history
    if anonymised:
        apps = anonymise(apps)
    return Tracker(settings, data_path, apps, history, att, interviews, offers, sort_issues(issues), files, public, anonymised)
