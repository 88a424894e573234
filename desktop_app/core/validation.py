"""Checks on a dataset before training: what OpenAI rejects (errors) and what usually hurts (warnings).

Each finding is an :class:`Issue` with a stable ``code`` and ``params`` so the UI can translate it; ``message``
is English for the CLI and logs. Row numbers in ``Issue.row`` and in params (``first_row``) are 0-based
indexes into ``dataset.examples``; English messages show them 1-based, as the Data tab numbers rows.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter

from desktop_app.core import prepare
from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.formats import XLSX_ILLEGAL_CHARACTERS, XLSX_MAX_CELL_CHARS
from desktop_app.core.models import is_legacy_model
from desktop_app.core.prepare import Remediation, Rows
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
            first = first_seen.setdefault(duplicate_key(example), index)
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
        length = example_length(example)
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


def is_missing_prompt(example: Example) -> bool:
    """The ``empty_prompt`` error: a single question-and-answer row whose question is blank."""
    return not example.prompt.strip() and not (example.history or example.steps)


def is_missing_completion(example: Example) -> bool:
    """The ``empty_completion`` error: a blank answer that calls no tool either."""
    return not example.completion.strip() and not example.tool_calls


def duplicate_key(example: Example) -> object:
    """What two rows must share to count as the same example (``duplicate_example``): everything trained on."""
    key: object = (example.system, example.prompt, example.completion)
    if example.history or example.steps or example.rejected or example.tools:
        key = (key, example.history, example.steps, example.rejected, example.tools)
    return key


def example_length(example: Example) -> int:
    """Characters of the example's texts (``long_example``): system, prompt, answer and the messages between."""
    length = len(example.system) + len(example.prompt) + len(example.completion)
    if example.history or example.steps:
        length += sum(len(m.content) + len(m.tool_calls) for m in (*example.history, *example.steps))
    return length


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


# ---------------------------------------------------------------------------------------- per base model


def check_for_model(dataset: Dataset) -> list[Issue]:
    """Everything the Data tab checks for the model the rows are prepared for (``dataset.base_model``).

    Chat models: :func:`check_dataset` and :func:`whitespace_issues`. Prompt/completion models (davinci-002,
    babbage-002): :func:`check_dataset` and the legacy ``prepare_data`` checks (:func:`legacy_issues`), whose
    duplicate and long-example decisions replace the general ones (the legacy file holds prompt and
    completion only, so the system text neither makes rows differ nor counts towards their length), and for
    which blank prompts are no error when every prompt is blank (open-ended generation).
    """
    general = check_dataset(dataset)
    if not is_legacy_model(dataset.base_model):
        return system_message_issues(dataset) + general + whitespace_issues(dataset)
    legacy = legacy_issues(dataset)
    replaced = {"duplicate_example", "long_example"}
    if any(issue.params.get("task") == OPEN_ENDED for issue in legacy if issue.code == "legacy_task_type"):
        replaced.add("empty_prompt")
    return [issue for issue in general if issue.code not in replaced] + legacy


def system_message_issues(dataset: Dataset) -> list[Issue]:
    """The cookbook's "examples missing a system message" count, for chat models (an information: a system
    message is optional, but one shared by every example usually helps)."""
    if dataset.default_system or not dataset.examples:
        return []
    missing = sum(1 for example in dataset.examples if not example.system)
    if not missing:
        return []
    return [
        Issue(
            Severity.INFO,
            "no_system_message",
            None,
            None,
            {"count": missing},
            f"{missing} example(s) have no system message; a system prompt for all rows usually helps.",
        )
    ]


WHITESPACE_COLUMNS = ("prompt", "completion", "system", "rejected")
"""Columns :func:`whitespace_issues` looks at (the texts the table shows and trains on)."""


def has_surrounding_whitespace(text: str) -> bool:
    """Spaces or line breaks before or after the text (a blank text counts as empty, not as this)."""
    stripped = text.strip()
    return bool(stripped) and stripped != text


def whitespace_issues(dataset: Dataset) -> list[Issue]:
    """``surrounding_whitespace`` notes: texts that start or end with spaces or line breaks (for chat models,
    which learn them as part of the answer; legacy data wants its leading space and separators kept)."""
    examples = dataset.examples
    found: list[tuple[int, int]] = []
    for order, column in enumerate(WHITESPACE_COLUMNS):
        texts = map(attrgetter(column), examples)  # a pass per column, no tuple per row
        found.extend(
            (row, order)
            for row, text in enumerate(texts)
            if text and (text[0].isspace() or text[-1].isspace()) and text.strip()
        )
    found.sort()
    issues: list[Issue] = []
    for row, order in found:
        column = WHITESPACE_COLUMNS[order]
        issues.append(
            Issue(
                Severity.INFO,
                "surrounding_whitespace",
                row,
                column,
                {"column": column},
                f"Row {row + 1}: the {column} starts or ends with spaces or line breaks.",
            )
        )
    return issues


# ------------------------------------------------------------------------------------- legacy prepare_data

OPEN_ENDED: prepare.TaskType = "open-ended generation"
_LEGACY_COLUMNS: tuple[prepare.Column, ...] = ("prompt", "completion")
MAX_MARKER_ROWS = 100
"""Rows named one by one for a separator (or ending) found inside them; more make one finding about the
separator itself (a common character such as "?" chosen as the separator), not a warning on every row."""


def is_conversation(example: Example) -> bool:
    """More than one question and answer (or tool calls): prompt/completion models cannot train on it."""
    return bool(example.history or example.steps or example.tool_calls)


def legacy_rows(examples: Sequence[Example]) -> tuple[Rows, list[int]]:
    """The rows a prompt/completion file holds, as ``prepare_data`` checked them, and where each one is.

    Left out: conversations (they cannot be written; ``legacy_conversation``) and rows whose completion is
    empty (prepare_data dropped them before its other checks; ``empty_completion`` reports them). The list
    gives, for each of the returned rows, its index in ``examples``.
    """
    positions = [
        i for i, e in enumerate(examples) if e.completion and not (e.history or e.steps or e.tool_calls)
    ]
    if len(positions) == len(examples):
        rows = Rows(tuple([e.prompt for e in examples]), tuple([e.completion for e in examples]))
    else:
        rows = Rows(
            tuple([examples[i].prompt for i in positions]), tuple([examples[i].completion for i in positions])
        )
    return rows, positions


def legacy_duplicates(rows: Rows) -> dict[int, int]:
    """Position of each duplicated row -> the position of its first copy (prepare's decision: same prompt and
    completion; :func:`prepare.remove_duplicates` keeps the first)."""
    duplicated = prepare.duplicate_indexes(rows)
    if not duplicated:
        return {}
    prompts, completions = rows.prompts, rows.completions
    # Built backwards in C: of equal rows, the earliest position is written last and stays.
    pairs = zip(reversed(prompts), reversed(completions), strict=True)
    first_seen = dict(zip(pairs, range(len(rows) - 1, -1, -1), strict=True))
    return {
        position: first_seen[rows.prompts[position], rows.completions[position]] for position in duplicated
    }


def legacy_long_rows(rows: Rows) -> list[int]:
    """Positions of the long examples prepare_data offered to remove (none for open-ended generation)."""
    return prepare.long_indexes(rows) if prepare.check_long_examples(rows) is not None else []


def marker_inside(text: str, marker: str) -> bool:
    """The separator (or ending) also appears before the end of the text, where the model would take it
    for the real one (prepare_data's "contains the suffix more than once")."""
    return marker in (text[: -len(marker)] if text.endswith(marker) else text)


def _show(text: str) -> str:
    return text.replace("\n", "\\n")


def legacy_issues(dataset: Dataset) -> list[Issue]:
    """The legacy ``openai tools fine_tunes.prepare_data`` checks (6-15), for prompt/completion models.

    The decisions are prepare.py's (the legacy tool's, byte for byte), taken on :func:`legacy_rows` as the
    legacy tool took them after dropping empty completions, in the same order, and stopping at the first
    error as it did. Row numbers are mapped back to ``dataset.examples``. The separator and ending follow the
    user's choice when one is stored (``dataset.legacy_separator`` / ``legacy_ending``), else what an export
    would use: the common suffix the data has, or the one prepare_data would add.
    """
    examples = dataset.examples
    issues: list[Issue] = []
    conversations = [i for i, e in enumerate(examples) if e.history or e.steps or e.tool_calls]
    for index in conversations:
        issues.append(
            Issue(
                Severity.ERROR,
                "legacy_conversation",
                index,
                None,
                {},
                f"Row {index + 1} is a conversation of several messages; prompt/completion models "
                "(davinci-002, babbage-002) train on single question-and-answer pairs only.",
            )
        )
    if dataset.default_system or any(example.system for example in examples):
        issues.append(
            Issue(
                Severity.INFO,
                "legacy_system_ignored",
                None,
                "system",
                {},
                "Prompt/completion models have no system message: system prompts are left out of the file.",
            )
        )
    rows, positions = legacy_rows(examples)
    if not rows:
        return issues
    task = prepare.infer_task_type(rows)
    issues.append(
        Issue(
            Severity.INFO,
            "legacy_task_type",
            None,
            None,
            {"task": task},
            f"Based on the data, the model is fine-tuned for {task}.",
        )
    )
    for position, first in legacy_duplicates(rows).items():
        row = positions[position]
        issues.append(
            Issue(
                Severity.WARNING,
                "legacy_duplicate",
                row,
                None,
                {"first_row": positions[first]},
                f"Row {row + 1} has the same prompt and completion as row {positions[first] + 1}.",
            )
        )
    for position in legacy_long_rows(rows):
        row = positions[position]
        length = len(rows.prompts[position]) + len(rows.completions[position])
        issues.append(
            Issue(
                Severity.WARNING,
                "legacy_long_example",
                row,
                None,
                {"length": length, "limit": prepare.LONG_EXAMPLE_CHARS},
                f"Row {row + 1} has {length} characters of prompt and completion (more than "
                f"{prepare.LONG_EXAMPLE_CHARS}); examples should not be longer than 2048 tokens.",
            )
        )
    for column in _LEGACY_COLUMNS:
        upper_case = prepare.check_upper_case(rows, column)
        if upper_case is not None:
            issues.append(
                Issue(
                    Severity.WARNING,
                    "legacy_upper_case",
                    None,
                    column,
                    dict(upper_case.params),
                    f"More than a third of the letters in the {column}s are upper case; models tend to do "
                    "better on a mixture of cases, as in normal language.",
                )
            )
    separator = prepare.check_prompt_separator(rows)
    if separator is not None:
        if separator.error is not None:
            issues.append(_identical("prompt", separator))
            return issues
        issues.extend(_marker_issues("separator", separator, rows, positions, dataset.legacy_separator))
    prompt_prefix = prepare.check_prompt_prefix(rows)
    if prompt_prefix is not None and prompt_prefix.fix is not None:
        prefix = str(prompt_prefix.params["prefix"])
        issues.append(
            Issue(
                Severity.WARNING,
                "legacy_prompt_prefix",
                None,
                "prompt",
                {"prefix": prefix},
                f"All prompts start with “{_show(prefix)}”. Fine-tuning needs no instruction or examples in the "
                "prompt: usually only the input data.",
            )
        )
    completion_prefix = prepare.check_completion_prefix(rows)
    if completion_prefix is not None:
        prefix = str(completion_prefix.params["prefix"])
        issues.append(
            Issue(
                Severity.WARNING,
                "legacy_completion_prefix",
                None,
                "completion",
                {"prefix": prefix},
                f"All completions start with “{_show(prefix)}”. Usually the completion should hold only the "
                "output, without a prefix.",
            )
        )
    ending = prepare.check_completion_ending(rows)
    if ending is not None:
        if ending.error is not None:
            issues.append(_identical("completion", ending))
            return issues
        issues.extend(_marker_issues("ending", ending, rows, positions, dataset.legacy_ending))
    if prepare.check_leading_space(rows) is not None:
        count = len(rows) - sum(map(str.startswith, rows.completions, repeat(" ")))
        issues.append(
            Issue(
                Severity.WARNING,
                "legacy_leading_space",
                None,
                "completion",
                {"count": count},
                f"{count} completion(s) do not start with a space; a leading space tends to give better "
                "results with the legacy models' tokenizer.",
            )
        )
    return issues


def _identical(column: str, remediation: Remediation) -> Issue:
    text = str(remediation.params[column])
    what = "prompts" if column == "prompt" else "completions"
    return Issue(
        Severity.ERROR,
        f"legacy_identical_{what}",
        None,
        column,
        {column: text},
        f"All {what} are identical (“{_show(text)}”): "
        + (
            "leave them blank for open-ended generation, or make them differ."
            if column == "prompt"
            else "the model would only learn to repeat it."
        ),
    )


def _marker_issues(
    kind: str, remediation: Remediation, rows: Rows, positions: Sequence[int], chosen: str | None
) -> list[Issue]:
    """The separator (``kind`` "separator", on prompts) or ending ("ending", on completions) findings."""
    column: prepare.Column = "prompt" if kind == "separator" else "completion"
    what = column
    texts = rows.column(column)
    found = str(remediation.params[kind])  # the common suffix, or the one prepare_data would add
    issues: list[Issue] = []
    if chosen:
        marker = chosen
        issues.append(
            Issue(
                Severity.INFO,
                f"legacy_{kind}_chosen",
                None,
                column,
                {kind: marker},
                f"Exports end every {what} with the chosen {kind} “{_show(marker)}”.",
            )
        )
    elif remediation.question is not None:
        suggested = found
        if chosen is None:
            issues.append(
                Issue(
                    Severity.INFO,
                    f"legacy_{kind}_added",
                    None,
                    column,
                    {kind: suggested},
                    f"The {what}s do not end with a common {kind}: exports add “{_show(suggested)}” to each.",
                )
            )
        else:  # the user chose none: nothing is added
            issues.append(
                Issue(
                    Severity.WARNING,
                    f"legacy_{kind}_missing",
                    None,
                    column,
                    {kind: suggested},
                    f"The {what}s do not end with a common {kind}, and exports add none; “{_show(suggested)}” "
                    "would tell the model where the "
                    + ("completion begins." if kind == "separator" else "completion ends."),
                )
            )
        return issues
    else:
        marker = found
        issues.append(
            Issue(
                Severity.INFO,
                f"legacy_{kind}_found",
                None,
                column,
                {kind: marker},
                f"All {what}s end with “{_show(marker)}”, used as the {kind}.",
            )
        )
        if len(marker) > prepare.LONG_SUFFIX_CHARS:
            suggested = (
                prepare.suggest_separator(texts) if kind == "separator" else prepare.suggest_ending(texts)
            )
            issues.append(
                Issue(
                    Severity.WARNING,
                    f"legacy_{kind}_long",
                    None,
                    column,
                    {kind: marker, "suggested": suggested},
                    f"The {kind} “{_show(marker)}” is very long; consider a shorter one, such as "
                    f"“{_show(suggested)}”.",
                )
            )
    # Counted in C before looking row by row: a text that ends with the marker and has it inside too holds it
    # twice, and ``count`` finds both (the two do not overlap). NUL joins the texts (see prepare._joined).
    occurrences = rows.text(column).count(marker) if "\x00" not in marker else len(texts) + 1
    ending = (
        len(texts) if remediation.question is None and not chosen else 0
    )  # all end with the common suffix
    if not occurrences > ending:
        inside: list[int] = []
    elif ending:  # every text ends with the marker: it is inside those that hold it twice (counted in C)
        inside = [position for position, n in enumerate(map(str.count, texts, repeat(marker))) if n > 1]
    else:
        inside = [position for position, text in enumerate(texts) if marker_inside(text, marker)]
    if not inside:
        return issues
    suggested = prepare.suggest_separator(texts) if kind == "separator" else prepare.suggest_ending(texts)
    if len(inside) > MAX_MARKER_ROWS:
        issues.append(
            Issue(
                Severity.WARNING,
                f"legacy_{kind}_inside_many",
                None,
                column,
                {kind: marker, "count": len(inside), "suggested": suggested},
                f"{len(inside)} {what}s contain the {kind} “{_show(marker)}” before their end; a {kind} found "
                f"in no {what}, such as “{_show(suggested)}”, tells the model where the {what} ends.",
            )
        )
        return issues
    for position in inside:
        row = positions[position]
        issues.append(
            Issue(
                Severity.WARNING,
                f"legacy_{kind}_inside",
                row,
                column,
                {kind: marker, "suggested": suggested},
                f"Row {row + 1}: the {what} contains the {kind} “{_show(marker)}” before its end; the "
                f"model may take it for the end of the {what}.",
            )
        )
    return issues
