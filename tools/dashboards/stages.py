"""What the configured stages and outcomes mean for the dashboards (read from settings.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from tools.tracker.settings import Settings

TEST_PHASE = "笔试测评"
INTERVIEW_PHASE = "面试"
RESULT_PHASE = "结果"
REJECTED = "挂"


@dataclass(frozen=True)
class StageMap:
    """Ranks and groups of stages, derived once from the settings."""

    rank: dict[str, int]
    phase: dict[str, str]
    first_rank: dict[str, int]  # phase -> rank of its first stage
    offer_stages: frozenset[str]  # result-phase stages after the first (OC, 意向书, …)
    signed_stages: frozenset[str]  # terminal stages (已签约/三方)
    to_apply: str  # the stage before applying (待投递)
    terminal_outcomes: frozenset[str]

    @property
    def offer_rank(self) -> int:
        ranks = [self.rank[s] for s in self.offer_stages]
        return min(ranks) if ranks else len(self.rank)

    def phase_rank(self, phase: str) -> int:
        return self.first_rank.get(phase, len(self.rank))


def stage_map(settings: Settings) -> StageMap:
    """
    >>> from tools.tracker.settings import load_settings
    >>> m = stage_map(load_settings())
    >>> sorted(m.offer_stages, key=m.rank.get)[:2], m.to_apply, m.phase_rank("面试")
    (['OC', '意向书'], '待投递', 5)
    """
    rank = settings.stage_order()
    phase = {s.key: s.phase for s in settings.stages}
    first: dict[str, int] = {}
    for s in settings.stages:
        first.setdefault(s.phase, s.order)
    results = [s.key for s in settings.stages if s.phase == RESULT_PHASE]
    return StageMap(
        rank=rank,
        phase=phase,
        first_rank=first,
        offer_stages=frozenset(results[1:]),
        signed_stages=frozenset(s.key for s in settings.stages if s.terminal),
        to_apply=settings.stage_keys[0],
        terminal_outcomes=frozenset(o.key for o in settings.outcomes if o.terminal),
    )
