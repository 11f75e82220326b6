"""Checks across rows and files (cell-level checks live in :mod:`.coerce`)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .issues import ERROR, WARNING, Issue, suggest
from .settings import Settings


def _dupes(df: pd.DataFrame, cols: list[str]) -> pd.Series:
    return df.duplicated(cols, keep="first")


def check_ids(df: pd.DataFrame, column: str, what: str) -> list[Issue]:
    """Duplicate ids are errors; the message names the line of the first one."""
    issues: list[Issue] = []
    if df.empty:
        return issues
    dupes = _dupes(df, [column])
    if not dupes.any():  # the usual case: no frame is built for the lines of the first ones
        return issues
    first_line = df.drop_duplicates(column).set_index(column)["line"]
    for row in df[dupes].itertuples(index=False):
        value = getattr(row, column)
        issues.append(Issue(ERROR, row.source, row.line, column, f"重复的编号 duplicate {what} id (第 {first_line[value]} 行已有 first on line {first_line[value]})", value))
    return issues


def check_references(df: pd.DataFrame, known: set[str], column: str = "application") -> list[Issue]:
    issues: list[Issue] = []
    if df.empty:
        return issues
    unknown = ~df[column].isin(known) & (df[column] != "")
    if not unknown.any():
        return issues
    for row in df[unknown].itertuples(index=False):
        value = getattr(row, column)
        issues.append(Issue(ERROR, row.source, row.line, column, "找不到对应的投递 no application with this id", value, None, suggest(value, sorted(known), 0.6)))
    return issues


def _season_key(season: object, applied: object) -> str:
    """The season an application belongs to: the season cell plus the recruiting year of the
    applied date (秋招 2025 and 秋招 2026 differ); without a season cell, the half-year.

    >>> _season_key("秋招", pd.Timestamp("2026-09-01")), _season_key("", pd.Timestamp("2026-03-01")), _season_key("", pd.NaT)
    ('秋招 2026', '2026 上半年', '')
    """
    when = applied if isinstance(applied, pd.Timestamp) and pd.notna(applied) else None
    name = season if isinstance(season, str) else ""
    if when is None:
        return name
    if name:
        return f"{name} {when.year}"
    return f"{when.year} {'上半年' if when.month <= 6 else '下半年'}"


def check_same_application(apps: pd.DataFrame) -> list[Issue]:
    """Same company + role + season + batch twice: probably a copy-paste.

    The season counts with its year (from the applied date), so applying again next year, or
    to the intern and the autumn round, is no duplicate.
    """
    issues: list[Issue] = []
    if apps.empty:
        return issues
    keyed = apps.assign(_season=[_season_key(s, a) for s, a in zip(apps["season"], apps["applied"])])
    keys = ["company", "role", "_season", "batch"]
    dup = _dupes(keyed, keys)
    if not dup.any():
        return issues
    # line of the first row of each key, aligned with every row
    first = keyed.groupby(keys, sort=False, dropna=False)["line"].transform("first")
    rows = keyed[dup]
    for source, line, company, role, firstline in zip(rows["source"], rows["line"], rows["company"], rows["role"], first[dup]):
        issues.append(Issue(WARNING, source, line, "company", f"同一公司、岗位、季节、批次出现两次 same company+role+season+batch twice (第 {firstline} 行 line {firstline})", f"{company} {role}"))
    return issues


def _is_text(values: pd.Series) -> pd.Series:
    """True where a cell holds a string (missing cells hold None or NaN)."""
    return values.map(lambda v: isinstance(v, str)).astype(bool)


def check_history(history: pd.DataFrame, apps: pd.DataFrame, settings: Settings) -> list[Issue]:
    """Order of dates and rounds within each attempt; applied date before the first change.

    Column-wide comparisons within each (application, attempt) group; only the
    flagged rows are visited in Python. Issues come out in file order, as a
    row-by-row pass would produce them.
    """
    explicit = history[~history["inferred"]] if len(history) else history
    if explicit.empty:
        return []
    explicit = explicit.reset_index(drop=True)
    group = explicit.groupby(["application", "attempt"], sort=False).ngroup()
    dates, stages = explicit["date"], explicit["stage"]
    sources, lines = explicit["source"].tolist(), explicit["line"].tolist()
    found: list[tuple[int, int, Issue]] = []  # (row, 0 for date / 1 for stage, issue), sorted below
    # Latest earlier date in the same attempt: running max (NaT skipped), carried forward, shifted by one row.
    latest = dates.groupby(group).cummax().groupby(group).ffill().groupby(group).shift()
    for pos in np.flatnonzero((dates < latest).to_numpy()):
        found.append((pos, 0, Issue(WARNING, sources[pos], lines[pos], "date", "日期早于上一条 date earlier than the previous change", dates.iat[pos].date().isoformat())))
    chain = settings.round_chain
    position = pd.Series(np.arange(len(explicit)))
    for stage in dict.fromkeys(chain):
        k = chain.index(stage)
        if k == 0:
            continue
        prev = chain[k - 1]
        # first row of each attempt that entered the previous round; later rows of that attempt are fine
        is_prev = (stages == prev).to_numpy()
        first_prev = position[is_prev].groupby(group[is_prev]).min()
        seen = (group.map(first_prev) < position).to_numpy()
        for pos in np.flatnonzero((stages == stage).to_numpy() & ~seen):
            found.append((pos, 1, Issue(WARNING, sources[pos], lines[pos], "stage", f"{stage} 之前没有 {prev} {stage} without {prev}", stage)))
    issues = [issue for _, _, issue in sorted(found, key=lambda t: t[:2])]
    # The earliest dated change of each application (first such row on ties) against its applied date.
    dated = explicit[dates.notna()]
    if len(dated) and len(apps):
        firsts = dated.loc[dated.groupby("application", sort=False)["date"].idxmin()]
        applied = apps.drop_duplicates("id", keep="last").set_index("id")["applied"]  # the last row wins, as in a dict
        day = firsts["application"].map(applied)
        early = (day.notna() & (firsts["date"] < day)).to_numpy()
        for source, line, when, d in zip(firsts["source"][early], firsts["line"][early], firsts["date"][early], day[early]):
            issues.append(Issue(WARNING, source, line, "date", f"早于投递日期 before the applied date {d.date().isoformat()}", when.date().isoformat()))
    return issues


def check_paths(apps: pd.DataFrame, settings: Settings) -> list[Issue]:
    """Path notation in the stage cell: numbered rounds in order."""
    issues: list[Issue] = []
    chain = settings.round_chain
    if "stage_path" not in apps:
        return issues
    with_path = apps[apps["stage_path"].map(bool)]
    for row in with_path.itertuples(index=False):
        stages = [s.stage for s in row.stage_path or ()]
        for i, st in enumerate(stages):
            if st in chain and chain.index(st) > 0 and chain[chain.index(st) - 1] not in stages[:i]:
                prev = chain[chain.index(st) - 1]
                issues.append(Issue(WARNING, row.source, row.line, "stage", f"{st} 之前没有 {prev} {st} without {prev}", st))
    return issues


def check_current_stage(apps: pd.DataFrame, history: pd.DataFrame, settings: Settings) -> list[Issue]:
    """The applications file's stage should be the last stage of the explicit history."""
    issues: list[Issue] = []
    explicit = history[~history["inferred"] & history["stage"].notna()]
    if explicit.empty:
        return issues
    last = apps["id"].map(explicit.groupby("application")["stage"].last())
    differs = (_is_text(apps["stage"]) & last.notna() & (apps["stage"] != last)).to_numpy()
    rows = apps[differs]
    for source, line, stage, expected in zip(rows["source"], rows["line"], rows["stage"], last[differs]):
        issues.append(Issue(WARNING, source, line, "stage", f"与历史最后阶段不一致 differs from the last stage in history '{expected}'", stage))
    return issues


def check_stale(apps: pd.DataFrame, states: pd.DataFrame, settings: Settings) -> list[Issue]:
    """Open applications with no recorded progress for ``stale_days`` days (``stale`` of
    :func:`~tools.tracker.state.derive_states`, the flag the board shows too)."""
    issues: list[Issue] = []
    if apps.empty:
        return issues
    stale = states["stale"].to_numpy(dtype=bool)
    rows = apps[stale]
    for source, line, st, days in zip(rows["source"], rows["line"], states["stage"][stale], states["idle_days"][stale].tolist()):
        issues.append(Issue(WARNING, source, line, "stage", f"{days} 天没有进展 no progress for {days} days", st, f"{settings.stale_days} 天内有更新 an update within {settings.stale_days} days"))
    return issues
