"""Export: chat and legacy JSONL, tables, atomic writes, prepared names, legacy prepare_data markers."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import (
    chat_jsonl_lines,
    export_jsonl,
    infer_task_type,
    legacy_jsonl_lines,
    prepared_path,
    read_dataset,
    suggest_legacy_markers,
    to_jsonl_bytes,
    write_table,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def _tea() -> Dataset:
    """The seed's questions and answers (without its 备注 notes, which chat JSONL does not carry)."""
    dataset = read_dataset(DATA / "content.xlsx").dataset
    dataset.examples = [Example(e.prompt, e.completion) for e in dataset.examples]
    return dataset


def _mixed() -> Dataset:
    return Dataset(
        [
            Example("你好？", "您好，这里是青山茶舍。", "你是客服小青"),
            Example("Line one\nline two", 'Quote " and \\ backslash, comma'),
            Example("=1+1", "@sum"),
        ]
    )


# JSONL ----------------------------------------------------------------------------------------------------


def test_chat_lines_system_from_row_then_default_then_none() -> None:
    lines = list(chat_jsonl_lines(_mixed(), system_prompt="默认系统"))
    records = [json.loads(line) for line in lines]
    assert records[0] == {
        "messages": [
            {"role": "system", "content": "你是客服小青"},
            {"role": "user", "content": "你好？"},
            {"role": "assistant", "content": "您好，这里是青山茶舍。"},
        ]
    }
    assert records[1]["messages"][0] == {"role": "system", "content": "默认系统"}
    no_default = [json.loads(line) for line in chat_jsonl_lines(_mixed())]
    assert [m["role"] for m in no_default[1]["messages"]] == ["user", "assistant"]
    assert all("\n" not in line for line in lines)
    assert "青山茶舍" in lines[0]  # not ASCII-escaped


def test_chat_export_round_trips_through_the_reader(tmp_path: Path) -> None:
    original = _tea()
    path = tmp_path / "train.jsonl"
    assert export_jsonl(chat_jsonl_lines(original), path) == 24
    raw = path.read_bytes()
    assert raw.endswith(b"\n")
    assert "阿福".encode() in raw
    records = [json.loads(line) for line in raw.decode().splitlines()]
    assert [[m["role"] for m in r["messages"]] for r in records] == [["user", "assistant"]] * 24
    assert [r["messages"][0]["content"] for r in records] == [e.prompt for e in original.examples]
    assert records[6]["messages"][1]["content"] == "100"
    assert read_dataset(path).dataset.examples == original.examples


def test_legacy_defaults_change_nothing() -> None:
    dataset = _mixed()
    records = [json.loads(line) for line in legacy_jsonl_lines(dataset)]
    assert records == [{"prompt": e.prompt, "completion": e.completion} for e in dataset.examples]


def test_legacy_markers_are_added_once(tmp_path: Path) -> None:
    dataset = Dataset([Example("问一", "答一"), Example("问二 ->", " 答二\n")])
    lines = list(legacy_jsonl_lines(dataset, " ->", "\n", leading_space=True))
    assert [json.loads(line) for line in lines] == [
        {"prompt": "问一 ->", "completion": " 答一\n"},
        {"prompt": "问二 ->", "completion": " 答二\n"},
    ]
    path = tmp_path / "legacy.jsonl"
    export_jsonl(lines, path)
    again = read_dataset(path).dataset
    assert [json.loads(line) for line in legacy_jsonl_lines(again, " ->", "\n", leading_space=True)] == [
        json.loads(line) for line in lines
    ]


def test_to_jsonl_bytes_matches_the_file(tmp_path: Path) -> None:
    dataset = _mixed()
    path = tmp_path / "x.jsonl"
    export_jsonl(chat_jsonl_lines(dataset), path)
    data = to_jsonl_bytes(chat_jsonl_lines(dataset))
    assert data == path.read_bytes()
    assert data.count(b"\n") == 3
    assert to_jsonl_bytes([]) == b""


# Tables ---------------------------------------------------------------------------------------------------


def test_xlsx_round_trip_keeps_chinese_and_formula_like_text(tmp_path: Path) -> None:
    dataset = _mixed()
    path = tmp_path / "out.xlsx"
    write_table(dataset, path)
    result = read_dataset(path)
    assert result.dataset.examples == dataset.examples
    assert result.column_map == {"prompt": "prompt", "completion": "completion", "system": "system"}
    assert result.sheets == ["data"]


def test_xlsx_without_system_has_two_columns(tmp_path: Path) -> None:
    path = tmp_path / "tea.xlsx"
    write_table(_tea(), path)
    result = read_dataset(path)
    assert result.column_map == {"prompt": "prompt", "completion": "completion"}
    assert result.dataset.examples == _tea().examples


def test_csv_is_utf8_with_bom_for_excel(tmp_path: Path) -> None:
    dataset = _mixed()
    path = tmp_path / "out.csv"
    write_table(dataset, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["prompt", "completion", "system"]
    assert rows[1] == ["你好？", "您好，这里是青山茶舍。", "你是客服小青"]
    assert rows[2] == ["Line one\nline two", 'Quote " and \\ backslash, comma', ""]
    back = read_dataset(path)
    assert back.dataset.encoding == "utf-8-sig"
    assert back.dataset.examples == dataset.examples


def test_tsv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    write_table(_tea(), path)
    assert read_dataset(path).dataset.examples == _tea().examples


def test_control_character_names_the_row(tmp_path: Path) -> None:
    dataset = Dataset([Example("ok", "ok"), Example("ok", "ok"), Example("bad\x01", "ok")])
    path = tmp_path / "ctrl.xlsx"
    with pytest.raises(DatasetError) as caught:
        write_table(dataset, path)
    error = caught.value
    assert error.code == "illegal_character"
    assert error.row == 4  # header is row 1, third example is row 4
    assert error.column == "prompt"
    assert error.details["character"] == "U+0001"
    assert "ctrl.xlsx, row 4, column 'prompt'" in str(error)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_too_long_cell_names_the_row(tmp_path: Path) -> None:
    dataset = Dataset([Example("q", "a" * 32_767), Example("q2", "b" * 32_768)])
    with pytest.raises(DatasetError) as caught:
        write_table(dataset, tmp_path / "long.xlsx")
    assert caught.value.code == "cell_too_long"
    assert caught.value.row == 3
    assert caught.value.column == "completion"
    assert caught.value.details["length"] == "32768"


def test_control_characters_are_fine_in_csv(tmp_path: Path) -> None:
    dataset = Dataset([Example("tab\there", "bell\x07")])
    path = tmp_path / "ctrl.csv"
    write_table(dataset, path)
    assert read_dataset(path).dataset.examples == dataset.examples


def test_unsupported_table_type(tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as caught:
        write_table(_mixed(), tmp_path / "out.ods")
    assert caught.value.code == "unsupported_type"


# Atomic writes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["train.jsonl", "table.xlsx", "table.csv"])
def test_failed_replace_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"old content")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    def write() -> None:
        if name.endswith(".jsonl"):
            export_jsonl(chat_jsonl_lines(_mixed()), path)
        else:
            write_table(_mixed(), path)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DatasetError) as caught:
        write()
    assert caught.value.code == "write_failed"
    assert caught.value.details["reason"] == "Permission denied"
    assert path.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind


def test_export_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_text("old\n")
    export_jsonl(chat_jsonl_lines(_mixed()), path)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3


def test_error_while_producing_lines_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_text("old\n")

    def lines() -> object:
        yield '{"messages": []}'
        raise RuntimeError("generator broke")

    with pytest.raises(RuntimeError):
        export_jsonl(lines(), path)  # type: ignore[arg-type]
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["train.jsonl"]


# Names ---------------------------------------------------------------------------------------------------


def test_prepared_path_numbers_taken_names(tmp_path: Path) -> None:
    source = tmp_path / "content.xlsx"
    first = prepared_path(source)
    assert first == tmp_path / "content_prepared.jsonl"
    first.touch()
    second = prepared_path(source)
    assert second == tmp_path / "content_prepared (1).jsonl"
    second.touch()
    assert prepared_path(source) == tmp_path / "content_prepared (2).jsonl"
    assert prepared_path(source, "_prepared_train") == tmp_path / "content_prepared_train.jsonl"
    assert prepared_path(source, ext=".csv") == tmp_path / "content_prepared.csv"


# Legacy prepare_data markers (rules 6, 11, 14) ------------------------------------------------------------


def _pairs(*pairs: tuple[str, str]) -> Dataset:
    return Dataset([Example(p, c) for p, c in pairs])


def test_tea_data_keeps_its_common_question_mark() -> None:
    # Every prompt ends with "？": prepare_data keeps a common suffix as the separator. Completions share no
    # ending and none contains a newline, so "\n" is suggested.
    assert suggest_legacy_markers(_tea()) == ("？", "\n")


def test_prepared_legacy_file_keeps_its_markers() -> None:
    separator, ending = suggest_legacy_markers(read_dataset(DATA / "legacy.jsonl").dataset)
    assert separator == "？ ->"
    assert ending == "。\n"


def test_arrow_separator_when_no_prompt_has_a_newline() -> None:
    data = _pairs(("a", "x1"), ("b", "x2"), ("c", "x3"))
    assert suggest_legacy_markers(data) == (" ->", "\n")


def test_arrow_is_skipped_for_multiline_prompts_and_used_options_are_skipped() -> None:
    data = _pairs(("a\nb", "one."), ("c ### \n\n###\n\nd", "two\nlines"), ("e", "three"))
    # "###" block appears in a prompt: next option; completions hold "\n" and ".": next is " END".
    assert suggest_legacy_markers(data) == ("\n\n===\n\n", " END")


def test_fallbacks_when_every_option_is_taken() -> None:
    prompts = "a\n" + "".join(["\n\n###\n\n", "\n\n===\n\n", "\n\n---\n\n", "\n\n===>\n\n", "\n\n--->\n\n"])
    completions = "x" + "".join(["\n", ".", " END", "***", "+++", "&&&", "$$$", "@@@", "%%%"])
    data = _pairs((prompts + "1", completions + "1"), ("b", "y"), ("c", "z"))
    assert suggest_legacy_markers(data) == ("\n\n### =>\n\n", " [END]")


def test_classification_gets_no_ending() -> None:
    data = _pairs(*[(f"review {i}", "positive" if i % 2 else "negative") for i in range(9)])
    assert infer_task_type(data) == "classification"
    assert suggest_legacy_markers(data) == (" ->", "")


def test_open_ended_generation_gets_neither() -> None:
    data = _pairs(("", "story one"), ("", "story two"))
    assert infer_task_type(data) == "open-ended generation"
    assert suggest_legacy_markers(data) == ("", "")


def test_identical_prompts_are_an_error() -> None:
    with pytest.raises(DatasetError) as caught:
        suggest_legacy_markers(_pairs(("same", "a"), ("same", "b"), ("same", "c")))
    assert caught.value.code == "identical_prompts"


def test_identical_completions_are_an_error() -> None:
    with pytest.raises(DatasetError) as caught:
        suggest_legacy_markers(_pairs(("a", "same"), ("b", "same")))
    assert caught.value.code == "identical_completions"


def test_no_examples_is_an_error() -> None:
    with pytest.raises(DatasetError) as caught:
        suggest_legacy_markers(Dataset([]))
    assert caught.value.code == "no_examples"
