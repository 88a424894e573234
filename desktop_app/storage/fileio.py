"""Crash-safe file writes: a reader sees either the old file or the new one, never half of each."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from datetime import datetime
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "set_aside"]


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically.

    The data goes to a temporary file in the same directory (so ``os.replace`` stays on one file
    system), is flushed and fsynced, then renamed over ``path``. On any failure the old file is left
    as it was and the temporary file is removed. An existing file keeps its permissions; a new file is
    readable by its owner only, since storage writes private data (settings, autosaves).
    """
    directory = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as temp_file:
            temp_file.write(data)
            temp_file.flush()
            os.fsync(temp_file.fileno())
        _copy_permissions(path, temp_path)
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
    _fsync_directory(directory)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Like :func:`atomic_write_bytes`; ``text`` is written as given (no newline translation)."""
    atomic_write_bytes(path, text.encode(encoding))


def set_aside(path: Path, label: str = "corrupt") -> Path:
    """Rename ``path`` to ``<name>.<label>-<timestamp>`` next to it and return the new path.

    Used for files we cannot read, so the user (or support) can still look at them.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    return target


def _copy_permissions(source: Path, target: Path) -> None:
    try:
        mode = stat.S_IMODE(source.stat().st_mode)
    except FileNotFoundError:
        return
    os.chmod(target, mode)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable. Not possible on Windows (directories cannot be opened)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
