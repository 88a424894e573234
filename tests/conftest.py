"""Suite-wide rules: Qt runs offscreen, and no test may leave a thread running."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from tests.practice_service import provider, server  # noqa: F401 - fixtures for every test directory

# Before any Qt import: tests never need a display (only the screenshot tool uses Xvfb).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

THREAD_GRACE_SECONDS = 5.0


def _live_threads() -> set[threading.Thread]:
    # Dummy threads are Python's records of threads it did not start (Qt's pool threads calling into
    # Python); they linger in threading's table after the thread is gone, so they prove nothing.
    return {t for t in threading.enumerate() if t.is_alive() and not isinstance(t, threading._DummyThread)}


@pytest.fixture(autouse=True)
def _no_leftover_threads() -> Iterator[None]:
    before = _live_threads()
    yield
    deadline = time.monotonic() + THREAD_GRACE_SECONDS
    leftover = _live_threads() - before
    while leftover and time.monotonic() < deadline:
        time.sleep(0.05)
        leftover = _live_threads() - before
    assert not leftover, f"test left threads running: {sorted(t.name for t in leftover)}"
