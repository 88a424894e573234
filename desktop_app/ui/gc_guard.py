"""Python's cyclic garbage collection: on the UI thread only, and paused while workers build many objects.

The collector runs in whichever thread happens to allocate when a threshold is crossed: a worker thread, often.
If the garbage it finds holds a Qt widget's wrapper, the widget's C++ destructor then runs in that worker, which
Qt forbids and which crashes (seen: a dialog closed while its worker still ran). So :class:`UiThreadCollector`
switches automatic collection off and checks the same generational thresholds from a timer on the UI thread.

:func:`gc_paused` holds collection off while a block runs (a worker building 100,000 rows would otherwise set
off full collections that walk every object while holding the interpreter's lock).
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1_000  # a check a second: each wake-up of the window costs it more than the check itself
FULL_COLLECTION_EVERY_S = 60.0  # the oldest generation walks everything: not more often than this
SETTLED_AFTER_MS = 15_000  # start-up is over (modules imported, window built, service connected)

_lock = threading.Lock()
_pauses = 0
_ui_thread_collection = False  # a UiThreadCollector is running: automatic collection stays off


class Pause:
    """What :func:`gc_paused` yields: set ``keep`` inside the block once it knows it made objects that live on."""

    def __init__(self, keep: bool) -> None:
        self.keep = keep


@contextlib.contextmanager
def gc_paused(*, keep: bool = False) -> Iterator[Pause]:
    """No cyclic garbage collection while the block runs (reference counting still frees everything).

    Pauses nest across threads. With ``keep`` (the block made objects that live on, such as the rows of a file
    just read; or ``pause.keep = True`` inside the block) everything alive is first moved out of the collector's
    sight (``gc.freeze``): otherwise its first pass after the pause walks all of them at once.
    """
    global _pauses  # noqa: PLW0603 - one process-wide count, as the collector itself is process-wide
    pause = Pause(keep)
    with _lock:
        _pauses += 1
        if _pauses == 1:
            gc.disable()
    try:
        yield pause
    finally:
        with _lock:
            _pauses -= 1
            if pause.keep:
                gc.freeze()
            if _pauses == 0 and not _ui_thread_collection:
                gc.enable()


def _paused() -> bool:
    with _lock:
        return _pauses > 0


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        global _ui_thread_collection  # noqa: PLW0603 - see above
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        self._last_full = time.monotonic()
        with _lock:
            _ui_thread_collection = True
            gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the generations whose counts passed their thresholds, as the automatic collector would
        (the oldest at most every FULL_COLLECTION_EVERY_S); nothing while a worker has collection paused."""
        if _paused():
            return 0
        first, second, third = gc.get_count()
        found = 0
        if first > self._thresholds[0]:
            found += gc.collect(0)
            if second > self._thresholds[1]:
                found += gc.collect(1)
                now = time.monotonic()
                if third > self._thresholds[2] and now - self._last_full >= FULL_COLLECTION_EVERY_S:
                    self._last_full = now
                    found += gc.collect(2)
        return found

    def freeze_after(self, ms: int = SETTLED_AFTER_MS) -> None:
        """Once start-up is over, move what it made (modules, classes, the SDK's models: hundreds of thousands
        of objects that live as long as the app) out of the collector's sight, so a full collection walks only
        what the app made since (a few milliseconds instead of tens)."""
        QTimer.singleShot(ms, self, self._freeze)

    def _freeze(self) -> None:
        if not _paused():
            gc.collect()
            gc.freeze()
            self._last_full = time.monotonic()

    def stop(self) -> None:
        """Give collection back to Python (as it was before)."""
        global _ui_thread_collection  # noqa: PLW0603 - see above
        self._timer.stop()
        with _lock:
            _ui_thread_collection = False
            if self._was_enabled and _pauses == 0:
                gc.enable()
