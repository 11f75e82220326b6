"""Charts on static pages: a placeholder element plus the figure as inline JSON.

The data sits in the page (``fetch`` is blocked on ``file://``); ``assets/javascripts/charts.js``
draws it with the plotly bundle copied from the plotly wheel, and only pages that contain a
chart load that bundle (see :func:`page_has_chart` and ``overrides/main.html``). Every chart
is followed on the page by a table or text with the same numbers, for screen readers and for
readers without JavaScript; the caller writes that part.
"""

from __future__ import annotations

import json
from html import escape

CHART_CLASS = "hb-chart"


def chart_block(chart_id: str, figure: dict, caption: str) -> str:
    """HTML for one chart. ``figure`` is a plotly figure dict: ``{"data": [...], "layout": {...}}``.

    The JSON is safe inside ``<script>``: ``<``, ``>`` and ``&`` are written as Unicode
    escapes, so a string such as ``</script>`` in the data cannot end the element.

    The figure is named by its caption (``aria-labelledby``). The plotly element itself gets no
    role: ``role="img"`` would hide plotly's buttons (zoom, download) inside an image, which is
    invalid (axe: nested-interactive). charts.js hides plotly's drawing from screen readers,
    because the table that follows every chart carries the same numbers.

    >>> print(chart_block("c1", {"data": [{"type": "bar", "x": ["</script>"], "y": [1]}]}, "图 <1>"))
    <figure class="hb-chart-figure" aria-labelledby="c1-caption"><div class="hb-chart" id="c1" data-figure="c1-figure"></div><script type="application/json" id="c1-figure">{"data": [{"type": "bar", "x": ["\\u003c/script\\u003e"], "y": [1]}]}</script><figcaption id="c1-caption">图 &lt;1&gt;</figcaption></figure>
    """
    element_id = escape(chart_id, quote=True)
    label = escape(caption, quote=True)
    return (
        f'<figure class="hb-chart-figure" aria-labelledby="{element_id}-caption">'
        f'<div class="{CHART_CLASS}" id="{element_id}" data-figure="{element_id}-figure"></div>'
        f"{json_script(chart_id + '-figure', figure)}"
        f'<figcaption id="{element_id}-caption">{label}</figcaption></figure>'
    )


def json_script(element_id: str, value: object) -> str:
    """``value`` as JSON inside ``<script type="application/json">``, safe for any string in it:
    ``<``, ``>`` and ``&`` are written as Unicode escapes, so ``</script>`` cannot end the element.

    >>> print(json_script("x", ["</script>"]))
    <script type="application/json" id="x">["\\u003c/script\\u003e"]</script>
    """
    payload = json.dumps(value, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{escape(element_id, quote=True)}">{payload}</script>'


def chart_text(value: object) -> str:
    """A string from the data as plotly text: plotly reads ``<a href>``, ``<b>``, ``<span style>``
    and entities in labels as markup (a company name could add a link to a chart), so ``&``,
    ``<`` and ``>`` are given as entities, which plotly shows as the characters themselves.

    >>> chart_text('<a href="https://x.example">x</a> & co')
    '&lt;a href="https://x.example"&gt;x&lt;/a&gt; &amp; co'
    """
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page_has_chart(page_html: str) -> bool:
    """Whether a rendered page needs the chart scripts."""
    return f'class="{CHART_CLASS}"' in page_html
