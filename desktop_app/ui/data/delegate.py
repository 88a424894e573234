"""The table's cell editing: one-line cells edit in place; long or multi-line text and conversations open
their editors instead (a one-line box would hide line breaks and choke on long text)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex

INLINE_LIMIT = 300
"""Longest text edited in the cell itself; longer text opens the roomy editor."""


class DataCellDelegate(QStyledItemDelegate):
    """Asks ``wants_dialog(index)`` before editing in place; when it says yes, ``open_dialog(index)`` runs
    right after (outside the view's edit call) and no in-place editor is made."""

    def __init__(
        self,
        wants_dialog: Callable[[Index], bool],
        open_dialog: Callable[[QPersistentModelIndex], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._wants_dialog = wants_dialog
        self._open_dialog = open_dialog

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if self._wants_dialog(index):
            target = QPersistentModelIndex(index)
            QTimer.singleShot(0, self, lambda: self._open_dialog(target))
            return None  # type: ignore[return-value]  # Qt accepts "no editor"
        return super().createEditor(parent, option, index)


def needs_text_dialog(text: str) -> bool:
    return len(text) > INLINE_LIMIT or "\n" in text or "\r" in text
