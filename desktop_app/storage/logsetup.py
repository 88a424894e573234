"""Log files that never contain an API key.

A :class:`SecretRedactingFilter` on the handlers runs a :class:`~desktop_app.storage.secrets.SecretRedactor`
over the message, its arguments, the exception text and the stack text. By default it uses the
process-wide redactor that :class:`~desktop_app.storage.secrets.SecretStore` registers keys with
(``register_secret`` is re-exported here for other code that handles secrets).
"""

from __future__ import annotations

import logging
import logging.handlers
import threading
from pathlib import Path

from desktop_app.storage.secrets import SecretRedactor, default_redactor, register_secret

__all__ = [
    "LOG_FILE_NAME",
    "SecretRedactingFilter",
    "configure_logging",
    "register_secret",
    "shutdown_logging",
]

LOG_FILE_NAME = "finetune-desk.log"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class SecretRedactingFilter(logging.Filter):
    """Rewrites each record so its message, exception text and stack text are redacted.

    Installed on handlers (not loggers) so it also sees records propagated from child loggers.
    The record is changed in place, so handlers running after this one see the redacted text too.
    """

    def __init__(self, redactor: SecretRedactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # Arguments that do not fit the format: keep both, redacted, rather than lose the record.
            message = f"{record.msg} {record.args!r}"
        record.msg = self._redactor.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redactor.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redactor.redact(record.stack_info)
        return True


_installed_lock = threading.Lock()
_installed_handlers: list[logging.Handler] = []
_previous_root_level: int | None = None


def configure_logging(
    log_dir: Path,
    level: int = logging.INFO,
    *,
    redactor: SecretRedactor | None = None,
    max_bytes: int = 2_000_000,
    backup_count: int = 5,
) -> Path:
    """Log to a rotating UTF-8 file in ``log_dir`` through a redacting filter; return the file's path.

    Calling it again replaces the handler installed before. Undo with :func:`shutdown_logging`.
    """
    global _previous_root_level  # noqa: PLW0603 - shutdown_logging() must find what this installed
    shutdown_logging()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / LOG_FILE_NAME
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
    )
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(SecretRedactingFilter(redactor if redactor is not None else default_redactor()))
    root = logging.getLogger()
    with _installed_lock:
        _previous_root_level = root.level
        root.setLevel(level)
        root.addHandler(handler)
        _installed_handlers.append(handler)
    return log_file


def shutdown_logging() -> None:
    """Remove and close the handlers :func:`configure_logging` added, and restore the root level."""
    global _previous_root_level  # noqa: PLW0603
    root = logging.getLogger()
    with _installed_lock:
        handlers = list(_installed_handlers)
        _installed_handlers.clear()
        if _previous_root_level is not None:
            root.setLevel(_previous_root_level)
            _previous_root_level = None
    for handler in handlers:
        root.removeHandler(handler)
        handler.close()
