"""The Anki deck (.apkg) of the handbook: one note per page and one per 追问.

Note GUIDs come from the item key (page path + question id), never from the text, so a newer
deck imported over an older one updates the same notes. Formulas stay TeX inside ``\\( … \\)``
and ``\\[ … \\]``, which Anki's own MathJax renders; links and diagrams are dropped because they
point into the site.
"""

from __future__ import annotations

import functools
import io
import re
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

import genanki
import markdown

from tools.study.catalogue import StudyPage

# Fixed ids: Anki identifies the note type and the deck by them across imports.
MODEL_ID = 1_620_150_001
DECK_ID = 1_620_150_002
DECK_NAME = "算法岗求职手册"
FIELDS = ("Question", "Answer", "Source")

_CARD_CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; line-height: 1.5; }
.hb-source { color: #888; font-size: 13px; margin-top: 1em; }
code { background: rgba(127,127,127,.15); padding: 0 .2em; border-radius: 3px; }"""

MODEL = genanki.Model(
    MODEL_ID,
    "算法岗求职手册 问答",
    fields=[{"name": name} for name in FIELDS],
    templates=[
        {
            "name": "问 → 答",
            "qfmt": "{{Question}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}<div class="hb-source">{{Source}}</div>',
        }
    ],
    css=_CARD_CSS,
)

_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.DOTALL)
_FIGURE = re.compile(r"<figure\b.*?</figure>", re.DOTALL)
_SNIPPET = re.compile(r"^\s*-{1,2}8<-{1,2}.*$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\s*\{[:#.][^}]*\}\s*$", re.MULTILINE)


def markdown_to_anki(text: str) -> str:
    """HTML for an Anki field: formulas as ``\\( … \\)``, links reduced to their text.

    >>> markdown_to_anki("除以 $\\\\sqrt{d_k}$,见[注意力](attention.md#a)。")
    '<p>除以 <span class="arithmatex">\\\\(\\\\sqrt{d_k}\\\\)</span>,见注意力。</p>'
    """
    text = _FIGURE.sub("", _SNIPPET.sub("", text))
    html = _converter().reset().convert(text)
    return _LINK.sub(r"\1", html)


@functools.cache
def _converter() -> markdown.Markdown:
    # One converter, reset between texts: building one per note took seconds per deck.
    return markdown.Markdown(
        extensions=["tables", "attr_list", "md_in_html", "admonition", "pymdownx.arithmatex", "pymdownx.superfences", "pymdownx.details"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )


def inline_to_anki(text: str) -> str:
    """A one-line Markdown title without the surrounding ``<p>``."""
    html = markdown_to_anki(_ATTR_LIST.sub("", text))
    return html.removeprefix("<p>").removesuffix("</p>")


def tag(text: str) -> str:
    """Anki tags cannot contain spaces.

    >>> tag("Hot 100"), tag("字节跳动")
    ('Hot_100', '字节跳动')
    """
    return "_".join(text.split())


def page_tags(page: StudyPage) -> list[str]:
    """
    >>> from tools.study.catalogue import StudyPage
    >>> page_tags(StudyPage("kb/llm/a", "kb/llm", "t", 2, True, ("字节跳动",), (), ""))
    ['section::kb::llm', 'difficulty::2', '高频', 'company::字节跳动']
    """
    tags = ["section::" + page.section.replace("/", "::")]
    if page.difficulty is not None:
        tags.append(f"difficulty::{page.difficulty}")
    if page.high_frequency:
        tags.append("高频")
    tags += [f"company::{tag(c)}" for c in page.companies]
    return tags


def note_guid(item_key: str) -> str:
    """Anki's GUID for an item, from its key only.

    >>> note_guid("kb/llm/attention") == note_guid("kb/llm/attention"), note_guid("kb/llm/attention") == note_guid("kb/llm/rope")
    (True, False)
    """
    return genanki.guid_for("algo-job-handbook", item_key)


def deck_notes(pages: Iterable[StudyPage]) -> list[genanki.Note]:
    """A note per knowledge-base page (title → 一句话回答) and per 追问 (question → answer)."""
    notes = []
    for page in pages:
        if page.kind != "kb" or not page.answer_md:
            continue
        tags = page_tags(page)
        source = f"{page.title}({page.key})"
        notes.append(
            genanki.Note(model=MODEL, fields=[inline_to_anki(page.title), markdown_to_anki(page.answer_md), source], tags=tags, guid=note_guid(page.key))
        )
        for question in page.questions:
            notes.append(
                genanki.Note(
                    model=MODEL,
                    fields=[inline_to_anki(question.title), markdown_to_anki(question.answer_md), source],
                    tags=tags + ["追问"],
                    guid=note_guid(f"{page.key}#{question.id}"),
                )
            )
    return notes


def build_deck(pages: Iterable[StudyPage], timestamp: float = 1_767_225_600.0) -> bytes:
    """The .apkg file's bytes. A fixed timestamp keeps builds reproducible."""
    deck = genanki.Deck(DECK_ID, DECK_NAME, description="算法岗求职手册的知识库:每页一张「一句话回答」卡,每个追问一张卡。")
    for note in deck_notes(pages):
        deck.add_note(note)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path), timestamp=timestamp)
        return _dated(path.read_bytes(), timestamp)


def _dated(package: bytes, timestamp: float) -> bytes:
    """The package with each zip entry dated ``timestamp`` (UTC): genanki gives them the time of
    writing, so two builds of the same deck differed in those bytes alone."""
    when = time.gmtime(timestamp)[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            dated = zipfile.ZipInfo(entry.filename, date_time=when)
            dated.compress_type, dated.external_attr = entry.compress_type, entry.external_attr
            target.writestr(dated, source.read(entry))
    return out.getvalue()
