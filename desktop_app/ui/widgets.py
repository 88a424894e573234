"""Small widgets shared by the tabs."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QRect, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QPaintEvent, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolButton,
    QWidget,
)

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


class ElidingComboBox(QComboBox):
    """A combo box that shortens its current item with "…" when narrow (the list shows items whole), the
    whole item then in its tooltip: for long names (models, ids) in a row that must fit a small screen."""

    # The fewest characters of the current item it shows before "…" (its preferred width fits the longest).
    MINIMUM_CHARACTERS = 14

    def __init__(
        self, parent: QWidget | None = None, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle
    ) -> None:
        super().__init__(parent)
        self._mode = mode
        self._own_tip = ""

    def setToolTip(self, tip: str) -> None:
        self._own_tip = tip
        self._update_tip()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = self.fontMetrics().averageCharWidth() * self.MINIMUM_CHARACTERS
        frame = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(text, hint.height()), self
        )
        return QSize(min(frame.width(), hint.width()), hint.height())

    def _text_room(self) -> int:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        icon = self.itemIcon(self.currentIndex())
        return field.width() - (self.iconSize().width() + 4 if not icon.isNull() else 0) - 2

    def shown_text(self) -> str:
        """The current item as painted: shortened when it does not fit."""
        return self.fontMetrics().elidedText(self.currentText(), self._mode, max(self._text_room(), 0))

    def is_elided(self) -> bool:
        return not self.isEditable() and self.shown_text() != self.currentText()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.isEditable():
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def toolTip(self) -> str:
        return self._tip()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._update_tip()  # items change without changing the current index: the tip is made when asked
        return super().event(event)

    def _tip(self) -> str:
        whole = self.currentText() if self.is_elided() else ""
        return "\n\n".join(t for t in (whole, self._own_tip) if t)

    def _update_tip(self) -> None:
        tip = self._tip()
        if tip != super().toolTip():
            super().setToolTip(tip)


@dataclass
class _Placed:
    item: QLayoutItem
    width: int


class FlowLayout(QLayout):
    """Lays its items out left to right, each at its preferred size, and starts a new line when the next
    one does not fit: a row of buttons or fields that wraps on a narrow window (or in a longer language)
    instead of making the window wider than the screen. Items in a line are centred vertically.

    An item that wraps its text (a word-wrapping label) is narrowed to the line when it is longer. The item
    given to :meth:`set_fill` takes the rest of its line, like a field with stretch in a box layout (at
    least its minimum width: else it starts a line of its own).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._fill: QWidget | None = None
        self.setContentsMargins(0, 0, 0, 0)

    def set_fill(self, widget: QWidget) -> None:
        self._fill = widget
        self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal if self._fill is not None else Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        shown = self._shown()
        across = self._spacing(Qt.Orientation.Horizontal)
        width = sum(item.sizeHint().width() for item in shown) + across * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        """As narrow as the widest item that cannot be narrowed."""
        shown = self._shown()
        width = max((self._least_width(item) for item in shown), default=0)
        height = max((item.minimumSize().height() for item in shown), default=0)
        return self._with_margins(QSize(width, height))

    def _shrinks(self, item: QLayoutItem) -> bool:
        return item.hasHeightForWidth() or self._is_fill(item)

    def _least_width(self, item: QLayoutItem) -> int:
        return item.minimumSize().width() if self._shrinks(item) else item.sizeHint().width()

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _spacing(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else QApplication.style()
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation is Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        return max(style.pixelMetric(metric, None, parent), 0)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` (or only measure); returns the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        across, down = self._spacing(Qt.Orientation.Horizontal), self._spacing(Qt.Orientation.Vertical)
        lines: list[list[_Placed]] = [[]]
        used = 0
        for item in self._shown():
            if self._is_fill(item):
                width = item.minimumSize().width()
            elif item.hasHeightForWidth():
                width = max(min(item.sizeHint().width(), area.width()), item.minimumSize().width())
            else:
                width = item.sizeHint().width()
            if lines[-1] and used + across + width > area.width():
                lines.append([])
                used = 0
            used += (across if lines[-1] else 0) + width
            lines[-1].append(_Placed(item, width))
        y = area.y()
        for line in lines:
            room = area.width() - sum(placed.width for placed in line) - across * (len(line) - 1)
            for placed in line:
                if self._is_fill(placed.item):
                    placed.width += max(room, 0)
            heights = [self._height(placed.item, placed.width) for placed in line]
            height = max(heights, default=0)
            x = area.x()
            for placed, item_height in zip(line, heights, strict=True):
                if move:
                    placed.item.setGeometry(
                        QRect(x, y + (height - item_height) // 2, placed.width, item_height)
                    )
                x += placed.width + across
            y += height + down
        return max(y - down - area.y(), 0) + margins.top() + margins.bottom()

    def _is_fill(self, item: QLayoutItem) -> bool:
        return self._fill is not None and item.widget() is self._fill

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        if item.hasHeightForWidth():
            return max(item.heightForWidth(width), item.minimumSize().height())
        return item.sizeHint().height()


class WrappingLabel(QLabel):
    """A label that asks for room for its text on one line, and wraps its words when given less.

    A plain word-wrapping QLabel asks for a narrow, several-line box even when the row has room (its size
    hint aims at a pleasing shape); beside other widgets that wraps a short text needlessly. This one keeps
    one line while it fits, so it looks like an ordinary label until a longer language or a narrow window.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        width = max(self._one_line_width(), self.minimumSizeHint().width())
        return QSize(width, max(self.heightForWidth(width), self.minimumSizeHint().height()))

    def _one_line_width(self) -> int:
        text = self.text()
        rich = self.textFormat() is Qt.TextFormat.RichText or (
            self.textFormat() is Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
        )
        if rich:
            document = QTextDocument()
            document.setDefaultFont(self.font())
            document.setDocumentMargin(0)
            document.setHtml(text)
            text_width = math.ceil(document.idealWidth())
        else:
            metrics = self.fontMetrics()
            text_width = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)
        margins = self.contentsMargins()
        indent = max(self.indent(), 0)
        return text_width + margins.left() + margins.right() + 2 * self.margin() + indent + 1
