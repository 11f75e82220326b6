"""What the build adds to the site for the study loop, computed without MkDocs.

- on every study page: the 未学 / 模糊 / 掌握 control, a key on each 追问 fold and, in a private
  build only, where the user's own interviews asked this page's topics;
- on section index pages: a progress block listing the section's pages;
- on the study pages (``study/*.md``): the JSON catalogue the review and mock-interview scripts read;
- the Anki deck ``study/handbook.apkg``.

The browser scripts (``docs/assets/javascripts/study*.js``) read only data attributes and the
``<script type="application/json">`` catalogue, so no inline script is needed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath

from tools.study.anki import build_deck
from tools.study.catalogue import StudyPage, is_study_path, load_catalogue, section_titles

DECK_PATH = "study/handbook.apkg"
CATALOGUE_ID = "hb-study-catalogue"
MARKS = (("new", "未学"), ("fuzzy", "模糊"), ("known", "掌握"))
_DETAILS = re.compile(r'<details class="question"')
_MATH_TEXT = re.compile(r"\$+([^$]+)\$+")


@dataclass(frozen=True)
class InterviewNote:
    """Where the user's own interviews asked a page's topics (private builds only)."""

    asked: tuple[str, ...]  # "字节跳动 · 一面"
    stuck: tuple[str, ...]  # the subset of rounds with a 卡壳 note

    def text(self) -> str:
        """
        >>> InterviewNote(("字节跳动 · 一面", "淘天 · 二面"), ("字节跳动 · 一面",)).text()
        '字节跳动 · 一面问过,当时卡壳;淘天 · 二面问过'
        """
        return ";".join(f"{label}问过,当时卡壳" if label in self.stuck else f"{label}问过" for label in self.asked)


@dataclass
class StudySite:
    pages: list[StudyPage]
    sections: dict[str, str]  # section key -> title
    interviews: dict[str, InterviewNote] = field(default_factory=dict)  # page key -> note
    problems: list[str] = field(default_factory=list)

    def by_key(self) -> dict[str, StudyPage]:
        return {page.key: page for page in self.pages}


def interview_notes(
    pages: list[StudyPage], asked_by_topic: dict[str, list[str]], stuck_by_topic: dict[str, list[str]]
) -> dict[str, InterviewNote]:
    """Page key → the rounds that asked any of its topics, stuck ones marked.

    >>> from tools.study.catalogue import StudyPage
    >>> page = StudyPage("kb/llm/a", "kb/llm", "t", 2, False, (), ("A05", "A06"), "")
    >>> interview_notes([page], {"A05": ["字节跳动 · 一面"], "A06": ["字节跳动 · 一面", "淘天 · 二面"]}, {"A06": ["淘天 · 二面"]})
    {'kb/llm/a': InterviewNote(asked=('字节跳动 · 一面', '淘天 · 二面'), stuck=('淘天 · 二面',))}
    """
    notes = {}
    for page in pages:
        asked = [label for topic in page.topics for label in asked_by_topic.get(topic, [])]
        stuck = [label for topic in page.topics for label in stuck_by_topic.get(topic, [])]
        if asked:
            notes[page.key] = InterviewNote(tuple(dict.fromkeys(asked)), tuple(dict.fromkeys(stuck)))
    return notes


def prepare_study(
    docs_dir: Path, asked_by_topic: dict[str, list[str]] | None = None, stuck_by_topic: dict[str, list[str]] | None = None
) -> StudySite:
    """The catalogue of the docs; pass interview data only for a private build."""
    pages = load_catalogue(docs_dir)
    sections = section_titles(docs_dir, sorted({page.section for page in pages}))
    return with_interviews(StudySite(pages, sections), asked_by_topic, stuck_by_topic)


def with_interviews(
    site: StudySite, asked_by_topic: dict[str, list[str]] | None, stuck_by_topic: dict[str, list[str]] | None
) -> StudySite:
    """A new site over the same catalogue with these interview notes and no problems yet
    (``mkdocs serve`` keeps the catalogue between builds while the docs are unchanged)."""
    return StudySite(site.pages, site.sections, interview_notes(site.pages, asked_by_topic or {}, stuck_by_topic or {}))


def study_files(site: StudySite) -> dict[str, bytes]:
    return {DECK_PATH: build_deck(site.pages)}


def plain_title(markdown_title: str) -> str:
    """A title as text: backticks and dollar signs removed.

    >>> plain_title("为什么 `softmax` 要减 $\\\\max$?")
    '为什么 softmax 要减 \\\\max?'
    """
    return _MATH_TEXT.sub(r"\1", markdown_title.replace("`", ""))


def mark_control(page: StudyPage) -> str:
    """The page-level control: real buttons with aria-pressed; the script wires them."""
    buttons = "".join(
        f'<button type="button" class="hb-study__mark hb-study__mark--{value}" data-hb-mark="{value}" aria-pressed="false">{label}</button>'
        for value, label in MARKS
    )
    return (
        f'<div class="hb-study" data-hb-study="{escape(page.key)}" data-hb-title="{escape(plain_title(page.title))}" '
        f'data-hb-section="{escape(page.section)}" role="group" aria-label="掌握程度">'
        f'<span class="hb-study__label">掌握程度</span>{buttons}<span class="hb-study__due" aria-live="polite"></span>'
        '<button type="button" class="hb-study__selftest" aria-pressed="false">自测模式</button></div>'
    )


def interview_html(note: InterviewNote) -> str:
    css = "hb-asked-me hb-asked-me--stuck" if note.stuck else "hb-asked-me"
    return f'<p class="{css}" data-hb-interview>你的面试:{escape(note.text())}</p>'


def key_questions(html: str, page: StudyPage) -> tuple[str, str | None]:
    """Give the n-th ``<details class="question">`` the key (and, as its id, the anchor) of the page's n-th 追问.

    Returns the HTML and a problem when the counts differ (then no fold gets a key).
    """
    found = len(_DETAILS.findall(html))
    if found != len(page.questions):
        return html, f"{page.key}: {found} 个追问折叠块,源文件里有 {len(page.questions)} 个 found {found} question folds, expected {len(page.questions)}"
    questions = iter(page.questions)

    def keyed(_: re.Match[str]) -> str:
        qid = next(questions).id
        return f'<details class="question" id="{qid}" data-hb-study="{escape(page.key)}#{qid}"'

    return _DETAILS.sub(keyed, html), None


def progress_html(section: str, keys: list[str]) -> str:
    """The progress block of a section index page; the script counts the marks in the browser."""
    return (
        f'<div class="hb-progress" data-hb-progress="{escape(section)}" data-hb-keys="{escape(" ".join(keys))}">'
        f'<p class="hb-progress__text">本部分 {len(keys)} 页的学习进度保存在这个浏览器里。</p>'
        f'<progress class="hb-progress__bar" max="{len(keys)}" value="0"></progress></div>'
    )


def catalogue_json(site: StudySite) -> str:
    """Every page and 追问 with what the mock interview weighs by; safe inside ``<script>``."""
    items = []
    for page in site.pages:
        note = site.interviews.get(page.key)
        base = {"s": page.section, "d": page.difficulty or 0, "h": int(page.high_frequency), "c": list(page.companies)}
        if note:
            base |= {"i": note.text(), "x": int(bool(note.stuck))}
        items.append({"k": page.key, "t": plain_title(page.title), **base})
        for question in page.questions:
            items.append({"k": f"{page.key}#{question.id}", "t": plain_title(question.title), "p": plain_title(page.title), **base})
    data = {"version": 1, "sections": site.sections, "items": items}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def insert_after_header(html: str, fragment: str) -> str:
    """After the page's badges if it has them, else after its first ``</h1>``."""
    for marker in ('<div class="hb-page-meta">', "</h1>"):
        position = html.find(marker)
        if position == -1:
            continue
        if marker == "</h1>":
            position += len(marker)
        else:
            position = html.find("</div>", position) + len("</div>")
        return html[:position] + fragment + html[position:]
    return fragment + html


def section_keys(site: StudySite, section: str) -> list[str]:
    return [page.key for page in site.pages if page.section == section or page.section.startswith(section + "/")]


def page_html(site: StudySite, src_uri: str, html: str) -> str:
    """The study additions for one rendered page (unchanged for other pages)."""
    path = PurePosixPath(src_uri)
    if is_study_path(src_uri):
        page = site.by_key().get(path.with_suffix("").as_posix())
        if page is None:
            return html
        html, problem = key_questions(html, page)
        if problem:
            site.problems.append(problem)
        note = site.interviews.get(page.key)
        return insert_after_header(html, mark_control(page) + (interview_html(note) if note else ""))
    if path.name == "index.md" and path.parts[0] in ("kb", "code") and len(path.parts) <= 3:
        section = path.parent.as_posix()
        keys = section_keys(site, section)
        return insert_after_header(html, progress_html(section, keys)) if keys else html
    if path.parts[0] == "study":
        return html + f'<script type="application/json" id="{CATALOGUE_ID}">{catalogue_json(site)}</script>'
    return html
