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
    events_supported: bool = True
    selected_error: Exception | None = field(default=None, compare=False)


class JobWatch:
    """Lists jobs and follows the selected one's events incrementally (only new events each tick)."""

    def __init__(self, provider: TrainingProvider, *, page_size: int = 50) -> None:
        self._provider = provider
        self._page_size = page_size
        self._lock = threading.Lock()
        self._selected_id: str | None = None
        self._newest_event: dict[str, str | None] = {}

    def select(self, job_id: str | None) -> None:
        """Called from the UI thread; the next fetch follows this job (from its first event)."""
        with self._lock:
            self._selected_id = job_id
            if job_id is not None:
                self._newest_event[job_id] = None

    @property
    def selected_id(self) -> str | None:
        with self._lock:
            return self._selected_id

    def fetch(self) -> JobsSnapshot:
        page = self._provider.list_jobs(limit=self._page_size)
        job_id = self.selected_id
        if job_id is None:
            return JobsSnapshot(page.items, page.has_more)
        selected = next((j for j in page.items if j.id == job_id), None)
        try:
            if selected is None:
                selected = self._provider.retrieve_job(job_id)
            events = self._fetch_events(job_id)
        except UnsupportedFeatureError:
            return JobsSnapshot(page.items, page.has_more, job_id, selected, (), events_supported=False)
        except Exception as exc:  # noqa: BLE001 - the list still arrived: show it and report the rest
            return JobsSnapshot(page.items, page.has_more, job_id, selected, selected_error=exc)
        return JobsSnapshot(page.items, page.has_more, job_id, selected, tuple(events))

    def _fetch_events(self, job_id: str) -> list[JobEvent]:
        if not self._provider.supports(Capability.EVENTS):
            raise UnsupportedFeatureError(Capability.EVENTS)
        with self._lock:
            newest = self._newest_event.get(job_id)
        events = self._provider.new_events(job_id, newest)
        with self._lock:
            # The user may have picked another job meanwhile; only advance this job's cursor.
            if events and self._selected_id == job_id:
                self._newest_event[job_id] = events[-1].id
        return events
