"""Every fault the service can throw at the Jobs tab, driven through the real window against the simulator.

Each case checks the words the user reads, that nothing crashed (pytest-qt fails a test on an exception in a
slot) and that the tab keeps working afterwards: polling goes on and a new job can still be started. Polling
faults on the job list (401, 404, 429 without a delay, 500, a dropped connection, a timeout) are covered by
test_errors.py; these are the faults around starting, following and cancelling a job.

Practice talks to its simulator with max_retries=1: the SDK repeats a 409, 429, 5xx, timeout or dropped
connection once by itself, so a fault meant to reach the user has to hit twice (``times=2``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop_app.providers.base import UPLOAD_ATTEMPTS
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from desktop_app.storage.settings import Profile, ProviderKind
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice
from desktop_app.ui.jobs.watch import JobsSnapshot
from desktop_app.ui.main_window import AppContext, MainWindow
from desktop_app.ui.widgets import Level
from tests.ui.conftest import DATA

CONTENT = DATA / "content.xlsx"
MODEL = "gpt-4o-mini-2024-07-18"
JOBS = r"^/v1/fine_tuning/jobs$"
FILES = r"^/v1/files$"
OPENAI_KEY = "test-openai-faults"


# ---- helpers --------------------------------------------------------------------------------------------
def _ready(qtbot: QtBot, window: MainWindow) -> SimulatorServer:
    """The examples are open and the tab has polled once; the Practice simulator behind it."""
    qtbot.waitUntil(window.jobs_tab.new_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.data_tab.checked, timeout=10_000):
        window.data_tab.open_file(CONTENT)
    with qtbot.waitSignal(window.jobs_tab.polled, timeout=10_000):
        window.jobs_tab.refresh()
    simulator = window.session.simulator
    assert simulator is not None
    return simulator


def _service_jobs(simulator: SimulatorServer) -> list[str]:
    return [job["id"] for job in simulator.state.list_jobs(None, 100, {})["data"]]


def _create_requests(simulator: SimulatorServer) -> list[int | None]:
    return [r.status for r in simulator.requests if r.method == "POST" and r.path == "/v1/fine_tuning/jobs"]


def _start(qtbot: QtBot, window: MainWindow, suffix: str) -> str:
    jobs = window.jobs_tab
    qtbot.waitUntil(jobs.new_button.isEnabled, timeout=10_000)  # a failed start has finished
    with qtbot.waitSignal(jobs.jobCreated, timeout=10_000) as created:
        assert jobs.start_job(NewJobChoice(MODEL, suffix, 1)) is not None
    job_id = created.args[0]
    assert isinstance(job_id, str)
    return job_id


def _start_fails(qtbot: QtBot, window: MainWindow, suffix: str) -> Exception:
    jobs = window.jobs_tab
    with qtbot.waitSignal(jobs.actionFailed, timeout=15_000) as failed:
        assert jobs.start_job(NewJobChoice(MODEL, suffix, 1)) is not None
    qtbot.waitUntil(jobs.new_button.isEnabled, timeout=5_000)  # the button waits no longer
    assert not jobs.upload_progress.isVisible()
    return failed.args[0]


def _polled_with(qtbot: QtBot, window: MainWindow, job_id: str) -> JobsSnapshot:
    """A later tick that lists ``job_id``: the poller is alive and the service is followed again."""
    jobs = window.jobs_tab
    seen: list[JobsSnapshot] = []

    def take(snapshot: JobsSnapshot) -> None:
        if snapshot.offline_error is None and any(job.id == job_id for job in snapshot.jobs):
            seen.append(snapshot)

    jobs.polled.connect(take)
    try:
        jobs.refresh()
        qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    finally:
        jobs.polled.disconnect(take)
    assert jobs.model.row_of(job_id) is not None
    return seen[0]


def _status_of(window: MainWindow, job_id: str) -> str:
    row = window.jobs_tab.model.row_of(job_id)
    return window.jobs_tab.model.job(row).status if row is not None else ""


# ---- creating a job -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "retry_after", "times", "words"),
    [
        pytest.param(401, None, 1, ["did not accept the API key"], id="401"),
        pytest.param(403, None, 1, ["not allowed"], id="403-practice"),
        pytest.param(429, 1, 1, ["busy", "Try again in 1 s"], id="429-retry-after"),
        pytest.param(500, None, 1, ["internal problem", "try again in a moment"], id="500"),
        pytest.param(503, None, 1, ["internal problem", "try again in a moment"], id="503"),
    ],
)
def test_a_refused_create_is_explained_and_the_next_start_works(
    qtbot: QtBot, window: MainWindow, *, status: int, retry_after: float | None, times: int, words: list[str]
) -> None:
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    simulator.faults.add(Fault(path=JOBS, method="POST", status=status, retry_after=retry_after, times=times))
    _start_fails(qtbot, window, "refused")
    text = jobs.message_bar.text
    assert "Could not create the training job" in text
    for word in words:
        assert word in text
    assert "6 January 2027" not in text  # the wind-down is OpenAI's, not Practice's
    assert jobs.message_bar.level is Level.ERROR
    assert _service_jobs(simulator) == []
    # One attempt: a create is never repeated on its own.
    assert _create_requests(simulator) == [status] * times

    simulator.faults.clear()
    job_id = _start(qtbot, window, "accepted")
    assert "created" in jobs.message_bar.text
    assert _service_jobs(simulator) == [job_id]
    _polled_with(qtbot, window, job_id)


@pytest.fixture
def openai_service() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast(require_api_key=OPENAI_KEY)) as server:
        yield server


def _openai_window(
    open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext], url: str
) -> MainWindow:
    context = make_context()
    context.settings.add_profile(Profile(id="oai", name="OpenAI", kind=ProviderKind.OPENAI, base_url=url))
    context.settings.active_profile_id = "oai"
    context.secrets.set_key("oai", OPENAI_KEY)
    return open_window(context)


def test_openai_403_explains_the_wind_down_only_when_starting_a_job(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    openai_service: SimulatorServer,
) -> None:
    window = _openai_window(open_window, make_context, openai_service.base_url)
    jobs = window.jobs_tab
    qtbot.waitUntil(jobs.new_button.isEnabled, timeout=10_000)
    assert window.session.is_openai
    with qtbot.waitSignal(window.data_tab.checked, timeout=10_000):
        window.data_tab.open_file(CONTENT)

    # Reading the list is refused: a permission problem, not the end of fine-tuning.
    openai_service.faults.add(Fault(path=JOBS, method="GET", status=403, times=1))
    jobs.refresh()
    qtbot.waitUntil(lambda: "not allowed" in jobs.message_bar.text, timeout=10_000)
    assert "6 January 2027" not in jobs.message_bar.text
    qtbot.waitUntil(lambda: not jobs.message_bar.isVisible(), timeout=10_000)  # the next tick worked

    # Starting a job is refused: that is the wind-down, said in full.
    openai_service.faults.add(Fault(path=JOBS, method="POST", status=403, times=1))
    _start_fails(qtbot, window, "refused")
    text = jobs.message_bar.text
    assert "Could not create the training job" in text
    assert "6 January 2027" in text
    assert "last 60 days" in text  # the July 2026 rule: no recent use of a fine-tuned model
    assert "export" in text.lower()
    assert [job["id"] for job in openai_service.state.list_jobs(None, 100, {})["data"]] == []

    # The service accepts again (a compatible gateway, an exempt organisation): the tab is not stuck.
    job_id = _start(qtbot, window, "accepted")
    assert [job["id"] for job in openai_service.state.list_jobs(None, 100, {})["data"]] == [job_id]
    _polled_with(qtbot, window, job_id)


def test_a_create_that_times_out_is_explained(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(make_context(request_timeout=0.5))
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    # The upload is slower than the timeout on every attempt (and its late copies arrive after the last).
    simulator.faults.add(Fault(path=FILES, method="POST", delay=4.0, times=UPLOAD_ATTEMPTS))
    error = _start_fails(qtbot, window, "slow")
    text = jobs.message_bar.text
    assert "Could not upload the training file" in text, error
    assert "took too long" in text
    assert _create_requests(simulator) == []  # no job was asked for with a file that may not exist
    assert _service_jobs(simulator) == []

    simulator.faults.clear()
    job_id = _start(qtbot, window, "fast")
    assert _service_jobs(simulator) == [job_id]
    _polled_with(qtbot, window, job_id)


@pytest.mark.parametrize(
    ("fault", "fails"),
    [
        # The connection goes before the upload is answered, once: it is sent again, cleanly.
        pytest.param(Fault(path=FILES, method="POST", drop=True, times=1), False, id="drop-once"),
        # On every attempt: the upload gives up and says so.
        pytest.param(
            Fault(path=FILES, method="POST", drop=True, times=UPLOAD_ATTEMPTS), True, id="drop-always"
        ),
        # The service stored the file but its answer was cut, or came back unreadable: the stored file is
        # found and used, not sent again.
        pytest.param(Fault(path=FILES, method="POST", drop_mid_stream=True, times=1), False, id="answer-cut"),
        pytest.param(Fault(path=FILES, method="POST", malformed="truncated"), False, id="answer-unreadable"),
    ],
)
def test_connection_lost_during_upload_never_makes_two_jobs(
    qtbot: QtBot, window: MainWindow, fault: Fault, fails: bool
) -> None:
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    simulator.faults.add(fault)
    if fails:
        _start_fails(qtbot, window, "lost")
        text = jobs.message_bar.text
        assert "Could not upload the training file" in text
        assert "Could not reach the service" in text
        assert _create_requests(simulator) == []
        assert _service_jobs(simulator) == []
        simulator.faults.clear()
        job_id = _start(qtbot, window, "again")
    else:
        job_id = _start(qtbot, window, "resumed")
        assert "created" in jobs.message_bar.text
    assert fault.hits == fault.times
    assert _create_requests(simulator) == [200]
    assert _service_jobs(simulator) == [job_id]
    stored = simulator.state.list_files("fine-tune", None, 100, "desc")["data"]
    assert len(stored) == 1  # one copy of the training file, however the upload went
    snapshot = _polled_with(qtbot, window, job_id)
    assert [job.id for job in snapshot.jobs] == [job_id]


@pytest.mark.parametrize(
    "fault",
    [
        # The service created the job, then the connection went before the answer was complete.
        pytest.param(Fault(path=JOBS, method="POST", drop_mid_stream=True, times=1), id="answer-cut"),
        # The service created the job, but answered after the app had stopped waiting.
        pytest.param(Fault(path=JOBS, method="POST", delay=1.2, times=1), id="answer-late"),
        # The service created the job, but its answer could not be read.
        pytest.param(Fault(path=JOBS, method="POST", malformed="truncated"), id="answer-unreadable"),
    ],
)
def test_a_lost_answer_to_create_never_makes_two_jobs(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    fault: Fault,
) -> None:
    window = open_window(make_context(request_timeout=0.5))
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    simulator.faults.add(fault)
    created: list[str] = []
    failed: list[Exception] = []
    jobs.jobCreated.connect(created.append)
    jobs.actionFailed.connect(failed.append)
    assert jobs.start_job(NewJobChoice(MODEL, "once", 1)) is not None
    qtbot.waitUntil(lambda: bool(created or failed), timeout=15_000)
    qtbot.waitUntil(jobs.new_button.isEnabled, timeout=5_000)
    if failed:
        assert "Could not create the training job" in jobs.message_bar.text
    qtbot.wait(1_500)  # a late answer's job lands on the service meanwhile
    on_service = _service_jobs(simulator)
    assert len(on_service) <= 1, f"one click made {len(on_service)} jobs: {on_service}"
    if created:
        assert on_service == created


# ---- following a job ------------------------------------------------------------------------------------
def test_429_with_retry_after_while_polling_waits_and_recovers(qtbot: QtBot, window: MainWindow) -> None:
    simulator = _ready(qtbot, window)
    job_id = _start(qtbot, window, "limited")
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=20_000)
    jobs = window.jobs_tab
    simulator.requests.clear()
    simulator.faults.add(Fault(path=JOBS, method="GET", status=429, retry_after=1, times=2))
    jobs.refresh()
    qtbot.waitUntil(lambda: "The service is busy" in jobs.message_bar.text, timeout=10_000)
    assert "try again in 1 s" in jobs.message_bar.text
    assert jobs.message_bar.level is Level.WARNING
    assert jobs.freshness_label.text().startswith("Offline")  # the last known list stays, with its age
    assert jobs.model.row_of(job_id) is not None
    qtbot.waitUntil(lambda: not jobs.message_bar.isVisible(), timeout=10_000)
    refused = [r for r in simulator.requests if r.status == 429]
    assert len(refused) == 2  # the service's wish was honoured: no hammering
    _polled_with(qtbot, window, job_id)


@pytest.mark.parametrize("how", ["truncated", "html", "shape"])
def test_an_unreadable_job_list_is_explained_and_polling_recovers(
    qtbot: QtBot, window: MainWindow, how: str
) -> None:
    simulator = _ready(qtbot, window)
    job_id = _start(qtbot, window, "garbled")
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=20_000)
    jobs = window.jobs_tab
    fault = simulator.faults.add(Fault(path=JOBS, method="GET", malformed=how))
    jobs.refresh()
    qtbot.waitUntil(lambda: "could not be read" in jobs.message_bar.text, timeout=10_000)
    text = jobs.message_bar.text
    assert "Could not load the job list" in text
    assert "proxy or gateway" in text
    assert "the app will try again" in text
    assert jobs.message_bar.level is Level.WARNING
    assert jobs.model.row_of(job_id) is not None  # the last known list stays
    assert jobs.freshness_label.text().startswith("Offline")
    qtbot.waitUntil(lambda: not jobs.message_bar.isVisible(), timeout=15_000)
    assert fault.hits == 1
    _polled_with(qtbot, window, job_id)
    assert _status_of(window, job_id) == "succeeded"


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        pytest.param(
            Fault(path=r"/events$", method="GET", status=500, times=2), "internal problem", id="500"
        ),
        pytest.param(
            Fault(path=r"/events$", method="GET", status=503, times=2), "internal problem", id="503"
        ),
        pytest.param(Fault(path=r"/events$", method="GET", drop=True, times=2), "Could not reach", id="drop"),
        pytest.param(
            Fault(path=r"/events$", method="GET", malformed="html", times=2),
            "could not be read",
            id="proxy-page",
        ),
    ],
)
def test_a_fault_on_the_selected_jobs_events_is_shown_and_passes(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    fault: Fault,
    words: str,
) -> None:
    slow = SimulatorConfig.fast(step_seconds=0.5)  # the job keeps training throughout
    window = open_window(make_context(simulator_config=slow))
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    job_id = _start(qtbot, window, "followed")
    qtbot.waitUntil(lambda: jobs.selected_job_id() == job_id, timeout=5_000)
    simulator.faults.add(fault)
    jobs.refresh()
    qtbot.waitUntil(lambda: words in jobs.message_bar.text, timeout=10_000)
    assert "Could not load the job's events" in jobs.message_bar.text
    assert jobs.message_bar.level is Level.WARNING
    assert jobs.selected_job_id() == job_id  # the job stays selected and shown
    assert jobs.job_id_label.text() == job_id
    qtbot.waitUntil(lambda: not jobs.message_bar.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: "Fine-tuning job started" in jobs.event_log_text(), timeout=10_000)
    _polled_with(qtbot, window, job_id)


def test_a_job_the_service_forgot_leaves_the_list(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    slow = SimulatorConfig.fast(step_seconds=0.5)
    window = open_window(make_context(simulator_config=slow))
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    gone = _start(qtbot, window, "gone")
    kept = _start(qtbot, window, "kept")
    jobs.select_job(gone)
    qtbot.waitUntil(lambda: jobs.selected_job_id() == gone, timeout=5_000)
    qtbot.waitUntil(lambda: jobs.job_id_label.text() == gone, timeout=5_000)
    messages: list[str] = []
    jobs.polled.connect(lambda _snapshot: messages.append(jobs.message_bar.text))

    state = simulator.state
    with state._lock:  # no API deletes a job (neither does OpenAI's); the service simply no longer has it
        del state._jobs[gone]
    jobs.refresh()
    qtbot.waitUntil(lambda: jobs.model.row_of(gone) is None, timeout=10_000)
    assert jobs.selected_job_id() is None
    # The details no longer show the job that is gone (nor offer to cancel it) ...
    assert jobs.title_label.text() == "Select a job to follow it"
    assert jobs.job_id_label.text() == ""
    assert not jobs.cancel_button.isEnabled()
    assert any("no longer exists on the service" in text for text in messages)  # the user is told
    assert all(not text or "no longer exists" in text or "created" in text for text in messages), (
        messages
    )  # told it is gone, or simply no longer listed: never a stranger message
    assert jobs.model.row_of(kept) is not None
    snapshot = _polled_with(qtbot, window, kept)
    assert gone not in [job.id for job in snapshot.jobs]
    # ... and the service is not asked about it on every tick from now on.
    simulator.requests.clear()
    for _ in range(3):
        with qtbot.waitSignal(jobs.polled, timeout=10_000):
            jobs.refresh()
    assert [r for r in simulator.requests if gone in r.path] == []


# ---- cancelling -----------------------------------------------------------------------------------------
def test_cancel_refused_with_409_is_explained(qtbot: QtBot, open_window, make_context) -> None:
    slow = SimulatorConfig.fast(step_seconds=0.5)
    window = open_window(make_context(simulator_config=slow))
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    job_id = _start(qtbot, window, "conflict")
    qtbot.waitUntil(jobs.cancel_button.isEnabled, timeout=5_000)
    simulator.faults.add(Fault(path=r"/cancel$", method="POST", status=409, times=2))
    with qtbot.waitSignal(jobs.actionFailed, timeout=10_000):
        assert jobs.cancel_selected() is not None
    text = jobs.message_bar.text
    assert "Could not cancel the job" in text
    assert "changed meanwhile" in text
    assert jobs.message_bar.level is Level.ERROR
    assert _status_of(window, job_id) != "cancelled"
    # Nothing is stuck: the job is still followed and a second try goes through.
    _polled_with(qtbot, window, job_id)
    with qtbot.waitSignal(jobs.polled, timeout=10_000):
        assert jobs.cancel_selected() is not None
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "cancelled", timeout=10_000)


def test_cancelling_a_job_that_finished_meanwhile_is_explained(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    # The tab looks rarely, so it still shows the job as training after the service has finished it.
    context = make_context(
        simulator_config=SimulatorConfig.fast(validating_seconds=0.5),
        poll_active_interval=60.0,
        poll_idle_interval=60.0,
    )
    window = open_window(context)
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    job_id = _start(qtbot, window, "finished")
    qtbot.waitUntil(lambda: jobs.job_id_label.text() == job_id, timeout=5_000)
    qtbot.waitUntil(lambda: simulator.state.retrieve_job(job_id)["status"] == "succeeded", timeout=10_000)
    assert _status_of(window, job_id) != "succeeded", "the tab polled again: the race was not set up"
    assert jobs.cancel_button.isEnabled()
    with qtbot.waitSignal(jobs.actionFailed, timeout=10_000):
        assert jobs.cancel_selected() is not None
    text = jobs.message_bar.text
    assert "Could not cancel the job" in text
    assert "already succeeded" in text  # the service's own words say why
    jobs.refresh()
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=10_000)
    assert not jobs.cancel_button.isEnabled()


# ---- double clicks --------------------------------------------------------------------------------------
def test_ok_clicked_twice_in_the_new_job_dialog_creates_one_job(qtbot: QtBot, window: MainWindow) -> None:
    simulator = _ready(qtbot, window)
    jobs = window.jobs_tab
    dialog = jobs.open_new_job_dialog()
    assert dialog is not None
    qtbot.keyClicks(dialog.suffix_edit, "twice")
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    if dialog.reviewed_check.isVisible():
        dialog.reviewed_check.click()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    with qtbot.waitSignal(jobs.jobCreated, timeout=10_000) as created:
        ok.click()
        ok.click()  # the second click of a double click, before the dialog has gone
        dialog.accept()  # and Return pressed at the same time
    job_id = created.args[0]
    qtbot.waitUntil(jobs.new_button.isEnabled, timeout=10_000)
    _polled_with(qtbot, window, job_id)
    assert _create_requests(simulator) == [200]
    assert _service_jobs(simulator) == [job_id]
