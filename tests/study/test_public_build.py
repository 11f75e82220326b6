"""A public build (HANDBOOK_PUBLIC=1) carries no mark derived from the user's interviews."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import build_site

CATALOGUE = re.compile(r'<script type="application/json" id="hb-study-catalogue">(.*?)</script>', re.DOTALL)


def test_public_build_has_no_interview_marks_in_pages_or_catalogue(tmp_path: Path) -> None:
    # The demo data publishes its tracker (public_tracker: full): the hardest case, since the
    # dashboards and the "在面试中被问到" links are public, but the study marks must not be.
    site = build_site(tmp_path / "site", {"HANDBOOK_PUBLIC": "1", "HANDBOOK_TODAY": "2026-11-23"}).path
    pages = sorted(site.rglob("*.html"))
    assert [p.name for p in pages if "data-hb-interview" in p.read_text(encoding="utf-8")] == []
    assert [p.name for p in pages if "当时卡壳" in p.read_text(encoding="utf-8")] == []
    assert 'id="asked-in-interviews"' in (site / "kb" / "ml" / "tree-feature-importance.html").read_text(encoding="utf-8")
    for name in ("index.html", "mock.html"):
        data = json.loads(CATALOGUE.search((site / "study" / name).read_text(encoding="utf-8")).group(1))
        assert data["items"] and all("i" not in item and "x" not in item for item in data["items"])
    assert (site / "study" / "handbook.apkg").stat().st_size > 100_000
