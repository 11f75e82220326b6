"""The README's dashboard screenshots: committed, shown, small (refresh: tools/site/screenshots.py)."""

from pathlib import Path

from tools.site.screenshots import SHOWN, TARGET, _chunks

README = Path(__file__).parents[2] / "README.md"


def test_screenshots_committed_shown_and_small():
    readme = README.read_text(encoding="utf-8")
    for name in SHOWN:
        path = TARGET / name
        assert f"(.github/screenshots/{name})" in readme, name
        assert path.stat().st_size < 150 * 1024, name
        assert [kind for kind, _ in _chunks(path.read_bytes())][0] == b"IHDR", name


def test_screenshots_have_the_tested_widths():
    for name in SHOWN:
        width = int.from_bytes(_chunks((TARGET / name).read_bytes())[0][1][:4], "big")
        assert width == int(name.rsplit("-", 1)[1].removesuffix(".png")), name
