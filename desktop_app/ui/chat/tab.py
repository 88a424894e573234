"""Chat tab: talk to a trained model; the answer streams in while the window stays responsive."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dataset import Dataset
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import legacy_markers
from desktop_app.core.models import is_legacy_model
from desktop_app.providers.types import ChatMessage, GenerationOptions, ModelInfo
from desktop_app.storage.conversations import Conversation, ConversationStore, Message
from desktop_app.ui.chat.history_panel import AskSavePath, AskText, Confirm, HistoryPanel
from desktop_app.ui.chat.saving import ExchangeSaver
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.session import Session
from desktop_app.ui.widgets import Level, MessageBar
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

log = logging.getLogger(__name__)

MODEL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def model_label(model_id: str) -> str:
    """``ft:gpt-4o-mini-2024-07-18:org:content:abc`` reads as ``content · gpt-4o-mini-2024-07-18``."""
    parts = model_id.split(":")
    if parts[0] == "ft" and len(parts) >= 5 and parts[3]:
        label = f"{parts[3]} · {parts[1]}"
        return label + (f" · {parts[5]}" if len(parts) > 5 else "")  # a checkpoint: ...:ckpt-step-N
    return model_id


def order_models(models: list[ModelInfo]) -> list[ModelInfo]:
    """The user's fine-tuned models first (newest first), then chat models, then legacy completion models."""
    tuned = sorted((m for m in models if m.is_fine_tuned), key=lambda m: m.created, reverse=True)
    base = sorted((m for m in models if not m.is_fine_tuned), key=lambda m: (is_legacy_model(m.id), m.id))
    return tuned + base


def _legacy_markers(dataset: Dataset | None) -> tuple[str, str]:
    """The separator and ending the training data used; none if they cannot be told (no or odd data)."""
    if dataset is None or not dataset.examples:
        return "", ""
    try:
        return legacy_markers(dataset)  # the separator and ending the export used, chosen or suggested
    except DatasetError:
        return "", ""


class ChatTab(QWidget):
    modelsLoaded = Signal(int)
    answerChunk = Signal(str)  # a piece of the answer as it streams in
    answerFinished = Signal(str)  # the whole answer text
    conversationOpened = Signal(str)  # a kept conversation is shown

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
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._pool = pool
        self._dataset_getter = dataset_getter
        self._history: list[ChatMessage] = []
        self._answer_parts: list[str] = []
        self._chat_worker: Worker | None = None
        self._answer_model = ""
        self._models_worker: Worker | None = None
        self._wanted_model: str | None = None
        self._store = store
        self._conversation_id: str | None = None  # in the history; None until the first question is kept
        self._last_answer_id: str | None = None  # the next question follows it
        self._unsaved_reported = False
        self._open_worker: Worker | None = None
        self.history: HistoryPanel | None = None
        if store is not None:
            self.history = HistoryPanel(
                store,
                pool,
                confirm=confirm or self._ask_confirmation,
                ask_text=ask_text or self._ask_text,
                ask_save_path=ask_save_path or self._ask_save_path,
                parent=self,
            )
            self.history.conversationChosen.connect(self.open_conversation)
            self.history.conversationDeleted.connect(self._on_conversation_deleted)
            self.history.failed.connect(self._on_error)
        self._build_ui()
        session.providerChanged.connect(self._on_provider_changed)
        self._on_provider_changed()

    # ---- layout ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.model_combo = QComboBox(self)
        self.model_combo.setMinimumWidth(360)
        self.model_combo.currentIndexChanged.connect(self._on_model_changed)
        self.refresh_button = QPushButton(self.tr("Refresh models"), self)
        self.refresh_button.clicked.connect(self.refresh_models)
        self.clear_button = QPushButton(self.tr("New conversation"), self)
        self.clear_button.clicked.connect(self.clear_conversation)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Model:"), self))
        top.addWidget(self.model_combo, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.clear_button)

        self.model_note = QLabel(self)
        self.model_note.setWordWrap(True)
        self.model_note.setStyleSheet("color: #8a5a00;")
        self.model_note.hide()

        self.system_edit = QLineEdit(self)
        self.system_edit.setPlaceholderText(self.tr("System prompt (optional): use the one you trained with"))
        self.system_edit.setClearButtonEnabled(True)

        self.message_bar = MessageBar(self)
        self.transcript = QTextBrowser(self)
        self.transcript.setOpenExternalLinks(False)
        self.transcript.setObjectName("transcript")

        self.input = QPlainTextEdit(self)
        self.input.setPlaceholderText(self.tr("Type a message. Ctrl+Enter sends."))
        self.input.setMaximumHeight(96)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.input)
            shortcut.activated.connect(self.send)
        send_box = QVBoxLayout()
        send_box.addWidget(self.send_button)
        send_box.addWidget(self.stop_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.input, 1)
        bottom.addLayout(send_box)

        chat_area = QWidget(self)
        layout = QVBoxLayout(chat_area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.model_note)
        layout.addWidget(self.system_edit)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.transcript, 1)
        layout.addLayout(bottom)
        outer = QHBoxLayout(self)
        if self.history is None:
            outer.addWidget(chat_area)
            return
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.history)
        splitter.addWidget(chat_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 760])
        outer.addWidget(splitter)
        self.history.reload()

    # ---- models ----------------------------------------------------------------------------------------
    def _on_provider_changed(self) -> None:
        self.stop()
        self._chat_worker = None  # whatever it still sends belongs to the old service
        self._models_worker = None
        self.stop_button.setEnabled(False)
        self.model_combo.setEnabled(True)
        self.model_combo.clear()
        self.clear_conversation()
        available = self._session.provider is not None
        for widget in (self.send_button, self.refresh_button, self.input):
            widget.setEnabled(available)
        if not available:
            self.message_bar.show_text(
                self.tr("Add your API key in Settings to chat with your models."), Level.INFO
            )
            return
        self.message_bar.hide()
        self.refresh_models()

    def refresh_models(self, select: str | None = None) -> Worker | None:
        provider = self._session.provider
        if provider is None:
            return None
        if select:
            self._wanted_model = select
        self.refresh_button.setEnabled(False)

        def work(token: CancelToken, report: Reporter) -> list[ModelInfo]:
            return order_models(provider.list_models())

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_models)
            worker.error.connect(self._on_models_error)
            worker.finished.connect(self._on_models_finished)

        self._models_worker = self._pool.start(work, "list models", connect=connect)
        return self._models_worker

    def _on_models_finished(self) -> None:
        if self.sender() is self._models_worker:
            self.refresh_button.setEnabled(self._session.provider is not None)

    def _on_models(self, models: list[ModelInfo]) -> None:
        if self.sender() is not self._models_worker:
            return  # the list of a service we no longer talk to
        current = self._wanted_model or self.current_model()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        tuned = [m for m in models if m.is_fine_tuned]
        for model in models:
            label = "★ " + model_label(model.id) if model.is_fine_tuned else model.id
            self.model_combo.addItem(label, model.id)
            index = self.model_combo.count() - 1
            self.model_combo.setItemData(index, model.id, Qt.ItemDataRole.ToolTipRole)
            self.model_combo.setItemData(index, model, MODEL_ID_ROLE)
            if model.shutdown_date:
                self.model_combo.setItemData(
                    index,
                    self.tr("Shuts down on %1").replace("%1", model.shutdown_date),
                    Qt.ItemDataRole.ToolTipRole,
                )
            if tuned and model is tuned[-1] and len(models) > len(tuned):
                self.model_combo.insertSeparator(
                    self.model_combo.count()
                )  # between your models and base ones
        ids = [self.model_combo.itemData(i) for i in range(self.model_combo.count())]
        if self._wanted_model and self._wanted_model not in ids:
            # Asked for by name but not listed: a checkpoint (services list only final models). First.
            self.model_combo.insertItem(0, "◆ " + model_label(self._wanted_model), self._wanted_model)
            self.model_combo.setItemData(0, self._wanted_model, Qt.ItemDataRole.ToolTipRole)
            ids.insert(0, self._wanted_model)
        self.model_combo.blockSignals(False)
        if current in ids:
            self.model_combo.setCurrentIndex(ids.index(current))
        elif self.model_combo.count():
            self.model_combo.setCurrentIndex(0)
        self._wanted_model = None
        self._on_model_changed()
        self.modelsLoaded.emit(len(models))

    def select_model(self, model_id: str) -> None:
        ids = [self.model_combo.itemData(i) for i in range(self.model_combo.count())]
        if model_id in ids:
            self.model_combo.setCurrentIndex(ids.index(model_id))
        else:
            self.refresh_models(select=model_id)

    def current_model(self) -> str | None:
        value = self.model_combo.currentData()
        return value if isinstance(value, str) else None

    def _on_model_changed(self) -> None:
        info = self.model_combo.currentData(MODEL_ID_ROLE)
        notes = []
        if isinstance(info, ModelInfo) and info.shutdown_date:
            notes.append(
                self.tr("This model shuts down on %1; it will stop answering after that date.").replace(
                    "%1", info.shutdown_date
                )
            )
        model = self.current_model()
        if model and is_legacy_model(model):
            notes.append(
                self.tr("Legacy completion model: each message is sent on its own, without the chat history.")
            )
        self.model_note.setText("\n".join(notes))
        self.model_note.setVisible(bool(notes))

    # ---- conversation ----------------------------------------------------------------------------------------
    def clear_conversation(self) -> None:
        self._history.clear()
        self.transcript.clear()
        self._conversation_id = None
        self._last_answer_id = None
        if self.history is not None:
            self.history.select(None)

    @property
    def conversation_id(self) -> str | None:
        """The conversation being had, as kept in the history (None before its first question is kept)."""
        return self._conversation_id

    def open_conversation(self, conversation_id: str) -> Worker | None:
        """Show a kept conversation (its active branch) and go on with it."""
        store = self._store
        if store is None or self.is_streaming or conversation_id == self._conversation_id:
            return None

        def work(token: CancelToken, report: Reporter) -> tuple[Conversation, list[Message]]:
            return store.get_conversation(conversation_id), store.path(conversation_id)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_conversation_opened)
            worker.error.connect(self._on_error)

        self._open_worker = self._pool.start(work, "open conversation", connect=connect)
        return self._open_worker

    def _on_conversation_opened(self, opened: tuple[Conversation, list[Message]]) -> None:
        if self.sender() is not self._open_worker or self.is_streaming:
            return
        conversation, messages = opened
        self.clear_conversation()
        self._conversation_id = conversation.id
        self._last_answer_id = messages[-1].id if messages else None
        self.system_edit.setText(conversation.system_prompt)
        for message in messages:
            if message.role == "user":
                self._append_turn(self.tr("You"), message.content, "#1d4f91")
                self._history.append(ChatMessage("user", message.content))
            elif message.role == "assistant":
                self._append_turn(
                    model_label(message.model or conversation.model), message.content, "#1e6b35"
                )
                if message.content:
                    self._history.append(ChatMessage("assistant", message.content))
        if conversation.model and conversation.model != self.current_model():
            self.select_model(conversation.model)
        if self.history is not None:
            self.history.select(conversation.id)
        self.conversationOpened.emit(conversation.id)

    def _on_conversation_deleted(self, conversation_id: str) -> None:
        if conversation_id == self._conversation_id and not self.is_streaming:
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
        self.message_bar.show_text(
            self.tr("Conversations cannot be kept: %1. Chatting still works.").replace("%1", str(error)),
            Level.WARNING,
        )

    def transcript_text(self) -> str:
        return self.transcript.toPlainText()

    @property
    def is_streaming(self) -> bool:
        return self._chat_worker is not None

    def send(self) -> Worker | None:
        text = self.input.toPlainText().strip()
        model = self.current_model()
        provider = self._session.provider
        if not text or model is None or provider is None or self.is_streaming:
            return None
        self.input.clear()
        self.message_bar.hide()
        self._append_turn(self.tr("You"), text, "#1d4f91")
        self._append_turn(model_label(model), "", "#1e6b35")
        self._answer_parts = []
        self._answer_model = model
        legacy = is_legacy_model(model)
        dataset = self._dataset_getter() if legacy and self._dataset_getter is not None else None
        system = self.system_edit.text().strip()
        store, conversation_id, parent_id = self._store, self._conversation_id, self._last_answer_id
        profile_id = self._session.profile.id
        messages = []
        if not legacy:
            if system:
                messages.append(ChatMessage("system", system))
            messages.extend(self._history)
            messages.append(ChatMessage("user", text))
            self._history.append(ChatMessage("user", text))

        def work(token: CancelToken, report: Reporter) -> None:
            saver = ExchangeSaver(
                store,
                report,
                conversation_id=conversation_id,
                parent_id=parent_id,
                profile_id=profile_id,
                model=model,
                system_prompt=system,
            )
            saver.begin(text)
            started = time.monotonic()
            first: list[int] = []

            def on_piece(piece: str) -> None:
                if not first:
                    first.append(round((time.monotonic() - started) * 1000))
                saver.add(piece)

            try:
                stream_answer(token, report, on_piece)
            except Exception as exc:
                saver.end(finish_reason="error", error=str(exc), first_token_ms=next(iter(first), None))
                raise
            saver.end(
                finish_reason="stopped" if token.cancelled else "stop", first_token_ms=next(iter(first), None)
            )

        def stream_answer(token: CancelToken, report: Reporter, on_piece: Callable[[str], None]) -> None:
            if legacy:
                # A legacy model continues the text: end the prompt with the training separator, stop at the
                # training ending, as the legacy prepare_data advised.
                separator, ending = _legacy_markers(dataset)
                options = GenerationOptions(max_tokens=512, stop=(ending,) if ending else ())
                stream = provider.stream_completion(model, text + separator, options)
            else:
                stream = provider.stream_chat(model, messages, GenerationOptions(max_tokens=1024))
            token.on_cancel(stream.close)  # Stop works even while a read waits on the network
            for piece in stream:
                on_piece(piece)
                report(piece)

        def connect(worker: Worker) -> None:
            worker.progress.connect(self._on_piece)
            worker.error.connect(self._on_chat_error)
            worker.finished.connect(self._on_answer_done)

        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.model_combo.setEnabled(False)  # the history belongs to the model that answers
        self._chat_worker = self._pool.start(work, "chat", connect=connect)
        return self._chat_worker

    def stop(self) -> None:
        if self._chat_worker is not None:
            self._chat_worker.cancel()

    def _on_piece(self, piece: object) -> None:
        if self.sender() is not self._chat_worker:
            return  # an answer from before the service changed
        if isinstance(piece, tuple):
            self._on_saving(piece)
            return
        text = str(piece)
        self._answer_parts.append(text)
        self._append_text(text)
        self.answerChunk.emit(text)

    def _on_saving(self, news: tuple[object, ...]) -> None:
        if news[0] == "saved" and len(news) == 3:
            conversation_id, answer_id = news[1], news[2]
            if isinstance(conversation_id, str) and isinstance(answer_id, str):
                self._conversation_id, self._last_answer_id = conversation_id, answer_id
                if self.history is not None:
                    self.history.select(conversation_id)
        elif news[0] == "unsaved" and not self._unsaved_reported:
            self._unsaved_reported = True
            self.message_bar.show_text(
                self.tr("This conversation could not be saved: %1").replace("%1", str(news[1])), Level.WARNING
            )

    def _append_text(self, text: str) -> None:
        cursor = self.transcript.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, QTextCharFormat())
        self.transcript.setTextCursor(cursor)
        self.transcript.ensureCursorVisible()

    def _on_answer_done(self) -> None:
        worker = self.sender()
        if worker is not self._chat_worker:
            return
        answer = "".join(self._answer_parts)
        stopped = self._chat_worker is not None and self._chat_worker.token.cancelled
        self._chat_worker = None
        if answer and not is_legacy_model(self._answer_model):
            self._history.append(ChatMessage("assistant", answer))
        elif not answer and self._history and self._history[-1].role == "user":
            self._history.pop()  # nothing came back: don't send a dangling question next time
        if stopped:
            self._append_text(" " + self.tr("[stopped]"))
        self.send_button.setEnabled(self._session.provider is not None)
        self.stop_button.setEnabled(False)
        self.model_combo.setEnabled(True)
        if self.history is not None:
            self.history.reload()  # the conversation is new, or now the newest
        self.answerFinished.emit(answer)

    def _append_turn(self, who: str, text: str, colour: str) -> None:
        cursor = self.transcript.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        header = QTextBlockFormat()
        header.setTopMargin(0 if self.transcript.document().isEmpty() else 12)
        if self.transcript.document().isEmpty():
            cursor.setBlockFormat(header)
        else:
            cursor.insertBlock(header)
        speaker = QTextCharFormat()
        speaker.setFontWeight(QFont.Weight.Bold)
        speaker.setForeground(QColor(colour))
        cursor.insertText(who, speaker)
        cursor.insertBlock(QTextBlockFormat())
        cursor.insertText(text, QTextCharFormat())
        self.transcript.setTextCursor(cursor)

    def _on_chat_error(self, exc: Exception) -> None:
        if self.sender() is self._chat_worker:
            self._on_error(exc)

    def _on_models_error(self, exc: Exception) -> None:
        if self.sender() is self._models_worker:
            self._on_error(exc)

    def _on_error(self, exc: Exception) -> None:
        self.message_bar.show_message(describe_exception(exc, is_openai=self._session.is_openai), Level.ERROR)

    def shutdown(self) -> None:
        self.stop()
