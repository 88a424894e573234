"""check_dataset: each check fires on the right row, and stays quiet on clean data."""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.formats import read_dataset
from desktop_app.core.validation import (
    Issue,
    Severity,
    check_dataset,
    check_summary,
    has_blocking_errors,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def _clean(n: int) -> Dataset:
    return Dataset([Example(f"问题 {i}？", f"回答 {i}。") for i in range(n)])


def _codes(issues: list[Issue]) -> list[tuple[str, int | None]]:
    return [(issue.code, issue.row) for issue in issues]


def test_clean_data_has_no_issues() -> None:
    assert check_dataset(_clean(60)) == []
    assert check_dataset(_clean(50)) == []


def test_no_examples() -> None:
    issues = check_dataset(Dataset([]))
    assert _codes(issues) == [("no_examples", None)]
    assert issues[0].severity is Severity.ERROR
    assert has_blocking_errors(issues)


def test_too_few_examples_is_an_error() -> None:
    issues = check_dataset(_clean(9))
    assert _codes(issues) == [("too_few_examples", None)]
    assert issues[0].severity is Severity.ERROR
    assert issues[0].params == {"count": 9, "minimum": 10}
    assert "OpenAI requires at least 10 examples" in issues[0].message


def test_fewer_than_recommended_is_info_only() -> None:
    issues = check_dataset(_clean(10))
    assert _codes(issues) == [("few_examples", None)]
    assert issues[0].severity is Severity.INFO
    assert issues[0].params == {"count": 10, "recommended": 50}
    assert not has_blocking_errors(issues)
    assert check_summary(issues) == (0, 0)


def test_thresholds_are_parameters() -> None:
    assert _codes(check_dataset(_clean(3), min_examples=2, recommended=3)) == []
    assert _codes(check_dataset(_clean(3), min_examples=5)) == [("too_few_examples", None)]


def test_empty_prompt_and_completion_name_row_and_column() -> None:
    dataset = _clean(60)
    dataset.examples[3].prompt = "   "
    dataset.examples[7].completion = ""
    issues = check_dataset(dataset)
    assert _codes(issues) == [("empty_prompt", 3), ("empty_completion", 7)]
    assert [i.column for i in issues] == ["prompt", "completion"]
    assert issues[0].message == "Row 4: the prompt is empty."
    assert check_summary(issues) == (2, 0)
    assert has_blocking_errors(issues)


def test_empty_cells_file() -> None:
    issues = check_dataset(read_dataset(DATA / "empty_cells.xlsx").dataset)
    assert _codes(issues) == [("few_examples", None), ("empty_completion", 2), ("empty_completion", 6)]


def test_too_few_file() -> None:
    issues = check_dataset(read_dataset(DATA / "too_few.xlsx").dataset)
    assert _codes(issues) == [("too_few_examples", None)]


def test_seed_file_is_valid_but_small() -> None:
    issues = check_dataset(read_dataset(DATA / "content.xlsx").dataset)
    assert _codes(issues) == [("few_examples", None)]


def test_duplicates_name_both_rows() -> None:
    dataset = _clean(60)
    dataset.examples[5] = Example(dataset.examples[1].prompt, dataset.examples[1].completion)
    dataset.examples[9] = Example(dataset.examples[1].prompt, dataset.examples[1].completion)
    issues = check_dataset(dataset)
    assert _codes(issues) == [("duplicate_example", 5), ("duplicate_example", 9)]
    assert issues[0].severity is Severity.WARNING
    assert issues[0].params == {"first_row": 1}
    assert issues[1].params == {"first_row": 1}
    assert issues[0].message == "Row 6 repeats row 2."
    assert check_summary(issues) == (0, 2)
    assert not has_blocking_errors(issues)


def test_same_pair_with_other_system_or_whitespace_is_not_a_duplicate() -> None:
    dataset = _clean(60)
    dataset.examples[5] = Example(dataset.examples[1].prompt, dataset.examples[1].completion, "system")
    dataset.examples[6] = Example(dataset.examples[1].prompt, dataset.examples[1].completion + " ")
    assert check_dataset(dataset) == []


def test_empty_rows_are_not_also_reported_as_duplicates() -> None:
    dataset = _clean(60)
    dataset.examples[2] = Example("", "")
    dataset.examples[4] = Example("", "")
    assert [code for code, _row in _codes(check_dataset(dataset))] == ["empty_prompt", "empty_completion"] * 2


def test_long_example() -> None:
    dataset = _clean(60)
    dataset.examples[10] = Example("q" * 5_000, "a" * 5_000)  # exactly the limit: fine
    dataset.examples[11] = Example("q" * 5_000, "a" * 4_999, "s" * 2)
    issues = check_dataset(dataset)
    assert _codes(issues) == [("long_example", 11)]
    assert issues[0].params == {"length": 10_001, "limit": 10_000}


def test_issue_is_hashable_and_frozen() -> None:
    issue = check_dataset(_clean(5))[0]
    assert hash(issue) == hash(issue)
    assert issue in {issue}


def test_100k_rows_check_quickly() -> None:
    dataset = Dataset([Example(f"question number {i} " * 5, f"answer {i} " * 10) for i in range(100_000)])
    dataset.examples[99_999] = Example(dataset.examples[0].prompt, dataset.examples[0].completion)
    started = time.perf_counter()
    issues = check_dataset(dataset)
    elapsed = time.perf_counter() - started
    assert _codes(issues) == [("duplicate_example", 99_999)]
    assert elapsed < 1.0, f"check_dataset took {elapsed:.2f} s for 100k rows"
