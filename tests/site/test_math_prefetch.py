"""The one-pandoc warm-up of the formula cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.site import math, math_cache, math_prefetch
from tools.site.math import Formula


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))


def test_formulas_in_markdown_skips_code_and_finds_every_delimiter() -> None:
    text = "行内 $a_1$ 与 \\(b^2\\),价格 5 $ 和 6 $ 不是公式\n\n$$\nc=d\n$$\n\n\\[e\\]\n\n`$x$`\n\n```python\nf'${y}$'\n```\n"
    found = [(f.tex, f.display) for f in math_prefetch.formulas_in_markdown(text)]
    assert found == [("\nc=d\n", True), ("e", True), ("a_1", False), ("b^2", False)]


def test_convert_missing_gives_what_the_page_conversion_would_and_skips_bad_tex() -> None:
    good, bad = Formula("x^2", False), Formula("\\frac{a}{", False)
    key = math_cache.cache_key(math._pandoc_version(), False, "x^2")
    assert math.convert_missing([good, bad, good]) == {key: math._convert((good,))[0]}
    assert math_cache.read_now(key) == math._convert((good,))[0]  # known to this process
    assert math.convert_missing([good]) == {}  # already known: pandoc not started


def test_background_prefetch_scans_a_folder_once_and_hands_over_what_it_converted(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "kb").mkdir(parents=True)
    (docs / "kb" / "a.md").write_text("$y=1$ 与 $$z$$", encoding="utf-8")
    handed: list[dict[str, str]] = []
    prefetch = math_prefetch.BackgroundPrefetch()
    assert prefetch.start(docs, handed.append) is True
    prefetch.finish()
    version = math._pandoc_version()
    assert [set(converted) for converted in handed] == [{math_cache.cache_key(version, False, "y=1"), math_cache.cache_key(version, True, "z")}]
    (docs / "kb" / "b.md").write_text("$w$", encoding="utf-8")
    assert prefetch.start(docs, handed.append) is False
    assert len(handed) == 1
