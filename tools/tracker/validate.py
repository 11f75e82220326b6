"""Checks across rows and files (cell-level checks live in :mod:`.coerce`)."""

from __future__ import annotations

from datetime import date

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
    first_line = df.drop_duplicates(column).set_index(column)["line"]
    for row in df[_dupes(df, [column])].itertuples(index=False):
        value = getattr(row, column)
        issues.append(Issue(ERROR, row.source, row.line, column, f"重复的编号 duplicate {what} id (第 {first_line[value]} 行已有 first on line {first_line[value]})", value))
    return issues


def check_references(df: pd.DataFrame, known: set[str], column: str = "application") -> list[Issue]:
    issues: list[Issue] = []
    if df.empty:
        return issues
    for row in df[~df[column].isin(known) & (df[column] != "")].itertuples(index=False):
        value = getattr(row, column)
        issues.append(Issue(ERROR, row.source, row.line, column, "找不到对应的投递 no application with this id", value, None, suggest(value, sorted(known), 0.6)))
    return issues


def check_same_application(apps: pd.DataFrame) -> list[Issue]:
    """Same company + role + season + batch twice: probably a copy-paste."""
    issues: list[Issue] = []
    if apps.empty:
        return issues
    keys = ["company", "role", "season", "batch"]
    dup = _dupes(apps, keys)
    firsts = apps.drop_duplicates(keys).set_index(keys)["line"]
    for row in apps[dup].itertuples(index=False):
        first = firsts[(row.company, row.role, row.season, row.batch)]
        issues.append(Issue(WARNING, row.source, row.line, "company", f"同一公司、岗位、批次出现两次 same company+role+batch twice (第 {first} 行 line {first})", f"{row.company} {row.role}"))
    return issues


def check_history(history: pd.DataFrame, apps: pd.DataFrame, settings: Settings) -> list[Issue]:
    """Order of dates and rounds within each attempt; applied date before the first change.

    One pass over plain lists in file order (per-group pandas calls are far slower).
    """
    issues: list[Issue] = []
    explicit = history[~history["inferred"]] if len(history) else history
    if explicit.empty:
        return issues
    applied = dict(zip(apps["id"], apps["applied"])) if len(apps) else {}
    chain = settings.round_chain
    latest: dict[tuple[str, int], pd.Timestamp] = {}
    seen: dict[tuple[str, int], set[str]] = {}
    first: dict[str, tuple[pd.Timestamp, str, int]] = {}
    cols = [explicit[c].tolist() for c in ("application", "attempt", "date", "stage", "source", "line")]
    for app, att, when, stage, source, line in zip(*cols):
        key = (app, att)
        has_date = when is not pd.NaT and when == when
        if has_date:
            last = latest.get(key)
            if last is not None and when < last:
                issues.append(Issue(WARNING, source, line, "date", "日期早于上一条 date earlier than the previous change", when.date().isoformat()))
            latest[key] = when if last is None else max(last, when)
            if app not in first or when < first[app][0]:
                first[app] = (when, source, line)
        stages = seen.setdefault(key, set())
        if isinstance(stage, str):
            if stage in chain:
                k = chain.index(stage)
                if k > 0 and chain[k - 1] not in stages:
                    issues.append(Issue(WARNING, source, line, "stage", f"{stage} 之前没有 {chain[k - 1]} {stage} without {chain[k - 1]}", stage))
            stages.add(stage)
    for app, (when, source, line) in first.items():
        day = applied.get(app, pd.NaT)
        if day is not pd.NaT and day == day and when < day:
            issues.append(Issue(WARNING, source, line, "date", f"早于投递日期 before the applied date {day.date().isoformat()}", when.date().isoformat()))
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
    last = explicit.groupby("application")["stage"].last().to_dict()
    for row in apps[apps["id"].isin(list(last))].itertuples(index=False):
        if isinstance(row.stage, str) and row.stage != last[row.id]:
            issues.append(Issue(WARNING, row.source, row.line, "stage", f"与历史最后阶段不一致 differs from the last stage in history '{last[row.id]}'", row.stage))
    return issues


def check_stale(apps: pd.DataFrame, history: pd.DataFrame, attempts: pd.DataFrame, settings: Settings, today: date) -> list[Issue]:
    """Open applications with no recorded progress for ``stale_days`` days."""
    issues: list[Issue] = []
    if apps.empty:
        return issues
    result_phase = [s.key for s in settings.stages if s.phase == "结果"]
    # Waiting after an oral offer is not "no progress"; waiting in the pool (first result stage) is.
    terminal_stages = {s.key for s in settings.stages if s.terminal} | {settings.stage_keys[0]} | set(result_phase[1:])
    terminal_out = {o.key for o in settings.outcomes if o.terminal}
    last_outcome = dict(zip(*attempts.drop_duplicates("application", keep="last")[["application", "outcome"]].T.values)) if len(attempts) else {}
    last_date = history.groupby("application")["date"].max().to_dict() if len(history) else {}
    limit = pd.Timestamp(today) - pd.Timedelta(days=settings.stale_days)
    for row in apps.itertuples(index=False):
        outcome = row.outcome if isinstance(row.outcome, str) else None
        if isinstance(last_outcome.get(row.id), str):
            outcome = last_outcome[row.id]
        if not isinstance(row.stage, str) or row.stage in terminal_stages or (outcome in terminal_out) or (isinstance(row.outcome_implied, str)):
            continue
        when = last_date.get(row.id, pd.NaT)
        if pd.isna(when):
            when = row.applied
        if pd.notna(when) and when < limit:
            if pd.notna(row.next_at) and row.next_at >= pd.Timestamp(today):
                continue
            days = (pd.Timestamp(today) - when).days
            issues.append(Issue(WARNING, row.source, row.line, "stage", f"{days} 天没有进展 no progress for {days} days", row.stage, f"{settings.stale_days} 天内有更新 an update within {settings.stale_days} days"))
    return issues
