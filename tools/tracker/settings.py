"""Load ``settings.yaml``: stages, outcomes, aliases, controlled lists, private fields."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date
from pathlib import Path

import yaml

from .paths import DEFAULT_SETTINGS
from .publishing import PublicTracker, PublishingError, applications_sha256, parse_public_tracker
from .schema import TABLES

SETTINGS_FILE = "settings.yaml"
PHASES = ("投递", "筛选", "笔试测评", "面试", "结果")


class SettingsError(ValueError):
    """The settings file itself is unusable (reported without a traceback)."""


@dataclass(frozen=True)
class Stage:
    key: str
    en: str
    order: int
    phase: str
    terminal: bool


@dataclass(frozen=True)
class Outcome:
    key: str
    en: str
    terminal: bool


@dataclass(frozen=True)
class Alias:
    stage: str | None
    outcome: str | None


_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Comparison form of a label: NFKC (full-width to half-width), no spaces, lower case."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class Settings:
    stages: tuple[Stage, ...]
    outcomes: tuple[Outcome, ...]
    aliases: dict[str, Alias]
    lists: dict[str, tuple[str, ...]]
    private_fields: dict[str, frozenset[str]]
    stale_days: int = 21
    path_separators: tuple[str, ...] = ("=>",)
    pass_marks: tuple[str, ...] = ("✅",)
    fail_marks: tuple[str, ...] = ("❌",)
    round_chain: tuple[str, ...] = ()
    public_tracker: PublicTracker | None = None  # what a public build shows; None = never chosen
    demo_sha256: str | None = None  # set only in the bundled demo's settings (see publishing.py)
    today: date | None = None  # the bundled demo's fixed "today" (see tools/tracker/today.py)
    source: Path | None = None
    _lookup: dict[str, Alias] = field(default_factory=dict, compare=False, repr=False)

    @property
    def stage_keys(self) -> list[str]:
        return [s.key for s in self.stages]

    @property
    def outcome_keys(self) -> list[str]:
        return [o.key for o in self.outcomes]

    def stage(self, key: str) -> Stage:
        for s in self.stages:
            if s.key == key:
                return s
        raise KeyError(key)

    def stage_order(self) -> dict[str, int]:
        return {s.key: s.order for s in self.stages}

    def resolve(self, text: str) -> Alias | None:
        """Map a typed label (key or alias, any spacing or width) to a stage and/or outcome."""
        return self._lookup.get(fold(text))

    def is_private(self, table: str, column: str) -> bool:
        return column in self.private_fields.get(table, frozenset())


def _build_lookup(stages: tuple[Stage, ...], outcomes: tuple[Outcome, ...], aliases: dict[str, Alias]) -> dict[str, Alias]:
    lookup: dict[str, Alias] = {}
    for o in outcomes:
        lookup[fold(o.key)] = Alias(None, o.key)
    for s in stages:  # a stage key wins over an outcome of the same spelling
        lookup[fold(s.key)] = Alias(s.key, None)
        lookup[fold(s.en)] = Alias(s.key, None)
    for name, alias in aliases.items():
        lookup[fold(name)] = alias
    return lookup


_TODAY_LINE = re.compile(r"^today\s*:", re.MULTILINE)


def _line_of_today(text: str | None) -> int | None:
    """1-based line of the ``today:`` key in the settings text (``None`` when unknown)."""
    if not text:
        return None
    found = _TODAY_LINE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def parse_today(value: object, where: str, line: int | None = None) -> date | None:
    """``today`` of the settings: absent or empty means the real date; otherwise an ISO date.

    >>> parse_today("2026-11-18", "settings.yaml")
    datetime.date(2026, 11, 18)
    >>> parse_today("18.11.2026", "data/settings.yaml", 9)
    Traceback (most recent call last):
    ...
    tools.tracker.settings.SettingsError: data/settings.yaml:9: today: 日期无效 invalid date '18.11.2026' — 应为 expected YYYY-MM-DD, 例如 e.g. 2026-11-18
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        at = f"{where}:{line}" if line else where
        raise SettingsError(f"{at}: today: 日期无效 invalid date {str(value)!r} — 应为 expected YYYY-MM-DD, 例如 e.g. 2026-11-18") from None


def parse_settings(raw: object, source: Path | None = None, text: str | None = None) -> Settings:
    """Build :class:`Settings` from the loaded YAML, checking its internal consistency.

    ``text`` (the file's content) lets messages name the line of a bad value."""
    where = str(source) if source else "settings"
    if not isinstance(raw, dict):
        raise SettingsError(f"{where}: 设置文件应为映射 settings must be a mapping")
    try:
        stages = tuple(
            Stage(str(s["key"]), str(s.get("en", s["key"])), i, str(s["phase"]), bool(s.get("terminal", False)))
            for i, s in enumerate(raw["stages"])
        )
        outcomes = tuple(
            Outcome(str(o["key"]), str(o.get("en", o["key"])), bool(o.get("terminal", True))) for o in raw["outcomes"]
        )
    except (KeyError, TypeError) as exc:
        raise SettingsError(f"{where}: stages/outcomes 缺少字段 missing field {exc}") from None
    stage_keys = {s.key for s in stages}
    outcome_keys = {o.key for o in outcomes}
    for s in stages:
        if s.phase not in PHASES:
            raise SettingsError(f"{where}: 阶段 stage '{s.key}': 未知阶段类别 unknown phase '{s.phase}'")
    aliases: dict[str, Alias] = {}
    for name, target in (raw.get("aliases") or {}).items():
        target = target or {}
        alias = Alias(target.get("stage"), target.get("outcome"))
        if alias.stage is not None and alias.stage not in stage_keys:
            raise SettingsError(f"{where}: 别名 alias '{name}': 未知阶段 unknown stage '{alias.stage}'")
        if alias.outcome is not None and alias.outcome not in outcome_keys:
            raise SettingsError(f"{where}: 别名 alias '{name}': 未知结局 unknown outcome '{alias.outcome}'")
        aliases[str(name)] = alias
    list_names = {f.choices for t in TABLES.values() for f in t.fields if f.choices}
    lists = {name: tuple(str(v) for v in raw.get(name) or ()) for name in sorted(list_names)}
    private: dict[str, frozenset[str]] = {}
    for table, cols in (raw.get("private_fields") or {}).items():
        if table not in TABLES:
            raise SettingsError(f"{where}: private_fields: 未知表 unknown table '{table}'")
        unknown = [c for c in cols if TABLES[table].get(c) is None]
        if unknown:
            raise SettingsError(f"{where}: private_fields.{table}: 未知字段 unknown field '{unknown[0]}'")
        private[table] = frozenset(cols)
    return Settings(
        stages=stages,
        outcomes=outcomes,
        aliases=aliases,
        lists=lists,
        private_fields=private,
        stale_days=int(raw.get("stale_days", 21)),
        path_separators=tuple(raw.get("path_separators") or ("=>",)),
        pass_marks=tuple(raw.get("pass_marks") or ("✅",)),
        fail_marks=tuple(raw.get("fail_marks") or ("❌",)),
        round_chain=tuple(str(r) for r in raw.get("round_chain") or () if str(r) in stage_keys),
        public_tracker=_public_tracker(raw, where),
        demo_sha256=str(raw["demo_sha256"]) if raw.get("demo_sha256") else None,
        today=parse_today(raw.get("today"), where, _line_of_today(text)),
        source=source,
        _lookup=_build_lookup(stages, outcomes, aliases),
    )


def _public_tracker(raw: dict, where: str) -> PublicTracker | None:
    """``public_tracker``; the older ``public_anonymise: true`` still means ``anonymised``."""
    try:
        chosen = parse_public_tracker(raw.get("public_tracker"), where)
    except PublishingError as exc:
        raise SettingsError(str(exc)) from None
    if chosen is None and raw.get("public_anonymise") is True:
        return "anonymised"
    return chosen


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading with dates kept as text, so a bad ``today`` gets our message, not a crash."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@lru_cache(maxsize=8)
def _parsed(path: Path, text: str) -> Settings:
    """The settings in ``text`` (read from ``path``), kept for the same path and text: a build
    reads them several times, and ``tools/dev.py serve`` once per saved file. Keeping the same
    object also keeps its strings, which tables loaded earlier share (the memo keys of
    ``tools/dashboards/memo.py`` see equal values as equal only when they are shared alike)."""
    try:
        raw = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path}: 无法读取设置 cannot read settings: {exc}") from None
    return parse_settings(raw, path, text)


def load_settings(data: Path | None = None) -> Settings:
    """Read ``<data>/settings.yaml``, falling back to the repository's ``data/settings.yaml``.

    ``today`` counts only for the unmodified demo: a folder that borrows the repository's file,
    or whose applications file no longer matches ``demo_sha256`` (a user who started editing the
    demo in place), runs on the real date."""
    path = DEFAULT_SETTINGS
    if data is not None and (data / SETTINGS_FILE).is_file():
        path = data / SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: 无法读取设置 cannot read settings: {exc}") from None
    settings = _parsed(path, text)
    folder = DEFAULT_SETTINGS.parent if data is None else data
    borrowed = path == DEFAULT_SETTINGS and folder.resolve() != DEFAULT_SETTINGS.parent.resolve()
    if settings.today is not None and (borrowed or applications_sha256(folder) != settings.demo_sha256):
        return replace(settings, today=None)
    return settings
