"""`finetune-desk prepare`: the same files and messages as the legacy `openai tools fine_tunes.prepare_data`."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.cli import prepare_main
from tests.cli_probe import run_entry_point

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "legacy_prepare"
REPO = Path(__file__).parent.parent


@dataclass(frozen=True)
class Case:
    folder: str
    source: str
    taken: tuple[str, ...] = ()
    status: int = 0


CASES = [
    Case("seed", "content.xlsx"),
    Case("classification", "reviews.csv"),
    Case("multiclass", "topics.jsonl", taken=("topics_prepared_train.jsonl",)),
    Case("generation", "summaries.jsonl"),
    Case("long_dups", "faq.csv"),
    Case("upper", "shouting.tsv"),
    Case("open_txt", "poems.txt"),
    Case("open_jsonl", "stories.jsonl"),
    Case("json_array", "qa.json"),
    Case("already_prepared", "ready.jsonl"),
    Case("identical_prompts", "same.csv", status=1),
]

# Where we knowingly print something else than the legacy tool (README.md in the golden folder says why).
EXTRA_COLUMN_WARNING = (
    "\n  WARNING: Some of the additional columns/keys contain `{0}` in their name. These will be ignored, and the"
    " column/key `{0}` will be used instead. This could also result from a duplicate column/key in the provided"
    " file."
)
LEGACY_DEVIATIONS = {
    "seed": [(EXTRA_COLUMN_WARNING.format("备注"), "")],
    "classification": [
        (EXTRA_COLUMN_WARNING.format("id"), ""),
        (
            ' Make sure to include `stop=["tive"]` so that the generated texts ends at the expected place.',
            "",
        ),
    ],
    "open_jsonl": [
        (
            "After you’ve fine-tuned a model, remember that your prompt has to end with the indicator string ``"
            " for the model to start generating completions, rather than continuing with the prompt.",
            "",
        )
    ],
}


def run(argv: list[str], answers: str = "") -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = prepare_main(argv, stdin=io.StringIO(answers), stdout=stdout, stderr=stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*_prepared*.jsonl") if p.stat().st_size}


@pytest.mark.parametrize("case", CASES, ids=[case.folder for case in CASES])
def test_same_files_and_messages_as_the_legacy_tool(case: Case, tmp_path, monkeypatch) -> None:
    golden = GOLDEN / case.folder
    shutil.copy(golden / case.source, tmp_path)
    for name in case.taken:
        (tmp_path / name).touch()
    monkeypatch.chdir(tmp_path)  # the legacy run used a relative name; the messages repeat it

    status, stdout, stderr = run([case.source, "-q"])

    assert status == case.status
    assert outputs(tmp_path) == outputs(golden)
    assert outputs(golden) or case.folder in {"open_jsonl", "already_prepared", "identical_prompts"}
    assert (tmp_path / case.source).read_bytes() == (golden / case.source).read_bytes()
    expected = (golden / "stdout.txt").read_text(encoding="utf-8")
    for legacy, ours in LEGACY_DEVIATIONS.get(case.folder, []):
        assert legacy in expected
        expected = expected.replace(legacy, ours)
    assert stdout == expected
    legacy_stderr = golden / "stderr.txt"
    if legacy_stderr.exists():
        assert stderr.strip() == legacy_stderr.read_text(encoding="utf-8").strip()
    else:
        assert stderr == ""


def test_the_seed_command_works_with_minus_f(tmp_path, monkeypatch) -> None:
    shutil.copy(GOLDEN / "seed" / "content.xlsx", tmp_path)
    monkeypatch.chdir(tmp_path)
    status, stdout, _ = run(["-f", "content.xlsx", "--quiet"])
    assert status == 0
    assert (tmp_path / "content_prepared.jsonl").read_bytes() == (
        GOLDEN / "seed" / "content_prepared.jsonl"
    ).read_bytes()
    assert stdout.endswith("Queue will approximately take half an hour per job ahead of you.\n")


def test_a_taken_name_gets_a_number_and_nothing_is_overwritten(tmp_path) -> None:
    source = tmp_path / "content.xlsx"
    shutil.copy(GOLDEN / "seed" / "content.xlsx", source)
    (tmp_path / "content_prepared.jsonl").write_text("mine\n", encoding="utf-8")
    status, stdout, _ = run([str(source), "-q"])
    assert status == 0
    assert (tmp_path / "content_prepared.jsonl").read_text(encoding="utf-8") == "mine\n"
    assert (tmp_path / "content_prepared (1).jsonl").read_bytes() == (
        GOLDEN / "seed" / "content_prepared.jsonl"
    ).read_bytes()
    assert f'-t "{tmp_path / "content_prepared (1).jsonl"}"' in stdout


# ------------------------------------------------------------------------------------------ interactive


def questions_in(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if "[Y/n]:" in line]


def test_no_answers_leave_the_data_as_it_is(tmp_path) -> None:
    source = tmp_path / "summaries.jsonl"
    shutil.copy(GOLDEN / "generation" / "summaries.jsonl", source)

    status, stdout, _ = run([str(source)], answers="n\n" * 5)

    assert status == 0
    assert questions_in(stdout) == [
        "- [Recommended] Remove 1 duplicate rows [Y/n]: "
        "- [Recommended] Add a suffix separator ` ->` to all prompts [Y/n]: "
        "- [Recommended] Remove prefix `Summarize the following text: ` from all prompts [Y/n]: "
        "- [Recommended] Remove prefix ` Summary: ` from all completions [Y/n]: "
        "- [Recommended] Add a suffix ending ` END` to all completions [Y/n]: "
    ]  # the answers are read, not echoed: the questions follow each other on one line
    assert f'You can use your file for fine-tuning:\n> openai api fine_tunes.create -t "{source}"' in stdout
    assert outputs(tmp_path) == {}


def test_one_fix_declined_the_others_taken(tmp_path) -> None:
    source = tmp_path / "shouting.tsv"
    shutil.copy(GOLDEN / "upper" / "shouting.tsv", source)

    # lower-case prompts: no; lower-case completions: Enter (yes); leading space: "Y"; proceed: "yes"
    status, stdout, _ = run([str(source)], answers="N\n\nY\nyes\n")

    assert status == 0
    written = (tmp_path / "shouting_prepared.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(written[0])
    assert first == {"prompt": "WHAT TIME DO YOU OPEN? ANSWER BRIEFLY:", "completion": " nine thirty."}
    assert "indicator string `? ANSWER BRIEFLY:`" in stdout


def test_declining_to_proceed_writes_nothing(tmp_path) -> None:
    source = tmp_path / "faq.csv"
    shutil.copy(GOLDEN / "long_dups" / "faq.csv", source)
    status, stdout, _ = run([str(source)], answers="\n" * 5 + "no\n")
    assert status == 0
    assert stdout.endswith("Proceed [Y/n]: Aborting... did not write the file\n")
    assert outputs(tmp_path) == {}


def test_declining_the_split_writes_one_file(tmp_path) -> None:
    source = tmp_path / "reviews.csv"
    shutil.copy(GOLDEN / "classification" / "reviews.csv", source)
    status, stdout, _ = run([str(source)], answers="\n\nn\n\n")
    assert status == 0
    assert "--compute_classification_metrics" not in stdout
    lines = (tmp_path / "reviews_prepared.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 31
    assert json.loads(lines[0]) == {
        "prompt": "The tea was fragrant and the staff kind ->",
        "completion": " positive",
    }


def test_end_of_input_takes_the_defaults(tmp_path) -> None:
    source = tmp_path / "faq.csv"
    shutil.copy(GOLDEN / "long_dups" / "faq.csv", source)
    status, stdout, _ = run([str(source)], answers="")
    assert status == 0
    assert (tmp_path / "faq_prepared.jsonl").read_bytes() == (
        GOLDEN / "long_dups" / "faq_prepared.jsonl"
    ).read_bytes()
    assert stdout.count("[Y/n]: Y\n") == 6


# ------------------------------------------------------------------------------------------------ errors


def test_missing_column_names_the_file_and_row(tmp_path) -> None:
    source = tmp_path / "missing_column.xlsx"
    shutil.copy(DATA / "missing_column.xlsx", source)
    status, stdout, stderr = run([str(source), "-q"])
    assert status == 1
    assert f"ERROR in necessary_column validator: {source}, row 1: Missing column(s) completion" in stderr
    assert stderr.rstrip().endswith("Aborting...")
    assert outputs(tmp_path) == {}
    assert stdout == "Analyzing...\n"


def test_broken_json_line_names_the_file_and_line(tmp_path) -> None:
    source = tmp_path / "bad_line.jsonl"
    shutil.copy(DATA / "bad_line.jsonl", source)
    status, _, stderr = run([str(source), "-q"])
    assert status == 1
    assert f"ERROR in read_any_format validator: {source}, line 4: Invalid JSON" in stderr


def test_missing_file_and_unsupported_type(tmp_path) -> None:
    status, _, stderr = run([str(tmp_path / "nothing.csv")])
    assert status == 1
    assert f"{tmp_path / 'nothing.csv'}: The file does not exist." in stderr

    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    status, _, stderr = run([str(tmp_path / "notes.pdf")])
    assert status == 1
    assert "Your file must have one of the following extensions" in stderr
    assert "ends with the extension `.pdf`" in stderr


def test_identical_completions_stop_with_an_error(tmp_path) -> None:
    source = tmp_path / "same.csv"
    source.write_text("prompt,completion\na,x\nb,x\nc,x\n", encoding="utf-8")
    # 1 distinct completion of 3 rows is not < 3 / 3: conditional generation, so the ending check runs
    status, _, stderr = run([str(source), "-q"])
    assert status == 1
    assert "ERROR in common_suffix validator: All completions are identical: `x`" in stderr


def test_usage_errors(capsys) -> None:
    status, stdout, stderr = run([])
    assert status == 2
    assert "give the file once" in stderr
    status, stdout, _ = run(["--help"])
    assert status == 0
    assert "usage: finetune-desk prepare" in stdout
    assert capsys.readouterr() == ("", "")


# ---------------------------------------------------------------------------------------------- start-up


def test_the_command_line_never_imports_qt(tmp_path) -> None:
    shutil.copy(GOLDEN / "seed" / "content.xlsx", tmp_path)
    result = run_entry_point(["prepare", "content.xlsx", "-q"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "LOADED: []" in result.stdout
    assert (tmp_path / "content_prepared.jsonl").exists()


_HEAVY_PROBE = """
import sys
from desktop_app.__main__ import main
status = main(sys.argv[1:])
print("HEAVY:", sorted(m for m in ("numpy", "pandas", "openai") if m in sys.modules))
sys.exit(status)
"""


def test_preparing_english_and_chinese_text_imports_no_heavy_library(tmp_path) -> None:
    """Their imports alone took longer than the checks: numpy (only for Greek, Cyrillic... letter counts),
    pandas and openai are not needed to prepare the seed file."""
    shutil.copy(GOLDEN / "seed" / "content.xlsx", tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", _HEAVY_PROBE, "prepare", "content.xlsx", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("HEAVY: []")
    assert (tmp_path / "content_prepared.jsonl").read_bytes() == (
        GOLDEN / "seed" / "content_prepared.jsonl"
    ).read_bytes()


def test_python_minus_m_dispatches_to_prepare(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "prepare", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: finetune-desk prepare" in result.stdout


def test_conversations_are_refused_with_the_example_named(tmp_path: Path) -> None:
    source = tmp_path / "chat_multi_turn.jsonl"
    shutil.copyfile(DATA / "chat_multi_turn.jsonl", source)
    result = run_entry_point(["prepare", str(source), "-q"], cwd=tmp_path)
    assert result.returncode == 1
    assert "chat_multi_turn.jsonl" in result.stderr + result.stdout
    assert "Example 1 is a conversation" in result.stderr + result.stdout
    assert not list(tmp_path.glob("*_prepared*.jsonl"))
