"""Jobs tab: start a job from the Data tab's examples, follow it live, cancel, pause or resume it."""

from __future__ import annotations

import html
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dataset import Dataset
from desktop_app.core.formats import dpo_jsonl_lines, legacy_format, to_jsonl_bytes, training_lines
from desktop_app.core.models import is_legacy_model
from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.errors import ProviderError, UnsupportedFeatureError
from desktop_app.providers.metrics import MetricPoint
from desktop_app.providers.story import trained_cost
from desktop_app.providers.types import (
    TERMINAL_STATUSES,
    Capability,
    Job,
    JobEvent,
    JobRequest,
)
from desktop_app.storage.jobs_cache import CachedJobs, JobsCache
from desktop_app.ui.colours import Tone, set_tone, tone_css
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.help_terms import HelpButton, Term
from desktop_app.ui.jobs.chart import MetricsChart
from desktop_app.ui.jobs.checkpoints_model import CHECKPOINT_MODEL_ROLE, CheckpointsModel
from desktop_app.ui.jobs.jobs_model import (
    COL_BASE,
    COL_CREATED,
    COL_FINISHED,
    COL_MODEL,
    COL_NAME,
    COL_STATUS,
    COL_TOKENS,
    JOB_ID_ROLE,
    JobsFilterProxy,
    JobsTableModel,
    format_time,
    job_title,
    status_text,
)
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice, NewJobDialog
from desktop_app.ui.jobs.story_view import StoryView
from desktop_app.ui.jobs.watch import JobsSnapshot, JobWatch, cached_details
from desktop_app.ui.session import Session
from desktop_app.ui.widgets import Level, MessageBar, SteadyLabel
from desktop_app.ui.workers import CancelToken, Poller, Reporter, Worker, WorkerPool

log = logging.getLogger(__name__)


class DatasetSource(Protocol):
    def current_dataset(self) -> Dataset: ...
    def system_prompt(self) -> str: ...


Confirm = Callable[[str, str], bool]


_SHOWN_STATUSES = ("validating_files", "queued", "running", "paused", "succeeded", "failed", "cancelled")

PREVIEW_AFTER_MS = 800
"""A selected job's details come from the cache if the service has not answered by then (a slow or lost
network): reading them at once would only double the work while a healthy service answers."""
LOG_LINES_PER_TURN = 1_000
"""Events added to the event log per turn of the event loop (about 5 ms of the UI thread's time)."""
HIDDEN_QUIET_MS = 10 * 60 * 1000
"""After the window has been hidden (minimised, or in the tray) this long, polling slows down or stops."""
HIDDEN_ACTIVE_INTERVAL_S = 60.0
ACTIVE_INTERVAL_S = 3.0
"""While a job trains and the window is in front. A service logs a job's progress every few seconds at most;
each look costs two requests (the job, its new events), ~10 ms of CPU with the SDK: every 3 s keeps an idle
window following a job under 1 % of a core (measured in benchmarks/bench_jobs.py)."""
IDLE_INTERVAL_S = 15.0
"""When no job trains: new jobs started elsewhere still appear."""
BACKGROUND_ACTIVE_INTERVAL_S = 6.0
"""While a job trains and another window is in front: the user is not watching, a look every 6 s is enough
(its end is still notified within seconds) and costs half the polling."""
"""While hidden for long with a job still training: look now and then, so its end is still notified."""


def _moving(job: Job) -> bool:
    """Active and not paused: a job whose state changes on its own, so the tab looks often."""
    return job.is_active and job.status != "paused"


class JobsTab(QWidget):
    jobCreated = Signal(str)  # job id
    jobFinished = Signal(object)  # Job: an active job reached succeeded, failed or cancelled
    modelReady = Signal(str)  # a fine-tuned model became usable
    chatRequested = Signal(str)  # "chat with this model"
    polled = Signal(object)  # JobsSnapshot, after the view took it in
    actionFailed = Signal(object)  # the exception of a failed create/cancel/pause/resume

    def __init__(
        self,
        session: Session,
        pool: WorkerPool,
        data_source: DatasetSource,
        *,
        active_interval: float = ACTIVE_INTERVAL_S,
        idle_interval: float = IDLE_INTERVAL_S,
        confirm: Confirm | None = None,
        cache: JobsCache | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._cache = cache
        self._window_hidden = False
        self._window_active = True
        self._quiet = False  # hidden for long: polling slowed down or stopped
        self._quiet_timer = QTimer(self)
        self._quiet_timer.setSingleShot(True)
        self._quiet_timer.setInterval(HIDDEN_QUIET_MS)
        self._quiet_timer.timeout.connect(self._go_quiet)
        self._fetched_at: float | None = None
        self._offline = False
        self._creating = False  # a job is being uploaded and created: no second one meanwhile
        self._jobs_version = -1  # the watch's list version last shown
        self._view_generation = -1  # the session's generation the view belongs to
        self._details_of: str | None = None  # the job whose details are shown (or loading)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_AFTER_MS)
        self._preview_timer.timeout.connect(self._preview_if_waiting)
        self._previewed: str | None = None  # its details came from the cache; no poll has shown it yet
        self._service_models: list[str] = []  # the service's base models, for the New-job dialog
        self._any_active = False
        self._pool = pool
        self._data_source = data_source
        self._active_interval = active_interval
        self._idle_interval = idle_interval
        self._confirm = confirm or self._ask
        self._watch: JobWatch | None = None
        self._poller: Poller | None = None
        self._retired_pollers: set[Poller] = set()  # stopping; may still be inside a network call
        self._last_status: dict[str, str] = {}
        self._pending_selection: str | None = None  # asked for before the list held it
        self._created_unseen: dict[str, Job] = {}  # created here, not yet in a fetch that started after
        self._poll_error_shown = False
        self.new_job_dialog: NewJobDialog | None = None

        self.model = JobsTableModel(self)
        self.proxy = JobsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_ui()
        self._action_tips = {
            button: button.toolTip()
            for button in (
                self.new_button,
                self.rerun_button,
                self.cancel_button,
                self.pause_button,
                self.resume_button,
            )
        }
        self._add_shortcuts()
        session.providerChanged.connect(self._on_provider_changed)
        self._on_provider_changed()

    # ---- layout ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.new_button = QPushButton(self.tr("New job…"), self)
        self.new_button.setToolTip(self.tr("Train a model on the examples in the Data tab"))
        self.new_button.clicked.connect(self.open_new_job_dialog)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.search_edit = QLineEdit(self)
        self.search_edit.setAccessibleName(self.tr("Search jobs"))
        self.search_edit.setPlaceholderText(self.tr("Search jobs (name, model, id)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_search)
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName(self.tr("Jobs to show"))
        for group, words in (
            ("all", self.tr("All jobs")),
            ("active", self.tr("Still running")),
            ("succeeded", self.tr("Succeeded")),
            ("failed", self.tr("Failed")),
            ("cancelled", self.tr("Cancelled")),
        ):
            self.status_filter.addItem(words, group)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status_group(str(self.status_filter.currentData()))
        )
        self.freshness_label = SteadyLabel(self)
        self.freshness_label.setObjectName("freshness")
        self._freshness_tone: Tone | None = None
        self._set_freshness("", Tone.MUTED)
        self._freshness_timer = QTimer(self)
        self._freshness_timer.setInterval(30_000)  # "3 min ago" stays true
        self._freshness_timer.timeout.connect(self._show_freshness)
        self._freshness_timer.start()
        self.upload_progress = QProgressBar(self)
        self.upload_progress.setMaximumWidth(200)
        self.upload_progress.setTextVisible(False)
        self.upload_progress.hide()
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.upload_progress)
        top.addWidget(self.refresh_button)
        top.addWidget(self.freshness_label)
        top.addStretch(1)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.status_filter)

        self.message_bar = MessageBar(self)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Training jobs"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # Widths from the font, not ResizeToContents: that measures every row (1,000 jobs: ~150 ms) after each
        # change of any job's status, and three times on the first paint.
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        margin = 4 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8
        widths = {
            COL_CREATED: metrics.horizontalAdvance("12-31 23:59"),
            COL_STATUS: max(metrics.horizontalAdvance(status_text(s)) for s in _SHOWN_STATUSES),
            COL_BASE: metrics.horizontalAdvance("GPT-4.1 nano"),
            COL_FINISHED: metrics.horizontalAdvance("12-31 23:59"),
            COL_TOKENS: metrics.horizontalAdvance("12,345,678"),
        }
        titles = self.model.column_titles()
        header_metrics = header.fontMetrics()
        widths = {c: max(w, header_metrics.horizontalAdvance(titles[c])) for c, w in widths.items()}
        for column, width in widths.items():
            header.resizeSection(column, width + margin)
        # Room for every column shown, the name at least as wide as a date (the splitter starts there).
        scrollbar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self._list_width = (
            sum(w + margin for w in widths.values()) + widths[COL_CREATED] + margin + scrollbar + 8
        )
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(COL_MODEL, True)  # long names: in the details, the list stays narrow
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.empty_label)

        # Details of the selected job.
        self.title_label = QLabel(self)
        self.title_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.status_label = QLabel(self)
        self.job_id_label = QLabel(self)
        self.base_model_label = QLabel(self)
        self.result_model_label = QLabel(self)
        for label in (self.job_id_label, self.base_model_label, self.result_model_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.times_label = QLabel(self)
        self.settings_label = QLabel(self)
        self.settings_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        set_tone(self.error_label, Tone.ERROR)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)

        form = QFormLayout()
        form.addRow(self.tr("Status:"), self.status_label)
        form.addRow(self.tr("Job:"), self.job_id_label)
        form.addRow(self.tr("Base model:"), self.base_model_label)
        form.addRow(self.tr("Trained model:"), self.result_model_label)
        form.addRow(self.tr("Time:"), self.times_label)
        form.addRow(self.tr("Settings:"), self.settings_label)
        form.addRow(self.tr("Progress:"), self.progress)

        self.cancel_button = QPushButton(self.tr("Cancel job"), self)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.clicked.connect(self.pause_selected)
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.resume_button.clicked.connect(self.resume_selected)
        self.chat_button = QPushButton(self.tr("Chat with this model"), self)
        self.chat_button.clicked.connect(self._request_chat)
        self.rerun_button = QPushButton(self.tr("Run again"), self)
        self.rerun_button.setToolTip(self.tr("Start a new job with the same files and settings"))
        self.rerun_button.clicked.connect(self.rerun_selected)
        actions = QHBoxLayout()
        for button in (
            self.cancel_button,
            self.pause_button,
            self.resume_button,
            self.chat_button,
            self.rerun_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        self.events_label = QLabel(self)  # says when the service reports no events
        self.events_label.setWordWrap(True)
        self.events_label.hide()
        self.story_view = StoryView(self)
        self.story_view.setAccessibleName(self.tr("What happened"))
        self.chart = MetricsChart(self)
        self.event_log = QPlainTextEdit(self)
        self.event_log.setAccessibleName(self.tr("Event log"))
        self.event_log.setReadOnly(True)
        self.event_log.setMaximumBlockCount(20_000)
        self.event_log.setObjectName("eventLog")
        self._log_backlog: deque[JobEvent] = deque()
        self._log_timer = QTimer(self)
        self._log_timer.setInterval(0)
        self._log_timer.timeout.connect(self._drain_event_log)
        self.detail_tabs = QTabWidget(self)
        self.detail_tabs.setDocumentMode(True)
        # Every tab whole, not behind scroll arrows: the splitter keeps room for them.
        self.detail_tabs.setUsesScrollButtons(False)
        self.detail_tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.detail_tabs.addTab(self.story_view, self.tr("What happened"))
        self.loss_button = QRadioButton(self.tr("Loss"), self)
        self.accuracy_button = QRadioButton(self.tr("Token accuracy"), self)
        self.loss_button.setChecked(True)
        self.loss_button.toggled.connect(lambda loss: self.chart.set_metric("loss" if loss else "accuracy"))
        chart_page = QWidget(self)
        chart_layout = QVBoxLayout(chart_page)
        chart_layout.setContentsMargins(0, 4, 0, 0)
        switch = QHBoxLayout()
        switch.addWidget(self.loss_button)
        switch.addWidget(self.accuracy_button)
        switch.addWidget(HelpButton(Term.LOSS, chart_page))
        switch.addStretch(1)
        chart_layout.addLayout(switch)
        chart_layout.addWidget(self.chart, 1)
        self.detail_tabs.addTab(chart_page, self.tr("Loss and accuracy"))
        self.checkpoints_model = CheckpointsModel(self)
        self.checkpoints_table = QTableView(self)
        self.checkpoints_table.setAccessibleName(self.tr("Checkpoints"))
        self.checkpoints_table.setModel(self.checkpoints_model)
        self.checkpoints_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checkpoints_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checkpoints_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checkpoints_table.verticalHeader().hide()
        self.checkpoints_table.setWordWrap(False)
        self.checkpoints_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep "…:ckpt-step-48"
        self.checkpoints_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.checkpoints_table.horizontalHeader().setStretchLastSection(True)
        self.checkpoints_table.doubleClicked.connect(lambda _index: self.chat_with_checkpoint())
        self.checkpoint_chat_button = QPushButton(self.tr("Chat with this checkpoint"), self)
        self.checkpoint_chat_button.setEnabled(False)
        self.checkpoint_chat_button.clicked.connect(self.chat_with_checkpoint)
        self.checkpoints_table.selectionModel().selectionChanged.connect(
            lambda *_args: self.checkpoint_chat_button.setEnabled(self._selected_checkpoint() is not None)
        )
        self.checkpoints_hint = QLabel(self)
        self.checkpoints_hint.setWordWrap(True)
        set_tone(self.checkpoints_hint, Tone.MUTED)
        checkpoints_page = QWidget(self)
        checkpoints_layout = QVBoxLayout(checkpoints_page)
        checkpoints_layout.setContentsMargins(0, 4, 0, 0)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.checkpoints_hint, 1)
        hint_row.addWidget(HelpButton(Term.CHECKPOINT, checkpoints_page), 0, Qt.AlignmentFlag.AlignTop)
        checkpoints_layout.addLayout(hint_row)
        checkpoints_layout.addWidget(self.checkpoints_table, 1)
        checkpoint_actions = QHBoxLayout()
        checkpoint_actions.addWidget(self.checkpoint_chat_button)
        checkpoint_actions.addStretch(1)
        checkpoints_layout.addLayout(checkpoint_actions)
        self.detail_tabs.addTab(checkpoints_page, self.tr("Checkpoints"))
        self.detail_tabs.addTab(self.event_log, self.tr("Event log"))
        self._chart_steps = 0  # metric points already on the chart
        self._chart_last: MetricPoint | None = None  # the last of them

        self.detail = QWidget(self)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.title_label)
        detail_layout.addLayout(form)
        detail_layout.addWidget(self.error_label)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self.events_label)
        detail_layout.addWidget(self.detail_tabs, 1)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self._splitter = splitter
        self._splitter_placed = False

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_bar)
        layout.addWidget(splitter, 1)
        self._show_job(None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_placed:  # once: then the user's own split stays
            self._splitter_placed = True
            total = self._splitter.width()
            wanted = min(self._list_width, total // 2)
            self._splitter.setSizes([wanted, max(1, total - wanted)])

    def _add_shortcuts(self) -> None:
        """While the focus is in this tab: Ctrl+F searches the jobs, F5 or Ctrl+R reads them again."""
        self.find_action = QAction(self.tr("Search jobs"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setShortcuts(refresh_keys())
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # ---- provider and polling -----------------------------------------------------------------------------
    @property
    def provider(self) -> TrainingProvider | None:
        return self._session.provider

    def _on_provider_changed(self) -> None:
        """Called twice for each service: when the app starts connecting to it (the jobs last seen there are
        shown from the cache at once) and when the connection is made (then the service is asked)."""
        generation = self._session.generation
        if generation != self._view_generation:
            self._view_generation = generation
            self._details_of, self._previewed = None, None
            self._retire_poller()
            self.model.set_jobs([])
            self._jobs_version, self._any_active = -1, False
            self._last_status.clear()
            self._show_job(None)
            self._fetched_at = None
            self._set_offline(False)
            self._show_freshness()
            self._load_cached(self._session.profile.id)
        provider = self.provider
        self.new_button.setEnabled(provider is not None)
        self.refresh_button.setEnabled(provider is not None)
        if provider is None:
            if self._session.state().loading_key:
                self._set_empty_text(self.tr("Connecting…"))
                return
            self._retire_poller()
            self.model.set_jobs([])  # the cached jobs too: without a key they cannot be acted on
            self._fetched_at = None
            self._show_freshness()
            self._set_empty_text(self.tr("Add your API key in Settings to see your training jobs."))
            return
        if self._watch is not None:
            return  # already following this service
        if self.model.rowCount() == 0:
            self._set_empty_text(self.tr("Loading jobs…"))
        profile_id = self._session.profile.id
        self._load_service_models(provider)
        session = self._session
        prices = None if session.is_practice else (lambda: session.prices)  # Practice is free
        self._watch = JobWatch(provider, cache=self._cache, profile_id=profile_id, prices=prices)
        self._watch.select(self._details_of)  # a job chosen while connecting (its cached details shown)

        # No parent: a poller stuck in a network call must not be destroyed with the tab while it runs.
        self._poller = Poller(self._watch.fetch, self._idle_interval, backoff_hint=_retry_after)
        self._poller.polled.connect(self._on_polled)
        self._poller.failed.connect(self._on_poll_failed)
        self._poller.start()

    def _load_service_models(self, provider: TrainingProvider) -> None:
        """The service's own base models, offered in the New-job dialog beside the catalogue (a local or
        compatible server trains models the catalogue does not know)."""
        self._service_models = []

        def work(token: CancelToken, report: Reporter) -> list[str]:
            return [model.id for model in provider.list_models() if not model.is_fine_tuned]

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_service_models)

        self._pool.start(work, "list base models", connect=connect, tag=self._session.generation)

    def _on_service_models(self, ids: list[str]) -> None:
        if self._from_current_service():
            self._service_models = ids

    def _load_cached(self, profile_id: str) -> None:
        """Show the jobs as last seen while the service is asked (the tab opens at once, also offline)."""
        cache = self._cache
        if cache is None:
            return
        generation = self._session.generation

        def work(token: CancelToken, report: Reporter) -> CachedJobs:
            return cache.load_jobs(profile_id)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_cache_loaded)

        self._pool.start(work, "read cached jobs", connect=connect, tag=generation)

    def _on_cache_loaded(self, cached: CachedJobs) -> None:
        if not self._from_current_service() or self._fetched_at is not None or not cached.jobs:
            return  # the service answered first, or there is nothing to show
        if self.model.rowCount() == 0:
            self.model.set_jobs(list(cached.jobs))
            self._set_empty_text("")
            self._fetched_at = cached.fetched_at
            self._show_freshness()

    def _show_freshness(self) -> None:
        if self._fetched_at is None:
            self.freshness_label.clear()
            return
        age = max(0.0, time.time() - self._fetched_at)
        when = format_time(int(self._fetched_at))
        if age < 90 and not self._offline:
            self._set_freshness(self.tr("Updated %1").replace("%1", when[-8:]), Tone.MUTED)
            return
        minutes = int(age // 60)
        ago = (
            self.tr("%n minute(s) ago", "", minutes)
            if minutes < 120
            else self.tr("%n hour(s) ago", "", minutes // 60)
        )
        text = self.tr("As of %1 (%2)").replace("%1", when).replace("%2", ago)
        if self._offline:
            text = self.tr("Offline · %1").replace("%1", text)
        self._set_freshness(text, Tone.WARNING)

    def _set_freshness(self, text: str, freshness_tone: Tone) -> None:
        # Setting the palette, even the same one, lays the window out again: only when the tone changes.
        if self._freshness_tone is not freshness_tone:
            self._freshness_tone = freshness_tone
            set_tone(self.freshness_label, freshness_tone)
        self.freshness_label.setText(text)

    def _retire_poller(self) -> None:
        """Stop following the old service without waiting for it (the UI thread never blocks on I/O)."""
        self._created_unseen.clear()  # created on the service being left
        poller, self._poller, self._watch = self._poller, None, None
        if poller is None:
            return
        poller.polled.disconnect(self._on_polled)
        poller.failed.disconnect(self._on_poll_failed)
        poller.finished.connect(self._on_retired_poller_finished)
        self._retired_pollers.add(poller)
        poller.request_stop()

    def _on_retired_poller_finished(self) -> None:
        poller = self.sender()
        if isinstance(poller, Poller) and poller in self._retired_pollers:
            self._retired_pollers.discard(poller)
            poller.deleteLater()

    def stop_polling(self, timeout_ms: int = 3_000) -> bool:
        """Stop every poller within one shared ``timeout_ms``; False if one is still stuck in a network call."""
        self._retire_poller()
        deadline = time.monotonic() + timeout_ms / 1000
        for poller in self._retired_pollers:
            poller.request_stop()
        clean = True
        for poller in list(self._retired_pollers):
            left_ms = max(0, int((deadline - time.monotonic()) * 1000))
            if poller.stop(left_ms):
                self._retired_pollers.discard(poller)
                poller.deleteLater()
            else:
                clean = False
        return clean

    def refresh(self) -> None:
        """Read every job again now (the button, or after the window comes back)."""
        if self._watch is not None:
            self._watch.reload()
        if self._poller is not None:
            self._poller.poke()

    # ---- polling while the window is hidden -----------------------------------------------------------
    def set_window_hidden(self, hidden: bool) -> None:
        """The main window went to the background (minimised, hidden) or came back."""
        if hidden == self._window_hidden:
            return
        self._window_hidden = hidden
        if hidden:
            self._quiet_timer.start()
            return
        self._quiet_timer.stop()
        if self._quiet:
            self._quiet = False
            if self._poller is not None:
                self._poller.resume()
                self._adapt_interval()
                self._poller.poke()  # what happened meanwhile, at once

    def set_window_active(self, active: bool) -> None:
        """The main window came to the front (polling at full pace while a job trains) or went behind."""
        if active != self._window_active:
            self._window_active = active
            self._adapt_interval()
            if active and self._poller is not None and self._any_active:
                self._poller.poke()  # the latest, now that the user looks

    def _go_quiet(self) -> None:
        self._quiet = True
        self._adapt_interval()

    def _adapt_interval(self) -> None:
        """Fast while a job trains, slow when all are done; hidden for long: a look a minute while one
        trains (its end is still notified), none at all otherwise."""
        poller = self._poller
        if poller is None:
            return
        busy = self._any_active
        if self._quiet:
            if busy:
                poller.resume()
                poller.set_interval(HIDDEN_ACTIVE_INTERVAL_S)
            else:
                poller.pause()
            return
        if busy:
            poller.set_interval(
                self._active_interval
                if self._window_active
                else max(self._active_interval, BACKGROUND_ACTIVE_INTERVAL_S)
            )
        else:
            poller.set_interval(self._idle_interval)

    @property
    def polling_interval(self) -> float | None:
        return self._poller.interval if self._poller is not None else None

    @property
    def polling_paused(self) -> bool:
        return self._poller is not None and self._poller.paused

    def _set_empty_text(self, text: str) -> None:
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))

    def _on_polled(self, snapshot: JobsSnapshot) -> None:
        if self.sender() is not self._poller:
            return  # from a poller of a service we no longer show
        self._fetched_at = snapshot.fetched_at
        self._set_offline(snapshot.offline_error is not None)
        self._show_freshness()
        if snapshot.offline_error is not None:
            self._show_poll_error(snapshot.offline_error)
        elif self._poll_error_shown:
            self.message_bar.hide()
            self._poll_error_shown = False
        if snapshot.jobs_changed or snapshot.jobs_version != self._jobs_version:
            self._jobs_version = snapshot.jobs_version
            self._take_jobs(snapshot)
        if snapshot.selected is not None and snapshot.selected_id == self.selected_job_id():
            self._note_status(snapshot.selected)
            watch = self._watch
            if (
                snapshot.new_events
                and watch is not None
                and watch.advance(snapshot.selected.id, snapshot.cursor, snapshot.new_events[-1].id)
            ):
                if snapshot.cursor is None and self._previewed == snapshot.selected.id:
                    self._clear_event_log()  # the whole history again: it replaces the cached one shown
                self._append_events(snapshot.new_events)
            self._previewed = None
            self._show_details(snapshot)
            if snapshot.selected_error is not None:
                self._show_poll_error(snapshot.selected_error)
        self._adapt_interval()
        self.polled.emit(snapshot)

    def _show_details(self, snapshot: JobsSnapshot) -> None:
        """The selected job's details from a poll, or from the cache before the service answers."""
        if snapshot.selected is not None:
            self._show_job(snapshot.selected)
            self._show_progress(snapshot)
            self._show_metrics(snapshot)
            self._show_checkpoints(snapshot)
            self.story_view.show_story(snapshot.story, placeholder=self.tr("Waiting for the service…"))
            if not snapshot.events_supported:
                self.events_label.setText(
                    self.tr("This service does not report a job's events: only its status is shown.")
                )
            self.events_label.setVisible(not snapshot.events_supported)

    def _take_jobs(self, snapshot: JobsSnapshot) -> None:
        """A list that changed since the last tick (most ticks change nothing, and skip this)."""
        pending, self._pending_selection = self._pending_selection, None
        selected_before = self.selected_job_id()
        jobs = list(snapshot.jobs)
        for job_id in snapshot.created_taken_in:
            self._created_unseen.pop(job_id, None)  # the watch knows it now: what it says goes
        listed = {job.id for job in jobs}
        jobs[:0] = [job for job in self._created_unseen.values() if job.id not in listed]
        if snapshot.selected is not None and all(j.id != snapshot.selected.id for j in jobs):
            jobs.insert(0, snapshot.selected)  # just created, not listed by the service yet
        self.model.set_jobs(jobs)
        if pending is not None:
            if self.model.row_of(pending) is not None:
                selected_before = pending  # asked for before it was listed: selected now
            else:
                self._pending_selection = pending  # still not listed
        if selected_before is not None and not self._select_row_of(selected_before):
            # Gone from the service (deleted elsewhere): stop following it and say so.
            if self._watch is not None:
                self._watch.select(None)
            self._show_job(None)
            self._show_action_message(
                self.tr("Job %1 no longer exists on the service.").replace("%1", selected_before),
                Level.WARNING,
            )
        self._set_empty_text(
            ""
            if jobs
            else self.tr("No training jobs yet. Prepare examples in the Data tab, then “New job…”.")
        )
        for job in jobs:
            self._note_status(job)
        self._any_active = any(_moving(job) for job in jobs)

    def _on_poll_failed(self, exc: Exception) -> None:
        if self.sender() is not self._poller:
            return
        self._show_poll_error(exc)
        if self.model.rowCount() == 0:
            self._set_empty_text(self.tr("The job list could not be loaded yet."))

    def _show_poll_error(self, exc: Exception) -> None:
        message = describe_exception(exc, is_openai=self._session.is_openai)
        transient = isinstance(exc, ProviderError) and exc.is_transient
        self.message_bar.show_message(message, Level.WARNING if transient else Level.ERROR)
        self._poll_error_shown = True

    def _note_status(self, job: Job) -> None:
        before = self._last_status.get(job.id)
        self._last_status[job.id] = job.status
        if (
            before is not None
            and before != job.status
            and job.is_terminal
            and before not in TERMINAL_STATUSES
        ):
            self.jobFinished.emit(job)
        if before is not None and before != job.status and job.status == "succeeded" and job.fine_tuned_model:
            self._show_action_message(
                self.tr("Training finished: %1 is ready. Try it in the Chat tab.").replace(
                    "%1", job.fine_tuned_model
                ),
                Level.SUCCESS,
            )
            self.modelReady.emit(job.fine_tuned_model)

    # ---- selection and details ------------------------------------------------------------------------------
    def selected_job_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(JOB_ID_ROLE)
        return value if isinstance(value, str) else None

    def select_job(self, job_id: str) -> None:
        if self._select_row_of(job_id):
            self._pending_selection = None
            return
        self._pending_selection = job_id  # not listed yet: selected in the list as soon as it is
        if self._watch is not None:
            self._watch.select(job_id)  # and followed meanwhile

    def _select_row_of(self, job_id: str) -> bool:
        row = self.model.row_of(job_id)
        if row is None:
            return False
        shown = self.proxy.mapFromSource(self.model.index(row, 0))
        if not shown.isValid():  # filtered out: show every job again rather than hide the one asked for
            self.search_edit.clear()
            self.status_filter.setCurrentIndex(0)
            shown = self.proxy.mapFromSource(self.model.index(row, 0))
        if self.selected_job_id() != job_id:
            self.table.selectRow(shown.row())
        return True

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        job_id = self.selected_job_id()
        if job_id != self._details_of:
            self._details_of, self._previewed = job_id, None
            if self._watch is not None:
                self._watch.select(job_id)
            self._clear_event_log()
            self.events_label.hide()
            self.story_view.show_story((), placeholder=self.tr("Loading…"))
            self.chart.clear()
            self._chart_steps, self._chart_last = 0, None
            self.checkpoints_model.set_checkpoints(())
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress.setFormat("%p%")
            if self._poller is not None:
                self._poller.poke()
                # The service usually answers first; the cache is read only if it keeps the user waiting.
                self._preview_timer.start()
            else:
                self._preview(job_id)  # still connecting: what was kept is all there is to show
        row = self.model.row_of(job_id) if job_id else None
        self._show_job(self.model.job(row) if row is not None else None)

    def _preview_if_waiting(self) -> None:
        job_id = self.selected_job_id()
        if job_id is not None and not self._shown_by_poll(job_id):
            self._preview(job_id)

    def _preview(self, job_id: str | None) -> None:
        """The selected job's details as last seen, from the cache, until the service answers (at once on a
        slow or lost network, where the first poll may take a minute to give up)."""
        row = self.model.row_of(job_id) if job_id else None
        cache = self._cache
        if row is None or cache is None:
            return
        job, profile_id = self.model.job(row), self._session.profile.id
        prices = None if self._session.is_practice else self._session.prices  # Practice is free

        def work(token: CancelToken, report: Reporter) -> JobsSnapshot:
            return cached_details(cache, profile_id, job, prices)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_preview)

        self._pool.start(work, "read a job's cached details", connect=connect, tag=self._session.generation)

    def _on_preview(self, snapshot: JobsSnapshot) -> None:
        job_id = snapshot.selected_id
        if (
            not self._from_current_service()
            or job_id != self.selected_job_id()
            or self._shown_by_poll(job_id)
        ):
            return  # another job by now, or the service answered first
        if not snapshot.new_events and not snapshot.checkpoints:
            return  # nothing was kept: the service will tell
        self._previewed = job_id
        self._append_events(snapshot.new_events)
        self._show_details(snapshot)

    def _shown_by_poll(self, job_id: str | None) -> bool:
        watch = self._watch
        return watch is not None and job_id is not None and watch.shown_cursor(job_id) is not None

    def selected_job(self) -> Job | None:
        job_id = self.selected_job_id()
        row = self.model.row_of(job_id) if job_id else None
        return self.model.job(row) if row is not None else None

    def _show_job(self, job: Job | None) -> None:
        self.detail.setEnabled(job is not None)
        if job is None:
            self.title_label.setText(self.tr("Select a job to follow it"))
            for label in (
                self.status_label,
                self.job_id_label,
                self.base_model_label,
                self.result_model_label,
                self.times_label,
                self.settings_label,
                self.error_label,
            ):
                label.clear()
            self._clear_event_log()
            self.story_view.show_story((), placeholder=self.tr("Select a job to see what happened."))
            self.chart.clear()
            self._chart_steps, self._chart_last = 0, None
            for button in (
                self.cancel_button,
                self.pause_button,
                self.resume_button,
                self.chat_button,
                self.rerun_button,
            ):
                button.setEnabled(False)
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            return
        provider = self.provider
        can_pause = provider is not None and provider.supports(Capability.PAUSE_RESUME)
        self.title_label.setText(job_title(job))
        self.status_label.setText(status_text(job.status))
        self.job_id_label.setText(job.id)
        self.base_model_label.setText(job.model)
        self.result_model_label.setText(job.fine_tuned_model or self.tr("(when training succeeds)"))
        times = self.tr("created %1").replace("%1", format_time(job.created_at))
        if job.finished_at:
            times += " · " + self.tr("finished %1").replace("%1", format_time(job.finished_at))
        self.times_label.setText(times)
        self.settings_label.setText(self._settings_text(job))
        self.error_label.setText(self._failure_text(job) if job.status == "failed" else "")
        self.error_label.setVisible(bool(self.error_label.text()))
        online = not self._offline  # offline the view is read-only: what it shows may be out of date
        self.cancel_button.setEnabled(online and job.is_active)
        self.pause_button.setVisible(can_pause)
        self.resume_button.setVisible(can_pause)
        self.pause_button.setEnabled(online and job.status == "running")
        self.resume_button.setEnabled(online and job.status == "paused")
        self.chat_button.setEnabled(bool(job.fine_tuned_model))
        self.rerun_button.setEnabled(online and not self._creating)
        if job.status == "succeeded":
            if self.progress.maximum() <= 1:
                self.progress.setRange(0, 1)
            self.progress.setValue(self.progress.maximum())
            self.progress.setFormat(self.tr("done"))
        elif job.status in ("validating_files", "queued") and self.progress.maximum() <= 1:
            self.progress.setRange(0, 0)  # busy indicator until steps are known

    def _failure_text(self, job: Job) -> str:
        """Why the job failed, in the service's words, and what to do about it."""
        error = job.error
        said = (
            error.message if error is not None and error.message else self.tr("The service gave no reason.")
        )
        code = (error.code if error is not None else "").lower()
        param = (error.param or "") if error is not None else ""
        if "file" in code or param in ("training_file", "validation_file"):
            advice = self.tr(
                "The service could not train on the file. Fix the rows it names in the Data tab (its check "
                "results point at most such problems), then start a new job."
            )
        elif "quota" in code or "billing" in code:
            advice = self.tr(
                "The account's quota or spending limit was reached: check billing with the service."
            )
        elif "safety" in code or "moderation" in code or "policy" in code:
            advice = self.tr(
                "The service refused the data under its usage policies. Remove the examples it objects to."
            )
        else:
            advice = self.tr("Try again later; if it fails again, contact the service with the job's id.")
        return self.tr("Failed: %1").replace("%1", said) + "\n" + advice

    def _settings_text(self, job: Job) -> str:
        """Method and hyperparameters in a line; "auto" where the service chose (or has not said yet)."""
        auto = self.tr("auto")
        hp = job.hyperparameters
        method = {"supervised": self.tr("supervised"), "dpo": self.tr("preference (DPO)")}.get(
            job.method or "supervised", job.method or ""
        )
        parts = [
            method,
            self.tr("epochs %1").replace("%1", str(hp.n_epochs) if hp.n_epochs else auto),
            self.tr("batch size %1").replace("%1", str(hp.batch_size) if hp.batch_size else auto),
            self.tr("learning rate ×%1").replace(
                "%1", f"{hp.learning_rate_multiplier:g}" if hp.learning_rate_multiplier else auto
            ),
        ]
        if job.method == "dpo":
            parts.append(self.tr("beta %1").replace("%1", f"{job.beta:g}" if job.beta else auto))
        if job.validation_file:
            parts.append(self.tr("with validation data"))
        return " · ".join(parts)

    def _append_events(self, events: tuple[JobEvent, ...]) -> None:
        """Events join the log a slice per turn of the event loop: a job's first look brings up to 10,000 of
        them, which at once would hold the window up for a tenth of a second."""
        self._log_backlog.extend(events)
        if not self._log_timer.isActive():
            self._log_timer.start()

    def _clear_event_log(self) -> None:
        self._log_backlog.clear()
        self._log_timer.stop()
        self.event_log.clear()

    def _drain_event_log(self) -> None:
        """Plain lines go in runs, one call per run (one call a line took about a second for 10,000 of them);
        warnings and errors are coloured one by one."""
        backlog = self._log_backlog
        plain: list[str] = []
        for _ in range(min(LOG_LINES_PER_TURN, len(backlog))):
            event = backlog.popleft()
            line = f"[{format_time(event.created_at)}] {event.message}"
            tone = {"error": Tone.ERROR, "warn": Tone.WARNING}.get(event.level)
            if tone is None:
                plain.append(line)
                continue
            if plain:
                self.event_log.appendPlainText("\n".join(plain))
                plain.clear()
            self.event_log.appendHtml(f'<span style="color:{tone_css(tone)}">{html.escape(line)}</span>')
        if plain:
            self.event_log.appendPlainText("\n".join(plain))
        if not backlog:
            self._log_timer.stop()

    def event_log_pending(self) -> int:
        """Events received but not yet in the log (it takes a slice per turn of the event loop)."""
        return len(self._log_backlog)

    def _show_progress(self, snapshot: JobsSnapshot) -> None:
        job, steps = snapshot.selected, snapshot.progress
        if job is None or job.status == "succeeded" or steps is None:
            return  # "done" or the busy indicator, set by _show_job
        step, total = steps
        self.progress.setRange(0, total)
        self.progress.setValue(min(step, total))
        text = self.tr("step %1 of %2").replace("%1", str(step)).replace("%2", str(total))
        if job.estimated_finish and job.is_active:
            text += " · " + self.tr("done about %1").replace("%1", format_time(job.estimated_finish))
        self.progress.setFormat(text)

    def _show_metrics(self, snapshot: JobsSnapshot) -> None:
        """Only new points go to the chart; it is redrawn whole when the curve changed otherwise (the result
        file, read when the job ended, fills in steps no event reported)."""
        points = snapshot.metrics
        total = snapshot.progress[1] if snapshot.progress is not None else None
        shown = self._chart_last
        grows = (
            shown is not None and len(points) >= self._chart_steps and points[self._chart_steps - 1] == shown
        )
        if grows:
            if len(points) > self._chart_steps:
                self.chart.append_points(points[self._chart_steps :])
            if total is not None and total != self.chart.total_steps():
                self.chart.set_total_steps(total)
        elif points or shown is not None:
            self.chart.set_points(points, total)
        self._chart_steps = len(points)
        self._chart_last = points[-1] if points else None

    def _show_checkpoints(self, snapshot: JobsSnapshot) -> None:
        self.checkpoints_model.set_checkpoints(snapshot.checkpoints)
        provider = self.provider
        if provider is not None and not provider.supports(Capability.CHECKPOINTS):
            hint = self.tr("This service does not keep checkpoints.")
        elif snapshot.checkpoints:
            hint = self.tr(
                "The service keeps a model at the end of some epochs. Chat with one to compare it with the "
                "final model (an earlier one may have overfitted less)."
            )
        else:
            hint = self.tr("Checkpoints appear here as training reaches the end of an epoch.")
        self.checkpoints_hint.setText(hint)

    def _selected_checkpoint(self) -> str | None:
        rows = self.checkpoints_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(CHECKPOINT_MODEL_ROLE)
        return value if isinstance(value, str) and value else None

    def chat_with_checkpoint(self) -> None:
        """Open the Chat tab on the selected checkpoint's model."""
        model = self._selected_checkpoint()
        if model is not None:
            self.chatRequested.emit(model)

    def event_log_text(self) -> str:
        """The log as shown (events still waiting for their turn are not in it yet)."""
        return self.event_log.toPlainText()

    # ---- new job ------------------------------------------------------------------------------------------------
    def open_new_job_dialog(self) -> NewJobDialog | None:
        """The dialog checks the examples (blocking errors stop it, warnings need a click) and prices them."""
        dataset = self._data_source.current_dataset()
        dialog = NewJobDialog(
            dataset,
            practice=self._session.is_practice,
            openai=self._session.is_openai,
            default_model=self._session.settings.default_base_model,
            prices=self._session.prices,
            pool=self._pool,
            extra_models=self._service_models,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._start_from_dialog(dialog))
        dialog.finished.connect(self._forget_dialog)
        self.new_job_dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self) -> None:
        self.new_job_dialog = None

    def _start_from_dialog(self, dialog: NewJobDialog) -> None:
        self.start_job(dialog.choice(), dialog.training_dataset(), dialog.validation_dataset())

    def start_job(
        self, choice: NewJobChoice, training: Dataset | None = None, validation: Dataset | None = None
    ) -> Worker | None:
        """Upload the training (and validation) rows, unless the service already has the same file, then
        create the job; one at a time (the button waits), so a double click cannot create two."""
        provider = self.provider
        if provider is None or self._creating:
            return None
        if training is None:
            training = self._data_source.current_dataset()
        system_prompt = self._data_source.system_prompt()
        legacy = is_legacy_model(choice.base_model)
        dpo = choice.method == "dpo"
        stem = training.source.stem if training.source is not None else "dataset"
        filename = f"{stem}_prepared.jsonl"
        self._creating = True
        self.new_button.setEnabled(False)
        self.upload_progress.setRange(0, 0)
        self.upload_progress.show()
        self._show_action_message(self.tr("Uploading %1 …").replace("%1", filename), Level.INFO)

        def lines(rows: Dataset) -> bytes:
            if dpo:
                return to_jsonl_bytes(dpo_jsonl_lines(rows, system_prompt=system_prompt))
            return to_jsonl_bytes(training_lines(rows, legacy=legacy, system_prompt=system_prompt))

        memory = self._cache.upload_memory(self._session.profile.id) if self._cache is not None else None

        def upload(name: str, content: bytes, token: CancelToken, report: Reporter) -> str:
            sent, reused = provider.upload_file_once(
                name,
                content,
                lambda done, total: report(("bytes", done, total)),
                should_stop=lambda: token.cancelled,
                memory=memory,
            )
            report(("reused" if reused else "uploaded", sent.id))
            return sent.id

        cache, profile_id = self._cache, self._session.profile.id

        def work(token: CancelToken, report: Reporter) -> Job:
            training_id = upload(filename, lines(training), token, report)
            if legacy and cache is not None:  # for chatting with the model later, whatever data is open then
                cache.remember_legacy_format(profile_id, training_id, legacy_format(training))
            token.raise_if_cancelled()
            validation_id = None
            if validation is not None and validation.examples:
                validation_id = upload(f"{stem}_prepared_valid.jsonl", lines(validation), token, report)
                token.raise_if_cancelled()
            report(("creating",))
            return provider.create_job(choice.job_request(training_id, validation_id))

        def connect(worker: Worker) -> None:
            worker.progress.connect(self._on_upload_progress)
            worker.result.connect(self._on_job_created)
            worker.error.connect(self._on_action_failed)
            worker.finished.connect(self._on_create_finished)

        return self._pool.start(work, "create job", connect=connect, tag=self._session.generation)

    def rerun_selected(self) -> Worker | None:
        """The selected job again, with the same files, base model, method and settings."""
        job = self.selected_job()
        provider = self.provider
        if job is None or provider is None or self._creating:
            return None
        if not self._confirm(self.tr("Train again?"), self._rerun_question(job)):
            return None
        request = JobRequest(
            base_model=job.model,
            training_file_id=job.training_file,
            validation_file_id=job.validation_file,
            suffix=job.suffix,
            seed=job.seed,
            hyperparameters=job.hyperparameters,
            method=job.method or "supervised",
            beta=job.beta,
            metadata=dict(job.metadata),
        )
        self._creating = True
        self.new_button.setEnabled(False)
        self._show_action_message(self.tr("Starting “%1” again…").replace("%1", job_title(job)), Level.INFO)

        def work(token: CancelToken, report: Reporter) -> Job:
            return provider.create_job(request)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_job_created)
            worker.error.connect(self._on_action_failed)
            worker.finished.connect(self._on_create_finished)

        return self._pool.start(work, "rerun job", connect=connect, tag=self._session.generation)

    def _rerun_question(self, job: Job) -> str:
        """What the user agrees to before money is spent again: the job, and what it cost last time."""
        question = self.tr("Start a new job like “%1”: same files, base model and settings?").replace(
            "%1", job_title(job)
        )
        cost = None if self._session.is_practice else trained_cost(job, self._session.prices)
        if self._session.is_practice:
            spent = self.tr("Practice mode is free.")
        elif cost is not None:
            spent = self.tr("It cost about $%1 last time, at the app's prices.").replace("%1", f"{cost:.2f}")
        else:
            spent = self.tr("The service charges for training, as for the first job.")
        return question + "\n\n" + spent

    def _on_upload_progress(self, step: object) -> None:
        if not self._from_current_service() or not isinstance(step, tuple):
            return
        kind = step[0]
        if kind == "bytes":
            done, total = int(step[1]), int(step[2])
            self.upload_progress.setRange(0, max(total, 1))
            self.upload_progress.setValue(done)
        elif kind == "reused":
            self._show_action_message(
                self.tr("The service already has this file (%1): not uploading it again.").replace(
                    "%1", str(step[1])
                ),
                Level.INFO,
            )
        elif kind == "uploaded":
            self._on_uploaded(step[1])
        elif kind == "creating":
            self.upload_progress.setRange(0, 0)

    def _on_create_finished(self) -> None:
        self._creating = False
        self.upload_progress.hide()
        self.new_button.setEnabled(self.provider is not None and not self._offline)
        self.rerun_button.setEnabled(self.selected_job() is not None and not self._offline)

    def _set_offline(self, offline: bool) -> None:
        """Offline the tab is read-only: nothing is sent to a service that cannot be reached (the buttons say
        why); Refresh tries again."""
        if offline == self._offline:
            return
        self._offline = offline
        why = self.tr("The service cannot be reached right now. Refresh to try again.") if offline else ""
        for button, tip in self._action_tips.items():
            button.setToolTip(why or tip)
        self.new_button.setEnabled(self.provider is not None and not offline and not self._creating)
        job = self.selected_job()
        if job is not None:
            self._show_job(job)

    def _show_action_message(self, text: str, level: Level) -> None:
        self._poll_error_shown = False  # a later successful poll must not hide this one
        self.message_bar.show_text(text, level)  # the one place that shows non-poll messages

    def _on_uploaded(self, file_id: object) -> None:
        if not self._from_current_service():
            return
        self._show_action_message(
            self.tr("Uploaded as %1. Creating the job…").replace("%1", str(file_id)), Level.INFO
        )

    def _from_current_service(self) -> bool:
        worker = self.sender()
        return not isinstance(worker, Worker) or worker.tag == self._session.generation

    def _on_job_created(self, job: Job) -> None:
        if not self._from_current_service():
            return  # created on the service the user just left; it lists it there
        self.model.upsert(job)
        if self._watch is not None:
            self._watch.add_created(job)
            self._created_unseen[job.id] = job
        self._any_active = True
        self._last_status[job.id] = job.status
        self.select_job(job.id)
        self._show_action_message(
            self.tr("Job %1 created. Its progress appears below as it trains.").replace("%1", job.id),
            Level.SUCCESS,
        )
        if self._poller is not None:
            self._poller.set_interval(self._active_interval)
            self._poller.poke()
        self.jobCreated.emit(job.id)

    def _on_action_failed(self, exc: Exception) -> None:
        if not self._from_current_service():
            return
        self._poll_error_shown = False
        self.message_bar.show_message(describe_exception(exc, is_openai=self._session.is_openai), Level.ERROR)
        if isinstance(exc, UnsupportedFeatureError):
            job = self.selected_job()
            self._show_job(job)
        self.actionFailed.emit(exc)

    # ---- cancel, pause, resume ----------------------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def cancel_selected(self) -> Worker | None:
        return self._ask_then(
            "cancel",
            lambda job: job.is_active,
            self.tr("Cancel training?"),
            self.tr("Cancel “%1”? Training stops and cannot be continued later."),
        )

    def pause_selected(self) -> Worker | None:
        return self._ask_then(
            "pause",
            lambda job: job.status == "running",
            self.tr("Pause training?"),
            self.tr("Pause “%1”? It keeps its progress and goes on when you resume it."),
        )

    def resume_selected(self) -> Worker | None:
        return self._ask_then(
            "resume",
            lambda job: job.status == "paused",
            self.tr("Resume training?"),
            self.tr("Resume “%1”? Training goes on from where it paused, and is billed again."),
        )

    def _ask_then(
        self, action: str, allowed: Callable[[Job], bool], title: str, question: str
    ) -> Worker | None:
        """``action`` on the selected job, when its status allows it and the user agrees (%1: its name)."""
        job = self.selected_job()
        if job is None or not allowed(job):
            return None
        if not self._confirm(title, question.replace("%1", job_title(job))):
            return None
        return self._job_action(action, job.id)

    def _job_action(self, action: str, job_id: str) -> Worker | None:
        provider = self.provider
        if provider is None:
            return None
        calls = {"cancel": provider.cancel_job, "pause": provider.pause_job, "resume": provider.resume_job}
        call = calls[action]

        def work(token: CancelToken, report: Reporter) -> Job:
            return call(job_id)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_job_changed)
            worker.error.connect(self._on_action_failed)

        return self._pool.start(work, f"{action} job", connect=connect, tag=self._session.generation)

    def _on_job_changed(self, job: Job) -> None:
        if not self._from_current_service():
            return
        self.model.upsert(job)
        self._any_active = any(_moving(self.model.job(row)) for row in range(self.model.rowCount()))
        self._note_status(job)
        if job.id == self.selected_job_id():
            self._show_job(job)
        if self._poller is not None:
            self._poller.poke()

    def _request_chat(self) -> None:
        job = self.selected_job()
        if job is not None and job.fine_tuned_model:
            self.chatRequested.emit(job.fine_tuned_model)

    def shutdown(self) -> bool:
        return self.stop_polling()


def refresh_keys() -> list[QKeySequence]:
    """The platform's Refresh keys (F5 on Windows and Linux, Cmd+R on macOS) with F5 and Ctrl+R everywhere, as
    browsers and file managers accept both."""
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh)
    for extra in (QKeySequence(Qt.Key.Key_F5), QKeySequence("Ctrl+R")):
        if extra not in keys:
            keys.append(extra)
    return keys


def _retry_after(exc: Exception) -> float | None:
    return exc.retry_after if isinstance(exc, ProviderError) else None
