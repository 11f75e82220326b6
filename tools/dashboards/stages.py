"""What the configured stages and outcomes mean for the dashboards (read from settings.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tools.tracker.settings import Settings
from tools.tracker.state import StageFacts, stage_facts

TEST_PHASE = "笔试测评"
INTERVIEW_PHASE = "面试"
RESULT_PHASE = "结果"
REJECTED = "挂"


@dataclass(frozen=True)
class StageMap(StageFacts):
    """Ranks and groups of stages, derived once from the settings: the tracker's
    :class:`~tools.tracker.state.StageFacts` (the one offer definition) plus phases."""

    phase: dict[str, str] = field(default_factory=dict)
    first_rank: dict[str, int] = field(default_factory=dict)  # phase -> rank of its first stage

    def phase_rank(self, phase: str) -> int:
        return self.first_rank.get(phase, len(self.rank))


def stage_map(settings: Settings) -> StageMap:
    """
    >>> from tools.tracker.settings import load_settings
    >>> m = stage_map(load_settings())
    >>> sorted(m.offer_stages, key=m.rank.get)[:2], m.to_apply, m.phase_rank("面试")
    (['OC', '意向书'], '待投递', 5)
    """
    first: dict[str, int] = {}
    for s in settings.stages:
        first.setdefault(s.phase, s.order)
    return StageMap(**vars(stage_facts(settings)), phase={s.key: s.phase for s in settings.stages}, first_rank=first)
