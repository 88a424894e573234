"""Add to dataset: one chat exchange, corrected by the user if need be, becomes a training example.

The editors hand back exactly the text they were given unless the user changes it (see
:class:`~desktop_app.ui.data.text_editor.ExactPlainTextEdit`): a model's answer kept as it is stays byte for
byte what the model wrote, no-break spaces and line endings included.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.data.text_editor import ExactPlainTextEdit

SYSTEM_LINES = 3
"""Lines of text the system prompt box shows; longer prompts scroll."""


class AddExampleDialog(QDialog):
    """Review a question and its answer before they become a row at the end of the Data tab's dataset.

    All three texts can be edited; correcting the answer is the point (the model learns to answer like the
    row). OK ("Add to dataset") stays disabled while the question or the answer is blank. Ctrl+Enter adds.
    """

    def __init__(self, question: str, answer: str, system: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add to dataset"))
        self.resize(640, 480)

        self.system_edit = _text_box(self, "addExampleSystem", system, tab_moves_focus=True)
        self.system_edit.setPlaceholderText(
            self.tr("None: the dataset's system prompt applies, if it has one")
        )
        line = self.system_edit.fontMetrics().lineSpacing()
        margins = self.system_edit.contentsMargins()
        frame = 2 * self.system_edit.frameWidth() + margins.top() + margins.bottom()
        self.system_edit.setFixedHeight(SYSTEM_LINES * line + frame + 8)  # 8: the document's own margins
        self.question_edit = _text_box(self, "addExampleQuestion", question, tab_moves_focus=True)
        self.question_edit.setPlaceholderText(self.tr("The user's message"))
        self.answer_edit = _text_box(self, "addExampleAnswer", answer, tab_moves_focus=False)
        self.answer_edit.setPlaceholderText(self.tr("The answer the model should learn to give"))

        undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.note_label = QLabel(
            self.tr(
                "The example is added at the end of the dataset in the Data tab. You can undo it there with "
                "Edit → Undo (%1)."
            ).replace("%1", undo_keys),
            self,
        )
        self.note_label.setObjectName("addExampleNote")
        self.note_label.setWordWrap(True)
        palette = self.note_label.palette()  # quieter than the texts, in light and dark themes alike
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        self.note_label.setPalette(palette)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.add_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add to dataset"))
        self.add_button.setObjectName("addExampleButton")
        self.add_button.setToolTip(self.tr("Add this example to the dataset (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._accept_if_complete)

        layout = QVBoxLayout(self)
        for label_text, editor, stretch in (
            (self.tr("&System prompt (optional):"), self.system_edit, 0),
            (self.tr("&Question:"), self.question_edit, 1),
            (self.tr("&Answer (correct it if needed):"), self.answer_edit, 3),
        ):
            label = QLabel(label_text, self)
            label.setBuddy(editor)
            layout.addWidget(label)
            layout.addWidget(editor, stretch)
            layout.addSpacing(4)
        layout.addWidget(self.note_label)
        layout.addWidget(self.buttons)

        for editor in (self.system_edit, self.question_edit, self.answer_edit):
            editor.textChanged.connect(self._update_add_button)
        self._update_add_button()
        self.answer_edit.setFocus()

    def values(self) -> tuple[str, str, str]:
        """(question, answer, system) as the user left them."""
        return (
            self.question_edit.exact_text(),
            self.answer_edit.exact_text(),
            self.system_edit.exact_text(),
        )

    def is_complete(self) -> bool:
        """Both the question and the answer have some text (a blank one would make a useless example)."""
        question, answer, _system = self.values()
        return bool(question.strip() and answer.strip())

    def done(self, result: int) -> None:
        for editor in (self.system_edit, self.question_edit, self.answer_edit):
            editor.stop_loading()
        super().done(result)

    def _update_add_button(self) -> None:
        self.add_button.setEnabled(self.is_complete())

    def _accept_if_complete(self) -> None:
        if self.is_complete():
            self.accept()


def _text_box(parent: QWidget, name: str, text: str, *, tab_moves_focus: bool) -> ExactPlainTextEdit:
    editor = ExactPlainTextEdit(parent)
    editor.setObjectName(name)
    editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    editor.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    editor.setTabChangesFocus(tab_moves_focus)
    editor.set_exact_text(text)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    return editor
