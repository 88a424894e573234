"""One-click fixes for check results: rows in, changes out, as plain data the Data tab turns into undo steps.

:func:`fix_for` offers the fix for one finding (:class:`~desktop_app.core.validation.Issue`), :func:`fix_all_for`
the same fix for every row with that problem. A :class:`Fix` names itself (``code`` and ``params`` for a
translating UI, ``label`` in English) and, given the rows as they are when the user clicks, works out a
:class:`FixResult`: rows to replace, rows to remove, or a legacy export setting to store. It never changes the
rows it is given.

A fix decides again on the rows it is handed rather than trusting the finding it was offered for: the user may
have edited the table between the check and the click, and a fix must not remove a row that is no longer a
duplicate. The decisions are the checks' own: the helpers of :mod:`desktop_app.core.validation` for the
general checks, and prepare.py's checks and fixes (the legacy ``prepare_data``'s) for prompt/completion data,
so a fix here gives exactly the rows the legacy tool would have written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from desktop_app.core import prepare
from desktop_app.core.dataset import Dataset, Example, Message
from desktop_app.core.prepare import Remediation, Rows
from desktop_app.core.tokens import find_special_tokens
from desktop_app.core.validation import (
    LONG_EXAMPLE_CHARS,
    WHITESPACE_COLUMNS,
    Issue,
    duplicate_key,
    example_length,
    has_surrounding_whitespace,
    is_conversation,
    is_missing_completion,
    is_missing_prompt,
    legacy_duplicates,
    legacy_long_rows,
    legacy_rows,
)

# Fix codes (stable: the UI translates by them).
REMOVE_DUPLICATES: Final = "remove_duplicates"
REMOVE_EMPTY: Final = "remove_empty"
STRIP_WHITESPACE: Final = "strip_whitespace"
REMOVE_SPECIAL_TOKENS: Final = "remove_special_tokens"
REMOVE_LONG: Final = "remove_long"
REMOVE_CONVERSATIONS: Final = "remove_conversations"
LOWER_CASE: Final = "lower_case"
REMOVE_PREFIX: Final = "remove_prefix"
USE_SEPARATOR: Final = "use_separator"
USE_ENDING: Final = "use_ending"
ADD_LEADING_SPACE: Final = "add_leading_space"


@dataclass(frozen=True)
class FixResult:
    """What applying a fix changes. Row numbers are indexes into the rows the fix was applied to.

    ``changed`` and ``removed`` never share a row, so replacing first and then removing (from the bottom up)
    gives the fixed rows. ``legacy_separator`` / ``legacy_ending``: a value to store in the dataset's
    settings, None to leave the setting as it is.
    """

    changed: tuple[tuple[int, Example], ...] = ()
    removed: tuple[int, ...] = ()
    legacy_separator: str | None = None
    legacy_ending: str | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing to do (the rows no longer have the problem)."""
        return (
            not self.changed
            and not self.removed
            and self.legacy_separator is None
            and self.legacy_ending is None
        )

    def applied_to(self, examples: Sequence[Example]) -> list[Example]:
        """The rows after the fix (a new list; ``examples`` is left as it is)."""
        fixed = list(examples)
        for row, example in self.changed:
            fixed[row] = example
        gone = set(self.removed)
        return [example for row, example in enumerate(fixed) if row not in gone] if gone else fixed


Plan = Callable[[Sequence[Example]], FixResult]


@dataclass(frozen=True)
class Fix:
    """A fix offered for a finding: its name, and how to apply it to the rows as they are."""

    code: str
    params: Mapping[str, str | int]
    """``count``: rows concerned (as the check found them); ``row``: the 0-based row of a one-row fix; plus
    what the label shows (``column``, ``prefix``, ``separator``, ``ending``, ``tokens``)."""
    label: str
    """English, for the CLI and logs; the UI translates ``code`` + ``params``."""
    rows: tuple[int, ...]
    """The rows it was offered for (0-based); empty for a fix of the whole dataset."""
    plan: Plan = field(repr=False, compare=False)

    def apply(self, examples: Sequence[Example]) -> FixResult:
        """The changes that fix ``examples`` (the Data tab's rows now); never modifies them."""
        return self.plan(examples)


def fix_for(issue: Issue, dataset: Dataset) -> Fix | None:
    """The fix for this one finding (its row; or the whole dataset for a finding about the whole dataset),
    None when there is none."""
    if issue.row is not None and not 0 <= issue.row < len(dataset.examples):
        return None
    builder = _BUILDERS.get(issue.code)
    if builder is None:
        return None
    rows = () if issue.row is None else (issue.row,)
    return builder(issue, rows, dataset)


def fix_all_for(issue: Issue, issues: Sequence[Issue], dataset: Dataset) -> Fix | None:
    """The fix applied to every row ``issues`` report with the same problem as ``issue`` (same code); None
    when no more than one row has it, or the finding is about the whole dataset (its fix covers all rows)."""
    if issue.row is None or issue.code not in _BUILDERS:
        return None
    count = len(dataset.examples)
    rows = tuple(
        sorted({i.row for i in issues if i.code == issue.code and i.row is not None and i.row < count})
    )
    if len(rows) < 2:
        return None
    fix = _BUILDERS[issue.code](issue, rows, dataset)
    return fix if fix is not None and fix.rows else None  # a fix of the whole dataset is offered once


# ------------------------------------------------------------------------------------------------ builders

Builder = Callable[[Issue, tuple[int, ...], Dataset], "Fix | None"]


def _count_params(rows: tuple[int, ...], **extra: str | int) -> dict[str, str | int]:
    params: dict[str, str | int] = {"count": len(rows), **extra}
    if len(rows) == 1:
        params["row"] = rows[0]
    return params


def _row_label(single: str, many: str, rows: tuple[int, ...]) -> str:
    return single.format(row=rows[0] + 1) if len(rows) == 1 else many.format(count=len(rows))


def _removal(code: str, single: str, many: str, keep: Callable[[Sequence[Example]], set[int]]) -> Builder:
    """A fix that removes rows: those of its rows that ``keep`` (the check's decision, taken again on the rows
    the fix is applied to) still finds."""

    def build(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
        targets = frozenset(rows)

        def plan(examples: Sequence[Example]) -> FixResult:
            return FixResult(removed=tuple(sorted(targets & keep(examples))))

        return Fix(code, _count_params(rows), _row_label(single, many, rows), rows, plan)

    return build


def _generic_duplicates(examples: Sequence[Example]) -> set[int]:
    """Rows repeating an earlier row (``duplicate_example``, the first copy is kept)."""
    seen: set[object] = set()
    duplicated: set[int] = set()
    for row, example in enumerate(examples):
        if is_missing_prompt(example) or is_missing_completion(example):
            continue
        key = duplicate_key(example)
        if key in seen:
            duplicated.add(row)
        else:
            seen.add(key)
    return duplicated


def _legacy_duplicates(examples: Sequence[Example]) -> set[int]:
    """Rows repeating an earlier row's prompt and completion (``legacy_duplicate``, as prepare_data)."""
    rows, positions = legacy_rows(examples)
    return {positions[position] for position in legacy_duplicates(rows)}


def _legacy_long(examples: Sequence[Example]) -> set[int]:
    rows, positions = legacy_rows(examples)
    return {positions[position] for position in legacy_long_rows(rows)} if rows else set()


def _rows_where(test: Callable[[Example], bool]) -> Callable[[Sequence[Example]], set[int]]:
    return lambda examples: {row for row, example in enumerate(examples) if test(example)}


def _remove_empty(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
    column = "prompt" if issue.code == "empty_prompt" else "completion"
    test = is_missing_prompt if column == "prompt" else is_missing_completion
    targets = frozenset(rows)

    def plan(examples: Sequence[Example]) -> FixResult:
        return FixResult(removed=tuple(r for r in sorted(targets) if r < len(examples) and test(examples[r])))

    if column == "prompt":
        label = _row_label("Remove row {row} (no question)", "Remove {count} rows without a question", rows)
    else:
        label = _row_label("Remove row {row} (no answer)", "Remove {count} rows without an answer", rows)
    return Fix(REMOVE_EMPTY, _count_params(rows, column=column), label, rows, plan)


def _changes(
    examples: Sequence[Example], rows: Sequence[int], change: Callable[[Example], Example | None]
) -> FixResult:
    """Replace each of ``rows`` by ``change``'s new row (None: nothing to change there)."""
    changed: list[tuple[int, Example]] = []
    for row in rows:
        if row < len(examples):
            new = change(examples[row])
            if new is not None:
                changed.append((row, new))
    return FixResult(changed=tuple(changed))


def stripped(example: Example) -> Example | None:
    """The row with spaces and line breaks around its texts removed (None if it has none)."""
    updates = {
        column: getattr(example, column).strip()
        for column in WHITESPACE_COLUMNS
        if has_surrounding_whitespace(getattr(example, column))
    }
    return dataclasses.replace(example, **updates) if updates else None


def _strip_whitespace(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
    label = _row_label("Trim spaces in row {row}", "Trim spaces in {count} rows", rows)
    return Fix(STRIP_WHITESPACE, _count_params(rows), label, rows, lambda ex: _changes(ex, rows, stripped))


def without_special_tokens(example: Example) -> Example | None:
    """The row with special-token strings (``<|endoftext|>``, ``<|im_start|>``…) taken out of every text it
    trains on or shows (None if it has none)."""

    def clean(text: str) -> str:
        for token in find_special_tokens(text):
            text = text.replace(token, "")
        return text

    def clean_messages(messages: tuple[Message, ...]) -> tuple[Message, ...]:
        return tuple(
            dataclasses.replace(m, content=clean(m.content)) if "<|" in m.content else m for m in messages
        )

    updates: dict[str, object] = {}
    for name in ("system", "prompt", "completion", "rejected"):
        text: str = getattr(example, name)
        cleaned = clean(text)
        if cleaned != text:
            updates[name] = cleaned
    for name in ("history", "steps"):
        messages: tuple[Message, ...] = getattr(example, name)
        cleaned_messages = clean_messages(messages)
        if cleaned_messages != messages:
            updates[name] = cleaned_messages
    return dataclasses.replace(example, **updates) if updates else None  # type: ignore[arg-type]


def _remove_special_tokens(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
    examples = dataset.examples
    # A token found only in the default system prompt is not in the row: removing it is the user's edit.
    rows = tuple(row for row in rows if without_special_tokens(examples[row]) is not None)
    if not rows:
        return None
    tokens = str(issue.params.get("tokens", "")) if len(rows) == 1 else ""
    label = (
        f"Remove {tokens} from row {rows[0] + 1}"
        if len(rows) == 1
        else f"Remove special tokens from {len(rows)} rows"
    )
    return Fix(
        REMOVE_SPECIAL_TOKENS,
        _count_params(rows, tokens=tokens),
        label,
        rows,
        lambda ex: _changes(ex, rows, without_special_tokens),
    )


def _legacy_column_fix(
    examples: Sequence[Example], column: prepare.Column, check: Callable[[Rows], Remediation | None]
) -> FixResult:
    """Apply prepare.py's own fix for ``check`` to the rows a legacy file holds; report the rows it changed."""
    rows, positions = legacy_rows(examples)
    remediation = check(rows) if rows else None
    if remediation is None or remediation.fix is None:
        return FixResult()
    before, after = rows.column(column), remediation.fix(rows).column(column)
    return FixResult(
        changed=tuple(
            (positions[i], dataclasses.replace(examples[positions[i]], **{column: new}))  # type: ignore[arg-type]
            for i, (old, new) in enumerate(zip(before, after, strict=True))
            if new != old
        )
    )


def _legacy_column(issue: Issue) -> prepare.Column:
    return "prompt" if issue.column == "prompt" else "completion"


def _lower_case(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
    column = _legacy_column(issue)

    def plan(examples: Sequence[Example]) -> FixResult:
        return _legacy_column_fix(examples, column, lambda r: prepare.check_upper_case(r, column))

    return Fix(LOWER_CASE, {"column": column}, f"Lower-case all {column}s", (), plan)


def _remove_prefix(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
    column = _legacy_column(issue)
    prefix = str(issue.params.get("prefix", ""))
    check = prepare.check_prompt_prefix if column == "prompt" else prepare.check_completion_prefix
    return Fix(
        REMOVE_PREFIX,
        {"column": column, "prefix": prefix},
        f"Remove “{prefix}” from the start of every {column}",
        (),
        lambda examples: _legacy_column_fix(examples, column, check),
    )


def _add_leading_space(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
    count = int(issue.params.get("count", 0))
    return Fix(
        ADD_LEADING_SPACE,
        {"count": count},
        f"Start {count} completion(s) with a space",
        (),
        lambda examples: _legacy_column_fix(examples, "completion", prepare.check_leading_space),
    )


def _use_separator(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
    """Store the separator in ``dataset.legacy_separator`` instead of adding it to the prompts.

    Why a setting and not an edit: the export adds the separator anyway (``formats.legacy_markers``), so
    writing it into every prompt would change nothing in the file while cluttering the table with
    ``\\n\\n###\\n\\n`` and leaving the user's questions no longer as they typed them (and every later row
    would need it typed too). What the user does need is for the separator to stay the same: prompts sent to
    the trained model must end with it, and the suggestion would silently change if a later edit put `` ->``
    inside a prompt. Storing the choice pins it, keeps the text intact, and is saved with the dataset.
    """
    separator = str(issue.params.get("suggested" if "suggested" in issue.params else "separator", ""))
    if not separator or dataset.legacy_separator:
        return None
    shown = separator.replace("\n", "\\n")
    return Fix(
        USE_SEPARATOR,
        {"separator": separator},
        f"Always end prompts with “{shown}”",
        (),
        lambda _examples: FixResult(legacy_separator=separator),
    )


def _use_ending(issue: Issue, rows: tuple[int, ...], dataset: Dataset) -> Fix | None:
    """Store the ending in ``dataset.legacy_ending`` (see :func:`_use_separator` for why not in the text)."""
    ending = str(issue.params.get("suggested" if "suggested" in issue.params else "ending", ""))
    if not ending or dataset.legacy_ending:
        return None
    shown = ending.replace("\n", "\\n")
    return Fix(
        USE_ENDING,
        {"ending": ending},
        f"Always end completions with “{shown}”",
        (),
        lambda _examples: FixResult(legacy_ending=ending),
    )


_BUILDERS: dict[str, Builder] = {
    "duplicate_example": _removal(
        REMOVE_DUPLICATES, "Remove duplicate row {row}", "Remove {count} duplicate rows", _generic_duplicates
    ),
    "legacy_duplicate": _removal(
        REMOVE_DUPLICATES, "Remove duplicate row {row}", "Remove {count} duplicate rows", _legacy_duplicates
    ),
    "long_example": _removal(
        REMOVE_LONG,
        "Remove long row {row}",
        "Remove {count} long examples",
        _rows_where(lambda e: example_length(e) > LONG_EXAMPLE_CHARS),
    ),
    "legacy_long_example": _removal(
        REMOVE_LONG, "Remove long row {row}", "Remove {count} long examples", _legacy_long
    ),
    "legacy_conversation": _removal(
        REMOVE_CONVERSATIONS,
        "Remove conversation row {row}",
        "Remove {count} conversation rows",
        _rows_where(is_conversation),
    ),
    "empty_prompt": _remove_empty,
    "empty_completion": _remove_empty,
    "surrounding_whitespace": _strip_whitespace,
    "special_token": _remove_special_tokens,
    "legacy_upper_case": _lower_case,
    "legacy_prompt_prefix": _remove_prefix,
    "legacy_completion_prefix": _remove_prefix,
    "legacy_leading_space": _add_leading_space,
    "legacy_separator_added": _use_separator,
    "legacy_separator_missing": _use_separator,
    "legacy_separator_inside": _use_separator,  # a separator found in no prompt instead
    "legacy_separator_inside_many": _use_separator,
    "legacy_ending_added": _use_ending,
    "legacy_ending_missing": _use_ending,
    "legacy_ending_inside": _use_ending,
    "legacy_ending_inside_many": _use_ending,
}
"""Finding code -> how to build its fix (for the rows given; empty for the whole dataset)."""
