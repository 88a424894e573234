"""`finetune-desk check`: the Data tab's report on the command line, with exit statuses for scripts."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.cli import check_main
from desktop_app.core.formats import read_dataset
from desktop_app.core.report import DEFAULT_MODEL, ROW_CONVENTION
from desktop_app.core.tokens import count_dataset
from desktop_app.core.validation import Severity, check_for_model
from tests.cli_probe import run_entry_point

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


def run(argv: list[str]) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = check_main(argv, stdout=stdout, stderr=stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def run_json(argv: list[str]) -> tuple[int, dict[str, object]]:
    status, stdout, stderr = run([*argv, "--json"])
    assert stderr == ""
    return status, json.loads(stdout)


@pytest.mark.parametrize(
    ("name", "status"), [("content.xlsx", 0), ("chat.jsonl", 0), ("empty_cells.xlsx", 1), ("too_few.xlsx", 1)]
)
def test_exit_status_says_whether_openai_would_refuse_the_file(name: str, status: int) -> None:
    code, stdout, stderr = run([str(DATA / name)])
    assert (code, stderr) == (status, "")
    verdict = stdout.rstrip().splitlines()[-1]
    if status == 0:
        assert verdict == "Result: no blocking errors."
    else:
        assert verdict.endswith("fix them before training (OpenAI would refuse the file).")


def test_unreadable_file_gives_status_2_and_names_the_line() -> None:
    status, stdout, stderr = run([str(DATA / "bad_line.jsonl")])
    assert status == 2
    assert stdout == ""
    assert f"{DATA / 'bad_line.jsonl'}, line 4: Invalid JSON" in stderr


def test_missing_column_gives_status_2_and_names_the_row() -> None:
    status, _, stderr = run([str(DATA / "missing_column.xlsx")])
    assert status == 2
    assert f"{DATA / 'missing_column.xlsx'}, row 1: Missing column(s) completion" in stderr


def test_usage_errors_and_help() -> None:
    status, _, stderr = run([])
    assert status == 2
    assert "usage: finetune-desk check" in stderr
    status, stdout, _ = run(["--help"])
    assert status == 0
    assert "--system-prompt" in stdout
    assert "finetune-desk prepare FILE" in stdout  # the epilog lists both commands


@pytest.mark.parametrize("name", ["content.xlsx", "empty_cells.xlsx", "too_few.xlsx", "content_gbk.csv"])
def test_json_counts_match_the_core(name: str) -> None:
    imported = read_dataset(DATA / name)
    imported.dataset.base_model = DEFAULT_MODEL
    issues = check_for_model(imported.dataset)  # what the Data tab checks for this model
    tokens = count_dataset(imported.dataset, DEFAULT_MODEL)

    status, report = run_json([str(DATA / name)])

    assert status == (1 if any(i.severity is Severity.ERROR for i in issues) else 0)
    assert report["rows"] == len(imported.dataset.examples)
    assert report["model_id"] == DEFAULT_MODEL
    assert report["row_numbering"] == ROW_CONVENTION
    problems = report["problems"]
    assert isinstance(problems, list)
    assert {p["code"]: p["count"] for p in problems} == Counter(i.code for i in issues)
    for problem in problems:
        expected_rows = [i.row + 1 for i in issues if i.code == problem["code"] and i.row is not None]
        assert problem["rows"] == expected_rows[:5]
    assert report["errors"] == sum(i.severity is Severity.ERROR for i in issues)
    assert report["tokens_per_example"] == {
        "count": tokens.tokens_per_example.count,
        "min": tokens.tokens_per_example.min,
        "max": tokens.tokens_per_example.max,
        "mean": tokens.tokens_per_example.mean,
        "median": tokens.tokens_per_example.median,
        "p10": tokens.tokens_per_example.p10,
        "p90": tokens.tokens_per_example.p90,
    }
    assert report["billed_tokens_per_epoch"] == tokens.billed_tokens_per_epoch
    assert report["epochs"] == tokens.epochs
    assert report["estimated_usd"] == pytest.approx(tokens.estimated_usd)
    assert report["price_date"] == tokens.price_date.isoformat()
    assert report["import_warnings"] == [w.message for w in imported.warnings]


def test_text_report_shows_counts_rows_and_cost() -> None:
    imported = read_dataset(DATA / "empty_cells.xlsx")
    issues = check_for_model(imported.dataset)
    tokens = count_dataset(imported.dataset, DEFAULT_MODEL)
    empty = [i.row + 1 for i in issues if i.code == "empty_completion" and i.row is not None]
    assert empty  # the fixture has empty answers

    status, stdout, _ = run([str(DATA / "empty_cells.xlsx")])

    assert status == 1
    assert f"  Examples: {len(imported.dataset.examples)}" in stdout
    assert ROW_CONVENTION in stdout
    listed = ", ".join(str(row) for row in empty[:5])
    assert f"ERROR empty_completion - empty completion (answer): {len(empty)} rows: {listed}" in stdout
    assert f"Billed tokens: {tokens.billed_tokens_per_epoch:,} per epoch x {tokens.epochs} epochs" in stdout
    assert f"Default epochs (auto): {tokens.epochs}" in stdout
    assert f"price as of {tokens.price_date.isoformat()}" in stdout
    assert "Skipped 1 empty row(s)." in stdout
    tokens_line = next(line for line in stdout.splitlines() if line.startswith("  tokens per example"))
    dist = tokens.tokens_per_example
    assert tokens_line.split()[3:] == [
        str(dist.min),
        str(dist.max),
        f"{dist.mean:.1f}",
        f"{dist.median:.1f}",
        f"{dist.p10:.1f}",
        f"{dist.p90:.1f}",
    ]


def test_gbk_csv_reports_the_guessed_encoding() -> None:
    _, stdout, _ = run([str(DATA / "content_gbk.csv")])
    assert "Text encoding: gb18030" in stdout
    assert "Import note: The file is not UTF-8" in stdout


def test_babbage_counts_with_cl100k_as_prompt_plus_completion() -> None:
    imported = read_dataset(DATA / "content.xlsx")
    legacy = count_dataset(imported.dataset, "babbage-002")
    chat = count_dataset(imported.dataset, DEFAULT_MODEL)
    assert legacy.row_tokens != chat.row_tokens

    status, report = run_json([str(DATA / "content.xlsx"), "--model", "babbage-002"])

    assert status == 0
    assert (report["tokenizer"], report["legacy"]) == ("cl100k_base", True)
    assert report["billed_tokens_per_epoch"] == legacy.billed_tokens_per_epoch == sum(legacy.row_tokens)
    _, text = run([str(DATA / "content.xlsx"), "--model", "babbage-002"])[:2]
    assert "Tokens for babbage-002 (cl100k_base, counted as prompt + completion, legacy model)" in text
    assert "messages per example" not in text


def test_unknown_model_has_no_price() -> None:
    status, stdout, _ = run([str(DATA / "content.xlsx"), "--model", "my-own-model"])
    assert status == 0
    assert "Estimated cost: price unknown for my-own-model" in stdout
    assert "$" not in stdout


def test_system_prompt_is_counted_in_rows_without_one() -> None:
    _, plain = run_json([str(DATA / "content.xlsx")])
    _, with_system = run_json([str(DATA / "content.xlsx"), "--system-prompt", "You are a tea house clerk."])
    assert int(str(with_system["billed_tokens_per_epoch"])) > int(str(plain["billed_tokens_per_epoch"]))


def test_special_tokens_in_cells_are_warned_about_with_their_row(tmp_path: Path) -> None:
    source = tmp_path / "leftovers.csv"
    rows = [f"question {n},answer {n}" for n in range(1, 13)]
    rows[3] = "question 4,answer 4<|endoftext|>"  # the 4th example: spreadsheet row 5
    source.write_text("prompt,completion\n" + "\n".join(rows) + "\n", encoding="utf-8")

    status, stdout, _ = run([str(source)])
    _, report = run_json([str(source)])

    assert status == 0  # a warning, not an error
    assert "WARNING <|endoftext|> in 1 row: 4" in stdout
    assert report["special_tokens"] == [{"token": "<|endoftext|>", "count": 1, "rows": [4]}]


def test_rows_over_the_model_limit_are_listed(tmp_path: Path) -> None:
    source = tmp_path / "long.jsonl"
    long_answer = "tea " * 17_000  # over gpt-3.5-turbo's 16,385 tokens per example
    lines = [
        json.dumps({"prompt": f"q{n}", "completion": long_answer if n in (2, 9) else "a"}) for n in range(12)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    status, report = run_json([str(source), "--model", "gpt-3.5-turbo-0125"])

    assert status == 0
    assert (report["rows_over_limit"], report["rows_over_limit_examples"]) == (2, [3, 10])
    _, stdout, _ = run([str(source), "--model", "gpt-3.5-turbo-0125"])
    assert "WARNING over the 16,385-token limit per example (truncated in training): 2 rows: 3, 10" in stdout


# ---------------------------------------------------------------------------------------------- start-up


def test_check_never_imports_qt(tmp_path: Path) -> None:
    shutil.copy(DATA / "empty_cells.xlsx", tmp_path)
    result = run_entry_point(["check", "empty_cells.xlsx"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "ERROR empty_completion" in result.stdout
    assert "LOADED: []" in result.stdout


def test_python_minus_m_dispatches_to_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "check", str(DATA / "content.xlsx"), "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == len(read_dataset(DATA / "content.xlsx").dataset.examples)


def test_top_level_help_lists_both_commands_without_qt() -> None:
    result = run_entry_point(["--help"], REPO)
    assert result.returncode == 0, result.stderr
    assert "prepare FILE [-q]" in result.stdout
    assert "check FILE [--model M]" in result.stdout
    assert "--temp-basedir" in result.stdout  # the app's own options, from the same parser the app uses
    assert "LOADED: []" in result.stdout
