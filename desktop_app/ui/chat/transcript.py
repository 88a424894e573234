"""The conversation as the user reads it: one document that only ever changes at its end.

Finished messages are HTML rendered once. The answer being streamed is fed to a :class:`MarkdownStream`; its
blocks that are complete are appended for good and only its open tail is replaced, so an answer costs time
linear in its length however long it gets. Updates are coalesced: pieces wait for a flush that comes at least
:data:`FLUSH_MIN_MS` after the previous one, and later still when a flush was costly (a long open code block),
which keeps both the UI responsive and the total work linear.

Each message ends with a line of links (copy, edit, regenerate, add to dataset, and "‹ 2/3 ›" where the
message has siblings); a click is reported as :attr:`Transcript.actionRequested` with the message's key. Links
under code blocks copy the code.
"""

from __future__ import annotations

import enum
import html
import time
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from desktop_app.core.markdown import MarkdownStream, copy_code_index
from desktop_app.ui.colours import Tone, tone_css

FLUSH_MIN_MS = 40  # pieces arriving faster than this are shown together
FLUSH_MAX_MS = 400
FLUSH_COST_SHARE = 4  # wait at least this many times the last flush's cost before the next
FLUSH_MAX_CHARS = 4_000  # a backlog is shown in steps of this many characters (~10-20 ms each)
FLUSH_TURN_S = 0.008  # after any transcript's flush, others wait this long (the window gets its turn)
_last_flush = [0.0]  # when the last flush of any transcript ended (all live in the UI thread)
SHOWN_AT_ONCE = 100  # a long conversation opens at its last messages; earlier ones this many at a time
CHAT_SCHEME = "chat"
_BLOCK_SEPARATOR = "\u2029"  # as QTextCursor.selectedText() shows a paragraph break


class Action(enum.Enum):
    COPY = "copy"
    EDIT = "edit"
    REGENERATE = "regenerate"
    ADD_TO_DATASET = "add"
    PREVIOUS = "previous"  # the sibling before (another version of this message)
    NEXT = "next"
    EARLIER = "earlier"  # show the messages before the ones shown


@dataclass(frozen=True)
class Footer:
    """The line under a message: facts about it, then its links (action, label)."""

    meta: str = ""
    actions: tuple[tuple[Action, str], ...] = ()
    position: tuple[int, int] | None = None  # (n, of) among its siblings
    error: str = ""


@dataclass(frozen=True)
class ShownMessage:
    key: str
    role: str  # "user" or "assistant"
    who: str
    text: str
    footer: Footer = Footer()


@dataclass
class _Entry:
    message: ShownMessage
    start: int  # where it begins in the document


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _header_html(who: str, colour: str, first: bool) -> str:
    margin = 0 if first else 14
    return f'<p style="margin-top:{margin}px; margin-bottom:2px"><b style="color:{colour}">{_escape(who)}</b></p>'


def _user_html(text: str) -> str:
    return f'<p style="white-space:pre-wrap; margin-top:0px; margin-bottom:0px">{_escape(text)}</p>'


def _footer_html(key: str, footer: Footer) -> str:
    parts: list[str] = []
    if footer.position is not None:
        index, count = footer.position
        previous = (
            f'<a href="{CHAT_SCHEME}:{Action.PREVIOUS.value}/{_escape(key)}">‹</a>' if index > 1 else "‹"
        )
        following = (
            f'<a href="{CHAT_SCHEME}:{Action.NEXT.value}/{_escape(key)}">›</a>' if index < count else "›"
        )
        parts.append(f"{previous} {index}/{count} {following}")
    if footer.meta:
        parts.append(_escape(footer.meta))
    if footer.error:
        parts.append(f'<span style="color:{tone_css(Tone.ERROR)}">{_escape(footer.error)}</span>')
    parts.extend(
        f'<a href="{CHAT_SCHEME}:{action.value}/{_escape(key)}">{_escape(label)}</a>'
        for action, label in footer.actions
    )
    if not parts:
        return ""
    line = " &nbsp;·&nbsp; ".join(parts)
    return f'<p style="color:{tone_css(Tone.MUTED)}; font-size:small; margin-top:4px">{line}</p>'


def append_html(cursor: QTextCursor, fragment: str) -> None:
    """Add block-level HTML at the end of the cursor's document, every block keeping its own format.

    Qt merges the first block of inserted HTML into the block at the cursor (losing its margins, heading or
    list), and the last one into what follows (a rule alone loses its line): a throw-away paragraph on
    either side takes the merge and is then removed.
    """
    if not fragment:
        return
    document = cursor.document()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    empty = document.isEmpty()
    start = cursor.position()
    cursor.insertHtml(fragment + "<p>y</p>" if empty else "<p>x</p>" + fragment + "<p>y</p>")
    cursor.movePosition(QTextCursor.MoveOperation.End)
    end = cursor.position()
    trailing = QTextCursor(document)
    trailing.setPosition(end - 2)  # the separator before the last paragraph, and its "y"
    trailing.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    if trailing.selectedText() == _BLOCK_SEPARATOR + "y":
        # The merged block takes the throw-away's format: give it back its own (a rule's line, say).
        kept = document.findBlock(end - 2).blockFormat()
        trailing.removeSelectedText()
        trailing.setBlockFormat(kept)
    else:
        # After a table the last block cannot merge into it (the frame must be followed by a block): only the
        # "y" goes, leaving the empty block Qt keeps after every table anyway.
        trailing.setPosition(end - 1)
        trailing.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        trailing.removeSelectedText()
    if not empty:
        leading = QTextCursor(document)
        leading.setPosition(start)
        leading.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)
        leading.removeSelectedText()
    cursor.movePosition(QTextCursor.MoveOperation.End)


def remove_to_end(document: QTextDocument, position: int) -> None:
    """Remove everything from ``position`` (the end of a block) to the end; that block keeps its format (Qt
    would give it the format of the last block removed)."""
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    kept = cursor.blockFormat()
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    cursor.setBlockFormat(kept)


class Transcript(QTextBrowser):
    """Shows a conversation; streams one answer at a time into its end."""

    actionRequested = Signal(str, str)  # Action value, message key
    rendered = Signal(int, float)  # characters shown by one flush of a streaming answer, seconds it took
    answerShown = Signal(str)  # the key of an answer now shown whole, with its footer
    codeCopied = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, copy_label: str = "", shown_at_once: int = SHOWN_AT_ONCE
    ):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("transcript")
        # Read-only: keeping every change to undo would cost time and memory (and make clearing slow).
        self.document().setUndoRedoEnabled(False)
        # Tighter than Qt's 12 px paragraph margins: a chat reads as one column of turns.
        self.document().setDefaultStyleSheet("p { margin-top: 6px; margin-bottom: 6px; }")
        self.anchorClicked.connect(self._on_link)
        self._copy_label = copy_label or self.tr("Copy code")
        self._shown_at_once = shown_at_once
        self._entries: list[_Entry] = []
        self._hidden: list[ShownMessage] = []  # earlier messages not rendered yet
        self._codes: list[str] = []  # code of every finished answer shown, by copy-link index
        self._stream: MarkdownStream | None = None
        self._finish_footer: Footer | None = None  # finish_answer() waits for the backlog to be shown
        self._stream_first_code = 0
        self._pending: list[str] = []
        self._open_start = 0
        self._flush_ms = FLUSH_MIN_MS
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        # At the end, the view stays at the end as the text grows (the layout is finished lazily, so the
        # range grows after an update); scrolled up to read, it stays where the reader is.
        self._stick = True
        self._scroll_pending = False  # a scroll to the end is due on the next pass of the event loop
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._on_range_changed)
        bar.valueChanged.connect(self._on_scrolled)

    # ---- reading ---------------------------------------------------------------------------------------------
    @property
    def messages(self) -> list[ShownMessage]:
        """Every message of the conversation shown, hidden earlier ones included, oldest first."""
        return self._hidden + [entry.message for entry in self._entries]

    def message(self, key: str) -> ShownMessage | None:
        return next((m for m in self.messages if m.key == key), None)

    @property
    def streaming(self) -> bool:
        return self._stream is not None

    def code_text(self, index: int) -> str | None:
        if 0 <= index < len(self._codes):
            return self._codes[index]
        if self._stream is not None:
            blocks = self._stream.code_blocks
            local = index - self._stream_first_code
            if 0 <= local < len(blocks):
                return blocks[local]
        return None

    # ---- whole conversations ---------------------------------------------------------------------------------
    def clear_messages(self) -> None:
        self._timer.stop()
        self._stream = None
        self._finish_footer = None
        self._pending = []
        self._entries = []
        self._hidden = []
        self._codes = []
        self.clear()

    def show_messages(self, messages: Sequence[ShownMessage], *, shown: int | None = None) -> None:
        """Show a conversation (replacing what is shown): its last ``shown`` messages (by default as many as
        the transcript shows at once), with a link to show more before them."""
        self.clear_messages()
        cut = max(0, len(messages) - (self._shown_at_once if shown is None else shown))
        self._hidden = list(messages[:cut])
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        if self._hidden:
            label = self.tr("Show %n earlier message(s)", "", min(len(self._hidden), self._shown_at_once))
            link = f'<a href="{CHAT_SCHEME}:{Action.EARLIER.value}/">{_escape(label)}</a>'
            append_html(cursor, f'<p style="color:{tone_css(Tone.MUTED)}" align="center">{link}</p>')
        for message in messages[cut:]:
            self._append_message(cursor, message)
        cursor.endEditBlock()
        self._scroll_to_end()

    def _append_message(self, cursor: QTextCursor, message: ShownMessage) -> None:
        first = self.document().isEmpty()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        start = 0 if first else cursor.position() + 1
        if message.role == "user":
            body = _user_html(message.text)
            colour = tone_css(Tone.INFO)
        else:
            stream = MarkdownStream(copy_label=self._copy_label, first_code_index=len(self._codes))
            body = "".join(stream.feed(message.text).closed_html + stream.finish().closed_html)
            self._codes.extend(stream.code_blocks)
            colour = tone_css(Tone.SUCCESS)
        header = _header_html(message.who, colour, first)
        append_html(cursor, header + body + _footer_html(message.key, message.footer))
        self._entries.append(_Entry(message, start))

    # ---- growing at the end --------------------------------------------------------------------------------
    def add_message(self, message: ShownMessage) -> None:
        self._finish_stream()
        self._append_message(QTextCursor(self.document()), message)
        self._scroll_to_end()

    def begin_answer(self, key: str, who: str) -> None:
        """Start streaming an answer: its header now, its text as :meth:`feed` brings it."""
        self._finish_stream()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        first = self.document().isEmpty()
        start = 0 if first else cursor.position() + 1
        append_html(cursor, _header_html(who, tone_css(Tone.SUCCESS), first))
        self._entries.append(_Entry(ShownMessage(key, "assistant", who, ""), start))
        self._stream = MarkdownStream(copy_label=self._copy_label, first_code_index=len(self._codes))
        self._stream_first_code = len(self._codes)
        self._pending = []
        self._open_start = cursor.position()
        self._flush_ms = FLUSH_MIN_MS

    def feed(self, text: str) -> None:
        """More of the answer being streamed; shown at the next flush."""
        if self._stream is None or not text:
            return
        self._pending.append(text)
        if not self._timer.isActive():
            self._timer.start(self._flush_ms)

    def _on_timer(self) -> None:
        # Several transcripts streaming at once (Compare) take turns: one flush per pass of the event loop.
        since = time.perf_counter() - _last_flush[0]
        if since < FLUSH_TURN_S:
            self._timer.start(round((FLUSH_TURN_S - since) * 1000) + 1)
            return
        self.flush()
        _last_flush[0] = time.perf_counter()

    def flush(self) -> None:
        """Show what arrived since the last flush: at most :data:`FLUSH_MAX_CHARS`, the rest soon after (a
        backlog, from a fast service, is shown in steps the window can breathe between)."""
        stream = self._stream
        if stream is None or not self._pending:
            return
        self._timer.stop()
        started = time.perf_counter()
        text = "".join(self._pending)
        self._pending = []
        if len(text) > FLUSH_MAX_CHARS:
            self._pending = [text[FLUSH_MAX_CHARS:]]
            text = text[:FLUSH_MAX_CHARS]
        entry = self._entries[-1]
        message = entry.message
        entry.message = ShownMessage(message.key, "assistant", message.who, message.text + text)
        update = stream.feed(text)
        self._replace_open("".join(update.closed_html), update.open_html)
        spent = time.perf_counter() - started
        self._flush_ms = int(min(FLUSH_MAX_MS, max(FLUSH_MIN_MS, FLUSH_COST_SHARE * spent * 1000)))
        self.rendered.emit(len(text), spent)
        if self._pending:
            self._timer.start(0)  # the rest of the backlog, after whatever else waits
        elif self._finish_footer is not None:
            self._complete(self._finish_footer)

    def finish_answer(self, footer: Footer) -> None:
        """The answer is complete (or stopped): once everything that arrived is shown, render its last block,
        add its footer and emit :attr:`answerShown`."""
        if self._stream is None:
            return
        self._finish_footer = footer
        if self._pending:
            self.flush()  # completes when the backlog is gone (now, or in a few steps)
        else:
            self._complete(footer)

    def _complete(self, footer: Footer) -> None:
        stream = self._stream
        if stream is None:
            return
        self._finish_footer = None
        update = stream.finish()
        self._replace_open("".join(update.closed_html), "")
        self._codes.extend(stream.code_blocks)
        self._stream = None
        entry = self._entries[-1]
        message = entry.message
        entry.message = ShownMessage(message.key, "assistant", message.who, message.text, footer)
        cursor = QTextCursor(self.document())
        append_html(cursor, _footer_html(message.key, footer))
        self.answerShown.emit(message.key)

    def truncate_from(self, key: str) -> None:
        """Remove the message with ``key`` and everything after it (a new branch replaces them)."""
        for index, entry in enumerate(self._entries):
            if entry.message.key == key:
                self.truncate_at(index)
                return

    def truncate_at(self, index: int) -> None:
        """Remove the messages from ``index`` on. (Copy links of removed answers go with them; their code
        stays in the list, never linked again.)"""
        self._timer.stop()
        self._stream = None
        self._finish_footer = None
        self._pending = []
        if index >= len(self._entries):
            return
        start = self._entries[index].start
        del self._entries[index:]
        # The separator before the message goes too, so the document ends where the previous message did.
        remove_to_end(self.document(), max(0, start - 1))
        if not self._entries and not self._hidden:
            self.clear()

    # ---- internals --------------------------------------------------------------------------------------------
    def _finish_stream(self) -> None:
        """End a stream still open now (something else is added after it)."""
        if self._stream is not None:
            while self._pending:
                self.flush()
            self._complete(self._finish_footer or Footer())

    def _replace_open(self, closed: str, open_html: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        remove_to_end(self.document(), self._open_start)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        append_html(cursor, closed)
        self._open_start = cursor.position()
        append_html(cursor, open_html)
        cursor.endEditBlock()

    def _on_scrolled(self, value: int) -> None:
        self._stick = value >= self.verticalScrollBar().maximum() - 4

    def _on_range_changed(self, _minimum: int, _maximum: int) -> None:
        # Followed to the end once per pass of the event loop, not inside each change of the document: a
        # scroll repaints the view, and a flush changes the range several times.
        if self._stick and not self._scroll_pending:
            self._scroll_pending = True
            QTimer.singleShot(0, self, self._follow_end)

    def _follow_end(self) -> None:
        self._scroll_pending = False
        if self._stick:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _scroll_to_end(self) -> None:
        self._stick = True
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _on_link(self, url: QUrl) -> None:
        href = url.toString()
        index = copy_code_index(href)
        if index is not None:
            code = self.code_text(index)
            if code is not None:
                QGuiApplication.clipboard().setText(code)
                QToolTip.showText(self.cursor().pos(), self.tr("Copied"), self)
                self.codeCopied.emit(code)
            return
        if url.scheme() == CHAT_SCHEME:
            action, _, key = url.path().partition("/")
            if action == Action.EARLIER.value:
                if self._stream is None:  # not while an answer is being written into the end
                    self.show_messages(self.messages, shown=len(self._entries) + self._shown_at_once)
                return
            self.actionRequested.emit(action, key)
            return
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
