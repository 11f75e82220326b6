"""Where every attempt went: the season as a Sankey of phases and endings.

Each attempt (a re-entry after 被捞 is a second attempt of the same application) becomes a
path 投递 / 再次投递 → 笔试/测评 → 面试 → Offer → ending, using only the phases its history
actually visited, so skipping a test draws 投递 → 面试 directly. The ending separates the
ways a job hunt really ends: 简历挂, 笔试挂, 面试挂, 无回应, 拒offer, 已签约, still open….
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from .stages import INTERVIEW_PHASE, REJECTED, RESULT_PHASE, TEST_PHASE, StageMap

START = "投递"
RESTART = "再次投递(被捞)"
TEST = "笔试/测评"
INTERVIEW = "面试"
OFFER = "Offer"
OPEN = "进行中"
SIGNED = "已签约"
DECLINED = "拒offer"
REJECTED_AT = {"投递": "简历挂", "筛选": "简历挂", TEST_PHASE: "笔试挂", INTERVIEW_PHASE: "面试挂", RESULT_PHASE: "评估挂"}
PATH_NODES = (START, RESTART, TEST, INTERVIEW, OFFER)


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    count: int


def ending(furthest: str | None, outcome: str | None, stages: StageMap) -> str:
    """The end node of one attempt.

    >>> from tools.tracker.settings import load_settings
    >>> from tools.dashboards.stages import stage_map
    >>> m = stage_map(load_settings())
    >>> ending("简历筛选", "挂", m), ending("一面", "挂", m), ending("OC", None, m), ending("已签约/三方", None, m)
    ('简历挂', '面试挂', '进行中', '已签约')
    """
    if furthest in stages.signed_stages:
        return SIGNED
    if outcome == REJECTED:
        return REJECTED_AT.get(stages.phase.get(furthest or "", ""), "简历挂")
    if isinstance(outcome, str) and outcome in stages.terminal_outcomes:
        return outcome
    return OPEN


def attempt_paths(history: pd.DataFrame, attempts: pd.DataFrame, stages: StageMap) -> list[list[str]]:
    """One node path per attempt that got past 待投递."""
    visited: dict[tuple[str, int], set[str]] = {}
    for app, attempt, stage in zip(history["application"], history["attempt"], history["stage"]):
        if isinstance(stage, str):
            visited.setdefault((app, int(attempt)), set()).add(stage)
    paths = []
    for row in attempts.itertuples(index=False):
        seen = visited.get((row.application, int(row.attempt)), set())
        if not seen or seen <= {stages.to_apply}:
            continue
        phases = {stages.phase.get(s) for s in seen}
        path = [START if int(row.attempt) == 1 else RESTART]
        if TEST_PHASE in phases:
            path.append(TEST)
        if INTERVIEW_PHASE in phases:
            path.append(INTERVIEW)
        end = ending(row.furthest, row.outcome if isinstance(row.outcome, str) else None, stages)
        if seen & stages.offer_stages or end in (SIGNED, DECLINED):  # no declining without an offer
            path.append(OFFER)
        path.append(end)
        paths.append(path)
    return paths


def flows(paths: list[list[str]]) -> list[Flow]:
    """Counted links between consecutive nodes, in node order then by size.

    >>> flows([["投递", "简历挂"], ["投递", "面试", "面试挂"], ["投递", "面试", "面试挂"]])
    [Flow(source='投递', target='面试', count=2), Flow(source='投递', target='简历挂', count=1), Flow(source='面试', target='面试挂', count=2)]
    """
    counter: Counter[tuple[str, str]] = Counter()
    for path in paths:
        for a, b in zip(path, path[1:]):
            counter[(a, b)] += 1
    order = {n: i for i, n in enumerate(PATH_NODES)}
    return [
        Flow(a, b, n)
        for (a, b), n in sorted(counter.items(), key=lambda kv: (order.get(kv[0][0], 99), -kv[1], kv[0][1]))
    ]


def endings(paths: list[list[str]]) -> list[tuple[str, int]]:
    """How many attempts ended at each end node, largest first."""
    counts = Counter(path[-1] for path in paths)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
