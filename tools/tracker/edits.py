"""Edits behind ``add`` and ``move``: checked first, then written with :mod:`.writer`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .coerce import derive_id
from .issues import suggest
from .normalize import BadValue, parse_date, parse_stage
from .schema import APPLICATIONS, HISTORY
from .settings import Settings
from .tracker import Tracker
from .writer import CsvDocument, WriteRefused


class EditError(ValueError):
    """A user mistake in an edit command (message is shown as is)."""


def _require_csv(tracker: Tracker, table: str) -> Path:
    path = tracker.files.get(table)
    if path is None:
        return tracker.data_dir / f"{table}.csv"
    if path.suffix.lower() != ".csv":
        raise EditError(f"{path}: 只能自动修改 CSV 文件 only CSV files can be edited by the CLI; 请手动编辑 edit the YAML by hand")
    return path


def _check_date(text: str, today: date, what: str) -> str:
    try:
        day = parse_date(text)
    except BadValue as exc:
        raise EditError(f"{what}: {exc.args[0]} '{text}'") from None
    if day > today:
        raise EditError(f"{what}: 日期在未来 date is in the future '{text}' — 应为 expected 不晚于 not after {today.isoformat()}")
    return day.isoformat()


def _check_stage(text: str, settings: Settings) -> tuple[str | None, str | None]:
    try:
        value = parse_stage(text, settings)
    except BadValue as exc:
        bad = exc.args[1] if len(exc.args) > 1 else text
        hint = suggest(bad, settings.stage_keys + list(settings.aliases))
        tail = f"; 你是不是想写 did you mean '{hint}'?" if hint else ""
        raise EditError(f"stage: 未知阶段 unknown stage '{bad}'{tail}") from None
    return value.stage, value.outcome


@dataclass
class NewApplication:
    company: str
    role: str
    city: str
    applied: str = ""
    stage: str = "已投递"
    id: str = ""
    batch: str = ""
    season: str = ""
    direction: str = ""
    channel: str = ""
    department: str = ""
    next_step: str = ""
    next_at: str = ""
    deadline: str = ""
    link: str = ""


def add_application(tracker: Tracker, new: NewApplication, today: date) -> str:
    """Append one application; returns its id."""
    if not new.company.strip() or not new.role.strip() or not new.city.strip():
        raise EditError("company/role/city: 必填项为空 required value is empty")
    stage, outcome = _check_stage(new.stage, tracker.settings)
    applied = _check_date(new.applied or today.isoformat(), today, "applied")
    values = {k: str(v).strip() for k, v in vars(new).items()}
    values.update(applied=applied, stage=stage or "", outcome=outcome or "")
    values["id"] = values["id"] or derive_id(values["company"], values["role"], values["season"], values["batch"], applied)
    if values["id"] in set(tracker.applications["id"]):
        raise EditError(f"id: 重复的编号 duplicate application id '{values['id']}'")
    doc = CsvDocument.load(_require_csv(tracker, "applications"), APPLICATIONS)
    if not doc.has_column("id"):
        raise WriteRefused(f"{doc.path}: 文件没有编号列 the file has no id column; 请先在表头加上 id add an id column first")
    doc.append({k: v for k, v in values.items() if v})
    doc.save()
    return values["id"]


def move_application(tracker: Tracker, app_id: str, target: str, when: str, note: str, today: date) -> tuple[str | None, str | None]:
    """Append a stage change (and/or outcome) to history and update the current stage."""
    apps = tracker.applications
    if app_id not in set(apps["id"]):
        hint = suggest(app_id, sorted(apps["id"]), 0.6)
        tail = f"; 你是不是想写 did you mean '{hint}'?" if hint else ""
        raise EditError(f"id: 找不到对应的投递 no application with this id '{app_id}'{tail}")
    stage, outcome = _check_stage(target, tracker.settings)
    day = _check_date(when or today.isoformat(), today, "date")
    row = apps.index[apps["id"] == app_id][0]
    app = apps.loc[row]
    app_doc = CsvDocument.load(_require_csv(tracker, "applications"), APPLICATIONS)
    hist_path = _require_csv(tracker, "history")
    hist_doc = CsvDocument.load(hist_path, HISTORY)
    for col, needed in (("note", bool(note)), ("outcome", bool(outcome))):
        if needed and not hist_doc.has_column(col):
            raise WriteRefused(f"{hist_path}: 文件没有这一列 no such column '{col}'; 请先在表头加上 add it to the header first")
    explicit = tracker.history[(tracker.history["application"] == app_id) & ~tracker.history["inferred"]]
    if explicit.empty and stage != tracker.settings.stage_keys[1] and str(app["applied"]) != "NaT":
        # keep what was known before: the inferred start becomes a real first row
        hist_doc.append({"application": app_id, "date": app["applied"].date().isoformat(), "stage": tracker.settings.stage_keys[1]})
    hist_doc.append({"application": app_id, "date": day, "stage": stage or "", "outcome": outcome or "", "note": note})
    if stage:
        app_doc.set_cell(row, "stage", stage)
    if outcome:
        app_doc.set_cell(row, "outcome", outcome)
    hist_doc.save()
    app_doc.save()
    return stage, outcome
