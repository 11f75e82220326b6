"""Find an application the way people remember it: its id, or a company name and a role fragment.

``字节跳动`` finds the one open application at 字节跳动; ``字节跳动 推荐`` narrows it down by
role (or department). Closed applications are considered only when no open one matches, so
``move 字节跳动 二面 --reopen`` still finds an application that ended.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .issues import suggest
from .settings import fold


class NotFound(LookupError):
    """No application matches; ``args[0]`` is the full message."""


class Ambiguous(LookupError):
    """Several applications match; ``args[0]`` is the full message with the candidates."""


@dataclass(frozen=True)
class Found:
    index: int  # position in the applications frame
    id: str


def _label(app: pd.Series, state: pd.Series) -> str:
    status = " ".join(x for x in (state["stage"], state["outcome"]) if isinstance(x, str) and x)
    return f"  {app['id']}  {app['company']} {app['role']}  ({status})"


def find_application(apps: pd.DataFrame, states: pd.DataFrame, words: tuple[str, ...] | list[str]) -> Found:
    """The one application ``words`` names (see the module docstring).

    Raises :class:`NotFound` with a did-you-mean hint, or :class:`Ambiguous` listing the
    candidates with their ids.
    """
    query = " ".join(w.strip() for w in words if w.strip())
    ids = apps["id"].tolist()
    if query in ids:
        pos = ids.index(query)
        return Found(pos, query)
    parts = [fold(w) for w in query.split()]
    companies = apps["company"].map(lambda c: fold(c) if isinstance(c, str) else "")
    roles = (apps["role"].fillna("").astype(str) + " " + apps.get("department", pd.Series("", index=apps.index)).fillna("").astype(str)).map(fold)
    match = pd.Series(False, index=apps.index)
    if parts:
        exact = companies == parts[0]
        match = exact if exact.any() else companies.map(lambda c: bool(c) and parts[0] in c)
        for frag in parts[1:]:
            match &= roles.map(lambda r, f=frag: f in r)
    hits = [i for i, m in enumerate(match.tolist()) if m]
    open_hits = [i for i in hits if bool(states["is_open"].iloc[i])]
    chosen = open_hits or hits
    if len(chosen) == 1:
        return Found(chosen[0], ids[chosen[0]])
    if not chosen:
        names = list(dict.fromkeys([*ids, *[c for c in apps["company"] if isinstance(c, str)]]))
        hint = suggest(query, names, 0.5) if query else None
        tail = f"; 你是不是想写 did you mean '{hint}'?" if hint else ""
        raise NotFound(f"application: 找不到对应的投递 no application with this id or company '{query}'{tail}")
    lines = [_label(apps.iloc[i], states.iloc[i]) for i in chosen]
    zh, en = ("进行中的", "open ") if open_hits else ("", "")
    raise Ambiguous(
        f"application: '{query}' 匹配到 {len(chosen)} 个{zh}投递 matches {len(chosen)} {en}applications; "
        "请用编号或加上岗位关键词 use an id or add a role word:\n" + "\n".join(lines)
    )
