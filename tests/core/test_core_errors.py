"""DatasetError carries the location as data and names it in English."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.errors import DatasetError


def test_str_names_file_and_line() -> None:
    error = DatasetError("Invalid JSON", code="bad_json", path=Path("data/x.jsonl"), line=4)
    assert str(error) == f"{Path('data/x.jsonl')}, line 4: Invalid JSON"
    assert error.code == "bad_json"
    assert error.line == 4
    assert error.row is None
    assert error.details == {}


def test_str_names_row_and_column() -> None:
    error = DatasetError(
        "Contains control character U+0001",
        code="illegal_character",
        path=Path("out.xlsx"),
        row=7,
        column="prompt",
        details={"character": "U+0001"},
    )
    assert str(error) == "out.xlsx, row 7, column 'prompt': Contains control character U+0001"
    assert error.details["character"] == "U+0001"
    assert "illegal_character" in repr(error)


def test_str_without_location_is_the_message() -> None:
    error = DatasetError("No examples", code="no_examples")
    assert str(error) == "No examples"
    assert error.location() == ""


def test_details_are_copied() -> None:
    details = {"a": "1"}
    error = DatasetError("m", code="c", details=details)
    details["a"] = "2"
    assert error.details == {"a": "1"}
