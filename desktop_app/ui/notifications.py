"""Desktop notifications when a training job ends, also while the window is in the background.

Through the system tray (``QSystemTrayIcon.showMessage``) where there is one; elsewhere the window asks for
attention (``QApplication.alert``: a flashing task-bar entry). Clicking the notification calls back with the
job it was about, so the window can open it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from desktop_app.providers.types import Job
from desktop_app.ui.jobs.jobs_model import job_title

NOTIFICATION_MS = 10_000


@dataclass(frozen=True)
class Notification:
    title: str
    text: str
    job_id: str
    critical: bool


class JobNotifier(QObject):
    """Says when a job ended; ``on_open(job_id)`` runs when the user clicks the notification."""

    def __init__(self, window: QWidget, on_open: Callable[[str], None], icon: QIcon) -> None:
        super().__init__(window)
        self._window = window
        self._on_open = on_open
        self.shown: list[Notification] = []  # every notification given, newest last
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip(self.tr("FineTune Desk"))
            self._tray.messageClicked.connect(self.open_last)
            self._tray.activated.connect(lambda _reason: self.open_last())
            self._tray.show()

    @property
    def uses_tray(self) -> bool:
        return self._tray is not None

    def job_finished(self, job: Job) -> Notification:
        name = job_title(job)
        if job.status == "succeeded":
            title = self.tr("Training finished")
            text = self.tr("“%1” is ready: %2").replace("%1", name).replace("%2", job.fine_tuned_model or "")
        elif job.status == "failed":
            title = self.tr("Training failed")
            reason = job.error.message if job.error is not None else ""
            text = self.tr("“%1” failed: %2").replace("%1", name).replace("%2", reason) if reason else name
        else:
            title = self.tr("Training cancelled")
            text = self.tr("“%1” was cancelled.").replace("%1", name)
        note = Notification(title, text, job.id, job.status == "failed")
        self.shown.append(note)
        if self._tray is not None:
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if note.critical
                else QSystemTrayIcon.MessageIcon.Information
            )
            self._tray.showMessage(title, text, icon, NOTIFICATION_MS)
        elif not self._window.isActiveWindow():
            QApplication.alert(self._window)
        return note

    def open_last(self) -> None:
        """What a click on the notification does: open the job it was about."""
        if self.shown:
            self._on_open(self.shown[-1].job_id)

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()
