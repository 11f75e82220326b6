from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from tools.tracker.readers import decode, read_csv_text, read_table, read_yaml_text, split_records
from tools.tracker.schema import APPLICATIONS, INTERVIEWS
from tools.tracker.tracker import load_tracker


def test_readers_gbk_and_bom_read_the_same_rows(fixtures: Path) -> None:
    gbk = read_table(fixtures / "encodings" / "gbk.csv", APPLICATIONS)
    bom = read_table(fixtures / "encodings" / "bom.csv", APPLICATIONS)
    assert gbk.encoding == "gb18030"
    assert bom.encoding == "utf-8-sig"
    assert gbk.rows == bom.rows
    assert gbk.rows == [{"company": "华为", "role": "视觉算法", "city": "深圳", "applied": "2026年9月1日", "stage": "一面"}]
    assert gbk.lines == [2]
    assert gbk.issues == []


def test_readers_multiline_cell_keeps_line_numbers() -> None:
    text = 'company,role,notes\n字节,算法,"第一行\n第二行"\n腾讯,CV,\n'
    raw = read_csv_text(text, APPLICATIONS, "x.csv")
    assert raw.lines == [2, 4]
    assert raw.rows[0]["notes"] == "第一行\n第二行"


def test_readers_full_width_spaces_and_headers_normalised() -> None:
    text = "\u3000公司\u3000,ＲＯＬＥ,Base 地,自定义列\n\u3000字节\u3000,算法,北京,x\n"
    raw = read_csv_text(text, APPLICATIONS, "x.csv")
    assert raw.columns == ["company", "role", "city", "extra:自定义列"]
    assert raw.rows == [{"company": "字节", "role": "算法", "city": "北京", "extra:自定义列": "x"}]


def test_readers_blank_trailing_rows_and_columns_dropped() -> None:
    raw = read_csv_text("company,role,city,applied,stage,,\n字节,算法,北京,2026-08-01,一面,,\n,,,,,,\n\n", APPLICATIONS, "x.csv")
    assert raw.rows == [{"company": "字节", "role": "算法", "city": "北京", "applied": "2026-08-01", "stage": "一面"}]
    assert raw.issues == []


def test_readers_missing_required_column_is_one_error_on_the_header() -> None:
    raw = read_csv_text("公司,岗位\n字节,算法\n腾讯,CV\n", APPLICATIONS, "x.csv")
    assert [i.format() for i in raw.issues] == [
        f"x.csv:1: {name}: 缺少必需的列 missing required column ({zh}) — 应为 expected 表头里有 a header cell '{zh}' 或 or '{name}'"
        for name, zh in [("city", "base地"), ("applied", "投递时间"), ("stage", "阶段")]
    ]
    assert raw.missing_required == {"city", "applied", "stage"}


def test_readers_yaml_records_carry_their_line() -> None:
    raw = read_yaml_text("- application: a1\n  round: 一面\n  topics: [A01, A02]\n- application: a2\n  round: 二面\n", INTERVIEWS, "i.yaml")
    assert raw.lines == [1, 4]
    assert raw.rows[0]["topics"] == "A01/A02"


def test_readers_yaml_syntax_error_is_an_issue() -> None:
    raw = read_yaml_text("- a: [1,\n", INTERVIEWS, "i.yaml")
    # the parser's own wording differs between libyaml and pure Python; the place and key do not
    [issue] = raw.issues
    assert issue.format().startswith("i.yaml:2: -: YAML 语法错误 YAML syntax error: ")
    assert "node content" in issue.message


def test_readers_split_records_counts_quotes() -> None:
    assert split_records('a,"b\n""c"""\nd\n') == [(1, 'a,"b\n""c"""\n'), (3, "d\n")]


def test_readers_decode_falls_back_without_raising() -> None:
    text, _enc, _exact = decode(b"\xff\xfe\x00\xd8 broken")
    assert isinstance(text, str)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_readers_csv_never_raise_on_any_bytes(data: bytes) -> None:
    text, enc, _ = decode(data)
    raw = read_csv_text(text, APPLICATIONS, "f.csv", enc)
    assert len(raw.rows) == len(raw.lines)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list('ab公司,"\n\r:-[]{}!&*#|>\'\t 1')), max_size=200))
def test_readers_yaml_and_csv_never_raise_on_any_text(text: str) -> None:
    assert len(read_yaml_text(text, INTERVIEWS, "f.yaml").rows) >= 0
    assert len(read_csv_text(text, APPLICATIONS, "f.csv").rows) >= 0


UNICODE_TEXT = "公司\t岗位\tbase地\t投递时间\t阶段\t季节\n字节跳动\t推荐算法\t北京\t2026/9/1\t一面\t秋招\n腾讯\tCV, 多模态\t深圳\t2026-09-03\t笔试\t秋招\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_readers_utf16_tab_separated_checks_clean(tmp_path: Path, encoding: str) -> None:
    from click.testing import CliRunner

    from tools.tracker.cli import main

    data = UNICODE_TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # Excel writes the byte-order mark
    (tmp_path / "applications.csv").write_bytes(data)
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "--today", "2026-09-10", "check"])
    assert (result.exit_code, result.output) == (0, "2 个投递 applications, 0 个错误 errors, 0 个警告 warnings\n")
    t = load_tracker(tmp_path, today=date(2026, 9, 10))
    assert t.applications[["company", "role", "stage"]].values.tolist() == [["字节跳动", "推荐算法", "一面"], ["腾讯", "CV, 多模态", "笔试/机试"]]


def test_readers_semicolon_separated(tmp_path: Path) -> None:
    (tmp_path / "applications.csv").write_text("公司;岗位;base地;投递时间;阶段\n字节跳动;推荐, 广告;北京;2026-09-01;一面\n", encoding="utf-8")
    t = load_tracker(tmp_path, today=date(2026, 9, 10))
    assert t.errors == [] and t.applications["role"].tolist() == ["推荐, 广告"]


def test_readers_utf16_file_is_not_rewritten(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tools.tracker.cli import main

    (tmp_path / "applications.csv").write_bytes(UNICODE_TEXT.encode("utf-16"))
    before = (tmp_path / "applications.csv").read_bytes()
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "--today", "2026-09-10", "move", "腾讯", "一面"])
    assert (result.exit_code, result.output) == (
        1,
        f"错误 error: {(tmp_path / 'applications.csv').as_posix()}: 只能改写逗号分隔的 UTF-8/GBK 文件 only comma-separated UTF-8/GBK files can be rewritten "
        "(这个文件 this file: utf-16, 制表符 tab) — 应为 expected 在 Excel 里另存为 save it from Excel as \"CSV UTF-8\"\n",
    )
    assert (tmp_path / "applications.csv").read_bytes() == before
