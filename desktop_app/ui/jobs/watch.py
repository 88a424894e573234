"""What the jobs poller fetches on each tick. Plain Python, called from the poller's thread.

The first tick lists every job of the account, page by page; later ticks read the newest page and look again
at the active jobs beyond it, so a tick costs a request or two however many jobs there are. The selected job's
events are fetched incrementally: only those newer than the newest one already seen. What was fetched goes to
the :class:`~desktop_app.storage.jobs_cache.JobsCache`, and when the service cannot be reached the snapshot is
built from it instead (``offline``), so the tab shows the last known state, saying how old it is.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.prices import PriceTable
from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError
from desktop_app.providers.metrics import (
    MetricPoint,
    ResultFileError,
    merge_metrics,
    metrics_from_events,
    parse_result_csv,
)
from desktop_app.providers.story import StoryLine, job_story, progress, trained_cost
from desktop_app.providers.types import Capability, Checkpoint, Job, JobEvent
from desktop_app.storage.jobs_cache import JobsCache
from desktop_app.ui.gc_guard import gc_paused

log = logging.getLogger(__name__)

PAGE_SIZE = 100
STEADY_PAGE_SIZE = 10  # later looks: the newest jobs only (the SDK takes ~1 ms to read each job)
MAX_PAGES = 200  # 20,000 jobs: a safety net against a service whose cursor never ends
LIST_EVERY_TICKS = 10  # while jobs train, the newest jobs (started elsewhere) are read every 10th tick
JOB_EVERY_TICKS = 3  # a followed job whose new events tell only of steps is itself read every 3rd tick
KEEP_OUT_OF_SIGHT_EVENTS = 2_000
"""A history at least this long, read at once, is moved out of the garbage collector's sight."""
MAX_EVENT_PAGES = 1_000  # a job's whole history (100,000 events) the first time it is opened


@dataclass(frozen=True)
class JobsSnapshot:
    jobs: tuple[Job, ...]  # every job known, newest first
    complete: bool = True  # False while older pages could not be listed yet
    selected_id: str | None = None
    selected: Job | None = None
    new_events: tuple[JobEvent, ...] = ()
    cursor: str | None = None  # the newest event already shown when these were fetched
    events_supported: bool = True
    selected_error: Exception | None = field(default=None, compare=False)
    story: tuple[StoryLine, ...] = ()  # the selected job's story so far, oldest first
    metrics: tuple[MetricPoint, ...] = ()  # its loss and accuracy by step (events, then the result file)
    progress: tuple[int, int] | None = None  # (step, total steps) when known
    checkpoints: tuple[Checkpoint, ...] = ()  # the selected job's, by step
    jobs_changed: bool = True  # False: the list is the one the last snapshot gave
    jobs_version: int = 0  # goes up whenever the list changes (a view that missed a tick can tell)
    fetched_at: float | None = None  # when the list was last read from the service
    offline_error: Exception | None = field(default=None, compare=False)  # set: this came from the cache
    # Jobs the app created (JobWatch.add_created) that this fetch knew of from its start. A fetch that began
    # before a job was created may end after: its list lacks the job without saying anything about it.
    created_taken_in: frozenset[str] = frozenset()


@dataclass
class _Followed:
    """What the watch has gathered about one job: every event seen, and its result file's metrics."""

    events: dict[str, JobEvent] = field(default_factory=dict)
    newest: str | None = None  # the newest event id known (from the cache or the service)
    from_cache: bool = False  # the cached events were read
    result_metrics: list[MetricPoint] | None = None  # None: not fetched (yet)
    story: tuple[StoryLine, ...] = ()
    metrics: tuple[MetricPoint, ...] = ()
    progress: tuple[int, int] | None = None
    status: str = ""
    checkpoints: tuple[Checkpoint, ...] = ()
    checkpoints_for: int = -1  # how many checkpoint lines the story had when they were last fetched
    ended_events: bool = False  # its events were fetched after it ended: all of them are known
    ticks_unread: int = 0  # ticks since the job itself was last read (its events were, each tick)


class JobWatch:
    """Lists jobs and follows the selected one's events incrementally (only new events each tick).

    The poller thread only reads the event cursor; the UI thread moves it with :meth:`advance` when it has
    really shown the events, so a selection change in between can never make events go missing.
    """

    def __init__(
        self,
        provider: TrainingProvider,
        *,
        cache: JobsCache | None = None,
        profile_id: str = "",
        page_size: int = PAGE_SIZE,
        clock: Callable[[], float] = time.time,
        prices: Callable[[], PriceTable] | None = None,
    ) -> None:
        """``prices``: the price table now (the user may edit it), for what a finished job cost."""
        self._provider = provider
        self._prices = prices
        self._cache = cache
        self._profile = profile_id
        self._page_size = page_size
        self._clock = clock
        self._lock = threading.Lock()
        self._selected_id: str | None = None
        self._cursor: dict[str, str | None] = {}
        self._created: list[
            Job
        ] = []  # made by the app since the last tick: listed before the service lists them
        # Only ever touched by the poller's thread:
        self._jobs: dict[str, Job] = {}
        self._active: set[str] = set()  # ids of the jobs in _jobs that are active (a tick asks about them)
        self._complete = False
        self._fetched_at: float | None = None
        self._followed: dict[str, _Followed] = {}
        self._offline_now = False
        self._ticks_since_list = 0
        self._version = 0  # of the job list: bumped when a job comes, goes or changes
        self._changed = True
        self._sorted: tuple[Job, ...] | None = None
        self._reported_version = -1

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

    def shown_cursor(self, job_id: str) -> str | None:
        """The newest of ``job_id``'s events the view has shown (None: none yet)."""
        with self._lock:
            return self._cursor.get(job_id) if self._selected_id == job_id else None

    def advance(self, job_id: str, shown_from: str | None, newest: str) -> bool:
        """Record that events after ``shown_from`` up to ``newest`` are on screen; False if that is stale."""
        with self._lock:
            if self._selected_id != job_id or self._cursor.get(job_id) != shown_from:
                return False
            self._cursor[job_id] = newest
            return True

    def add_created(self, job: Job) -> None:
        """A job this app just created: part of the list from the next tick on, even one that does not read
        the service's newest page (otherwise it would vanish from the list until a tick does)."""
        with self._lock:
            self._created.append(job)

    def reload(self) -> None:
        """List every job again on the next fetch (the user asked to refresh)."""
        self._complete = False

    # ---- the poller's side ----------------------------------------------------------------------------------
    def fetch(self) -> JobsSnapshot:
        with self._lock:
            job_id = self._selected_id
            cursor = self._cursor.get(job_id) if job_id is not None else None
            created, self._created = self._created, []
        self._taken_in = frozenset(job.id for job in created)
        for job in created:
            if job.id not in self._jobs:
                self._remember(job)
        read_later = self._reads_events_first(job_id)
        try:
            self._refresh_list(skip=job_id if read_later else None)
        except ProviderError as exc:
            if self._cache is None or not _is_offline(exc):
                raise
            return self._offline(exc, job_id, cursor)
        jobs = self._ordered()
        if job_id is None:
            return self._snapshot(jobs, self._complete)
        # The first look at a job may read a long history (10,000 events, from the cache or the service): no
        # garbage collection meanwhile, and what it made, which lives while the job is followed, is moved out
        # of the collector's sight (else the next collections, on the UI thread, walk all of it: ~30 ms).
        with gc_paused() as pause:
            snapshot = self._fetch_selected(job_id, cursor, read_later)
            pause.keep = len(snapshot.new_events) >= KEEP_OUT_OF_SIGHT_EVENTS
        return snapshot

    def _fetch_selected(self, job_id: str, cursor: str | None, read_later: bool) -> JobsSnapshot:
        selected = self._jobs.get(job_id)
        events: list[JobEvent] | None = None
        error: Exception | None = None
        followed = self._followed_job(job_id)
        try:
            if selected is None:
                selected = self._provider.retrieve_job(job_id)
                self._remember(selected)
            if self._provider.supports(Capability.EVENTS):
                fresh: list[JobEvent] = []
                if not followed.ended_events:  # a job that ended logs nothing more: no need to ask again
                    ended = selected.is_terminal
                    fresh = self._provider.new_events(
                        job_id, cursor or followed.newest, max_pages=MAX_EVENT_PAGES
                    )
                    followed.ended_events = ended
                self._cache_events(job_id, fresh)
                if read_later and any(event.type != "metrics" for event in fresh):
                    selected = self._provider.retrieve_job(job_id)  # more than a step: status, model, ...
                    self._remember(selected)
                    followed.ticks_unread = 0
                # Shown for the first time since the selection: the cached history comes first.
                events = (list(followed.events.values()) if cursor is None else []) + fresh
                if cursor is None and followed.events:
                    events = _unique(events)
        except UnsupportedFeatureError:
            events = None
        except ProviderError as exc:
            if exc.kind is ErrorKind.NOT_FOUND:  # the job itself: its events' 404 is checked against it
                self._forget(job_id)
                selected = None
            error = exc
        except Exception as exc:  # noqa: BLE001 - the list still arrived: show it and report the rest
            error = exc
        if selected is None:
            return self._snapshot(
                self._ordered(), self._complete, selected_id=job_id, cursor=cursor, selected_error=error
            )
        self._follow(followed, selected, events or ())
        return self._snapshot(
            self._ordered(),
            self._complete,
            selected_id=job_id,
            selected=selected,
            new_events=tuple(events or ()),
            cursor=cursor,
            events_supported=events is not None or error is not None,
            selected_error=error,
            story=followed.story,
            metrics=followed.metrics,
            progress=followed.progress,
            checkpoints=followed.checkpoints,
        )

    def _reads_events_first(self, job_id: str | None) -> bool:
        """Whether this tick reads the followed job's events alone, and the job only if they say more
        than training steps. While a job trains, each look then costs one request, not two: its status,
        model and errors come with events of their own, and it is read anyway every JOB_EVERY_TICKS ticks
        (for its estimated finish, and for services that log less)."""
        if job_id is None or not self._complete or not self._provider.supports(Capability.EVENTS):
            return False
        job = self._jobs.get(job_id)
        followed = self._followed.get(job_id)
        if job is None or job.status != "running" or followed is None or followed.ended_events:
            return False
        followed.ticks_unread += 1
        if followed.ticks_unread >= JOB_EVERY_TICKS:
            followed.ticks_unread = 0
            return False
        return True

    def _refresh_list(self, *, skip: str | None = None) -> None:
        """Every job on the first fetch; later the newest page, and the active jobs beyond it one by one
        (``skip``: all but that one, whose events are read first)."""
        if not self._complete:
            listed: dict[str, Job] = {}
            after: str | None = None
            for _ in range(MAX_PAGES):
                page = self._provider.list_jobs(after=after, limit=self._page_size)
                listed.update((job.id, job) for job in page.items)
                after = page.next_after
                if after is None:
                    break
            self._changed = listed != self._jobs
            self._set_jobs(listed)
            self._complete = True
            self._fetched_at = self._clock()
            if self._cache is not None:
                self._cache.save_jobs(
                    self._profile, list(listed.values()), complete=True, fetched_at=self._fetched_at
                )
            return
        # While jobs train, each tick looks at them alone; the newest page (jobs started elsewhere) is read
        # every few ticks, and on every tick when nothing trains (ticks are slow then).
        fresh: list[Job] = []
        self._ticks_since_list += 1
        if self._ticks_since_list >= LIST_EVERY_TICKS or not self._active:
            self._ticks_since_list = 0
            cursor: str | None = None
            for _ in range(MAX_PAGES):  # older pages only while every job on one is new to us
                page = self._provider.list_jobs(after=cursor, limit=STEADY_PAGE_SIZE)
                fresh.extend(page.items)
                cursor = page.next_after
                if cursor is None or any(job.id in self._jobs for job in page.items):
                    break
        seen = {job.id for job in fresh}
        for job_id in sorted(self._active - seen - {skip}):
            try:
                fresh.append(self._provider.retrieve_job(job_id))
                seen.add(job_id)
            except ProviderError as exc:
                if exc.kind is not ErrorKind.NOT_FOUND:
                    raise
                self._forget(job_id)  # deleted on the service
        for job in fresh:
            if self._jobs.get(job.id) != job:
                self._put(job)
                self._changed = True
        self._fetched_at = self._clock()
        if self._cache is not None:
            self._cache.save_jobs(self._profile, fresh, complete=False, fetched_at=self._fetched_at)

    def _offline(self, exc: ProviderError, job_id: str | None, cursor: str | None) -> JobsSnapshot:
        """The last known state, from the cache: the service cannot be reached."""
        assert self._cache is not None
        self._offline_now = True
        try:
            return self._offline_snapshot(exc, job_id, cursor)
        finally:
            self._offline_now = False

    def _offline_snapshot(self, exc: ProviderError, job_id: str | None, cursor: str | None) -> JobsSnapshot:
        assert self._cache is not None
        if not self._jobs:
            cached = self._cache.load_jobs(self._profile)
            self._set_jobs({job.id: job for job in cached.jobs})
            self._fetched_at = cached.fetched_at
        jobs = self._ordered()
        selected = self._jobs.get(job_id) if job_id is not None else None
        if selected is None or job_id is None:
            return self._snapshot(jobs, False, selected_id=job_id, offline_error=exc)
        followed = self._followed_job(job_id)
        events = list(followed.events.values()) if cursor is None else []
        self._follow(followed, selected, ())
        return self._snapshot(
            jobs,
            False,
            selected_id=job_id,
            selected=selected,
            new_events=tuple(events),
            cursor=cursor,
            story=followed.story,
            metrics=followed.metrics,
            progress=followed.progress,
            checkpoints=followed.checkpoints,
            offline_error=exc,
        )

    def _ordered(self) -> tuple[Job, ...]:
        if self._changed or self._sorted is None:
            self._sorted = tuple(
                sorted(self._jobs.values(), key=lambda job: (job.created_at, job.id), reverse=True)
            )
            self._version += 1
            self._changed = False
        return self._sorted

    def _snapshot(self, jobs: tuple[Job, ...], complete: bool, **rest: Any) -> JobsSnapshot:
        """A snapshot saying whether the list changed since the last one (most ticks change nothing)."""
        changed = self._version != self._reported_version
        self._reported_version = self._version
        return JobsSnapshot(
            jobs,
            complete,
            jobs_changed=changed,
            jobs_version=self._version,
            fetched_at=self._fetched_at,
            created_taken_in=self._taken_in,
            **rest,
        )

    def _put(self, job: Job) -> None:
        self._jobs[job.id] = job
        if job.is_active:
            self._active.add(job.id)
        else:
            self._active.discard(job.id)

    def _set_jobs(self, jobs: dict[str, Job]) -> None:
        self._jobs = jobs
        self._active = {job.id for job in jobs.values() if job.is_active}

    def _remember(self, job: Job) -> None:
        if self._jobs.get(job.id) != job:
            self._changed = True
        self._put(job)
        if self._cache is not None:
            self._cache.save_job(self._profile, job, fetched_at=self._clock())

    def _forget(self, job_id: str) -> None:
        self._active.discard(job_id)
        if self._jobs.pop(job_id, None) is not None:
            self._changed = True
        self._followed.pop(job_id, None)
        if self._cache is not None:
            self._cache.forget_job(self._profile, job_id)

    def _followed_job(self, job_id: str) -> _Followed:
        followed = self._followed.get(job_id)
        if followed is None:
            followed = _Followed()
            self._followed = {job_id: followed}  # one job at a time: the selected one
        if not followed.from_cache and self._cache is not None:
            followed.from_cache = True
            for event in self._cache.load_events(self._profile, job_id):
                followed.events[event.id] = event
            followed.newest = self._cache.newest_event_id(self._profile, job_id)
            followed.checkpoints = tuple(self._cache.load_checkpoints(self._profile, job_id))
        return followed

    def _fetch_checkpoints(self, job: Job, followed: _Followed) -> None:
        """The job's checkpoints, asked for again only when its story tells of a new one (or it ended)."""
        told = sum(1 for line in followed.story if line.kind == "checkpoint") + (1 if job.is_terminal else 0)
        if told == followed.checkpoints_for or not self._provider.supports(Capability.CHECKPOINTS):
            return
        found: list[Checkpoint] = []
        after: str | None = None
        try:
            for _ in range(MAX_PAGES):
                page = self._provider.list_checkpoints(job.id, after=after, limit=100)
                found.extend(page.items)
                after = page.next_after
                if after is None:
                    break
        except UnsupportedFeatureError:
            return
        except ProviderError as exc:
            log.info("checkpoints of %s not fetched: %s", job.id, exc)
            return
        followed.checkpoints = tuple(sorted(found, key=lambda c: c.step))
        followed.checkpoints_for = told
        if self._cache is not None:
            self._cache.save_checkpoints(self._profile, job.id, followed.checkpoints)

    def _cache_events(self, job_id: str, fresh: Sequence[JobEvent]) -> None:
        if fresh and self._cache is not None:
            self._cache.add_events(self._profile, job_id, fresh)

    def _follow(self, followed: _Followed, job: Job, fresh: Sequence[JobEvent]) -> None:
        """Take ``fresh`` events of ``job`` in; retell its story and redraw its metrics only when it moved on.

        Here, in the poller's thread: with thousands of events, the story takes longer than a frame.
        """
        known = len(followed.events)
        for event in fresh:
            followed.events[event.id] = event
            followed.newest = event.id
        fetched = self._fetch_result_metrics(job, followed)
        if len(followed.events) != known or job.status != followed.status or fetched or not followed.story:
            prices = self._prices() if self._prices is not None else None
            followed.story, followed.metrics, followed.progress = _details(
                job, list(followed.events.values()), followed.result_metrics, prices
            )
            followed.status = job.status
        if not self._offline_now:
            self._fetch_checkpoints(job, followed)

    def _fetch_result_metrics(self, job: Job, followed: _Followed) -> bool:
        """Once the job is done: the result file's metrics (the whole curve, also steps no event reported)."""
        if (
            followed.result_metrics is not None
            or job.status != "succeeded"
            or not job.result_files
            or not self._provider.supports(Capability.RESULT_FILES)
        ):
            return False
        file_id = job.result_files[0]
        content = self._cache.load_file_content(self._profile, file_id) if self._cache is not None else None
        try:
            if content is None:
                content = self._provider.fetch_file_content(file_id)
                if self._cache is not None:
                    self._cache.save_file_content(self._profile, file_id, content)
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


def _details(
    job: Job, events: list[JobEvent], result_metrics: list[MetricPoint] | None, prices: PriceTable | None
) -> tuple[tuple[StoryLine, ...], tuple[MetricPoint, ...], tuple[int, int] | None]:
    """The job's story, its metrics (the events', then the result file's) and its progress."""
    cost = trained_cost(job, prices) if prices is not None else None
    live = metrics_from_events(events)
    metrics = merge_metrics(live, result_metrics) if result_metrics else live
    return tuple(job_story(job, events, cost=cost)), tuple(metrics), progress(job, events)


def cached_details(
    cache: JobsCache, profile_id: str, job: Job, prices: PriceTable | None = None
) -> JobsSnapshot:
    """The job as last seen, from the cache alone (no network): shown at once when it is selected, before the
    service answers, or while it cannot be reached. ``new_events`` holds its whole cached history."""
    events = cache.load_events(profile_id, job.id)
    checkpoints = tuple(cache.load_checkpoints(profile_id, job.id))
    if not events and not checkpoints:
        return JobsSnapshot(jobs=(), selected_id=job.id, selected=job, jobs_changed=False)  # nothing was kept
    result_metrics: list[MetricPoint] | None = None
    content = cache.load_file_content(profile_id, job.result_files[0]) if job.result_files else None
    if content is not None:
        try:
            result_metrics = parse_result_csv(content)
        except ResultFileError:
            result_metrics = None
    story, metrics, steps = _details(job, events, result_metrics, prices)
    return JobsSnapshot(
        jobs=(),
        selected_id=job.id,
        selected=job,
        new_events=tuple(events),
        story=story,
        metrics=metrics,
        progress=steps,
        checkpoints=checkpoints,
        jobs_changed=False,
    )


def _is_offline(exc: ProviderError) -> bool:
    """The service is out of reach (not a refusal): the cache can stand in for it."""
    return exc.is_transient


def _unique(events: Sequence[JobEvent]) -> list[JobEvent]:
    seen: set[str] = set()
    kept = []
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            kept.append(event)
    return kept
