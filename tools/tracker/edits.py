"""Edits behind ``add``, ``move`` and ``offer``: checked first, then written with :mod:`.writer`.

Every check runs before the first byte is written, so a refused edit leaves every file as it
was. A move that contradicts the record (a stage after the attempt ended, a stage before the
current one) is refused unless the user says what it is: ``--reopen`` (a new attempt: 被捞,
another team) or ``--correct`` (the last record was wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable

import pandas as pd

from .coerce import derive_id
from .dates import BadDate, parse_user, year_warning
from .find import Found, find_application
from .issues import suggest
from .normalize import BadValue, parse_stage
from .paths import PRIVATE_DIR, display_path
from .readers import decode, detect_delimiter
from .schema import APPLICATIONS, HISTORY, Table
from .settings import Settings
from .state import derive_states
from .tracker import Tracker
from .writer import CsvDocument, WriteRefused
from .yamldoc import YamlDocument, YamlFolder


class EditError(ValueError):
    """A user mistake in an edit command (message is shown as is)."""


Warn = Callable[[str], None]


def _no_warn(_: str) -> None:
    return None


Document = CsvDocument | YamlDocument | YamlFolder


def _open_path(path: Path, table: Table) -> Document:
    """The editable document for ``path``: CSV (comma-separated UTF-8/GBK), a YAML file, or a
    folder of YAML files."""
    if path.is_dir():
        return YamlFolder(path, table)
    if path.suffix.lower() in (".yaml", ".yml"):
        return YamlDocument(path, table)
    if path.is_file():
        text, encoding, _ = decode(path.read_bytes())
        delimiter = detect_delimiter(text)
        if encoding == "utf-16" or delimiter != ",":
            shown = {"\t": "制表符 tab", ";": "分号 semicolon"}.get(delimiter, "逗号 comma")
            raise EditError(
                f"{display_path(path)}: 只能改写逗号分隔的 UTF-8/GBK 文件 only comma-separated UTF-8/GBK files can be rewritten "
                f"(这个文件 this file: {encoding}, {shown}) — 应为 expected 在 Excel 里另存为 save it from Excel as \"CSV UTF-8\""
            )
    return CsvDocument.load(path, table)


def _open(tracker: Tracker, name: str, table: Table) -> Document:
    """The document holding table ``name`` (a new CSV when the table has no file yet)."""
    return _open_path(tracker.files.get(name) or tracker.data_dir / f"{name}.csv", table)


def _read_date(text: str, today: date, what: str, warn: Warn, *, planned: bool) -> datetime:
    """A date from an option; a year-less one is completed and ``warn`` names the year."""
    try:
        parsed = parse_user(text, today, past_only=not planned, planned=planned)
    except BadDate as exc:
        raise EditError(f"{what}: {exc}") from None
    if parsed.assumed_year:
        warn(f"{what}: {year_warning(text, parsed.assumed_year)}")
    return parsed.value


def _check_date(text: str, today: date, what: str, warn: Warn = _no_warn) -> str:
    """A day something happened: not after today."""
    day = _read_date(text, today, what, warn, planned=False).date()
    if day > today:
        raise EditError(f"{what}: 日期在未来 date is in the future '{text}' — 应为 expected 不晚于 not after {today.isoformat()}")
    return day.isoformat()


def _check_when(text: str, today: date, what: str, with_time: bool, warn: Warn = _no_warn) -> str:
    """A planned date (``--at``, ``--deadline``): any day, written in one form; '' clears."""
    if not text.strip():
        return ""
    when = _read_date(text, today, what, warn, planned=True)
    timed = bool(when.hour or when.minute)
    if with_time and not timed:
        raise EditError(f"{what}: 缺少时间 time missing '{text}' — 应为 expected 如 like 2026-11-25 14:00")
    return when.strftime("%Y-%m-%d %H:%M") if timed else when.date().isoformat()


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
class NextStep:
    """``--next``, ``--at``, ``--deadline``: ``None`` leaves a cell alone, '' clears it."""

    text: str | None = None
    at: str | None = None
    deadline: str | None = None

    def cells(self, today: date, warn: Warn = _no_warn) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.text is not None:
            out["next_step"] = self.text.strip()
        if self.at is not None:
            out["next_at"] = _check_when(self.at, today, "--at", True, warn)
        if self.deadline is not None:
            out["deadline"] = _check_when(self.deadline, today, "--deadline", False, warn)
        return out


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
    link: str = ""


def add_application(tracker: Tracker, new: NewApplication, today: date, step: NextStep | None = None, warn: Warn = _no_warn) -> str:
    """Append one application; returns its id."""
    if not new.company.strip() or not new.role.strip() or not new.city.strip():
        raise EditError("company/role/city: 必填项为空 required value is empty")
    stage, outcome = _check_stage(new.stage, tracker.settings)
    applied = _check_date(new.applied or today.isoformat(), today, "applied", warn) if stage != tracker.settings.stage_keys[0] or new.applied else ""
    values = {k: str(v).strip() for k, v in vars(new).items()}
    values.update(applied=applied, stage=stage or "", outcome=outcome or "")
    values.update((step or NextStep()).cells(today, warn))
    if not values["id"]:
        taken = set(tracker.applications["id"])
        n = 1
        while derive_id(values["company"], values["role"], values["season"], values["batch"], n) in taken:
            n += 1
        values["id"] = derive_id(values["company"], values["role"], values["season"], values["batch"], n)
    if values["id"] in set(tracker.applications["id"]):
        raise EditError(f"id: 重复的编号 duplicate application id '{values['id']}'")
    doc = _open(tracker, "applications", APPLICATIONS)
    if not doc.has_column("id"):
        raise WriteRefused(f"{display_path(doc.path)}: 文件没有编号列 the file has no id column; 请先在表头加上 id add an id column first")
    doc.append({k: v for k, v in values.items() if v})
    doc.save()
    return values["id"]


@dataclass(frozen=True)
class MoveResult:
    id: str
    stage: str | None
    outcome: str | None
    attempt: int


def _locate(tracker: Tracker, words: tuple[str, ...] | list[str], today: date) -> tuple[Found, pd.DataFrame]:
    from .find import Ambiguous, NotFound

    states = derive_states(tracker.applications, tracker.history, tracker.offers, tracker.settings, today)
    try:
        return find_application(tracker.applications, states, words), states
    except (NotFound, Ambiguous) as exc:
        raise EditError(str(exc.args[0])) from None


def _where(tracker: Tracker, pos: int) -> str:
    app = tracker.applications.iloc[pos]
    return f"{app['source']}:{app['line']}"


def _set_app_cells(doc: CsvDocument, pos: int, app: pd.Series, cells: dict[str, str]) -> None:
    """Write ``cells`` into the application's row; an id derived so far is written too, so it stays."""
    if bool(app.get("id_derived", False)) and doc.has_column("id"):
        doc.set_cell(pos, "id", app["id"])
    for col, value in cells.items():
        if value == "" and not doc.has_column(col):
            continue  # nothing to clear
        doc.set_cell(pos, col, value)


def move_application(
    tracker: Tracker,
    words: tuple[str, ...] | list[str],
    target: str,
    when: str,
    note: str,
    today: date,
    *,
    reopen: bool = False,
    correct: bool = False,
    step: NextStep | None = None,
    warn: Warn = _no_warn,
) -> MoveResult:
    """Record a stage change and/or outcome in history and update the application's row."""
    if reopen and correct:
        raise EditError("--reopen/--correct: 只能选一个 choose one of them")
    found, states = _locate(tracker, words, today)
    settings = tracker.settings
    stage, outcome = _check_stage(target, settings)
    day = _check_date(when or today.isoformat(), today, "date", warn)
    cells = (step or NextStep()).cells(today, warn)
    state = states.iloc[found.index]
    app = tracker.applications.iloc[found.index]
    rank = settings.stage_order()
    terminal = {o.key for o in settings.outcomes if o.terminal}
    cur_stage, cur_outcome = state["stage"], state["outcome"]
    ended = bool(state["is_signed"]) or cur_outcome in terminal
    backwards = stage is not None and isinstance(cur_stage, str) and rank[stage] < rank.get(cur_stage, -1)
    if reopen and stage is None:
        raise EditError(f"--reopen: 新的一次尝试需要一个阶段 a new attempt needs a stage, got '{target}' — 应为 expected 如 like 一面")
    if (ended or backwards) and not (reopen or correct):
        now = " ".join(x for x in (cur_stage, cur_outcome) if isinstance(x, str))
        why = "这次尝试已经结束 this attempt has ended" if ended else "早于当前阶段 earlier than the current stage"
        raise EditError(
            f"{_where(tracker, found.index)}: stage: 与记录矛盾 contradicts the record '{target}' — 当前 currently '{now}', {why}; "
            f"应为 expected --reopen (新的一次尝试 a new attempt: 被捞/换部门 re-entry or another team) "
            f"或 or --correct (改正最后一条记录 fix the last record)"
        )
    app_doc = _open(tracker, "applications", APPLICATIONS)
    hist_doc = _open(tracker, "history", HISTORY)
    hist_path = hist_doc.path
    for col, needed in (("note", bool(note)), ("outcome", bool(outcome))):
        if needed and not hist_doc.has_column(col):
            raise WriteRefused(f"{display_path(hist_path)}: 文件没有这一列 no such column '{col}'; 请先在表头加上 add it to the header first")
    explicit = tracker.history[(tracker.history["application"] == found.id) & ~tracker.history["inferred"]]
    app_cells = dict(cells)
    attempt = int(state["attempt"])
    if correct and len(explicit):
        rows = [i for i, r in enumerate(hist_doc.rows()) if r.get("application") == found.id]
        last = rows[-1]
        if stage is not None:
            hist_doc.set_cell(last, "stage", stage)
            if hist_doc.has_column("outcome"):
                hist_doc.set_cell(last, "outcome", outcome or "")
        elif outcome is not None:
            hist_doc.set_cell(last, "outcome", outcome)
        if when:
            hist_doc.set_cell(last, "date", day)
        if note:
            hist_doc.set_cell(last, "note", note)
    else:
        if explicit.empty and pd.notna(app["applied"]) and not correct:
            # keep what was known before: the inferred start (and current state) become real rows
            applied_key = settings.stage_keys[1]
            hist_doc.append({"application": found.id, "date": app["applied"].date().isoformat(), "stage": applied_key})
            if isinstance(cur_stage, str) and (cur_stage != applied_key or isinstance(cur_outcome, str)):
                hist_doc.append(
                    {
                        "application": found.id,
                        "date": app["applied"].date().isoformat(),
                        "stage": cur_stage,
                        "outcome": cur_outcome if isinstance(cur_outcome, str) else "",
                        "note": "由当前阶段推断 inferred from the current stage" if hist_doc.has_column("note") else "",
                    }
                )
        row = {"application": found.id, "date": day, "stage": stage or "", "outcome": outcome or "", "note": note}
        if reopen:
            attempt += 1
            if hist_doc.has_column("attempt"):
                row["attempt"] = str(attempt)
            elif not (ended or backwards):
                raise WriteRefused(
                    f"{display_path(hist_path)}: 文件没有这一列 no such column 'attempt'; 请先在表头加上 add it to the header first "
                    "(没有它,这一步不会被当作新的一次尝试 without it this move would not start a new attempt)"
                )
        if not correct:
            hist_doc.append(row)
    if stage is not None:
        app_cells["stage"] = stage
        app_cells["outcome"] = outcome or ""
    elif outcome is not None:
        app_cells["outcome"] = outcome
    _set_app_cells(app_doc, found.index, app, app_cells)
    hist_doc.save()
    app_doc.save()
    return MoveResult(found.id, stage, outcome, attempt)


@dataclass
class OfferTerms:
    """What ``offer`` records; ``None`` leaves a cell alone."""

    monthly_base: str | None = None
    months: str | None = None
    sign_on: str | None = None
    stock_total: str | None = None
    vesting: str | None = None
    housing: str | None = None
    hukou: str | None = None
    reply_by: str | None = None
    level: str | None = None
    notes: str | None = None


OFFER_FLAGS = {
    "monthly_base": "--base", "months": "--months", "sign_on": "--sign-on", "stock_total": "--stock", "vesting": "--vesting",
    "housing": "--housing", "hukou": "--hukou", "reply_by": "--reply-by", "level": "--level", "notes": "--note",
}


def _offer_cells(terms: OfferTerms, today: date, warn: Warn = _no_warn) -> dict[str, str]:
    from .normalize import parse_int, parse_money, split_list

    out: dict[str, str] = {}
    for name, value in vars(terms).items():
        if value is None:
            continue
        value = value.strip()
        flag = OFFER_FLAGS[name]
        try:
            if name in ("monthly_base", "sign_on", "stock_total", "housing") and value:
                amount = parse_money(value)
                value = f"{amount:.0f}" if amount == int(amount) else f"{amount}"
            elif name == "months" and value:
                value = str(parse_int(value))
            elif name == "vesting" and value:
                parts = split_list(value)
                [float(p.rstrip("%")) for p in parts]
                value = "/".join(parts)
        except (BadValue, ValueError) as exc:
            expected = {"months": "整数 a whole number, 如 like 15", "vesting": "每年百分比 percent per year, 如 like 25/25/25/25"}.get(name, "金额 an amount, 如 like 35000, 35k, 3.5万")
            message = exc.args[0] if isinstance(exc, BadValue) else "无法识别 unrecognised"
            raise EditError(f"{flag}: {message} '{value}' — 应为 expected {expected}") from None
        if name == "reply_by" and value:
            value = _check_when(value, today, flag, False, warn)
        out[name] = value
    return out


def _offer_doc(path: Path, table: Table, columns: list[str]) -> Document:
    if path.suffix.lower() == ".csv" and (not path.exists() or not path.read_bytes().strip()):
        path.parent.mkdir(parents=True, exist_ok=True)
        return CsvDocument(path, table, "utf-8", b"", [",".join(columns) + "\n"], 0, list(columns), [], "\n")  # type: ignore[arg-type]
    return _open_path(path, table)


def _private_file(folder: Path, name: str) -> Path:
    """The private file of table ``name``: an existing YAML file or folder, else ``<name>.csv``."""
    for candidate in (folder / f"{name}.yaml", folder / f"{name}.yml", folder / name):
        if candidate.exists():
            return candidate
    return folder / f"{name}.csv"


def record_offer(tracker: Tracker, words: tuple[str, ...] | list[str], terms: OfferTerms, today: date, warn: Warn = _no_warn) -> tuple[str, list[Path]]:
    """Write an offer: public fields to ``offers.csv``, private ones to ``private/offers.csv``.

    An existing offer row of the application is updated; otherwise a row is added.
    Returns the application id and the files written.
    """
    from .schema import OFFERS

    found, _ = _locate(tracker, words, today)
    cells = _offer_cells(terms, today, warn)
    if not any(cells.values()):
        raise EditError("offer: 没有要记录的内容 nothing to record — 应为 expected 至少一个 at least one of --base, --months, --sign-on, --stock, --vesting, --housing, --hukou, --reply-by, --level")
    private = tracker.settings.private_fields.get("offers", frozenset())
    public_cols = ["application", *[f.name for f in OFFERS.fields if f.name != "application" and f.name not in private]]
    private_cols = ["application", *[f.name for f in OFFERS.fields if f.name in private]]
    public_path = tracker.files.get("offers") or tracker.data_dir / "offers.csv"
    private_path = _private_file(tracker.data_dir / PRIVATE_DIR, "offers")
    written: list[Path] = []
    docs = []
    for path, cols in ((public_path, public_cols), (private_path, private_cols)):
        part = {k: v for k, v in cells.items() if k in cols}
        if not part:
            continue
        doc = _offer_doc(path, OFFERS, cols)
        rows = [i for i, r in enumerate(doc.rows()) if r.get("application") == found.id]
        if rows:
            for col, value in part.items():
                if value == "" and not doc.has_column(col):
                    continue
                doc.set_cell(rows[-1], col, value)
        else:
            doc.append({"application": found.id, **part})
        docs.append(doc)
    for doc in docs:
        if doc.save():
            written.append(doc.path)
    return found.id, written

