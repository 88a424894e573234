"""Jobs ▸ Uploaded files…: the files on the service (training data, result files), and deleting them.

Files stay on the service until deleted and count against the account's storage; this dialog is where the
user sees and clears them. Listing and deleting run in workers; the table model only ever gets plain rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QLocale,
    Qt,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError
from desktop_app.providers.types import Capability, UploadedFile
from desktop_app.ui.colours import Tone, tone
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.jobs.jobs_model import format_time
from desktop_app.ui.jobs.manager_dialog import SORT_ROLE, Confirm, ManagerDialog
from desktop_app.ui.row_table_model import RowTableModel
from desktop_app.ui.widgets import Level
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

COL_NAME, COL_ID, COL_SIZE, COL_PURPOSE, COL_CREATED, COL_STATUS = range(6)
COLUMN_COUNT = 6
FILE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the file's id

"""Asks the user (title, question); True to go ahead."""


def format_size(size: int) -> str:
    """``812 bytes``, ``1.4 kB``, ``23.0 MB`` in the user's number format (1 kB = 1,024 bytes)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class FilesTableModel(RowTableModel[UploadedFile]):
    """One row per uploaded file; read-only."""

    column_count = COLUMN_COUNT

    def set_files(self, files: Sequence[UploadedFile]) -> None:
        self.replace_rows(files)

    def remove_ids(self, file_ids: Sequence[str]) -> None:
        """Take out the rows of these files (deleted on the service); others stay, with their selection."""
        gone = set(file_ids)
        self.remove_rows_where(lambda file: file.id in gone)

    def files(self) -> list[UploadedFile]:
        return self.rows()

    def file(self, row: int) -> UploadedFile:
        return self.row_at(row)

    def column_titles(self) -> dict[int, str]:
        return {
            COL_NAME: self.tr("Name"),
            COL_ID: self.tr("ID"),
            COL_SIZE: self.tr("Size"),
            COL_PURPOSE: self.tr("Purpose"),
            COL_CREATED: self.tr("Uploaded"),
            COL_STATUS: self.tr("Status"),
        }

    def cell(self, file: UploadedFile, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(file, column)
        if role == SORT_ROLE:
            if column == COL_SIZE:
                return file.bytes
            if column == COL_CREATED:
                return file.created_at
            return self._display(file, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SIZE:
                return self.tr("%1 bytes").replace("%1", QLocale().toString(file.bytes))
            return self._display(file, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS and file.status == "error":
            return QBrush(tone(Tone.ERROR))
        if role == FILE_ID_ROLE:
            return file.id
        return None

    def _display(self, file: UploadedFile, column: int) -> str | None:
        if column == COL_NAME:
            return file.filename
        if column == COL_ID:
            return file.id
        if column == COL_SIZE:
            return format_size(file.bytes)
        if column == COL_PURPOSE:
            return self._purpose_text(file.purpose)
        if column == COL_CREATED:
            return format_time(file.created_at)
        if column == COL_STATUS:
            return self._status_text(file.status)
        return None

    def _purpose_text(self, purpose: str) -> str:
        texts = {
            "fine-tune": self.tr("Training data"),
            "fine-tune-results": self.tr("Training results"),
        }
        return texts.get(purpose, purpose)  # other purposes are shown as the service names them

    def _status_text(self, status: str | None) -> str:
        texts = {
            "uploaded": self.tr("Uploaded"),
            "processed": self.tr("Ready"),
            "error": self.tr("Failed"),
        }
        return texts.get(status or "", status or "")


@dataclass(frozen=True)
class DeleteOutcome:
    deleted: tuple[str, ...]
    error: ProviderError | None = None


def delete_files(provider: TrainingProvider, file_ids: Sequence[str], token: CancelToken) -> DeleteOutcome:
    """Delete one by one, stopping at the first failure; a file already gone counts as deleted."""
    deleted: list[str] = []
    for file_id in file_ids:
        token.raise_if_cancelled()
        try:
            provider.delete_file(file_id)
        except ProviderError as exc:
            if exc.kind is not ErrorKind.NOT_FOUND:
                return DeleteOutcome(tuple(deleted), exc)
        deleted.append(file_id)
    return DeleteOutcome(tuple(deleted))


class FilesDialog(ManagerDialog):
    """The service's uploaded files: see them, refresh, delete the selected ones after asking."""

    def __init__(
        self,
        provider: TrainingProvider,
        pool: WorkerPool,
        *,
        confirm: Confirm,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(provider, pool, confirm=confirm, parent=parent)
        self.setWindowTitle(self.tr("Uploaded files"))
        self.resize(900, 440)  # no fixed minimum: the layout's keeps every text whole in a longer language

        intro = QLabel(
            self.tr(
                "Files you uploaded stay on the service until you delete them. Deleting a training file does "
                "not affect models already trained from it."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.model = FilesTableModel(self)
        # Shown instead of the table when there is nothing to list or the service cannot list files.
        self._make_table(
            self.model,
            sort_column=COL_CREATED,
            stretch_column=COL_NAME,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            placeholder_name="filesPlaceholder",
        )
        self.placeholder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected files from the service."))
        self.delete_button.clicked.connect(self.delete_selected)
        self._make_buttons(self.delete_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.refresh()

    # ---- state ------------------------------------------------------------------------------------------------
    @property
    def listing_supported(self) -> bool:
        return self._provider.supports(Capability.FILES)

    def selected_files(self) -> list[UploadedFile]:
        rows = {self.proxy.mapToSource(index).row() for index in self.view.selectionModel().selectedRows()}
        return [self.model.file(row) for row in sorted(rows)]

    def select_file(self, file_id: str) -> bool:
        """Select the row of ``file_id`` (alone); False if it is not listed."""
        for row, file in enumerate(self.model.files()):
            if file.id == file_id:
                shown = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.selectRow(shown.row())
                return True
        return False

    # ---- loading ----------------------------------------------------------------------------------------------
    def refresh(self) -> Worker | None:
        """Load the list again in a worker; None when the service cannot list files."""
        if not self.listing_supported:
            self._show_unsupported()
            return None
        self._generation += 1
        self._loading = True
        provider = self._provider

        def work(token: CancelToken, report: Reporter) -> list[UploadedFile]:
            return provider.list_files(purpose=None)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_loaded)
            worker.error.connect(self._on_load_failed)

        self.status_label.setText(self.tr("Loading the list of files…"))
        self._update_buttons()
        return self._start(work, "list files", connect)

    def _on_loaded(self, files: list[UploadedFile]) -> None:
        if not self._is_current():
            return
        self._loading = False
        self._loaded_once = True
        self.model.set_files(files)
        self._show_list()

    def _on_load_failed(self, exc: Exception) -> None:
        if not self._is_current():
            return
        self._loading = False
        if isinstance(exc, UnsupportedFeatureError):
            self._show_unsupported()
            return
        self.message_bar.show_message(describe_exception(exc))
        self._show_list()

    # ---- deleting ---------------------------------------------------------------------------------------------
    def delete_selected(self) -> Worker | None:
        """Ask, then delete the selected files in a worker; None when nothing is selected or the user says no."""
        files = self.selected_files()
        if not files or self.busy:
            return None
        if len(files) == 1:
            question = (
                self.tr("Delete “%1” (%2) from the service? This cannot be undone.")
                .replace("%1", files[0].filename)
                .replace("%2", files[0].id)
            )
        else:
            question = self.tr("Delete %n file(s) from the service? This cannot be undone.", "", len(files))
        if not self._confirm(self.tr("Delete files"), question):
            return None
        self._deleting = True
        provider = self._provider
        file_ids = [f.id for f in files]

        def work(token: CancelToken, report: Reporter) -> DeleteOutcome:
            return delete_files(provider, file_ids, token)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_deleted)
            worker.error.connect(self._on_delete_failed)

        self.status_label.setText(self.tr("Deleting…"))
        self._update_buttons()
        return self._start(work, "delete files", connect)

    def _on_deleted(self, outcome: DeleteOutcome) -> None:
        self._deleting = False
        self.model.remove_ids(outcome.deleted)
        if outcome.error is not None:
            self.message_bar.show_message(describe_exception(outcome.error))
        else:
            self.message_bar.show_text(
                self.tr("Deleted %n file(s).", "", len(outcome.deleted)), Level.SUCCESS
            )
        self._show_list()

    def _on_delete_failed(self, exc: Exception) -> None:
        self._deleting = False
        self.message_bar.show_message(describe_exception(exc))
        self._show_list()

    # ---- showing ----------------------------------------------------------------------------------------------
    def _show_list(self) -> None:
        files = self.model.files()
        if files:
            self.stack.setCurrentWidget(self.view)
            total = sum(f.bytes for f in files)
            self.status_label.setText(
                self.tr("%n file(s), %1 in all.", "", len(files)).replace("%1", format_size(total))
            )
        elif self._loaded_once:
            self.placeholder.setText(self.tr("No files are stored on this service."))
            self.stack.setCurrentWidget(self.placeholder)
            self.status_label.clear()
        else:
            self.status_label.clear()  # the first load failed: the message bar says why
        self._update_buttons()

    def _show_unsupported(self) -> None:
        self.model.set_files([])
        self.placeholder.setText(
            self.tr("This service does not list uploaded files, so they cannot be shown here.")
        )
        self.stack.setCurrentWidget(self.placeholder)
        self.status_label.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.refresh_button.setEnabled(self.listing_supported and not self._loading)
        has_selection = bool(self.view.selectionModel().selectedRows())
        self.delete_button.setEnabled(has_selection and not self.busy)
