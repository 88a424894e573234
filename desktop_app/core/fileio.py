"""Atomic file writing: a reader (or a crash) sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

WRITE_BUFFER = 1 << 20
"""Bytes gathered before each write call. Each call lets go of the interpreter's lock, and a thread that lets
go every few microseconds (8 KiB, the default, is ~20 lines of JSONL) wins it back before a waiting thread wakes
up: the window, waiting for it, froze for 20-80 ms at a time while 100,000 rows were exported."""


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on clean exit it replaces ``path`` in one step, on error ``path`` is untouched.

    The temporary file lives in the same directory (``os.replace`` is only atomic within one file system) and
    is created with mode 0o666 so the process umask applies, as for any ordinary new file.
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb", buffering=WRITE_BUFFER) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_directory(path.parent)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_writer(path) as handle:
        handle.write(data)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open directories, and there it is not needed.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


JSON_CHUNK = 200
"""Items of a long list encoded per call by :func:`write_json` (under a millisecond of work each)."""


def write_json(
    handle: BinaryIO,
    document: object,
    long_list: Sequence[str] = (),
    *,
    pause: Callable[[], None] | None = None,
) -> None:
    """Write ``document`` as compact UTF-8 JSON (text not ASCII-escaped); the list found by following the keys
    ``long_list`` is encoded :data:`JSON_CHUNK` items at a time.

    ``json.dumps`` holds the interpreter's lock for the whole call: one call over 100,000 rows kept every other
    thread, the window's included, waiting for half a second. Between chunks other threads run, and ``pause``
    is called (a worker lets the window go first there). The text is
    the same as ``json.dumps(document, ensure_ascii=False, separators=(",", ":"))`` except that the long
    list's key comes last in its object.
    """

    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    if not long_list:
        if isinstance(document, list):
            handle.write(b"[")
            for start in range(0, len(document), JSON_CHUNK):
                if start:
                    handle.write(b",")
                    if pause is not None:
                        pause()
                handle.write(dumps(document[start : start + JSON_CHUNK])[1:-1].encode("utf-8"))
            handle.write(b"]")
        else:
            handle.write(dumps(document).encode("utf-8"))
        return
    if not isinstance(document, dict):
        raise TypeError(f"expected an object holding {long_list[0]!r}")
    key, rest = long_list[0], {k: v for k, v in document.items() if k != long_list[0]}
    head = dumps(rest)[:-1]
    handle.write(f"{head}{',' if rest else ''}{dumps(key)}:".encode())
    write_json(handle, document[key], long_list[1:], pause=pause)
    handle.write(b"}")
