"""Short explanations of the words of fine-tuning, where they appear: a small "?" button beside a term.

Clicking the button (or pressing Space on it) shows the explanation at once, and hovering shows it as a tooltip;
the same words are the button's accessible description, so a screen reader reads them too.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QToolTip, QWidget


class Term(enum.Enum):
    EPOCH = "epoch"
    SUFFIX = "suffix"
    SEPARATOR = "separator"
    ENDING = "ending"
    CHECKPOINT = "checkpoint"
    BASE_MODEL = "base_model"
    BATCH_SIZE = "batch_size"
    LEARNING_RATE = "learning_rate"
    VALIDATION = "validation"
    SYSTEM_PROMPT = "system_prompt"
    TOKEN = "token"  # noqa: S105 - the word, not a secret
    TEMPERATURE = "temperature"
    TOP_P = "top_p"
    CONTEXT = "context"
    LOSS = "loss"


def term_title(term: Term) -> str:
    titles = {
        Term.EPOCH: QCoreApplication.translate("HelpTerms", "Epoch"),
        Term.SUFFIX: QCoreApplication.translate("HelpTerms", "Suffix"),
        Term.SEPARATOR: QCoreApplication.translate("HelpTerms", "Separator"),
        Term.ENDING: QCoreApplication.translate("HelpTerms", "Ending"),
        Term.CHECKPOINT: QCoreApplication.translate("HelpTerms", "Checkpoint"),
        Term.BASE_MODEL: QCoreApplication.translate("HelpTerms", "Base model"),
        Term.BATCH_SIZE: QCoreApplication.translate("HelpTerms", "Batch size"),
        Term.LEARNING_RATE: QCoreApplication.translate("HelpTerms", "Learning-rate multiplier"),
        Term.VALIDATION: QCoreApplication.translate("HelpTerms", "Validation examples"),
        Term.SYSTEM_PROMPT: QCoreApplication.translate("HelpTerms", "System prompt"),
        Term.TOKEN: QCoreApplication.translate("HelpTerms", "Token"),
        Term.TEMPERATURE: QCoreApplication.translate("HelpTerms", "Temperature"),
        Term.TOP_P: QCoreApplication.translate("HelpTerms", "Top-p"),
        Term.CONTEXT: QCoreApplication.translate("HelpTerms", "Context messages"),
        Term.LOSS: QCoreApplication.translate("HelpTerms", "Loss and accuracy"),
    }
    return titles[term]


def term_help(term: Term) -> str:
    """What the term means, in a sentence or two for someone who does not program."""
    texts = {
        Term.EPOCH: QCoreApplication.translate(
            "HelpTerms",
            "One pass of the training over all your examples. More epochs make the model stick closer to "
            "your answers; too many and it only repeats them. 3 is a good start; each epoch costs the same.",
        ),
        Term.SUFFIX: QCoreApplication.translate(
            "HelpTerms",
            "A short name of your choice added to your new model's name, so you can tell your models apart, "
            "e.g. tea. Letters (Chinese too), digits, -, _ and . only, at most 64.",
        ),
        Term.SEPARATOR: QCoreApplication.translate(
            "HelpTerms",
            "A fixed mark added to the end of every question, such as ->, so an older model knows where the "
            "question ends and its answer begins. The app adds it for you, when training and when chatting.",
        ),
        Term.ENDING: QCoreApplication.translate(
            "HelpTerms",
            "A fixed mark added to the end of every answer, such as a line break, so an older model learns "
            "where to stop. The app adds it for you, and stops the answer there when chatting.",
        ),
        Term.CHECKPOINT: QCoreApplication.translate(
            "HelpTerms",
            "A copy of the model saved during training, e.g. after each epoch. If the last one learned too "
            "much by heart, an earlier checkpoint may answer better: you can chat with each.",
        ),
        Term.BASE_MODEL: QCoreApplication.translate(
            "HelpTerms",
            "The ready-made model your training starts from. Yours keeps what it knows and learns your "
            "examples' way of answering. Bigger models learn better and cost more.",
        ),
        Term.BATCH_SIZE: QCoreApplication.translate(
            "HelpTerms",
            "How many examples the training looks at before each small correction of the model. Leave it on "
            "automatic unless you know why to change it.",
        ),
        Term.LEARNING_RATE: QCoreApplication.translate(
            "HelpTerms",
            "How big each correction is. Larger learns faster but can overshoot; smaller is gentler. "
            "Automatic is right for most data.",
        ),
        Term.VALIDATION: QCoreApplication.translate(
            "HelpTerms",
            "Examples kept out of the training and used only to test the model as it learns. If the model "
            "does well on them, it has learned your style rather than the answers by heart.",
        ),
        Term.SYSTEM_PROMPT: QCoreApplication.translate(
            "HelpTerms",
            "An instruction given to the model before every conversation, e.g. “You are the tea house's "
            "assistant”. Use the same one when training and when chatting.",
        ),
        Term.TOKEN: QCoreApplication.translate(
            "HelpTerms",
            "The pieces text is cut into for a model: about one Chinese character, or three quarters of an "
            "English word. Training and chatting are priced per token.",
        ),
        Term.TEMPERATURE: QCoreApplication.translate(
            "HelpTerms",
            "How adventurous the answers are: low keeps them close to the most likely words, high makes them "
            "more varied (and more often wrong).",
        ),
        Term.TOP_P: QCoreApplication.translate(
            "HelpTerms",
            "Another way to limit how adventurous answers are: only the most likely words that together make "
            "up this share are considered. Change either this or temperature, not both.",
        ),
        Term.CONTEXT: QCoreApplication.translate(
            "HelpTerms",
            "How many earlier messages of the conversation are sent along with each question, so the model "
            "remembers what was said.",
        ),
        Term.LOSS: QCoreApplication.translate(
            "HelpTerms",
            "Loss measures how far the model's answers are from yours: it should go down. Accuracy is the "
            "share of words it gets right: it should go up. Validation lines that rise again mean the model "
            "started learning by heart.",
        ),
    }
    return texts[term]


class HelpButton(QToolButton):
    """A small "?" beside a term: its explanation on hover, on click and for screen readers."""

    def __init__(self, term: Term, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.term = term
        self.setObjectName(f"help_{term.value}")
        self.setText("?")
        self.setAutoRaise(True)
        title = term_title(term)
        self.explanation = f"<b>{title}</b><br>{term_help(term)}"
        self.setToolTip(self.explanation)
        self.setAccessibleName(self.tr("What is “%1”?").replace("%1", title))
        self.setAccessibleDescription(term_help(term))
        self.clicked.connect(self.explain)

    def explain(self) -> None:
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), self.explanation, self)


def with_help(field: QWidget, term: Term, parent: QWidget | None = None) -> QHBoxLayout:
    """``field`` followed by the "?" of ``term``, as one row for a form or grid."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    row.addWidget(HelpButton(term, parent))
    return row
