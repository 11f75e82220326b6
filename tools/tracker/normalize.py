"""Turn typed cell text into values: dates, money, lists, stages (with path notation)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from .settings import Settings, fold

_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]*(\d{1,2})\s*[:时点]\s*(\d{1,2})?\s*分?(?:\s*:\s*(\d{1,2}))?)?$"
)


class BadValue(ValueError):
    """A cell that cannot be read; ``args[0]`` is the Chinese + English message."""


@lru_cache(maxsize=65536)
def parse_datetime(text: str) -> datetime:
    """Parse a date with an optional time; raises :class:`BadValue` when impossible.

    >>> parse_datetime("2025年8月1日 14:30")
    datetime.datetime(2025, 8, 1, 14, 30)
    >>> parse_datetime("２０２５.８.１")
    datetime.datetime(2025, 8, 1, 0, 0)
    """
    norm = unicodedata.normalize("NFKC", text).strip()
    m = _DATE.match(norm)
    if not m:
        # Excel and pandas sometimes write "2025-08-01 00:00:00".
        try:
            return datetime.fromisoformat(norm)
        except ValueError:
            raise BadValue("日期格式无法识别 unrecognised date") from None
    y, mo, d, hh, mm, ss = m.groups()
    try:
        return datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        raise BadValue("不存在的日期 impossible date") from None


def parse_date(text: str) -> date:
    """Parse a calendar day.

    >>> parse_date("2025/8/1")
    datetime.date(2025, 8, 1)
    """
    return parse_datetime(text).date()


_MONEY = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(k|K|千|w|W|万)?\s*(元|rmb|RMB)?$")


def parse_money(text: str) -> float:
    """Yuan from ``35000``, ``35,000``, ``35k``, ``3.5万``.

    >>> parse_money("3.5万"), parse_money("35k"), parse_money("35,000")
    (35000.0, 35000.0, 35000.0)
    """
    norm = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    m = _MONEY.match(norm)
    if not m:
        raise BadValue("金额格式无法识别 unrecognised amount")
    factor = {"k": 1e3, "K": 1e3, "千": 1e3, "w": 1e4, "W": 1e4, "万": 1e4}.get(m.group(2) or "", 1.0)
    return round(float(m.group(1)) * factor, 2)


def parse_int(text: str) -> int:
    norm = unicodedata.normalize("NFKC", text).strip()
    try:
        value = float(norm)
    except ValueError:
        raise BadValue("应为整数 expected a whole number") from None
    if value != value or value != int(value):
        raise BadValue("应为整数 expected a whole number")
    return int(value)


_LIST_SPLIT = re.compile(r"\s*[/,，、;；|]\s*")


def split_list(text: str) -> list[str]:
    """Split ``北京/上海、深圳`` into items.

    >>> split_list("北京/上海、 深圳")
    ['北京', '上海', '深圳']
    """
    norm = unicodedata.normalize("NFKC", text)
    return [p.strip() for p in _LIST_SPLIT.split(norm) if p.strip()]


@dataclass(frozen=True)
class Step:
    """One step of a path such as ``一面✅ => 二面❌``."""

    stage: str
    passed: bool | None  # True ✅, False ❌, None unmarked


@dataclass(frozen=True)
class StageValue:
    """A normalised stage cell: the current stage, an outcome it implies, and any path."""

    stage: str | None
    outcome: str | None
    path: tuple[Step, ...] = ()


def _strip_marks(token: str, settings: Settings) -> tuple[str, bool | None]:
    token = token.strip()
    for mark in settings.pass_marks:
        if token.endswith(mark) and token != mark:
            return token[: -len(mark)].strip(), True
    for mark in settings.fail_marks:
        if token.endswith(mark) and token != mark:
            return token[: -len(mark)].strip(), False
    return token, None


def parse_stage(text: str, settings: Settings) -> StageValue:
    """Normalise a stage cell, accepting aliases and path notation.

    Raises :class:`BadValue` whose ``args[1]`` is the unknown part (for did-you-mean).
    """
    direct = settings.resolve(text)
    if direct is not None:
        return StageValue(direct.stage, direct.outcome)
    tokens = [text]
    for sep in settings.path_separators:
        tokens = [piece for tok in tokens for piece in tok.split(sep)]
    steps: list[Step] = []
    outcome: str | None = None
    for tok in tokens:
        if not tok.strip():
            continue
        label, passed = _strip_marks(tok, settings)
        alias = settings.resolve(label)
        if alias is None or alias.stage is None:
            raise BadValue("未知阶段 unknown stage", label)
        if alias.outcome:
            outcome = alias.outcome
        steps.append(Step(alias.stage, passed))
    if not steps:
        raise BadValue("未知阶段 unknown stage", text)
    if steps[-1].passed is False:
        outcome = "挂" if "挂" in settings.outcome_keys else outcome
    return StageValue(steps[-1].stage, outcome, tuple(steps) if len(steps) > 1 or steps[0].passed is not None else ())


def parse_outcome(text: str, settings: Settings) -> str:
    alias = settings.resolve(text)
    if alias is None or alias.outcome is None:
        raise BadValue("未知结局 unknown outcome", text)
    return alias.outcome


def folded(text: str) -> str:
    return fold(text)
