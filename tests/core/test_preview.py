"""The import preview shows what read_dataset will read, from only the start of the file."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import read_dataset
from desktop_app.core.preview import MAX_LINE_CHARS, PREVIEW_BYTES, preview_file

DATA = Path(__file__).resolve().parents[1] / "data"


def _save_xlsx(path: Path, sheets: dict[str, dict[str, object]]) -> Path:
    """Cells by address, so tests can leave rows and columns empty the way users do."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, cells in sheets.items():
        sheet = workbook.create_sheet(title)
        for address, value in cells.items():
            sheet[address] = value
    workbook.save(path)
    return path


def _error(path: Path, **options: object) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        preview_file(path, **options)  # type: ignore[arg-type]
    return caught.value


# Workbooks ------------------------------------------------------------------------------------------------


def test_workbook_preview_lists_sheets_and_shows_the_first() -> None:
    preview = preview_file(DATA / "content.xlsx")
    assert preview.kind == "table"
    assert preview.sheets == ["问答", "说明"]
    assert preview.sheet == "问答"
    assert preview.encoding is None
    assert not preview.encoding_guessed
    assert preview.header == ["prompt", "completion", "备注"]
    assert preview.header_row == 1
    assert preview.rows[0] == [
        "你们店叫什么名字？",
        "我们是青山茶舍，一家开在半山腰的小茶馆，招牌是桂花乌龙冷泡茶。",
        "热门问题",
    ]
    assert preview.row_numbers[:3] == [2, 3, 4]
    assert preview.total_rows == 24
    assert preview.column_map == {"prompt": "prompt", "completion": "completion", "note": "备注"}
    assert preview.lines == []


def test_cells_read_exactly_as_the_import_reads_them() -> None:
    preview = preview_file(DATA / "content.xlsx")
    examples = read_dataset(DATA / "content.xlsx").dataset.examples
    assert [row[:2] for row in preview.rows] == [[e.prompt, e.completion] for e in examples]
    assert preview.rows[6][1] == "100"  # a number cell, as Excel shows it


def test_other_cell_types_match_read_dataset(tmp_path: Path) -> None:
    values = [1, 1.5, 2.0, 0.1, True, dt.date(2024, 1, 5), dt.datetime(2024, 1, 5, 14, 30)]
    cells: dict[str, object] = {"A1": "prompt", "B1": "completion"}
    for row, value in enumerate(values, start=2):
        cells[f"A{row}"] = f"q{row}"
        cells[f"B{row}"] = value
    path = _save_xlsx(tmp_path / "types.xlsx", {"Sheet1": cells})
    expected = [e.completion for e in read_dataset(path).dataset.examples]
    assert [row[1] for row in preview_file(path).rows] == expected
    assert expected[:5] == ["1", "1.5", "2", "0.1", "TRUE"]


def test_another_sheet_and_max_rows() -> None:
    notes = preview_file(DATA / "content.xlsx", sheet="说明")
    assert notes.sheet == "说明"
    assert notes.header == ["说明"]
    assert notes.rows == [["青山茶舍客服问答，共24条，用于微调测试。"]]
    assert notes.column_map == {}
    first = preview_file(DATA / "content.xlsx", max_rows=5)
    assert len(first.rows) == 5
    assert first.row_numbers == [2, 3, 4, 5, 6]
    assert first.total_rows == 24


def test_unknown_sheet_is_an_error_naming_the_sheets() -> None:
    error = _error(DATA / "content.xlsx", sheet="Sheet9")
    assert error.code == "sheet_not_found"
    assert error.details["sheets"] == "问答, 说明"


def test_missing_column_file_previews_with_its_header_row() -> None:
    preview = preview_file(DATA / "missing_column.xlsx")
    assert preview.header == ["问题", "备注"]
    assert preview.column_map == {"prompt": "问题", "note": "备注"}
    assert preview.total_rows == 6
    with pytest.raises(DatasetError) as caught:
        read_dataset(DATA / "missing_column.xlsx")
    assert caught.value.row == preview.header_row == 1


def test_row_numbers_labels_and_blank_rows_follow_read_dataset(tmp_path: Path) -> None:
    # Data from B3: C has no name; row 5 is blank. The unnamed column is called by Excel's letter, C, everywhere.
    path = _save_xlsx(
        tmp_path / "offset.xlsx",
        {"Sheet1": {"B3": "问题", "D3": "回答", "B4": "q1", "C4": "x", "D4": 5, "B6": "q2", "D6": 1.5}},
    )
    preview = preview_file(path)
    assert preview.header == ["问题", "column C", "回答"]
    assert preview.first_column == 1
    assert preview.header_row == 3
    assert preview.row_numbers == [4, 6]
    assert preview.rows == [["q1", "x", "5"], ["q2", "", "1.5"]]
    assert preview.total_rows == 3
    # The labels are the ones read_dataset accepts.
    chosen = {"prompt": "问题", "completion": "回答", "system": preview.header[1]}
    examples = read_dataset(path, columns=chosen).dataset.examples
    assert [(e.prompt, e.completion, e.system) for e in examples] == [("q1", "5", "x"), ("q2", "1.5", "")]
    # Left unused, the unnamed column is named the same way in the warning.
    warnings = read_dataset(path).warnings
    assert [w.details["columns"] for w in warnings if w.code == "extra_columns"] == ["column C"]
    with pytest.raises(DatasetError) as caught:
        read_dataset(path, columns={"prompt": "问题", "completion": "column B"})  # B is the 问题 column
    assert caught.value.details["found"] == "问题, column C, 回答"


def test_empty_sheet_is_a_preview_without_header(tmp_path: Path) -> None:
    path = _save_xlsx(tmp_path / "two.xlsx", {"empty": {}, "data": {"A1": "prompt", "B1": "completion"}})
    preview = preview_file(path)
    assert preview.sheets == ["empty", "data"]
    assert preview.sheet == "empty"
    assert preview.header == []
    assert preview.header_row is None
    assert preview.rows == []
    header_only = preview_file(path, sheet="data")
    assert header_only.header == ["prompt", "completion"]
    assert header_only.rows == []
    assert header_only.total_rows == 0


def test_big_sheet_preview_stops_early(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(["问题", "回答"])
    for index in range(3_000):
        sheet.append([f"问题{index}", f"回答{index}"])
    workbook.save(path)
    preview = preview_file(path, max_rows=50)
    assert len(preview.rows) == 50
    assert preview.rows[-1] == ["问题49", "回答49"]
    assert preview.total_rows == 3_000


# Text files -------------------------------------------------------------------------------------------------


def test_gbk_csv_is_decoded_as_the_import_decodes_it() -> None:
    preview = preview_file(DATA / "content_gbk.csv")
    assert preview.kind == "table"
    assert preview.encoding == "gb18030"
    assert preview.encoding_guessed
    assert preview.sheets == []
    assert preview.header == ["问题", "回答"]
    assert preview.column_map == {"prompt": "问题", "completion": "回答"}
    examples = read_dataset(DATA / "content_gbk.csv").dataset.examples
    assert preview.rows == [[e.prompt, e.completion] for e in examples]
    assert preview.total_rows == 8
    assert not preview.truncated


def test_utf8_csv_is_not_guessed() -> None:
    preview = preview_file(DATA / "content_utf8.csv")
    assert preview.encoding == "utf-8"
    assert not preview.encoding_guessed
    assert preview.column_map["system"] == "System"


def test_chosen_encoding_that_does_not_fit_names_the_line() -> None:
    error = _error(DATA / "content_gbk.csv", encoding="utf-8")
    assert error.code == "decode_failed"
    assert error.line == 1
    assert error.details["encoding"] == "utf-8"
    chosen = preview_file(DATA / "content_gbk.csv", encoding="gbk")
    assert chosen.encoding == "gbk"
    assert not chosen.encoding_guessed
    assert chosen.rows[0][0] == "你们店叫什么名字？"


def test_unknown_encoding_name() -> None:
    assert _error(DATA / "content_gbk.csv", encoding="no-such-codec").code == "unknown_encoding"


def test_jsonl_is_a_text_preview() -> None:
    preview = preview_file(DATA / "chat.jsonl")
    assert preview.kind == "text"
    assert preview.encoding == "utf-8"
    lines = (DATA / "chat.jsonl").read_text(encoding="utf-8").splitlines()
    assert preview.lines == lines
    assert preview.total_rows == len(lines)
    assert preview.header == []
    assert preview.column_map == {}


def _big_csv(path: Path, encoding: str) -> Path:
    """A CSV longer than PREVIEW_BYTES whose byte PREVIEW_BYTES falls inside a Chinese character."""
    row = "问题,回答回答回答回答\r\n".encode(encoding)
    data = "问题,回答\r\n".encode(encoding)
    while len(data) + len(row) < PREVIEW_BYTES - 100:
        data += row
    data += b"x," + b"y" * (PREVIEW_BYTES - 1 - len(data) - 2)  # ASCII up to one byte before the cut
    data += "答答\r\n".encode(encoding) + row * 100
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", "utf-8"), ("gbk", "gb18030")])
def test_big_text_file_is_previewed_from_its_start(tmp_path: Path, encoding: str, expected: str) -> None:
    path = _big_csv(tmp_path / "big.csv", encoding)
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw[:PREVIEW_BYTES].decode(encoding)  # the cut really splits a character
    preview = preview_file(path)
    assert preview.truncated
    assert preview.total_rows is None
    assert preview.encoding == expected
    assert preview.encoding_guessed is (encoding != "utf-8")
    assert preview.header == ["问题", "回答"]
    assert preview.rows[0] == ["问题", "回答回答回答回答"]
    assert len(preview.rows) == 50


def test_a_record_cut_off_by_the_preview_is_left_out(tmp_path: Path) -> None:
    # The third record's quoted cell spans many lines and goes on past the part the preview decodes.
    long_cell = "第一行\n" * (PREVIEW_BYTES // 5)
    path = tmp_path / "multiline.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["prompt", "completion"], ["q1", "a1\n续"], ["q2", long_cell], ["q3", "a3"]]
        )
    preview = preview_file(path)
    assert preview.truncated
    assert preview.rows == [["q1", "a1\n续"]]
    assert preview.total_rows is None


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8", "big5"])
def test_big_file_with_chosen_encoding_is_cut_between_characters(tmp_path: Path, encoding: str) -> None:
    record = json.dumps({"prompt": "你們店叫什麼名字？", "completion": "青山茶舍"}, ensure_ascii=False)
    if encoding != "big5":
        record = record.replace(
            "青山", "青山🍵"
        )  # four bytes in UTF-8 and GB18030, a surrogate pair in UTF-16
    body = "".join(record + "\n" for _ in range(PREVIEW_BYTES // len(record.encode(encoding)) + 50))
    # Shift the text until the cut at PREVIEW_BYTES splits a character.
    for width in range(400):
        data = ("a" * width + "\n" + body).encode(encoding)
        try:
            data[:PREVIEW_BYTES].decode(encoding)
        except UnicodeDecodeError:
            break
    else:
        pytest.fail("no cut inside a character")
    path = tmp_path / "big.jsonl"
    path.write_bytes(data)
    preview = preview_file(path, encoding=encoding, max_rows=3)
    assert preview.truncated
    assert preview.encoding == encoding
    assert preview.lines == ["a" * width, record, record]


def test_one_long_line_cut_mid_character_is_still_utf8(tmp_path: Path) -> None:
    # A JSON array on one line: no newline to cut at, and the cut splits a three-byte character.
    items = [{"instruction": "识别并解释给定列表中的两个科学理论", "output": "细胞理论和日心说"}] * 5_000
    text = json.dumps(items, ensure_ascii=False)
    data = text.encode("utf-8")
    assert b"\n" not in data[:PREVIEW_BYTES]
    offset = max(i for i in range(PREVIEW_BYTES - 100, PREVIEW_BYTES) if data[i] >= 0xE0)
    padded = b" " * (PREVIEW_BYTES - 1 - offset) + data  # a lead byte right before the cut
    path = tmp_path / "one_line.json"
    path.write_bytes(padded)
    preview = preview_file(path)
    assert preview.kind == "text"
    assert preview.encoding == "utf-8"
    assert not preview.encoding_guessed
    assert len(preview.lines) == 1
    assert len(preview.lines[0]) == MAX_LINE_CHARS + 1
    assert preview.lines[0].endswith("…")


# Errors -------------------------------------------------------------------------------------------------------


def test_missing_file_and_unsupported_type(tmp_path: Path) -> None:
    assert _error(tmp_path / "gone.xlsx").code == "read_failed"
    assert _error(tmp_path / "gone.csv").code == "read_failed"
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    assert _error(picture).code == "unsupported_type"


def test_damaged_workbook_is_refused_like_the_import_refuses_it() -> None:
    path = DATA / "bad" / "truncated.xlsx"
    with pytest.raises(DatasetError) as imported:
        read_dataset(path)
    assert _error(path).code == imported.value.code
