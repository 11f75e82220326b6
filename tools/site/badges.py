"""Badges under a knowledge-base page's title, from its front matter."""

from __future__ import annotations

from html import escape

DIFFICULTY_LABELS = {1: "难度 ★ 基础", 2: "难度 ★★ 进阶", 3: "难度 ★★★ 深入"}


def badges_html(meta: dict) -> str:
    """HTML for the badges of a page, or '' for pages without a difficulty (not Q&A pages).

    >>> badges_html({"difficulty": 2, "high_frequency": True, "companies": ["字节跳动", "<b>"]})
    '<div class="hb-page-meta"><span class="hb-badge">难度 ★★ 进阶</span><span class="hb-badge hb-badge--hot">高频</span><span class="hb-badge">被问到:字节跳动、&lt;b&gt;</span></div>'
    """
    if meta.get("difficulty") not in DIFFICULTY_LABELS:
        return ""
    badges = [("hb-badge", DIFFICULTY_LABELS[meta["difficulty"]])]
    if meta.get("high_frequency") is True:
        badges.append(("hb-badge hb-badge--hot", "高频"))
    companies = [str(c) for c in meta.get("companies") or []]
    if companies:
        badges.append(("hb-badge", "被问到:" + "、".join(companies)))
    if meta.get("reviewed"):
        badges.append(("hb-badge", f"核对于 {meta['reviewed']}"))
    spans = "".join(f'<span class="{css}">{escape(text)}</span>' for css, text in badges)
    return f'<div class="hb-page-meta">{spans}</div>'


def insert_after_title(page_html: str, fragment: str) -> str:
    """Put ``fragment`` right after the page's first ``</h1>`` (or first, if there is none)."""
    if not fragment:
        return page_html
    marker = "</h1>"
    position = page_html.find(marker)
    if position == -1:
        return fragment + page_html
    position += len(marker)
    return page_html[:position] + fragment + page_html[position:]
