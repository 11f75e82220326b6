from pathlib import Path

import pytest

from tools.tracker import paths


def test_data_dir_prefers_the_users_own_folder_once_initialised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HANDBOOK_DATA", raising=False)
    mine = tmp_path / "mine"
    monkeypatch.setattr(paths, "OWN_DATA_DIR", mine)
    assert paths.data_dir() == paths.REPO_ROOT / "data"  # no own folder yet: the demo
    mine.mkdir()
    assert paths.data_dir() == paths.REPO_ROOT / "data"  # an empty folder is not a tracker
    (mine / "settings.yaml").write_text("stale_days: 21\n", encoding="utf-8")
    assert paths.data_dir() == mine
    monkeypatch.setenv("HANDBOOK_DATA", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"  # the environment still wins


def test_data_dir_own_folder_is_git_ignored() -> None:
    ignored = (paths.REPO_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "data/mine/" in ignored
