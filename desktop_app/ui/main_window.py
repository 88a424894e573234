"""The main window: Data, Jobs and Chat tabs over one session, with a clear Practice-mode banner."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QMimeData, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QHideEvent,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
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
from desktop_app.simulator import SimulatorConfig, SimulatorServer
from desktop_app.storage.autosave import AutosaveStore
from desktop_app.storage.conversations import ConversationStore, ConversationStoreError
from desktop_app.storage.jobs_cache import JobsCache
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import KeyLocation, SecretStatus, SecretStore
from desktop_app.storage.settings import (
    GUIDE_CLOSED,
    GUIDE_FINISHED,
    GUIDE_NEW,
    PRACTICE_PROFILE_ID,
    Settings,
    SettingsStore,
)
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.data.tab import DataTab, is_openable
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.guide.panel import GuideHooks, GuidePanel
from desktop_app.ui.guide.progress import GuideProgress
from desktop_app.ui.jobs.files_dialog import FilesDialog
from desktop_app.ui.jobs.models_dialog import ModelsDialog
from desktop_app.ui.jobs.tab import ACTIVE_INTERVAL_S, IDLE_INTERVAL_S, Confirm, JobsTab
from desktop_app.ui.names import profile_display_name
from desktop_app.ui.notifications import JobNotifier
from desktop_app.ui.prices_dialog import PricesDialog
from desktop_app.ui.session import Session
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.widgets import Level, MessageBar
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.001
START_BACKGROUND_LATEST_MS = 300


@dataclass(frozen=True)
class ViewState:
    tab: int
    job_id: str | None
    conversation_id: str | None
    guide: GuideProgress | None  # None: the guide was not open


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
    practice_service: SimulatorServer | None = None  # a running one, handed over by a window rebuilt


def language_choices() -> list[tuple[str, str]]:
    """(code, name) of each language the app speaks; each name in its own language, as menus everywhere do."""
    return [
        ("", QCoreApplication.translate("MainWindow", "System language")),
        ("en", "English"),
        ("zh_CN", "简体中文"),
    ]


class MainWindow(QMainWindow):
    languageChangeRequested = Signal(str)  # a language code ("" = the system's): the app rebuilds the window
    themeChangeRequested = Signal(str)  # "light", "dark" or "" (the system's): the app applies it

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
            simulator=context.practice_service,
            request_timeout=context.request_timeout,
            prices_file=context.paths.prices_file,
            parent=self,
        )
        self.settings_dialog: SettingsDialog | None = None
        self._shut_down = False
        self._pending_view: ViewState | None = None
        self.handed_over: SimulatorServer | None = None  # the Practice service, kept for the next window
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
        self.practice_banner.setWordWrap(True)  # two lines rather than a window wider than the screen
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
            trained_format=self.jobs_cache.legacy_format_of_model,
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
        self.guide: GuidePanel | None = None
        if context.settings.guide == GUIDE_NEW:
            self.show_guide()
        self.data_tab.restore_autosave()
        # Connecting (which imports the openai SDK) and loading the tokenizer keep a worker thread busy for
        # a moment, and that thread competes for the interpreter's lock: they start once the window has
        # painted, so it shows at once (or after a short while if it is not painted, e.g. started minimised).
        self._background_started = False
        QTimer.singleShot(START_BACKGROUND_LATEST_MS, self._start_background_work)

    def _start_background_work(self) -> None:
        if self._background_started or self._shut_down:
            return
        self._background_started = True
        self.session.start()
        self.data_tab.warm_up()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._background_started:
            QTimer.singleShot(0, self._start_background_work)  # once this paint is on the screen

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

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.tab_actions: list[QAction] = []
        for number, (page, name) in enumerate(
            (
                (self.data_tab, self.tr("&Data")),
                (self.jobs_tab, self.tr("&Jobs")),
                (self.chat_tab, self.tr("&Chat")),
            ),
            start=1,
        ):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, page=page: self.tabs.setCurrentWidget(page))
            view_menu.addAction(action)
            self.tab_actions.append(action)

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
        self.language_menu = settings_menu.addMenu(self.tr("&Language"))
        self.language_actions = self._add_choices(
            self.language_menu, language_choices(), self.session.settings.language, self.choose_language
        )
        self.theme_menu = settings_menu.addMenu(self.tr("&Appearance"))
        themes = [("", self.tr("Like the System")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))]
        self.theme_actions = self._add_choices(
            self.theme_menu, themes, self.session.settings.theme, self.choose_theme
        )

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = QAction(self.tr("&Getting Started Guide"), self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        self.sample_action = QAction(self.tr("Open the &Sample Examples"), self)
        self.sample_action.triggered.connect(lambda: self.show_guide().open_sample())
        help_menu.addAction(self.sample_action)
        self.folders_action = QAction(self.tr("Show &Data Folder"), self)
        self.folders_action.triggered.connect(self.show_data_folder)
        help_menu.addAction(self.folders_action)
        help_menu.addSeparator()
        about = QAction(self.tr("About FineTune Desk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        toolbar = QToolBar(self.tr("Service"), self)
        toolbar.setObjectName("serviceToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(self.tr("Service:") + " ", self))
        self.profile_combo = QComboBox(self)
        self.profile_combo.setAccessibleName(self.tr("Service"))
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
            self.profile_combo.addItem(profile_display_name(profile), profile.id)
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

    def _add_choices(
        self, menu: QMenu, choices: list[tuple[str, str]], current: str, choose: Callable[[str], None]
    ) -> QActionGroup:
        """One checkable entry per (code, name), the ``current`` one checked; picking one calls ``choose``."""
        group = QActionGroup(self)
        for code, name in choices:
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, code=code: choose(code))
            group.addAction(action)
            menu.addAction(action)
        return group

    # ---- the first-run guide ----------------------------------------------------------------------------
    def show_guide(self) -> GuidePanel:
        """Show the getting-started guide (made on first use; it keeps its progress while the app runs)."""
        if self.guide is None:
            hooks = GuideHooks(
                session=self.session,
                data_tab=self.data_tab,
                jobs_tab=self.jobs_tab,
                chat_tab=self.chat_tab,
                show_tab=self.tabs.setCurrentWidget,
                open_settings=self.open_settings,
                use_practice=self.use_practice,
                open_chat_with=self.open_chat_with,
            )
            self.guide = GuidePanel(hooks, self)
            self.guide.closedByUser.connect(lambda: self._remember_guide(GUIDE_CLOSED))
            self.guide.finishedGuide.connect(lambda: self._remember_guide(GUIDE_FINISHED))
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guide)
        self.guide.show()
        self.guide.raise_()
        return self.guide

    def _remember_guide(self, state: str) -> None:
        if self.session.settings.guide != state and not self._shut_down:
            self.session.settings.guide = state
            self.session.save_settings()

    def use_practice(self) -> None:
        """Switch to Practice mode (the guide's first step)."""
        if self.session.settings.active_profile_id != PRACTICE_PROFILE_ID:
            self.session.settings.active_profile_id = PRACTICE_PROFILE_ID
            self.session.save_settings()
            self.session.reload()

    # ---- language -----------------------------------------------------------------------------------------
    def choose_language(self, code: str) -> None:
        """Remember the language and ask the app to show the window in it (rebuilt: nothing is lost)."""
        for action in self.language_actions.actions():
            action.setChecked(action.data() == code)
        if code == self.session.settings.language:
            return
        self.session.settings.language = code
        self.session.save_settings()
        self.languageChangeRequested.emit(code)

    def choose_theme(self, code: str) -> None:
        for action in self.theme_actions.actions():
            action.setChecked(action.data() == code)
        if code != self.session.settings.theme:
            self.session.settings.theme = code
            self.session.save_settings()
            self.themeChangeRequested.emit(code)

    def view_state(self) -> ViewState:
        """What the user is looking at, for a rebuilt window to show again."""
        return ViewState(
            tab=self.tabs.currentIndex(),
            job_id=self.jobs_tab.selected_job_id(),
            conversation_id=self.chat_tab.conversation_id,
            guide=self.guide.progress if self.guide is not None and self.guide.isVisible() else None,
        )

    def restore_view(self, state: ViewState) -> None:
        """Show what ``state`` says; the job and conversation once connected (connecting resets the chat)."""
        self.tabs.setCurrentIndex(state.tab)
        if state.guide is not None:
            self.show_guide().take_progress(state.guide)
        self._pending_view = state
        if not self.session.state().loading_key:
            self._restore_selection()

    def _restore_selection(self) -> None:
        state, self._pending_view = self._pending_view, None
        if state is None:
            return
        if state.job_id is not None:
            self.jobs_tab.select_job(state.job_id)
        if state.conversation_id is not None:
            self.chat_tab.open_conversation(state.conversation_id)

    def show_data_folder(self) -> bool:
        """Open the folder with the chat history and autosave in the file manager (About lists the others)."""
        paths = self.context.paths
        return QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(paths.data_dir.parent if paths.base else paths.data_dir))
        )

    def _about(self) -> None:
        paths = self.context.paths
        QMessageBox.about(
            self,
            self.tr("About FineTune Desk"),
            self.tr("FineTune Desk %1\nFine-tune language models with clicks.").replace("%1", __version__)
            + "\n\n"
            + self.tr("Settings: %1\nData (chat history, autosave): %2\nLogs: %3")
            .replace("%1", str(paths.config_dir))
            .replace("%2", str(paths.data_dir))
            .replace("%3", str(paths.log_dir)),
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
        if not state.loading_key:
            QTimer.singleShot(0, self._restore_selection)  # after the tabs have taken the connection in
        practice = self.session.is_practice
        self.practice_banner.setVisible(practice)
        title = self.tr("FineTune Desk")
        practice_mode = self.tr("Practice mode")
        self.setWindowTitle(f"{title} — {practice_mode}" if practice else f"{title} — {state.profile.name}")
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

    def shutdown(self, *, keep_practice_service: bool = False) -> bool:
        """Stop every thread and save what must survive; safe to call twice.

        Returns False when a thread is still stuck in a network call after a few seconds: the caller must
        then end the process without running Qt's destructors, which would wait for it or abort.
        ``keep_practice_service``: leave the Practice service running for :attr:`handed_over`.
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
        self.handed_over = self.session.shutdown(keep_practice_service=keep_practice_service)
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
