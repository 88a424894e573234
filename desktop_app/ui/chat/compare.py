"""Compare mode: one question to two or three models at once, their answers side by side.

This is how a user judges training: the base model, the fine-tuned one and a checkpoint answer the same
question, each streaming into its own column with its numbers (first-token latency, time, tokens) under it.
A random example from the validation split (rows the model never trained on) can fill the question; its
expected answer, from the user's own data, then stands beside the models' answers.

Every answer streams in its own worker (:func:`~desktop_app.ui.chat.answering.stream_answer`), from the service
of the profile its model belongs to; a column whose model fails (deleted, unknown) shows the error under what
had arrived while the others go on. An answer can be added to the dataset, as in the chat.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.models import is_legacy_model
from desktop_app.providers.types import GenerationOptions
from desktop_app.storage.settings import ProviderKind
from desktop_app.ui.chat.answering import (
    AnswerRequest,
    AnswerStats,
    PiecesReady,
    TrainedFormat,
    build_request,
    describe_stats,
    require_provider,
    stream_answer,
)
from desktop_app.ui.chat.ask_box import AskBox
from desktop_app.ui.chat.model_picker import ModelChoice, ModelPicker, ProfileModels, model_label
from desktop_app.ui.chat.transcript import Action, Footer, ShownMessage, Transcript
from desktop_app.ui.colours import Tone, set_tone
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.session import ProviderGetter, Session
from desktop_app.ui.widgets import Level, MessageBar
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

MIN_COLUMNS = 2
MAX_COLUMNS = 3
ANSWER_KEY = "answer"  # each column's transcript holds one answer
EXPECTED_KEY = "expected"


def default_models(choices: Sequence[ModelChoice]) -> list[str]:
    """Every model in the order columns take them: the user's newest model, the first base chat model and a
    checkpoint (the comparison that tells whether training helped), then the rest, legacy models last."""

    def first(kind: str) -> str | None:
        return next((choice.id for choice in choices if choice.kind == kind), None)

    ordered: list[str] = []
    preferred = [first("tuned"), first("chat"), first("checkpoint")]
    others = [c.id for c in choices if c.kind != "legacy"] + [c.id for c in choices if c.kind == "legacy"]
    for model in [*preferred, *others]:
        if model is not None and model not in ordered:
            ordered.append(model)
    return ordered


@dataclass(frozen=True)
class ExpectedAnswer:
    """A validation example put in the question box: what the user's data says the answer is."""

    question: str
    answer: str
    system: str
    row: int  # 1-based, as the Data tab numbers rows


def example_question(example: Example) -> str:
    """The last user question of a row (a multi-turn row is asked its last question only)."""
    if example.prompt:
        return example.prompt
    users = [m.content for m in example.messages() if m.role == "user" and m.content]
    return users[-1] if users else ""


def _request(
    trained_format: TrainedFormat | None,
    profile_id: str,
    model: str,
    *,
    question: str,
    system: str,
    options: GenerationOptions,
    dataset: Dataset | None,
) -> AnswerRequest:
    """A column's request, built in its worker: a legacy model's training format is looked up there."""
    shape = (
        trained_format(profile_id, model) if trained_format is not None and is_legacy_model(model) else None
    )
    return build_request(
        model, question, system=system, options=options, dataset=dataset, trained_format=shape
    )


class CompareColumn(QWidget):
    """One model's side of the comparison: the model, its answer as it streams in, and its numbers."""

    chunk = Signal(str)  # a piece of the answer
    done = Signal()  # the answer ended: finished, stopped or failed
    removeRequested = Signal()
    addToDatasetRequested = Signal()  # the link under the answer

    def __init__(
        self, session: Session, pool: WorkerPool, parent: QWidget | None = None, *, add_label: str = ""
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._pool = pool
        self._add_label = add_label  # the "Add to dataset" link under an answer; none when empty
        self._worker: Worker | None = None
        self.model = ""  # the model the answer shown came from
        self.text = ""  # the answer as far as it arrived
        self.stats: AnswerStats | None = None
        self.error = ""  # why the answer broke off, in the user's words
        self.error_title = ""

        self.picker = ModelPicker(self)
        self.picker.setMinimumWidth(160)
        self.picker.setAccessibleName(self.tr("Model to compare"))
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove this model from the comparison"))
        self.remove_button.setAccessibleName(self.tr("Remove this model from the comparison"))
        self.remove_button.clicked.connect(self.removeRequested.emit)
        self.transcript = Transcript(self, copy_label=self.tr("Copy code"))
        self.transcript.setObjectName("compareTranscript")
        self.transcript.setAccessibleName(self.tr("Answers"))
        self.transcript.actionRequested.connect(self._on_link)
        self.stats_label = QLabel(self)
        self.stats_label.setObjectName("compareStats")
        self.stats_label.setWordWrap(True)
        self.stats_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show_stats_text("")

        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.stats_label)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    @property
    def worker(self) -> Worker | None:
        return self._worker

    def ask(
        self,
        get_provider: ProviderGetter,
        model: str,
        make_request: Callable[[], AnswerRequest],
        *,
        practice: bool = False,
    ) -> Worker | None:
        """Stream ``model``'s answer to the request ``make_request`` builds (in the worker: for a legacy model
        it reads the whole dataset) into this column, from the service ``get_provider`` reaches (connected in
        the worker); what it showed before goes. ``practice``: that service is the Practice one."""
        self.model = model
        self.text = ""
        self.stats = None
        self.error = ""
        self.error_title = ""
        self.stats_label.setToolTip("")
        self.transcript.clear_messages()
        self.transcript.begin_answer(ANSWER_KEY, model_label(model))
        self._show_stats_text(self.tr("Waiting for the answer…"))
        connected = False

        def work(token: CancelToken, report: Reporter) -> AnswerStats:
            provider = require_provider(get_provider, model, practice=practice)
            return stream_answer(provider, make_request(), token, report)

        def connect(worker: Worker) -> None:
            nonlocal connected
            connected = True
            worker.progress.connect(self._on_progress)
            worker.error.connect(self._on_error)
            worker.finished.connect(self._on_finished)

        worker = self._pool.start(work, "compare answer", connect=connect, waits_on_network=True)
        if not connected:  # the window is closing: nothing will run
            self._end()
            return None
        self._worker = worker
        return worker

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def detach(self) -> bool:
        """Stop and end the answer now, ignoring what the worker still sends (the service changed); True if
        an answer was streaming."""
        worker, self._worker = self._worker, None
        if worker is None:
            return False
        worker.cancel()
        self._end(stopped=True)
        return True

    def _on_progress(self, news: object) -> None:
        if self.sender() is not self._worker:
            return  # an answer from before the service changed
        if isinstance(news, PiecesReady):
            text = news.buffer.take()
            if not text:
                return
            if not self.text:
                self._show_stats_text(self.tr("Answering…"))
            self.text += text
            self.transcript.feed(text)
            self.chunk.emit(text)
        elif isinstance(news, tuple) and len(news) == 2 and news[0] == "stats":
            stats = news[1]
            if isinstance(stats, AnswerStats):
                self.stats = stats

    def _on_error(self, exc: Exception) -> None:
        worker = self._worker
        if self.sender() is not worker or worker is None or worker.token.cancelled:
            return  # stopped: a stream closed under a read may end in an error, which is no news
        message = describe_exception(exc, is_openai=self._session.is_openai)
        self.error = message.text
        self.error_title = message.title
        self.stats_label.setToolTip(message.detail)

    def _on_finished(self) -> None:
        worker = self._worker
        if self.sender() is not worker or worker is None:
            return
        self._worker = None
        self._end(stopped=worker.token.cancelled)

    def _end(self, *, stopped: bool = False) -> None:
        actions = ((Action.ADD_TO_DATASET, self._add_label),) if self._add_label and self.text else ()
        self.transcript.finish_answer(Footer(actions=actions, error=self.error))
        if self.error:
            self._show_stats_text(self.error_title, error=True)
        elif self.stats is not None:
            self._show_stats_text(describe_stats(self.stats))
        elif stopped:
            self._show_stats_text(self.tr("stopped"))
        else:
            self._show_stats_text("")
        self.done.emit()

    def _show_stats_text(self, text: str, *, error: bool = False) -> None:
        self.stats_label.setText(text)
        set_tone(self.stats_label, Tone.ERROR if error else Tone.MUTED)

    def _on_link(self, action: str, key: str) -> None:
        if action == Action.ADD_TO_DATASET.value and key == ANSWER_KEY and not self.busy:
            self.addToDatasetRequested.emit()


class ComparePanel(QWidget):
    """The Chat tab's Compare mode: the question above, one column per model, the expected answer beside."""

    finished = Signal()  # every column's answer ended
    answerChunk = Signal(int, str)  # column index, a piece of its answer
    addToDatasetRequested = Signal(str, str, str)  # the question, a column's answer, the system prompt

    def __init__(
        self,
        session: Session,
        pool: WorkerPool,
        dataset_getter: Callable[[], Dataset] | None,
        parent: QWidget | None = None,
        *,
        add_label: str = "",
        trained_format: TrainedFormat | None = None,
    ) -> None:
        """``add_label``: the text of the "Add to dataset" link under each answer (none when empty); a click
        is reported as :attr:`addToDatasetRequested`. ``trained_format``: how a legacy model was trained."""
        super().__init__(parent)
        self._session = session
        self._pool = pool
        self._dataset_getter = dataset_getter
        self._trained_format = trained_format
        self._add_label = add_label
        # The question the answers shown answer, and its system prompt.
        self._asked: tuple[str, str] = ("", "")
        self._choices: list[ModelChoice] = []
        self._groups: list[ProfileModels] = []
        self._options = GenerationOptions()
        self._pending = 0  # columns still answering
        self._expected: ExpectedAnswer | None = None
        self._validation_available = False
        self.random = random.Random()  # which validation example comes next (tests may seed it)
        self.columns: list[CompareColumn] = []
        self._build_ui()
        for _ in range(MIN_COLUMNS):
            self.add_column()
        session.providerChanged.connect(self._on_provider_changed)
        self._on_provider_changed()

    # ---- layout ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.system_edit = QLineEdit(self)
        self.system_edit.setPlaceholderText(self.tr("System prompt (optional): use the one you trained with"))
        self.system_edit.setClearButtonEnabled(True)
        self.system_edit.setAccessibleName(self.tr("System prompt"))
        self.ask_box = AskBox(
            self.tr("Ask all"),
            self.tr("Stop all"),
            self.tr("Type a question to ask every model below. Ctrl+Enter sends."),
            self,
        )
        self.ask_box.end_buttons()
        self.ask_box.sendRequested.connect(self._send_typed)
        self.ask_box.stopRequested.connect(self.stop)
        self.prompt_edit = self.ask_box.edit
        self.prompt_edit.setAccessibleName(self.tr("Question"))
        self.prompt_edit.textChanged.connect(self._on_prompt_changed)
        self.send_button = self.ask_box.send_button
        self.stop_button = self.ask_box.stop_button

        self.random_button = QPushButton(self.tr("Random example from the validation split"), self)
        self.random_button.clicked.connect(self.fill_random_validation_example)
        self.add_column_button = QPushButton(self.tr("Add a third model"), self)
        self.add_column_button.setToolTip(
            self.tr(
                "Compare three models, for example the base model, your model and one of its checkpoints."
            )
        )
        self.add_column_button.clicked.connect(self._add_column_clicked)
        tools = QHBoxLayout()
        tools.addWidget(self.random_button)
        tools.addWidget(self.add_column_button)
        tools.addStretch(1)

        self.message_bar = MessageBar(self)

        self.expected_pane = QWidget(self)
        self.expected_title = QLabel(self.tr("Expected answer (from your data)"), self.expected_pane)
        self.expected_title.setObjectName("expectedTitle")
        self.expected_title.setStyleSheet("font-weight: bold;")
        self.expected_view = Transcript(self.expected_pane, copy_label=self.tr("Copy code"))
        self.expected_view.setObjectName("expectedTranscript")
        self.expected_note = QLabel(
            self.tr("A row of your validation split: the model was not trained on it."), self.expected_pane
        )
        self.expected_note.setWordWrap(True)
        set_tone(self.expected_note, Tone.MUTED)
        expected_layout = QVBoxLayout(self.expected_pane)
        expected_layout.setContentsMargins(0, 0, 0, 0)
        expected_layout.addWidget(self.expected_title)
        expected_layout.addWidget(self.expected_view, 1)
        expected_layout.addWidget(self.expected_note)
        self.expected_pane.hide()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.expected_pane)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.system_edit)
        layout.addWidget(self.ask_box)
        layout.addLayout(tools)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)

    # ---- columns ---------------------------------------------------------------------------------------
    def add_column(self, model: str | None = None) -> CompareColumn | None:
        """Another model to compare (at most three); it starts with ``model`` or one not shown yet."""
        if len(self.columns) >= MAX_COLUMNS or self.is_streaming:
            return None
        column = CompareColumn(self._session, self._pool, self, add_label=self._add_label)
        column.addToDatasetRequested.connect(self._on_add_requested)
        column.chunk.connect(self._on_column_chunk)
        column.done.connect(self._on_column_done)
        column.removeRequested.connect(self._on_remove_requested)
        self.splitter.insertWidget(len(self.columns), column)  # before the expected answer
        self.columns.append(column)
        shown = {c.picker.current_model() for c in self.columns}
        fresh = next((m for m in default_models(self._choices) if m not in shown), None)
        column.picker.set_choices(self._choices, keep=model or fresh, groups=self._groups)
        if model is not None and column.picker.current_model() != model:
            column.picker.add_model(model)
        self._update_controls()
        return column

    def _add_column_clicked(self) -> None:
        self.add_column()  # a click passes "checked": not a model

    def remove_column(self, index: int | None = None) -> bool:
        """Take a model out of the comparison (two always stay)."""
        if len(self.columns) <= MIN_COLUMNS or self.is_streaming:
            return False
        column = self.columns.pop(len(self.columns) - 1 if index is None else index)
        column.hide()
        column.setParent(None)
        column.deleteLater()
        self._update_controls()
        return True

    def _on_remove_requested(self) -> None:
        column = self.sender()
        if isinstance(column, CompareColumn) and column in self.columns:
            self.remove_column(self.columns.index(column))

    def set_choices(self, choices: list[ModelChoice], groups: Sequence[ProfileModels] = ()) -> None:
        """The models the Chat tab listed: the active service's, then ``groups``, those of other profiles.
        Columns keep their model if it is still there; otherwise they take, in order, the user's newest
        model, the first base chat model and a checkpoint."""

        def keys(listed: Sequence[ModelChoice], in_groups: Sequence[ProfileModels]) -> set[tuple[str, str]]:
            every = [*listed, *(c for group in in_groups for c in group.choices)]
            return {(c.id, c.profile_id) for c in every}

        listed_before = keys(self._choices, self._groups)
        self._choices = list(choices)
        self._groups = list(groups)
        listed = keys(choices, groups)
        defaults = default_models(choices)
        used: set[str] = set()
        for column in self.columns:
            current = column.picker.current_choice()
            key = (current.id, current.profile_id) if current is not None else None
            typed = key is not None and key not in listed and key not in listed_before
            if current is not None and (key in listed or typed):
                column.picker.set_choices(
                    choices, keep=current.id, keep_profile=current.profile_id, groups=groups
                )
            else:
                keep = next((m for m in defaults if m not in used), defaults[0] if defaults else None)
                column.picker.set_choices(choices, keep=keep, groups=groups)
            if typed and current is not None:
                # named by hand (a deployment, a checkpoint): kept
                column.picker.add_model(current.id, current.profile_id)
            used.add(column.picker.current_model() or "")
        self._update_controls()

    def set_models(self, models: list[str]) -> None:
        """Compare exactly these models (two or three), in this order."""
        if not MIN_COLUMNS <= len(models) <= MAX_COLUMNS:
            raise ValueError(f"compare {MIN_COLUMNS} or {MAX_COLUMNS} models, not {len(models)}")
        if self.is_streaming:
            return
        while len(self.columns) > len(models):
            self.remove_column()
        while len(self.columns) < len(models):
            self.add_column(models[len(self.columns)])
        for column, model in zip(self.columns, models, strict=True):
            if not column.picker.select(model):
                column.picker.add_model(model)

    def models(self) -> list[str | None]:
        return [column.picker.current_model() for column in self.columns]

    def set_options(self, options: GenerationOptions, system: str) -> None:
        """How answers are generated, and the system prompt, from the chat's settings."""
        self._options = options
        self.system_edit.setText(system)

    # ---- asking ----------------------------------------------------------------------------------------
    @property
    def is_streaming(self) -> bool:
        return any(column.busy for column in self.columns)

    def send(self, prompt: str | None = None) -> list[Worker]:
        """Ask every column's model the question (``prompt``, else the one in the box) at once."""
        if prompt is not None:
            self.prompt_edit.setPlainText(prompt)
        question = self.prompt_edit.toPlainText().strip()
        if not question or self._session.provider is None or self.is_streaming:
            return []
        models = [model for model in self.models() if model is not None]
        if len(models) != len(self.columns):
            self.message_bar.show_text(self.tr("Choose a model for every column first."), Level.WARNING)
            return []
        self.message_bar.hide()
        legacy = any(is_legacy_model(model) for model in models)
        dataset = self._dataset_getter() if legacy and self._dataset_getter is not None else None
        system = self.system_edit.text().strip()
        self._asked = (question, system)
        workers: list[Worker] = []
        self._pending = len(self.columns)
        for column, model in zip(self.columns, models, strict=True):
            get_provider, practice, profile_id = self._service_of(column)
            make_request = functools.partial(
                _request,
                self._trained_format,
                profile_id,
                model,
                question=question,
                system=system,
                options=self._options,
                dataset=dataset,
            )
            worker = column.ask(get_provider, model, make_request, practice=practice)
            if worker is not None:
                workers.append(worker)
        self._update_controls()
        return workers

    def _service_of(self, column: CompareColumn) -> tuple[ProviderGetter, bool, str]:
        """How the column's answer reaches the service of its model's profile (the active one for a model
        typed by hand, or of a profile removed meanwhile), whether that is the Practice service, and the
        profile's id."""
        session = self._session
        profile = session.settings.profile(column.picker.current_profile_id() or "") or session.profile
        get_provider = session.provider_getter(profile.id)
        if get_provider is None:  # the active profile always exists; this keeps the type checker content
            provider = session.provider
            return (lambda: provider), session.is_practice, session.profile.id
        return get_provider, profile.kind is ProviderKind.PRACTICE, profile.id

    def _send_typed(self) -> None:
        self.send()  # a click passes "checked": not a prompt

    def _on_add_requested(self) -> None:
        column = self.sender()
        question, system = self._asked
        if isinstance(column, CompareColumn) and column.text and question:
            self.addToDatasetRequested.emit(question, column.text, system)

    def stop(self) -> None:
        for column in self.columns:
            column.stop()

    def answers(self) -> list[str]:
        return [column.text for column in self.columns]

    def _on_column_chunk(self, piece: str) -> None:
        column = self.sender()
        if isinstance(column, CompareColumn) and column in self.columns:
            self.answerChunk.emit(self.columns.index(column), piece)

    def _on_column_done(self) -> None:
        if self._pending <= 0:
            return
        self._pending -= 1
        if self._pending == 0:
            self._update_controls()
            self.finished.emit()

    def _on_provider_changed(self) -> None:
        was_streaming = False
        for column in self.columns:
            column.blockSignals(True)  # done is counted here, once, not per column
            was_streaming = column.detach() or was_streaming
            column.blockSignals(False)
        self._pending = 0
        if self._session.provider is None:
            self.message_bar.show_text(
                self.tr("Add your API key in Settings to compare your models."), Level.INFO
            )
        else:
            self.message_bar.hide()
        self._update_controls()
        if was_streaming:
            self.finished.emit()

    def _update_controls(self) -> None:
        streaming = self.is_streaming
        available = self._session.provider is not None
        self.send_button.setEnabled(available and not streaming)
        self.stop_button.setEnabled(streaming)
        self.add_column_button.setVisible(len(self.columns) < MAX_COLUMNS)
        self.add_column_button.setEnabled(not streaming)
        for column in self.columns:
            column.picker.setEnabled(not streaming)
            column.remove_button.setVisible(len(self.columns) > MIN_COLUMNS)
            column.remove_button.setEnabled(not streaming)
        self.random_button.setEnabled(self._validation_available and not streaming)

    # ---- the validation split --------------------------------------------------------------------------
    def _validation_examples(self) -> tuple[Dataset | None, list[Example]]:
        if self._dataset_getter is None:
            return None, []
        dataset = self._dataset_getter()
        return dataset, [e for e in dataset.validation_examples() if example_question(e) and e.completion]

    def refresh_dataset(self) -> None:
        """Enable the random example button if the data has a validation split (call when the data changes;
        done each time the panel is shown)."""
        _, examples = self._validation_examples()
        self._show_validation_available(bool(examples))

    def _show_validation_available(self, available: bool) -> None:
        self._validation_available = available
        self.random_button.setEnabled(available and not self.is_streaming)
        if available:
            self.random_button.setToolTip(
                self.tr(
                    "Ask a question from your validation split (rows the model was not trained on) and "
                    "show the answer your data expects beside the models' answers."
                )
            )
        elif self._dataset_getter is None:
            self.random_button.setToolTip(self.tr("No data is open."))
        else:
            self.random_button.setToolTip(
                self.tr(
                    "Your data has no validation split yet. Make one in the Data tab (Split), then try "
                    "the models on examples they were not trained on."
                )
            )

    def fill_random_validation_example(self) -> bool:
        """Put a random validation example's question (and system prompt) in the box and show its expected
        answer beside the columns; False if the data has no validation rows (or answers are coming in)."""
        if self.is_streaming:
            return False
        dataset, examples = self._validation_examples()
        self._show_validation_available(bool(examples))
        if dataset is None or not examples:
            return False
        if self._expected is not None and len(examples) > 1:  # another one than the one shown
            examples = [e for e in examples if example_question(e) != self._expected.question] or examples
        example = self.random.choice(examples)
        row = next(i for i, e in enumerate(dataset.examples, 1) if e is example)
        question = example_question(example)
        expected = ExpectedAnswer(question, example.completion, example.system or dataset.default_system, row)
        self._expected = None  # the box changes below: not an edit away from the example
        self.prompt_edit.setPlainText(question)
        if expected.system:
            self.system_edit.setText(expected.system)
        self._expected = expected
        self.expected_view.show_messages(
            [
                ShownMessage(
                    EXPECTED_KEY,
                    "assistant",
                    self.tr("Row %1 of your data").replace("%1", str(row)),
                    expected.answer,
                )
            ]
        )
        self.expected_pane.show()
        return True

    def expected_answer(self) -> str | None:
        return self._expected.answer if self._expected is not None else None

    def _on_prompt_changed(self) -> None:
        expected = self._expected
        if expected is not None and self.prompt_edit.toPlainText().strip() != expected.question.strip():
            self._hide_expected()  # another question: the example's answer no longer applies

    def _hide_expected(self) -> None:
        self._expected = None
        self.expected_view.clear_messages()
        self.expected_pane.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_dataset()

    def shutdown(self) -> None:
        self.stop()
