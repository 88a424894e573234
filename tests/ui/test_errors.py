"""Every kind of failure gives a clear message in the window, and the app keeps running and recovering."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.tokens import TokenizerError
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from desktop_app.storage.settings import Profile, ProviderKind
from desktop_app.ui.crash import ErrorReporter, install_exception_hooks, restore_exception_hooks
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice
from desktop_app.ui.widgets import Level
from tests.ui.conftest import DATA

JOBS_LIST = r"^/v1/fine_tuning/jobs$"


def _first_poll(qtbot, window) -> None:
    qtbot.waitUntil(window.jobs_tab.new_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.jobs_tab.polled, timeout=10_000):
        window.jobs_tab.refresh()


@pytest.mark.parametrize(
    ("status", "words", "level"),
    [
        (500, "internal problem", Level.WARNING),
        (429, "busy", Level.WARNING),
        (404, "could not find", Level.ERROR),
        (401, "did not accept the API key", Level.ERROR),
    ],
)
def test_poller_reports_and_recovers(qtbot, window, status: int, words: str, level: Level) -> None:
    _first_poll(qtbot, window)
    simulator = window.session.simulator
    assert simulator is not None
    simulator.faults.add(Fault(path=JOBS_LIST, method="GET", status=status, retry_after=0, times=2))
    jobs = window.jobs_tab
    jobs.refresh()
    qtbot.waitUntil(lambda: words in jobs.message_bar.text, timeout=10_000)
    assert jobs.message_bar.level is level
    # The fault is used up: polling goes on by itself and the message goes away.
    qtbot.waitUntil(lambda: not jobs.message_bar.isVisible(), timeout=15_000)
    assert window.isVisible()


def test_connection_lost_is_explained(qtbot, window) -> None:
    _first_poll(qtbot, window)
    simulator = window.session.simulator
    simulator.faults.add(Fault(path=JOBS_LIST, method="GET", drop=True, times=None))
    jobs = window.jobs_tab
    jobs.refresh()
    qtbot.waitUntil(lambda: "Could not reach the service" in jobs.message_bar.text, timeout=15_000)
    simulator.faults.clear()
    qtbot.waitUntil(lambda: not jobs.message_bar.isVisible(), timeout=30_000)


def test_chat_server_error_keeps_the_chat_usable(qtbot, window) -> None:
    chat = window.chat_tab
    window.tabs.setCurrentWidget(chat)
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    assert not chat.current_model().startswith(("babbage", "davinci"))  # a chat model is the default
    window.session.simulator.faults.add(Fault(path=r"^/v1/(chat/)?completions$", status=500, times=5))
    chat.input.setPlainText("hello")
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000):
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
    assert "did not answer" in chat.message_bar.text
    assert chat.send_button.isEnabled()
    window.session.simulator.faults.clear()
    chat.input.setPlainText("hello again")
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000) as finished:
        chat.send()
    assert finished.args[0]


@pytest.fixture
def outside_service() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast(require_api_key="sk-test-openai-key-0001")) as server:
        yield server


def test_openai_403_on_job_creation_explains_the_wind_down(
    qtbot, open_window, make_context, keyring_backend, outside_service
) -> None:
    context = make_context()
    profile = Profile(
        id="openai1", name="OpenAI", kind=ProviderKind.OPENAI, base_url=outside_service.base_url
    )
    context.settings.add_profile(profile)
    context.settings.active_profile_id = "openai1"
    context.secrets.set_key("openai1", "sk-test-openai-key-0001")
    window = open_window(context)
    assert not window.practice_banner.isVisible()
    qtbot.waitUntil(window.jobs_tab.new_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.data_tab.checked, timeout=10_000):
        window.data_tab.open_file(DATA / "content.xlsx")
    outside_service.faults.add(Fault(path=JOBS_LIST, method="POST", status=403, times=1))
    with qtbot.waitSignal(window.jobs_tab.actionFailed, timeout=10_000):
        assert window.jobs_tab.start_job(NewJobChoice("gpt-4o-mini-2024-07-18", "content", None)) is not None
    text = window.jobs_tab.message_bar.text
    assert "6 January 2027" in text
    assert "export" in text.lower()
    assert "Practice" in text


def test_unhandled_exception_in_a_thread_is_logged_and_shown(qtbot, window, caplog) -> None:
    reporter = ErrorReporter()
    reporter.errorOccurred.connect(window.show_unhandled_error)
    install_exception_hooks(reporter)
    try:
        thread = threading.Thread(target=lambda: 1 / 0, name="doomed")
        with caplog.at_level(logging.CRITICAL, logger="desktop_app.crash"):
            thread.start()
            thread.join()
            qtbot.waitUntil(lambda: "ZeroDivisionError" in window.message_bar.text, timeout=5_000)
    finally:
        restore_exception_hooks()
    assert any("doomed" in r.getMessage() for r in caplog.records)
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_unhandled_exception_in_a_slot_is_logged_and_shown(qtbot, window, caplog) -> None:
    from PySide6.QtCore import QTimer

    reporter = ErrorReporter()
    reporter.errorOccurred.connect(window.show_unhandled_error)
    install_exception_hooks(reporter)

    def broken_slot() -> None:
        raise KeyError("missing-thing")

    try:
        with caplog.at_level(logging.CRITICAL, logger="desktop_app.crash"):
            QTimer.singleShot(0, broken_slot)
            qtbot.waitUntil(lambda: "KeyError" in window.message_bar.text, timeout=5_000)
    finally:
        restore_exception_hooks()
    assert any("main thread" in r.getMessage() for r in caplog.records)
    assert window.isVisible()


def test_a_slow_service_times_out_with_a_message_and_recovers(qtbot, open_window, make_context) -> None:
    window = open_window(make_context(request_timeout=0.5))
    _first_poll(qtbot, window)
    simulator = window.session.simulator
    # Slower than the timeout, twice: the first try and the one retry both give up.
    simulator.faults.add(Fault(path=JOBS_LIST, method="GET", delay=1.5, times=2))
    jobs = window.jobs_tab
    jobs.refresh()
    qtbot.waitUntil(lambda: "took too long" in jobs.message_bar.text, timeout=15_000)
    assert jobs.message_bar.level is Level.WARNING
    qtbot.waitUntil(lambda: not jobs.message_bar.isVisible(), timeout=20_000)


def test_a_damaged_tokenizer_file_is_named_in_words_that_translate(tmp_path: Path) -> None:
    path = tmp_path / "o200k_base.tiktoken"
    missing = describe_exception(TokenizerError("Tokenizer file is missing", code="missing_file", path=path))
    assert missing.title == "Tokens could not be counted"
    assert str(path) in missing.text
    assert "Reinstall" in missing.text
    damaged = describe_exception(TokenizerError("bad base64", code="corrupt_file", path=path))
    assert "damaged" in damaged.text
    assert "bad base64" in damaged.detail  # the technical words stay in the details, not the message
    unknown = describe_exception(TokenizerError("no such encoding", code="unknown_encoding"))
    assert "not known" in unknown.text
