"""Find and replace across the text columns of the dataset, as one undoable step."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dataset import Example
from desktop_app.ui.data.table_model import DatasetTableModel

FIELDS = ("prompt", "completion", "system", "rejected", "note")


class CellChange(NamedTuple):
    row: int
    field: str
    old: str
    new: str


def plan_replacements(
    examples: Sequence[Example], rows: Iterable[int], find: str, replace: str, *, match_case: bool
) -> list[CellChange]:
    """Every cell of `rows` that replacing `find` by `replace` would change; one pass over plain strings."""
    if not find:
        return []
    changes: list[CellChange] = []
    if match_case:
        for row in rows:
            example = examples[row]
            for field in FIELDS:
                text: str = getattr(example, field)
                if find in text:
                    new = text.replace(find, replace)
                    if new != text:
                        changes.append(CellChange(row, field, text, new))
        return changes
    pattern = re.compile(re.escape(find), re.IGNORECASE)
    replacement = replace.replace("\\", "\\\\")  # literal text, not a regex template
    for row in rows:
        example = examples[row]
        for field in FIELDS:
            text = getattr(example, field)
            new = pattern.sub(replacement, text)
            if new != text:
                changes.append(CellChange(row, field, text, new))
    return changes


class ReplaceText(QUndoCommand):
    """Replace all: the old values are recorded, so one undo puts every cell back."""

    def __init__(self, model: DatasetTableModel, changes: list[CellChange]) -> None:
        super().__init__(QCoreApplication.translate("DataCommands", "Replace all"))
        self._model = model
        self._changes = changes

    def redo(self) -> None:
        self._model.apply_cells([(c.row, c.field, c.new) for c in self._changes])

    def undo(self) -> None:
        self._model.apply_cells([(c.row, c.field, c.old) for c in self._changes])


class FindReplaceDialog(QDialog):
    """Non-modal: the table stays usable while it is open. The Data tab does the replacing."""

    replaceAllRequested = Signal(str, str, bool)  # find, replace with, match case

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find and replace"))
        self.setModal(False)
        self.find_edit = QLineEdit(self)
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setClearButtonEnabled(True)
        self.match_case_box = QCheckBox(self.tr("Match case"), self)
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("replaceScope")
        self.scope_label.setWordWrap(True)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("replaceResult")
        self.result_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Find:"), self.find_edit)
        form.addRow(self.tr("Replace with:"), self.replace_edit)
        form.addRow("", self.match_case_box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.replace_all_button = QPushButton(self.tr("Replace all"), self)
        self.replace_all_button.setDefault(True)
        self.replace_all_button.setEnabled(False)
        buttons.addButton(self.replace_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.replace_all_button.clicked.connect(self._request)
        self.find_edit.textChanged.connect(self._on_find_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

    def set_scope(self, shown: int, total: int, *, filtering: bool) -> None:
        if filtering:
            text = self.tr("A filter is active: replaces only in the %n row(s) shown", "", shown)
            text += " " + self.tr("(of %1). Clear the filter to replace everywhere.").replace(
                "%1", str(total)
            )
        else:
            text = self.tr(
                "Replaces in all %n row(s): prompt, completion, system, rejected answer and note.", "", total
            )
        self.scope_label.setText(text)

    def show_result(self, changed: int) -> None:
        if changed:
            self.result_label.setText(
                self.tr("Replaced in %n cell(s). Edit → Undo puts them back.", "", changed)
            )
        else:
            self.result_label.setText(self.tr("No cell contains that text."))

    def _on_find_changed(self, text: str) -> None:
        self.replace_all_button.setEnabled(bool(text))
        self.result_label.clear()

    def _request(self) -> None:
        find = self.find_edit.text()
        if find:
            self.replaceAllRequested.emit(find, self.replace_edit.text(), self.match_case_box.isChecked())
