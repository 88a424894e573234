"""The job list: a thin adapter over plain :class:`Job` rows."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush

from desktop_app.core.models import find_model, is_legacy_model
from desktop_app.providers.types import ACTIVE_STATUSES, Job
from desktop_app.ui.colours import Tone, tone
from desktop_app.ui.row_table_model import RowTableModel
from desktop_app.ui.widgets import begin_filter_change, end_filter_change

COL_CREATED, COL_NAME, COL_STATUS, COL_BASE, COL_FINISHED, COL_TOKENS, COL_MODEL = range(7)
COLUMN_COUNT = 7
JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
JOB_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

_STATUS_TONES = {
    "succeeded": Tone.SUCCESS,
    "failed": Tone.ERROR,
    "cancelled": Tone.MUTED,
    "validating_files": Tone.INFO,  # on its way, like a running job
    "queued": Tone.INFO,
    "running": Tone.INFO,
    "paused": Tone.WARNING,
}


def status_text(status: str) -> str:
    texts = {
        "validating_files": QCoreApplication.translate("Jobs", "Checking file"),
        "queued": QCoreApplication.translate("Jobs", "Queued"),
        "running": QCoreApplication.translate("Jobs", "Training"),
        "paused": QCoreApplication.translate("Jobs", "Paused"),
        "succeeded": QCoreApplication.translate("Jobs", "Succeeded"),
        "failed": QCoreApplication.translate("Jobs", "Failed"),
        "cancelled": QCoreApplication.translate("Jobs", "Cancelled"),
    }
    return texts.get(status, status)  # a status we don't know is shown as the service says it


def format_time(timestamp: int | None) -> str:
    """Local time as 2026-11-25 14:03:09; by hand, as strftime imports a module on every call (a job's
    10,000 events took 40 ms, with PySide's import hook in the way)."""
    if not timestamp:
        return ""
    t = time.localtime(timestamp)
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d} {t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}"


def list_time(timestamp: int | None, *, now: float | None = None) -> str:
    """A time as the job list shows it, short: 11-25 14:03 this year, 2025-11-25 before (whole in the tooltip
    and the details)."""
    if not timestamp:
        return ""
    t = time.localtime(timestamp)
    if t.tm_year == time.localtime(now).tm_year:
        return f"{t.tm_mon:02d}-{t.tm_mday:02d} {t.tm_hour:02d}:{t.tm_min:02d}"
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"


def base_model_name(model_id: str) -> str:
    """A base model as the list shows it: the catalogue's name (GPT-4o mini), else the service's id."""
    info = find_model(model_id)
    return info.display_name if info is not None and not is_legacy_model(model_id) else model_id


def job_title(job: Job) -> str:
    return job.suffix or job.model


class JobsTableModel(RowTableModel[Job]):
    column_count = COLUMN_COUNT

    def set_jobs(self, jobs: list[Job]) -> None:
        """Update in place when the same jobs come back in the same order (the usual poll), else reset."""
        if [j.id for j in jobs] == [j.id for j in self._rows]:
            changed = [row for row, (old, new) in enumerate(zip(self._rows, jobs, strict=True)) if old != new]
            self._rows = list(jobs)
            if changed:  # one signal for the span: the view repaints once, not once per changed job
                self.dataChanged.emit(
                    self.index(changed[0], 0), self.index(changed[-1], self.columnCount() - 1)
                )
            return
        self.beginResetModel()
        self._rows = list(jobs)
        self.endResetModel()

    def upsert(self, job: Job) -> None:
        for row, existing in enumerate(self._rows):
            if existing.id == job.id:
                self._rows[row] = job
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, job)
        self.endInsertRows()

    def jobs(self) -> list[Job]:
        return list(self._rows)

    def row_of(self, job_id: str) -> int | None:
        return next((row for row, j in enumerate(self._rows) if j.id == job_id), None)

    def any_active(self) -> bool:
        return any(job.is_active for job in self._rows)

    def job(self, row: int) -> Job:
        return self._rows[row]

    def column_titles(self) -> dict[int, str]:
        return {
            COL_CREATED: self.tr("Created"),
            COL_NAME: self.tr("Name"),
            COL_STATUS: self.tr("Status"),
            COL_BASE: self.tr("Base model"),
            COL_FINISHED: self.tr("Finished"),
            COL_TOKENS: self.tr("Trained tokens"),
            COL_MODEL: self.tr("Trained model"),
        }

    def cell(self, job: Job, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_CREATED:
                return list_time(job.created_at)
            if column == COL_NAME:
                return job_title(job)
            if column == COL_STATUS:
                return status_text(job.status)
            if column == COL_BASE:
                return base_model_name(job.model)
            if column == COL_FINISHED:
                return list_time(job.finished_at)
            if column == COL_TOKENS:
                return f"{job.trained_tokens:,}" if job.trained_tokens is not None else ""
            if column == COL_MODEL:
                return job.fine_tuned_model or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_TOKENS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            times = format_time(job.created_at)
            if job.finished_at:
                times += " → " + format_time(job.finished_at)
            return f"{job.id}\n{job.model}\n{times}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            status_tone = _STATUS_TONES.get(job.status)
            colour = tone(status_tone) if status_tone is not None else None
            return QBrush(colour) if colour else None
        if role == JOB_ID_ROLE:
            return job.id
        if role == JOB_ROLE:
            return job
        return None


STATUS_GROUPS: dict[str, frozenset[str] | None] = {
    "all": None,
    "active": ACTIVE_STATUSES,
    "succeeded": frozenset({"succeeded"}),
    "failed": frozenset({"failed"}),
    "cancelled": frozenset({"cancelled"}),
}


class JobsFilterProxy(QSortFilterProxyModel):
    """The jobs the search box and the status filter let through (1,000 jobs: a few ms per keystroke)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._needle = ""
        self._statuses: frozenset[str] | None = None

    def set_search(self, text: str) -> None:
        begin_filter_change(self)
        self._needle = text.strip().casefold()
        end_filter_change(self)

    def set_status_group(self, group: str) -> None:
        begin_filter_change(self)
        self._statuses = STATUS_GROUPS[group]
        end_filter_change(self)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, JobsTableModel) or source_row >= model.rowCount():
            return True
        job = model.job(source_row)
        if self._statuses is not None and not (
            job.status in self._statuses or (self._statuses is ACTIVE_STATUSES and not job.is_terminal)
        ):
            return False
        if not self._needle:
            return True
        haystack = " ".join(
            (
                job.id,
                job.model,
                job.suffix or "",
                job.fine_tuned_model or "",
                job.status,
                status_text(job.status),
            )
        ).casefold()
        return self._needle in haystack
