"""What every SQLite file of the app shares: connections, transactions, versioned migrations, and setting an
unusable file aside with its companions.

A layout is a list of migrations (each a list of statements); ``PRAGMA user_version`` counts how many a file
has had, so an older file is brought up to date one step at a time and a file from a newer app is recognised
(its version is above ``len(migrations)``) and left unwritten.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from desktop_app.storage.fileio import set_aside

BUSY_TIMEOUT_SECONDS = 5.0
NEW_FILE_MODE = 0o600  # created before SQLite does, so it (and the -wal and -shm files) stays private

Migrations = Sequence[Sequence[str]]

# Errors that say nothing about the file itself (another process holds it, the disk is full, no permission):
# such a file is never set aside.
NOT_THE_FILES_FAULT = frozenset(
    {
        sqlite3.SQLITE_AUTH,
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_INTERRUPT,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_READONLY,
    }
)
CORRUPT = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun and ended explicitly (see transaction).
    return sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False, uri=uri
    )


def read_only_uri(path: Path) -> str:
    return f"{path.absolute().as_uri()}?mode=ro"


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def checked_version(conn: sqlite3.Connection) -> int:
    """The file's layout version, after reading its schema (which a file that is not SQLite fails)."""
    version = user_version(conn)
    conn.execute("SELECT name FROM sqlite_master").fetchall()
    return version


def version_on_disk(path: Path) -> int | None:
    """The layout version of an existing, non-empty file, read without writing to it; None if there is none.

    Look before opening for writing: merely opening a file in WAL mode for writing may change it."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    probe = connect(read_only_uri(path), uri=True)
    try:
        return checked_version(probe)
    finally:
        probe.close()


def migrate(conn: sqlite3.Connection, migrations: Migrations) -> int:
    """Bring the file up to the newest layout; return the version it had (maybe newer than we know)."""
    if user_version(conn) >= len(migrations):
        return user_version(conn)
    with transaction(conn, immediate=True):
        version = user_version(conn)  # again, now that no other process can be migrating it
        for steps in migrations[version:]:
            for statement in steps:
                conn.execute(statement)
        if version < len(migrations):
            conn.execute(f"PRAGMA user_version = {len(migrations):d}")
    return version


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading read locks.
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def set_aside_database(path: Path) -> Path:
    """Rename an unusable database out of the way, keeping every byte; returns where it went."""
    kept = set_aside(path)
    # The write-ahead log holds the file's latest changes: it stays with it. The -shm index is rebuilt.
    for suffix in ("-wal", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            set_aside(companion)
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    return kept


def open_database(
    path: Path, migrations: Migrations, *, prepare: Callable[[sqlite3.Connection], None] | None = None
) -> tuple[sqlite3.Connection, int | None]:
    """The file brought up to date and opened for writing in WAL mode (readers never wait for a writer; a
    power cut may lose the last write, never the file); or, when a newer app wrote it, opened read-only so
    nothing in it is lost. Returns the connection and that newer layout version, or None. ``prepare`` runs
    on every connection (pragmas, SQL functions). SQLite and OS errors are raised for the caller to judge."""
    path.parent.mkdir(parents=True, exist_ok=True)
    version = version_on_disk(path)
    if version is None:
        path.touch(mode=NEW_FILE_MODE, exist_ok=True)
    elif version > len(migrations):
        return _open_read_only(path, prepare), version
    conn = connect(str(path))
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if prepare is not None:
            prepare(conn)
        version = migrate(conn, migrations)
    except BaseException:
        conn.close()
        raise
    if version > len(migrations):  # a newer app upgraded the file between our look and our open
        conn.close()
        return _open_read_only(path, prepare), version
    return conn, None


def _open_read_only(path: Path, prepare: Callable[[sqlite3.Connection], None] | None) -> sqlite3.Connection:
    conn = connect(read_only_uri(path), uri=True)
    if prepare is not None:
        prepare(conn)
    return conn
