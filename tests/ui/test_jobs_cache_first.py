"""The Jobs tab shows the jobs last seen on a service while the app is still connecting to it (the key comes from
a keyring that may take its time, e.g. waiting for the user to unlock it), and keeps them once connected; its event log takes thousands of events in a few calls."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop_app.providers.types import Job, JobEvent, JobRequest
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import Profile, ProviderKind
from desktop_app.ui.colours import Tone, tone_css
from desktop_app.ui.jobs.tab import PREVIEW_AFTER_MS
from desktop_app.ui.main_window import AppContext, MainWindow
from tests.practice_service import make_provider
from tests.storage.memory_keyring import MemoryKeyring
from tests.ui.conftest import DATA

KEY = "test-cache-first-key"


class SlowKeyring(MemoryKeyring):
    """Answers only once ``opened`` is set, as a keyring waiting for its unlock prompt."""

    def __init__(self) -> None:
        super().__init__()
        self.slow = False
        self.opened = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        if self.slow:
            self.opened.wait(30)
        return super().get_password(service, username)


@pytest.fixture
def service() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast()) as server:
        yield server


def _context(make_context: Callable[..., AppContext], url: str, keyring: MemoryKeyring) -> AppContext:
    context = make_context(secrets=SecretStore(backend=keyring))
    if context.settings.profile("gw") is None:  # the second start finds it in the saved settings
        context.settings.add_profile(
            Profile(id="gw", name="Gateway", kind=ProviderKind.COMPATIBLE, base_url=url)
        )
    context.settings.active_profile_id = "gw"
    context.secrets.set_key("gw", KEY)
    if isinstance(keyring, SlowKeyring):
        keyring.slow = True
    return context


def _a_job_on(service: SimulatorServer, suffix: str) -> Job:
    """A job made on ``service`` behind the app's back, as another client would."""
    provider = make_provider(service)
    try:
        uploaded = provider.upload_training_file("chat.jsonl", (DATA / "chat.jsonl").read_bytes())
        return provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix=suffix))
    finally:
        provider.close()


def _told_whole(story: list[str]) -> bool:
    """The story of a job that ended, its cost included (told once the service gives the trained tokens)."""
    return "Training succeeded" in story and any(line.startswith("Training cost about") for line in story)


def test_cached_jobs_show_while_connecting_and_stay_once_connected(
    qtbot: QtBot, make_context: Callable[..., AppContext], service: SimulatorServer
) -> None:
    job = _a_job_on(service, "remembered")

    # A first run lists the job and keeps it in the cache.
    first = MainWindow(_context(make_context, service.base_url, MemoryKeyring()))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.jobs_tab.model.row_of(job.id) is not None, timeout=20_000)
    first.jobs_tab.select_job(job.id)  # its events, story and metrics are kept too
    qtbot.waitUntil(lambda: _told_whole(first.jobs_tab.story_view.story_lines()), timeout=30_000)
    qtbot.waitUntil(lambda: first.jobs_tab.event_log_pending() == 0, timeout=10_000)
    logged = first.jobs_tab.event_log_text().splitlines()
    story = first.jobs_tab.story_view.story_lines()
    points = len(first.jobs_tab.chart.points())
    assert points > 0
    first.shutdown()

    # The next start: the keyring is slow to answer, so the app is still connecting.
    keyring = SlowKeyring()
    window = MainWindow(_context(make_context, service.base_url, keyring))
    qtbot.addWidget(window)
    window.show()
    tab = window.jobs_tab
    try:
        qtbot.waitUntil(lambda: tab.model.row_of(job.id) is not None, timeout=10_000)
        assert window.session.state().loading_key  # shown from the cache, before any connection
        assert window.session.provider is None
        assert tab.freshness_label.text().startswith(("Updated", "As of"))
        assert not tab.new_button.isEnabled()  # nothing can be sent before the connection is made
        # Its details as last seen, also before any connection.
        tab.select_job(job.id)
        qtbot.waitUntil(lambda: tab.story_view.story_lines() == story, timeout=10_000)
        qtbot.waitUntil(lambda: tab.event_log_pending() == 0 and tab.event_log_text() != "", timeout=10_000)
        assert tab.event_log_text().splitlines() == logged
        assert len(tab.chart.points()) == points
        assert window.session.state().loading_key
        polls: list[object] = []
        tab.polled.connect(polls.append)
        keyring.opened.set()
        qtbot.waitUntil(lambda: bool(polls), timeout=20_000)
        assert tab.model.row_of(job.id) is not None  # kept, then refreshed from the service
        assert tab.new_button.isEnabled()
        assert not tab.empty_label.isVisible()
        # The service's answer replaces what the cache showed: no event twice.
        qtbot.waitUntil(lambda: tab.selected_job_id() == job.id and tab._previewed is None, timeout=20_000)
        qtbot.waitUntil(lambda: tab.event_log_pending() == 0, timeout=10_000)
        assert tab.event_log_text().splitlines() == logged
        assert tab.story_view.story_lines() == story
    finally:
        keyring.opened.set()
        window.shutdown()


def test_the_event_log_keeps_order_and_colours_warnings_and_errors(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.jobs_tab
    events = tuple(
        JobEvent(f"ev-{i}", 1_700_000_000 + i, level, f"message {i} <{level}>")
        for i, level in enumerate(["info"] * 3 + ["warn"] + ["info"] * 2 + ["error"] + ["info"] * 5000)
    )
    tab._clear_event_log()
    tab._append_events(events)
    assert tab.event_log_pending() > 0  # a slice per turn of the event loop
    qtbot.waitUntil(lambda: tab.event_log_pending() == 0, timeout=5_000)
    lines = tab.event_log_text().splitlines()
    assert len(lines) == len(events)
    assert [line.split("] ", 1)[1] for line in lines] == [event.message for event in events]
    document = tab.event_log.document()
    for number, tone in ((3, Tone.WARNING), (6, Tone.ERROR), (2, None), (7, None)):
        fragment = document.findBlockByNumber(number).begin().fragment()
        colour = fragment.charFormat().foreground().color()
        if tone is None:
            assert colour.name() != QColor(tone_css(Tone.ERROR)).name()
        else:
            assert colour.name() == QColor(tone_css(tone)).name()


def test_a_slow_service_leaves_the_cached_details_showing_meanwhile(
    qtbot: QtBot, make_context: Callable[..., AppContext], service: SimulatorServer
) -> None:
    job = _a_job_on(service, "kept")
    window = MainWindow(_context(make_context, service.base_url, MemoryKeyring()))
    qtbot.addWidget(window)
    window.show()
    tab = window.jobs_tab
    try:
        qtbot.waitUntil(lambda: tab.model.row_of(job.id) is not None, timeout=20_000)
        tab.select_job(job.id)  # its events are kept as the service tells them
        qtbot.waitUntil(lambda: _told_whole(tab.story_view.story_lines()), timeout=30_000)
        story = tab.story_view.story_lines()
        tab.table.clearSelection()
        qtbot.waitUntil(lambda: tab.story_view.story_lines() == [], timeout=5_000)
        # The service now takes 20 s to answer anything: the details come from the cache meanwhile.
        service.faults.add(Fault(path=r"/v1/", delay=20.0, times=None))
        started = time.monotonic()
        tab.select_job(job.id)
        qtbot.waitUntil(lambda: tab.story_view.story_lines() == story, timeout=5_000)
        assert time.monotonic() - started >= PREVIEW_AFTER_MS / 1000 * 0.9  # after waiting a moment for it
        assert tab._previewed == job.id
    finally:
        service.faults.clear()
        window.shutdown()
