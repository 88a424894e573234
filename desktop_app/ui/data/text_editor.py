"""The roomy editor for one long cell, and the text box under it that gives back exactly the text it was given.

Qt's text document is not a string store: loading text splits it into paragraphs at "\\n", "\\r\\n", a lone
"\\r", U+2029 and two frame markers (U+FDD0, U+FDD1), and ``toPlainText()`` turns no-break spaces into spaces.
Training data must come back byte for byte, so :class:`ExactPlainTextEdit` hands back the text it was given
while the user has not changed it, and otherwise rebuilds it with :class:`TextCodec`: Windows line breaks
stay "\\r\\n", other carriage returns show as "␍", the rarer separators as private-use characters, and the
text is read with ``toRawText()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

LOAD_CHUNK_CHARS: Final = 1_000_000
"""Texts longer than this load piece by piece, so the window opens at once and stays responsive."""
EXACT_COUNT_CHARS: Final = 2_000_000
"""Up to this size the status line counts exactly after each pause in typing; above, from Qt's own totals."""
WRAP_ANYWHERE_LINE_CHARS: Final = 20_000
"""Lines about this long wrap anywhere: finding word boundaries in a line without spaces (base64, say) takes
time that grows with the square of its length (a 1 MB line: half a minute)."""
READ_ONLY_LINE_CHARS: Final = 250_000
"""Lines about this long are laid out again on every keystroke (a tenth of a second or more): open read-only,
with a button to edit anyway."""
PREVIEW_LINE_CHARS: Final = 1_000_000
"""Lines about this long take seconds per keystroke and longer to lay out at all (50 MB in one line: minutes,
in Qt's text layout, not ours): show only the beginning, read-only."""
PREVIEW_CHARS: Final = 1_000_000

CARRIAGE_RETURN_MARK: Final = "\u240d"  # ␍ SYMBOL FOR CARRIAGE RETURN
_BLOCK_SEPARATOR: Final = "\u2029"  # how toRawText() writes the end of a paragraph
_SPLITTING_CHARACTERS: Final = ("\u2029", "\ufdd0", "\ufdd1")
_PRIVATE_USE_FIRST, _PRIVATE_USE_LAST = 0xE000, 0xF8FF


@dataclass(frozen=True, slots=True)
class TextCodec:
    """How one text is shown in a QPlainTextEdit so that it can be rebuilt exactly.

    ``crlf``: every line break of the text is "\\r\\n"; it is shown as one line break and written back as
    "\\r\\n" (also for line breaks the user adds). ``marks``: (character, stand-in) pairs for characters the
    document would turn into line breaks; each stand-in is absent from the original text.
    """

    crlf: bool = False
    marks: tuple[tuple[str, str], ...] = ()

    @classmethod
    def for_text(cls, text: str) -> TextCodec:
        carriage_returns = text.count("\r")
        pairs = text.count("\r\n") if carriage_returns else 0
        crlf = pairs > 0 and carriage_returns == pairs and text.count("\n") == pairs
        needed = [char for char in _SPLITTING_CHARACTERS if char in text]
        if carriage_returns and not crlf:
            needed.insert(0, "\r")
        marks: list[tuple[str, str]] = []
        taken: set[str] = set()
        for char in needed:
            stand_in = next(c for c in _stand_in_candidates(char) if c not in taken and c not in text)
            taken.add(stand_in)
            marks.append((char, stand_in))
        return cls(crlf, tuple(marks))

    def encode(self, text: str) -> str:
        """The text as the document should hold it."""
        if self.crlf:
            text = text.replace("\r\n", "\n")
        for char, stand_in in self.marks:
            text = text.replace(char, stand_in)
        return text

    def decode(self, raw: str) -> str:
        """The text back from ``QTextDocument.toRawText()``."""
        text = raw.replace(_BLOCK_SEPARATOR, "\r\n" if self.crlf else "\n")
        for char, stand_in in self.marks:
            text = text.replace(stand_in, char)
        return text


def _stand_in_candidates(char: str) -> Iterator[str]:
    if char == "\r":
        yield CARRIAGE_RETURN_MARK
    for code in range(_PRIVATE_USE_FIRST, _PRIVATE_USE_LAST + 1):
        yield chr(code)


def has_line_over(text: str, limit: int) -> bool:
    """True when some stretch of ``limit`` characters has no line break: then a line is at least that long,
    and when it is False every line is shorter than twice ``limit``. Looks at len(text) / limit slices."""
    for start in range(0, len(text) - limit + 1, limit):
        if text.find("\n", start, start + limit) == -1:
            return True
    return False


class ExactPlainTextEdit(QPlainTextEdit):
    """A QPlainTextEdit whose :meth:`exact_text` is the text given to :meth:`set_exact_text` until its text
    changes (typing, pasting, ``setPlainText``), and after that keeps every character nobody touched (see
    :class:`TextCodec`). Use :meth:`set_exact_text`, not ``setPlainText``, to give it a new starting text.

    Long texts load in pieces from the event loop (read-only meanwhile); ``loaded`` says when it is done.
    """

    loadProgress = Signal(int)  # percent
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = ""
        self._codec = TextCodec()
        self._pending = ""
        self._pending_at = 0
        self._read_only_after_load = False
        self._preview = False
        self._dirty = False
        self._changes = 0
        self._decoded: tuple[int, str] = (-1, "")  # (changes, text): .changed() then .text() decode once
        self._loading_text = False
        self.document().contentsChange.connect(self._on_contents_change)
        self._load_timer = QTimer(self)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self._load_next_piece)

    @property
    def codec(self) -> TextCodec:
        return self._codec

    def set_exact_text(self, text: str) -> None:
        if self.is_loading():
            self._finish_loading()
        self._original = text
        self._codec = TextCodec.for_text(text)
        self._preview = False
        self._adapt_wrapping(text)
        shown = self._codec.encode(text)
        if len(shown) <= LOAD_CHUNK_CHARS:
            self._load(shown)
            self.loaded.emit()
            return
        self._read_only_after_load = self.isReadOnly()
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)  # loading is not an edit to undo; this also keeps memory down
        self._load("")
        self._pending, self._pending_at = shown, 0
        self._load_timer.start()

    def set_preview_text(self, text: str, shown_chars: int) -> None:
        """Show only the first ``shown_chars`` characters, read-only; :meth:`exact_text` stays ``text``."""
        if self.is_loading():
            self._finish_loading()
        self._original = text
        self._codec = TextCodec.for_text(text)
        self._preview = True
        self._adapt_wrapping(text)
        self.setReadOnly(True)
        self._load(self._codec.encode(text[:shown_chars]))
        self.loaded.emit()

    def exact_text(self) -> str:
        if self._preview or self.is_loading() or not self._dirty:
            return self._original  # O(1), and the very object given: nothing is copied or re-encoded
        if self._decoded[0] != self._changes:
            self._decoded = (self._changes, self._codec.decode(self.document().toRawText()))
        return self._decoded[1]

    def is_dirty(self) -> bool:
        """The text has changed since :meth:`set_exact_text` (it may have been changed back)."""
        return self._dirty and not self._preview

    def is_loading(self) -> bool:
        return self._load_timer.isActive()

    def is_edited(self) -> bool:
        """The text differs from the one given (typing and undoing it all back is no change)."""
        return self.exact_text() != self._original

    def set_read_only_after_load(self, read_only: bool) -> None:
        if self._preview:
            return
        if self.is_loading():
            self._read_only_after_load = read_only
        else:
            self.setReadOnly(read_only)

    def _load_next_piece(self) -> None:
        end = min(len(self._pending), self._pending_at + LOAD_CHUNK_CHARS)
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._loading_text = True
        try:
            cursor.insertText(self._pending[self._pending_at : end])
        finally:
            self._loading_text = False
        self._pending_at = end
        if end < len(self._pending):
            self.loadProgress.emit(end * 100 // len(self._pending))
            return
        self._finish_loading()
        self.loaded.emit()

    def stop_loading(self) -> None:
        """Stop a load under way (the dialog closed); :meth:`exact_text` stays the text given."""
        if self.is_loading():
            self._finish_loading()

    def _adapt_wrapping(self, text: str) -> None:
        if self.wordWrapMode() != QTextOption.WrapMode.WrapAnywhere and has_line_over(
            text, WRAP_ANYWHERE_LINE_CHARS
        ):
            self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)

    def _finish_loading(self) -> None:
        self._load_timer.stop()
        self._pending, self._pending_at = "", 0
        self.setUndoRedoEnabled(True)
        self.document().setModified(False)
        self.setReadOnly(self._read_only_after_load)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _load(self, shown: str) -> None:
        self._loading_text = True
        try:
            self.setPlainText(shown)
        finally:
            self._loading_text = False
        self._dirty = False
        self._decoded = (-1, "")

    def _on_contents_change(self, _position: int, removed: int, added: int) -> None:
        if (removed or added) and not self._loading_text:
            self._dirty = True
            self._changes += 1


class LongTextEditor(QDialog):
    """Edit one long cell in a large window; :meth:`text` is the result, unchanged unless the user typed.

    ``title`` names the row and field, e.g. "Row 12 — Completion (answer)". Ctrl+Enter accepts.
    """

    def __init__(
        self, text: str, title: str, parent: QWidget | None = None, *, read_only: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(780, 580)
        self._read_only = read_only
        self._size = len(text)

        self.editor = ExactPlainTextEdit(self)
        self.editor.setObjectName("longTextEdit")
        self.editor.setAccessibleName(title)  # what is edited: "Row 3 — Answer"
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.editor.setTabStopDistance(4 * self.editor.fontMetrics().horizontalAdvance(" "))
        self.editor.setReadOnly(read_only)

        self.long_line_label = QLabel(self)
        self.long_line_label.setObjectName("longLineNotice")
        self.long_line_label.setWordWrap(True)
        self.edit_anyway_button = QPushButton(self.tr("Edit anyway"), self)
        self.edit_anyway_button.setAutoDefault(False)
        self.edit_anyway_button.clicked.connect(self._edit_anyway)
        notice = QHBoxLayout()
        notice.addWidget(self.long_line_label, 1)
        notice.addWidget(self.edit_anyway_button, 0, Qt.AlignmentFlag.AlignTop)
        self.long_line_label.hide()
        self.edit_anyway_button.hide()

        self.status_label = QLabel(self)
        self.status_label.setObjectName("textStatus")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.endings_label = QLabel(self)
        self.endings_label.setObjectName("lineEndings")
        self.endings_label.setWordWrap(True)

        if read_only:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        else:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
            )
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setToolTip(self.tr("Keep the changes (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.reject if read_only else self.accept)

        footer = QHBoxLayout()
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(notice)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.endings_label)
        layout.addLayout(footer)

        # Counting walks the whole text: only after a pause in typing, and longer pauses for long texts.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(250 if len(text) <= EXACT_COUNT_CHARS else 1000)
        self._count_timer.timeout.connect(self._update_status)
        self.editor.loadProgress.connect(self._show_progress)
        self.editor.loaded.connect(self._update_status)
        self.editor.document().contentsChanged.connect(self._count_timer.start)

        self._lines = text.count("\n") + 1
        if has_line_over(text, PREVIEW_LINE_CHARS):
            self.editor.set_preview_text(text, PREVIEW_CHARS)
            self._show_notice(
                self.tr(
                    "This text has a line of over a million characters, too long to show here. Only the "
                    "beginning is shown, read-only; the text itself stays as it is."
                )
            )
        else:
            self.editor.set_exact_text(text)
            if not read_only and has_line_over(text, READ_ONLY_LINE_CHARS):
                self.editor.set_read_only_after_load(True)
                self._show_notice(
                    self.tr(
                        "This text has a very long line without line breaks. Editing it is slow (every key "
                        "lays the whole line out again), so it opens read-only."
                    ),
                    can_edit=True,
                )
        codec = self.editor.codec
        if codec.crlf:
            self.endings_label.setText(self.tr("Windows line breaks (CR LF) are kept."))
        elif any(char == "\r" for char, _ in codec.marks):
            self.endings_label.setText(
                self.tr("␍ marks a carriage return (\\r) in the text; it is kept as it is.")
            )
        self.endings_label.setVisible(bool(self.endings_label.text()))
        if self.is_loading():
            self._show_progress(0)
        else:
            self._update_status()
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.exact_text()

    def changed(self) -> bool:
        return not self._read_only and self.editor.is_edited()

    def is_loading(self) -> bool:
        return self.editor.is_loading()

    def done(self, result: int) -> None:
        self._count_timer.stop()
        self.editor.stop_loading()
        super().done(result)

    def _show_notice(self, text: str, *, can_edit: bool = False) -> None:
        self.long_line_label.setText(text)
        self.long_line_label.show()
        self.edit_anyway_button.setVisible(can_edit)

    def _edit_anyway(self) -> None:
        self.editor.set_read_only_after_load(False)
        self.long_line_label.hide()
        self.edit_anyway_button.hide()
        self.editor.setFocus()

    def _show_progress(self, percent: int) -> None:
        self.status_label.setText(self.tr("Opening… %1%").replace("%1", str(percent)))

    def _update_status(self) -> None:
        if self.is_loading():
            return
        document = self.editor.document()
        if not self.editor.is_dirty():
            self._show_counts(self._size, self._lines, exact=True)
        elif document.characterCount() <= EXACT_COUNT_CHARS:
            self._show_counts(len(self.text()), document.blockCount(), exact=True)
        else:
            # Qt keeps these totals: no walk over a huge text. Characters are UTF-16 units (an emoji is two)
            # and a Windows line break one, hence "about".
            self._show_counts(document.characterCount() - 1, document.blockCount(), exact=False)

    def _show_counts(self, characters: int, lines: int, *, exact: bool) -> None:
        text = self.tr("%Ln character(s)", "", characters) + " · " + self.tr("%Ln line(s)", "", lines)
        if not exact:
            text = self.tr("about %1").replace("%1", text)
        self.status_label.setText(text)
