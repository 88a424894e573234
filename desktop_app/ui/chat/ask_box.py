"""The box a question is typed into, with Send and Stop beside it; Ctrl+Enter sends. The chat and the
comparison each have one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

BOX_MAX_HEIGHT = 96


class AskBox(QWidget):
    """``sendRequested`` on the Send button or Ctrl+Enter; ``stopRequested`` on Stop (disabled until an
    answer streams: the owner enables it). ``add_button`` puts another button under them."""

    sendRequested = Signal()
    stopRequested = Signal()

    def __init__(
        self, send_text: str, stop_text: str, placeholder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaximumHeight(BOX_MAX_HEIGHT)
        self.send_button = QPushButton(send_text, self)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.sendRequested)
        self.stop_button = QPushButton(stop_text, self)
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stopRequested)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.edit)
            shortcut.activated.connect(self.sendRequested)
        self._buttons = QVBoxLayout()
        self._buttons.addWidget(self.send_button)
        self._buttons.addWidget(self.stop_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addLayout(self._buttons)

    def add_button(self, button: QPushButton) -> None:
        self._buttons.addWidget(button)

    def end_buttons(self) -> None:
        """Keep the buttons at the top when the box is taller than they are."""
        self._buttons.addStretch(1)
