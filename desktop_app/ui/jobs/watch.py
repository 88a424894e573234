"""What the jobs poller fetches on each tick. Plain Python, called from the poller's thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.errors import ProviderError, UnsupportedFeatureError
from desktop_app.providers.metrics import (
    MetricPoint,
    ResultFileError,
    merge_metrics,
    metrics_from_events,
    parse_result_csv,
)
from desktop_app.providers.story import StoryLine, job_story, progress
from desktop_app.providers.types import Capability, Job, JobEvent

log = logging.getLogger(__name__)


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
    story: tuple[StoryLine, ...] = ()  # the selected job's story so far, oldest first
    metrics: tuple[MetricPoint, ...] = ()  # its loss and accuracy by step (events, then the result file)
    progress: tuple[int, int] | None = None  # (step, total steps) when known


@dataclass
class _Followed:
    """What the watch has gathered about one job: every event seen, and its result file's metrics."""

    events: dict[str, JobEvent] = field(default_factory=dict)
    result_metrics: list[MetricPoint] | None = None  # None: not fetched (yet)
    story: tuple[StoryLine, ...] = ()
    metrics: tuple[MetricPoint, ...] = ()
    progress: tuple[int, int] | None = None
    status: str = ""


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
        self._followed: dict[str, _Followed] = {}  # only ever touched by the poller's thread

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
        events: list[JobEvent] | None = None
        error: Exception | None = None
        try:
            if selected is None:
                selected = self._provider.retrieve_job(job_id)
            if self._provider.supports(Capability.EVENTS):
                events = self._provider.new_events(job_id, cursor)
        except UnsupportedFeatureError:
            events = None
        except Exception as exc:  # noqa: BLE001 - the list still arrived: show it and report the rest
            error = exc
        if selected is None:
            return JobsSnapshot(page.items, page.has_more, job_id, None, cursor=cursor, selected_error=error)
        followed = self._follow(selected, events or ())
        return JobsSnapshot(
            page.items,
            page.has_more,
            job_id,
            selected,
            tuple(events or ()),
            cursor,
            events_supported=events is not None or error is not None,
            selected_error=error,
            story=followed.story,
            metrics=followed.metrics,
            progress=followed.progress,
        )

    def _follow(self, job: Job, fresh: Sequence[JobEvent]) -> _Followed:
        """Take ``fresh`` events of ``job`` in; retell its story and redraw its metrics only when it moved on.

        Here, in the poller's thread: with thousands of events, the story takes longer than a frame.
        """
        followed = self._followed.get(job.id)
        if followed is None:
            self._followed = {job.id: _Followed()}  # one job at a time: the selected one
            followed = self._followed[job.id]
        known = len(followed.events)
        for event in fresh:
            followed.events[event.id] = event
        fetched = self._fetch_result_metrics(job, followed)
        if len(followed.events) != known or job.status != followed.status or fetched or not followed.story:
            events = list(followed.events.values())
            followed.story = tuple(job_story(job, events))
            live = metrics_from_events(events)
            final = followed.result_metrics or []
            followed.metrics = tuple(merge_metrics(live, final) if final else live)
            followed.progress = progress(job, events)
            followed.status = job.status
        return followed

    def _fetch_result_metrics(self, job: Job, followed: _Followed) -> bool:
        """Once the job is done: the result file's metrics (the whole curve, also steps no event reported)."""
        if (
            followed.result_metrics is not None
            or job.status != "succeeded"
            or not job.result_files
            or not self._provider.supports(Capability.RESULT_FILES)
        ):
            return False
        try:
            content = self._provider.fetch_file_content(job.result_files[0])
            followed.result_metrics = parse_result_csv(content)
        except UnsupportedFeatureError:
            followed.result_metrics = []
        except ResultFileError as exc:
            log.warning("the result file of %s could not be read: %s", job.id, exc)
            followed.result_metrics = []
        except ProviderError as exc:
            if not exc.is_transient:
                followed.result_metrics = []  # e.g. deleted: the events' metrics stay
            return False
        return True
