"""Dates as people write them: full dates, year-less dates and Excel serial numbers.

One list of accepted forms (:data:`DATE_EXPECTED`) is used by every message about a bad date,
in files and on the command line alike.

* Full dates: ``2026-08-01``, ``2026/8/1``, ``2026.8.1``, ``2026年8月1日``, optional time.
* Year-less: ``8月3日``, ``8/12``, ``11-22``; the year is inferred — from the other dates of
  the same file when there are any, else from today — and a warning names the year assumed.
  A date that must not lie in the future (applied, history) moves to the year before when
  the inferred year would put it after today; a planned date (``--at``) to the next year when
  it would lie more than a month in the past. In files, the season column helps too: a
  January or February date of a 秋招 row belongs to the year after the file's usual one
  (see ``coerce._autumn_tail``).
* Excel serial numbers (days since 1899-12-30, as a spreadsheet shows a date cell formatted
  as a number): ``46235`` is 2026-08-01; a fraction is the time of day.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable

from .normalize import BadValue, parse_datetime

DATE_EXPECTED = (
    "日期如 date like 2026-08-01, 2026/8/1, 2026.8.1, 2026年8月1日, "
    "8月1日 或 or 8/1(年份可推断时 when the year can be inferred), "
    "Excel 日期序号 serial 46235; 可带时间 optional time 14:00"
)
EXCEL_EPOCH = datetime(1899, 12, 30)
SERIAL_RANGE = (20000, 80000)  # 1954 to 2119: a bare number outside it is not taken for a date

_YEARLESS = re.compile(
    r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:[\sT]*(\d{1,2})\s*[:时点]\s*(\d{1,2})?\s*分?)?$"
)
_SERIAL = re.compile(r"^(\d{5})(\.\d+)?$")


@dataclass(frozen=True)
class YearLess:
    """A date written without its year."""

    month: int
    day: int
    hour: int = 0
    minute: int = 0

    def with_year(self, year: int) -> datetime:
        try:
            return datetime(year, self.month, self.day, self.hour, self.minute)
        except ValueError:
            raise BadValue("不存在的日期 impossible date") from None


def parse_cell(text: str) -> datetime | YearLess:
    """A full date-time, or a :class:`YearLess` to be completed; :class:`BadValue` otherwise.

    >>> parse_cell("46235"), parse_cell("8月3日 14:30")
    (datetime.datetime(2026, 8, 1, 0, 0), YearLess(month=8, day=3, hour=14, minute=30))
    """
    norm = unicodedata.normalize("NFKC", text).strip()
    serial = _SERIAL.match(norm)
    if serial:
        value = float(norm)
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return (EXCEL_EPOCH + timedelta(days=value)).replace(microsecond=0, second=0)
        raise BadValue("日期格式无法识别 unrecognised date")
    m = _YEARLESS.match(norm)
    if m:
        mo, d, hh, mm = (int(x) if x else 0 for x in m.groups())
        if not (1 <= mo <= 12 and 1 <= d <= 31 and hh < 24 and mm < 60):
            raise BadValue("不存在的日期 impossible date")
        return YearLess(mo, d, hh, mm)
    return parse_datetime(text)


def common_year(values: Iterable[object]) -> int | None:
    """The most frequent year among full dates (ties: the later year)."""
    years = Counter(v.year for v in values if isinstance(v, datetime))
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def complete(value: YearLess, reference: int | None, today: date, past_only: bool = False, planned: bool = False) -> datetime:
    """Give ``value`` a year: ``reference`` (the file's usual year) or today's, then kept on the
    right side of today for past-only and planned dates."""
    year = reference or today.year
    when = value.with_year(year)
    if past_only and when.date() > today:
        when = value.with_year(year - 1)
    if planned and reference is None and when.date() < today - timedelta(days=31):
        when = value.with_year(year + 1)
    return when


class BadDate(ValueError):
    """A date typed on the command line that cannot be read; ``str()`` is the full message."""


@dataclass(frozen=True)
class UserDate:
    value: datetime
    assumed_year: int | None  # set when the text had no year


def parse_user(text: str, today: date, past_only: bool = False, planned: bool = False) -> UserDate:
    """A date from the command line (no file to infer the year from: today decides)."""
    try:
        parsed = parse_cell(text)
    except BadValue as exc:
        raise BadDate(f"{exc.args[0]} '{text}' — 应为 expected {DATE_EXPECTED}") from None
    if isinstance(parsed, YearLess):
        try:
            when = complete(parsed, None, today, past_only, planned)
        except BadValue as exc:
            raise BadDate(f"{exc.args[0]} '{text}' — 应为 expected {DATE_EXPECTED}") from None
        return UserDate(when, when.year)
    return UserDate(parsed, None)


def year_warning(text: str, year: int) -> str:
    """The one wording of the assumed-year warning (files and command line)."""
    return f"没写年份,按 {year} 年理解 year missing, assumed {year} '{text}'"
