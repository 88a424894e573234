"""Settings ▸ Training prices…: the price per 1M training tokens of each model, which the user may correct.

An edited price is used at once (``pricesChanged``) and written to the user's price file in the background;
the shipped table (``resources/prices.json``) is never changed.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.prices import USER_EDIT_SOURCE, Price, PriceTable, save_user_prices
from desktop_app.storage.fileio import set_aside
from desktop_app.ui.colours import Tone, tone
from desktop_app.ui.names import model_display_name, price_source_text
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

COL_MODEL, COL_PRICE, COL_CHECKED, COL_SOURCE = range(4)
MODEL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the model id of the row
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 2  # "shipped" or "user"

MAX_PRICE = 1_000_000.0
"""Largest price the editor accepts (US dollars per 1M tokens): far above any real one."""
STALE_AFTER_DAYS = 365
"""A price checked longer ago than this is shown in amber: it may have changed."""

Index = QModelIndex | QPersistentModelIndex


def format_usd(value: float) -> str:
    """``$3.00``; cents unless the price needs finer steps (``$0.0125``)."""
    if round(value, 2) == value:
        return f"${value:,.2f}"
    return f"${value:,.6f}".rstrip("0")


def parse_price(value: object) -> float | None:
    """A price typed or pasted in (``3``, ``"2.50"``, ``"$2.50"``, ``"2,50"``), or None if it is not one.

    A lone comma is a decimal comma (prices per 1M tokens are small numbers); with a point, commas group.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip().removeprefix("$").strip()
        text = text.replace(",", "") if "." in text else text.replace(",", ".", 1)
        try:
            value = float(text)
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        return None
    return float(value)


class PriceTableModel(QAbstractTableModel):
    """One row per priced model. Only the price is editable; an edit stamps today's date and "edited by you"."""

    priceEdited = Signal(object)  # Price: the row as edited
    priceRejected = Signal(str)  # what was typed

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._rows: list[Price] = []

    def set_rows(self, rows: Sequence[Price]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Price]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            COL_MODEL: self.tr("Model"),
            COL_PRICE: self.tr("Price per 1M tokens"),
            COL_CHECKED: self.tr("Checked on"),
            COL_SOURCE: self.tr("Source"),
        }
        return titles.get(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == COL_PRICE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        price = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(price, column)
        if role == Qt.ItemDataRole.EditRole:
            return price.usd_per_1m_tokens if column == COL_PRICE else self._display(price, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(price, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and price.origin == "user" and column in {COL_PRICE, COL_SOURCE}:
            font = QFont()
            font.setBold(column == COL_PRICE)
            font.setItalic(column == COL_SOURCE)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if price.origin == "user" and column in {COL_PRICE, COL_SOURCE}:
                return QBrush(tone(Tone.INFO))
            if column == COL_CHECKED and self.is_stale(price):
                return QBrush(tone(Tone.WARNING))
        if role == MODEL_ID_ROLE:
            return price.model_id
        if role == ORIGIN_ROLE:
            return price.origin
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != COL_PRICE:
            return False
        usd = parse_price(value)
        if usd is None:
            self.priceRejected.emit(str(value))
            return False
        row = index.row()
        if usd == self._rows[row].usd_per_1m_tokens and self._rows[row].origin == "user":
            return False  # nothing changed: keep the date the user last typed it
        self._rows[row] = self._rows[row].edited(usd, self._today())
        self.dataChanged.emit(self.index(row, COL_PRICE), self.index(row, COL_SOURCE))
        self.priceEdited.emit(self._rows[row])
        return True

    def _display(self, price: Price, column: int) -> str | None:
        if column == COL_MODEL:
            return model_display_name(price.display_name)
        if column == COL_PRICE:
            return format_usd(price.usd_per_1m_tokens)
        if column == COL_CHECKED:
            return price.checked.isoformat()
        if column == COL_SOURCE:
            return (
                self.tr("edited by you")
                if price.source == USER_EDIT_SOURCE
                else price_source_text(price.source)
            )
        return None

    def _tooltip(self, price: Price, column: int) -> str | None:
        if column == COL_MODEL:
            return price.model_id
        if column == COL_PRICE:
            return self.tr("Double-click to change the price.")
        if column == COL_CHECKED and self.is_stale(price):
            return self.tr("Checked more than a year ago: the price may have changed.")
        if column == COL_SOURCE:
            return self._display(price, column)
        return None

    def is_stale(self, price: Price) -> bool:
        """Checked more than :data:`STALE_AFTER_DAYS` ago."""
        return (self._today() - price.checked).days > STALE_AFTER_DAYS


class PriceDelegate(QStyledItemDelegate):
    """Prices are typed into a spin box: a number, 0 or more, in dollars."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QDoubleSpinBox(parent)
        editor.setRange(0.0, MAX_PRICE)
        editor.setDecimals(4)
        editor.setPrefix("$")
        editor.setSingleStep(0.1)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setFrame(False)
        return editor


class _LatestWins:
    """Saves run in pool threads and may overlap; the newest snapshot is the one left on disk."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._written = 0

    def run(self, generation: int, write: Callable[[], None]) -> bool:
        with self._lock:
            if generation <= self._written:
                return False  # a newer snapshot is already on disk
            write()
            self._written = generation
            return True


class PricesDialog(QDialog):
    """Shows and edits the price table. Edits are used at once and saved to ``user_file`` in the background."""

    pricesChanged = Signal(object)  # PriceTable: what cost estimates should use from now on
    saved = Signal(object)  # Path of the user's price file, once an edit is on disk
    saveFailed = Signal(object)  # the exception

    def __init__(
        self,
        table: PriceTable,
        user_file: Path,
        pool: WorkerPool,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Training prices"))
        self.resize(940, 400)  # no fixed minimum: the layout's keeps every text whole in a longer language
        self._table = table
        self._user_file = user_file
        self._pool = pool
        self._today = today
        self._generation = 0
        self._latest = _LatestWins()
        # A damaged user file is moved aside (not overwritten) by the first save, so nothing typed is lost.
        self._set_aside_first = any(problem.details.get("file") == "user" for problem in table.problems)

        intro = QLabel(
            self.tr(
                "Cost estimates use these prices, in US dollars per 1 million training tokens. When your "
                "provider's price list changes, double-click a price to correct it: your prices are kept on "
                "this computer and replace the ones that came with the app."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("pricesProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.setStyleSheet(
            "#pricesProblem { background: #fff6e0; color: #7a5200; padding: 6px; border-radius: 4px; }"
        )

        self.model = PriceTableModel(today, self)
        self.model.set_rows(table.rows)
        self.model.priceEdited.connect(self._on_price_edited)
        self.model.priceRejected.connect(self._on_price_rejected)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Training prices"))
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(COL_PRICE, PriceDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)  # sources are sentences; cut off, they would say nothing
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_MODEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PRICE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CHECKED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Stretch)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.restore_button = QPushButton(self.tr("Restore shipped prices"), self)
        self.restore_button.setToolTip(self.tr("Forget every price you changed and use the app's own again."))
        self.restore_button.clicked.connect(self.restore_shipped)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self._show_problems()
        self._show_status()

    @property
    def table(self) -> PriceTable:
        return self._table

    @property
    def user_file(self) -> Path:
        return self._user_file

    # ---- actions --------------------------------------------------------------------------------------------
    def restore_shipped(self) -> Worker | None:
        """Forget the user's prices; the (now empty) user file is saved like any edit."""
        if not self._table.user and not self._set_aside_first:
            return None
        self._use(self._table.with_user_rows(()))
        self.model.set_rows(self._table.rows)
        return self._save()

    def _on_price_edited(self, price: Price) -> None:
        self._use(self._table.with_edited_price(price.model_id, price.usd_per_1m_tokens, price.checked))
        self._save()

    def _on_price_rejected(self, text: str) -> None:
        self.status_label.setText(
            self.tr("“%1” is not a price: type a number, 0 or more (for example 3.00).").replace("%1", text)
        )

    def _use(self, table: PriceTable) -> None:
        self._table = table
        self._show_problems()
        self.restore_button.setEnabled(bool(table.user))
        self.pricesChanged.emit(table)

    # ---- saving -----------------------------------------------------------------------------------------------
    def _save(self) -> Worker:
        self._generation += 1
        generation, rows, path, today = self._generation, self._table.user, self._user_file, self._today()
        set_aside_first, self._set_aside_first = self._set_aside_first, False
        latest = self._latest

        def work(token: CancelToken, report: Reporter) -> Path | None:
            # Not cancellable on purpose: a few hundred bytes, and an edit must not be lost at quit.
            kept = None
            if set_aside_first and path.is_file():
                kept = set_aside(path, "damaged")
            latest.run(generation, lambda: save_user_prices(path, rows, today=today))
            return kept

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_saved)
            worker.error.connect(self._on_save_failed)

        self.status_label.setText(self.tr("Saving…"))
        return self._pool.start(work, "save prices", connect=connect, tag=generation)

    def _on_saved(self, kept: Path | None) -> None:
        worker = self.sender()
        if isinstance(worker, Worker) and worker.tag != self._generation:
            return  # a newer save is under way
        self._show_status()
        if kept is not None:
            self.status_label.setText(
                self.status_label.text()
                + " "
                + self.tr("Your damaged price file was kept as %1.").replace("%1", str(kept))
            )
        self.saved.emit(self._user_file)

    def _on_save_failed(self, exc: Exception) -> None:
        self.status_label.setText(
            self.tr(
                "Your prices could not be saved (%1); they are used until you quit. Check that %2 can be written."
            )
            .replace("%1", str(exc))
            .replace("%2", str(self._user_file))
        )
        self.saveFailed.emit(exc)

    # ---- text -------------------------------------------------------------------------------------------------
    def _show_problems(self) -> None:
        texts = []
        for problem in self._table.problems:
            if problem.details.get("file") == "user":
                texts.append(
                    self.tr(
                        "Your price file could not be read, so the prices that came with the app are used. "
                        "Correcting a price here replaces it (the damaged file is kept beside it). Details: %1"
                    ).replace("%1", str(problem))
                )
            else:
                texts.append(
                    self.tr(
                        "The price list that came with the app is damaged; reinstalling the app repairs it. "
                        "Details: %1"
                    ).replace("%1", str(problem))
                )
        self.problem_label.setText("\n".join(texts))
        self.problem_label.setVisible(bool(texts))

    def _show_status(self) -> None:
        edited = len(self._table.user)
        shipped = self._table.shipped_updated
        parts = []
        if shipped is not None:
            parts.append(
                self.tr("The app's prices were last checked on %1.").replace("%1", shipped.isoformat())
            )
        if edited:
            parts.append(
                self.tr("You changed %n price(s); they are saved in %1.", "", edited).replace(
                    "%1", str(self._user_file)
                )
            )
        if any(self.model.is_stale(price) for price in self._table.rows):
            parts.append(self.tr("Dates in amber are more than a year old: check those prices."))
        self.status_label.setText(" ".join(parts))
        self.restore_button.setEnabled(bool(edited) or self._set_aside_first)


__all__ = ["PriceDelegate", "PriceTableModel", "PricesDialog", "format_usd", "parse_price"]
