"""Every edit of the table as an undoable command (Edit → Undo / Redo)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from desktop_app.core.dataset import Example

if TYPE_CHECKING:  # the model imports these commands
    from desktop_app.ui.data.table_model import DatasetTableModel


class EditCell(QUndoCommand):
    def __init__(self, model: DatasetTableModel, row: int, field: str, old: str, new: str) -> None:
        super().__init__(QCoreApplication.translate("DataCommands", "Edit cell"))
        self._model, self._row, self._field, self._old, self._new = model, row, field, old, new

    def redo(self) -> None:
        self._model.apply_cell(self._row, self._field, self._new)

    def undo(self) -> None:
        self._model.apply_cell(self._row, self._field, self._old)


class InsertRows(QUndoCommand):
    def __init__(self, model: DatasetTableModel, row: int, examples: list[Example], text: str) -> None:
        super().__init__(text)
        self._model, self._row, self._examples = model, row, examples

    def redo(self) -> None:
        self._model.insert_examples(self._row, [copy_example(e) for e in self._examples])

    def undo(self) -> None:
        self._model.remove_examples(self._row, len(self._examples))


class RemoveRows(QUndoCommand):
    """Removes possibly scattered rows; undo puts each back where it was."""

    def __init__(self, model: DatasetTableModel, rows: list[int]) -> None:
        super().__init__(QCoreApplication.translate("DataCommands", "Delete rows"))
        self._model = model
        self._rows = sorted(set(rows))
        self._removed: list[Example] = []

    def redo(self) -> None:
        self._removed = [copy_example(self._model.example(r)) for r in self._rows]
        for row in reversed(self._rows):
            self._model.remove_examples(row, 1)

    def undo(self) -> None:
        for row, example in zip(self._rows, self._removed, strict=True):
            self._model.insert_examples(row, [copy_example(example)])


def copy_example(example: Example) -> Example:
    """An independent row (its messages are immutable, so a shallow copy is enough)."""
    return dataclasses.replace(example)


class ReplaceRows(QUndoCommand):
    """Whole rows changed at once: a conversation edited, a fix applied, the split drawn."""

    def __init__(self, model: DatasetTableModel, changes: list[tuple[int, Example]], text: str) -> None:
        super().__init__(text)
        self._model = model
        self._new = [(row, copy_example(example)) for row, example in changes]
        self._old = [(row, copy_example(model.example(row))) for row, _example in changes]
        self.on_redo: Callable[[], None] | None = None
        """Called after the rows change (e.g. to change the dataset's settings with them)."""
        self.on_undo: Callable[[], None] | None = None

    def redo(self) -> None:
        self._model.replace_examples([(row, copy_example(e)) for row, e in self._new])
        if self.on_redo is not None:
            self.on_redo()

    def undo(self) -> None:
        self._model.replace_examples([(row, copy_example(e)) for row, e in self._old])
        if self.on_undo is not None:
            self.on_undo()


class MoveRow(QUndoCommand):
    def __init__(self, model: DatasetTableModel, source: int, destination: int) -> None:
        super().__init__(QCoreApplication.translate("DataCommands", "Move row"))
        self._model, self._source, self._destination = model, source, destination

    def redo(self) -> None:
        self._model.move_example(self._source, self._destination)

    def undo(self) -> None:
        self._model.move_example(self._destination, self._source)


class SortRows(QUndoCommand):
    """Sorting reorders the rows themselves, as a spreadsheet's Sort does; undo restores the order before."""

    def __init__(self, model: DatasetTableModel, order: list[int], text: str) -> None:
        super().__init__(text)
        self._model = model
        self._order = order
        self._inverse = [0] * len(order)
        for new, old in enumerate(order):
            self._inverse[old] = new

    def redo(self) -> None:
        self._model.apply_order(self._order)

    def undo(self) -> None:
        self._model.apply_order(self._inverse)
