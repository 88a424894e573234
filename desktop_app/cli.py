"""Command-line tools: ``finetune-desk prepare FILE [-q]`` and ``finetune-desk check FILE [--model M] ...``.

``prepare`` behaves like the legacy ``openai tools fine_tunes.prepare_data -f FILE [-q]`` (openai 0.28.1):
the same checks in the same order, the same questions and messages, the same output files. The checks live
in :mod:`desktop_app.core.prepare`; this module only talks to the user. It must never import Qt (the entry
point imports it without the app), and its messages are plain English, as the legacy tool's were.

``check`` prints the report the Data tab shows (:mod:`desktop_app.core.report` builds and words it); its exit
status lets scripts act on it: 0 no blocking errors, 1 errors, 2 unreadable input or usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TextIO

from desktop_app.core import prepare
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import read_dataset

_COMMANDS_EPILOG = "Commands: finetune-desk prepare FILE [-q] | finetune-desk check FILE [options]."

# The validator names the legacy tool printed in its error messages.
_LEGACY_CHECK_NAMES = {
    "prompt_separator": "common_suffix",
    "completion_ending": "common_suffix",
    "missing_columns": "necessary_column",
}
_SPLIT_QUESTION = "- [Recommended] Would you like to split into training and validation set? [Y/n]: "
_PROCEED_QUESTION = "\n\nYour data will be written to a new JSONL file. Proceed [Y/n]: "


def prepare_main(argv: Sequence[str], *, stdin: TextIO, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Run ``prepare`` with ``argv`` (the arguments after ``prepare``); returns the exit status.

    Questions are answered from ``stdin`` (Enter or anything but "n"/"no" accepts; end of input accepts the
    default, Yes). Errors go to ``stderr`` (default ``sys.stderr``) and give status 1.
    """
    errors = stderr if stderr is not None else sys.stderr
    parsed = _parse_arguments(argv, stdout, errors)
    if isinstance(parsed, int):
        return parsed
    source, quiet = parsed
    try:
        return _prepare(source, _Questions(stdin, stdout, accept_all=quiet), stdout, errors)
    except KeyboardInterrupt:
        errors.write("\n")
        return 1


def _parse_arguments(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> tuple[str, bool] | int:
    parser = argparse.ArgumentParser(
        prog="finetune-desk prepare",
        description="Check prompt-completion training data and write it as JSONL, like the legacy"
        " `openai tools fine_tunes.prepare_data`.",
        epilog=_COMMANDS_EPILOG,
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="JSONL, JSON, CSV, TSV, TXT or XLSX file containing prompt-completion examples to be analyzed",
    )
    parser.add_argument(
        "-f", "--file", dest="file_option", metavar="FILE", help="the same, as the legacy tool took it"
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="Auto accepts all suggestions, without asking for user input. To be used within scripts.",
    )
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            args = parser.parse_args(list(argv))
            if (args.file is None) == (args.file_option is None):
                parser.error("give the file once: prepare FILE, or prepare -f FILE")
        except SystemExit as exit_request:  # argparse exits after --help and on usage errors
            return exit_request.code if isinstance(exit_request.code, int) else 2
    source: str = args.file if args.file is not None else args.file_option
    return source, bool(args.quiet)


class _Questions:
    """Y/n questions as the legacy tool asked them; with ``accept_all`` (-q) every answer is Yes."""

    def __init__(self, stdin: TextIO, stdout: TextIO, *, accept_all: bool) -> None:
        self._stdin = stdin
        self._stdout = stdout
        self._accept_all = accept_all

    def ask(self, question: str) -> bool:
        self._stdout.write(question)
        if self._accept_all:
            self._stdout.write("Y\n")
            return True
        self._stdout.flush()
        answer = self._stdin.readline()
        if not answer:  # end of input: take the default rather than fail as the legacy tool did
            self._stdout.write("Y\n")
            return True
        return answer.strip().lower() not in ("n", "no")


def _prepare(source: str, questions: _Questions, stdout: TextIO, stderr: TextIO) -> int:
    stdout.write("Analyzing...\n")
    try:
        loaded = prepare.load(source)
    except DatasetError as error:
        return _fail(stderr, _LEGACY_CHECK_NAMES.get(error.code, "read_any_format"), str(error))
    analysis = prepare.analyse(loaded)
    for remediation in analysis.remediations:
        if remediation.error is not None:
            return _fail(
                stderr, _LEGACY_CHECK_NAMES.get(remediation.code, remediation.code), remediation.error
            )
        for finding in remediation.findings:
            stdout.write(f"\n- {finding}")

    def decide(remediation: prepare.Remediation) -> bool:
        accepted = remediation.question is not None and questions.ask(
            f"- [Recommended] {remediation.question} [Y/n]: "
        )
        if remediation.necessary is not None:
            stdout.write(f"- [Necessary] {remediation.necessary}\n")
        return accepted

    if any(remediation.changes_data for remediation in analysis.remediations):
        stdout.write("\n\nBased on the analysis we will perform the following actions:\n")
        rows, applied = prepare.apply_recommended(analysis, decide)
    else:
        stdout.write("\n\nNo remediations found.\n")
        rows, applied = analysis.rows, False

    advice = prepare.advise(rows, original_count=analysis.original_count)
    split = advice.task == "classification" and questions.ask(_SPLIT_QUESTION)
    stop_advice = (
        f' Make sure to include `stop=["{_show(advice.stop)}"]` so that the generated texts ends at the expected place.'
        if advice.stop
        else ""
    )
    if not (applied or analysis.necessary_changes or split):
        stdout.write(
            f'\nYou can use your file for fine-tuning:\n> openai api fine_tunes.create -t "{source}"\n\n'
            f"{_separator_reminder(advice.separator)}{stop_advice}\n"
        )
    elif questions.ask(_PROCEED_QUESTION):
        plan = prepare.plan_output(source, rows, split=split)
        try:
            prepare.write_outputs(plan)
        except DatasetError as error:
            return _fail(stderr, "write_out_file", str(error))
        names = [output.path for output in plan.files]
        stdout.write(
            f"\nWrote modified file{'s' if len(names) > 1 else ''} to `{'` and `'.join(names)}`\n"
            "Feel free to take a look!\n\n"
            "Now use that file when fine-tuning:\n"
            f'> openai api fine_tunes.create -t "{names[0]}"{plan.create_options}\n\n'
            f"{_separator_reminder(advice.separator)}{stop_advice}\n"
        )
    else:
        stdout.write("Aborting... did not write the file\n")
        return 0
    stdout.write(
        f"Once your model starts training, it'll approximately take"
        f" {prepare.format_duration(advice.estimated_seconds)} to train a `curie` model, and less for `ada` and"
        " `babbage`. Queue will approximately take half an hour per job ahead of you.\n"
    )
    return 0


def _separator_reminder(separator: str) -> str:
    if not separator:
        return ""
    return (
        "After you’ve fine-tuned a model, remember that your prompt has to end with the indicator string"
        f" `{_show(separator)}` for the model to start generating completions, rather than continuing with the"
        " prompt."
    )


def _show(text: str) -> str:
    return text.replace("\n", "\\n")


def _fail(stderr: TextIO, check: str, message: str) -> int:
    stderr.write(f"\n\nERROR in {check} validator: {message}\n\nAborting...\n")
    return 1


# ------------------------------------------------------------------------------------------------ check


def check_main(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Run ``check`` with ``argv`` (the arguments after ``check``); returns the exit status.

    0: no blocking errors; 1: errors OpenAI would refuse; 2: the file cannot be read, or a usage error.
    """
    # Only `check` counts tokens: `prepare` does not pay for importing tiktoken and the report.
    from desktop_app.core.report import DEFAULT_MODEL, build_report, format_report, report_to_json  # noqa: PLC0415
    from desktop_app.core.tokens import TokenizerError  # noqa: PLC0415

    errors = stderr if stderr is not None else sys.stderr
    parser = argparse.ArgumentParser(
        prog="finetune-desk check",
        description="Print the report the Data tab shows for a data file: problems with example rows, token"
        " counts, rows over the model's limit, special tokens, epochs and the cost estimate. Exit status:"
        " 0 no blocking errors, 1 errors, 2 unreadable file.",
        epilog=_COMMANDS_EPILOG,
    )
    parser.add_argument(
        "file", help="XLSX, XLS, CSV, TSV, JSONL, JSON, TXT or .ftdesk file with training examples"
    )
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help=f"base model to count tokens and price for (default: {DEFAULT_MODEL})",
    )
    parser.add_argument(
        "--system-prompt",
        default="",
        metavar="TEXT",
        help="system text for rows without one, as set in the app (counted in every such row)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON (for scripts)")
    with redirect_stdout(stdout), redirect_stderr(errors):
        try:
            args = parser.parse_args(list(argv))
        except SystemExit as exit_request:  # argparse exits after --help and on usage errors
            return exit_request.code if isinstance(exit_request.code, int) else 2
    model: str = args.model.strip()
    try:
        report = build_report(read_dataset(Path(args.file)), model, args.system_prompt)
    except DatasetError as error:
        errors.write(f"finetune-desk check: cannot read {error}\n")
        return 2
    except TokenizerError as error:
        errors.write(f"finetune-desk check: cannot count tokens: {error}\n")
        return 2
    stdout.write(report_to_json(report) + "\n" if args.json else format_report(report))
    return 1 if report.blocking else 0
