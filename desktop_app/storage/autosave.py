"""Crash-safe autosave: named JSON snapshots (e.g. the working dataset) that survive a crash.

The store knows nothing about what it saves; callers hand in and get back plain JSON-compatible dicts.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.fileio import atomic_writer, write_json
from desktop_app.storage.fileio import set_aside

__all__ = ["AutosaveStore"]

log = logging.getLogger(__name__)

_FORMAT = "finetune-desk-autosave"
_FORMAT_VERSION = 1
# Names become file names: keep them to one safe path component.
_VALID_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}")


class AutosaveStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def save(self, name: str, payload: dict[str, object], *, pause: Callable[[], None] | None = None) -> None:
        """Write ``payload`` atomically as UTF-8 JSON; the previous snapshot stays intact if this fails.

        ``pause`` is called between chunks of a long row list (see :func:`write_json`)."""
        path = self._path(name)
        envelope = {
            "format": _FORMAT,
            "version": _FORMAT_VERSION,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "payload": payload,
        }
        # Written through a temporary file: a payload that is not JSON-compatible, or a crash, leaves the
        # previous snapshot whole. Long row lists are encoded in chunks so the window never waits on this.
        self.directory.mkdir(parents=True, exist_ok=True)
        long_list = ("payload", "examples") if isinstance(payload.get("examples"), list) else ()
        with atomic_writer(path) as handle:
            write_json(handle, envelope, long_list, pause=pause)

    def load(self, name: str) -> dict[str, Any] | None:
        """The saved payload, or None when there is none or it cannot be read (it is then renamed aside)."""
        path = self._path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        payload = _payload_from(raw)
        if payload is None:
            try:
                kept = set_aside(path)
            except OSError as error:
                log.warning("The autosave %r could not be read nor moved aside: %s", name, error)
            else:
                log.warning("The autosave %r could not be read; it was kept as %s", name, kept)
        return payload

    def clear(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def _path(self, name: str) -> Path:
        if not _VALID_NAME.fullmatch(name):
            raise ValueError(f"Invalid autosave name {name!r}: use letters, digits, '.', '_' and '-'.")
        return self.directory / f"{name}.json"


def _payload_from(raw: bytes) -> dict[str, Any] | None:
    try:
        envelope = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(envelope, dict) or envelope.get("format") != _FORMAT:
        return None
    payload = envelope.get("payload")
    return payload if isinstance(payload, dict) else None
