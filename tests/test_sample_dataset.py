"""The sample dataset that ships in resources/samples: it reads, passes the checks, and matches its script."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from desktop_app.core.formats import ImportResult, read_dataset
from desktop_app.core.validation import Severity, check_dataset, has_blocking_errors, whitespace_issues

SAMPLES = Path(__file__).parent.parent / "resources" / "samples"
SAMPLE = SAMPLES / "content.xlsx"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def load_make_sample() -> ModuleType:
    """make_sample.py is a script, not a package module: load it from its path."""
    spec = importlib.util.spec_from_file_location("make_sample", SAMPLES / "make_sample.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows_of(result: ImportResult) -> list[tuple[str, str]]:
    return [(example.prompt, example.completion) for example in result.dataset.examples]


@pytest.fixture(scope="module")
def sample() -> ImportResult:
    return read_dataset(SAMPLE)


def test_reads_prompt_and_completion_columns(sample: ImportResult) -> None:
    assert sample.column_map == {"prompt": "prompt", "completion": "completion"}
    assert len(sample.sheets) == 1
    assert sample.warnings == []
    assert len(sample.dataset.examples) >= 30


def test_every_row_is_a_chinese_question_and_answer(sample: ImportResult) -> None:
    for number, (prompt, completion) in enumerate(rows_of(sample), start=1):
        assert CHINESE.search(prompt), f"row {number}: prompt {prompt!r}"
        assert CHINESE.search(completion), f"row {number}: completion {completion!r}"
        assert completion != prompt
    assert not any(example.system for example in sample.dataset.examples)


def test_check_finds_no_errors_nor_warnings(sample: ImportResult) -> None:
    issues = check_dataset(sample.dataset)
    assert not has_blocking_errors(issues)
    assert [issue for issue in issues if issue.severity is not Severity.INFO] == []
    assert whitespace_issues(sample.dataset) == []


def test_prompts_are_distinct(sample: ImportResult) -> None:
    # The practice service answers with the nearest training prompt's answer: a repeated prompt would hide one.
    prompts = [prompt for prompt, _ in rows_of(sample)]
    assert len(set(prompts)) == len(prompts)


def test_script_regenerates_the_shipped_rows(sample: ImportResult, tmp_path: Path) -> None:
    make_sample = load_make_sample()
    written = make_sample.write_sample(tmp_path / "content.xlsx")
    regenerated = read_dataset(written)
    assert regenerated.sheets == sample.sheets
    assert rows_of(regenerated) == rows_of(sample)
    assert rows_of(regenerated) == list(make_sample.ROWS)


def test_script_output_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    make_sample = load_make_sample()
    first = make_sample.write_sample(tmp_path / "first.xlsx").read_bytes()
    second = make_sample.write_sample(tmp_path / "second.xlsx").read_bytes()
    assert first == second
