"""Chat tab: talk to a trained model; the answer streams in while the window stays responsive.

The models offered are the active service's, then those of the user's other profiles (each listed in its own
worker, so a service that is down holds up nobody); a question goes to the service of the chosen model's
profile, and the conversation remembers that profile.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.chat_settings import ChatSettings, context_window
from desktop_app.core.dataset import Dataset
from desktop_app.core.models import is_legacy_model
from desktop_app.providers.errors import ErrorKind, ProviderError
from desktop_app.providers.types import ChatMessage, GenerationOptions, Job
from desktop_app.storage.conversations import Branch, ConversationStore, MarkdownLabels, Message
from desktop_app.storage.settings import Profile, ProviderKind
from desktop_app.ui.chat.add_example_dialog import AddExampleDialog
from desktop_app.ui.chat.answering import (
    AnswerStats,
    PiecesReady,
    TrainedFormat,
    build_request,
    describe_stats,
    require_provider,
    stream_answer,
)
from desktop_app.ui.chat.ask_box import AskBox
from desktop_app.ui.chat.compare import ComparePanel
from desktop_app.ui.chat.history_panel import AskSavePath, AskText, Confirm, HistoryPanel
from desktop_app.ui.chat.model_picker import (
    ModelChoice,
    ModelPicker,
    ProfileModels,
    gather_choices,
    gather_profile_choices,
    model_label,
)
from desktop_app.ui.chat.saving import ExchangeSaver
from desktop_app.ui.chat.settings_panel import ChatSettingsPanel
from desktop_app.ui.chat.transcript import Action, Footer, ShownMessage, Transcript
from desktop_app.ui.colours import Tone, set_tone
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.names import profile_display_name
from desktop_app.ui.session import ProviderGetter, Session
from desktop_app.ui.widgets import FlowLayout, Level, MessageBar
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

log = logging.getLogger(__name__)

AddExample = Callable[[str, str, str], object]  # question, answer, system -> a new example in the Data tab
ReviewExample = Callable[
    [str, str, str], "tuple[str, str, str] | None"
]  # shows the exchange; None: cancelled
DEFAULT_CONTEXT_MESSAGES = 20


@dataclass
class _Turn:
    """A message of the branch shown, as the tab knows it."""

    key: str  # the transcript's key: the stored id for a kept message, else a local one
    role: str
    text: str
    model: str
    stored_id: str | None = None
    error: str = ""
    stats: AnswerStats | None = None
    pending_group: tuple[str, ...] | None = None  # the versions this one joins once it is saved
    parts: list[str] = field(default_factory=list)  # an answer's pieces as they stream in


def _stats_of(message: Message) -> AnswerStats | None:
    if message.role != "assistant" or message.finish_reason is None:
        return None
    return AnswerStats(
        first_token_ms=message.first_token_ms,
        total_ms=0,
        prompt_tokens=message.prompt_tokens,
        completion_tokens=message.completion_tokens,
        estimated=message.prompt_tokens is None,  # the service counts both; an estimate only the answer
        finish_reason=message.finish_reason,
    )


class ChatTab(QWidget):
    modelsLoaded = Signal(int)
    answerChunk = Signal(str)  # a piece of the answer as it streams in
    answerFinished = Signal(str)  # the whole answer text
    conversationOpened = Signal(str)  # a kept conversation is shown
    profileModelsListed = Signal(str)  # the id of another profile whose listing answered (models, or why not)

    def __init__(
        self,
        session: Session,
        pool: WorkerPool,
        dataset_getter: Callable[[], Dataset] | None = None,
        parent: QWidget | None = None,
        *,
        store: ConversationStore | None = None,
        confirm: Confirm | None = None,
        ask_text: AskText | None = None,
        ask_save_path: AskSavePath | None = None,
        add_example: AddExample | None = None,
        review_example: ReviewExample | None = None,
        system_prompt_getter: Callable[[], str] | None = None,
        jobs_getter: Callable[[], list[Job]] | None = None,
        trained_format: TrainedFormat | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._pool = pool
        self._dataset_getter = dataset_getter
        self._turns: list[_Turn] = []
        self._siblings: dict[str, tuple[str, ...]] = {}  # stored id -> its versions (when several)
        self._answer: _Turn | None = None  # streaming in
        self._asked: tuple[_Turn, _Turn] | None = None  # the question and answer being kept
        self._editing: str | None = None  # the key of the question being edited
        self._key_count = 0
        self._deleted_meanwhile = False  # the conversation was deleted while its answer streamed
        self._add_example = add_example
        self._system_prompt_getter = system_prompt_getter  # the dataset's, without copying its rows
        self._jobs_getter = jobs_getter  # the jobs the Jobs tab knows: their checkpoints are offered
        # A legacy model's separator and ending, kept when it was trained.
        self._trained_format = trained_format
        self._review_example = review_example or self._review_example_with_dialog
        self._chat_worker: Worker | None = None
        self._models_worker: Worker | None = None
        self._wanted_model: str | None = None
        self._active_choices: list[ModelChoice] = []  # the active service's models
        self._groups: dict[str, ProfileModels] = {}  # profile id -> its models (or why they are missing)
        self._group_workers: dict[str, Worker] = {}  # profile id -> the listing whose answer counts
        # The profile whose chat settings are shown and remembered.
        self._settings_profile = session.profile.id
        self._store = store
        self._conversation_id: str | None = None  # in the history; None until the first question is kept
        self._unsaved_reported = False
        self._open_worker: Worker | None = None
        self._ask_text_function = ask_text or self._ask_text
        self.history: HistoryPanel | None = None
        if store is not None:
            self.history = HistoryPanel(
                store,
                pool,
                confirm=confirm or self._ask_confirmation,
                ask_text=ask_text or self._ask_text,
                ask_save_path=ask_save_path or self._ask_save_path,
                markdown_labels=self._markdown_labels,
                parent=self,
            )
            self.history.conversationChosen.connect(self.open_conversation)
            self.history.conversationDeleted.connect(self._on_conversation_deleted)
            self.history.failed.connect(self._on_error)
        self._build_ui()
        self._add_shortcuts()
        self._set_tab_order()
        session.providerChanged.connect(self._on_provider_changed)
        session.profilesChanged.connect(self._refresh_other_models)
        self._on_provider_changed()

    # ---- layout ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.model_combo = ModelPicker(self)
        self.model_combo.setMinimumWidth(260)
        self.model_combo.currentIndexChanged.connect(self._on_model_changed)
        self.other_model_button = QPushButton(self.tr("Other model…"), self)
        self.other_model_button.setToolTip(
            self.tr(
                "Type a model or deployment name the service does not list (an Azure deployment, a checkpoint)."
            )
        )
        self.other_model_button.clicked.connect(self._ask_other_model)
        self.refresh_button = QPushButton(self.tr("Refresh models"), self)
        self.refresh_button.clicked.connect(self.refresh_models)
        self.clear_button = QPushButton(self.tr("New conversation"), self)
        self.clear_button.clicked.connect(self.clear_conversation)
        self.settings_panel = ChatSettingsPanel(self)
        self.settings_panel.changed.connect(self._on_settings_edited)
        self.settings_panel.useDatasetPromptRequested.connect(self._use_dataset_prompt)
        self.settings_button = QToolButton(self)
        self.settings_button.setText(self.tr("Settings"))
        self.settings_button.setCheckable(True)
        self.settings_button.setChecked(True)
        self.settings_button.setToolTip(self.tr("Show or hide the system prompt and generation settings"))
        self.settings_button.toggled.connect(self.settings_panel.setVisible)
        # The picker takes the rest of the line; buttons that do not fit beside it wrap onto a second one.
        top = FlowLayout()
        picker_box = QWidget(self)
        picker_layout = QHBoxLayout(picker_box)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        model_caption = QLabel(self.tr("Model:"), self)
        model_caption.setBuddy(self.model_combo)
        picker_layout.addWidget(model_caption)
        picker_layout.addWidget(self.model_combo, 1)
        top.addWidget(picker_box)
        top.set_fill(picker_box)
        for button in (self.other_model_button, self.refresh_button, self.settings_button, self.clear_button):
            top.addWidget(button)

        self.model_note = QLabel(self)
        self.model_note.setWordWrap(True)
        set_tone(self.model_note, Tone.WARNING)
        self.model_note.hide()

        self.message_bar = MessageBar(self)
        self.transcript = Transcript(self, copy_label=self.tr("Copy code"))
        self.transcript.setAccessibleName(self.tr("Conversation"))
        self.transcript.actionRequested.connect(self._on_link)
        self.transcript.answerShown.connect(self._on_answer_shown)
        self.edit_banner = MessageBar(self)
        self.cancel_edit_button = QPushButton(self.tr("Cancel editing"), self)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.cancel_edit_button.hide()

        self.ask_box = AskBox(
            self.tr("Send"), self.tr("Stop"), self.tr("Type a message. Ctrl+Enter sends."), self
        )
        self.ask_box.add_button(self.cancel_edit_button)
        self.ask_box.sendRequested.connect(self.send)
        self.ask_box.stopRequested.connect(self.stop)
        self.input = self.ask_box.edit
        self.input.setAccessibleName(self.tr("Message"))
        self.send_button = self.ask_box.send_button
        self.stop_button = self.ask_box.stop_button

        chat_area = QWidget(self)
        layout = QVBoxLayout(chat_area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.model_note)
        layout.addWidget(self.settings_panel)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.edit_banner)
        layout.addWidget(self.ask_box)
        self.compare = ComparePanel(
            self._session,
            self._pool,
            self._dataset_getter,
            self,
            add_label=self.tr("Add to dataset") if self._add_example is not None else "",
            trained_format=self._trained_format,
        )
        self.compare.addToDatasetRequested.connect(self._add_compared_answer)
        self.chat_mode_button = QToolButton(self)
        self.chat_mode_button.setText(self.tr("Chat"))
        self.compare_mode_button = QToolButton(self)
        self.compare_mode_button.setText(self.tr("Compare models"))
        self.compare_mode_button.setToolTip(
            self.tr("Ask two or three models the same question and read their answers side by side")
        )
        modes = QButtonGroup(self)
        for button in (self.chat_mode_button, self.compare_mode_button):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            modes.addButton(button)
        self.chat_mode_button.setChecked(True)
        self.compare_mode_button.toggled.connect(self.set_compare_mode)
        mode_bar = QHBoxLayout()
        mode_bar.addWidget(self.chat_mode_button)
        mode_bar.addWidget(self.compare_mode_button)
        mode_bar.addStretch(1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(chat_area)
        self.pages.addWidget(self.compare)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(mode_bar)
        right_layout.addWidget(self.pages, 1)
        outer = QHBoxLayout(self)
        if self.history is None:
            outer.addWidget(right)
            return
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.history)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 760])
        outer.addWidget(splitter)
        self.history.reload()

    def _add_shortcuts(self) -> None:
        """While the focus is in this tab: Ctrl+N starts a new conversation, Ctrl+F searches the kept ones."""
        self.new_conversation_action = QAction(self.tr("New conversation"), self)
        self.new_conversation_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_conversation_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_conversation_action.triggered.connect(self.start_new_conversation)
        self.addAction(self.new_conversation_action)
        self.find_action = QAction(self.tr("Search conversations"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

    def start_new_conversation(self) -> None:
        """As the New conversation button (so not while an answer is being written), ready for the first question."""
        if not self.clear_button.isEnabled():
            return
        self.chat_mode_button.setChecked(True)  # from the comparison back to the conversation
        self.clear_conversation()
        self.input.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        """Into the search of the kept conversations (none while comparing: the list is hidden then)."""
        if self.history is None or self.history.isHidden():
            return
        self.history.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.history.search_edit.selectAll()

    def _set_tab_order(self) -> None:
        """Tab as the eye reads: the conversations, the Chat / Compare switch above the model row, the model row
        (Settings was reached only after the settings it shows), then the settings, the answers and the message."""
        row: list[QWidget] = [
            self.model_combo,
            self.other_model_button,
            self.refresh_button,
            self.settings_button,
            self.clear_button,
        ]
        if self.history is not None:  # else the switch keeps its place: there is nothing before the model row
            row = [_last_focus_child(self.history), self.chat_mode_button, self.compare_mode_button, *row]
        for first, second in itertools.pairwise(row):
            QWidget.setTabOrder(first, second)

    # ---- models ----------------------------------------------------------------------------------------
    def _on_provider_changed(self) -> None:
        self.stop()
        self._chat_worker = None  # whatever it still sends belongs to the old service
        self._models_worker = None
        self.stop_button.setEnabled(False)
        self.model_combo.setEnabled(True)
        self._active_choices = []
        self._groups.clear()
        self._group_workers.clear()  # what they still send is about the profiles as they were
        self.model_combo.clear()
        self._settings_profile = self._session.profile.id
        self.clear_conversation()
        available = self._session.provider is not None
        for widget in (self.send_button, self.refresh_button, self.input):
            widget.setEnabled(available)
        if not available:
            if not self._session.state().loading_key:
                self._refresh_other_models()  # once connected: the active profile is known to be settled
            self.message_bar.show_text(
                self.tr("Add your API key in Settings to chat with your models."), Level.INFO
            )
            return
        self.message_bar.hide()
        self.refresh_models()  # the other profiles' models too

    def refresh_models(self, select: str | None = None) -> Worker | None:
        """List the models again: the active service's, and those of the other profiles."""
        provider = self._session.provider
        if provider is None:
            self._refresh_other_models()
            return None
        if select:
            self._wanted_model = select
        self.refresh_button.setEnabled(False)

        jobs = self._jobs_getter() if self._jobs_getter is not None else []
        profile_id = self._session.profile.id

        def work(token: CancelToken, report: Reporter) -> list[ModelChoice]:
            return gather_choices(provider, jobs, profile_id=profile_id)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_models)
            worker.error.connect(self._on_models_error)
            worker.finished.connect(self._on_models_finished)

        self._models_worker = self._pool.start(work, "list models", connect=connect)
        self._refresh_other_models()
        return self._models_worker

    def _refresh_other_models(self) -> None:
        """List each other profile's models in a worker of its own (connecting to its service on first use):
        one that is slow or down delays none of the others."""
        others = self._session.other_profiles()
        wanted = {profile.id for profile in others}
        self._groups = {key: group for key, group in self._groups.items() if key in wanted}
        self._group_workers.clear()
        for profile in others:
            get_provider = self._session.provider_getter(profile.id)
            if get_provider is None:
                continue

            def work(
                token: CancelToken,
                report: Reporter,
                get_provider: ProviderGetter = get_provider,
                profile_id: str = profile.id,
            ) -> list[ModelChoice] | None:
                provider = get_provider()
                if provider is None:
                    return None  # no key: the profile is not offered
                return gather_profile_choices(provider, profile_id)

            def connect(worker: Worker) -> None:
                worker.result.connect(self._on_group_listed)
                worker.error.connect(self._on_group_failed)

            self._group_workers[profile.id] = self._pool.start(
                work, "list another profile's models", connect=connect, tag=profile.id, waits_on_network=True
            )
        self._show_choices()

    def _listed_profile(self) -> Profile | None:
        """The profile of the listing that just answered, if its answer still counts."""
        worker = self.sender()
        if not isinstance(worker, Worker) or not isinstance(worker.tag, str):
            return None
        if self._group_workers.get(worker.tag) is not worker:
            return None  # an older listing, or one from before the profiles changed
        del self._group_workers[worker.tag]
        return self._session.settings.profile(worker.tag)

    def _on_group_listed(self, choices: list[ModelChoice] | None) -> None:
        profile = self._listed_profile()
        if profile is None:
            return
        if choices is None:
            self._groups.pop(profile.id, None)
        else:
            self._groups[profile.id] = ProfileModels(
                profile.id, profile_display_name(profile), tuple(choices)
            )
        self._show_choices()
        self.profileModelsListed.emit(profile.id)

    def _on_group_failed(self, exc: Exception) -> None:
        profile = self._listed_profile()
        if profile is None:
            return
        message = describe_exception(exc, is_openai=profile.kind is ProviderKind.OPENAI)
        self._groups[profile.id] = ProfileModels(
            profile.id, profile_display_name(profile), note=message.title, detail=message.text
        )
        self._show_choices()
        self.profileModelsListed.emit(profile.id)

    def _other_groups(self) -> list[ProfileModels]:
        """The other profiles' groups listed so far, in the settings' order."""
        return [self._groups[p.id] for p in self._session.other_profiles() if p.id in self._groups]

    def _show_choices(
        self, *, keep: str | None = None, keep_profile: str | None = None, active_listed: bool = False
    ) -> None:
        """Show the models listed so far. The model chosen stays chosen, even one no list names (typed by
        hand, or of a reopened conversation whose profile's list has not come yet), except an active service's
        model that service's new list (``active_listed``) no longer has: it was deleted meanwhile."""
        picker = self.model_combo
        current = picker.current_choice()
        if keep is None and current is not None:
            keep, keep_profile = current.id, current.profile_id
        groups = self._other_groups()
        picker.set_choices(self._active_choices, keep=keep, keep_profile=keep_profile, groups=groups)
        self.compare.set_choices(self._active_choices, groups)
        active = self._session.profile.id
        dropped = bool(keep and keep_profile) and picker.index_of(keep or "", keep_profile) < 0
        if keep and keep_profile and dropped and not (active_listed and keep_profile == active):
            profile = self._session.settings.profile(keep_profile)
            if profile is not None:
                name = profile_display_name(profile) if keep_profile != active else ""
                picker.add_model(keep, keep_profile, name)
        self._on_model_changed()

    def _on_models_finished(self) -> None:
        if self.sender() is self._models_worker:
            self.refresh_button.setEnabled(self._session.provider is not None)

    def _on_models(self, choices: list[ModelChoice]) -> None:
        if self.sender() is not self._models_worker:
            return  # the list of a service we no longer talk to
        wanted = self._wanted_model
        self._wanted_model = None
        self._active_choices = list(choices)
        active = self._session.profile.id
        if wanted:
            self._show_choices(keep=wanted, keep_profile=active, active_listed=True)
            if not self.model_combo.select(wanted, active):
                self.model_combo.add_model(wanted, active)  # asked for by name but not listed: first
                self._on_model_changed()
        else:
            self._show_choices(active_listed=True)
        self.modelsLoaded.emit(len(choices))

    def set_compare_mode(self, on: bool) -> None:
        """Show the comparison (two or three models side by side) or the conversation."""
        if on:
            settings = self.settings_panel.settings()
            self.compare.set_options(self._options(), settings.system_prompt)
            current = self.current_model()
            columns = [model for model in self.compare.models() if model]
            wanted = [current, *columns][: max(2, len(columns))] if current else columns
            if current and current not in columns and len(wanted) >= 2 and not self.compare.is_streaming:
                # The model being talked to goes first: "how does it do against ...?"
                self.compare.set_models(wanted)
                self.compare.columns[0].picker.select(current, self.current_profile_id())  # its service's
        if self.compare_mode_button.isChecked() != on:
            self.compare_mode_button.setChecked(on)
            return
        self.chat_mode_button.setChecked(not on)
        self.pages.setCurrentIndex(1 if on else 0)
        if self.history is not None:
            self.history.setVisible(not on)  # the columns need the width

    def select_model(self, model_id: str) -> None:
        """Talk to ``model_id`` of the active service (listed again if it is not offered yet)."""
        if not self.model_combo.select(model_id, self._session.profile.id):
            self.refresh_models(select=model_id)

    def current_model(self) -> str | None:
        return self.model_combo.current_model()

    def current_profile_id(self) -> str:
        """The profile whose service answers: the chosen model's."""
        return self.model_combo.current_profile_id() or self._session.profile.id

    def _ask_other_model(self) -> None:
        name = self._ask_text_function(
            self.tr("Other model"),
            self.tr("Model or deployment name:"),
            self.current_model() or "",
        )
        if name and name.strip():
            self.model_combo.add_model(name.strip(), self._session.profile.id)
            self._on_model_changed()

    def _on_model_changed(self) -> None:
        choice = self.model_combo.current_choice()
        self._follow_profile(self.current_profile_id())
        self._update_send_enabled()
        notes = []
        if choice is not None and choice.shutdown_date:
            if choice.is_shut_down():
                text = (
                    self.tr("This model's base was shut down on %1; the model no longer answers.")
                    if choice.base
                    else self.tr("This model was shut down on %1; it no longer answers.")
                )
            else:
                text = (
                    self.tr(
                        "This model's base shuts down on %1; the model will stop answering after that date."
                    )
                    if choice.base
                    else self.tr("This model shuts down on %1; it will stop answering after that date.")
                )
            notes.append(text.replace("%1", choice.shutdown_date))
        model = self.current_model()
        if model and is_legacy_model(model):
            notes.append(
                self.tr(
                    "Legacy completion model: each message is sent on its own, without the chat history; "
                    "the separator and ending of your dataset are added for you."
                )
            )
        self.model_note.setText("\n".join(notes))
        self.model_note.setVisible(bool(notes))

    def _follow_profile(self, profile_id: str) -> None:
        """The chat settings follow the chosen model's profile: edits are remembered for it, and a conversation
        not yet begun starts with what was last used with it."""
        if profile_id == self._settings_profile:
            return
        self.settings_panel.flush()  # an edit still waiting belongs to the profile being left
        self._settings_profile = profile_id
        if not self._turns and self._conversation_id is None:
            self.settings_panel.set_settings(self._new_conversation_settings())

    def _answerable(self) -> bool:
        """A service can answer: the active one is connected, or the chosen model is another profile's."""
        return self._session.provider is not None or self.current_profile_id() != self._session.profile.id

    def _update_send_enabled(self) -> None:
        available = self._answerable()
        self.input.setEnabled(available)
        self.send_button.setEnabled(available and not self.is_streaming)

    # ---- conversation ----------------------------------------------------------------------------------------
    def clear_conversation(self) -> None:
        self.settings_panel.flush()  # an edit still waiting belongs to the conversation being left
        self.cancel_edit()
        self._turns.clear()
        self._siblings.clear()
        self.transcript.clear_messages()
        self._conversation_id = None
        self._deleted_meanwhile = False
        self.settings_panel.set_settings(self._new_conversation_settings())
        if self.history is not None:
            self.history.select(None)

    # ---- settings ----------------------------------------------------------------------------------------
    def _new_conversation_settings(self) -> ChatSettings:
        """What a new conversation starts with: the settings last used with the chosen model's service, and
        the dataset's default system prompt (the one the model was trained with) when the dataset has one,
        else the prompt last used there."""
        dataset_prompt = self._dataset_system_prompt()
        remembered = self._session.settings.chat_settings_for(self._settings_profile)
        if remembered is None:
            return ChatSettings(system_prompt=dataset_prompt)
        return replace(remembered, system_prompt=dataset_prompt) if dataset_prompt else remembered

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.settings_panel.set_dataset_prompt_available(bool(self._dataset_system_prompt()))

    def _dataset_system_prompt(self) -> str:
        if self._system_prompt_getter is not None:
            return self._system_prompt_getter()
        dataset = self._dataset_getter() if self._dataset_getter is not None else None
        return dataset.default_system if dataset is not None else ""

    def _use_dataset_prompt(self) -> None:
        self.settings_panel.apply_system_prompt(self._dataset_system_prompt())

    def _on_settings_edited(self) -> None:
        """Remember the settings for this service, and keep them with the conversation."""
        settings = self.settings_panel.settings()
        self._session.settings.remember_chat_settings(self._settings_profile, settings)
        self._session.save_settings()
        store, conversation_id = self._store, self._conversation_id
        if store is None or conversation_id is None:
            return

        def work(token: CancelToken, report: Reporter) -> None:
            store.update_conversation(
                conversation_id, system_prompt=settings.system_prompt, settings=settings.to_dict()
            )

        def connect(worker: Worker) -> None:
            worker.error.connect(self._on_error)

        self._pool.start(work, "keep chat settings", connect=connect)

    def _options(self) -> GenerationOptions:
        settings = self.settings_panel.settings()
        return GenerationOptions(
            temperature=settings.temperature, top_p=settings.top_p, max_tokens=settings.max_tokens
        )

    @property
    def conversation_id(self) -> str | None:
        """The conversation being had, as kept in the history (None before its first question is kept)."""
        return self._conversation_id

    def open_conversation(self, conversation_id: str, leaf_id: str | None = None) -> Worker | None:
        """Show a kept conversation (its active branch, or the one ending at ``leaf_id``) and go on with it."""
        store = self._store
        if store is None:
            return None
        if self.is_streaming:
            if self.history is not None:
                self.history.select(self._conversation_id)  # the list shows the conversation still being had
            self.message_bar.show_text(self.tr("Wait for the answer (or stop it) before opening another."))
            return None
        if conversation_id == self._conversation_id and leaf_id is None:
            return None

        def work(token: CancelToken, report: Reporter) -> Branch:
            if leaf_id is not None:
                store.set_active_leaf(conversation_id, store.newest_leaf(leaf_id).id)
            return store.branch(conversation_id)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_conversation_opened)
            worker.error.connect(self._on_error)

        self._open_worker = self._pool.start(work, "open conversation", connect=connect)
        return self._open_worker

    def _on_conversation_opened(self, branch: Branch) -> None:
        if self.sender() is not self._open_worker or self.is_streaming:
            return
        conversation = branch.conversation
        self.settings_panel.flush()
        self.cancel_edit()
        self._conversation_id = conversation.id
        self._siblings = dict(branch.siblings)
        self._turns = [
            _Turn(
                key=message.id,
                role=message.role,
                text=message.content,
                model=message.model or conversation.model,
                stored_id=message.id,
                error=self.tr("The answer broke off.") if message.error else "",
                stats=_stats_of(message),
            )
            for message in branch.messages
            if message.role in ("user", "assistant")
        ]
        self.settings_panel.set_settings(
            ChatSettings.from_dict(conversation.settings, conversation.system_prompt)
        )
        self.transcript.show_messages([self._shown(turn) for turn in self._turns])
        self._choose_model_of(conversation.model, conversation.profile_id)
        if self.history is not None:
            self.history.select(conversation.id)
        self.conversationOpened.emit(conversation.id)

    def _choose_model_of(self, model: str, profile_id: str) -> None:
        """Go on with a reopened conversation's model, on the service of the profile it was had with; if that
        profile was removed, say so and go on with the active service."""
        active = self._session.profile.id
        profile = self._session.settings.profile(profile_id) if profile_id else None
        if profile_id and profile is None:
            self.message_bar.show_text(
                self.tr(
                    "This conversation was had with a service no longer in Settings; it goes on with the "
                    "current service."
                ),
                Level.INFO,
            )
        if not model:
            return
        if profile is None or profile.id == active:
            if model != self.current_model() or self.current_profile_id() != active:
                self.select_model(model)
            return
        if not self.model_combo.select(model, profile.id):
            self.model_combo.add_model(model, profile.id, profile_display_name(profile))
        self._on_model_changed()

    def _on_conversation_deleted(self, conversation_id: str) -> None:
        if conversation_id != self._conversation_id:
            return
        if self.is_streaming:
            self._deleted_meanwhile = True  # cleared once the answer is shown
        else:
            self.clear_conversation()

    def _ask_confirmation(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_text(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def _ask_save_path(self, title: str, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, suggested)
        return Path(name) if name else None

    def history_unavailable(self, error: Exception) -> None:
        """Say once that conversations are not kept (the chat itself still works)."""
        self._unsaved_reported = True
        self.message_bar.show_message(describe_exception(error), Level.WARNING)

    def transcript_text(self) -> str:
        return self.transcript.toPlainText()

    @property
    def turns(self) -> list[tuple[str, str]]:
        """(role, text) of each message shown, oldest first."""
        return [(turn.role, turn.text) for turn in self._turns]

    @property
    def is_streaming(self) -> bool:
        return self._chat_worker is not None

    # ---- what each message shows -------------------------------------------------------------------------
    def _shown(self, turn: _Turn) -> ShownMessage:
        if turn.role == "user":
            actions = [(Action.EDIT, self.tr("Edit")), (Action.COPY, self.tr("Copy"))]
            return ShownMessage(
                turn.key,
                "user",
                self.tr("You"),
                turn.text,
                Footer(actions=tuple(actions), position=self._position(turn)),
            )
        actions = [(Action.COPY, self.tr("Copy")), (Action.REGENERATE, self.tr("Regenerate"))]
        if self._add_example is not None:
            actions.append((Action.ADD_TO_DATASET, self.tr("Add to dataset")))
        footer = Footer(
            meta=self._meta(turn), actions=tuple(actions), position=self._position(turn), error=turn.error
        )
        return ShownMessage(turn.key, "assistant", model_label(turn.model), turn.text, footer)

    def _position(self, turn: _Turn) -> tuple[int, int] | None:
        if turn.pending_group is not None:  # a new version, shown before it is saved: the last one
            return len(turn.pending_group) + 1, len(turn.pending_group) + 1
        group = self._siblings.get(turn.stored_id or "")
        if group is None or turn.stored_id is None:
            return None
        return group.index(turn.stored_id) + 1, len(group)

    def _meta(self, turn: _Turn) -> str:
        return describe_stats(turn.stats) if turn.stats is not None else ""

    # ---- asking ----------------------------------------------------------------------------------------------
    def send(self) -> Worker | None:
        """Ask the question typed (or, while editing a message, ask its new version on a new branch)."""
        text = self.input.toPlainText().strip()
        if not text or not self._can_ask():
            return None
        at = len(self._turns)
        if self._editing is not None:
            at = next((i for i, t in enumerate(self._turns) if t.key == self._editing), at)
        edited = self._turns[at] if at < len(self._turns) else None
        self.cancel_edit()
        self.input.clear()
        parent_known = at == 0 or self._turns[at - 1].stored_id is not None
        parent = self._turns[at - 1].stored_id if at > 0 else None
        self._cut_at(at)
        question = _Turn(key=self._new_key(), role="user", text=text, model=self.current_model() or "")
        if edited is not None:
            self._add_sibling(edited, question)
        self._turns.append(question)
        self.transcript.add_message(self._shown(question))
        return self._ask(question, parent_id=parent, keep=parent_known)

    def regenerate(self, answer_key: str) -> Worker | None:
        """Ask the question before this answer again; the answer is kept as another version."""
        at = next((i for i, t in enumerate(self._turns) if t.key == answer_key), None)
        if at is None or at == 0 or not self._can_ask():
            return None
        old = self._turns[at]
        question = self._turns[at - 1]
        # A question kept is answered again under itself; one never kept goes under its own parent, if that is.
        parent = self._turns[at - 2].stored_id if at >= 2 else None
        keep = question.stored_id is not None or at < 2 or parent is not None
        self._cut_at(at)
        return self._ask(question, parent_id=parent, replacing=old, keep=keep)

    def edit_message(self, key: str) -> None:
        """Put a question of yours back in the box; sending it starts a new branch (the old one is kept)."""
        turn = next((t for t in self._turns if t.key == key and t.role == "user"), None)
        if turn is None or self.is_streaming:
            return
        self._editing = key
        self.input.setPlainText(turn.text)
        self.input.setFocus()
        self.edit_banner.show_text(
            self.tr("Editing a message: sending it starts a new branch from there; the old one is kept."),
            Level.INFO,
        )
        self.cancel_edit_button.show()

    def cancel_edit(self) -> None:
        if self._editing is None:
            return
        self._editing = None
        self.input.clear()
        self.edit_banner.hide()
        self.cancel_edit_button.hide()

    def _can_ask(self) -> bool:
        return self.current_model() is not None and self._answerable() and not self.is_streaming

    def _cut_at(self, index: int) -> None:
        if index < len(self._turns):
            key = self._turns[index].key
            del self._turns[index:]
            self.transcript.truncate_from(key)

    def _add_sibling(self, old: _Turn, new: _Turn) -> None:
        """``new`` is another version of ``old`` (same parent): their "n/m" counts it once it is saved."""
        if old.stored_id is None:
            return
        group = self._siblings.get(old.stored_id, (old.stored_id,))
        new.pending_group = group

    def _ask(
        self, question: _Turn, *, parent_id: str | None, replacing: _Turn | None = None, keep: bool = True
    ) -> Worker | None:
        """Stream the answer to ``question``; ``keep`` False: the exchange is not written to the history (the
        message it follows was never kept, so it would have nowhere to go)."""
        model = self.current_model()
        profile = self._session.settings.profile(self.current_profile_id()) or self._session.profile
        get_provider = self._session.provider_getter(profile.id)
        if model is None or get_provider is None:
            return None
        practice = profile.kind is ProviderKind.PRACTICE
        self.message_bar.hide()
        # The question is the last message shown; the context is what came before it.
        settings = self.settings_panel.settings()
        earlier = [ChatMessage(t.role, t.text) for t in self._turns[:-1] if t.text and not t.error]
        context = context_window(earlier, settings.context_messages)
        legacy = is_legacy_model(model)
        dataset = self._dataset_getter() if legacy and self._dataset_getter is not None else None
        system = settings.system_prompt
        answer = _Turn(key=self._new_key(), role="assistant", text="", model=model)
        if replacing is not None:
            self._add_sibling(replacing, answer)
        self._turns.append(answer)
        self._answer = answer
        self.transcript.begin_answer(answer.key, model_label(model))
        store = self._store if keep else None
        conversation_id, profile_id = self._conversation_id, profile.id
        trained_format = self._trained_format
        options = self._options()
        question_id = question.stored_id if replacing is not None else None

        def work(token: CancelToken, report: Reporter) -> None:
            saver = ExchangeSaver(
                store,
                report,
                conversation_id=conversation_id,
                parent_id=parent_id,
                profile_id=profile_id,
                model=model,
                system_prompt=system,
                settings=settings.to_dict(),
            )
            saver.begin(question.text, question_id=question_id)
            # Built here: for a legacy model it looks up how it was trained, or reads the whole dataset.
            shape = trained_format(profile_id, model) if legacy and trained_format is not None else None
            request = build_request(
                model,
                question.text,
                system=system,
                context=context,
                options=options,
                dataset=dataset,
                trained_format=shape,
            )
            provider = require_provider(get_provider, model, practice=practice)  # connected on first use
            stream_answer(provider, request, token, report, saver=saver)

        def connect(worker: Worker) -> None:
            worker.progress.connect(self._on_progress)
            worker.error.connect(self._on_chat_error)
            worker.finished.connect(self._on_answer_done)

        self._set_streaming(True)
        self._asked = (question, answer)
        self._chat_worker = self._pool.start(work, "chat", connect=connect, waits_on_network=True)
        return self._chat_worker

    def _set_streaming(self, streaming: bool) -> None:
        available = self._answerable()
        self.send_button.setEnabled(available and not streaming)
        self.stop_button.setEnabled(streaming)
        self.model_combo.setEnabled(not streaming)  # the history belongs to the model that answers
        self.clear_button.setEnabled(not streaming)  # the answer being written belongs to this conversation

    def stop(self) -> None:
        if self._chat_worker is not None:
            self._chat_worker.cancel()

    def _on_progress(self, news: object) -> None:
        if self.sender() is not self._chat_worker or self._answer is None:
            return  # an answer from before the service changed
        if isinstance(news, PiecesReady):
            text = news.buffer.take()
            if not text:
                return
            self._answer.parts.append(text)
            self.transcript.feed(text)
            self.answerChunk.emit(text)
        elif isinstance(news, tuple) and news:
            if news[0] == "stats" and isinstance(news[1], AnswerStats):
                self._answer.stats = news[1]
            else:
                self._on_saving(news)

    def _on_saving(self, news: tuple[object, ...]) -> None:
        if news[0] == "saved" and len(news) == 4 and self._asked is not None:
            conversation_id, question_id, answer_id = news[1], news[2], news[3]
            if (
                isinstance(conversation_id, str)
                and isinstance(question_id, str)
                and isinstance(answer_id, str)
            ):
                self._conversation_id = conversation_id
                question, answer = self._asked
                for turn, stored_id in ((question, question_id), (answer, answer_id)):
                    turn.stored_id = stored_id
                    if turn.pending_group is not None:
                        group = (*turn.pending_group, stored_id)
                        for member in group:
                            self._siblings[member] = group
                        turn.pending_group = None
                if self.history is not None:
                    self.history.select(conversation_id)
        elif news[0] == "unsaved" and not self._unsaved_reported:
            self._unsaved_reported = True
            error = news[1]
            if isinstance(error, Exception):
                self.message_bar.show_message(describe_exception(error), Level.WARNING)

    def _on_answer_done(self) -> None:
        if self.sender() is not self._chat_worker or self._answer is None:
            return
        answer = self._answer
        answer.text = "".join(answer.parts)
        answer.parts = []
        self._asked = None
        self.transcript.finish_answer(self._shown(answer).footer)  # answerShown once all of it is shown

    def _on_answer_shown(self, key: str) -> None:
        answer = self._answer
        if answer is None or answer.key != key or self._chat_worker is None:
            return
        self._chat_worker = None
        self._answer = None
        self._set_streaming(False)
        if self._deleted_meanwhile:
            self.clear_conversation()
        if self.history is not None:
            self.history.reload()  # the conversation is new, or now the newest
        self.answerFinished.emit(answer.text)

    def _on_link(self, action: str, key: str) -> None:
        turn = next((t for t in self._turns if t.key == key), None)
        if turn is None:
            return
        if action == Action.COPY.value:
            QGuiApplication.clipboard().setText(turn.text)
        elif action == Action.EDIT.value:
            self.edit_message(key)
        elif action == Action.REGENERATE.value:
            self.regenerate(key)
        elif action == Action.ADD_TO_DATASET.value:
            self.add_to_dataset(key)
        elif action in (Action.PREVIOUS.value, Action.NEXT.value):
            self.switch_branch(key, -1 if action == Action.PREVIOUS.value else 1)

    def switch_branch(self, key: str, step: int) -> Worker | None:
        """Show another version of a message (and the conversation as it went on from it)."""
        turn = next((t for t in self._turns if t.key == key), None)
        if turn is None or turn.stored_id is None or self._conversation_id is None or self.is_streaming:
            return None
        group = self._siblings.get(turn.stored_id)
        if group is None:
            return None
        index = group.index(turn.stored_id) + step
        if not 0 <= index < len(group):
            return None
        return self.open_conversation(self._conversation_id, group[index])

    def add_to_dataset(self, answer_key: str) -> bool:
        """Offer an exchange (the answer editable first) as a new example in the Data tab."""
        at = next((i for i, t in enumerate(self._turns) if t.key == answer_key), None)
        if at is None or at == 0 or self._add_example is None:
            return False
        question, answer = self._turns[at - 1], self._turns[at]
        values = self._review_example(
            question.text, answer.text, self.settings_panel.settings().system_prompt
        )
        if values is None:
            return False
        self._add_example(*values)
        self.message_bar.show_text(
            self.tr("Added to the dataset as a new example (Data tab; Undo takes it back)."), Level.SUCCESS
        )
        return True

    def _add_compared_answer(self, question: str, answer: str, system: str) -> bool:
        """Offer a compared answer (editable first) as a new example in the Data tab, as for the chat's."""
        if self._add_example is None:
            return False
        values = self._review_example(question, answer, system)
        if values is None:
            return False
        self._add_example(*values)
        self.compare.message_bar.show_text(
            self.tr("Added to the dataset as a new example (Data tab; Undo takes it back)."), Level.SUCCESS
        )
        return True

    def _markdown_labels(self) -> MarkdownLabels:
        """The words an exported conversation adds around its messages, in the user's language: the roles
        as the data editor names them, and no error text from the service, only that the answer broke off."""
        untitled = QCoreApplication.translate("HistoryPanel", "(untitled)")
        return MarkdownLabels(
            untitled=untitled,
            system=QCoreApplication.translate("MessageCard", "System"),
            user=QCoreApplication.translate("MessageCard", "User"),
            assistant=QCoreApplication.translate("MessageCard", "Answer (assistant)"),
            broke_off=self.tr("The answer broke off."),
        )

    def _review_example_with_dialog(
        self, question: str, answer: str, system: str
    ) -> tuple[str, str, str] | None:
        dialog = AddExampleDialog(question, answer, system, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    def _new_key(self) -> str:
        self._key_count += 1
        return f"local-{self._key_count}"

    def _on_chat_error(self, exc: Exception) -> None:
        if self.sender() is not self._chat_worker:
            return
        if self._answer is not None:
            message = describe_exception(exc, is_openai=self._session.is_openai)
            self._answer.error = self.tr("The answer broke off: %1").replace("%1", message.title)
        self._on_error(exc)

    def _on_models_error(self, exc: Exception) -> None:
        if self.sender() is not self._models_worker:
            return
        if isinstance(exc, ProviderError) and exc.kind is ErrorKind.NOT_FOUND:
            # Some services (an Azure resource, a few gateways and local servers) have no list of models.
            self.message_bar.show_text(
                self.tr(
                    "This service does not list its models. Choose “Other model…” and type the model or "
                    "deployment name."
                ),
                Level.INFO,
            )
            return
        self._on_error(exc)

    def _on_error(self, exc: Exception) -> None:
        self.message_bar.show_message(describe_exception(exc, is_openai=self._session.is_openai), Level.ERROR)

    def shutdown(self) -> None:
        self.stop()
        self.compare.shutdown()


def _last_focus_child(widget: QWidget) -> QWidget:
    """The last of ``widget`` and its descendants in the focus chain: what Tab leaves it from."""
    last, current = widget, widget.nextInFocusChain()
    while current is not None and current is not widget and widget.isAncestorOf(current):
        last, current = current, current.nextInFocusChain()
    return last
