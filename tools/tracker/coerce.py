"""Cell-level checks and typing: a :class:`RawTable` becomes a typed DataFrame plus issues.

Work is done once per distinct value (files repeat dates, stages and cities a
lot), which keeps validation of large files close to the cost of reading them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

import pandas as pd

from .issues import ERROR, WARNING, Issue, one_of, suggest
from .dates import DATE_EXPECTED, YearLess, common_year, complete, parse_cell
from .normalize import BadValue, parse_int, parse_money, parse_outcome, parse_stage, split_list
from .readers import RawTable
from .schema import TABLES, Field
from .settings import Settings, fold

# Fields whose date may not lie after today (a record of something that happened).
PAST_ONLY = {("applications", "applied"), ("history", "date")}
# Fields that plan ahead: a year-less date there is read as the coming one.
PLANNED = {("applications", "next_at"), ("applications", "deadline"), ("offers", "reply_by")}
META = ("source", "line")


@dataclass(frozen=True)
class Context:
    settings: Settings
    today: date
    topics: frozenset[str] | None = None  # known knowledge-base ids; None skips the check
    year: int | None = None  # the usual year of the file's full dates, for year-less ones


def derive_id(company: str, role: str, season: str, batch: str, occurrence: int = 1) -> str:
    """Deterministic id for a row that has none, from the cells that name the application.

    Dates, stages and every other cell are left out on purpose: fixing a typo in them must
    not change an id that ``list`` has shown. A second row with the same four cells gets
    ``-2`` (the file order decides which is which).

    >>> derive_id("字节跳动", "算法", "秋招", "提前批") == derive_id("字节跳动", "算法", "秋招", "提前批")
    True
    >>> derive_id("字节跳动", "算法", "秋招", "提前批", 2).endswith("-2")
    True
    """
    digest = hashlib.sha1("|".join((company, role, season, batch)).encode("utf-8")).hexdigest()
    return f"a-{digest[:10]}" + (f"-{occurrence}" if occurrence > 1 else "")


def file_year(raw: RawTable) -> int | None:
    """The most common year among the full dates of a file's date columns (``None`` if none)."""
    table = TABLES[raw.table]
    values = []
    for f in table.fields:
        if f.kind in ("date", "datetime") and f.name in raw.columns:
            for text in {r.get(f.name, "") for r in raw.rows}:
                if text:
                    try:
                        values.append(parse_cell(text))
                    except BadValue:
                        pass
    return common_year(values)


def _issue_rows(df: pd.DataFrame, mask: pd.Series) -> list[tuple[str, int, str]]:
    """Source, line and index of the rows where ``mask`` is true (most masks select nothing:
    then no frame is indexed, which was a fifth of coercing a table)."""
    if not mask.any():
        return []
    return list(zip(df.loc[mask, "source"], df.loc[mask, "line"], df.index[mask]))


def _map_unique(values: pd.Series, fn: Callable[[str], object]) -> tuple[dict[str, object], dict[str, BadValue]]:
    good: dict[str, object] = {}
    bad: dict[str, BadValue] = {}
    for v in values.unique():
        if v == "":
            continue
        try:
            good[v] = fn(v)
        except BadValue as exc:
            bad[v] = exc
    return good, bad


def _per_value(values: pd.Series, fn: Callable[[str], object]) -> Callable[[str], object]:
    """``fn`` computed once per distinct value of ``values``, as a lookup for ``Series.map``."""
    results = {v: fn(v) for v in values.unique()}
    return results.__getitem__


def _part(col: pd.Series, good: dict[str, object], attr: str, default: object) -> pd.Series:
    """One attribute of each cell's parsed value, looked up by the cell text; ``default``
    for empty and bad cells."""
    if col.empty:
        return col.map(good).map(lambda v: default)  # the dtype pandas gives an empty column
    part = {text: getattr(value, attr) for text, value in good.items()}
    return col.map(lambda v: part.get(v, default))


def coerce(raw: RawTable, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    """Typed DataFrame for ``raw`` (extras kept as text) and the cell-level issues."""
    table = TABLES[raw.table]
    issues: list[Issue] = list(raw.issues)
    if ctx.year is None:
        ctx = replace(ctx, year=file_year(raw))
    cols = list(dict.fromkeys([*table.names(), *raw.columns]))
    df = pd.DataFrame(raw.rows, columns=cols, dtype=object).fillna("") if raw.rows else pd.DataFrame(columns=cols, dtype=object)
    df["source"] = raw.sources if raw.sources else [raw.path] * len(df)
    df["line"] = raw.lines
    for f in table.fields:
        if f.required and len(df) and f.name not in raw.missing_required:
            empty = df[f.name] == ""
            if table.name == "applications" and f.name == "applied":
                # nothing has been sent yet while the application is still 待投递
                first = ctx.settings.stage_keys[0]
                not_sent = df["stage"].map(_per_value(df["stage"], lambda v: bool(v) and getattr(ctx.settings.resolve(v), "stage", None) == first))
                empty &= ~not_sent.astype(bool)
            for path, line, _ in _issue_rows(df, empty):
                issues.append(Issue(ERROR, path, line, f.name, f"必填项为空 required cell is empty ({f.zh})"))
    for f in table.fields:
        issues.extend(_coerce_field(df, table.name, f, ctx))
    if table.name == "applications":
        missing = df["id"] == ""
        if missing.any():
            seen: dict[tuple[str, str, str, str], int] = {}
            derived = []
            for r in df.loc[missing].itertuples():
                key = (r.company, r.role, r.season, r.batch)
                seen[key] = seen.get(key, 0) + 1
                derived.append(derive_id(*key, seen[key]))
            df.loc[missing, "id"] = derived
        df["id_derived"] = missing
    if table.name == "interviews":
        missing = df["id"] == ""
        if missing.any():
            ordinal = df.groupby("application").cumcount() + 1
            df.loc[missing, "id"] = df.loc[missing, "application"] + "#" + ordinal[missing].astype(str)
    return df, issues


AUTUMN = "秋招"


def _autumn_tail(parsed: pd.Series, guessed: pd.Series, season: pd.Series, ctx: Context, past_only: bool) -> pd.Series:
    """The season column's part in year inference: 秋招 runs from summer into the next January
    and February, so a year-less January or February date of a 秋招 row belongs to the year after
    the file's usual one (unless that would put a past-only date after today)."""
    autumn = season.map(lambda v: isinstance(v, str) and fold(v) == fold(AUTUMN)).astype(bool)
    tail = guessed & autumn & parsed.notna() & (parsed.dt.month <= 2) & (parsed.dt.year == ctx.year)
    bumped = parsed.where(~tail, parsed + pd.DateOffset(years=1))
    if past_only:
        bumped = bumped.where(bumped <= pd.Timestamp(ctx.today), parsed)
    return bumped


def _coerce_field(df: pd.DataFrame, table: str, f: Field, ctx: Context) -> list[Issue]:
    issues: list[Issue] = []
    col = df[f.name]
    settings = ctx.settings

    def report(bad: dict[str, BadValue], expected: str | None, suggester: Callable[[str], str | None] | None = None, severity: str = ERROR) -> None:
        if not bad:
            return
        for path, line, idx in _issue_rows(df, col.isin(list(bad))):
            value = col[idx]
            exc = bad[value]
            shown = exc.args[1] if len(exc.args) > 1 else value
            issues.append(Issue(severity, path, line, f.name, exc.args[0], shown, expected, suggester(shown) if suggester else None))

    if f.kind in ("date", "datetime"):
        cells, bad = _map_unique(col, parse_cell)
        good: dict[str, object] = {}
        yearless: dict[str, int] = {}
        for text, value in cells.items():
            if isinstance(value, YearLess):
                try:
                    value = complete(value, ctx.year, ctx.today, past_only=(table, f.name) in PAST_ONLY, planned=(table, f.name) in PLANNED)
                except BadValue as exc:
                    bad[text] = exc
                    continue
                yearless[text] = value.year
            good[text] = value
        report(bad, DATE_EXPECTED)
        parsed = pd.to_datetime(col.map(good), errors="coerce")
        if f.kind == "date":
            parsed = parsed.dt.normalize()
        guessed = col.isin(list(yearless))
        if guessed.any() and ctx.year is not None and "season" in df:
            parsed = _autumn_tail(parsed, guessed, df["season"], ctx, (table, f.name) in PAST_ONLY)
        for path, line, idx in _issue_rows(df, guessed):
            y = parsed[idx].year
            issues.append(Issue(WARNING, path, line, f.name, f"没写年份,按 {y} 年理解 year missing, assumed {y}", col[idx]))
        if (table, f.name) in PAST_ONLY:
            future = parsed > pd.Timestamp(ctx.today)
            for path, line, idx in _issue_rows(df, future.fillna(False)):
                issues.append(Issue(ERROR, path, line, f.name, "日期在未来 date is in the future", col[idx], f"不晚于 not after {ctx.today.isoformat()}"))
        df[f.name] = parsed
    elif f.kind == "int":
        good, bad = _map_unique(col, parse_int)
        report(bad, None)
        df[f.name] = col.map(good).astype("Int64")
        if f.name == "self_rating":
            out = df[f.name].notna() & ((df[f.name] < 1) | (df[f.name] > 5))
            for path, line, idx in _issue_rows(df, out.fillna(False)):
                issues.append(Issue(ERROR, path, line, f.name, "自评超出范围 rating out of range", col[idx], "1–5"))
    elif f.kind == "money":
        good, bad = _map_unique(col, parse_money)
        report(bad, "如 like 35000, 35k, 3.5万")
        df[f.name] = col.map(good).astype("float64")
    elif f.kind == "stage":
        good, bad = _map_unique(col, lambda v: parse_stage(v, settings))
        report(bad, one_of(settings.stage_keys), lambda v: suggest(v, settings.stage_keys + list(settings.aliases)))
        df[f.name] = _part(col, good, "stage", None)
        if f.name == "stage" and table == "applications":
            df["stage_path"] = _part(col, good, "path", ())
            df["outcome_implied"] = _part(col, good, "outcome", None)
            only_outcome = col.map(lambda v: v in good and good[v].stage is None).astype(bool)
            for path, line, idx in _issue_rows(df, only_outcome):
                issues.append(Issue(WARNING, path, line, f.name, "只写了结局,没有阶段,按 已投递 记录 outcome only, stage recorded as 已投递", col[idx]))
            df.loc[only_outcome, f.name] = settings.stage_keys[1] if len(settings.stage_keys) > 1 else settings.stage_keys[0]
    elif f.kind == "outcome":
        good, bad = _map_unique(col, lambda v: parse_outcome(v, settings))
        report(bad, one_of(settings.outcome_keys), lambda v: suggest(v, settings.outcome_keys + list(settings.aliases)))
        df[f.name] = col.map(good).where(col != "", None)
    elif f.kind == "choice":
        allowed = settings.lists.get(f.choices or "", ())
        if allowed:
            canon = {fold(a): a for a in allowed}
            fixed = {v: canon[fold(v)] for v in col.unique() if v and fold(v) in canon}
            unknown = [v for v in col.unique() if v and fold(v) not in canon]
            for path, line, idx in _issue_rows(df, col.isin(unknown)):
                issues.append(Issue(WARNING, path, line, f.name, "不在常用取值中 value not in the usual list", col[idx], one_of(allowed), suggest(col[idx], allowed, 0.6)))
            df[f.name] = col.map(lambda v: fixed.get(v, v))
    elif f.kind == "list":
        items_of = {v: split_list(v) for v in col.unique() if v}
        df[f.name] = col.map(lambda v: list(items_of[v]) if v else [])  # a fresh list per row
        if f.choices:  # cities
            allowed = settings.lists.get(f.choices, ())
            known = set(allowed)
            unknown = [v for v, items in items_of.items() if any(i not in known for i in items)]
            for path, line, idx in _issue_rows(df, col.isin(unknown)):
                for item in df.at[idx, f.name]:
                    if item not in known:
                        issues.append(Issue(WARNING, path, line, f.name, "未知城市 unknown city", item, None, suggest(item, allowed, 0.5)))
        if f.name == "topics" and ctx.topics is not None:
            unknown = [v for v, items in items_of.items() if any(i not in ctx.topics for i in items)]
            for path, line, idx in _issue_rows(df, col.isin(unknown)):
                for item in df.at[idx, f.name]:
                    if item not in ctx.topics:
                        issues.append(Issue(ERROR, path, line, f.name, "未知知识点编号 unknown topic id", item, "data/topics.yaml 中的编号 an id from data/topics.yaml", suggest(item, sorted(ctx.topics), 0.6)))
    return issues
