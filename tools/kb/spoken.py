"""How long a 一句话回答 is when read aloud: the number of characters a speaker actually says.

The rule is deliberately simple so an editor can count by hand:

Outside formulas
    Every letter (汉字, Latin letter), digit and symbol (``→``, ``≈``, ``×``, ``%``) counts 1.
    Whitespace and punctuation (``,。、()「」:`` …) count 0. Markdown syntax is not read:
    link targets, emphasis markers, backticks, list and quote markers, HTML tags and
    attribute lists such as ``{#id}`` count 0 (the text of a link or of inline code does count).

Inside ``$…$`` or ``$$…$$`` (a formula counts as what it reads)
    - a Latin letter, a digit or one of the operators ``+ - = < > * / !`` counts 1;
    - a Greek-letter command (``\\alpha``, ``\\Sigma``, ``\\varepsilon``) counts 1;
    - ``\\sqrt`` counts 2 (根号);
    - layout commands (``\\frac``, ``\\mathrm``, ``\\text``, ``\\left``, ``\\right``, accents such as
      ``\\hat``, spacing …), braces, ``^``, ``_``, brackets and punctuation count 0 — the text inside
      ``\\text{…}`` counts like any letters;
    - every other command (``\\sum``, ``\\log``, ``\\approx``, ``\\times``, ``\\le`` …) counts 1,
      one spoken word or symbol.
"""

from __future__ import annotations

import re
import unicodedata

GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
    "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma",
    "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
}  # fmt: skip
LAYOUT = {
    "frac", "dfrac", "tfrac", "mathrm", "mathbf", "mathit", "mathcal", "mathbb", "boldsymbol", "bm",
    "text", "textrm", "textbf", "operatorname", "left", "right", "big", "Big", "bigg", "Bigg",
    "quad", "qquad", "displaystyle", "limits", "hat", "tilde", "bar", "overline", "underbrace",
    "begin", "end", "mathsf", "mathtt",
}  # fmt: skip
MATH_OPERATORS = set("+-=<>*/!")
MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\n]+?)\$", re.DOTALL)
COMMAND = re.compile(r"\\([A-Za-z]+|.)")
LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
MARKUP = re.compile(r"<[^>\n]+>|\{[#.:][^}]*\}|\[\^[^\]]+\]")
LINE_MARKER = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)", re.MULTILINE)


def math_length(tex: str) -> int:
    """Characters read aloud for the TeX source of one formula (without the dollars).

    >>> math_length(r"\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})")  # softmax Q K ⊤ / 根号 d k
    15
    >>> math_length(r"\\frac{1}{2}\\alpha")
    3
    >>> math_length(r"x \\in \\mathbb{R}^{n}")  # x ∈ R n
    4
    """
    count = 0
    position = 0
    for match in COMMAND.finditer(tex):
        count += _plain_math(tex[position : match.start()])
        name = match.group(1)
        if name == "sqrt":
            count += 2
        elif name in GREEK:
            count += 1
        elif name in LAYOUT or not name.isalpha():
            count += 0  # layout, spacing (\, \;) and escaped characters (\{ \%) are not read
        else:
            count += 1
        position = match.end()
    return count + _plain_math(tex[position:])


def _plain_math(text: str) -> int:
    """TeX outside commands: ASCII letters, digits and operators are read; so is any non-ASCII letter or symbol."""
    count = 0
    for char in text:
        if char.isascii():
            count += char.isalnum() or char in MATH_OPERATORS
        else:
            count += _is_read(char)
    return count


def _is_read(char: str) -> bool:
    """Letters, digits and symbols are read; punctuation, spaces and control characters are not."""
    if char == "%":
        return True
    return unicodedata.category(char)[0] in "LNS" and char not in "`*_~^|"


def spoken_length(markdown: str) -> int:
    """Characters read aloud in a Markdown fragment (see the module docstring for the rule).

    >>> spoken_length("注意力是**加权平均**。")
    8
    >>> spoken_length("见 [FlashAttention](../llm/flash-attention.md#io),显存 O(N)。")  # 见 + FlashAttention + 显存 + O N
    19
    >>> spoken_length("- 用 `torch.sum`\\n- 缩放 $1/\\\\sqrt{d_k}$")
    17
    >>> spoken_length("LoRA 把 $\\\\Delta W$ 写成 $BA$,r=8 时约 0.5% 参数。")
    21
    """
    count = 0
    position = 0
    for match in MATH.finditer(markdown):
        count += _text_length(markdown[position : match.start()])
        count += math_length(match.group("display") or match.group("inline"))
        position = match.end()
    return count + _text_length(markdown[position:])


def _text_length(text: str) -> int:
    text = LINK.sub(lambda match: match.group("text"), text)
    text = MARKUP.sub("", text)
    text = LINE_MARKER.sub("", text)
    return sum(1 for char in text if _is_read(char))
