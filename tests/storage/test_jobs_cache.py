from __future__ import annotations

import itertools
import json
import logging
import random
import sys
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import MISSING, fields, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop_app.core.formats import LegacyFormat
from desktop_app.providers.types import Checkpoint, Hyperparameters, Job, JobError, JobEvent
from desktop_app.storage import jobs_cache
from desktop_app.storage.jobs_cache import MAX_FILE_CONTENT_BYTES, SCHEMA_VERSION, CachedJobs, JobsCache
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretRedactor, SecretStore

from .memory_keyring import MemoryKeyring
from .sqlite_helpers import raw_db, set_aside_files, user_version, warnings_from

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "finetune-desk-hypothesis")

PROFILE = "openai-main"
OTHER_PROFILE = "azure-work"
NOW = 1_750_000_000.5

FULL_JOB = Job(
    id="ftjob-full",
    model="gpt-4o-mini-2024-07-18",
    status="failed",
    created_at=1_700_000_000,
    training_file="file-train",
    fine_tuned_model="ft:gpt-4o-mini-2024-07-18:org::abc123",
    finished_at=1_700_003_600,
    error=JobError(code="invalid_training_file", message="第 3 行：缺少 completion", param="training_file"),
    validation_file="file-valid",
    result_files=("file-result-1", "file-result-2"),
    trained_tokens=123_456,
    estimated_finish=1_700_003_000,
    suffix="tea-bot",
    hyperparameters=Hyperparameters(n_epochs=3, batch_size=8, learning_rate_multiplier=1.8),
    method="dpo",
    beta=0.1,
    metadata={"项目": "茶舍", "team": "support"},
    seed=424242,
)
FULL_EVENT = JobEvent(
    id="ftevent-full",
    created_at=1_700_000_100,
    level="info",
    message="Step 10/100: training loss=0.52",
    type="metrics",
    data={"step": 10, "total_steps": 100, "train_loss": 0.52, "nested": {"list": [1, "二", None, True]}},
)
FULL_CHECKPOINT = Checkpoint(
    id="ftckpt-full",
    model="ft:gpt-4o-mini-2024-07-18:org::abc123:ckpt-step-10",
    step=10,
    created_at=1_700_000_200,
    metrics={"step": 10.0, "train_loss": 0.52, "full_valid_loss": 0.61},
)


def make_job(job_id: str, created_at: int = 1_700_000_000, **changes: object) -> Job:
    job = Job(id=job_id, model="gpt-4o-mini", status="running", created_at=created_at, training_file="file-t")
    return replace(job, **changes)


def make_event(event_id: str, created_at: int = 1_700_000_000, message: str = "") -> JobEvent:
    return JobEvent(id=event_id, created_at=created_at, level="info", message=message or f"event {event_id}")


def make_checkpoint(checkpoint_id: str, step: int) -> Checkpoint:
    return Checkpoint(
        id=checkpoint_id, model=f"ft:m:{checkpoint_id}", step=step, created_at=1_700_000_000 + step
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "jobs.sqlite3"


@pytest.fixture
def cache(db_path: Path) -> Iterator[JobsCache]:
    with JobsCache(db_path) as opened:
        yield opened


def warnings_from_cache(caplog: pytest.LogCaptureFixture) -> list[str]:
    return warnings_from(jobs_cache.__name__, caplog)


# Paths


def test_cache_file_lives_in_the_cache_dir(paths: AppPaths) -> None:
    assert paths.jobs_cache_file.parent == paths.cache_dir
    assert paths.jobs_cache_file not in paths.all_dirs()
    with JobsCache(paths.jobs_cache_file) as opened:
        assert not opened.in_memory
    assert paths.jobs_cache_file.is_file()


# Round trips


@pytest.mark.parametrize(
    "value", [FULL_JOB, FULL_JOB.error, FULL_JOB.hyperparameters, FULL_EVENT, FULL_CHECKPOINT]
)
def test_full_examples_set_every_field_away_from_its_default(value: object) -> None:
    """A field added to the types later must be added to these examples (and to the cache's readers)."""
    for item in fields(value):
        if item.default is not MISSING:
            assert getattr(value, item.name) != item.default, item.name
        if item.default_factory is not MISSING:
            assert getattr(value, item.name) != item.default_factory(), item.name


def test_job_with_every_field_set_round_trips(cache: JobsCache) -> None:
    cache.save_jobs(PROFILE, [FULL_JOB], complete=True, fetched_at=NOW)
    loaded = cache.load_jobs(PROFILE)
    assert loaded == CachedJobs(jobs=(FULL_JOB,), fetched_at=NOW, complete=True)
    assert loaded.jobs[0].error == FULL_JOB.error
    assert loaded.jobs[0].hyperparameters == FULL_JOB.hyperparameters


def test_job_with_defaults_round_trips(cache: JobsCache) -> None:
    job = make_job("ftjob-plain")
    cache.save_job(PROFILE, job, fetched_at=NOW)
    (loaded,) = cache.load_jobs(PROFILE).jobs
    assert loaded == job
    assert loaded.error is None
    assert loaded.hyperparameters == Hyperparameters()
    assert loaded.result_files == ()


def test_event_and_checkpoint_with_every_field_round_trip(cache: JobsCache) -> None:
    assert cache.add_events(PROFILE, FULL_JOB.id, [FULL_EVENT]) == 1
    cache.save_checkpoints(PROFILE, FULL_JOB.id, [FULL_CHECKPOINT])
    assert cache.load_events(PROFILE, FULL_JOB.id) == [FULL_EVENT]
    assert cache.load_events(PROFILE, FULL_JOB.id)[0].step == (10, 100)
    assert cache.load_checkpoints(PROFILE, FULL_JOB.id) == [FULL_CHECKPOINT]


texts = st.text(max_size=30)
ids = st.text(min_size=1, max_size=30)
optional_whole = st.none() | st.integers(min_value=0, max_value=2**53)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=12,
)
jobs_strategy = st.builds(
    Job,
    id=ids,
    model=texts,
    status=st.sampled_from(["validating_files", "queued", "running", "succeeded", "failed", "cancelled"])
    | texts,
    # Any size, even past SQLite's 64-bit integers: the ordering column is clamped, the JSON keeps the value.
    created_at=st.integers(),
    training_file=texts,
    fine_tuned_model=st.none() | texts,
    finished_at=optional_whole,
    error=st.none() | st.builds(JobError, code=texts, message=texts, param=st.none() | texts),
    validation_file=st.none() | texts,
    result_files=st.lists(ids, max_size=3).map(tuple),
    trained_tokens=optional_whole,
    estimated_finish=optional_whole,
    suffix=st.none() | texts,
    hyperparameters=st.builds(
        Hyperparameters,
        n_epochs=st.none() | st.integers(min_value=1, max_value=50),
        batch_size=st.none() | st.integers(min_value=1, max_value=256),
        learning_rate_multiplier=st.none() | st.floats(allow_nan=False, allow_infinity=False),
    ),
)
events_strategy = st.builds(
    JobEvent,
    id=ids,
    created_at=st.integers(min_value=0, max_value=2**40),
    level=st.sampled_from(["info", "warn", "error"]),
    message=texts,
    type=st.sampled_from(["message", "metrics"]) | texts,
    data=st.dictionaries(texts, json_values, max_size=4),
)
_profile_numbers = itertools.count()
# One cache for all the examples of a test (each example uses a profile of its own): opening a file per
# example would only slow the search.
_FIXTURE_REUSED = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@_FIXTURE_REUSED
@given(job=jobs_strategy)
def test_any_job_round_trips(cache: JobsCache, job: Job) -> None:
    profile = f"profile-{next(_profile_numbers)}"
    cache.save_job(profile, job, fetched_at=NOW)
    assert cache.load_jobs(profile).jobs == (job,)


@_FIXTURE_REUSED
@given(events=st.lists(events_strategy, max_size=5, unique_by=lambda event: event.id))
def test_any_events_round_trip_in_time_order(cache: JobsCache, events: list[JobEvent]) -> None:
    profile = f"profile-{next(_profile_numbers)}"
    assert cache.add_events(profile, "ftjob-1", events) == len(events)
    # Stable sort: events of the same second stay in the order they were added.
    assert cache.load_events(profile, "ftjob-1") == sorted(events, key=lambda event: event.created_at)


# Ordering and lists


def test_jobs_come_newest_first_with_ties_broken_by_id_descending(cache: JobsCache) -> None:
    jobs = [
        make_job("ftjob-b", created_at=200),
        make_job("ftjob-old", created_at=100),
        make_job("ftjob-a", created_at=200),
        make_job("ftjob-new", created_at=300),
        make_job("ftjob-c", created_at=200),
    ]
    cache.save_jobs(PROFILE, jobs, complete=False, fetched_at=NOW)
    loaded_ids = [job.id for job in cache.load_jobs(PROFILE).jobs]
    assert loaded_ids == ["ftjob-new", "ftjob-c", "ftjob-b", "ftjob-a", "ftjob-old"]


def test_times_beyond_64_bit_integers_are_kept_and_still_ordered(cache: JobsCache) -> None:
    far_future = make_job("ftjob-far-future", created_at=2**70, finished_at=2**80)
    far_past = make_job("ftjob-far-past", created_at=-(2**70))
    now = make_job("ftjob-now", created_at=1_700_000_000)
    cache.save_jobs(PROFILE, [far_past, now, far_future], complete=True, fetched_at=NOW)
    assert cache.load_jobs(PROFILE).jobs == (far_future, now, far_past)
    events = [make_event("ev-far", 2**64), make_event("ev-now", 1)]
    assert cache.add_events(PROFILE, now.id, events) == 2
    assert cache.load_events(PROFILE, now.id) == events[::-1]


def test_a_profile_never_listed_has_no_time_and_is_not_complete(cache: JobsCache) -> None:
    assert cache.load_jobs(PROFILE) == CachedJobs(jobs=(), fetched_at=None, complete=False)
    cache.save_job(PROFILE, make_job("ftjob-1"), fetched_at=NOW)
    only_retrieved = cache.load_jobs(PROFILE)
    assert [job.id for job in only_retrieved.jobs] == ["ftjob-1"]
    assert only_retrieved.fetched_at is None
    assert not only_retrieved.complete


def test_complete_list_removes_jobs_gone_from_the_service_with_all_they_had(cache: JobsCache) -> None:
    gone = make_job("ftjob-gone", result_files=("file-gone-result",))
    kept = make_job("ftjob-kept", result_files=("file-kept-result",))
    cache.save_jobs(PROFILE, [gone, kept], complete=True, fetched_at=NOW)
    for job in (gone, kept):
        cache.add_events(PROFILE, job.id, [make_event(f"{job.id}-event")])
        cache.save_checkpoints(PROFILE, job.id, [make_checkpoint(f"{job.id}-ckpt", 5)])
        cache.save_file_content(PROFILE, job.result_files[0], b"step,train_loss\n1,0.5\n")

    cache.save_jobs(PROFILE, [kept], complete=True, fetched_at=NOW + 60)

    assert cache.load_jobs(PROFILE) == CachedJobs(jobs=(kept,), fetched_at=NOW + 60, complete=True)
    assert cache.load_events(PROFILE, gone.id) == []
    assert cache.load_checkpoints(PROFILE, gone.id) == []
    assert cache.load_file_content(PROFILE, "file-gone-result") is None
    assert cache.newest_event_id(PROFILE, gone.id) is None
    assert len(cache.load_events(PROFILE, kept.id)) == 1
    assert len(cache.load_checkpoints(PROFILE, kept.id)) == 1
    assert cache.load_file_content(PROFILE, "file-kept-result") == b"step,train_loss\n1,0.5\n"


def test_partial_list_keeps_jobs_not_in_it_and_updates_those_in_it(cache: JobsCache) -> None:
    older = make_job("ftjob-older", created_at=100)
    running = make_job("ftjob-running", created_at=200)
    cache.save_jobs(PROFILE, [running, older], complete=True, fetched_at=NOW)
    cache.add_events(PROFILE, older.id, [make_event("ev-older")])
    finished = replace(running, status="succeeded", finished_at=300, fine_tuned_model="ft:x")

    cache.save_jobs(PROFILE, [finished], complete=False, fetched_at=NOW + 30)

    assert cache.load_jobs(PROFILE) == CachedJobs(jobs=(finished, older), fetched_at=NOW + 30, complete=False)
    assert [event.id for event in cache.load_events(PROFILE, older.id)] == ["ev-older"]


def test_save_job_refreshes_one_job_and_leaves_the_list_as_it_was(cache: JobsCache) -> None:
    jobs = [make_job("ftjob-2", created_at=2), make_job("ftjob-1", created_at=1)]
    cache.save_jobs(PROFILE, jobs, complete=True, fetched_at=NOW)
    refreshed = replace(jobs[1], status="succeeded", trained_tokens=999)
    cache.save_job(PROFILE, refreshed, fetched_at=NOW + 5)
    assert cache.load_jobs(PROFILE) == CachedJobs(jobs=(jobs[0], refreshed), fetched_at=NOW, complete=True)


def test_profiles_are_kept_apart(cache: JobsCache) -> None:
    mine = make_job("ftjob-same-id", status="running")
    theirs = make_job("ftjob-same-id", status="succeeded")
    cache.save_jobs(PROFILE, [mine], complete=True, fetched_at=NOW)
    cache.save_jobs(OTHER_PROFILE, [theirs, make_job("ftjob-other")], complete=False, fetched_at=NOW + 1)
    cache.add_events(PROFILE, mine.id, [make_event("ev-mine")])
    cache.add_events(OTHER_PROFILE, theirs.id, [make_event("ev-theirs")])
    cache.save_file_content(PROFILE, "file-1", b"mine")
    cache.save_file_content(OTHER_PROFILE, "file-1", b"theirs")

    # A complete list of one profile removes nothing from another.
    cache.save_jobs(PROFILE, [mine], complete=True, fetched_at=NOW + 2)

    assert cache.load_jobs(PROFILE).jobs == (mine,)
    assert cache.load_jobs(PROFILE).complete
    assert {job.id for job in cache.load_jobs(OTHER_PROFILE).jobs} == {"ftjob-same-id", "ftjob-other"}
    assert theirs in cache.load_jobs(OTHER_PROFILE).jobs
    assert cache.load_jobs(OTHER_PROFILE).fetched_at == NOW + 1
    assert [event.id for event in cache.load_events(PROFILE, mine.id)] == ["ev-mine"]
    assert [event.id for event in cache.load_events(OTHER_PROFILE, theirs.id)] == ["ev-theirs"]
    assert cache.load_file_content(PROFILE, "file-1") == b"mine"
    assert cache.load_file_content(OTHER_PROFILE, "file-1") == b"theirs"


# Events


def test_add_events_is_idempotent_and_counts_only_new_ones(cache: JobsCache) -> None:
    first_page = [make_event("ev-1", 10), make_event("ev-2", 20)]
    assert cache.newest_event_id(PROFILE, "ftjob-1") is None
    assert cache.add_events(PROFILE, "ftjob-1", first_page) == 2
    assert cache.add_events(PROFILE, "ftjob-1", first_page) == 0
    # Overlapping page, and a duplicate within one batch.
    assert (
        cache.add_events(
            PROFILE, "ftjob-1", [make_event("ev-2", 20), make_event("ev-3", 30), make_event("ev-3", 30)]
        )
        == 1
    )
    assert [event.id for event in cache.load_events(PROFILE, "ftjob-1")] == ["ev-1", "ev-2", "ev-3"]
    assert cache.newest_event_id(PROFILE, "ftjob-1") == "ev-3"
    assert cache.add_events(PROFILE, "ftjob-1", []) == 0
    # The same event id under another job is another event.
    assert cache.add_events(PROFILE, "ftjob-2", first_page) == 2


def test_events_come_oldest_first_with_same_second_in_the_order_added(cache: JobsCache) -> None:
    cache.add_events(
        PROFILE, "ftjob-1", [make_event("ev-late", 50), make_event("ev-b", 10), make_event("ev-a", 10)]
    )
    cache.add_events(PROFILE, "ftjob-1", [make_event("ev-early", 5), make_event("ev-c", 10)])
    loaded = [event.id for event in cache.load_events(PROFILE, "ftjob-1")]
    assert loaded == ["ev-early", "ev-b", "ev-a", "ev-c", "ev-late"]
    assert cache.newest_event_id(PROFILE, "ftjob-1") == "ev-late"
    cache.add_events(PROFILE, "ftjob-1", [make_event("ev-same-second-as-late", 50)])
    assert cache.newest_event_id(PROFILE, "ftjob-1") == "ev-same-second-as-late"


def test_event_that_cannot_be_written_leaves_the_rest_of_its_batch(
    cache: JobsCache, caplog: pytest.LogCaptureFixture
) -> None:
    odd = JobEvent(id="ev-odd", created_at=2, level="info", message="odd", data={"thing": object()})
    added = cache.add_events(PROFILE, "ftjob-1", [make_event("ev-1", 1), odd, make_event("ev-3", 3)])
    assert added == 2
    assert [event.id for event in cache.load_events(PROFILE, "ftjob-1")] == ["ev-1", "ev-3"]
    assert any("event is not cached" in message for message in warnings_from_cache(caplog))


# Checkpoints and files


def test_checkpoints_come_by_step_and_a_new_list_replaces_the_old(cache: JobsCache) -> None:
    cache.save_checkpoints(
        PROFILE,
        "ftjob-1",
        [make_checkpoint("c-30", 30), make_checkpoint("c-10", 10), make_checkpoint("c-20", 20)],
    )
    assert [c.id for c in cache.load_checkpoints(PROFILE, "ftjob-1")] == ["c-10", "c-20", "c-30"]
    cache.save_checkpoints(PROFILE, "ftjob-1", [make_checkpoint("c-40", 40), make_checkpoint("c-30", 30)])
    assert [c.id for c in cache.load_checkpoints(PROFILE, "ftjob-1")] == ["c-30", "c-40"]
    assert cache.load_checkpoints(PROFILE, "ftjob-other") == []


def test_file_content_round_trips_up_to_the_size_limit(
    cache: JobsCache, caplog: pytest.LogCaptureFixture
) -> None:
    csv = "step,train_loss,valid_loss\n1,0.9,\n2,0.7,0.8\n中文,—,\x00\n".encode()
    assert cache.load_file_content(PROFILE, "file-r") is None
    cache.save_file_content(PROFILE, "file-r", csv)
    assert cache.load_file_content(PROFILE, "file-r") == csv
    cache.save_file_content(PROFILE, "file-empty", b"")
    assert cache.load_file_content(PROFILE, "file-empty") == b""

    largest = bytes(MAX_FILE_CONTENT_BYTES)
    cache.save_file_content(PROFILE, "file-largest", largest)
    assert cache.load_file_content(PROFILE, "file-largest") == largest

    with caplog.at_level(logging.INFO, logger=jobs_cache.__name__):
        cache.save_file_content(PROFILE, "file-r", csv + bytes(MAX_FILE_CONTENT_BYTES))
        cache.save_file_content(PROFILE, "file-too-big", bytes(MAX_FILE_CONTENT_BYTES + 1))
    assert cache.load_file_content(PROFILE, "file-r") == csv  # the smaller copy stays
    assert cache.load_file_content(PROFILE, "file-too-big") is None
    assert sum("over the" in record.getMessage() for record in caplog.records) == 2


# Forgetting


def test_forget_job_takes_its_events_checkpoints_and_result_files(cache: JobsCache) -> None:
    doomed = make_job("ftjob-doomed", result_files=("file-doomed",))
    other = make_job("ftjob-other", result_files=("file-other",))
    cache.save_jobs(PROFILE, [doomed, other], complete=True, fetched_at=NOW)
    for job in (doomed, other):
        cache.add_events(PROFILE, job.id, [make_event(f"{job.id}-ev")])
        cache.save_checkpoints(PROFILE, job.id, [make_checkpoint(f"{job.id}-c", 1)])
        cache.save_file_content(PROFILE, job.result_files[0], job.id.encode())

    cache.forget_job(PROFILE, doomed.id)
    cache.forget_job(PROFILE, "ftjob-never-seen")  # nothing to forget is fine

    assert cache.load_jobs(PROFILE).jobs == (other,)
    assert cache.load_jobs(PROFILE).complete  # the account still lists every job we have
    assert cache.load_events(PROFILE, doomed.id) == []
    assert cache.load_checkpoints(PROFILE, doomed.id) == []
    assert cache.load_file_content(PROFILE, "file-doomed") is None
    assert cache.load_events(PROFILE, other.id) != []
    assert cache.load_checkpoints(PROFILE, other.id) != []
    assert cache.load_file_content(PROFILE, "file-other") == b"ftjob-other"


def test_forget_profile_takes_everything_of_that_profile_only(cache: JobsCache) -> None:
    for profile in (PROFILE, OTHER_PROFILE):
        cache.save_jobs(profile, [make_job("ftjob-1")], complete=True, fetched_at=NOW)
        cache.add_events(profile, "ftjob-1", [make_event("ev-1")])
        cache.save_checkpoints(profile, "ftjob-1", [make_checkpoint("c-1", 1)])
        cache.save_file_content(profile, "file-1", b"x")

    cache.forget_profile(PROFILE)

    assert cache.load_jobs(PROFILE) == CachedJobs(jobs=(), fetched_at=None, complete=False)
    assert cache.load_events(PROFILE, "ftjob-1") == []
    assert cache.load_checkpoints(PROFILE, "ftjob-1") == []
    assert cache.load_file_content(PROFILE, "file-1") is None
    assert cache.load_jobs(OTHER_PROFILE).jobs == (make_job("ftjob-1"),)
    assert cache.newest_event_id(OTHER_PROFILE, "ftjob-1") == "ev-1"
    assert len(cache.load_checkpoints(OTHER_PROFILE, "ftjob-1")) == 1
    assert cache.load_file_content(OTHER_PROFILE, "file-1") == b"x"


# The file


def fill(cache: JobsCache) -> None:
    cache.save_jobs(PROFILE, [FULL_JOB, make_job("ftjob-2", created_at=5)], complete=True, fetched_at=NOW)
    cache.add_events(PROFILE, FULL_JOB.id, [FULL_EVENT, make_event("ev-2", FULL_EVENT.created_at + 1)])
    cache.save_checkpoints(PROFILE, FULL_JOB.id, [FULL_CHECKPOINT])
    cache.save_file_content(PROFILE, "file-result-1", b"step,loss\n")


def assert_filled(cache: JobsCache) -> None:
    assert cache.load_jobs(PROFILE) == CachedJobs(
        jobs=(FULL_JOB, make_job("ftjob-2", created_at=5)), fetched_at=NOW, complete=True
    )
    assert cache.load_events(PROFILE, FULL_JOB.id) == [
        FULL_EVENT,
        make_event("ev-2", FULL_EVENT.created_at + 1),
    ]
    assert cache.newest_event_id(PROFILE, FULL_JOB.id) == "ev-2"
    assert cache.load_checkpoints(PROFILE, FULL_JOB.id) == [FULL_CHECKPOINT]
    assert cache.load_file_content(PROFILE, "file-result-1") == b"step,loss\n"


def test_reopening_the_file_keeps_everything(db_path: Path) -> None:
    with JobsCache(db_path) as first:
        fill(first)
    with JobsCache(db_path) as second:
        assert not second.read_only
        assert not second.in_memory
        assert_filled(second)
    assert user_version(db_path) == SCHEMA_VERSION


def test_new_file_is_in_wal_mode_at_the_current_version(db_path: Path) -> None:
    with JobsCache(db_path):
        pass
    with raw_db(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_new_file_is_readable_by_its_owner_only(db_path: Path, cache: JobsCache) -> None:
    cache.save_job(PROFILE, FULL_JOB, fetched_at=NOW)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()
    for path in (db_path, wal):
        assert path.stat().st_mode & 0o777 == 0o600, path


@pytest.mark.parametrize("layout", ["empty-file", "version-0-with-a-table-of-its-own"])
def test_version_0_file_is_brought_up_to_date(db_path: Path, layout: str) -> None:
    db_path.parent.mkdir(parents=True)
    if layout == "empty-file":
        db_path.write_bytes(b"")
    else:
        with raw_db(db_path) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
            conn.execute("INSERT INTO notes VALUES ('kept')")
        assert user_version(db_path) == 0

    with JobsCache(db_path) as opened:
        assert not opened.read_only
        fill(opened)
        assert_filled(opened)

    assert user_version(db_path) == SCHEMA_VERSION
    assert set_aside_files(db_path.parent) == []
    if layout != "empty-file":
        with raw_db(db_path) as conn:
            assert conn.execute("SELECT text FROM notes").fetchall() == [("kept",)]


def test_a_later_migration_keeps_the_data_and_an_older_app_can_still_read_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with JobsCache(db_path) as version_1:
        fill(version_1)
    version_2_migrations = (
        *jobs_cache.MIGRATIONS,
        ("ALTER TABLE jobs ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",),
    )

    with monkeypatch.context() as patch:
        patch.setattr(jobs_cache, "MIGRATIONS", version_2_migrations)
        with JobsCache(db_path) as version_2:
            assert not version_2.read_only
            assert_filled(version_2)
    assert user_version(db_path) == SCHEMA_VERSION + 1
    with raw_db(db_path) as conn:
        assert conn.execute("SELECT job_id, pinned FROM jobs ORDER BY job_id").fetchall() == [
            ("ftjob-2", 0),
            ("ftjob-full", 0),
        ]

    # Back on today's migrations, the app reads the newer file but leaves it alone.
    with JobsCache(db_path) as older_app:
        assert older_app.read_only
        assert_filled(older_app)
    assert any("newer version" in message for message in warnings_from_cache(caplog))


def test_a_file_a_migration_fails_on_is_set_aside_untouched(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with JobsCache(db_path) as version_1:
        fill(version_1)
    # Fails on the two jobs already there, succeeds on an empty file.
    failing = (
        "ALTER TABLE jobs ADD COLUMN note TEXT",
        "CREATE UNIQUE INDEX one_job_each ON jobs (profile_id)",
    )
    monkeypatch.setattr(jobs_cache, "MIGRATIONS", (*jobs_cache.MIGRATIONS, failing))

    with JobsCache(db_path) as fresh:
        assert fresh.load_jobs(PROFILE).jobs == ()
        fresh.save_job(PROFILE, FULL_JOB, fetched_at=NOW)
        assert fresh.load_jobs(PROFILE).jobs == (FULL_JOB,)

    assert user_version(db_path) == SCHEMA_VERSION + 1
    (kept,) = set_aside_files(db_path.parent)
    assert user_version(kept) == SCHEMA_VERSION  # the failed step was rolled back
    with raw_db(kept) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(jobs)")]
        assert "note" not in columns
        assert conn.execute("SELECT count(*) FROM jobs").fetchone()[0] == 2


def test_a_file_that_is_not_sqlite_is_set_aside_and_a_fresh_cache_works(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    garbage = random.Random(7).randbytes(10_000)
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(garbage)

    with JobsCache(db_path) as fresh:
        assert not fresh.in_memory
        assert fresh.load_jobs(PROFILE).jobs == ()
        fill(fresh)
        assert_filled(fresh)

    (kept,) = set_aside_files(db_path.parent)
    assert kept.name.startswith("jobs.sqlite3.corrupt-")
    assert kept.read_bytes() == garbage
    assert user_version(db_path) == SCHEMA_VERSION
    assert any("could not be used" in message for message in warnings_from_cache(caplog))


def test_corruption_found_after_opening_starts_a_fresh_cache(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with JobsCache(db_path) as first:
        first.save_jobs(
            PROFILE,
            [make_job(f"ftjob-{n:04d}", created_at=n) for n in range(2000)],
            complete=True,
            fetched_at=NOW,
        )
    damaged = bytearray(db_path.read_bytes())
    page = 4096
    assert len(damaged) > 4 * page
    # The header and schema page survive, so the file opens; the pages of the jobs table are garbage.
    damaged[2 * page : -page] = random.Random(3).randbytes(len(damaged) - 3 * page)
    db_path.write_bytes(bytes(damaged))

    with JobsCache(db_path) as cache:
        cache.load_jobs(PROFILE)
        cache.save_job(PROFILE, FULL_JOB, fetched_at=NOW)
        assert cache.load_jobs(PROFILE).jobs == (FULL_JOB,)

    (kept,) = set_aside_files(db_path.parent)
    assert kept.read_bytes() == bytes(damaged)
    assert any("corrupt" in message for message in warnings_from_cache(caplog))


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_file_from_a_newer_app_is_read_but_never_written(
    db_path: Path, caplog: pytest.LogCaptureFixture, journal_mode: str
) -> None:
    with JobsCache(db_path) as current:
        fill(current)
    with raw_db(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        # A later version might leave WAL mode; switching it back would already be a write.
        assert conn.execute(f"PRAGMA journal_mode = {journal_mode}").fetchone()[0] == journal_mode
    before = db_path.read_bytes()

    with JobsCache(db_path) as older_app:
        assert older_app.read_only
        assert_filled(older_app)
        older_app.save_jobs(PROFILE, [make_job("ftjob-new")], complete=True, fetched_at=NOW + 1)
        older_app.save_job(PROFILE, make_job("ftjob-new"), fetched_at=NOW + 1)
        assert older_app.add_events(PROFILE, FULL_JOB.id, [make_event("ev-new")]) == 0
        older_app.save_checkpoints(PROFILE, FULL_JOB.id, [])
        older_app.save_file_content(PROFILE, "file-new", b"new")
        older_app.forget_job(PROFILE, FULL_JOB.id)
        older_app.forget_profile(PROFILE)
        assert_filled(older_app)

    assert db_path.read_bytes() == before
    assert user_version(db_path) == SCHEMA_VERSION + 1
    assert set_aside_files(db_path.parent) == []
    not_saved = [message for message in warnings_from_cache(caplog) if "not saved" in message]
    assert len(not_saved) == 1  # once, not once per write


def test_a_path_that_cannot_be_opened_gives_a_cache_in_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    directory = tmp_path / "a-directory"
    directory.mkdir()
    with JobsCache(directory) as cache:
        assert cache.in_memory
        fill(cache)
        assert_filled(cache)
    assert directory.is_dir()
    assert list(directory.iterdir()) == []
    assert any("memory only" in message for message in warnings_from_cache(caplog))


def test_a_closed_cache_gives_nothing_and_keeps_nothing(db_path: Path) -> None:
    cache = JobsCache(db_path)
    fill(cache)
    cache.close()
    cache.close()
    assert cache.load_jobs(PROFILE) == CachedJobs(jobs=(), fetched_at=None, complete=False)
    assert cache.add_events(PROFILE, FULL_JOB.id, [make_event("ev-late")]) == 0
    cache.save_job(PROFILE, make_job("ftjob-late"), fetched_at=NOW)
    assert cache.load_file_content(PROFILE, "file-result-1") is None
    with JobsCache(db_path) as reopened:
        assert_filled(reopened)


# Rows written by other versions


def test_rows_with_unknown_keys_or_without_optional_ones_still_load(db_path: Path) -> None:
    with JobsCache(db_path) as cache:
        cache.save_jobs(PROFILE, [FULL_JOB], complete=True, fetched_at=NOW)
        cache.add_events(PROFILE, FULL_JOB.id, [FULL_EVENT])
        cache.save_checkpoints(PROFILE, FULL_JOB.id, [FULL_CHECKPOINT])
    with raw_db(db_path) as conn:
        for table in ("jobs", "events", "checkpoints"):
            (data,) = conn.execute(f"SELECT data FROM {table}").fetchone()
            raw = json.loads(data)
            raw["added_by_a_later_version"] = {"anything": [1, 2]}
            if table == "jobs":
                raw["error"]["retryable"] = True
                raw["hyperparameters"]["seed"] = 42
            conn.execute(f"UPDATE {table} SET data = ?", (json.dumps(raw),))
        minimal_job = {
            "id": "ftjob-min",
            "model": "m",
            "status": "queued",
            "created_at": 1,
            "training_file": "f",
        }
        conn.execute(
            "INSERT INTO jobs VALUES (?, ?, ?, ?, ?)", (PROFILE, "ftjob-min", 1, NOW, json.dumps(minimal_job))
        )
        minimal_event = {"id": "ev-min", "created_at": 1, "level": "info", "message": "hi"}
        conn.execute(
            "INSERT INTO events (profile_id, job_id, event_id, created_at, data) VALUES (?, ?, ?, ?, ?)",
            (PROFILE, FULL_JOB.id, "ev-min", 1, json.dumps(minimal_event)),
        )

    with JobsCache(db_path) as cache:
        assert cache.load_jobs(PROFILE).jobs == (
            FULL_JOB,
            Job(id="ftjob-min", model="m", status="queued", created_at=1, training_file="f"),
        )
        assert cache.load_events(PROFILE, FULL_JOB.id) == [
            JobEvent(id="ev-min", created_at=1, level="info", message="hi"),
            FULL_EVENT,
        ]
        assert cache.load_checkpoints(PROFILE, FULL_JOB.id) == [FULL_CHECKPOINT]


def test_rows_that_cannot_be_rebuilt_are_skipped_with_one_warning(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = make_job("ftjob-good", created_at=1)
    with JobsCache(db_path) as cache:
        cache.save_job(PROFILE, good, fetched_at=NOW)
    bad_rows = {
        "ftjob-not-json": "{not json",
        "ftjob-not-object": "[1, 2]",
        "ftjob-wrong-type": json.dumps({**json.loads(jobs_cache._to_json(good)), "created_at": "yesterday"}),
        "ftjob-missing-id": json.dumps({"model": "m", "status": "s", "created_at": 1, "training_file": "f"}),
        "ftjob-bad-error": json.dumps({**json.loads(jobs_cache._to_json(good)), "error": "boom"}),
    }
    with raw_db(db_path) as conn:
        for job_id, data in bad_rows.items():
            conn.execute("INSERT INTO jobs VALUES (?, ?, ?, ?, ?)", (PROFILE, job_id, 2, NOW, data))

    with JobsCache(db_path) as cache:
        caplog.clear()
        assert cache.load_jobs(PROFILE).jobs == (good,)
    skipped = [message for message in warnings_from_cache(caplog) if "Skipped" in message]
    assert len(skipped) == 1
    assert f"Skipped {len(bad_rows)} cached job row(s)" in skipped[0]


# Threads


def test_writers_on_four_threads_all_land(cache: JobsCache) -> None:
    per_thread = 40
    start = threading.Barrier(5)

    def write(number: int) -> None:
        start.wait()
        for n in range(per_thread):
            job_id = f"ftjob-t{number}-{n:03d}"
            cache.save_job(PROFILE, make_job(job_id, created_at=n), fetched_at=NOW)
            cache.add_events(PROFILE, job_id, [make_event(f"{job_id}-ev{k}", k) for k in range(5)])
            cache.save_checkpoints(PROFILE, job_id, [make_checkpoint(f"{job_id}-c", n)])
            cache.save_file_content(PROFILE, f"file-{job_id}", job_id.encode())

    def read() -> int:
        start.wait()
        most = 0
        for _ in range(per_thread):
            loaded = cache.load_jobs(PROFILE).jobs
            assert len(loaded) == len({job.id for job in loaded})
            most = max(most, len(loaded))
        return most

    with ThreadPoolExecutor(max_workers=5, thread_name_prefix="jobs-cache-test") as pool:
        writers = [pool.submit(write, number) for number in range(4)]
        reader = pool.submit(read)
        for writer in writers:
            writer.result(timeout=60)  # re-raises whatever went wrong in the thread
        assert reader.result(timeout=60) <= 4 * per_thread

    loaded = cache.load_jobs(PROFILE).jobs
    assert len(loaded) == 4 * per_thread
    for number in range(4):
        for n in range(per_thread):
            job_id = f"ftjob-t{number}-{n:03d}"
            assert len(cache.load_events(PROFILE, job_id)) == 5
            assert cache.newest_event_id(PROFILE, job_id) == f"{job_id}-ev4"
            assert [c.id for c in cache.load_checkpoints(PROFILE, job_id)] == [f"{job_id}-c"]
            assert cache.load_file_content(PROFILE, f"file-{job_id}") == job_id.encode()


# Secrets


def test_the_cache_files_hold_what_was_saved_and_never_the_api_key(
    paths: AppPaths, redactor: SecretRedactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache never receives a key; this proves nothing reaches its files from where keys do live."""
    key = "fake-cache-sentinel"  # not key-shaped: nothing real-looking is committed
    monkeypatch.setenv("OPENAI_API_KEY", key)
    secrets = SecretStore(MemoryKeyring(), service="FineTuneDesk-test", redactor=redactor)
    secrets.set_key(PROFILE, key)
    assert secrets.get_key(PROFILE) == key
    marker = "ftjob-visible-marker-31337"

    def cache_bytes() -> bytes:
        return b"".join(path.read_bytes() for path in paths.cache_dir.rglob("*") if path.is_file())

    with JobsCache(paths.jobs_cache_file) as cache:
        cache.save_jobs(PROFILE, [replace(FULL_JOB, id=marker)], complete=True, fetched_at=NOW)
        cache.add_events(PROFILE, marker, [FULL_EVENT])
        cache.save_checkpoints(PROFILE, marker, [FULL_CHECKPOINT])
        cache.save_file_content(PROFILE, "file-result-1", b"step,loss\n")
        while_open = cache_bytes()
    after_close = cache_bytes()

    for stored in (while_open, after_close):
        # What was saved is there in plain bytes, so a key, had it been written, would be found too.
        assert marker.encode() in stored
        assert FULL_EVENT.message.encode() in stored
        assert key.encode() not in stored


def test_a_version_1_file_gains_the_uploads_table_and_keeps_its_rows(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(jobs_cache, "MIGRATIONS", jobs_cache.MIGRATIONS[:1])  # the layout of the first release
        with JobsCache(db_path) as version_1:
            fill(version_1)
    assert user_version(db_path) == 1
    with JobsCache(db_path) as current:
        assert not current.read_only
        assert_filled(current)
        assert current.upload_digest(PROFILE, "file-train") is None
        current.upload_memory(PROFILE).remember("file-train", "ab" * 32)
    assert user_version(db_path) == SCHEMA_VERSION == 2
    with JobsCache(db_path) as again:
        memory = again.upload_memory(PROFILE)
        assert memory.digest_of("file-train") == "ab" * 32
        assert again.upload_memory(OTHER_PROFILE).digest_of("file-train") is None  # per profile
        again.forget_profile(PROFILE)
        assert memory.digest_of("file-train") is None


def test_a_legacy_models_training_format_is_found_from_the_model_or_its_checkpoints(cache: JobsCache) -> None:
    trained = make_job("ftjob-legacy", created_at=7)
    trained = replace(
        trained, model="babbage-002", training_file="file-legacy", fine_tuned_model="ft:babbage-002:org::x1"
    )
    cache.save_job(PROFILE, trained, fetched_at=NOW)
    checkpoint = replace(FULL_CHECKPOINT, id="ckpt-1", model="ft:babbage-002:org::x1:ckpt-step-5")
    cache.save_checkpoints(PROFILE, trained.id, [checkpoint])
    assert cache.legacy_format_of_model(PROFILE, "ft:babbage-002:org::x1") is None  # not uploaded by the app
    shape = LegacyFormat("\n\n###\n\n", " END", ending_in_data=False)
    cache.remember_legacy_format(PROFILE, "file-legacy", shape)
    assert cache.legacy_format_of_model(PROFILE, "ft:babbage-002:org::x1") == shape
    assert cache.legacy_format_of_model(PROFILE, checkpoint.model) == shape
    assert cache.legacy_format_of_model(OTHER_PROFILE, "ft:babbage-002:org::x1") is None
    assert cache.legacy_format_of_model(PROFILE, "ft:babbage-002:org::other") is None
    cache.forget_profile(PROFILE)
    assert cache.legacy_format_of_model(PROFILE, "ft:babbage-002:org::x1") is None
