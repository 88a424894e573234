from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.storage.logsetup import SecretRedactingFilter, configure_logging, shutdown_logging
from desktop_app.storage.secrets import SecretRedactor, mask_key

REGISTERED = "registered-secret-without-any-prefix-77"
SK_KEY = "sk-unregistered-0WXYZ"
BEARER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.payload.signature"

log = logging.getLogger("desktop_app.tests.logsetup")


def _fail_with(key: str) -> None:
    raise RuntimeError(f"request failed with key {key}")


def _log_text(log_file: Path) -> str:
    shutdown_logging()
    return log_file.read_text(encoding="utf-8")


def test_secret_in_message_args_and_traceback_is_masked(tmp_path: Path, redactor: SecretRedactor) -> None:
    redactor.register(REGISTERED)
    log_file = configure_logging(tmp_path / "logs", logging.INFO, redactor=redactor)
    log.info(f"in the message {REGISTERED}")
    log.info("in the args %s and %r", REGISTERED, {"key": REGISTERED})
    try:
        _fail_with(REGISTERED)
    except RuntimeError:
        log.exception("in the traceback")
    text = _log_text(log_file)
    assert REGISTERED not in text
    assert text.count(mask_key(REGISTERED)) == 4
    assert "Traceback (most recent call last)" in text
    assert 'raise RuntimeError(f"request failed with key {key}")' in text
    assert f"RuntimeError: request failed with key {mask_key(REGISTERED)}" in text


def test_key_shaped_strings_and_bearer_tokens_are_masked_without_registration(
    tmp_path: Path, redactor: SecretRedactor
) -> None:
    log_file = configure_logging(tmp_path, logging.DEBUG, redactor=redactor)
    log.debug("header Authorization: Bearer %s", BEARER_TOKEN)
    log.warning("config %s", {"api_key": SK_KEY})
    text = _log_text(log_file)
    assert SK_KEY not in text
    assert BEARER_TOKEN not in text
    assert "Bearer eyJ…ture" in text
    assert "sk-…WXYZ" in text


def test_stack_info_is_masked(tmp_path: Path, redactor: SecretRedactor) -> None:
    log_file = configure_logging(tmp_path, logging.INFO, redactor=redactor)
    secret_local = SK_KEY  # appears in the source line shown by the stack
    log.info("where am I", stack_info=True, extra={"unused": secret_local})
    text = _log_text(log_file)
    assert "Stack (most recent call last)" in text
    assert SK_KEY not in text


def test_filter_keeps_a_record_whose_args_do_not_fit(redactor: SecretRedactor) -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "two placeholders %s %s", (SK_KEY,), None)
    assert SecretRedactingFilter(redactor).filter(record)
    message = record.getMessage()
    assert message.startswith("two placeholders")
    assert SK_KEY not in message


def test_level_is_respected_and_file_is_utf8(tmp_path: Path, redactor: SecretRedactor) -> None:
    log_file = configure_logging(tmp_path, logging.WARNING, redactor=redactor)
    log.info("信息 hidden")
    log.warning("警告 shown")
    text = _log_text(log_file)
    assert "警告 shown" in text
    assert "hidden" not in text


def test_shutdown_removes_and_closes_handlers_and_restores_level(tmp_path: Path) -> None:
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    level_before = root.level
    configure_logging(tmp_path, logging.DEBUG)
    configure_logging(tmp_path, logging.DEBUG)  # reconfiguring replaces, does not stack
    added = [h for h in root.handlers if h not in handlers_before]
    assert len(added) == 1
    assert root.level == logging.DEBUG
    shutdown_logging()
    assert root.handlers == handlers_before
    assert root.level == level_before
    assert added[0].stream is None  # type: ignore[attr-defined]


def test_rotation_keeps_backups(tmp_path: Path, redactor: SecretRedactor) -> None:
    log_file = configure_logging(tmp_path, logging.INFO, redactor=redactor, max_bytes=500, backup_count=2)
    for i in range(40):
        log.info("line %d %s", i, "x" * 40)
    shutdown_logging()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [log_file.name, f"{log_file.name}.1", f"{log_file.name}.2"]
