"""Problems found in the data, reported all at once as ``path:line: column: message``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem in one cell (or row, when ``column`` is empty).

    ``message`` is the Chinese text followed by the English key; ``value``,
    ``expected`` and ``suggestion`` are appended by :meth:`format`.
    """

    severity: str
    path: str
    line: int
    column: str
    message: str
    value: str | None = None
    expected: str | None = None
    suggestion: str | None = None

    def format(self) -> str:
        text = self.message
        if self.value is not None:
            text += f" '{self.value}'"
        if self.expected:
            text += f" — 应为 expected {self.expected}"
        if self.suggestion:
            text += f"; 你是不是想写 did you mean '{self.suggestion}'?"
        return f"{self.path}:{self.line}: {self.column or '-'}: {text}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def suggest(value: str, candidates: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The closest candidate to ``value``, for did-you-mean hints."""
    pool = list(candidates)
    best = difflib.get_close_matches(value, pool, n=1, cutoff=cutoff)
    if best:
        return best[0]
    # Short Chinese labels: accept a candidate contained in the value or vice versa.
    for cand in pool:
        if cand and (cand in value or value in cand):
            return cand
    return None


def one_of(options: Iterable[str], limit: int = 8) -> str:
    """``one of a, b, …`` as used in expected-value hints."""
    opts = list(options)
    shown = ", ".join(opts[:limit])
    if len(opts) > limit:
        shown += ", …"
    return f"one of {shown}"


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.severity != ERROR, i.path, i.line, i.column))
