"""Reading every supported format from real files in tests/data, and the errors users will meet."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from desktop_app.core.dataset import Example
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import read_dataset

DATA = Path(__file__).resolve().parents[1] / "data"
SYSTEM = "你是青山茶舍的客服小青，回答简短亲切。"
DATA_FILES = sorted(
    p.name for p in DATA.iterdir() if p.suffix in {".xlsx", ".csv", ".jsonl", ".json"} and p.is_file()
)


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _save_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _error(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        read_dataset(path, sheet=sheet, encoding=encoding)
    return caught.value


# Spreadsheets ---------------------------------------------------------------------------------------------


def test_content_xlsx_reads_the_seed_file() -> None:
    result = read_dataset(DATA / "content.xlsx")
    dataset = result.dataset
    assert len(dataset.examples) == 24
    assert dataset.examples[0] == Example(
        "你们店叫什么名字？",
        "我们是青山茶舍，一家开在半山腰的小茶馆，招牌是桂花乌龙冷泡茶。",
        note="热门问题",
    )
    assert dataset.examples[4].completion == "可以，三公里内满48元免费外送，由店里的小毛驴“阿福”负责送达。"
    assert dataset.examples[23].prompt == "可以开发票吗？"
    assert result.sheets == ["问答", "说明"]
    assert dataset.sheet == "问答"
    assert dataset.source == DATA / "content.xlsx"
    assert dataset.encoding is None
    # The 备注 column is kept as the rows' notes (never trained on).
    assert result.column_map == {"prompt": "prompt", "completion": "completion", "note": "备注"}
    assert [w.code for w in result.warnings] == ["multiple_sheets"]
    assert result.warnings[0].details["sheets"] == "问答, 说明"


def test_integer_cell_reads_as_excel_shows_it() -> None:
    dataset = read_dataset(DATA / "content.xlsx").dataset
    assert (dataset.examples[6].prompt, dataset.examples[6].completion) == ("会员卡最低充值多少元？", "100")


def test_chosen_sheet_is_read_without_multiple_sheets_warning() -> None:
    error = _error(DATA / "content.xlsx", sheet="说明")
    assert error.code == "missing_columns"
    assert error.row == 1
    assert error.details["found"] == "说明"


def test_unknown_sheet_lists_the_sheets() -> None:
    error = _error(DATA / "content.xlsx", sheet="Sheet9")
    assert error.code == "sheet_not_found"
    assert error.details["sheets"] == "问答, 说明"


def test_missing_column_names_what_is_missing_and_found() -> None:
    error = _error(DATA / "missing_column.xlsx")
    assert error.code == "missing_columns"
    assert error.path == DATA / "missing_column.xlsx"
    assert error.row == 1
    assert error.details == {"missing": "completion", "found": "问题, 备注"}
    assert "missing_column.xlsx, row 1" in str(error)
    assert "completion" in str(error)


def test_empty_cells_become_empty_strings_and_blank_rows_are_skipped() -> None:
    result = read_dataset(DATA / "empty_cells.xlsx")
    examples = result.dataset.examples
    assert len(examples) == 12
    assert [i for i, e in enumerate(examples) if e.completion == ""] == [2, 6]
    assert examples[2].prompt == "你们的招牌茶是什么？"
    assert examples[8].prompt == "可以带宠物进店吗？"
    assert result.column_map == {"prompt": "问题", "completion": "答案"}
    assert [(w.code, w.details) for w in result.warnings] == [("blank_rows_skipped", {"count": "1"})]


def test_too_few_reads_five_rows() -> None:
    result = read_dataset(DATA / "too_few.xlsx")
    assert len(result.dataset.examples) == 5
    assert result.sheets == ["Sheet1"]
    assert result.warnings == []


def test_cells_of_other_types_read_as_text(tmp_path: Path) -> None:
    path = _save_xlsx(
        tmp_path / "types.xlsx",
        [
            ["Prompt", "Completion"],
            ["int", 1],
            ["float", 1.5],
            ["integral float", 2.0],
            ["tenth", 0.1],
            ["bool", True],
            ["date", dt.date(2024, 1, 5)],
            ["datetime", dt.datetime(2024, 1, 5, 14, 30)],
            [12, None],
        ],
    )
    examples = read_dataset(path).dataset.examples
    assert [e.completion for e in examples] == [
        "1",
        "1.5",
        "2",
        "0.1",
        "TRUE",
        "2024-01-05",
        "2024-01-05 14:30:00",
        "",
    ]
    assert examples[-1].prompt == "12"


def test_row_numbers_are_excel_rows_after_leading_blank_rows(tmp_path: Path) -> None:
    path = _save_xlsx(tmp_path / "offset.xlsx", [[None], [None], ["问题", "备注"], ["q", "n"]])
    error = _error(path)
    assert error.code == "missing_columns"
    assert error.row == 3


def test_header_only_workbook_is_empty(tmp_path: Path) -> None:
    error = _error(_save_xlsx(tmp_path / "header.xlsx", [["prompt", "completion"]]))
    assert error.code == "empty_file"
    assert error.row == 1


def test_alias_priority_and_duplicate_fields(tmp_path: Path) -> None:
    path = _save_xlsx(
        tmp_path / "aliases.xlsx",
        [["Instruction", "回答", "prompt", "系统", "output"], ["i", "a", "p", "s", "o"]],
    )
    result = read_dataset(path)
    assert result.dataset.examples == [Example("p", "a", "s")]
    assert result.column_map == {"prompt": "prompt", "completion": "回答", "system": "系统"}
    assert result.warnings[0].code == "extra_columns"
    assert result.warnings[0].details == {"columns": "Instruction, output"}


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("prompt,completion\n", encoding="utf-8")
    error = _error(path)
    assert error.code == "wrong_extension"
    assert error.details["actual_suffix"] == ".csv"
    assert error.path == path
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert _error(path).code == "bad_workbook"


# CSV / TSV ---------------------------------------------------------------------------------------------------


def test_gbk_csv_is_detected_as_gb18030() -> None:
    result = read_dataset(DATA / "content_gbk.csv")
    dataset = result.dataset
    assert dataset.encoding == "gb18030"
    assert len(dataset.examples) == 8
    assert dataset.examples[4].completion == "可以，三公里内满48元免费外送，由店里的小毛驴“阿福”负责送达。"
    assert result.column_map == {"prompt": "问题", "completion": "回答"}
    assert [(w.code, w.details) for w in result.warnings] == [("encoding_guessed", {"encoding": "gb18030"})]


def test_encoding_override() -> None:
    result = read_dataset(DATA / "content_gbk.csv", encoding="gbk")
    assert result.dataset.encoding == "gbk"
    assert result.warnings == []
    assert result.dataset.examples[0].prompt == "你们店叫什么名字？"


def test_wrong_encoding_override_names_the_line() -> None:
    error = _error(DATA / "content_gbk.csv", encoding="utf-8")
    assert error.code == "decode_failed"
    assert error.line == 1
    assert error.details["encoding"] == "utf-8"


def test_unknown_encoding_name() -> None:
    assert _error(DATA / "content_gbk.csv", encoding="no-such-codec").code == "unknown_encoding"


def test_utf8_csv_with_quoting_and_system_column() -> None:
    result = read_dataset(DATA / "content_utf8.csv")
    dataset = result.dataset
    assert dataset.encoding == "utf-8"
    assert len(dataset.examples) == 6
    assert result.column_map == {"prompt": "Question", "completion": "ANSWER", "system": "System"}
    assert all(e.system == SYSTEM for e in dataset.examples)
    assert dataset.examples[5].prompt == "菜单上有什么, 能列一下吗？"
    assert dataset.examples[5].completion == "热饮：桂花乌龙、龙井、白茶\n冷饮：桂花乌龙冷泡茶, 大麦茶"
    assert result.warnings == []


def test_mostly_ascii_gbk_file_is_not_mojibake(tmp_path: Path) -> None:
    # ecosystem.md: detection alone called such a file cp1250; strict gb18030 first reads it right.
    body = "".join(f"question {i},answer {i}\n" for i in range(50)) + "最后一个问题,最后的回答\n"
    path = tmp_path / "mostly_ascii.csv"
    path.write_bytes(("prompt,completion\n" + body).encode("gbk"))
    dataset = read_dataset(path).dataset
    assert dataset.encoding == "gb18030"
    assert dataset.examples[-1] == Example("最后一个问题", "最后的回答")


def test_detection_falls_back_to_charset_normalizer(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes("prompt,completion\r\n你好,世界\r\n".encode("utf-16"))
    result = read_dataset(path)
    assert result.dataset.examples == [Example("你好", "世界")]
    assert result.dataset.encoding is not None
    assert "16" in result.dataset.encoding
    assert result.warnings[0].code == "encoding_guessed"


def test_bom_is_recorded_and_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("prompt,completion\n问,答\n".encode("utf-8-sig"))
    dataset = read_dataset(path).dataset
    assert dataset.encoding == "utf-8-sig"
    assert dataset.examples == [Example("问", "答")]


def test_tsv(tmp_path: Path) -> None:
    path = tmp_path / "data.TSV"
    path.write_text("问题\t答案\n一, 二\t三\n", encoding="utf-8")
    assert read_dataset(path).dataset.examples == [Example("一, 二", "三")]


def test_short_rows_are_padded(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("prompt,completion,system\nonly prompt\n", encoding="utf-8")
    assert read_dataset(path).dataset.examples == [Example("only prompt", "", "")]


@pytest.mark.parametrize("content", [b"", b"  \r\n", b"prompt,completion\r\n", b"prompt,completion\n,\n\n"])
def test_empty_csv(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    error = _error(path)
    assert error.code == "empty_file"
    assert "empty.csv" in str(error)


# JSONL / JSON -------------------------------------------------------------------------------------------------


def test_chat_jsonl() -> None:
    result = read_dataset(DATA / "chat.jsonl")
    examples = result.dataset.examples
    assert len(examples) == 12
    assert all(e.system == SYSTEM for e in examples)
    assert examples[11] == Example("电话是多少？", "预订电话是0571-8888-1717，营业时间内都有人接听。", SYSTEM)
    assert result.column_map == {}
    assert result.sheets == []
    assert result.warnings == []


def test_legacy_jsonl_keeps_markers() -> None:
    examples = read_dataset(DATA / "legacy.jsonl").dataset.examples
    assert len(examples) == 10
    assert examples[0] == Example(
        "茶叶可以单独买吗？ ->", " 可以，店里的乌龙、龙井和白茶都有小罐装出售，50克一罐。\n"
    )
    assert all(e.prompt.endswith(" ->") and e.completion.startswith(" ") for e in examples)


def test_bad_json_line_is_named() -> None:
    error = _error(DATA / "bad_line.jsonl")
    assert error.code == "bad_json"
    assert error.line == 4
    assert error.path == DATA / "bad_line.jsonl"
    assert "bad_line.jsonl, line 4" in str(error)
    assert error.details["reason"] == "Expecting ',' delimiter"


def _jsonl(tmp_path: Path, *records: object) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _chat(*roles: str) -> dict[str, object]:
    return {"messages": [{"role": role, "content": f"{role} text"} for role in roles]}


@pytest.mark.parametrize(
    ("record", "code"),
    [
        (_chat("user"), "no_assistant"),
        (_chat("user", "bot", "assistant"), "bad_message"),
        (_chat("assistant", "user"), "trailing_messages"),
        (
            {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}]},
            "unsupported_content",
        ),
        (
            {"messages": [{"role": "user", "content": 5}, {"role": "assistant", "content": "a"}]},
            "bad_message",
        ),
        ({"messages": [{"role": "user", "content": "q", "mood": "ok"}]}, "message_unrecognized_key"),
        (
            {
                "messages": [
                    {"role": "user", "content": "q"},
                    {"role": "assistant", "content": "a", "weight": 2},
                ]
            },
            "bad_weight",
        ),
        ({"messages": []}, "bad_record"),
        ({"question": "q", "answer": "a"}, "bad_record"),
        ({"prompt": "p"}, "bad_record"),
        ({"prompt": 3, "completion": "c"}, "bad_record"),
        (["prompt", "completion"], "bad_record"),
        ({"instruction": "i", "output": "o", "history": [["q"]]}, "bad_record"),
        ({"conversations": [{"from": "robot", "value": "x"}]}, "bad_message"),
    ],
)
def test_unusable_records(tmp_path: Path, record: object, code: str) -> None:
    error = _error(_jsonl(tmp_path, {"prompt": "ok", "completion": "ok"}, record))
    assert error.code == code
    assert error.line == 2


def test_assistant_only_chat_has_empty_prompt(tmp_path: Path) -> None:
    examples = read_dataset(_jsonl(tmp_path, _chat("system", "assistant"))).dataset.examples
    assert examples == [Example("", "assistant text", "system text")]


def test_blank_lines_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b'{"prompt": "a", "completion": "b"}\r\n\r\n{"prompt": "c", "completion": "d"}\r\n')
    assert read_dataset(path).dataset.examples == [Example("a", "b"), Example("c", "d")]


def test_alpaca_json_matches_its_source() -> None:
    source = json.loads((DATA / "alpaca_small.json").read_text(encoding="utf-8"))
    examples = read_dataset(DATA / "alpaca_small.json").dataset.examples
    assert len(examples) == 15
    assert examples[0] == Example(source[0]["instruction"], source[0]["output"])
    assert source[1]["input"] == "输入：俄克拉荷马城雷霆队，芝加哥公牛队，布鲁克林网队。"
    # LLaMA-Factory puts the input on the line after the instruction.
    assert examples[1].prompt == source[1]["instruction"] + "\n" + source[1]["input"]
    assert examples[1].completion == source[1]["output"]
    licence = (DATA / "LICENSE-LLaMA-Factory-data.txt").read_text(encoding="utf-8")
    assert licence.split("\n", 1)[0].strip() == "Apache License"


def test_alpaca_system_field(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        json.dumps([{"instruction": "i", "input": "", "output": "o", "system": "s"}]), encoding="utf-8"
    )
    assert read_dataset(path).dataset.examples == [Example("i", "o", "s")]


def test_json_array_error_names_the_item_line(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    items = [{"prompt": "a", "completion": "b"}, {"prompt": "c", "completion": "d"}, {"text": "?"}]
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    error = _error(path)
    assert error.code == "bad_record"
    assert error.line == 10  # "[" on line 1, each item spans 4 lines


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"prompt": "a", "completion": "b"},\n  {"prompt": "c" "completion": "d"}\n]\n')
    error = _error(path)
    assert error.code == "bad_json"
    assert error.line == 3


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ('[{"prompt": "a", "completion": "b"}] x', "bad_json", 1),
        ('[{"prompt": "a", "completion": "b"}\n{"prompt": "c"}]', "bad_json", 2),
        ("[]", "empty_file", None),
        ('"just text"', "not_a_table", 1),
    ],
)
def test_json_shapes(tmp_path: Path, text: str, code: str, line: int | None) -> None:
    path = tmp_path / "shape.json"
    path.write_text(text, encoding="utf-8")
    error = _error(path)
    assert error.code == code
    assert error.line == line


def test_json_extension_holding_jsonl_or_one_object(tmp_path: Path) -> None:
    lines = tmp_path / "lines.json"
    lines.write_text('{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"}\n')
    assert len(read_dataset(lines).dataset.examples) == 2
    single = tmp_path / "single.json"
    single.write_text(json.dumps(_chat("user", "assistant"), indent=2))
    assert read_dataset(single).dataset.examples == [Example("user text", "assistant text")]


# Any format ---------------------------------------------------------------------------------------------------


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("hello")
    error = _error(path)
    assert error.code == "unsupported_type"
    assert error.details["suffix"] == ".docx"


@pytest.mark.parametrize("name", ["missing.csv", "missing.xlsx"])
def test_missing_file(tmp_path: Path, name: str) -> None:
    error = _error(tmp_path / name)
    assert error.code == "read_failed"
    assert error.path == tmp_path / name


def test_data_files_are_all_covered() -> None:
    assert DATA_FILES == [
        "alpaca_small.json",
        "bad_line.jsonl",
        "chat.jsonl",
        "chat_multi_turn.jsonl",
        "content.xlsx",
        "content_gbk.csv",
        "content_utf8.csv",
        "dpo.jsonl",
        "empty_cells.xlsx",
        "identity_small.json",
        "legacy.jsonl",
        "missing_column.xlsx",
        "sharegpt_dpo_small.json",
        "sharegpt_tools_small.json",
        "too_few.xlsx",
        "v1_sft_small.jsonl",
    ]


@pytest.mark.parametrize("name", DATA_FILES)
def test_reading_never_changes_the_source(name: str) -> None:
    path = DATA / name
    before = _fingerprint(path)
    with contextlib.suppress(DatasetError):  # bad_line.jsonl and missing_column.xlsx fail by design
        read_dataset(path)
    assert _fingerprint(path) == before
