from __future__ import annotations

import pytest

from tools.site import math_cache
from tools.site.math import Formula, MathError, find_formulas, render_math, to_mathml


def test_find_formulas_unescapes_inline_and_display() -> None:
    html = '<p><span class="arithmatex">\\(a&lt;b\\)</span></p><div class="arithmatex">\\[\n\\frac{1}{2}\n\\]</div>'
    assert find_formulas(html) == [Formula("a<b", False), Formula("\n\\frac{1}{2}\n", True)]


def test_render_math_replaces_every_placeholder_in_order() -> None:
    html = '<span class="arithmatex">\\(x\\)</span> and <div class="arithmatex">\\[y\\]</div>'
    rendered = render_math(html)
    assert "arithmatex" not in rendered
    assert rendered.index("<mi>x</mi>") < rendered.index("<mi>y</mi>")
    assert '<div class="hb-math-display"><math display="block"' in rendered


def test_render_math_leaves_pages_without_math_untouched() -> None:
    html = "<p>没有公式 $5 的价格</p>"
    assert render_math(html) is html


@pytest.mark.parametrize(
    "tex",
    [
        r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
        r"\operatorname*{arg\,max}_y p(y)",
        r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
        r"\begin{pmatrix}\cos m\theta & -\sin m\theta\\ \sin m\theta & \cos m\theta\end{pmatrix}",
        r"f(x)=\begin{cases} x & x>0 \\ 0 & \text{否则}\end{cases}",
    ],
)
def test_to_mathml_renders_constructs_the_handbook_uses(tex: str) -> None:
    (mathml,) = to_mathml((Formula(tex, True),))
    assert mathml.startswith('<math display="block"')
    assert "<mtable" in mathml or "<mfrac" in mathml or "<munder" in mathml or "<msub" in mathml


def test_to_mathml_rejects_unknown_command_with_its_name() -> None:
    with pytest.raises(MathError) as raised:
        to_mathml((Formula(r"x + 1", False), Formula(r"\foo x", False)))
    assert str(raised.value).startswith(r"公式无法渲染 cannot render formula `\foo x`: ")
    assert "unexpected control sequence \\foo" in raised.value.reason


def test_to_mathml_rejects_missing_argument() -> None:
    with pytest.raises(MathError) as raised:
        to_mathml((Formula(r"\frac{a}", True),))
    assert raised.value.formula == Formula(r"\frac{a}", True)
    assert "unexpected eof" in raised.value.reason


def test_to_mathml_reuses_the_disk_cache_without_pandoc(tmp_path, monkeypatch) -> None:
    import tools.site.math as math_module

    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    first = to_mathml((Formula(r"a^2 + b^2", False), Formula(r"\sqrt{d_k}", True)))
    assert len(list((tmp_path / "mathml").glob("*.json"))) == 1  # one pack for the page's formulas
    assert sorted(math_cache.on_disk().values()) == sorted(first)

    def no_pandoc(formulas):
        raise AssertionError(f"pandoc started for {formulas}")

    monkeypatch.setattr(math_module, "_convert", no_pandoc)
    assert to_mathml((Formula(r"\sqrt{d_k}", True), Formula(r"a^2 + b^2", False))) == first[::-1]


def test_to_mathml_converts_only_formulas_missing_from_the_cache(tmp_path, monkeypatch) -> None:
    import tools.site.math as math_module

    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    to_mathml((Formula("x", False),))
    seen: list[tuple[Formula, ...]] = []
    real_convert = math_module._convert.__wrapped__

    def counting(formulas):
        seen.append(formulas)
        return real_convert(formulas)

    monkeypatch.setattr(math_module, "_convert", counting)
    to_mathml((Formula("x", False), Formula("y", False)))
    assert seen == [(Formula("y", False),)]
