"""The list of kept conversations beside the chat: search, open, rename, delete, export.

Every call to the store runs in a worker (the UI thread never waits on the disk); the list is a thin model
over plain ``Conversation`` rows, replaced whole when a search or a change comes back. It is read a page at a
time: the next page is read when the list is scrolled to its end, so thousands of conversations are all
reachable and none of them costs anything until it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.storage.conversations import Conversation, ConversationStore, MarkdownLabels
from desktop_app.ui.widgets import Level, MessageBar
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

CONVERSATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 250  # typing a word searches once, not at every key
PAGE_SIZE = 200  # conversations read at a time; the next page when the list is scrolled to its end

Confirm = Callable[[str, str], bool]
AskText = Callable[[str, str, str], str | None]  # title, label, current text -> new text or None
AskSavePath = Callable[[str, str], Path | None]  # title, suggested file name -> where, or None

_Index = QModelIndex | QPersistentModelIndex


class ConversationsModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Conversation] = []

    def set_conversations(self, rows: Sequence[Conversation]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_conversations(self, rows: Sequence[Conversation]) -> None:
        """Add the next page at the end (rows already listed are left out: a conversation that became the
        newest meanwhile moved up, so a page read later may hold it again)."""
        known = {c.id for c in self._rows}
        fresh = [c for c in rows if c.id not in known]
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def conversation(self, row: int) -> Conversation:
        return self._rows[row]

    def row_of(self, conversation_id: str) -> int | None:
        return next((i for i, c in enumerate(self._rows) if c.id == conversation_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt default argument
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        conversation = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return conversation.title or self.tr("(untitled)")
        if role == Qt.ItemDataRole.ToolTipRole:
            when = dt.datetime.fromtimestamp(conversation.updated_at).strftime("%Y-%m-%d %H:%M")
            return f"{conversation.title}\n{conversation.model}\n{when}"
        if role == CONVERSATION_ID_ROLE:
            return conversation.id
        return None


class HistoryPanel(QWidget):
    conversationChosen = Signal(str)  # the id of a conversation to show
    conversationDeleted = Signal(str)
    failed = Signal(object)  # an exception from the store
    listed = Signal()  # a (re)load of the list finished

    def __init__(
        self,
        store: ConversationStore,
        pool: WorkerPool,
        *,
        confirm: Confirm,
        ask_text: AskText,
        ask_save_path: AskSavePath,
        markdown_labels: Callable[[], MarkdownLabels] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``markdown_labels``: the words a Markdown export adds around the messages, in the user's language
        (asked for at each export)."""
        super().__init__(parent)
        self._store = store
        self._markdown_labels = markdown_labels
        self._pool = pool
        self._confirm = confirm
        self._ask_text = ask_text
        self._ask_save_path = ask_save_path
        self._list_worker: Worker | None = None
        self._more_worker: Worker | None = None  # reading the next page
        self._has_more = False  # the last read found more conversations than it showed
        self._current: str | None = None  # the conversation the chat shows: marked whenever it is listed

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search conversations"))
        self.search_edit.setAccessibleName(self.tr("Search conversations"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)

        self.model = ConversationsModel(self)
        self.view = QListView(self)
        self.view.setAccessibleName(self.tr("Conversations"))
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.verticalScrollBar().valueChanged.connect(self._on_scrolled)

        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton(self.tr("Export"), self)
        export_menu = QMenu(self.export_button)
        export_menu.addAction(self.tr("As Markdown (.md)…"), lambda: self.export_selected("md"))
        export_menu.addAction(self.tr("As JSON (.json)…"), lambda: self.export_selected("json"))
        self.export_button.setMenu(export_menu)
        buttons = QHBoxLayout()
        for button in (self.rename_button, self.delete_button, self.export_button):
            buttons.addWidget(button)

        self.notice = MessageBar(self)  # about the history file itself, beside the list it explains

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        kept = store.set_aside_as  # read when the store opened the file: no disk access here
        if kept is not None:
            self.notice.show_text(
                self.tr(
                    "The conversation history file was damaged, so a new, empty one was started. The old "
                    "file was kept, untouched, as %1."
                ).replace("%1", str(kept)),
                Level.WARNING,
                str(kept),
            )

    # ---- the list ----------------------------------------------------------------------------------------------
    def reload(self) -> Worker:
        """List the conversations again (newest first), as the search field asks: as many as were shown
        (at least a page), so the list does not shrink under a user who had scrolled far down."""
        store, search = self._store, self.search_edit.text().strip()
        shown = max(PAGE_SIZE, self.model.rowCount())

        def work(token: CancelToken, report: Reporter) -> list[Conversation]:
            return store.list_conversations(search, limit=shown + 1)  # one more: are there others?

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_listed)
            worker.error.connect(self._on_failed)

        self._more_worker = None  # a page read for the old list does not belong to the new one
        self._list_worker = self._pool.start(work, "list conversations", connect=connect, tag=shown)
        return self._list_worker

    def _on_listed(self, rows: list[Conversation]) -> None:
        worker = self.sender()
        if worker is not self._list_worker or not isinstance(worker, Worker):
            return  # an older search answered late
        shown = worker.tag if isinstance(worker.tag, int) else len(rows)
        self._has_more = len(rows) > shown
        chosen = self.selected_id() or self._current
        self.model.set_conversations(rows[:shown])
        self.select(chosen, current=False)
        self._update_buttons()
        self.listed.emit()

    @property
    def has_more(self) -> bool:
        """More conversations are kept than the list shows: scrolling to its end reads them."""
        return self._has_more

    def load_more(self) -> Worker | None:
        """Read the next page of conversations and add it at the end of the list."""
        if not self._has_more or self._more_worker is not None:
            return None
        store, search = self._store, self.search_edit.text().strip()
        offset = self.model.rowCount()

        def work(token: CancelToken, report: Reporter) -> list[Conversation]:
            return store.list_conversations(search, limit=PAGE_SIZE + 1, offset=offset)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_more)
            worker.error.connect(self._on_more_failed)

        self._more_worker = self._pool.start(work, "list more conversations", connect=connect)
        return self._more_worker

    def _on_more(self, rows: list[Conversation]) -> None:
        if self.sender() is not self._more_worker:
            return  # the list was read afresh meanwhile
        self._more_worker = None
        self._has_more = len(rows) > PAGE_SIZE
        self.model.append_conversations(rows[:PAGE_SIZE])
        self.listed.emit()

    def _on_more_failed(self, exc: Exception) -> None:
        if self.sender() is self._more_worker:
            self._more_worker = None
            self._has_more = False  # not again at every scroll; the next reload tries again
            self._on_failed(exc)

    def _on_scrolled(self, *_: object) -> None:
        bar = self.view.verticalScrollBar()
        if self._has_more and bar.value() >= bar.maximum() - bar.pageStep() // 2:
            self.load_more()

    def select(self, conversation_id: str | None, *, current: bool = True) -> None:
        """Mark a conversation (no signal: the chat already shows it); ``current``: the one being had."""
        if current:
            self._current = conversation_id
        row = self.model.row_of(conversation_id) if conversation_id is not None else None
        if row is None:
            self.view.clearSelection()
        else:
            self.view.setCurrentIndex(self.model.index(row))
        self._update_buttons()

    def selected_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        value = index.data(CONVERSATION_ID_ROLE)
        return value if isinstance(value, str) else None

    def _on_activated(self, index: QModelIndex) -> None:
        value = index.data(CONVERSATION_ID_ROLE)
        if isinstance(value, str):
            self.conversationChosen.emit(value)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        writable = not self._store.read_only
        self.rename_button.setEnabled(chosen and writable)
        self.delete_button.setEnabled(chosen and writable)
        self.export_button.setEnabled(chosen)

    # ---- actions -------------------------------------------------------------------------------------------
    def rename_selected(self) -> Worker | None:
        conversation_id = self.selected_id()
        row = self.model.row_of(conversation_id) if conversation_id is not None else None
        if conversation_id is None or row is None:
            return None
        title = self._ask_text(
            self.tr("Rename conversation"), self.tr("Title:"), self.model.conversation(row).title
        )
        if title is None or not title.strip():
            return None
        store, new_title = self._store, title.strip()
        return self._change(lambda: store.rename(conversation_id, new_title), "rename conversation")

    def delete_selected(self) -> Worker | None:
        conversation_id = self.selected_id()
        row = self.model.row_of(conversation_id) if conversation_id is not None else None
        if conversation_id is None or row is None:
            return None
        title = self.model.conversation(row).title or self.tr("(untitled)")
        if not self._confirm(
            self.tr("Delete conversation"),
            self.tr("Delete “%1” and all its messages? This cannot be undone.").replace("%1", title),
        ):
            return None
        store = self._store

        def delete() -> None:
            store.delete_conversation(conversation_id)

        return self._change(
            delete, "delete conversation", done=lambda: self.conversationDeleted.emit(conversation_id)
        )

    def export_selected(self, kind: str) -> Worker | None:
        conversation_id = self.selected_id()
        row = self.model.row_of(conversation_id) if conversation_id is not None else None
        if conversation_id is None or row is None:
            return None
        stem = _file_stem(self.model.conversation(row).title) or "conversation"
        path = self._ask_save_path(self.tr("Export conversation"), f"{stem}.{kind}")
        if path is None:
            return None
        store = self._store
        if kind == "md":
            labels = self._markdown_labels() if self._markdown_labels is not None else None
            return self._change(
                lambda: store.export_markdown(conversation_id, path, labels=labels), "export conversation"
            )
        return self._change(lambda: store.export_json(conversation_id, path), "export conversation")

    def _change(
        self, action: Callable[[], object], name: str, *, done: Callable[[], None] | None = None
    ) -> Worker:
        def work(token: CancelToken, report: Reporter) -> bool:
            action()
            return True

        def finished(_: object) -> None:
            if done is not None:
                done()
            self.reload()

        def connect(worker: Worker) -> None:  # before it starts: a quick result must not go unheard
            worker.result.connect(finished)
            worker.error.connect(self._on_failed)

        return self._pool.start(work, name, connect=connect)

    def _on_failed(self, exc: Exception) -> None:
        self.failed.emit(exc)


def _file_stem(title: str) -> str:
    """A title as a file name: characters no file system accepts become "_" (Chinese stays)."""
    cleaned = "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in title).strip(" .")
    return cleaned[:60]
