"""The Data tab's one-click fixes: their names in the user's language, and one undo step per click."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from desktop_app.core import fixes
from desktop_app.core.dataset import Example
from desktop_app.core.fixes import Fix, FixResult
from desktop_app.ui.data.commands import copy_example
from desktop_app.ui.data.table_model import DatasetTableModel

MAX_SHOWN_CHARS = 24
"""A prefix or separator longer than this is cut with "…" in a button's text (the tooltip has all of it)."""
KEEP_MARKS_UP_TO_RUNS = 20
"""Up to this many separate blocks of rows removed (or put back), the other rows keep their check marks while
the check that follows the fix runs. Beyond it they are cleared first: the table model moves every marked row's
findings on each removal, and 1,000 scattered duplicates in 100,000 rows that all had a finding took 7 s. (A
model reset instead would re-sort a sorted view: 6 s at 100,000 rows.)"""

Markers = tuple[str | None, str | None]
"""The dataset's (legacy_separator, legacy_ending) settings."""


def show_marker(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """A prefix, separator or ending as a button shows it: line breaks as ``\\n``, long ones shortened."""
    shown = text.replace("\n", "\\n")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class FixWords(QObject):
    """The fixes' texts. A QObject because Qt's translation tools read plural forms ("%n row(s)") only from
    ``tr()`` calls."""

    def describe(self, fix: Fix, limit: int) -> str:
        p = fix.params
        count = int(p.get("count", 0))
        row = str(int(p.get("row", 0)) + 1)
        single = count == 1 and "row" in p
        column = str(p.get("column", ""))
        if fix.code == fixes.REMOVE_DUPLICATES:
            if single:
                return self.tr("Remove duplicate row %1").replace("%1", row)
            return self.tr("Remove %n duplicate row(s)", "", count)
        if fix.code == fixes.REMOVE_EMPTY:
            if column == "prompt":
                if single:
                    return self.tr("Remove row %1 (no question)").replace("%1", row)
                return self.tr("Remove %n row(s) without a question", "", count)
            if single:
                return self.tr("Remove row %1 (no answer)").replace("%1", row)
            return self.tr("Remove %n row(s) without an answer", "", count)
        if fix.code == fixes.STRIP_WHITESPACE:
            if single:
                return self.tr("Trim spaces in row %1").replace("%1", row)
            return self.tr("Trim spaces in %n row(s)", "", count)
        if fix.code == fixes.REMOVE_SPECIAL_TOKENS:
            if single:
                return (
                    self.tr("Remove %1 from row %2")
                    .replace("%1", show_marker(str(p.get("tokens", "")), limit))
                    .replace("%2", row)
                )
            return self.tr("Remove special tokens from %n row(s)", "", count)
        if fix.code == fixes.REMOVE_LONG:
            if single:
                return self.tr("Remove long row %1").replace("%1", row)
            return self.tr("Remove %n long example(s)", "", count)
        if fix.code == fixes.REMOVE_CONVERSATIONS:
            if single:
                return self.tr("Remove conversation row %1").replace("%1", row)
            return self.tr("Remove %n conversation row(s)", "", count)
        if fix.code == fixes.LOWER_CASE:
            return (
                self.tr("Lower-case all prompts")
                if column == "prompt"
                else self.tr("Lower-case all completions")
            )
        if fix.code == fixes.REMOVE_PREFIX:
            text = (
                self.tr("Remove “%1” from every prompt")
                if column == "prompt"
                else self.tr("Remove “%1” from every answer")
            )
            return text.replace("%1", show_marker(str(p.get("prefix", "")), limit))
        if fix.code == fixes.USE_SEPARATOR:
            return self.tr("Always end prompts with “%1”").replace(
                "%1", show_marker(str(p.get("separator", "")), limit)
            )
        if fix.code == fixes.USE_ENDING:
            return self.tr("Always end answers with “%1”").replace(
                "%1", show_marker(str(p.get("ending", "")), limit)
            )
        if fix.code == fixes.ADD_LEADING_SPACE:
            return self.tr("Start %n answer(s) with a space", "", count)
        return fix.label


def describe_fix(fix: Fix, *, limit: int = MAX_SHOWN_CHARS) -> str:
    """What the fix does, in the user's language (a button's text); unknown codes fall back to English."""
    return FixWords().describe(fix, limit)


class ApplyFix(QUndoCommand):
    """One fix as one undo step: rows replaced, rows removed and/or a legacy export setting stored.

    Rows are replaced first, then removed from the bottom up (a fix never does both to the same row); undo
    puts the removed rows back where they were and the replaced ones as they were.
    """

    def __init__(
        self,
        model: DatasetTableModel,
        result: FixResult,
        text: str,
        *,
        markers: Markers = (None, None),
        set_markers: Callable[[str | None, str | None], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._model = model
        self._new = [(row, copy_example(example)) for row, example in result.changed]
        self._old = [(row, copy_example(model.example(row))) for row, _example in result.changed]
        self._removed_rows = sorted(set(result.removed))
        self._removed: list[Example] = []
        self._old_markers = markers
        self._new_markers: Markers = (
            markers[0] if result.legacy_separator is None else result.legacy_separator,
            markers[1] if result.legacy_ending is None else result.legacy_ending,
        )
        self._set_markers = set_markers

    def redo(self) -> None:
        if self._new:
            self._model.replace_examples([(row, copy_example(e)) for row, e in self._new])
        if self._removed_rows:
            self._removed = [copy_example(self._model.example(row)) for row in self._removed_rows]
            remove_rows(self._model, self._removed_rows)
        if self._set_markers is not None and self._new_markers != self._old_markers:
            self._set_markers(*self._new_markers)

    def undo(self) -> None:
        if self._removed_rows:
            restore_rows(self._model, self._removed_rows, [copy_example(e) for e in self._removed])
        if self._old:
            self._model.replace_examples([(row, copy_example(e)) for row, e in self._old])
        if self._set_markers is not None and self._new_markers != self._old_markers:
            self._set_markers(*self._old_markers)


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first row, number of rows) blocks of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][0] + runs[-1][1] == row:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((row, 1))
    return runs


def remove_rows(model: DatasetTableModel, rows: Sequence[int]) -> None:
    """Remove the (sorted, distinct) rows, a block of consecutive rows at a time, from the bottom up."""
    runs = _runs(rows)
    if len(runs) > KEEP_MARKS_UP_TO_RUNS:
        model.set_issues([])
    for start, count in reversed(runs):
        model.remove_examples(start, count)


def restore_rows(model: DatasetTableModel, rows: Sequence[int], examples: Sequence[Example]) -> None:
    """Put ``examples`` back at ``rows`` (sorted, as they were before :func:`remove_rows`)."""
    runs = _runs(rows)
    if len(runs) > KEEP_MARKS_UP_TO_RUNS:
        model.set_issues([])
    taken = 0
    for start, count in runs:  # in order: each block goes where it was once the blocks above it are back
        model.insert_examples(start, list(examples[taken : taken + count]))
        taken += count
