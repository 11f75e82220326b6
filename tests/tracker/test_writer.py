import os
from pathlib import Path

import pytest

from tools.tracker import writer
from tools.tracker.schema import APPLICATIONS, HISTORY
from tools.tracker.writer import CsvDocument, WriteRefused, atomic_write

MESSY = '\ufeff公司,岗位,base地,投递时间,阶段\r\n字节, 算法 ,北京,2026/8/1,"一面\r\n备注"\r\n\r\n腾讯,CV,深圳,2026-08-02,已投递\r\n'


def test_writer_noop_rewrite_changes_no_byte(tmp_path: Path) -> None:
    path = tmp_path / "applications.csv"
    path.write_bytes(MESSY.encode("utf-8"))
    doc = CsvDocument.load(path, APPLICATIONS)
    assert doc.render() == path.read_bytes()
    assert doc.save() is False
    assert not (tmp_path / ".backups").exists()


def test_writer_gbk_noop_rewrite_changes_no_byte(fixtures: Path) -> None:
    doc = CsvDocument.load(fixtures / "encodings" / "gbk.csv", APPLICATIONS)
    assert doc.render() == (fixtures / "encodings" / "gbk.csv").read_bytes()


def test_writer_untouched_rows_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "applications.csv"
    path.write_bytes(MESSY.encode("utf-8"))
    doc = CsvDocument.load(path, APPLICATIONS)
    doc.set_cell(1, "stage", "一面")
    doc.append({"company": "美团", "role": "搜推", "city": "北京", "applied": "2026-09-01", "stage": "已投递"})
    assert doc.save() is True
    expected = MESSY.replace("腾讯,CV,深圳,2026-08-02,已投递", "腾讯,CV,深圳,2026-08-02,一面") + "美团,搜推,北京,2026-09-01,已投递\r\n"
    assert path.read_bytes() == expected.encode("utf-8")
    backups = list((tmp_path / ".backups").iterdir())
    assert [b.read_bytes() for b in backups] == [MESSY.encode("utf-8")]


def test_writer_interrupted_write_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "history.csv"
    path.write_bytes(b"application,date,stage\nx,2026-08-01,\xe4\xb8\x80\xe9\x9d\xa2\n")
    before = path.read_bytes()

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, b"half", None)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".backups")) == ["history.csv"]


def test_writer_refuses_unknown_column(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_text("application,date,stage\n", encoding="utf-8")
    doc = CsvDocument.load(path, HISTORY)
    with pytest.raises(WriteRefused) as err:
        doc.append({"application": "x", "note": "hi"})
    assert str(err.value) == f"{path}: 文件没有这一列 no such column 'note'; 请先在表头加上 add it to the header first"


def test_writer_append_to_file_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_text("application,date,stage\nx,2026-08-01,一面", encoding="utf-8")
    doc = CsvDocument.load(path, HISTORY)
    doc.append({"application": "x", "date": "2026-08-09", "stage": "二面"})
    doc.save()
    assert path.read_text(encoding="utf-8") == "application,date,stage\nx,2026-08-01,一面\nx,2026-08-09,二面\n"
    assert os.listdir(tmp_path / ".backups")


def test_writer_keeps_only_the_last_backups(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_bytes(b"application,date,stage\n")
    (tmp_path / "history.csv.bak-notes").write_bytes(b"not a backup")  # not ours: left alone
    for i in range(8):
        atomic_write(path, f"application,date,stage\nx,2026-08-0{i + 1},\n".encode("utf-8"))
    backups = sorted((tmp_path / ".backups").iterdir())
    assert len(backups) == writer.KEEP_BACKUPS == 5
    assert backups[-1].read_bytes() == b"application,date,stage\nx,2026-08-07,\n"
    assert backups[0].read_bytes() == b"application,date,stage\nx,2026-08-03,\n"
    assert (tmp_path / "history.csv.bak-notes").exists()


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_writer_replacement_keeps_the_mode_of_the_replaced_file(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "applications.csv"
    target.write_bytes(b"id,company\n")
    os.chmod(target, mode)
    assert atomic_write(target, b"id,company\na,b\n")
    assert target.stat().st_mode & 0o7777 == mode
    assert target.read_bytes() == b"id,company\na,b\n"


def test_writer_csv_document_save_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    target.write_text("application,date,stage\na,2026-09-01,已投递\n", encoding="utf-8")
    os.chmod(target, 0o640)
    doc = CsvDocument.load(target, HISTORY)
    doc.append({"application": "a", "date": "2026-09-02", "stage": "一面"})
    assert doc.save()
    assert target.stat().st_mode & 0o7777 == 0o640


def test_writer_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert atomic_write(tmp_path / "new.csv", b"x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.csv").stat().st_mode & 0o7777 == 0o640
