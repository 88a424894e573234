"""The first-run guide: a panel beside the tabs that walks a newcomer through the whole flow, on the real app.

Each step says what to do and why in a sentence or two, has a button that does it (or opens the place where
it is done), and ticks itself off when the app sees it happen, whichever way the user got there. It shows at
the first start, can be closed at any time, and comes back from Help ▸ Getting started.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.validation import Issue, Severity
from desktop_app.resources import sample_dataset_path
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.data.tab import DataTab
from desktop_app.ui.guide.progress import STEPS, GuideProgress, Step
from desktop_app.ui.jobs.tab import JobsTab
from desktop_app.ui.session import Session

PANEL_WIDTH = 300


@dataclass
class GuideHooks:
    """What the guide watches and drives: the window's parts, handed in (no global signal bus)."""

    session: Session
    data_tab: DataTab
    jobs_tab: JobsTab
    chat_tab: ChatTab
    show_tab: Callable[[QWidget], None]
    open_settings: Callable[[], object]
    use_practice: Callable[[], None]
    open_chat_with: Callable[[str], None]


class _StepCard(QFrame):
    """One step: a mark (number or tick), its title, what to do, and the button(s) that do it."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideStep")
        self.number = number
        self.mark = QLabel(str(number), self)
        self.mark.setFixedWidth(self.mark.fontMetrics().horizontalAdvance("✔ 9"))
        self.mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.title = QLabel(self)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QVBoxLayout()  # one under the other: the panel is narrow, and words differ in length
        self.buttons.setContentsMargins(0, 2, 0, 0)
        self.button_list: list[QPushButton] = []
        self._state: tuple[bool, bool] | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 7, 8, 7)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        grid.addWidget(self.mark, 0, 0)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(self.text, 1, 1)
        grid.addLayout(self.buttons, 2, 1)
        grid.setColumnStretch(1, 1)

    def add_button(self, text: str, action: Callable[[], object], accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda: action())  # noqa: PLW0108 - clicked passes "checked"; actions take nothing
        self.buttons.addWidget(button)
        self.button_list.append(button)
        return button

    def show_state(self, *, done: bool, current: bool) -> None:
        if (done, current) == self._state:
            return  # re-applying the style sheet re-polishes the card: only when its state changed
        self._state = (done, current)
        self.mark.setText("✔" if done else str(self.number))
        self.text.setVisible(current)
        for button in self.button_list:
            button.setVisible(current)
        self.setProperty("state", "current" if current else "done" if done else "later")
        self.setStyleSheet(_CARD_STYLE)  # re-applies the property selectors
        self.title.setEnabled(current or done)
        self.text.setEnabled(current)


_CARD_STYLE = (
    "QFrame#guideStep { border-radius: 6px; }"
    'QFrame#guideStep[state="current"] { border: 2px solid palette(highlight); }'
    'QFrame#guideStep[state="done"], QFrame#guideStep[state="later"] { border: 1px solid palette(mid); }'
)


class _PanelScroll(QScrollArea):
    """The panel's body. It asks for the panel's designed width, not what its wrapped texts would like: in a
    longer language they ask for more, and the dock would take it from the tabs."""

    def sizeHint(self) -> QSize:
        return QSize(PANEL_WIDTH, super().sizeHint().height())


class GuidePanel(QDockWidget):
    """The guide as a dock on the right of the main window."""

    progressed = Signal(object)  # Step: a step was just done
    finishedGuide = Signal()  # every step done and the user closed it with "Done"
    closedByUser = Signal()  # closed before the end (it can be reopened from Help)

    def __init__(self, hooks: GuideHooks, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Getting started"), parent)
        self.setObjectName("guidePanel")
        self.setAccessibleName(self.tr("Getting started guide"))
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea)
        self._hooks = hooks
        self.progress = GuideProgress(practice=hooks.session.is_practice)
        self._closing_from_code = False

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        intro = QLabel(
            self.tr(
                "Train your first model in a few minutes: each step below does one thing and ticks itself "
                "off when it is done."
            ),
            content,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.summary = QLabel(content)
        layout.addWidget(self.summary)

        self.cards: dict[Step, _StepCard] = {}
        for number, step in enumerate(STEPS, start=1):
            card = _StepCard(number, content)
            self.cards[step] = card
            layout.addWidget(card)
        self._fill_cards()

        self.done_label = QLabel(content)
        self.done_label.setWordWrap(True)
        self.done_label.setText(
            self.tr(
                "All done: you trained a model and talked to it. Next, open your own Excel file of questions "
                "and answers (File ▸ Open) and go through the same steps."
            )
        )
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        self.reopen_hint = QLabel(self.tr("Reopen it any time from Help."), content)
        self.reopen_hint.setWordWrap(True)
        layout.addWidget(self.reopen_hint)
        footer = QHBoxLayout()
        footer.addStretch(1)
        self.close_button = QPushButton(self.tr("Close guide"), content)
        self.close_button.setAccessibleName(self.tr("Close the getting started guide"))
        self.close_button.clicked.connect(self._close_clicked)
        footer.addWidget(self.close_button)
        layout.addLayout(footer)

        scroll = _PanelScroll(self)
        scroll.setAccessibleName(self.tr("Getting started guide"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.setWidget(scroll)
        self.setMinimumWidth(PANEL_WIDTH)

        hooks.session.providerChanged.connect(self._on_provider_changed)
        hooks.data_tab.loaded.connect(self._on_loaded)
        hooks.data_tab.checked.connect(self._on_checked)
        hooks.jobs_tab.jobCreated.connect(lambda _job_id: self._mark(Step.JOB))
        hooks.jobs_tab.modelReady.connect(self._on_model_ready)
        hooks.chat_tab.answerFinished.connect(lambda _text: self._mark(Step.CHAT))
        self._take_current_state()
        self._show_progress()

    # ---- the steps' words and buttons -----------------------------------------------------------------------
    def _fill_cards(self) -> None:
        hooks = self._hooks
        card = self.cards[Step.SERVICE]
        card.title.setText(self.tr("Choose where to train"))
        card.text.setText(
            self.tr(
                "Practice mode trains a simulated model on this computer: free, no key needed, the whole "
                "flow in a minute. A real service (OpenAI, Azure OpenAI or a compatible server) trains real "
                "models and charges for it."
            )
        )
        card.add_button(self.tr("Use Practice mode"), self._use_practice, self.tr("Use Practice mode"))
        card.add_button(self.tr("Connect a service…"), hooks.open_settings, self.tr("Connect a real service"))

        card = self.cards[Step.KEY]
        card.title.setText(self.tr("Enter and test your API key"))
        card.add_button(
            self.tr("Open Settings…"), hooks.open_settings, self.tr("Open Settings to enter the key")
        )

        card = self.cards[Step.OPEN]
        card.title.setText(self.tr("Open the sample examples"))
        card.text.setText(
            self.tr(
                "A small Excel file of questions and answers for a tea house, like the ones you will write. "
                "Each row is one example the model learns from."
            )
        )
        card.add_button(self.tr("Open the sample"), self.open_sample, self.tr("Open the sample examples"))

        card = self.cards[Step.CHECK]
        card.title.setText(self.tr("Check the examples"))
        card.add_button(self.tr("Check now"), self._check, self.tr("Check the examples now"))

        card = self.cards[Step.JOB]
        card.title.setText(self.tr("Start a training job"))
        card.text.setText(
            self.tr(
                "Choose a base model (the model yours starts from) and a suffix (a short name added to your "
                "model's name, such as tea), then start. The cost is shown before you do; Practice mode "
                "costs nothing."
            )
        )
        card.add_button(self.tr("New job…"), self._new_job, self.tr("Start a new training job"))

        card = self.cards[Step.FOLLOW]
        card.title.setText(self.tr("Follow the training"))
        card.text.setText(
            self.tr(
                "The Jobs tab tells the job's story: waiting in the queue, each epoch (one pass over all "
                "your examples), checkpoints (copies of the model saved along the way) and, at the end, your "
                "new model's name."
            )
        )
        card.add_button(
            self.tr("Show the job"), lambda: hooks.show_tab(hooks.jobs_tab), self.tr("Show the job")
        )

        card = self.cards[Step.CHAT]
        card.title.setText(self.tr("Chat with your model"))
        card.text.setText(
            self.tr(
                "Ask it one of the questions from your examples and see whether it answers the way you taught it."
            )
        )
        card.add_button(self.tr("Chat with it"), self._chat, self.tr("Chat with your new model"))

    def _texts_for_state(self) -> None:
        """The words that depend on where the user is."""
        key_card = self.cards[Step.KEY]
        if self.progress.practice:
            key_card.text.setText(self.tr("Not needed in Practice mode."))
        else:
            key_card.text.setText(
                self.tr(
                    "In Settings, paste the key your service gave you and press “Test connection”. The key "
                    "is kept in your system's keyring, never in a file."
                )
            )
        check_card = self.cards[Step.CHECK]
        errors = self._error_count
        if errors:
            check_card.text.setText(
                self.tr(
                    "%n error(s) must be fixed first: they are listed under the table, most with a Fix button.",
                    "",
                    errors,
                )
            )
        else:
            check_card.text.setText(
                self.tr(
                    "Every row is checked: errors must be fixed before training, warnings are advice. The "
                    "results are listed under the table, most with a one-click Fix."
                )
            )

    # ---- actions ----------------------------------------------------------------------------------------
    def _use_practice(self) -> None:
        self._hooks.use_practice()
        self._mark(Step.SERVICE)

    def open_sample(self) -> None:
        hooks = self._hooks
        hooks.show_tab(hooks.data_tab)
        hooks.data_tab.open_file(sample_dataset_path())

    def _check(self) -> None:
        hooks = self._hooks
        hooks.show_tab(hooks.data_tab)
        hooks.data_tab.run_checks()

    def _new_job(self) -> None:
        hooks = self._hooks
        hooks.show_tab(hooks.jobs_tab)
        hooks.jobs_tab.open_new_job_dialog()

    def _chat(self) -> None:
        if self.progress.model:
            self._hooks.open_chat_with(self.progress.model)
        else:
            self._hooks.show_tab(self._hooks.chat_tab)

    # ---- what the app tells the guide -------------------------------------------------------------------
    _error_count = 0

    def _take_current_state(self) -> None:
        """What is already done when the guide opens (reopened from Help, or the user went ahead)."""
        session = self._hooks.session
        self.progress.practice = session.is_practice
        if not session.is_practice and session.provider is not None:
            self.progress.mark(Step.SERVICE)
            self.progress.mark(Step.KEY)
        if len(self._hooks.data_tab.current_dataset()) > 0:
            self.progress.mark(Step.OPEN)

    def _on_provider_changed(self) -> None:
        session = self._hooks.session
        self.progress.practice = session.is_practice
        if not session.is_practice and session.provider is not None:
            self.progress.mark(Step.SERVICE)
            self.progress.mark(Step.KEY)
            self.progressed.emit(Step.KEY)
        elif not session.is_practice:
            self.progress.unmark(Step.KEY)  # a real service without a working key yet
        self._show_progress()

    def _on_loaded(self, rows: int) -> None:
        if rows > 0:
            self._mark(Step.OPEN)

    def _on_checked(self, issues: list[Issue]) -> None:
        self._error_count = sum(1 for issue in issues if issue.severity is Severity.ERROR)
        if self._error_count == 0 and len(self._hooks.data_tab.current_dataset()) > 0:
            self._mark(Step.CHECK)
        else:
            self.progress.unmark(Step.CHECK)
            self._show_progress()

    def _on_model_ready(self, model_id: str) -> None:
        self.progress.model = model_id
        self._mark(Step.FOLLOW)

    def _mark(self, step: Step) -> None:
        if self.progress.mark(step):
            self.progressed.emit(step)
        self._show_progress()

    def _show_progress(self) -> None:
        self._texts_for_state()
        current = self.progress.current
        for step, card in self.cards.items():
            card.show_state(done=self.progress.is_done(step), current=step is current)
        self.summary.setText(
            self.tr("%1 of %2 steps done")
            .replace("%1", str(self.progress.count_done()))
            .replace("%2", str(len(STEPS)))
        )
        finished = self.progress.finished
        self.done_label.setVisible(finished)
        self.close_button.setText(self.tr("Done") if finished else self.tr("Close guide"))

    def take_progress(self, progress: GuideProgress) -> None:
        """Carry on from ``progress`` (the guide of a window this one replaced)."""
        self.progress.done |= progress.done
        self.progress.model = self.progress.model or progress.model
        self._show_progress()

    # ---- closing ----------------------------------------------------------------------------------------
    def _close_clicked(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if self.progress.finished:
            self.finishedGuide.emit()
        else:
            self.closedByUser.emit()
