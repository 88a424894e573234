"""Jobs ▸ Your models…: the fine-tuned models on the service, when they shut down, chat with one, delete one.

Services retire fine-tuned models together with their base model and announce the date in the model list;
a model shutting down within :data:`WARN_WITHIN_DAYS` is shown in amber (red in its last two weeks or once
past), with a sentence above the table, so the user can move to a newer base model in time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
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
from desktop_app.providers.errors import UnsupportedFeatureError
from desktop_app.providers.lifecycle import models_shutting_down, parse_fine_tune_name, parse_shutdown_date
from desktop_app.providers.types import Capability, ModelInfo
from desktop_app.ui.colours import Tone, tone
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.jobs.jobs_model import format_time
from desktop_app.ui.jobs.manager_dialog import SORT_ROLE, Confirm, ManagerDialog
from desktop_app.ui.row_table_model import RowTableModel
from desktop_app.ui.widgets import Level
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

COL_MODEL, COL_BASE, COL_CREATED, COL_SHUTDOWN = range(4)
COLUMN_COUNT = 4
MODEL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the model's id
SHUTDOWN_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 3  # "past", "urgent", "soon" or None

WARN_WITHIN_DAYS = 60
"""A shutdown this close is shown as a warning."""
URGENT_WITHIN_DAYS = 14
"""…and this close, in red."""


def base_model_of(model_id: str) -> str:
    """The base model named in ``ft:BASE:org:suffix:id``; empty when the id does not say."""
    name = parse_fine_tune_name(model_id)
    return name.base if name is not None else ""


class ModelsTableModel(RowTableModel[ModelInfo]):
    """One row per fine-tuned model; read-only. ``today`` decides how urgent a shutdown date looks."""

    column_count = COLUMN_COUNT

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def set_models(self, models: Sequence[ModelInfo]) -> None:
        self.replace_rows(models)

    def remove_id(self, model_id: str) -> None:
        self.remove_rows_where(lambda model: model.id == model_id)

    def models(self) -> list[ModelInfo]:
        return self.rows()

    def model_at(self, row: int) -> ModelInfo:
        return self.row_at(row)

    def column_titles(self) -> dict[int, str]:
        return {
            COL_MODEL: self.tr("Model"),
            COL_BASE: self.tr("Base model"),
            COL_CREATED: self.tr("Created"),
            COL_SHUTDOWN: self.tr("Shuts down"),
        }

    def cell(self, model: ModelInfo, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(model, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SHUTDOWN and model.shutdown_date:
                return self.tr("After this date the service no longer answers with this model.")
            return self._display(model, column)
        if role == SORT_ROLE:
            if column == COL_CREATED:
                return model.created
            if column == COL_SHUTDOWN:
                date = parse_shutdown_date(model.shutdown_date)
                return date.isoformat() if date is not None else "9999"  # no date: last
            return self._display(model, column)
        if role == SHUTDOWN_LEVEL_ROLE:
            return self.shutdown_level(model)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_SHUTDOWN:
            level = self.shutdown_level(model)
            if level in {"past", "urgent"}:
                return QBrush(tone(Tone.ERROR))
            if level == "soon":
                return QBrush(tone(Tone.WARNING))
        if role == MODEL_ID_ROLE:
            return model.id
        return None

    def shutdown_level(self, model: ModelInfo) -> str | None:
        """ "past", "urgent" (within two weeks), "soon" (within the warning window) or None."""
        date = parse_shutdown_date(model.shutdown_date)
        if date is None:
            return None
        days = (date - self._today()).days
        if days < 0:
            return "past"
        if days <= URGENT_WITHIN_DAYS:
            return "urgent"
        if days <= WARN_WITHIN_DAYS:
            return "soon"
        return None

    def _display(self, model: ModelInfo, column: int) -> str | None:
        if column == COL_MODEL:
            return model.id
        if column == COL_BASE:
            return base_model_of(model.id)
        if column == COL_CREATED:
            return format_time(model.created)
        if column == COL_SHUTDOWN:
            return self._shutdown_text(model)
        return None

    def _shutdown_text(self, model: ModelInfo) -> str:
        date = parse_shutdown_date(model.shutdown_date)
        if date is None:
            return model.shutdown_date or ""  # unreadable: shown as the service wrote it
        days = (date - self._today()).days
        if days < 0:
            return self.tr("Shut down on %1").replace("%1", date.isoformat())
        if days == 0:
            return self.tr("%1 (today)").replace("%1", date.isoformat())
        if days <= WARN_WITHIN_DAYS:
            return self.tr("%1 (in %n day(s))", "", days).replace("%1", date.isoformat())
        return date.isoformat()


class ModelsDialog(ManagerDialog):
    """The user's fine-tuned models. Emits :attr:`chatRequested` with a model id to open the chat with it."""

    chatRequested = Signal(str)
    modelDeleted = Signal(str)

    def __init__(
        self,
        provider: TrainingProvider,
        pool: WorkerPool,
        *,
        confirm: Confirm,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(provider, pool, confirm=confirm, parent=parent)
        self.setWindowTitle(self.tr("Your models"))
        self.resize(900, 420)  # no fixed minimum: the layout's keeps every text whole in a longer language
        self._today = today

        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("shutdownWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(
            "#shutdownWarning { background: #fff6e0; color: #7a5200; border: 1px solid #f0cf7a;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.warning_label.hide()

        self.model = ModelsTableModel(today, self)
        self._make_table(
            self.model,
            sort_column=COL_CREATED,
            stretch_column=COL_MODEL,
            selection=QAbstractItemView.SelectionMode.SingleSelection,
            placeholder_name="modelsPlaceholder",
        )
        self.view.doubleClicked.connect(self.chat_with_selected)

        self.chat_button = QPushButton(self.tr("Chat with this model"), self)
        self.chat_button.clicked.connect(self.chat_with_selected)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected model from the service."))
        self.delete_button.clicked.connect(self.delete_selected)
        self._make_buttons(self.chat_button, self.delete_button)
        # After addButton, which shows the button.
        self.delete_button.setVisible(provider.supports(Capability.DELETE_MODEL))

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.refresh()

    # ---- state ------------------------------------------------------------------------------------------------
    def selected_model(self) -> ModelInfo | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.model_at(self.proxy.mapToSource(rows[0]).row())

    def select_model(self, model_id: str) -> bool:
        for row, model in enumerate(self.model.models()):
            if model.id == model_id:
                self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return True
        return False

    # ---- actions ----------------------------------------------------------------------------------------------
    def refresh(self) -> Worker:
        self._generation += 1
        self._loading = True
        provider = self._provider

        def work(token: CancelToken, report: Reporter) -> list[ModelInfo]:
            return [m for m in provider.list_models() if m.is_fine_tuned]

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_loaded)
            worker.error.connect(self._on_load_failed)

        self.status_label.setText(self.tr("Loading your models…"))
        self._update_buttons()
        return self._start(work, "list fine-tuned models", connect)

    def chat_with_selected(self) -> None:
        model = self.selected_model()
        if model is not None:
            self.chatRequested.emit(model.id)

    def delete_selected(self) -> Worker | None:
        """Ask, then delete the selected model in a worker; None when nothing is selected or the user says no."""
        model = self.selected_model()
        if model is None or self.busy or not self._provider.supports(Capability.DELETE_MODEL):
            return None
        question = self.tr(
            "Delete the model “%1”? Apps using it stop working, and it cannot be brought back."
        ).replace("%1", model.id)
        if not self._confirm(self.tr("Delete model"), question):
            return None
        self._deleting = True
        provider, model_id = self._provider, model.id

        def work(token: CancelToken, report: Reporter) -> str:
            provider.delete_model(model_id)
            return model_id

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_deleted)
            worker.error.connect(self._on_delete_failed)

        self.status_label.setText(self.tr("Deleting…"))
        self._update_buttons()
        return self._start(work, "delete model", connect)

    # ---- answers ----------------------------------------------------------------------------------------------
    def _on_loaded(self, models: list[ModelInfo]) -> None:
        if not self._is_current():
            return
        self._loading = False
        self._loaded_once = True
        self.model.set_models(models)
        self._show_list()

    def _on_load_failed(self, exc: Exception) -> None:
        if not self._is_current():
            return
        self._loading = False
        self.message_bar.show_message(describe_exception(exc))
        self._show_list()

    def _on_deleted(self, model_id: str) -> None:
        self._deleting = False
        self.model.remove_id(model_id)
        self.message_bar.show_text(self.tr("Deleted %1.").replace("%1", model_id), Level.SUCCESS)
        self.modelDeleted.emit(model_id)
        self._show_list()

    def _on_delete_failed(self, exc: Exception) -> None:
        self._deleting = False
        if isinstance(exc, UnsupportedFeatureError):
            self.delete_button.hide()
        self.message_bar.show_message(describe_exception(exc))
        self._show_list()

    # ---- showing ----------------------------------------------------------------------------------------------
    def _show_list(self) -> None:
        models = self.model.models()
        if models:
            self.stack.setCurrentWidget(self.view)
            self.status_label.setText(self.tr("%n fine-tuned model(s).", "", len(models)))
        elif self._loaded_once:
            self.placeholder.setText(
                self.tr(
                    "You have no fine-tuned models on this service yet. They appear here when a job succeeds."
                )
            )
            self.stack.setCurrentWidget(self.placeholder)
            self.status_label.clear()
        else:
            self.status_label.clear()
        self._show_warning(models)
        self._update_buttons()

    def _show_warning(self, models: Sequence[ModelInfo]) -> None:
        ending = models_shutting_down(models, self._today(), within_days=WARN_WITHIN_DAYS)
        if not ending:
            self.warning_label.hide()
            return
        today = self._today()
        past = [m for m, date in ending if date < today]
        coming = len(ending) - len(past)
        sentences = []
        if past:
            sentences.append(
                self.tr("%n of your models has/have shut down and no longer answer(s).", "", len(past))
            )
        if coming:
            first_model, first_date = next((m, d) for m, d in ending if d >= today)
            sentences.append(
                self.tr(
                    "%n of your models shut(s) down within %1 days, the first on %2 (%3). To keep using a "
                    "model, train it again on a newer base model.",
                    "",
                    coming,
                )
                .replace("%1", str(WARN_WITHIN_DAYS))
                .replace("%2", first_date.isoformat())
                .replace("%3", first_model.id)
            )
        self.warning_label.setText(" ".join(sentences))
        self.warning_label.show()

    def _update_buttons(self) -> None:
        self.refresh_button.setEnabled(not self._loading)
        selected = self.selected_model() is not None
        self.chat_button.setEnabled(selected)
        self.delete_button.setEnabled(selected and not self.busy)
