"""The read-only table of the import preview: the file's first rows, its header as column headers."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.core.formats import column_letter

FIELD_ROLE = Qt.ItemDataRole.UserRole + 1
"""The field ("prompt", "completion", ...) a column is mapped to, or None (cells and horizontal headers)."""
FULL_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A cell's text exactly as it will be imported (the display role shows one shortened line)."""

MAX_SHOWN_CHARS = 200
MAX_TOOLTIP_CHARS = 2_000

# Field names as the import dialog and the preview headers show them.
FIELD_TITLES: dict[str, object] = {  # QT_TRANSLATE_NOOP marks them for lupdate; it returns its text
    "prompt": QT_TRANSLATE_NOOP("ImportDialog", "Question / prompt"),
    "completion": QT_TRANSLATE_NOOP("ImportDialog", "Answer / completion"),
    "system": QT_TRANSLATE_NOOP("ImportDialog", "System prompt"),
    "rejected": QT_TRANSLATE_NOOP("ImportDialog", "Rejected answer (DPO)"),
    "note": QT_TRANSLATE_NOOP("ImportDialog", "Note"),
    "split": QT_TRANSLATE_NOOP("ImportDialog", "Split (train / validation)"),
    "conversation": QT_TRANSLATE_NOOP("ImportDialog", "Conversation (JSON)"),
}

# Light tints with dark text, so mapped columns read the same in light and dark themes.
_TINTS = {"prompt": "#dcebff", "completion": "#dcf3e0"}
_OTHER_TINT = "#f6ecd6"
_MAPPED_TEXT = "#1b1b1b"
_UNMAPPED_TEXT = "#8a8a8a"


def field_title(name: str) -> str:
    return QCoreApplication.translate("ImportDialog", str(FIELD_TITLES.get(name, name)))


def field_tint(name: str) -> QColor:
    return QColor(_TINTS.get(name, _OTHER_TINT))


class PreviewTableModel(QAbstractTableModel):
    """Plain rows of text in, read-only cells out. Horizontal headers show Excel's column letter, the column's
    name and, once mapped, the field it becomes; vertical headers show the rows' numbers in the file."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._header: list[str] = []
        self._named: list[bool] = []
        self._rows: list[list[str]] = []
        self._numbers: list[int] = []
        self._first_column = 0
        self._fields: dict[int, str] = {}

    # ---- updates -------------------------------------------------------------------------------------
    def set_table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        row_numbers: Sequence[int],
        *,
        named: Sequence[bool] | None = None,
        first_column: int = 0,
    ) -> None:
        """A whole new preview. ``named[i]`` False: ``header[i]`` is a stand-in label for a nameless column."""
        self.beginResetModel()
        self._header = list(header)
        self._named = list(named) if named is not None else [True] * len(self._header)
        width = len(self._header)
        self._rows = [[*row[:width], *[""] * (width - len(row))] for row in rows]
        self._numbers = list(row_numbers)
        self._first_column = first_column
        self._fields = {}
        self.endResetModel()

    def clear(self) -> None:
        self.set_table([], [], [])

    def set_mapping(self, fields: Mapping[int, str]) -> None:
        """Which column becomes which field (column index -> field name); the others are left out."""
        fields = {c: f for c, f in fields.items() if 0 <= c < len(self._header)}
        if fields == self._fields:
            return
        self._fields = dict(fields)
        if self._header:
            last = len(self._header) - 1
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, last))

    # ---- queries -------------------------------------------------------------------------------------
    def mapping(self) -> dict[int, str]:
        return dict(self._fields)

    def column_title(self, column: int) -> str:
        """``"A · 问题"``: Excel's letter and the name (or "(no name)")."""
        letter = column_letter(self._first_column + column)
        if self._named[column]:
            return f"{letter} · {self._header[column]}"
        return f"{letter} · " + QCoreApplication.translate("ImportDialog", "(no name)")

    # ---- QAbstractTableModel -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not self.hasIndex(index.row(), index.column(), index.parent()):
            return None
        text = self._rows[index.row()][index.column()]
        field = self._fields.get(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _one_line(text, MAX_SHOWN_CHARS)
        if role == FULL_TEXT_ROLE:
            return text
        if role == FIELD_ROLE:
            return field
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(text) if text else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(field_tint(field)) if field is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if field is not None:
                return QBrush(QColor(_MAPPED_TEXT))
            return QBrush(QColor(_UNMAPPED_TEXT)) if self._fields else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._numbers):
                return str(self._numbers[section])
            return None
        if not 0 <= section < len(self._header):
            return None
        field = self._fields.get(section)
        if role == Qt.ItemDataRole.DisplayRole:
            title = self.column_title(section)
            return f"{title}\n→ {field_title(field)}" if field is not None else title
        if role == Qt.ItemDataRole.ToolTipRole:
            if field is None:
                return QCoreApplication.translate("ImportDialog", "Not imported")
            return QCoreApplication.translate("ImportDialog", "Imported as: %1").replace(
                "%1", field_title(field)
            )
        if role == FIELD_ROLE:
            return field
        if role == Qt.ItemDataRole.FontRole and field is not None:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _one_line(text: str, limit: int) -> str:
    """Line breaks as a visible mark, so a multi-line cell shows its start on one row."""
    flat = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ↵ ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _tooltip(text: str) -> str:
    shown = text if len(text) <= MAX_TOOLTIP_CHARS else text[:MAX_TOOLTIP_CHARS] + "…"
    # Rich text, so long cells wrap instead of making one screen-wide line.
    return "<p style='white-space:pre-wrap'>" + html.escape(shown) + "</p>"
