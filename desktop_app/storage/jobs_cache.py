"""The last known state of jobs, their events, checkpoints and result files, kept in SQLite.

The Jobs tab shows this at once on start-up and while offline, and the poller refreshes it in the background.
Everything is keyed by profile id, since each profile is a different service or account. API keys never
reach this module.

Rows hold the dataclasses of :mod:`desktop_app.providers.types` as JSON, next to the few columns needed to
find and order them. Reading is lenient: unknown keys are ignored, missing optional ones take their defaults,
and a row that cannot be rebuilt is skipped with a warning, so one bad row never hides the rest.

The layout is versioned with ``PRAGMA user_version``; :data:`MIGRATIONS` brings an older file up to date one
version at a time, each in one transaction. Migrations only ever add tables and columns, so an older app can
still read a newer file: it opens it read-only and never writes to it, and going back to an older version
loses nothing. A file that is not SQLite, is corrupt, or cannot be brought up to date is renamed aside
(:func:`~desktop_app.storage.fileio.set_aside`) and a fresh cache started: the service can fill it again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import TypeVar

from desktop_app.core.formats import LegacyFormat
from desktop_app.providers.base import UploadMemory
from desktop_app.providers.types import Checkpoint, Hyperparameters, Job, JobError, JobEvent
from desktop_app.storage.sqlite_file import (
    CORRUPT,
    NOT_THE_FILES_FAULT,
    connect,
    migrate,
    open_database,
    primary_code,
    set_aside_database,
    transaction,
)

__all__ = ["MAX_FILE_CONTENT_BYTES", "MIGRATIONS", "SCHEMA_VERSION", "CachedJobs", "JobsCache"]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Result files are small CSVs of metrics; anything bigger is not worth keeping offline.
MAX_FILE_CONTENT_BYTES = 8 * 1024 * 1024

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1

Migration = tuple[str, ...]
_Rows = list[tuple[str, object]]  # (key, JSON) pairs
_Listing = tuple[float, int]  # (fetched_at, complete)

# Index i brings a file from version i to version i + 1. Only add tables, columns and indexes here (never drop
# or rename): older versions of the app keep reading newer files.
MIGRATIONS: tuple[Migration, ...] = (
    (
        """CREATE TABLE job_lists (
            profile_id TEXT PRIMARY KEY,
            fetched_at REAL NOT NULL,
            complete INTEGER NOT NULL
        )""",
        """CREATE TABLE jobs (
            profile_id TEXT NOT NULL,
            job_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            fetched_at REAL NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (profile_id, job_id)
        )""",
        "CREATE INDEX jobs_newest_first ON jobs (profile_id, created_at DESC, job_id DESC)",
        # seq is the rowid: insertion order breaks ties between events of the same second.
        """CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            profile_id TEXT NOT NULL,
            job_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            data TEXT NOT NULL,
            UNIQUE (profile_id, job_id, event_id)
        )""",
        "CREATE INDEX events_oldest_first ON events (profile_id, job_id, created_at)",
        """CREATE TABLE checkpoints (
            profile_id TEXT NOT NULL,
            job_id TEXT NOT NULL,
            checkpoint_id TEXT NOT NULL,
            step INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (profile_id, job_id, checkpoint_id)
        )""",
        """CREATE TABLE files (
            profile_id TEXT NOT NULL,
            file_id TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (profile_id, file_id)
        )""",
    ),
    (
        # Version 2: the sha256 of each file the app uploaded, to know it again without downloading it.
        """CREATE TABLE uploads (
            profile_id TEXT NOT NULL,
            file_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (profile_id, file_id)
        )""",
        # How a legacy model's training file ended prompts and completions, for chatting with the model later.
        """CREATE TABLE legacy_formats (
            profile_id TEXT NOT NULL,
            file_id TEXT NOT NULL,
            separator TEXT NOT NULL,
            ending TEXT NOT NULL,
            ending_in_data INTEGER NOT NULL,
            PRIMARY KEY (profile_id, file_id)
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_UPSERT_JOB = """
    INSERT INTO jobs (profile_id, job_id, created_at, fetched_at, data) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (profile_id, job_id) DO UPDATE SET
        created_at = excluded.created_at, fetched_at = excluded.fetched_at, data = excluded.data
"""
_UPSERT_JOB_LIST = """
    INSERT INTO job_lists (profile_id, fetched_at, complete) VALUES (?, ?, ?)
    ON CONFLICT (profile_id) DO UPDATE SET fetched_at = excluded.fetched_at, complete = excluded.complete
"""


@dataclass(frozen=True)
class CachedJobs:
    """What the cache knows of a profile's jobs."""

    jobs: tuple[Job, ...]  # newest first
    fetched_at: float | None  # unix time of the last successful list; None if never listed
    complete: bool  # whether that list held every job of the account (all pages)


class JobsCache:
    """The last known state of jobs, events, checkpoints and result files, in one SQLite file.

    Safe to share between threads: one connection guarded by a lock; each write is one transaction.
    Failures to read or write are logged, not raised (it is a cache): reads then give what they can, and a
    write that failed is simply not kept. After :meth:`close`, reads give nothing and writes are ignored, so a
    poller finishing its last round during shutdown does no harm.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._read_only = False
        self._in_memory = False
        self._warned_read_only = False
        self._conn: sqlite3.Connection | None = self._open()

    @property
    def read_only(self) -> bool:
        """True when the file comes from a newer version of the app: it is read but never written."""
        return self._read_only

    @property
    def in_memory(self) -> bool:
        """True when the file could not be opened at all: this session's cache lives in memory only."""
        return self._in_memory

    def __enter__(self) -> JobsCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Jobs

    def save_jobs(self, profile_id: str, jobs: Sequence[Job], *, complete: bool, fetched_at: float) -> None:
        """Keep a list of jobs just fetched. With ``complete`` (every page of the account), jobs no longer in
        the list were deleted on the service: they go, with their events, checkpoints and result files."""
        rows = _encode_each("job", jobs, lambda job: _job_row(profile_id, job, fetched_at))
        listed = {job.id for job in jobs}

        def change(conn: sqlite3.Connection) -> None:
            conn.executemany(_UPSERT_JOB, rows)
            if complete:
                present = conn.execute("SELECT job_id FROM jobs WHERE profile_id = ?", (profile_id,))
                _delete_jobs(conn, profile_id, [job_id for (job_id,) in present if job_id not in listed])
            conn.execute(_UPSERT_JOB_LIST, (profile_id, fetched_at, int(complete)))

        self._write("save jobs", change, None)

    def save_job(self, profile_id: str, job: Job, *, fetched_at: float) -> None:
        """Keep one job just fetched (a retrieve); the list's own time and completeness stay as they were."""
        rows = _encode_each("job", [job], lambda item: _job_row(profile_id, item, fetched_at))
        self._write("save a job", lambda conn: conn.executemany(_UPSERT_JOB, rows), None)

    def load_jobs(self, profile_id: str) -> CachedJobs:
        """The profile's cached jobs, newest first (created_at, then id, both descending)."""

        def query(conn: sqlite3.Connection) -> tuple[_Listing | None, _Rows]:
            with transaction(conn, immediate=False):  # the list's time and its jobs from one snapshot
                listing = conn.execute(
                    "SELECT fetched_at, complete FROM job_lists WHERE profile_id = ?", (profile_id,)
                ).fetchone()
                rows = conn.execute(
                    "SELECT job_id, data FROM jobs WHERE profile_id = ? ORDER BY created_at DESC, job_id DESC",
                    (profile_id,),
                ).fetchall()
            return listing, rows

        nothing: tuple[_Listing | None, _Rows] = (None, [])
        listing, rows = self._read("load jobs", query, nothing)
        jobs = _decode_rows("job", rows, _job_from_dict)
        if listing is None:
            return CachedJobs(tuple(jobs), fetched_at=None, complete=False)
        fetched_at, complete = listing
        return CachedJobs(tuple(jobs), fetched_at=float(fetched_at), complete=bool(complete))

    def forget_job(self, profile_id: str, job_id: str) -> None:
        """The service no longer knows the job (404): forget it, its events, checkpoints and result files."""
        self._write("forget a job", lambda conn: _delete_jobs(conn, profile_id, [job_id]), None)

    # Events

    def add_events(self, profile_id: str, job_id: str, events: Sequence[JobEvent]) -> int:
        """Keep events not seen before (by id) and return how many were new.

        Give them oldest first: events of the same second keep the order they were added in (OpenAI lists
        events newest first, so reverse its pages)."""
        rows = _encode_each(
            "event",
            events,
            lambda event: (profile_id, job_id, event.id, _sortable(event.created_at), _to_json(event)),
        )

        def change(conn: sqlite3.Connection) -> int:
            cursor = conn.executemany(
                "INSERT INTO events (profile_id, job_id, event_id, created_at, data) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (profile_id, job_id, event_id) DO NOTHING",
                rows,
            )
            return max(cursor.rowcount, 0)

        return self._write("add events", change, 0)

    def load_events(self, profile_id: str, job_id: str) -> list[JobEvent]:
        """The job's cached events, oldest first (created_at, then the order they were added in)."""
        rows = self._select(
            "load events",
            "SELECT event_id, data FROM events WHERE profile_id = ? AND job_id = ? ORDER BY created_at, seq",
            (profile_id, job_id),
        )
        return _decode_rows("event", rows, _event_from_dict)

    def newest_event_id(self, profile_id: str, job_id: str) -> str | None:
        """The id of the job's newest cached event (latest created_at, then last added), or None."""
        row = self._read(
            "find the newest event",
            lambda conn: conn.execute(
                "SELECT event_id FROM events WHERE profile_id = ? AND job_id = ?"
                " ORDER BY created_at DESC, seq DESC LIMIT 1",
                (profile_id, job_id),
            ).fetchone(),
            None,
        )
        return None if row is None else str(row[0])

    # Checkpoints

    def save_checkpoints(self, profile_id: str, job_id: str, checkpoints: Sequence[Checkpoint]) -> None:
        """Replace the job's checkpoints with these (the service's whole list for the job)."""
        rows = _encode_each(
            "checkpoint",
            checkpoints,
            lambda checkpoint: (
                profile_id,
                job_id,
                checkpoint.id,
                _sortable(checkpoint.step),
                _to_json(checkpoint),
            ),
        )

        def change(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM checkpoints WHERE profile_id = ? AND job_id = ?", (profile_id, job_id))
            conn.executemany(
                "INSERT OR REPLACE INTO checkpoints (profile_id, job_id, checkpoint_id, step, data)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )

        self._write("save checkpoints", change, None)

    def load_checkpoints(self, profile_id: str, job_id: str) -> list[Checkpoint]:
        """The job's cached checkpoints by step, ascending."""
        rows = self._select(
            "load checkpoints",
            "SELECT checkpoint_id, data FROM checkpoints WHERE profile_id = ? AND job_id = ?"
            " ORDER BY step, checkpoint_id",
            (profile_id, job_id),
        )
        return _decode_rows("checkpoint", rows, _checkpoint_from_dict)

    # File contents

    def save_file_content(self, profile_id: str, file_id: str, content: bytes) -> None:
        """Keep a file's content (e.g. a job's result CSV). Content over MAX_FILE_CONTENT_BYTES is not kept."""
        if len(content) > MAX_FILE_CONTENT_BYTES:
            log.info(
                "File %s is not cached: %d bytes is over the %d byte limit.",
                file_id,
                len(content),
                MAX_FILE_CONTENT_BYTES,
            )
            return
        self._write(
            "save a file's content",
            lambda conn: conn.execute(
                "INSERT INTO files (profile_id, file_id, content) VALUES (?, ?, ?)"
                " ON CONFLICT (profile_id, file_id) DO UPDATE SET content = excluded.content",
                (profile_id, file_id, bytes(content)),
            ),
            None,
        )

    def load_file_content(self, profile_id: str, file_id: str) -> bytes | None:
        row = self._read(
            "load a file's content",
            lambda conn: conn.execute(
                "SELECT content FROM files WHERE profile_id = ? AND file_id = ?", (profile_id, file_id)
            ).fetchone(),
            None,
        )
        if row is None or not isinstance(row[0], bytes):
            return None
        return row[0]

    # What the app uploaded

    def remember_upload(self, profile_id: str, file_id: str, sha256: str) -> None:
        self._write(
            "remember an upload",
            lambda conn: conn.execute(
                "INSERT INTO uploads (profile_id, file_id, sha256) VALUES (?, ?, ?)"
                " ON CONFLICT (profile_id, file_id) DO UPDATE SET sha256 = excluded.sha256",
                (profile_id, file_id, sha256),
            ),
            None,
        )

    def upload_digest(self, profile_id: str, file_id: str) -> str | None:
        row = self._read(
            "look up an upload",
            lambda conn: conn.execute(
                "SELECT sha256 FROM uploads WHERE profile_id = ? AND file_id = ?", (profile_id, file_id)
            ).fetchone(),
            None,
        )
        return row[0] if row is not None and isinstance(row[0], str) else None

    def remember_legacy_format(self, profile_id: str, file_id: str, format_: LegacyFormat) -> None:
        """How the training file ``file_id`` of a legacy model ended its prompts and completions."""
        self._write(
            "remember a training file's format",
            lambda conn: conn.execute(
                "INSERT INTO legacy_formats (profile_id, file_id, separator, ending, ending_in_data)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id, file_id) DO UPDATE SET"
                " separator = excluded.separator, ending = excluded.ending, ending_in_data = excluded.ending_in_data",
                (profile_id, file_id, format_.separator, format_.ending, int(format_.ending_in_data)),
            ),
            None,
        )

    def legacy_format_of_model(self, profile_id: str, model: str) -> LegacyFormat | None:
        """The format a trained legacy model (or one of its checkpoints) learned, when the app uploaded its
        training file and the job is cached; None otherwise."""

        def find(conn: sqlite3.Connection) -> tuple[str, str, int] | None:
            job = conn.execute(
                "SELECT json_extract(data, '$.training_file') FROM jobs"
                " WHERE profile_id = ? AND json_extract(data, '$.fine_tuned_model') = ?",
                (profile_id, model),
            ).fetchone()
            if job is None:
                job = conn.execute(
                    "SELECT json_extract(jobs.data, '$.training_file') FROM checkpoints JOIN jobs"
                    " ON jobs.profile_id = checkpoints.profile_id AND jobs.job_id = checkpoints.job_id"
                    " WHERE checkpoints.profile_id = ? AND json_extract(checkpoints.data, '$.model') = ?",
                    (profile_id, model),
                ).fetchone()
            if job is None or not isinstance(job[0], str):
                return None
            row = conn.execute(
                "SELECT separator, ending, ending_in_data FROM legacy_formats WHERE profile_id = ? AND file_id = ?",
                (profile_id, job[0]),
            ).fetchone()
            return None if row is None else (str(row[0]), str(row[1]), int(row[2]))

        found = self._read("look up a model's training format", find, None)
        return None if found is None else LegacyFormat(found[0], found[1], bool(found[2]))

    def upload_memory(self, profile_id: str) -> UploadMemory:
        """What a provider needs to know the app's uploads to ``profile_id``'s service again."""
        return _ProfileUploads(self, profile_id)

    # The whole cache

    def forget_profile(self, profile_id: str) -> None:
        """Forget everything cached for a profile (e.g. it was deleted)."""

        def change(conn: sqlite3.Connection) -> None:
            key = (profile_id,)
            conn.execute("DELETE FROM job_lists WHERE profile_id = ?", key)
            conn.execute("DELETE FROM jobs WHERE profile_id = ?", key)
            conn.execute("DELETE FROM events WHERE profile_id = ?", key)
            conn.execute("DELETE FROM checkpoints WHERE profile_id = ?", key)
            conn.execute("DELETE FROM files WHERE profile_id = ?", key)
            conn.execute("DELETE FROM uploads WHERE profile_id = ?", key)
            conn.execute("DELETE FROM legacy_formats WHERE profile_id = ?", key)

        self._write("forget a profile", change, None)

    def close(self) -> None:
        """Close the file. Safe to call twice; later calls to the cache do nothing."""
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is None:
                return
            if not self._read_only:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA optimize")
            conn.close()

    # Plumbing

    def _select(self, action: str, sql: str, parameters: tuple[str, ...]) -> _Rows:
        nothing: _Rows = []
        return self._read(action, lambda conn: conn.execute(sql, parameters).fetchall(), nothing)

    def _read(self, action: str, query: Callable[[sqlite3.Connection], R], nothing: R) -> R:
        with self._lock:
            if self._conn is None:
                return nothing
            try:
                return query(self._conn)
            except sqlite3.ProgrammingError:
                raise  # a bug here, not a problem with the file
            except sqlite3.DatabaseError as error:
                self._failed(action, error)
                return nothing

    def _write(self, action: str, change: Callable[[sqlite3.Connection], R], nothing: R) -> R:
        with self._lock:
            if self._conn is None:
                return nothing
            if self._read_only:
                if not self._warned_read_only:
                    self._warned_read_only = True
                    log.warning(
                        "The jobs cache %s belongs to a newer version of the app; changes are not saved to it.",
                        self.path,
                    )
                return nothing
            try:
                with transaction(self._conn, immediate=True):
                    return change(self._conn)
            except sqlite3.ProgrammingError:
                raise
            except sqlite3.DatabaseError as error:
                self._failed(action, error)
                return nothing

    def _failed(self, action: str, error: sqlite3.DatabaseError) -> None:
        if primary_code(error) in CORRUPT and not self._read_only and not self._in_memory:
            log.warning("The jobs cache %s is corrupt (%s, during: %s).", self.path, error, action)
            conn, self._conn = self._conn, None
            if conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._conn = self._start_fresh(error)
        else:
            log.warning("The jobs cache %s could not %s: %s", self.path, action, error)

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_file()
        except (sqlite3.DatabaseError, OSError) as error:
            if isinstance(error, OSError) or primary_code(error) in NOT_THE_FILES_FAULT:
                return self._open_in_memory(error)
            return self._start_fresh(error)

    def _start_fresh(self, problem: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Set the unusable file aside and start a fresh one."""
        try:
            kept = set_aside_database(self.path)
            log.warning(
                "The jobs cache %s could not be used (%s); it was kept as %s and a fresh one started.",
                self.path,
                problem,
                kept,
            )
            return self._open_file()
        except (sqlite3.DatabaseError, OSError) as error:
            return self._open_in_memory(error)

    def _open_file(self) -> sqlite3.Connection:
        conn, newer = open_database(self.path, MIGRATIONS)
        if newer is not None:
            log.warning(
                "The jobs cache %s was written by a newer version of the app (layout %d, this one knows %d);"
                " it is only read, never written, so nothing in it is lost.",
                self.path,
                newer,
                len(MIGRATIONS),
            )
            self._read_only = True
        return conn

    def _open_in_memory(self, problem: Exception) -> sqlite3.Connection:
        log.warning(
            "The jobs cache %s could not be opened (%s); this session keeps jobs in memory only.",
            self.path,
            problem,
        )
        conn = connect(":memory:")
        migrate(conn, MIGRATIONS)
        self._in_memory = True
        return conn


def _delete_jobs(conn: sqlite3.Connection, profile_id: str, job_ids: Sequence[str]) -> None:
    if not job_ids:
        return
    keys = [(profile_id, job_id) for job_id in job_ids]
    result_files: list[tuple[str, str]] = []
    for key in keys:
        row = conn.execute("SELECT data FROM jobs WHERE profile_id = ? AND job_id = ?", key).fetchone()
        if row is not None:
            result_files.extend((profile_id, file_id) for file_id in _result_files_in(row[0]))
    conn.executemany("DELETE FROM files WHERE profile_id = ? AND file_id = ?", result_files)
    conn.executemany("DELETE FROM events WHERE profile_id = ? AND job_id = ?", keys)
    conn.executemany("DELETE FROM checkpoints WHERE profile_id = ? AND job_id = ?", keys)
    conn.executemany("DELETE FROM jobs WHERE profile_id = ? AND job_id = ?", keys)


def _result_files_in(data: object) -> list[str]:
    try:
        raw = json.loads(data) if isinstance(data, str | bytes) else None
    except ValueError:
        return []
    files = raw.get("result_files") if isinstance(raw, dict) else None
    return [file_id for file_id in files if isinstance(file_id, str)] if isinstance(files, list) else []


def _sortable(number: int) -> int:
    """``number`` clamped to SQLite's 64-bit integers (the JSON keeps the exact value)."""
    return min(max(number, _INT64_MIN), _INT64_MAX)


# JSON: written from the dataclasses' fields, read back field by field.


def _json_default(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: getattr(value, item.name) for item in fields(value)}
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"a {type(value).__name__} cannot be cached")


def _to_json(value: object) -> str:
    return json.dumps(value, default=_json_default, separators=(",", ":"))


class _ProfileUploads:
    def __init__(self, cache: JobsCache, profile_id: str) -> None:
        self._cache = cache
        self._profile = profile_id

    def digest_of(self, file_id: str) -> str | None:
        return self._cache.upload_digest(self._profile, file_id)

    def remember(self, file_id: str, sha256: str) -> None:
        self._cache.remember_upload(self._profile, file_id, sha256)


def _job_row(profile_id: str, job: Job, fetched_at: float) -> tuple[str, str, int, float, str]:
    return (profile_id, job.id, _sortable(job.created_at), fetched_at, _to_json(job))


def _encode_each(kind: str, items: Iterable[T], encode: Callable[[T], R]) -> list[R]:
    """Rows for ``items``; one that cannot be written as JSON is left out (logged), not the whole batch."""
    rows: list[R] = []
    for item in items:
        try:
            rows.append(encode(item))
        except (TypeError, ValueError, OverflowError) as error:
            log.warning("A %s is not cached: %s", kind, error)
    return rows


class _UnreadableRowError(ValueError):
    pass


def _decode_rows(
    kind: str, rows: Iterable[tuple[str, object]], build: Callable[[dict[str, object]], T]
) -> list[T]:
    items: list[T] = []
    skipped: list[str] = []
    first_problem = ""
    for key, data in rows:
        try:
            raw = json.loads(data) if isinstance(data, str | bytes) else None
            if not isinstance(raw, dict):
                raise _UnreadableRowError("not a JSON object")
            items.append(build(raw))
        except (ValueError, TypeError, OverflowError, RecursionError) as error:
            if not skipped:
                first_problem = str(error)
            skipped.append(key)
    if skipped:
        log.warning(
            "Skipped %d cached %s row(s) that could not be read; first %r: %s",
            len(skipped),
            kind,
            skipped[0],
            first_problem,
        )
    return items


_REQUIRED = object()


def _text(raw: Mapping[str, object], key: str, default: object = _REQUIRED) -> str:
    value = raw.get(key, default)
    if isinstance(value, str):
        return value
    if value is _REQUIRED:
        raise _UnreadableRowError(f"{key!r} is missing")
    raise _UnreadableRowError(f"{key!r} is not text: {value!r}")


def _optional_text(raw: Mapping[str, object], key: str) -> str | None:
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _UnreadableRowError(f"{key!r} is not text: {value!r}")


def _whole(raw: Mapping[str, object], key: str) -> int:
    value = raw.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _UnreadableRowError(f"{key!r} is not a whole number: {value!r}")


def _optional_whole(raw: Mapping[str, object], key: str) -> int | None:
    return None if raw.get(key) is None else _whole(raw, key)


def _optional_number(raw: Mapping[str, object], key: str) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise _UnreadableRowError(f"{key!r} is not a number: {value!r}")


def _object(raw: Mapping[str, object], key: str) -> dict[str, object]:
    value = raw.get(key)
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    raise _UnreadableRowError(f"{key!r} is not an object: {value!r}")


def _job_error(value: object) -> JobError | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _UnreadableRowError(f"'error' is not an object: {value!r}")
    return JobError(
        code=_text(value, "code"), message=_text(value, "message"), param=_optional_text(value, "param")
    )


def _hyperparameters(value: object) -> Hyperparameters:
    if value is None:
        return Hyperparameters()
    if not isinstance(value, dict):
        raise _UnreadableRowError(f"'hyperparameters' is not an object: {value!r}")
    return Hyperparameters(
        n_epochs=_optional_whole(value, "n_epochs"),
        batch_size=_optional_whole(value, "batch_size"),
        learning_rate_multiplier=_optional_number(value, "learning_rate_multiplier"),
    )


def _text_tuple(raw: Mapping[str, object], key: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise _UnreadableRowError(f"{key!r} is not a list of text: {value!r}")


def _job_from_dict(raw: dict[str, object]) -> Job:
    return Job(
        id=_text(raw, "id"),
        model=_text(raw, "model"),
        status=_text(raw, "status"),
        created_at=_whole(raw, "created_at"),
        training_file=_text(raw, "training_file"),
        fine_tuned_model=_optional_text(raw, "fine_tuned_model"),
        finished_at=_optional_whole(raw, "finished_at"),
        error=_job_error(raw.get("error")),
        validation_file=_optional_text(raw, "validation_file"),
        result_files=_text_tuple(raw, "result_files"),
        trained_tokens=_optional_whole(raw, "trained_tokens"),
        estimated_finish=_optional_whole(raw, "estimated_finish"),
        suffix=_optional_text(raw, "suffix"),
        hyperparameters=_hyperparameters(raw.get("hyperparameters")),
        method=_optional_text(raw, "method"),
        beta=_optional_number(raw, "beta"),
        metadata={k: v for k, v in _object(raw, "metadata").items() if isinstance(v, str)},
        seed=_optional_whole(raw, "seed"),
    )


def _event_from_dict(raw: dict[str, object]) -> JobEvent:
    return JobEvent(
        id=_text(raw, "id"),
        created_at=_whole(raw, "created_at"),
        level=_text(raw, "level"),
        message=_text(raw, "message"),
        type=_text(raw, "type", default="message"),
        data=_object(raw, "data"),
    )


def _checkpoint_from_dict(raw: dict[str, object]) -> Checkpoint:
    # A metric that is not a number is dropped rather than losing the whole checkpoint.
    metrics = {
        name: value
        for name, value in _object(raw, "metrics").items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    }
    return Checkpoint(
        id=_text(raw, "id"),
        model=_text(raw, "model"),
        step=_whole(raw, "step"),
        created_at=_whole(raw, "created_at"),
        metrics=metrics,
    )
