"""Helpers that keep loading fast: line numbers from one csv pass, fresh list cells, the paused collector."""

import gc
from pathlib import Path

from tools.tracker.readers import _records_with_lines, read_csv_text
from tools.tracker.schema import APPLICATIONS
from tools.tracker.tracker import load_tracker


def test_loading_records_with_lines_single_line_records() -> None:
    assert _records_with_lines("a,b\n\nc,d\r\ne\n") == ([1, 2, 3, 4], [["a", "b"], [], ["c", "d"], ["e"]])


def test_loading_records_with_lines_multiline_cell() -> None:
    lines, records = _records_with_lines('a,"x\ny\r\nz"\nb,c\n')
    assert lines == [1, 4]
    assert records == [["a", "x\ny\r\nz"], ["b", "c"]]


def test_loading_rows_pad_short_and_report_extra_cells() -> None:
    raw = read_csv_text("公司,岗位\n字节\n腾讯,CV,多\n", APPLICATIONS, "x.csv")
    assert raw.rows == [{"company": "字节", "role": ""}, {"company": "腾讯", "role": "CV"}]
    assert [i.format() for i in raw.issues if i.column.startswith("#")] == ["x.csv:3: #3: 多余的单元格(没有表头)extra cell without a header '多'"]


def test_loading_list_cells_are_separate_objects(fixtures: Path, today) -> None:
    apps = load_tracker(fixtures / "basic", today=today).applications
    cities = apps["city"].tolist()
    assert len({id(c) for c in cities}) == len(cities)


def test_loading_restores_collector_state(fixtures: Path, today) -> None:
    assert gc.isenabled()
    load_tracker(fixtures / "basic", today=today)
    assert gc.isenabled()
    gc.disable()
    try:
        load_tracker(fixtures / "basic", today=today)
        assert not gc.isenabled()
    finally:
        gc.enable()
