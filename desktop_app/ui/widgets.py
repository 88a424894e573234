"""Small widgets shared by the tabs."""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from desktop_app.ui.errors import UserMessage


class Level(enum.Enum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


_COLOURS = {
    Level.INFO: ("#e8f1fb", "#1d4f91", "#9cbfe8"),
    Level.SUCCESS: ("#e8f6ec", "#1e6b35", "#9fd3ae"),
    Level.WARNING: ("#fff6e0", "#7a5200", "#f0cf7a"),
    Level.ERROR: ("#fdecea", "#8a1c13", "#f1aaa3"),
}


class MessageBar(QFrame):
    """An inline, dismissable message above a tab's content: never blocks the window like a dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        self.action_button.clicked.connect(self._run_action)
        self._action: Callable[[], object] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self._label, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.level = Level.INFO
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text()

    def show_text(self, text: str, level: Level = Level.INFO, detail: str = "") -> None:
        self.level = level
        background, foreground, border = _COLOURS[level]
        self.setStyleSheet(
            f"#messageBar {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
            f"#messageBar QLabel {{ color: {foreground}; }}"
        )
        self._label.setText(text)
        self._label.setToolTip(detail)
        self._action = None
        self.action_button.hide()
        self.show()

    def set_action(self, text: str, action: Callable[[], object]) -> None:
        """A button beside the message (until the next message), e.g. "Open the readable records"."""
        self._action = action
        self.action_button.setText(text)
        self.action_button.show()

    def _run_action(self) -> None:
        action = self._action
        self.hide()
        if action is not None:
            action()

    def show_message(self, message: UserMessage, level: Level = Level.ERROR) -> None:
        text = f"<b>{_escape(message.title)}</b><br>{_escape(message.text).replace(chr(10), '<br>')}"
        self.show_text(text, level, message.detail)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Qt 6.10 deprecates invalidateRowsFilter() for begin/endFilterChange(); the project still allows 6.8.
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


def begin_filter_change(proxy: QSortFilterProxyModel) -> None:
    """Before the filter's criteria change (with :func:`end_filter_change` after)."""
    if _HAS_FILTER_CHANGE:
        proxy.beginFilterChange()


def end_filter_change(proxy: QSortFilterProxyModel) -> None:
    """The criteria changed: filter the rows again."""
    if _HAS_FILTER_CHANGE:
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        proxy.invalidateRowsFilter()


class SteadyLabel(QLabel):
    """A label for text that changes often, such as a clock ("Updated 14:38:02").

    A QLabel whose text changes asks its layout to run again, and in a splitter-heavy window that repaints
    everything (measured: most of an idle window's CPU while a job was followed). This one keeps a fixed
    size, changed only when a text needs more room or far less, so most updates repaint the label alone.
    """

    # Room kept beyond the text, in widths of "8": digits of a proportional font differ slightly.
    SLACK_DIGITS = 2

    def setText(self, text: str) -> None:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        needed = (
            metrics.horizontalAdvance(text)
            + self.SLACK_DIGITS * metrics.horizontalAdvance("8")
            + margins.left()
            + margins.right()
        )
        width = self.minimumWidth()
        if needed > width or needed < width * 0.6:
            self.setFixedSize(needed, max(metrics.height() + margins.top() + margins.bottom(), 1))
        super().setText(text)
