"""The job's story (:func:`desktop_app.providers.story.job_story`) in the user's language, as a timeline."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop_app.providers.story import StoryLine
from desktop_app.ui.colours import Tone, tone_css
from desktop_app.ui.jobs.jobs_model import format_time

_LEVEL_TONES = {"error": Tone.ERROR, "warning": Tone.WARNING}
_MARKS = {
    "succeeded": "✔",
    "enabled": "✔",
    "failed": "✖",
    "cancelled": "■",
    "paused": "⏸",
    "epoch": "●",
    "checkpoint": "◆",
    "model_created": "★",
}


def story_text(line: StoryLine) -> str:
    """One line of the story in the user's language (the service's own words for what it is not known for)."""
    p = line.params
    kind = line.kind
    if kind == "created":
        return QCoreApplication.translate("JobStory", "Job created")
    if kind == "cost":
        money = _money(p.get("amount", ""), p.get("currency", "USD"))
        if p.get("estimate"):
            return QCoreApplication.translate(
                "JobStory", "Training cost about %1 (at the app's prices)"
            ).replace("%1", money)
        return QCoreApplication.translate("JobStory", "Training costs %1").replace("%1", money)
    if kind == "validating":
        return QCoreApplication.translate("JobStory", "Checking the training file")
    if kind == "validated":
        return QCoreApplication.translate(
            "JobStory", "The files passed the service's checks; the job waits in the queue"
        )
    if kind == "queued":
        number = p.get("queue_number")
        if number:
            return QCoreApplication.translate("JobStory", "In the queue, place %1").replace("%1", number)
        return QCoreApplication.translate("JobStory", "In the queue")
    if kind == "started":
        return QCoreApplication.translate("JobStory", "Training started")
    if kind == "epoch":
        return (
            QCoreApplication.translate("JobStory", "Finished pass %1 of %2 over the examples (epoch)")
            .replace("%1", p.get("epoch", "?"))
            .replace("%2", p.get("epochs", "?"))
        )
    if kind == "checkpoint":
        return QCoreApplication.translate("JobStory", "Saved a checkpoint at step %1").replace(
            "%1", p.get("step", "?")
        )
    if kind == "model_created":
        return QCoreApplication.translate("JobStory", "New model created: %1").replace(
            "%1", p.get("model", "")
        )
    if kind == "evaluating":
        return QCoreApplication.translate(
            "JobStory", "The service checks the new model against its usage policies"
        )
    if kind == "enabled":
        return QCoreApplication.translate("JobStory", "The model passed the checks and can be used")
    if kind == "succeeded":
        return QCoreApplication.translate("JobStory", "Training succeeded")
    if kind == "failed":
        reason = p.get("reason", "")
        return (
            QCoreApplication.translate("JobStory", "Training failed: %1").replace("%1", reason)
            if reason
            else QCoreApplication.translate("JobStory", "Training failed")
        )
    if kind == "cancelled":
        return QCoreApplication.translate("JobStory", "Training was cancelled")
    if kind == "paused":
        return QCoreApplication.translate("JobStory", "Training paused")
    if kind == "resumed":
        return QCoreApplication.translate("JobStory", "Training resumed")
    return p.get("text") or line.text


def _money(amount: str, currency: str) -> str:
    return f"${amount}" if currency == "USD" else f"{currency} {amount}"


class StoryView(QTextBrowser):
    """The story as a list of dated lines; rebuilt only when it changed (it is a few dozen lines)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("jobStory")
        self._shown: tuple[StoryLine, ...] = ()
        self._placeholder = ""

    def show_story(self, lines: Sequence[StoryLine], *, placeholder: str = "") -> None:
        story = tuple(lines)
        if story == self._shown and placeholder == self._placeholder and (story or self.toPlainText()):
            return
        self._shown, self._placeholder = story, placeholder
        if not story:
            self.setHtml(f"<p style='color:gray'>{html.escape(placeholder)}</p>")
            return
        rows = []
        for line in story:
            level_tone = _LEVEL_TONES.get(line.level)
            colour = tone_css(level_tone) if level_tone is not None else None
            mark = _MARKS.get(line.kind, "·")
            text = html.escape(story_text(line))
            style = f" style='color:{colour}'" if colour else ""
            rows.append(
                f"<tr><td style='color:gray; padding-right:10px; white-space:nowrap'>"
                f"{html.escape(format_time(line.at))}</td>"
                f"<td style='padding-right:6px'>{mark}</td><td{style}>{text}</td></tr>"
            )
        self.setHtml("<table cellspacing='2'>" + "".join(rows) + "</table>")
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def story_lines(self) -> list[str]:
        """The lines as shown, for tests and copying."""
        return [story_text(line) for line in self._shown]
