"""Golden files: the generated Markdown of the small fixture, private and public.

Regenerate after an intended change with ``HANDBOOK_UPDATE_GOLDEN=1 pytest tests/dashboards/test_golden.py``
and review the diff.
"""

from pathlib import Path

import pytest

from tests.golden import UPDATE, check_golden

GOLDEN = Path(__file__).parent / "golden"
PAGES = ["overview.md", "board.md", "schedule.md", "questions.md", "offers.md", "companies/index.md", "companies/c-702c213f.md",
         "mianjing/i1-4cd9b767.md"]


def _check(generated: str, name: str) -> None:
    check_golden(generated, GOLDEN / name)


@pytest.mark.parametrize("page", PAGES)
def test_golden_private_pages(small_private, page):
    _check(small_private.pages[f"tracker/{page}"], f"private/{page}")


@pytest.mark.parametrize("page", ["overview.md", "offers.md", "companies/c-702c213f.md"])
def test_golden_public_pages(small_public, page):
    _check(small_public.pages[f"tracker/{page}"], f"public/{page}")


def test_golden_page_list(small_private):
    assert sorted(small_private.pages) == [
        "tracker/board.md",
        "tracker/companies/c-455ece81.md",
        "tracker/companies/c-522d3ede.md",
        "tracker/companies/c-53874092.md",
        "tracker/companies/c-702c213f.md",
        "tracker/companies/c-82eaaba8.md",
        "tracker/companies/c-cd636247.md",
        "tracker/companies/index.md",
        "tracker/mianjing/i1-4cd9b767.md",
        "tracker/mianjing/i2-420fce31.md",
        "tracker/mianjing/i3-9a83c6cb.md",
        "tracker/mianjing/i4-6ed50459.md",
        "tracker/offers.md",
        "tracker/overview.md",
        "tracker/questions.md",
        "tracker/schedule.md",
    ]
    assert list(small_private.files) == ["tracker/upcoming.ics"]


def test_golden_calendar_file(small_private):
    path = GOLDEN / "private" / "upcoming.ics"
    if UPDATE:
        path.write_bytes(small_private.files["tracker/upcoming.ics"])
    assert small_private.files["tracker/upcoming.ics"] == path.read_bytes()
