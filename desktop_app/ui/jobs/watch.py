"""What the jobs poller fetches on each tick. Plain Python, called from the poller's thread."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.errors import UnsupportedFeatureError
from desktop_app.providers.types import Capability, Job, JobEvent


@dataclass(frozen=True)
class JobsSnapshot:
    jobs: tuple[Job, ...]
    has_more: bool
    selected_id: str | None = None
    selected: Job | None = None
    new_events: tuple[JobEvent, ...] = ()
    cursor: str | None = None  # the newest event already shown when these were fetched
    events_supported: bool = True
    selected_error: Exception | None = field(default=None, compare=False)


class JobWatch:
    """Lists jobs and follows the selected one's events incrementally (only new events each tick).

    The poller thread only reads the event cursor; the UI thread moves it with :meth:`advance` when it has
    really shown the events, so a selection change in between can never make events go missing.
    """

    def __init__(self, provider: TrainingProvider, *, page_size: int = 50) -> None:
        self._provider = provider
        self._page_size = page_size
        self._lock = threading.Lock()
        self._selected_id: str | None = None
        self._cursor: dict[str, str | None] = {}

    def select(self, job_id: str | None) -> None:
        """Follow ``job_id`` from its first event on the next fetch."""
        with self._lock:
            self._selected_id = job_id
            if job_id is not None:
                self._cursor[job_id] = None

    @property
    def selected_id(self) -> str | None:
        with self._lock:
            return self._selected_id

    def advance(self, job_id: str, shown_from: str | None, newest: str) -> bool:
        """Record that events after ``shown_from`` up to ``newest`` are on screen; False if that is stale."""
        with self._lock:
            if self._selected_id != job_id or self._cursor.get(job_id) != shown_from:
                return False
            self._cursor[job_id] = newest
            return True

    def fetch(self) -> JobsSnapshot:
        page = self._provider.list_jobs(limit=self._page_size)
        with self._lock:
            job_id = self._selected_id
            cursor = self._cursor.get(job_id) if job_id is not None else None
        if job_id is None:
            return JobsSnapshot(page.items, page.has_more)
        selected = next((j for j in page.items if j.id == job_id), None)
        try:
            if selected is None:
                selected = self._provider.retrieve_job(job_id)
            events = (
                self._provider.new_events(job_id, cursor)
                if self._provider.supports(Capability.EVENTS)
                else None
            )
        except UnsupportedFeatureError:
            return JobsSnapshot(
                page.items, page.has_more, job_id, selected, cursor=cursor, events_supported=False
            )
        except Exception as exc:  # noqa: BLE001 - the list still arrived: show it and report the rest
            return JobsSnapshot(
                page.items, page.has_more, job_id, selected, cursor=cursor, selected_error=exc
            )
        if events is None:
            return JobsSnapshot(
                page.items, page.has_more, job_id, selected, cursor=cursor, events_supported=False
            )
        return JobsSnapshot(page.items, page.has_more, job_id, selected, tuple(events), cursor)
