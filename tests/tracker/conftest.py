from datetime import date
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 23)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    """A writable copy of the clean fixture tracker."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "basic", target)
    return target
