"""The main window: Data, Jobs and Chat tabs over one session, with a clear Practice-mode banner."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QMimeData, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QHideEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.connect import DEFAULT_TIMEOUT
from desktop_app.providers.lifecycle import models_shutting_down
from desktop_app.providers.types import ModelInfo
from desktop_app.simulator import SimulatorConfig
from desktop_app.storage.autosave import AutosaveStore
from desktop_app.storage.conversations import ConversationStore, ConversationStoreError
from desktop_app.storage.jobs_cache import JobsCache
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import KeyLocation, SecretStatus, SecretStore
from desktop_app.storage.settings import Settings, SettingsStore
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.data.tab import DataTab, is_openable
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.jobs.files_dialog import FilesDialog
from desktop_app.ui.jobs.models_dialog import ModelsDialog
from desktop_app.ui.jobs.tab import ACTIVE_INTERVAL_S, IDLE_INTERVAL_S, Confirm, JobsTab
from desktop_app.ui.notifications import JobNotifier
from desktop_app.ui.prices_dialog import PricesDialog
from desktop_app.ui.session import Session
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.widgets import Level, MessageBar
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.001


@dataclass
class AppContext:
    """Everything the window needs, built by the app (or a test) and handed in: no singletons."""

    paths: AppPaths
    settings_store: SettingsStore
    settings: Settings
    secrets: SecretStore
    simulator_config: SimulatorConfig | None = None
    poll_active_interval: float = ACTIVE_INTERVAL_S
    poll_idle_interval: float = IDLE_INTERVAL_S
    confirm: Confirm | None = None
    request_timeout: float = DEFAULT_TIMEOUT
    settings_problem: str | None = None


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        # Qt calls into Python (model data, header data) many times per repaint, and each call waits for the
        # interpreter's lock while a worker runs Python: hand the lock over every 1 ms instead of every 5 ms.
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("FineTune Desk"))
        self.resize(1180, 760)
        self.pool = WorkerPool(self, max_threads=8)  # room for three compared answers streaming at once
        self.session = Session(
            context.settings,
            context.settings_store,
            context.secrets,
            self.pool,
            simulator_config=context.simulator_config,
            request_timeout=context.request_timeout,
            prices_file=context.paths.prices_file,
            parent=self,
        )
        self.settings_dialog: SettingsDialog | None = None
        self._shut_down = False
        self.lifecycle_warning = ""  # the last warning about models shutting down
        self._clean = True

        self.practice_banner = QLabel(
            self.tr(
                "Practice mode — simulated, nothing is sent anywhere. Switch to a real service in Settings."
            ),
            self,
        )
        self.practice_banner.setObjectName("practiceBanner")
        self.practice_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.practice_banner.setStyleSheet(
            "#practiceBanner { background: #fff1c2; color: #6b4a00; padding: 5px; font-weight: 600;"
            " border-bottom: 1px solid #e9cf7a; }"
        )
        self.message_bar = MessageBar(self)

        paths = context.paths
        self.data_tab = DataTab(self.pool, AutosaveStore(paths.autosave_dir), self)
        self.data_tab.last_open_dir = context.settings.last_open_dir
        self.data_tab.set_base_model(context.settings.default_base_model)
        self.data_tab.set_prices(self.session.prices)
        self.session.pricesChanged.connect(self.data_tab.set_prices)
        # Before the window shows: a few milliseconds, like reading the settings.
        self.jobs_cache = JobsCache(paths.jobs_cache_file)
        self.jobs_tab = JobsTab(
            self.session,
            self.pool,
            self.data_tab,
            active_interval=context.poll_active_interval,
            idle_interval=context.poll_idle_interval,
            confirm=context.confirm,
            cache=self.jobs_cache,
            parent=self,
        )
        self.conversations = _open_conversations(paths.conversations_file)
        self.chat_tab = ChatTab(
            self.session,
            self.pool,
            self.data_tab.current_dataset,
            self,
            store=self.conversations if isinstance(self.conversations, ConversationStore) else None,
            confirm=context.confirm,
            add_example=self.data_tab.add_example,
            system_prompt_getter=self.data_tab.system_prompt,
            jobs_getter=self.jobs_tab.model.jobs,
        )
        if isinstance(self.conversations, ConversationStoreError):
            self.chat_tab.history_unavailable(self.conversations)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.data_tab, self.tr("Data"))
        self.tabs.addTab(self.jobs_tab, self.tr("Jobs"))
        self.tabs.addTab(self.chat_tab, self.tr("Chat"))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.practice_banner)
        inner = QVBoxLayout()
        inner.setContentsMargins(8, 6, 8, 0)
        inner.addWidget(self.message_bar)
        layout.addLayout(inner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self.connection_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.connection_label)

        self.jobs_tab.modelReady.connect(self._on_model_ready)
        icon = self.windowIcon()
        if icon.isNull():
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        self.notifier = JobNotifier(self, self.open_job, icon)
        self.jobs_tab.jobFinished.connect(self.notifier.job_finished)
        self.data_tab.fileOpened.connect(self._on_file_opened)
        self.setAcceptDrops(True)
        self.jobs_tab.chatRequested.connect(self.open_chat_with)
        self.session.providerChanged.connect(self._on_provider_changed)
        self.session.keySaved.connect(self._on_key_saved)
        self.session.settingsSaveFailed.connect(self._on_settings_save_failed)

        if context.settings_problem:
            self.message_bar.show_text(
                self.tr(
                    "Your settings could not be read, so the defaults are in use. The old file was kept beside the "
                    "new one (hover for details)."
                ),
                Level.WARNING,
                context.settings_problem,
            )
        if context.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(context.settings.window_geometry.encode("ascii")))
        self.data_tab.restore_autosave()
        self.data_tab.warm_up()
        self.session.start()

    # ---- menus and toolbar ---------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_action = QAction(self.tr("&Open examples…"), self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._open_from_menu)
        file_menu.addAction(open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self._fill_recent_menu()
        file_menu.addAction(self.data_tab.save_action)
        file_menu.addAction(self.data_tab.save_as_action)
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(self.tr("&Export"))
        export_menu.addAction(self.data_tab.export_chat_action)
        export_menu.addAction(self.data_tab.export_legacy_action)
        export_menu.addAction(self.data_tab.export_dpo_action)
        export_menu.addSeparator()
        export_menu.addAction(self.data_tab.export_table_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.data_tab.undo_action)
        edit_menu.addAction(self.data_tab.redo_action)

        training_menu = self.menuBar().addMenu(self.tr("&Training"))
        self.files_action = QAction(self.tr("Uploaded files…"), self)
        self.files_action.triggered.connect(self.open_files)
        training_menu.addAction(self.files_action)
        self.models_action = QAction(self.tr("Trained models…"), self)
        self.models_action.triggered.connect(self.open_models)
        training_menu.addAction(self.models_action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self.settings_action = QAction(self.tr("Service and API key…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        settings_menu.addAction(self.settings_action)
        self.prices_action = QAction(self.tr("Training prices…"), self)
        self.prices_action.triggered.connect(self.open_prices)
        settings_menu.addAction(self.prices_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About FineTune Desk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        toolbar = QToolBar(self.tr("Service"), self)
        toolbar.setObjectName("serviceToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(self.tr("Service:") + " ", self))
        self.profile_combo = QComboBox(self)
        self.profile_combo.setMinimumWidth(220)
        self.profile_combo.activated.connect(self._on_profile_picked)
        toolbar.addWidget(self.profile_combo)
        toolbar.addAction(self.settings_action)
        self.addToolBar(toolbar)
        self._fill_profiles()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.session.settings.recent_files:
            action = self.recent_menu.addAction(path)
            action.setData(path)
            action.triggered.connect(self._open_recent)
        self.recent_menu.setEnabled(bool(self.session.settings.recent_files))

    def _open_recent(self) -> None:
        action = self.sender()
        path = action.data() if isinstance(action, QAction) else None
        if isinstance(path, str):
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        self.tabs.setCurrentWidget(self.data_tab)
        self.data_tab.open_file(path)

    def _on_file_opened(self, path: str) -> None:
        self.session.settings.remember_file(path)
        self.session.save_settings()
        self._fill_recent_menu()

    # ---- drag and drop --------------------------------------------------------------------------------
    def _dropped_file(self, mime: QMimeData) -> Path | None:
        for url in mime.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if is_openable(path):
                    return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(path)

    def _fill_profiles(self) -> None:
        self.profile_combo.clear()
        settings = self.session.settings
        for profile in settings.profiles:
            self.profile_combo.addItem(profile.name, profile.id)
        ids = [p.id for p in settings.profiles]
        if settings.active_profile_id in ids:
            self.profile_combo.setCurrentIndex(ids.index(settings.active_profile_id))

    def _on_profile_picked(self, index: int) -> None:
        profile_id = self.profile_combo.itemData(index)
        if isinstance(profile_id, str) and profile_id != self.session.settings.active_profile_id:
            self.session.settings.active_profile_id = profile_id
            self.session.save_settings()
            self.session.reload()

    def _open_from_menu(self) -> None:
        self.tabs.setCurrentWidget(self.data_tab)
        self.data_tab.open_button.click()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About FineTune Desk"),
            self.tr("FineTune Desk %1\nFine-tune language models with clicks.").replace("%1", __version__),
        )

    # ---- the service's files and models -------------------------------------------------------------------
    def open_files(self) -> FilesDialog | None:
        provider = self.session.provider
        if provider is None:
            self.message_bar.show_text(self.tr("Add your API key in Settings first."), Level.WARNING)
            return None
        dialog = FilesDialog(provider, self.pool, confirm=self._confirm, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_models(self) -> ModelsDialog | None:
        provider = self.session.provider
        if provider is None:
            self.message_bar.show_text(self.tr("Add your API key in Settings first."), Level.WARNING)
            return None
        dialog = ModelsDialog(provider, self.pool, confirm=self._confirm, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chatRequested.connect(self._chat_from_models)
        dialog.open()
        return dialog

    def _chat_from_models(self, model_id: str) -> None:
        dialog = self.sender()
        if isinstance(dialog, ModelsDialog):
            dialog.accept()
        self.open_chat_with(model_id)

    def _confirm(self, title: str, text: str) -> bool:
        if self.context.confirm is not None:
            return self.context.confirm(title, text)
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def _check_model_lifecycles(self) -> None:
        """Warn once per service when a model the user trained shuts down within 60 days."""
        provider = self.session.provider
        if provider is None:
            return
        generation = self.session.generation

        def work(token: CancelToken, report: Reporter) -> list[tuple[ModelInfo, dt.date]]:
            return models_shutting_down(provider.list_models(), dt.date.today())

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_lifecycles_checked)

        self.pool.start(work, "check model shutdown dates", connect=connect, tag=generation)

    def _on_lifecycles_checked(self, soon: list[tuple[ModelInfo, dt.date]]) -> None:
        worker = self.sender()
        if not soon or (isinstance(worker, Worker) and worker.tag != self.session.generation):
            return
        model, date = soon[0]
        if len(soon) == 1:
            text = (
                self.tr("Your model %1 shuts down on %2: its base model is being retired.")
                .replace("%1", model.id)
                .replace("%2", date.isoformat())
            )
        else:
            text = self.tr("%n of your models shut down soon, the first on %1.", "", len(soon)).replace(
                "%1", date.isoformat()
            )
        self.message_bar.show_text(text, Level.WARNING)
        self.message_bar.set_action(self.tr("Show models…"), self.open_models)
        self.lifecycle_warning = text

    # ---- session -------------------------------------------------------------------------------------------
    def _on_provider_changed(self) -> None:
        self._check_model_lifecycles()
        state = self.session.state()
        practice = self.session.is_practice
        self.practice_banner.setVisible(practice)
        title = self.tr("FineTune Desk")
        self.setWindowTitle(
            f"{title} — {self.tr('Practice mode')}" if practice else f"{title} — {state.profile.name}"
        )
        self._fill_profiles()
        if practice:
            text = self.tr("Practice mode: simulated service on this computer")
        elif state.loading_key:
            text = self.tr("%1: reading the API key…").replace("%1", state.profile.name)
        elif state.missing_key:
            text = self.tr("%1: no API key yet — open Settings").replace("%1", state.profile.name)
        else:
            text = self.tr("Connected to %1").replace("%1", state.profile.name)
            if state.key_status is not None and state.key_status.location is KeyLocation.SESSION_ONLY:
                text += " · " + self.tr("key kept for this session only")
        self.connection_label.setText(text)

    def _on_key_saved(self, status: SecretStatus) -> None:
        if status.location is KeyLocation.SESSION_ONLY:
            self.message_bar.show_text(
                self.tr(
                    "No secure keyring is available on this computer, so your API key is kept only until you quit "
                    "and is never written to disk. You will be asked for it again next time."
                ),
                Level.WARNING,
                status.detail,
            )
        else:
            self.message_bar.show_text(
                self.tr("Your API key is stored in the system keyring (%1).").replace(
                    "%1", status.backend_name
                ),
                Level.SUCCESS,
            )

    def _on_settings_save_failed(self, exc: Exception) -> None:
        self.message_bar.show_message(describe_exception(exc), Level.ERROR)

    def open_settings(self) -> SettingsDialog:
        state = self.session.state()
        statuses = {state.profile.id: state.key_status} if state.key_status is not None else {}
        simulator = self.session.simulator
        dialog = SettingsDialog(
            self.session.settings,
            self.pool,
            self.context.secrets,
            practice_url=simulator.base_url if simulator is not None else "",
            key_status=statuses,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.session.apply_settings(
                dialog.result_settings(), dialog.new_keys(), dialog.removed_profiles()
            )
        )
        dialog.finished.connect(self._forget_settings_dialog)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _forget_settings_dialog(self) -> None:
        self.settings_dialog = None

    def open_prices(self) -> PricesDialog:
        dialog = PricesDialog(self.session.prices, self.context.paths.prices_file, self.pool, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.pricesChanged.connect(self.session.set_prices)
        dialog.open()
        return dialog

    def _on_model_ready(self, model_id: str) -> None:
        self.chat_tab.refresh_models()

    def open_chat_with(self, model_id: str) -> None:
        self.tabs.setCurrentWidget(self.chat_tab)
        self.chat_tab.select_model(model_id)

    def show_unhandled_error(self, summary: str, details: str) -> None:
        self.message_bar.show_text(
            self.tr(
                "An unexpected error occurred; the app kept running. It was written to the log: %1"
            ).replace("%1", summary),
            Level.ERROR,
            details,
        )

    # ---- quitting ------------------------------------------------------------------------------------------
    def open_job(self, job_id: str) -> None:
        """Bring the window forward on the Jobs tab with ``job_id`` selected (a notification was clicked)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.tabs.setCurrentWidget(self.jobs_tab)
        self.jobs_tab.select_job(job_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            self.jobs_tab.set_window_hidden(self.isMinimized())
        elif event.type() == QEvent.Type.ActivationChange:
            self.jobs_tab.set_window_active(self.isActiveWindow())
        super().changeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if not self._shut_down:
            self.jobs_tab.set_window_hidden(True)
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.jobs_tab.set_window_hidden(self.isMinimized())
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> bool:
        """Stop every thread and save what must survive; safe to call twice.

        Returns False when a thread is still stuck in a network call after a few seconds: the caller must
        then end the process without running Qt's destructors, which would wait for it or abort.
        """
        if self._shut_down:
            return self._clean
        self._shut_down = True
        self._clean = False  # until proven otherwise: a failure below must not pass for a clean stop
        self.chat_tab.shutdown()
        clean = self.jobs_tab.shutdown()
        clean = self.pool.shutdown() and clean
        self.notifier.close()
        self.jobs_cache.close()  # a poller still stuck in a call finds it closed: its writes are dropped
        if isinstance(self.conversations, ConversationStore):
            self.conversations.close()  # after the pool: no answer is being saved any more
        try:
            self.data_tab.flush_autosave()
            settings = self.session.settings
            settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
            settings.last_open_dir = self.data_tab.last_open_dir
            self.context.settings_store.save(settings)
        except OSError:  # quitting must not fail because a disk is full
            log.exception("could not save on quit")
        self.session.shutdown()
        self._clean = clean
        return clean


__all__ = ["AppContext", "MainWindow"]


def _open_conversations(path: Path) -> ConversationStore | ConversationStoreError:
    """The chat history, or why it cannot be kept (the chat still works, unsaved). Before the window shows,
    like the jobs cache: a few milliseconds."""
    try:
        return ConversationStore(path)
    except ConversationStoreError as error:
        log.warning("The chat history cannot be opened: %s", error)
        return error
