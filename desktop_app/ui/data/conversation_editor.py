"""Edit one row as the conversation it stands for: system prompt, messages in order, rejected answer, tools, note.

The dialog works on plain :class:`~desktop_app.core.dataset.Message` values and builds the row back with
:func:`~desktop_app.core.dataset.example_from_messages`, so what counts as prompt, history and steps is decided
in one place (the core), not here. Every text box gives back exactly the text it was given unless the user
edits it (:class:`~desktop_app.ui.data.text_editor.ExactPlainTextEdit`).
"""

from __future__ import annotations

import dataclasses
import json
import math
from itertools import pairwise
from typing import Final, NamedTuple

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QResizeEvent, QShortcut, QTextOption, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dataset import Example, Message, Role, example_from_messages
from desktop_app.ui.colours import Tone, set_tone
from desktop_app.ui.data.text_editor import ExactPlainTextEdit

EDITABLE_ROLES: Final[tuple[Role, ...]] = ("user", "assistant", "tool")
"""Roles a message can be given here; a system message inside a conversation keeps its role."""

_ROLE_COLOURS: Final = {"user": "#3b7dd8", "assistant": "#2e9d5b", "tool": "#8e6bd1", "system": "#8a8a8a"}


class GrowingTextEdit(ExactPlainTextEdit):
    """A text box as tall as its text, between ``min_lines`` and ``max_lines`` lines (then it scrolls).

    Tab moves focus on (these boxes sit in forms); the placeholder counts towards the height when empty.
    """

    def __init__(self, parent: QWidget | None = None, *, min_lines: int = 2, max_lines: int = 12) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self._max_lines = max_lines
        self._height = 0
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._wanted_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._wanted_height())

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        height = self._wanted_height()
        if height != self._height:
            self._height = height
            self.updateGeometry()

    def _wanted_height(self) -> int:
        line = self.fontMetrics().lineSpacing()
        most = self._max_lines * line
        # Lines with Chinese or emoji can be taller than the font's own line (fallback fonts), so add up
        # what the layout says, and stop once past the maximum: cheap even for a very long message.
        content = 0.0
        layout = self.document().documentLayout()
        block = self.document().begin()
        while block.isValid() and content < most:
            content += layout.blockBoundingRect(block).height()
            block = block.next()
        if self.document().isEmpty() and self.placeholderText():
            width = max(50, self.viewport().width() - 2 * int(self.document().documentMargin()))
            rect = self.fontMetrics().boundingRect(
                QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, self.placeholderText()
            )
            content = max(content, rect.height())
        inner = min(max(math.ceil(content), self._min_lines * line), most)
        margins = self.contentsMargins()
        chrome = 2 * self.document().documentMargin() + margins.top() + margins.bottom()
        return int(inner + chrome)


class JsonProblem(NamedTuple):
    """What is wrong with a JSON field: not JSON at all (where), or JSON but not a list."""

    parsed: bool
    line: int
    column: int


class JsonListEdit(GrowingTextEdit):
    """JSON text that must be a list (tool calls, tools). Shown indented; :meth:`json_text` gives the text
    as it was while unedited, else compact JSON (or the typed text when it does not parse)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, min_lines=3, max_lines=14)
        self._json_original = ""
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setPlaceholderText('[{"type": "function", "function": {"name": "…", "parameters": {…}}}]')

    def set_json(self, text: str) -> None:
        self._json_original = text
        try:
            shown = json.dumps(json.loads(text), ensure_ascii=False, indent=2) if text.strip() else text
        except (ValueError, RecursionError):
            shown = text
        self.set_exact_text(shown)

    def json_text(self) -> str:
        if not self.is_dirty():
            return self._json_original
        text = self.exact_text()
        if not text.strip():
            return ""
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except (ValueError, RecursionError):
            return text

    def problem(self) -> JsonProblem | None:
        """Why the text is not a JSON list (None: it is, or it is empty)."""
        text = self.json_text()
        if not text.strip():
            return None
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            return JsonProblem(False, exc.lineno, exc.colno)
        except (ValueError, RecursionError):
            return JsonProblem(False, 0, 0)
        if not isinstance(value, list):
            return JsonProblem(True, 0, 0)
        return None


class Collapsible(QWidget):
    """A header button that shows or hides the widget under it."""

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.toggle = QToolButton(self)
        self.toggle.setText(title)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self.set_expanded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(content)
        self.set_expanded(False)

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setChecked(expanded)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.content.setVisible(expanded)


class _RoleComboBox(QComboBox):
    """Turning the mouse wheel over the page scrolls it; it does not change a role on the way past."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class MessageCard(QFrame):
    """One message: role, text and what the role needs; move up / down / delete buttons."""

    moveRequested = Signal(object, int)  # the card, -1 (up) or +1 (down)
    deleteRequested = Signal(object)
    problemsChanged = Signal()

    def __init__(self, message: Message, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageCard")
        self._stray_weight = message.weight if message.role != "assistant" else None
        # Ticking "train" again gives 1 where the data spells weights out, else leaves it unset (None).
        self._trained_weight: int | None = None if message.weight is None else 1

        self.position_label = QLabel(self)
        self.position_label.setObjectName("messagePosition")
        self.role_combo = _RoleComboBox(self)
        self.role_combo.setAccessibleName(self.tr("Role"))
        roles: list[Role] = list(EDITABLE_ROLES)
        if message.role not in roles:
            roles.append(message.role)
        for role in roles:
            self.role_combo.addItem(self._role_label(role), role)
        self.role_combo.setCurrentIndex(roles.index(message.role))

        self.train_box = QCheckBox(self.tr("Train on this answer"), self)
        self.train_box.setToolTip(
            self.tr(
                "Ticked: the model learns to write this answer. Unticked: it only sees it as earlier "
                "conversation (weight 0)."
            )
        )
        self.train_box.setChecked(message.weight != 0)

        self.up_button = self._tool_button("↑", self.tr("Move up (Alt+Up)"))
        self.down_button = self._tool_button("↓", self.tr("Move down (Alt+Down)"))
        self.delete_button = self._tool_button("✕", self.tr("Delete this message"))
        self.up_button.clicked.connect(lambda: self.moveRequested.emit(self, -1))
        self.down_button.clicked.connect(lambda: self.moveRequested.emit(self, 1))
        self.delete_button.clicked.connect(lambda: self.deleteRequested.emit(self))
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.moveRequested.emit(self, step))

        self.text_edit = GrowingTextEdit(self, min_lines=2, max_lines=12)
        self.text_edit.setAccessibleName(self.tr("Message text"))
        self.text_edit.set_exact_text(message.content)

        self.tool_call_id_edit = QLineEdit(message.tool_call_id, self)
        self.tool_call_id_edit.setPlaceholderText("call_…")
        self.tool_call_id_edit.setAccessibleName(self.tr("Tool call ID"))
        self.tool_call_id_row = self._labelled_row(self.tr("Result of tool call:"), self.tool_call_id_edit)
        self.name_edit = QLineEdit(message.name, self)
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_row = self._labelled_row(self.tr("Name:"), self.name_edit)

        self.tool_calls_edit = JsonListEdit(self)
        self.tool_calls_edit.setAccessibleName(self.tr("Tool calls (JSON)"))
        self.tool_calls_edit.setPlaceholderText(
            '[{"id": "call_1", "type": "function", "function": {"name": "…", "arguments": "{…}"}}]'
        )
        self.tool_calls_edit.set_json(message.tool_calls)
        self.tool_calls = Collapsible(self.tr("Tool calls (JSON)"), self.tool_calls_edit, self)
        self.tool_calls.set_expanded(bool(message.tool_calls))

        self.stray_weight_label = QLabel(self)
        self.stray_weight_label.setWordWrap(True)
        self.remove_weight_button = QPushButton(self.tr("Remove weight"), self)
        self.remove_weight_button.setAutoDefault(False)
        self.remove_weight_button.clicked.connect(self._remove_stray_weight)
        self.stray_weight_row = QWidget(self)
        stray_layout = QHBoxLayout(self.stray_weight_row)
        stray_layout.setContentsMargins(0, 0, 0, 0)
        stray_layout.addWidget(self.stray_weight_label, 1)
        stray_layout.addWidget(self.remove_weight_button)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("messageProblem")
        self.problem_label.setWordWrap(True)
        set_tone(self.problem_label, Tone.ERROR)
        self.problem_label.hide()

        header = QHBoxLayout()
        header.setSpacing(6)
        header.addWidget(self.position_label)
        header.addWidget(self.role_combo)
        header.addStretch(1)
        header.addWidget(self.train_box)
        header.addSpacing(8)
        header.addWidget(self.up_button)
        header.addWidget(self.down_button)
        header.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.tool_call_id_row)
        layout.addWidget(self.name_row)
        layout.addWidget(self.tool_calls)
        layout.addWidget(self.stray_weight_row)
        layout.addWidget(self.problem_label)

        self.role_combo.currentIndexChanged.connect(self._on_role_changed)
        self.tool_calls_edit.textChanged.connect(self.problemsChanged)
        self.tool_calls_edit.textChanged.connect(self._update_placeholder)
        self._show_role_fields()

    # ------------------------------------------------------------------ state

    def role(self) -> Role:
        role: Role = self.role_combo.currentData()
        return role

    def set_role(self, role: Role) -> None:
        self.role_combo.setCurrentIndex(self.role_combo.findData(role))

    def message(self) -> Message:
        role = self.role()
        if role == "assistant":
            weight = self._trained_weight if self.train_box.isChecked() else 0
        else:
            weight = self._stray_weight
        return Message(
            role,
            self.text_edit.exact_text(),
            weight,
            self.tool_calls_edit.json_text(),
            self.tool_call_id_edit.text(),
            self.name_edit.text(),
        )

    def problems(self) -> list[str]:
        problems: list[str] = []
        role = self.role()
        json_problem = self.tool_calls_edit.problem()
        if json_problem and json_problem.parsed:
            problems.append(self.tr("The tool calls must be a JSON list: [ … ]."))
        elif json_problem:
            problems.append(
                self.tr("The tool calls are not valid JSON (line %1, column %2).")
                .replace("%1", str(json_problem.line))
                .replace("%2", str(json_problem.column))
            )
        if role != "assistant" and self.tool_calls_edit.json_text().strip():
            problems.append(self.tr("Only answers (assistant messages) can call tools."))
        if role != "assistant" and self._stray_weight is not None:
            problems.append(self.tr("Only answers (assistant messages) can have a training weight."))
        return problems

    def show_problems(self, problems: list[str]) -> None:
        self.problem_label.setText("\n".join(problems))
        self.problem_label.setVisible(bool(problems))

    def set_position(self, index: int, count: int) -> None:
        self.position_label.setText(f"{index + 1}.")
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(index < count - 1)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.role_combo,
            self.text_edit,
            self.train_box,
            self.tool_call_id_edit,
            self.name_edit,
            self.remove_weight_button,
            self.tool_calls.toggle,
            self.tool_calls_edit,
            self.up_button,
            self.down_button,
            self.delete_button,
        ]

    def text_edits(self) -> list[QPlainTextEdit]:
        return [self.text_edit, self.tool_calls_edit]

    # ------------------------------------------------------------------ private

    def _tool_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        return button

    def _labelled_row(self, text: str, field: QWidget) -> QWidget:
        row = QWidget(self)
        label = QLabel(text, row)
        label.setBuddy(field)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(field, 1)
        return row

    def _role_label(self, role: Role) -> str:
        return {
            "user": self.tr("User"),
            "assistant": self.tr("Answer (assistant)"),
            "tool": self.tr("Tool result"),
            "system": self.tr("System"),
        }[role]

    def _on_role_changed(self) -> None:
        if self.role() == "assistant" and self._stray_weight is not None:
            self.train_box.setChecked(self._stray_weight != 0)
            self._stray_weight = None
        self._show_role_fields()
        self.problemsChanged.emit()

    def _update_placeholder(self) -> None:
        role = self.role()
        if role == "assistant" and self.tool_calls_edit.json_text().strip():
            text = self.tr("No text: this answer only calls the tools below.")
        else:
            text = {
                "user": self.tr("What the user says or asks…"),
                "assistant": self.tr("The answer the model should give…"),
                "tool": self.tr("What the tool returned…"),
                "system": self.tr("Instructions for the model…"),
            }[role]
        self.text_edit.setPlaceholderText(text)

    def _remove_stray_weight(self) -> None:
        self._stray_weight = None
        self._show_role_fields()
        self.problemsChanged.emit()

    def _show_role_fields(self) -> None:
        role = self.role()
        assistant = role == "assistant"
        self.train_box.setVisible(assistant)
        # A field the role does not use stays visible while it holds something, so nothing is kept unseen.
        self.tool_calls.setVisible(assistant or bool(self.tool_calls_edit.json_text()))
        self.tool_call_id_row.setVisible(role == "tool" or bool(self.tool_call_id_edit.text()))
        self.name_row.setVisible(bool(self.name_edit.text()))
        self.stray_weight_row.setVisible(not assistant and self._stray_weight is not None)
        if self._stray_weight is not None:
            self.stray_weight_label.setText(
                self.tr("This message has a training weight (%1).").replace("%1", str(self._stray_weight))
            )
        self._update_placeholder()
        self.setStyleSheet(
            "QFrame#messageCard { border: 1px solid palette(mid); border-radius: 4px;"
            f" border-left: 4px solid {_ROLE_COLOURS[role]}; }}"
        )


class ConversationEditor(QDialog):
    """Edit one row as a conversation. :meth:`example` is the edited row (after OK).

    ``default_system`` is the dataset's default system prompt, shown as the placeholder of the row's own;
    ``row`` is the row's index in the table (0-based; shown as row + 1 in the title).
    """

    def __init__(
        self,
        example: Example,
        *,
        default_system: str = "",
        row: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._example = example
        self._cards: list[MessageCard] = []
        if row is None:
            self.setWindowTitle(self.tr("Conversation"))
        else:
            self.setWindowTitle(self.tr("Row %1 — Conversation").replace("%1", str(row + 1)))
        self.resize(800, 650)

        self._content = content = QWidget()
        content.setObjectName("conversationContent")

        self.system_edit = GrowingTextEdit(content, min_lines=1, max_lines=6)
        self.system_edit.setAccessibleName(self.tr("System prompt for this row"))
        if default_system:
            self.system_edit.setPlaceholderText(
                self.tr("Empty: the dataset's default system prompt is used: %1").replace(
                    "%1", _elide(default_system, 300)
                )
            )
        else:
            self.system_edit.setPlaceholderText(
                self.tr("Optional: tell the model who it is and how to answer in this conversation.")
            )
        self.system_edit.set_exact_text(example.system)

        conversation_hint = QLabel(
            self.tr(
                "The messages in order. The model learns to write the answers with “Train on this answer” "
                "ticked; the last answer is the one the table shows."
            ),
            content,
        )
        conversation_hint.setWordWrap(True)
        self._cards_layout = QVBoxLayout()
        self._cards_layout.setSpacing(8)

        self.add_user_button = QPushButton(self.tr("Add user message"), content)
        self.add_answer_button = QPushButton(self.tr("Add answer"), content)
        for button in (self.add_user_button, self.add_answer_button):
            button.setAutoDefault(False)
        self.add_user_button.clicked.connect(lambda: self._add_message("user"))
        self.add_answer_button.clicked.connect(lambda: self._add_message("assistant"))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_user_button)
        add_row.addWidget(self.add_answer_button)
        add_row.addStretch(1)

        self.rejected_edit = GrowingTextEdit(content, min_lines=2, max_lines=10)
        self.rejected_edit.setAccessibleName(self.tr("Rejected answer"))
        self.rejected_edit.setPlaceholderText(
            self.tr("Optional: a worse answer to the last question, for preference (DPO) training.")
        )
        self.rejected_edit.set_exact_text(example.rejected)

        self.tools_edit = JsonListEdit(content)
        self.tools_edit.setAccessibleName(self.tr("Tools offered (JSON)"))
        self.tools_edit.set_json(example.tools)
        self.tools = Collapsible(self.tr("Tools offered (JSON)"), self.tools_edit, content)
        self.tools.set_expanded(bool(example.tools))
        self.tools_problem_label = QLabel(content)
        self.tools_problem_label.setObjectName("toolsProblem")
        self.tools_problem_label.setWordWrap(True)
        set_tone(self.tools_problem_label, Tone.ERROR)
        self.tools_problem_label.hide()

        self.note_edit = GrowingTextEdit(content, min_lines=1, max_lines=5)
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("Your own note on this row (never used for training)."))
        self.note_edit.set_exact_text(example.note)

        form = QVBoxLayout(content)
        form.setContentsMargins(4, 4, 12, 4)
        form.setSpacing(6)
        form.addWidget(_heading(self.tr("System prompt for this row"), self.system_edit, content))
        form.addWidget(self.system_edit)
        form.addSpacing(6)
        form.addWidget(_heading(self.tr("Conversation"), None, content))
        form.addWidget(conversation_hint)
        form.addLayout(self._cards_layout)
        form.addLayout(add_row)
        form.addSpacing(6)
        form.addWidget(
            _heading(self.tr("Rejected answer (for preference/DPO training)"), self.rejected_edit, content)
        )
        form.addWidget(self.rejected_edit)
        form.addWidget(self.tools)
        form.addWidget(self.tools_problem_label)
        form.addWidget(_heading(self.tr("Note"), self.note_edit, content))
        form.addWidget(self.note_edit)
        form.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setAccessibleName(self.tr("Conversation"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)

        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("conversationProblems")
        self.problems_label.setWordWrap(True)
        set_tone(self.problems_label, Tone.ERROR)
        self.problems_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setToolTip(self.tr("Keep the changes (Ctrl+Enter)"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

        for edit in (self.system_edit, self.rejected_edit, self.tools_edit, self.note_edit):
            self._follow_cursor(edit)
        self.tools_edit.textChanged.connect(self._validate)
        messages = example.messages()
        if example.system:
            messages = messages[1:]
        for message in messages:
            self._insert_card(len(self._cards), message)
        self._after_structure_change()
        self.system_edit.setFocus()

    # ------------------------------------------------------------------ public

    def example(self) -> Example:
        """The edited row; raises ``ValueError`` while the conversation is not valid (OK is disabled then)."""
        messages: list[Message] = []
        system = self.system_edit.exact_text()
        if system:
            messages.append(Message("system", system))
        messages.extend(card.message() for card in self._cards)
        edited = example_from_messages(
            messages,
            tools=self.tools_edit.json_text(),
            rejected=self.rejected_edit.exact_text(),
            note=self.note_edit.exact_text(),
        )
        return dataclasses.replace(edited, validation=self._example.validation)

    def cards(self) -> list[MessageCard]:
        return list(self._cards)

    def problems(self) -> list[str]:
        """What stops OK, in the user's language (empty: the row can be saved)."""
        problems: list[str] = []
        for index, card in enumerate(self._cards):
            for problem in card.problems():
                problems.append(
                    self.tr("Message %1: %2").replace("%1", str(index + 1)).replace("%2", problem)
                )
        if not self._cards:
            problems.append(self.tr("The conversation is empty: add a user message and an answer."))
        elif self._cards[-1].role() != "assistant":
            problems.append(
                self.tr(
                    "The conversation must end with an answer (assistant message): add an answer, or make "
                    "the last message one."
                )
            )
        tools_problem = self._tools_problem()
        if tools_problem:
            problems.append(tools_problem)
        return problems

    def accept(self) -> None:
        if self.problems():
            return
        super().accept()

    # ------------------------------------------------------------------ private

    def _insert_card(self, index: int, message: Message) -> MessageCard:
        card = MessageCard(message, self._content)
        card.moveRequested.connect(self._move_card)
        card.deleteRequested.connect(self._delete_card)
        card.problemsChanged.connect(self._validate)
        for edit in card.text_edits():
            self._follow_cursor(edit)
        self._cards.insert(index, card)
        self._cards_layout.insertWidget(index, card)
        return card

    def _add_message(self, role: Role) -> None:
        card = self._insert_card(len(self._cards), Message(role, ""))
        self._after_structure_change()
        card.show()  # the layout would show it later; focus needs it visible now
        card.text_edit.setFocus()
        QTimer.singleShot(0, card, lambda: self.scroll_area.ensureWidgetVisible(card, 0, 0))

    def _move_card(self, card: MessageCard, step: int) -> None:
        index = self._cards.index(card)
        target = index + step
        if not 0 <= target < len(self._cards):
            return
        self._cards.insert(target, self._cards.pop(index))
        self._cards_layout.removeWidget(card)
        self._cards_layout.insertWidget(target, card)
        self._after_structure_change()
        pressed = card.up_button if step < 0 else card.down_button
        if not pressed.isEnabled() and self.focusWidget() in (None, pressed):
            (card.down_button if step < 0 else card.up_button).setFocus()
        QTimer.singleShot(0, card, lambda: self.scroll_area.ensureWidgetVisible(card, 0, 0))

    def _delete_card(self, card: MessageCard) -> None:
        index = self._cards.index(card)
        self._cards.pop(index)
        self._cards_layout.removeWidget(card)
        card.hide()
        card.deleteLater()
        self._after_structure_change()
        if self._cards:
            self._cards[min(index, len(self._cards) - 1)].delete_button.setFocus()
        else:
            self.add_user_button.setFocus()

    def _after_structure_change(self) -> None:
        for index, card in enumerate(self._cards):
            card.set_position(index, len(self._cards))
        chain: list[QWidget] = [self.system_edit]
        for card in self._cards:
            chain.extend(card.focus_chain())
        chain += [
            self.add_user_button,
            self.add_answer_button,
            self.rejected_edit,
            self.tools.toggle,
            self.tools_edit,
            self.note_edit,
            self.ok_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._validate()

    def _validate(self) -> None:
        for card in self._cards:
            card.show_problems(card.problems())
        tools_problem = self._tools_problem()
        self.tools_problem_label.setText(tools_problem)
        self.tools_problem_label.setVisible(bool(tools_problem))
        problems = self.problems()
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)

    def _tools_problem(self) -> str:
        problem = self.tools_edit.problem()
        if problem is None:
            return ""
        if problem.parsed:
            return self.tr("The tools offered must be a JSON list: [ … ].")
        return (
            self.tr("The tools offered are not valid JSON (line %1, column %2).")
            .replace("%1", str(problem.line))
            .replace("%2", str(problem.column))
        )

    def _follow_cursor(self, edit: QPlainTextEdit) -> None:
        """Keep the typing position in view when a growing box pushes it below the scrolled area."""

        def show_cursor() -> None:
            if not edit.hasFocus():
                return
            rect = edit.cursorRect()
            point = edit.viewport().mapTo(self._content, rect.center())
            self.scroll_area.ensureVisible(point.x(), point.y(), 0, rect.height())

        edit.cursorPositionChanged.connect(show_cursor)


def _heading(text: str, buddy: QWidget | None, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def _elide(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
