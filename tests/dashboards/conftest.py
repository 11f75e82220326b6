from datetime import date
from pathlib import Path

import pytest

from tools.dashboards.applications import application_table
from tools.dashboards.site import GeneratedTracker, generate_tracker_site
from tools.dashboards.stages import stage_map
from tools.tracker.tracker import load_tracker

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small"
TODAY = date(2026, 11, 23)
# Fixed knowledge-base mapping so golden files do not change when pages are added.
KB_PAGES = {"A02": ["kb/llm/attention.md"], "A05": ["kb/llm/attention-variants.md"], "A33": ["kb/llm/vit-dit.md"]}
TITLES = {"A02": "注意力公式", "A05": "MHA / MQA / GQA", "A32": "多模态", "A33": "ViT 与 DiT"}


def generate(data: Path, public: bool = False, anonymise: bool = False) -> GeneratedTracker:
    return generate_tracker_site(data, public=public, anonymise=anonymise, today=TODAY, pages_by_topic=KB_PAGES, topic_titles=TITLES)


@pytest.fixture(scope="session")
def small_private() -> GeneratedTracker:
    return generate(SMALL)


@pytest.fixture(scope="session")
def small_public() -> GeneratedTracker:
    return generate(SMALL, public=True)


@pytest.fixture(scope="session")
def loaded():
    """The small fixture loaded: (tracker, stage map, application table)."""
    t = load_tracker(SMALL, public=False, today=TODAY)
    stages = stage_map(t.settings)
    return t, stages, application_table(t, stages, TODAY)
