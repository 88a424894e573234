"""Checks on a dataset before training: what OpenAI rejects (errors) and what usually hurts (warnings).

Each finding is an :class:`Issue` with a stable ``code`` and ``params`` so the UI can translate it; ``message``
is English for the CLI and logs. Row numbers in ``Issue.row`` and in params (``first_row``) are 0-based
indexes into ``dataset.examples``; English messages show them 1-based, as the Data tab numbers rows.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.formats import XLSX_ILLEGAL_CHARACTERS, XLSX_MAX_CELL_CHARS
from desktop_app.core.tokens import TokenReport

MIN_EXAMPLES = 10
"""OpenAI rejects a training file with fewer examples."""
RECOMMENDED_EXAMPLES = 50
"""OpenAI's guide: "50 to 100" examples usually show clear improvement."""
LONG_EXAMPLE_CHARS = 10_000
"""prepare_data's threshold for long examples (characters of prompt + completion; we add the system text)."""


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Issue:
    severity: Severity
    code: str
    row: int | None
    """0-based index into ``dataset.examples``; None for the whole dataset."""
    column: str | None
    """"prompt", "completion", "system" or "rejected"; None when the whole row or dataset is meant."""
    params: Mapping[str, str | int] = field(default_factory=dict, hash=False)
    message: str = ""


def check_dataset(
    dataset: Dataset, *, min_examples: int = MIN_EXAMPLES, recommended: int = RECOMMENDED_EXAMPLES
) -> list[Issue]:
    """All issues: whole-dataset ones first, then per row in row order. One pass, dict lookups only."""
    count = len(dataset.examples)
    if count == 0:
        return [Issue(Severity.ERROR, "no_examples", None, None, {}, "The dataset has no examples.")]

    issues: list[Issue] = []
    if count < min_examples:
        issues.append(
            Issue(
                Severity.ERROR,
                "too_few_examples",
                None,
                None,
                {"count": count, "minimum": min_examples},
                f"{count} example(s): OpenAI requires at least {min_examples} examples.",
            )
        )
    elif count < recommended:
        issues.append(
            Issue(
                Severity.INFO,
                "few_examples",
                None,
                None,
                {"count": count, "recommended": recommended},
                f"{count} examples: {recommended} or more usually train noticeably better.",
            )
        )

    if dataset.is_preference:
        issues.extend(_preference_issues(dataset))
    first_seen: dict[object, int] = {}
    for index, example in enumerate(dataset.examples):
        row_label = index + 1
        conversation = bool(example.history or example.steps)
        prompt_empty = not example.prompt.strip()
        completion_empty = not example.completion.strip() and not example.tool_calls
        if prompt_empty and not conversation:
            issues.append(
                Issue(
                    Severity.ERROR,
                    "empty_prompt",
                    index,
                    "prompt",
                    {},
                    f"Row {row_label}: the prompt is empty.",
                )
            )
        elif prompt_empty and not any(message.role == "user" for message in example.history):
            issues.append(
                Issue(
                    Severity.WARNING,
                    "no_user_message",
                    index,
                    "prompt",
                    {},
                    f"Row {row_label}: the conversation has no user message.",
                )
            )
        if completion_empty:
            issues.append(
                Issue(
                    Severity.ERROR,
                    "empty_completion",
                    index,
                    "completion",
                    {},
                    f"Row {row_label}: the completion (answer) is empty.",
                )
            )
        if example.weight == 0 and not any(m.weight != 0 for m in example.history if m.role == "assistant"):
            issues.append(
                Issue(
                    Severity.ERROR,
                    "nothing_trained",
                    index,
                    "completion",
                    {},
                    f"Row {row_label}: every answer has weight 0, so the row teaches nothing.",
                )
            )
        if not (prompt_empty and not conversation) and not completion_empty:
            key: object = (example.system, example.prompt, example.completion)
            if conversation or example.rejected or example.tools:
                key = (key, example.history, example.steps, example.rejected, example.tools)
            first = first_seen.setdefault(key, index)
            if first != index:
                issues.append(
                    Issue(
                        Severity.WARNING,
                        "duplicate_example",
                        index,
                        None,
                        {"first_row": first},
                        f"Row {row_label} repeats row {first + 1}.",
                    )
                )
        length = len(example.system) + len(example.prompt) + len(example.completion)
        if conversation:
            length += sum(len(m.content) + len(m.tool_calls) for m in (*example.history, *example.steps))
        if length > LONG_EXAMPLE_CHARS:
            issues.append(
                Issue(
                    Severity.WARNING,
                    "long_example",
                    index,
                    None,
                    {"length": length, "limit": LONG_EXAMPLE_CHARS},
                    f"Row {row_label} has {length} characters (more than {LONG_EXAMPLE_CHARS}); "
                    "long examples may be truncated in training.",
                )
            )
        _xlsx_row_issues(index, example, issues)
    return issues


def _preference_issues(dataset: Dataset) -> list[Issue]:
    """Preference (DPO) data: every row needs a rejected answer that differs from the preferred one."""
    issues: list[Issue] = []
    for index, example in enumerate(dataset.examples):
        row_label = index + 1
        if not example.rejected.strip():
            issues.append(
                Issue(
                    Severity.ERROR,
                    "missing_rejected",
                    index,
                    "rejected",
                    {},
                    f"Row {row_label}: preference training needs a rejected (worse) answer.",
                )
            )
        elif example.rejected == example.completion:
            issues.append(
                Issue(
                    Severity.WARNING,
                    "rejected_same",
                    index,
                    "rejected",
                    {},
                    f"Row {row_label}: the rejected answer is the same as the preferred one.",
                )
            )
        if example.history or example.steps:
            issues.append(
                Issue(
                    Severity.WARNING,
                    "preference_multi_turn",
                    index,
                    None,
                    {},
                    f"Row {row_label}: OpenAI's preference training takes single-turn examples.",
                )
            )
    return issues


def xlsx_issues(dataset: Dataset) -> list[Issue]:
    """What would stop saving the rows to an Excel workbook: cells over 32,767 characters, control characters."""
    issues: list[Issue] = []
    for index, example in enumerate(dataset.examples):
        _xlsx_row_issues(index, example, issues)
    return issues


def _xlsx_row_issues(index: int, example: Example, issues: list[Issue]) -> None:
    for column in ("prompt", "completion", "system", "rejected", "note"):
        value: str = getattr(example, column)
        if len(value) > XLSX_MAX_CELL_CHARS:
            issues.append(
                Issue(
                    Severity.INFO,
                    "xlsx_cell_too_long",
                    index,
                    column,
                    {"length": len(value), "limit": XLSX_MAX_CELL_CHARS},
                    f"Row {index + 1}: {len(value)} characters in {column}; an Excel cell holds "
                    f"{XLSX_MAX_CELL_CHARS} (export to JSONL or CSV instead).",
                )
            )
        elif value and XLSX_ILLEGAL_CHARACTERS.search(value):
            issues.append(
                Issue(
                    Severity.INFO,
                    "xlsx_control_character",
                    index,
                    column,
                    {},
                    f"Row {index + 1}: {column} holds a control character that Excel files cannot hold.",
                )
            )


def check_summary(issues: Iterable[Issue]) -> tuple[int, int]:
    """(number of errors, number of warnings); infos are not counted."""
    errors = warnings = 0
    for issue in issues:
        if issue.severity is Severity.ERROR:
            errors += 1
        elif issue.severity is Severity.WARNING:
            warnings += 1
    return errors, warnings


def has_blocking_errors(issues: Iterable[Issue]) -> bool:
    """True when training would be refused (any error)."""
    return any(issue.severity is Severity.ERROR for issue in issues)


def token_issues(report: TokenReport, special_tokens: Mapping[int, list[str]]) -> list[Issue]:
    """Check results from a token count: rows the model would cut short, and special-token-shaped strings."""
    issues = [
        Issue(
            Severity.WARNING,
            "too_many_tokens",
            row,
            None,
            {"tokens": report.row_tokens[row], "limit": report.example_limit or 0},
            f"Row {row + 1} has {report.row_tokens[row]} tokens; {report.model_id} trains on at most "
            f"{report.example_limit} and cuts the rest.",
        )
        for row in report.rows_over_limit
    ]
    issues.extend(
        Issue(
            Severity.WARNING,
            "special_token",
            row,
            None,
            {"tokens": ", ".join(found)},
            f"Row {row + 1} contains {', '.join(found)}, usually a leftover of another tool's chat template.",
        )
        for row, found in sorted(special_tokens.items())
    )
    return issues
