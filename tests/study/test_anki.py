"""The Anki package: a zip holding a SQLite collection; notes, fields, tags and stable GUIDs."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

from tests.study.test_catalogue import PAGE
from tools.study.anki import FIELDS, build_deck, note_guid
from tools.study.catalogue import load_catalogue, question_id

FIELD_SEPARATOR = "\x1f"


def notes_of(package: bytes, tmp_path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """GUID → (fields, tags) read straight from the package's collection."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert "collection.anki2" in archive.namelist()
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        rows = connection.execute("select guid, flds, tags from notes").fetchall()
        cards = connection.execute("select count(*) from cards").fetchone()[0]
    finally:
        connection.close()
    assert cards == len(rows)  # one card per note
    return {guid: (flds.split(FIELD_SEPARATOR), tags.split()) for guid, flds, tags in rows}


def write_docs(root: Path, page: str) -> Path:
    (root / "kb" / "llm").mkdir(parents=True)
    (root / "kb" / "llm" / "attention.md").write_text(page, encoding="utf-8")
    (root / "code").mkdir()
    (root / "code" / "rope.md").write_text("---\ntitle: RoPE\nexercise: F14\n---\n# RoPE\n", encoding="utf-8")
    return root


def test_deck_has_a_note_per_kb_page_and_per_follow_up(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", PAGE)
    notes = notes_of(build_deck(load_catalogue(docs)), tmp_path)
    page_guid = note_guid("kb/llm/attention")
    first_guid = note_guid(f"kb/llm/attention#{question_id('为什么是 √d_k?')}")
    assert set(notes) == {page_guid, first_guid, note_guid(f"kb/llm/attention#{question_id('不缩放会怎样?')}")}
    fields, tags = notes[page_guid]
    assert len(fields) == len(FIELDS) == 3
    assert fields[0] == "注意力 <code>QK</code>"
    assert fields[1] == '<p>打分除以 <span class="arithmatex">\\(\\sqrt{d_k}\\)</span>,让方差与维度无关。</p>'
    assert fields[2] == "注意力 `QK`(kb/llm/attention)"
    assert sorted(tags) == sorted(["section::kb::llm", "difficulty::2", "高频", "company::字节跳动", "company::高德"])
    fields, tags = notes[first_guid]
    assert fields[0] == "为什么是 √d_k?"
    assert fields[1] == '<p>方差是 <span class="arithmatex">\\(d_k\\)</span>。</p>\n<p>第二段。</p>'
    assert "追问" in tags


def test_deck_guids_survive_a_rebuild_and_an_edited_answer(tmp_path: Path) -> None:
    first = notes_of(build_deck(load_catalogue(write_docs(tmp_path / "a", PAGE))), tmp_path)
    edited = PAGE.replace("softmax 饱和。", "softmax 饱和,梯度接近 0。").replace("让方差与维度无关", "让打分方差约为 1")
    second = notes_of(build_deck(load_catalogue(write_docs(tmp_path / "b", edited))), tmp_path)
    assert set(first) == set(second)
    changed = [guid for guid in first if first[guid][0][1] != second[guid][0][1]]
    assert sorted(changed) == sorted([note_guid("kb/llm/attention"), note_guid(f"kb/llm/attention#{question_id('不缩放会怎样?')}")])


def test_deck_of_the_real_docs_counts_every_kb_page_and_fold(tmp_path: Path) -> None:
    from tests.conftest import REPO_ROOT

    pages = load_catalogue(REPO_ROOT / "docs")
    notes = notes_of(build_deck(pages), tmp_path)
    kb = [p for p in pages if p.kind == "kb"]
    assert len(notes) == len(kb) + sum(len(p.questions) for p in kb)
    # Formulas reach Anki inside \( … \) (Anki's MathJax), with no $ delimiters left.
    answers = [fields[1] for fields, _ in notes.values()]
    assert any("\\(" in a for a in answers) and not any("$\\" in a for a in answers)


def test_deck_zip_entries_carry_the_deck_timestamp_not_the_build_time(tmp_path: Path) -> None:
    package = build_deck(load_catalogue(write_docs(tmp_path, PAGE)), timestamp=1_767_225_600.0)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert [(entry.filename, entry.date_time) for entry in archive.infolist()] == [
            ("collection.anki2", (2026, 1, 1, 0, 0, 0)),
            ("media", (2026, 1, 1, 0, 0, 0)),
        ]
        assert archive.testzip() is None
