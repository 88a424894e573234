"""The settings one conversation is sent with: the system prompt, and how the answer is generated.

A compact panel (a few lines of prompt and one row of numbers) for the Chat tab to show above or beside the
conversation. It only shows and reports :class:`ChatSettings`; the tab keeps them per conversation and
remembers them per profile.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QTextCursor, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.chat_settings import (
    CONTEXT_MESSAGES_MAX,
    CONTEXT_MESSAGES_MIN,
    MAX_TOKENS_MAX,
    MAX_TOKENS_MIN,
    TEMPERATURE_MAX,
    TEMPERATURE_MIN,
    TOP_P_MAX,
    TOP_P_MIN,
    ChatSettings,
)
from desktop_app.ui.help_terms import HelpButton, Term
from desktop_app.ui.widgets import FlowLayout

PROMPT_EDIT_DELAY_MS = 400  # typing a prompt reports one change, not one per key
PROMPT_LINES = 3
DECIMALS = 2
# Where the arrows go from "Default": the values services usually use when none is sent.
TEMPERATURE_START = 1.0
TOP_P_START = 1.0
MAX_TOKENS_START = 1000
MAX_TOKENS_STEP = 100
CONTEXT_MESSAGES_STEP = 2  # a question and its answer


class DefaultableDoubleSpinBox(QDoubleSpinBox):
    """A number, or "Default" (``None``: not sent, the service decides), shown as the special value text at
    one hundredth below the lowest number. The up arrow leaves "Default" for ``start``, not for the lowest
    number, which would be a surprising value (a temperature of 0.00); down from the lowest gives "Default".
    """

    def __init__(
        self,
        lowest: float,
        highest: float,
        *,
        step: float,
        start: float,
        default_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._start = start
        self.setDecimals(DECIMALS)
        self.setRange(lowest - 10**-DECIMALS, highest)
        self.setSingleStep(step)
        self.setSpecialValueText(default_text)
        self.setValue(self.minimum())

    def number(self) -> float | None:
        return None if self.value() <= self.minimum() else self.value()

    def set_number(self, number: float | None) -> None:
        self.setValue(self.minimum() if number is None else number)

    def stepBy(self, steps: int) -> None:
        if steps > 0 and self.number() is None:
            self.setValue(self._start)
        else:
            super().stepBy(steps)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state = _default_text_state(text, self.specialValueText())
        return super().validate(text, pos) if state is None else (state, text, pos)

    def fixup(self, text: str) -> str:
        if _default_text_state(text, self.specialValueText()) is not None:
            return self.specialValueText()  # "def" when leaving the field: the word was meant
        return super().fixup(text)

    def valueFromText(self, text: str) -> float:
        if _default_text_state(text, self.specialValueText()) is QValidator.State.Acceptable:
            return self.minimum()
        return super().valueFromText(text)


class DefaultableSpinBox(QSpinBox):
    """A whole number, or "Default" (``None``) one below the lowest; the arrows work as in
    :class:`DefaultableDoubleSpinBox`."""

    def __init__(
        self,
        lowest: int,
        highest: int,
        *,
        step: int,
        start: int,
        default_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._start = start
        self.setRange(lowest - 1, highest)
        self.setSingleStep(step)
        self.setSpecialValueText(default_text)
        self.setValue(self.minimum())

    def number(self) -> int | None:
        return None if self.value() <= self.minimum() else self.value()

    def set_number(self, number: int | None) -> None:
        self.setValue(self.minimum() if number is None else number)

    def stepBy(self, steps: int) -> None:
        if steps > 0 and self.number() is None:
            self.setValue(self._start)
        else:
            super().stepBy(steps)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state = _default_text_state(text, self.specialValueText())
        return super().validate(text, pos) if state is None else (state, text, pos)

    def fixup(self, text: str) -> str:
        if _default_text_state(text, self.specialValueText()) is not None:
            return self.specialValueText()  # "def" when leaving the field: the word was meant
        return super().fixup(text)

    def valueFromText(self, text: str) -> int:
        if _default_text_state(text, self.specialValueText()) is QValidator.State.Acceptable:
            return self.minimum()
        return super().valueFromText(text)


def _default_text_state(text: str, default_text: str) -> QValidator.State | None:
    """Typing "Default" (any case) or clearing the field means Default: Acceptable for the whole word or an
    empty field, Intermediate while the word is being typed, None for anything else (a number)."""
    typed, word = text.strip().casefold(), default_text.casefold()
    if not typed or typed == word:
        return QValidator.State.Acceptable
    if word.startswith(typed) and not typed[0].isdigit() and typed[0] not in "+-.,":
        return QValidator.State.Intermediate
    return None


class ChatSettingsPanel(QWidget):
    """Shows one conversation's :class:`ChatSettings` and reports the user's edits.

    ``changed`` is emitted for edits by the user (a system prompt edit once typing pauses for
    :data:`PROMPT_EDIT_DELAY_MS`; call :meth:`flush` before reading the settings for another conversation),
    never for :meth:`set_settings`. ``useDatasetPromptRequested``: the user asks for the dataset's default
    system prompt; the tab answers with :meth:`apply_system_prompt`.
    """

    changed = Signal()
    useDatasetPromptRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False  # set_settings is filling in: the widgets' signals are not the user's edits
        self._prompt_timer = QTimer(self)
        self._prompt_timer.setSingleShot(True)
        self._prompt_timer.setInterval(PROMPT_EDIT_DELAY_MS)
        self._prompt_timer.timeout.connect(self.changed)
        self._build_ui()
        self.set_settings(ChatSettings())

    # ---- layout ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        default_text = self.tr("Default")
        service_decides = self.tr("Default: not sent, so the service uses its own setting.")

        self.system_prompt_edit = QPlainTextEdit(self)
        self.system_prompt_edit.setObjectName("chatSystemPrompt")
        self.system_prompt_edit.setPlaceholderText(
            self.tr("Optional: who the model is and how it answers. Best the same as in your training data.")
        )
        self.system_prompt_edit.setToolTip(
            self.tr(
                "Instructions the model reads before every question, such as the role it plays and how it "
                "should answer. A model answers best with the same system prompt it was trained with."
            )
        )
        self.system_prompt_edit.setTabChangesFocus(True)  # Tab goes on to the numbers, as in a form
        self.system_prompt_edit.setFixedHeight(self._prompt_height())
        self.system_prompt_edit.textChanged.connect(self._on_prompt_edited)
        prompt_label = QLabel(self.tr("System prompt:"), self)
        prompt_label.setBuddy(self.system_prompt_edit)

        self.use_dataset_prompt_button = QPushButton(self.tr("Use the dataset's system prompt"), self)
        self.use_dataset_prompt_button.setObjectName("chatUseDatasetPrompt")
        self.use_dataset_prompt_button.setToolTip(
            self.tr(
                "Replace the system prompt above with the default system prompt of the dataset in the Data tab."
            )
        )
        self.use_dataset_prompt_button.clicked.connect(self.useDatasetPromptRequested)

        self.temperature_spin = DefaultableDoubleSpinBox(
            TEMPERATURE_MIN,
            TEMPERATURE_MAX,
            step=0.1,
            start=TEMPERATURE_START,
            default_text=default_text,
            parent=self,
        )
        self.temperature_spin.setObjectName("chatTemperature")
        self.temperature_spin.setToolTip(
            self.tr(
                "How varied the answers are, from 0 to 2. Low (0 to 0.3): focused, nearly the same answer "
                "every time. High (above 1): more varied and inventive, but more likely to wander off."
            )
            + "\n"
            + service_decides
        )
        self.top_p_spin = DefaultableDoubleSpinBox(
            TOP_P_MIN, TOP_P_MAX, step=0.05, start=TOP_P_START, default_text=default_text, parent=self
        )
        self.top_p_spin.setObjectName("chatTopP")
        self.top_p_spin.setToolTip(
            self.tr(
                "Another way to limit variety, from 0 to 1: the model only chooses among its likeliest next "
                "words, as many as make up this share of the chances. 1 allows all of them; 0.1 only the "
                "very likeliest. Change this or Temperature, usually not both."
            )
            + "\n"
            + service_decides
        )
        self.max_tokens_spin = DefaultableSpinBox(
            MAX_TOKENS_MIN,
            MAX_TOKENS_MAX,
            step=MAX_TOKENS_STEP,
            start=MAX_TOKENS_START,
            default_text=default_text,
            parent=self,
        )
        self.max_tokens_spin.setObjectName("chatMaxTokens")
        self.max_tokens_spin.setToolTip(
            self.tr(
                "The longest answer allowed, in tokens (a token is a short word or a piece of one; a Chinese "
                "character is about one token). An answer that reaches it is cut off there."
            )
            + "\n"
            + service_decides
        )
        self.context_spin = QSpinBox(self)
        self.context_spin.setObjectName("chatContextMessages")
        self.context_spin.setRange(CONTEXT_MESSAGES_MIN, CONTEXT_MESSAGES_MAX)
        self.context_spin.setSingleStep(CONTEXT_MESSAGES_STEP)
        self.context_spin.setSpecialValueText(self.tr("None: each question alone"))
        self.context_spin.setToolTip(
            self.tr(
                "How many of the latest messages in this conversation are sent along with each question, so "
                "the model knows what was said before. A question and its answer are two messages. More "
                "messages: a longer memory, but each question costs more tokens. The system prompt is always "
                "sent."
            )
        )

        numbers = FlowLayout()  # one line beside a wide chat; two when the tab is narrow or the words long
        for text, spin, term in (
            (self.tr("Temperature:"), self.temperature_spin, Term.TEMPERATURE),
            (self.tr("Top-p:"), self.top_p_spin, Term.TOP_P),
            (self.tr("Max tokens:"), self.max_tokens_spin, Term.TOKEN),
            (self.tr("Context messages:"), self.context_spin, Term.CONTEXT),
        ):
            spin.setKeyboardTracking(False)  # typing "0.75" is one change, not three
            spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
            spin.valueChanged.connect(self._on_number_edited)
            label = QLabel(text, self)
            label.setBuddy(spin)
            label.setToolTip(spin.toolTip())
            pair = QWidget(self)  # a caption stays with its box when the line wraps
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 12, 0)
            pair_layout.addWidget(label)
            pair_layout.addWidget(spin)
            pair_layout.addWidget(HelpButton(term, pair))
            numbers.addWidget(pair)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(prompt_label)
        header.addWidget(HelpButton(Term.SYSTEM_PROMPT, self))
        header.addStretch(1)
        header.addWidget(self.use_dataset_prompt_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.system_prompt_edit)
        layout.addLayout(numbers)

    def _prompt_height(self) -> int:
        edit = self.system_prompt_edit
        margins = edit.contentsMargins()
        return round(
            PROMPT_LINES * edit.fontMetrics().lineSpacing()
            + 2 * edit.document().documentMargin()
            + 2 * edit.frameWidth()
            + margins.top()
            + margins.bottom()
        )

    # ---- the settings ----------------------------------------------------------------------------------
    def settings(self) -> ChatSettings:
        """What the panel shows now, a prompt edit still waiting to be reported included. Blank space around
        the system prompt is not part of it."""
        return ChatSettings(
            system_prompt=self.system_prompt_edit.toPlainText().strip(),
            temperature=self.temperature_spin.number(),
            top_p=self.top_p_spin.number(),
            max_tokens=self.max_tokens_spin.number(),
            context_messages=self.context_spin.value(),
        )

    def set_settings(self, settings: ChatSettings) -> None:
        """Show ``settings`` (another conversation's, say) without emitting ``changed``. A prompt edit not yet
        reported is dropped: call :meth:`flush` first to keep it."""
        self._prompt_timer.stop()
        self._quiet = True
        try:
            if settings.system_prompt != self.system_prompt_edit.toPlainText():
                self.system_prompt_edit.setPlainText(settings.system_prompt)
            self.temperature_spin.set_number(settings.temperature)
            self.top_p_spin.set_number(settings.top_p)
            self.max_tokens_spin.set_number(settings.max_tokens)
            self.context_spin.setValue(settings.context_messages)
        finally:
            self._quiet = False

    def flush(self) -> None:
        """Report a system prompt edit still waiting out its delay now (``changed``), if there is one."""
        if self._prompt_timer.isActive():
            self._prompt_timer.stop()
            self.changed.emit()

    def apply_system_prompt(self, text: str) -> None:
        """Put ``text`` in the system prompt as the user's own edit: it can be undone (Ctrl+Z) and
        ``changed`` is emitted at once."""
        if text == self.system_prompt_edit.toPlainText():
            return
        cursor = self.system_prompt_edit.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        self.system_prompt_edit.setTextCursor(cursor)
        self.flush()

    def set_dataset_prompt_available(self, available: bool) -> None:
        """Enable "Use the dataset's system prompt" only when the dataset has one."""
        self.use_dataset_prompt_button.setEnabled(available)

    # ---- the user's edits ------------------------------------------------------------------------------
    def _on_prompt_edited(self) -> None:
        if not self._quiet:
            self._prompt_timer.start()

    def _on_number_edited(self) -> None:
        if not self._quiet:
            self.changed.emit()
