"""What the uploaded-files and trained-models managers share: a sortable table over a thin model, a
placeholder when there is nothing to list, a Refresh button, and the workers that load and delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)

from desktop_app.providers.base import TrainingProvider
from desktop_app.ui.widgets import MessageBar
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

Confirm = Callable[[str, str], bool]

SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value a column sorts by (bytes, unix time, text)


class ManagerDialog(QDialog):
    """A dialog listing things the service keeps. Answers of an older load are recognised by the worker's
    tag and dropped; closing cancels the workers still running (the pool awaits them at quit)."""

    def __init__(
        self, provider: TrainingProvider, pool: WorkerPool, *, confirm: Confirm, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._provider = provider
        self._pool = pool
        self._confirm = confirm
        self._generation = 0
        self._workers: set[Worker] = set()
        self._loading = False
        self._deleting = False
        self._loaded_once = False
        self.message_bar = MessageBar(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)

    def _make_table(
        self,
        model: QAbstractItemModel,
        *,
        sort_column: int,
        stretch_column: int,
        selection: QAbstractItemView.SelectionMode,
        placeholder_name: str,
    ) -> None:
        """``proxy`` and ``view`` over ``model``, and ``stack`` showing the view or the ``placeholder``."""
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.windowTitle())  # the dialog is named after what it lists
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(selection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(sort_column, Qt.SortOrder.DescendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName(placeholder_name)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.placeholder)

    def _make_buttons(self, *actions: QPushButton) -> QDialogButtonBox:
        """Close, with Refresh and ``actions`` beside it."""
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.refresh_button, *actions):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    @property
    def busy(self) -> bool:
        """A load or a deletion is under way."""
        return self._loading or self._deleting

    def refresh(self) -> Worker | None:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        raise NotImplementedError

    # ---- workers ----------------------------------------------------------------------------------------------
    def _start(
        self, work: Callable[[CancelToken, Reporter], object], name: str, connect: Callable[[Worker], None]
    ) -> Worker:
        def connect_all(worker: Worker) -> None:
            connect(worker)
            worker.finished.connect(self._on_worker_finished)

        worker = self._pool.start(work, name, connect=connect_all, tag=self._generation)
        self._workers.add(worker)
        return worker

    def _on_worker_finished(self) -> None:
        worker = self.sender()
        if isinstance(worker, Worker):
            self._workers.discard(worker)

    def _is_current(self) -> bool:
        worker = self.sender()
        return not isinstance(worker, Worker) or worker.tag == self._generation

    def done(self, result: int) -> None:
        for worker in list(self._workers):
            worker.cancel()  # their answers are no longer wanted; the pool still awaits them at quit
        super().done(result)
