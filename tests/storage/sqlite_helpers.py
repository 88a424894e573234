"""Looking at an app's SQLite file from outside, as the store and cache tests do."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def raw_db(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection for looking at or tampering with the file while no store has it open."""
    conn = sqlite3.connect(path)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def user_version(path: Path) -> int:
    with raw_db(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def set_aside_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if ".corrupt-" in p.name)


def warnings_from(logger_name: str, caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == logger_name and r.levelno == logging.WARNING]
