"""check_source refuses broken, misnamed and oversized files from their first bytes, and passes good ones."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import struct
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import read_dataset
from desktop_app.core.sniff import MAX_IMPORT_BYTES, check_source, describe_size

DATA = Path(__file__).resolve().parents[1] / "data"
BAD = DATA / "bad"
GOOD_FILES = sorted(p for p in DATA.iterdir() if p.suffix in {".xlsx", ".csv", ".jsonl", ".json"})
BAD_FILES = sorted(p for p in BAD.iterdir() if p.suffix != ".py")


def _error(path: Path, *, encoding: str | None = None) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        check_source(path, encoding=encoding)
    error = caught.value
    assert error.path == path
    assert path.name in str(error)
    return error


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# Opening files is an audited event: a hook (installed once; it cannot be removed) records the watched ones.
_watched: set[str] = set()
_opened: list[str] = []
_hook_installed = False


def _record_open(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _watched and args and str(args[0]) in _watched:
        _opened.append(str(args[0]))


@contextmanager
def _opens_of(path: Path) -> Iterator[list[str]]:
    global _hook_installed  # noqa: PLW0603 - sys.addaudithook cannot be undone, so install it only once
    if not _hook_installed:
        sys.addaudithook(_record_open)
        _hook_installed = True
    _watched.add(str(path))
    _opened.clear()
    try:
        yield _opened
    finally:
        _watched.clear()


# Good files pass ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.name)
def test_the_seed_data_passes(path: Path) -> None:
    check_source(path)


def test_utf16_csv_with_a_bom_is_text(tmp_path: Path) -> None:
    check_source(BAD / "utf16_bom.csv")
    for codec in ("utf-16-be", "utf-32-le", "utf-32-be"):
        text = "\ufeffprompt,completion\r\n你好,hello\r\n"
        check_source(_write(tmp_path / f"{codec}.csv", text.encode(codec)))


def test_a_real_xls_passes_and_so_does_an_xlsm(tmp_path: Path) -> None:
    check_source(_copy(BAD / "old_excel.xlsx", tmp_path / "old.xls"))
    check_source(_copy(DATA / "content.xlsx", tmp_path / "macro.xlsm"))


def test_other_types_are_left_to_the_importer(tmp_path: Path) -> None:
    check_source(_copy(BAD / "image.csv", tmp_path / "picture.png"))


def test_a_zip_comment_and_zip64_records_are_understood(tmp_path: Path) -> None:
    plain = (DATA / "content.xlsx").read_bytes()
    commented = io.BytesIO(plain)
    with zipfile.ZipFile(commented, "a") as archive:
        archive.comment = b"PK\x05\x06 looks like an end record but is a comment"
    check_source(_write(tmp_path / "commented.xlsx", commented.getvalue()))

    # The same archive with its end record in Zip64 form, as writers do past 65,535 entries or 4 GB.
    end = plain.rfind(b"PK\x05\x06")
    entries, directory_size, directory_offset = struct.unpack_from("<10xHII", plain, end)
    record = struct.pack(
        "<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, directory_size, directory_offset
    )
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
    old_end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    zip64 = plain[:end] + record + locator + old_end
    with zipfile.ZipFile(io.BytesIO(zip64)) as archive:
        assert "xl/workbook.xml" in archive.namelist()  # a valid archive, by the standard library's reading
    check_source(_write(tmp_path / "zip64.xlsx", zip64))
    assert _error(_write(tmp_path / "zip64.csv", zip64)).details["kind"] == "xlsx"


# Missing, empty, too large --------------------------------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    error = _error(tmp_path / "gone.xlsx")
    assert error.code == "read_failed"
    assert error.details["problem"] == "not_found"
    assert "does not exist" in error.message


def test_a_folder_named_like_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "data.csv"
    folder.mkdir()
    error = _error(folder)
    assert (error.code, error.details["problem"]) == ("read_failed", "not_a_file")
    assert "folder" in error.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "data.csv"
    os.mkfifo(pipe)
    error = _error(pipe)  # opening a pipe with no writer would wait forever
    assert (error.code, error.details["problem"]) == ("read_failed", "not_a_file")


def test_an_empty_file() -> None:
    error = _error(BAD / "empty.jsonl")
    assert error.code == "empty_file"
    assert "empty" in error.message


def test_a_sparse_gigabyte_is_refused_at_once_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: no gigabyte is written
    with _opens_of(path) as opened:
        started = time.perf_counter()
        error = _error(path)
        elapsed = time.perf_counter() - started
    assert opened == []
    assert elapsed < 0.5
    assert error.code == "file_too_large"
    assert error.details["size"] == "1 GB"
    assert error.details["limit"] == "512 MB"
    assert "1 GB" in error.message
    assert "512 MB" in error.message


def test_the_limit_is_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "big.dat"  # a type the sniffer does not inspect: only the size counts
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES)
    check_source(path)
    with path.open("r+b") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)
    assert _error(path).code == "file_too_large"


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (100 * 1024, "100 KB"),
        (MAX_IMPORT_BYTES, "512 MB"),
        (1 << 30, "1 GB"),
        (3 * (1 << 40), "3 TB"),
    ],
)
def test_describe_size(size: int, text: str) -> None:
    assert describe_size(size) == text


# Workbooks --------------------------------------------------------------------------------------------------------


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    error = _error(BAD / "encrypted.xlsx")
    assert error.code == "encrypted_workbook"
    assert "password" in error.message
    assert "Excel" in error.message
    assert "save it again" in error.message
    # The same bytes under the older extension (Excel's encrypted files are OLE2 whatever the format).
    assert _error(_copy(BAD / "encrypted.xlsx", tmp_path / "locked.xls")).code == "encrypted_workbook"


def test_an_xls_renamed_xlsx_suggests_xls() -> None:
    error = _error(BAD / "old_excel.xlsx")
    assert error.code == "wrong_extension"
    assert error.details["kind"] == "xls"
    assert error.details["actual_suffix"] == ".xls"
    assert error.details["suffix"] == ".xlsx"
    assert "Excel 97-2003" in error.message
    assert "rename it to .xls" in error.message


def test_an_xlsx_renamed_xls_suggests_xlsx(tmp_path: Path) -> None:
    error = _error(_copy(DATA / "content.xlsx", tmp_path / "content.xls"))
    assert (error.code, error.details["actual_suffix"]) == ("wrong_extension", ".xlsx")


def test_csv_text_renamed_xlsx_suggests_csv() -> None:
    error = _error(BAD / "csv_text.xlsx")
    assert (error.code, error.details["kind"], error.details["actual_suffix"]) == (
        "wrong_extension",
        "csv",
        ".csv",
    )
    assert "comma-separated text" in error.message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("prompt\tcompletion\nq\ta\n", "tsv"),
        ('[{"instruction": "q", "output": "a"}]', "json"),
        ('{"prompt": "q", "completion": "a"}\n', "jsonl"),
    ],
)
def test_other_text_renamed_xlsx(tmp_path: Path, text: str, kind: str) -> None:
    error = _error(_write(tmp_path / "data.xlsx", text.encode()))
    assert (error.code, error.details["kind"]) == ("wrong_extension", kind)


def test_a_truncated_workbook() -> None:
    error = _error(BAD / "truncated.xlsx")
    assert error.code == "bad_workbook"
    assert error.details["kind"] == "truncated_zip"
    assert "incomplete" in error.message


def test_a_workbook_with_a_damaged_directory(tmp_path: Path) -> None:
    data = bytearray((DATA / "content.xlsx").read_bytes())
    first_entry = data.find(b"PK\x01\x02")
    data[first_entry : first_entry + 4] = b"XXXX"
    error = _error(_write(tmp_path / "damaged.xlsx", bytes(data)))
    assert (error.code, error.details["kind"]) == ("bad_workbook", "corrupt_zip")
    assert "damaged" in error.message


def test_a_directory_pointing_outside_the_file(tmp_path: Path) -> None:
    data = bytearray((DATA / "content.xlsx").read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 16, len(data) * 2)  # central directory offset
    error = _error(_write(tmp_path / "damaged.xlsx", bytes(data)))
    assert (error.code, error.details["kind"]) == ("bad_workbook", "corrupt_zip")


@pytest.mark.parametrize(
    ("entries", "kind", "words"),
    [
        ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}, "docx", "Word document"),
        ({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}, "pptx", "PowerPoint"),
        ({"notes.txt": "hello"}, "zip", "zip archive"),
    ],
)
def test_a_zip_that_is_not_a_workbook(tmp_path: Path, entries: dict[str, str], kind: str, words: str) -> None:
    error = _error(_write(tmp_path / "data.xlsx", _zip(entries)))
    assert (error.code, error.details["kind"]) == ("bad_workbook", kind)
    assert words in error.message
    assert "not an Excel workbook" in error.message


def test_other_spreadsheets_in_a_zip_suggest_their_extension(tmp_path: Path) -> None:
    xlsb = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.bin": "binary"})
    assert _error(_write(tmp_path / "a.xlsx", xlsb)).details["actual_suffix"] == ".xlsb"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    error = _error(_write(tmp_path / "b.xlsx", buffer.getvalue()))
    assert (error.code, error.details["actual_suffix"]) == ("wrong_extension", ".ods")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<html><body><table><tr><td>prompt</td></tr></table></body></html>", "html"),
        (
            b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
            "xml_spreadsheet",
        ),
        (b"%PDF-1.4\n", "pdf"),
        (b"\x00\x01\x02\x03 random", "binary"),
    ],
)
def test_web_pages_and_other_content_named_xls(tmp_path: Path, data: bytes, kind: str) -> None:
    error = _error(_write(tmp_path / "export.xls", data))
    assert (error.code, error.details["kind"]) == ("bad_workbook", kind)
    assert "not an Excel workbook" in error.message


def test_an_office_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    data = bytearray((BAD / "old_excel.xlsx").read_bytes())
    name = "Workbook".encode("utf-16-le")
    data[data.find(name) : data.find(name) + len(name)] = "Document".encode("utf-16-le")
    error = _error(_write(tmp_path / "other.xls", bytes(data)))
    assert (error.code, error.details["kind"]) == ("bad_workbook", "ole")


def test_a_damaged_office_file(tmp_path: Path) -> None:
    head = (BAD / "old_excel.xlsx").read_bytes()[:600]  # the header, then the file stops
    check_source(_write(tmp_path / "short.xls", head))  # may be an .xls: calamine has the last word
    error = _error(_write(tmp_path / "short.xlsx", head))  # never an .xlsx, whatever it is
    assert (error.code, error.details["kind"]) == ("bad_workbook", "damaged_ole")
    assert "damaged" in error.message


# Text files -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "words"),
    [
        ("image.csv", "png", "a PNG image saved with a .csv name"),
        ("archive.csv", "zip", "a zip archive saved with a .csv name"),
        ("workbook.csv", "xlsx", "an Excel workbook saved with a .csv name"),
        ("document.jsonl", "pdf", "a PDF document saved with a .jsonl name"),
    ],
)
def test_binary_content_under_a_text_name(name: str, kind: str, words: str) -> None:
    error = _error(BAD / name)
    assert (error.code, error.details["kind"]) == ("binary_file", kind)
    assert words in error.message


def test_an_excel_workbook_named_csv_is_told_to_be_renamed() -> None:
    error = _error(BAD / "workbook.csv")
    assert error.details["actual_suffix"] == ".xlsx"
    assert "rename it to .xlsx" in error.message


@pytest.mark.parametrize(
    ("source", "name", "kind"),
    [
        ("old_excel.xlsx", "data.txt", "xls"),
        ("encrypted.xlsx", "data.tsv", "encrypted_office"),
        ("truncated.xlsx", "data.json", "zip"),
    ],
)
def test_office_files_under_text_names(tmp_path: Path, source: str, name: str, kind: str) -> None:
    error = _error(_copy(BAD / source, tmp_path / name))
    assert (error.code, error.details["kind"]) == ("binary_file", kind)


def test_nul_bytes_in_text() -> None:
    error = _error(BAD / "nul_bytes.csv")
    assert (error.code, error.details["kind"]) == ("binary_file", "binary")
    assert error.details["byte"] == "29"
    assert "NUL byte at byte 29" in error.message


def test_a_nul_byte_after_what_is_inspected_is_the_readers_business(tmp_path: Path) -> None:
    data = b"prompt,completion\n" + b"q,a\n" * 20_000 + b"\x00"
    check_source(_write(tmp_path / "late.csv", data))


def test_a_nul_character_in_utf8_text_is_text(tmp_path: Path) -> None:
    """Training text may hold any character; a CSV the app wrote with one must open again."""
    check_source(_write(tmp_path / "data.csv", b"\xef\xbb\xbfprompt,completion\nq\x00,a\n"))
    check_source(_write(tmp_path / "plain.csv", "prompt,completion\n你\x00好,a\n".encode()))


def test_utf16_without_a_bom_asks_for_the_encoding(tmp_path: Path) -> None:
    path = _write(tmp_path / "data.csv", "prompt,completion\r\n你好,hello\r\n".encode("utf-16-le"))
    error = _error(path)
    assert (error.code, error.details["kind"], error.details["encoding"]) == (
        "binary_file",
        "utf16_text",
        "utf-16-le",
    )
    assert "UTF-16-LE" in error.message
    check_source(path, encoding="utf-16-le")
    check_source(path, encoding="UTF_16")
    big_endian = _write(tmp_path / "be.csv", "prompt,completion\r\nq,a\r\n".encode("utf-16-be"))
    assert _error(big_endian).details["encoding"] == "utf-16-be"


def test_an_unknown_encoding_is_left_to_the_importer() -> None:
    check_source(DATA / "content_utf8.csv", encoding="no-such-codec")


# The sources are never touched ------------------------------------------------------------------------------------


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize("path", GOOD_FILES + BAD_FILES, ids=lambda p: p.name)
def test_sources_are_unchanged(path: Path) -> None:
    before = _fingerprint(path)
    with suppress(DatasetError):
        check_source(path)
    assert _fingerprint(path) == before


def test_every_bad_fixture_is_refused_but_the_utf16_one() -> None:
    refused: dict[str, str] = {}
    for path in BAD_FILES:
        try:
            check_source(path)
        except DatasetError as error:
            refused[path.name] = error.code
    assert refused == {
        "archive.csv": "binary_file",
        "csv_text.xlsx": "wrong_extension",
        "document.jsonl": "binary_file",
        "empty.jsonl": "empty_file",
        "encrypted.xlsx": "encrypted_workbook",
        "image.csv": "binary_file",
        "nul_bytes.csv": "binary_file",
        "old_excel.xlsx": "wrong_extension",
        "truncated.xlsx": "bad_workbook",
        "workbook.csv": "binary_file",
    }


# Long cells still read ----------------------------------------------------------------------------------------------


def test_a_csv_with_a_50_mb_cell_reads_whole(tmp_path: Path) -> None:
    piece = 'Line with "quotes", commas, 中文，全角标点 and a tab\there.\r\nNext line\n'
    cell = piece * (50 * 1024 * 1024 // len(piece.encode()) + 1)
    assert len(cell.encode()) >= 50 * 1024 * 1024
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerows([["prompt", "completion"], ["Tell me everything.", cell]])
    path = _write(tmp_path / "long.csv", buffer.getvalue().encode("utf-8"))
    check_source(path)
    result = read_dataset(path)
    [example] = result.dataset.examples
    assert example.prompt == "Tell me everything."
    assert example.completion == cell
