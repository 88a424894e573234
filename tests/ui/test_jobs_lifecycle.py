"""The Jobs tab over a job's life: filter and search, the last known state kept in SQLite (instant and
offline), polling that rests while the window is hidden, and a notification when a job ends."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop_app.providers.openai_compatible import ConnectionConfig, OpenAICompatibleProvider, ServiceKind
from desktop_app.providers.story import trained_cost
from desktop_app.providers.types import JobRequest
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from desktop_app.storage.jobs_cache import JobsCache
from desktop_app.storage.settings import Profile, ProviderKind
from desktop_app.ui.jobs.jobs_model import COL_FINISHED, base_model_name, format_time, list_time
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice
from desktop_app.ui.jobs.tab import BACKGROUND_ACTIVE_INTERVAL_S
from desktop_app.ui.jobs.watch import JOB_EVERY_TICKS, LIST_EVERY_TICKS, JobsSnapshot, JobWatch
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import DATA

CONTENT = DATA / "content.xlsx"


def _open_content(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.data_tab.checked, timeout=10_000):
        window.data_tab.open_file(CONTENT)


def _train(qtbot: QtBot, window: MainWindow, suffix: str) -> str:
    jobs = window.jobs_tab
    with qtbot.waitSignal(jobs.jobCreated, timeout=10_000) as created:
        jobs.start_job(NewJobChoice("gpt-4o-mini-2024-07-18", suffix, 1))
    job_id = created.args[0]
    assert isinstance(job_id, str)
    return job_id


def _polled_snapshot(qtbot: QtBot, window: MainWindow) -> JobsSnapshot:
    with qtbot.waitSignal(window.jobs_tab.polled, timeout=10_000) as polled:
        window.jobs_tab.refresh()
    snapshot = polled.args[0]
    assert isinstance(snapshot, JobsSnapshot)
    return snapshot


def _status_of(window: MainWindow, job_id: str) -> str:
    row = window.jobs_tab.model.row_of(job_id)
    return window.jobs_tab.model.job(row).status if row is not None else ""


def test_a_finished_job_is_notified_and_the_click_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    first = _train(qtbot, window, "first")
    with qtbot.waitSignal(jobs.jobFinished, timeout=30_000) as finished:
        pass
    assert finished.args[0].id == first
    note = window.notifier.shown[-1]
    assert note.job_id == first
    assert note.title == "Training finished"
    assert "first" in note.text
    assert "ft:gpt-4o-mini-2024-07-18" in note.text
    # The user meanwhile looks at another tab and job; the click brings this one back.
    second = _train(qtbot, window, "second")
    qtbot.waitUntil(lambda: jobs.selected_job_id() == second, timeout=10_000)
    window.tabs.setCurrentWidget(window.data_tab)
    window.notifier.open_last()
    assert window.tabs.currentWidget() is jobs
    assert jobs.selected_job_id() == first


def test_search_and_status_filter(qtbot: QtBot, window: MainWindow) -> None:
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    done = _train(qtbot, window, "shop")
    qtbot.waitUntil(lambda: _status_of(window, done) == "succeeded", timeout=30_000)
    simulator = window.session.simulator
    assert simulator is not None
    simulator.state.config = simulator.state.config.replace(step_seconds=30.0)  # the next job keeps running
    running = _train(qtbot, window, "cafe")
    qtbot.waitUntil(lambda: jobs.model.row_of(running) is not None, timeout=10_000)
    # The list shows when each job finished (the running one has not).
    finished = jobs.model.index(jobs.model.row_of(done), COL_FINISHED).data()
    assert not jobs.table.isColumnHidden(COL_FINISHED)
    assert re.fullmatch(r"\d\d-\d\d \d\d:\d\d", finished)  # short in the list: this year's month-day time
    assert not jobs.model.index(jobs.model.row_of(running), COL_FINISHED).data()

    jobs.search_edit.setText("SHOP")  # any case
    assert jobs.proxy.rowCount() == 1
    assert jobs.proxy.index(0, 0).data(Qt_JOB_ID_ROLE()) == done
    jobs.search_edit.setText(running[-6:])  # part of the id
    assert jobs.proxy.rowCount() == 1
    jobs.search_edit.clear()
    jobs.status_filter.setCurrentIndex(jobs.status_filter.findData("succeeded"))
    ids = {jobs.proxy.index(r, 0).data(Qt_JOB_ID_ROLE()) for r in range(jobs.proxy.rowCount())}
    assert done in ids
    assert all(jobs.model.job(jobs.model.row_of(i)).status == "succeeded" for i in ids)
    assert running not in ids
    # Opening a job hidden by the filter shows every job again rather than nothing.
    assert _status_of(window, running) != "succeeded"
    jobs.select_job(running)
    assert jobs.selected_job_id() == running
    assert jobs.status_filter.currentData() == "all"


def Qt_JOB_ID_ROLE() -> int:
    from desktop_app.ui.jobs.jobs_model import JOB_ID_ROLE

    return int(JOB_ID_ROLE)


@pytest.fixture
def service() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast()) as server:
        yield server


def _provider(server: SimulatorServer) -> OpenAICompatibleProvider:
    return OpenAICompatibleProvider(
        ConnectionConfig(
            ServiceKind.COMPATIBLE, "sk-test", base_url=server.base_url, max_retries=0, timeout=5
        )
    )


def test_the_last_known_state_stands_in_when_the_service_is_down(
    service: SimulatorServer, tmp_path: Path
) -> None:
    provider = _provider(service)
    uploaded = provider.upload_training_file("content.jsonl", (DATA / "chat.jsonl").read_bytes())
    job = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix="offline"))
    deadline = time.monotonic() + 30
    while provider.retrieve_job(job.id).status != "succeeded":
        assert time.monotonic() < deadline
        time.sleep(0.05)  # the simulated job runs on its own clock in the service's thread
    with JobsCache(tmp_path / "jobs.sqlite3") as cache:
        online = JobWatch(provider, cache=cache, profile_id="p")
        online.select(job.id)
        first = online.fetch()
        assert first.offline_error is None
        assert [j.id for j in first.jobs] == [job.id]
        assert first.story[-1].kind == "succeeded"

        # Next start: the service is down (every call answers 503).
        service.faults.add(Fault(path=r"/v1/", status=503, times=None))
        later = JobWatch(provider, cache=cache, profile_id="p")
        later.select(job.id)
        snapshot = later.fetch()
        assert snapshot.offline_error is not None
        assert [j.id for j in snapshot.jobs] == [job.id]
        assert snapshot.selected is not None
        assert snapshot.selected.status == "succeeded"
        assert snapshot.fetched_at == first.fetched_at  # says how old it is
        assert [line.kind for line in snapshot.story] == [line.kind for line in first.story]
        assert len(snapshot.new_events) == len(first.new_events)  # the event log, from the cache
        assert snapshot.metrics == first.metrics  # the chart too (the result file was kept)

        # Back online: only events newer than the cached ones are asked for.
        service.faults.clear()
        fresh = JobWatch(provider, cache=cache, profile_id="p")
        fresh.select(job.id)
        service.requests.clear()
        again = fresh.fetch()
        assert again.offline_error is None
        assert len(again.new_events) == len(first.new_events)
        paths = [request.path for request in service.requests]
        assert len([p for p in paths if p.endswith("/events")]) == 1  # one page: only what is new
        assert not [p for p in paths if p.endswith("/content")]  # the result file came from the cache
    provider.close()


def test_the_tab_says_it_is_offline_and_how_old_the_list_is(qtbot: QtBot, window: MainWindow) -> None:
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    window.tabs.setCurrentWidget(jobs)
    job_id = _train(qtbot, window, "old")
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=30_000)
    qtbot.waitUntil(lambda: jobs.freshness_label.text().startswith("Updated"), timeout=10_000)
    simulator = window.session.simulator
    assert simulator is not None
    simulator.faults.add(Fault(path=r"/v1/", status=503, times=None))
    jobs.refresh()
    qtbot.waitUntil(lambda: jobs.freshness_label.text().startswith("Offline"), timeout=20_000)
    assert jobs.model.row_of(job_id) is not None  # the list stays
    assert jobs.message_bar.isVisible()
    assert "internal problem" in jobs.message_bar.text
    # Read-only while offline: nothing is sent to a service that cannot be reached, and the buttons say why.
    jobs.select_job(job_id)
    assert not jobs.new_button.isEnabled()
    assert not jobs.rerun_button.isEnabled()
    assert "cannot be reached" in jobs.new_button.toolTip()
    assert jobs.refresh_button.isEnabled()
    simulator.faults.clear()
    jobs.refresh()
    qtbot.waitUntil(lambda: jobs.freshness_label.text().startswith("Updated"), timeout=20_000)
    assert jobs.new_button.isEnabled()
    assert jobs.rerun_button.isEnabled()
    assert jobs.new_button.toolTip() == "Train a model on the examples in the Data tab"


def test_polling_rests_while_the_window_is_hidden_for_long(qtbot: QtBot, window: MainWindow) -> None:
    jobs = window.jobs_tab
    qtbot.waitUntil(lambda: jobs.freshness_label.text() != "", timeout=10_000)  # a first poll arrived
    jobs._quiet_timer.setInterval(10)  # "long" for the test
    window.showMinimized()
    qtbot.waitUntil(lambda: jobs.polling_paused, timeout=5_000)  # no job trains: no polling at all
    polls: list[object] = []
    jobs.polled.connect(polls.append)
    window.showNormal()
    qtbot.waitUntil(lambda: bool(polls), timeout=5_000)  # back: it looks at once
    assert not jobs.polling_paused


def test_a_trained_model_shutting_down_soon_is_announced(qtbot: QtBot, window: MainWindow) -> None:
    _open_content(qtbot, window)
    job_id = _train(qtbot, window, "retiring")
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=30_000)
    row = window.jobs_tab.model.row_of(job_id)
    assert row is not None
    model = window.jobs_tab.model.job(row).fine_tuned_model
    assert model is not None
    simulator = window.session.simulator
    assert simulator is not None
    simulator.state.set_shutdown_date(model, "2026-12-20")
    window._check_model_lifecycles()  # as when the service is chosen or the app starts
    qtbot.waitUntil(lambda: model in window.lifecycle_warning, timeout=10_000)
    assert "2026-12-20" in window.message_bar.text
    dialog = window.open_models()  # "Show models…" and the Training menu open the same manager
    assert dialog is not None
    dialog.close()


def test_the_training_menu_opens_the_files_manager(qtbot: QtBot, window: MainWindow) -> None:
    window.files_action.trigger()
    dialogs = [w for w in window.findChildren(QDialog) if w.isVisible()]
    assert any(type(d).__name__ == "FilesDialog" for d in dialogs)
    for dialog in dialogs:
        dialog.close()


def test_the_same_rows_are_uploaded_once_and_a_job_runs_again(
    qtbot: QtBot, open_window, make_context, service: SimulatorServer
) -> None:
    asked: list[tuple[str, str]] = []
    answers: list[bool] = []

    def confirm(title: str, text: str) -> bool:
        asked.append((title, text))
        return answers.pop(0) if answers else True

    window = _on_a_gateway(open_window, make_context, service, confirm=confirm)
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    simulator = service
    with qtbot.waitSignal(jobs.jobCreated, timeout=10_000) as created:
        assert jobs.start_job(NewJobChoice("gpt-4o-mini-2024-07-18", "once", 1)) is not None
        assert jobs.start_job(NewJobChoice("gpt-4o-mini-2024-07-18", "twice", 1)) is None  # a double click
    first = created.args[0]
    qtbot.waitUntil(lambda: _status_of(window, first) == "succeeded", timeout=30_000)
    second = _train(qtbot, window, "again")
    assert "already has this file" in jobs.message_bar.text or "created" in jobs.message_bar.text
    uploads = [r for r in simulator.requests if r.method == "POST" and r.path.rstrip("/").endswith("/files")]
    assert len(uploads) == 1  # the same bytes went up once
    # The app remembers what it uploaded, to know the file again where the service will not hand it out.
    training_file = jobs.model.job(jobs.model.row_of(first) or 0).training_file
    assert window.jobs_cache.upload_digest(window.session.profile.id, training_file) is not None
    creates = [r for r in simulator.requests if r.method == "POST" and r.path.endswith("/fine_tuning/jobs")]
    assert len(creates) == 2
    assert second != first

    jobs.select_job(first)
    qtbot.waitUntil(lambda: jobs.selected_job_id() == first, timeout=5_000)
    qtbot.waitUntil(jobs.rerun_button.isEnabled, timeout=5_000)  # once the last creation has finished
    original = jobs.model.job(jobs.model.row_of(first) or 0)
    cost = trained_cost(original, window.session.prices)
    assert cost is not None
    # Training again spends money again: the user is asked first, with what it cost last time.
    answers.append(False)
    jobs.rerun_button.click()
    title, text = asked[-1]
    assert title == "Train again?"
    assert "“once”" in text
    assert f"${cost:.2f} last time" in text
    qtbot.wait(300)
    assert (
        len([r for r in simulator.requests if r.method == "POST" and r.path.endswith("/fine_tuning/jobs")])
        == 2
    )
    with qtbot.waitSignal(jobs.jobCreated, timeout=10_000) as created:
        jobs.rerun_button.click()
    rerun = created.args[0]
    row = jobs.model.row_of(rerun)
    assert row is not None
    again = jobs.model.job(row)
    assert original.seed is not None
    assert (again.training_file, again.suffix, again.model, again.seed, again.hyperparameters) == (
        original.training_file,
        original.suffix,
        original.model,
        original.seed,  # the service picked it the first time: the same one again
        original.hyperparameters,
    )


def test_pause_and_resume_ask_first(qtbot: QtBot, open_window, make_context) -> None:
    answers: list[bool] = []
    asked: list[str] = []

    def confirm(title: str, text: str) -> bool:
        asked.append(title)
        return answers.pop(0) if answers else False

    slow = SimulatorConfig.fast(step_seconds=0.5)
    window = open_window(make_context(confirm=confirm, simulator_config=slow))
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    job_id = _train(qtbot, window, "slow")
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "running", timeout=20_000)
    jobs.select_job(job_id)
    window.tabs.setCurrentWidget(jobs)
    qtbot.waitUntil(jobs.pause_button.isEnabled, timeout=10_000)
    assert not jobs.resume_button.isEnabled()  # only what the status allows
    answers.append(False)
    qtbot.mouseClick(jobs.pause_button, Qt.MouseButton.LeftButton)
    assert asked == ["Pause training?"]  # the user said no
    qtbot.wait(300)
    assert _status_of(window, job_id) == "running"
    answers.append(True)
    qtbot.mouseClick(jobs.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "paused", timeout=10_000)
    qtbot.waitUntil(
        lambda: jobs.resume_button.isEnabled() and not jobs.pause_button.isEnabled(), timeout=10_000
    )
    # A paused job moves no further: the tab looks as seldom as when nothing trains.
    qtbot.waitUntil(lambda: jobs.polling_interval == 0.5, timeout=10_000)
    answers.append(True)
    qtbot.mouseClick(jobs.resume_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == "Resume training?"
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "running", timeout=10_000)
    qtbot.waitUntil(lambda: jobs.polling_interval == 0.1, timeout=10_000)
    qtbot.waitUntil(jobs.cancel_button.isEnabled, timeout=10_000)
    answers.append(False)
    qtbot.mouseClick(jobs.cancel_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == "Cancel training?"
    qtbot.wait(300)
    assert _status_of(window, job_id) == "running"
    answers.append(True)
    qtbot.mouseClick(jobs.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "cancelled", timeout=10_000)
    qtbot.waitUntil(lambda: not jobs.cancel_button.isEnabled(), timeout=10_000)


def test_checkpoints_are_listed_and_one_can_be_chatted_with(qtbot: QtBot, window: MainWindow) -> None:
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    with qtbot.waitSignal(jobs.jobCreated, timeout=10_000) as created:
        jobs.start_job(NewJobChoice("gpt-4o-mini-2024-07-18", "steps", 3))
    job_id = created.args[0]
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=30_000)
    qtbot.waitUntil(lambda: jobs.checkpoints_model.rowCount() == 3, timeout=10_000)  # one per epoch
    assert jobs.settings_label.text().startswith("supervised · epochs 3 · batch size ")
    steps = [int(jobs.checkpoints_model.index(r, 0).data()) for r in range(3)]
    assert steps == sorted(steps)
    assert jobs.checkpoints_model.index(0, 1).data()  # its training loss
    checkpoint = jobs.checkpoints_model.checkpoint(0).model
    assert "ckpt-step" in checkpoint
    assert not jobs.checkpoint_chat_button.isEnabled()
    jobs.checkpoints_table.selectRow(0)
    assert jobs.checkpoint_chat_button.isEnabled()
    jobs.checkpoint_chat_button.click()
    assert window.tabs.currentWidget() is window.chat_tab
    qtbot.waitUntil(lambda: window.chat_tab.current_model() == checkpoint, timeout=10_000)


def test_a_followed_training_job_costs_one_request_a_tick(service: SimulatorServer) -> None:
    provider = _provider(service)
    uploaded = provider.upload_training_file("content.jsonl", (DATA / "chat.jsonl").read_bytes())
    service.state.config = service.state.config.replace(step_seconds=600)  # it trains, slowly
    job = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix="slow"))
    deadline = time.monotonic() + 30
    while provider.retrieve_job(job.id).status != "running":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    watch = JobWatch(provider)
    watch.select(job.id)
    first = watch.fetch()
    assert watch.advance(job.id, first.cursor, first.new_events[-1].id)
    job_path, events_path = f"/v1/fine_tuning/jobs/{job.id}", f"/v1/fine_tuning/jobs/{job.id}/events"
    service.requests.clear()
    for _ in range(2 * JOB_EVERY_TICKS):
        watch.fetch()
    paths = [request.path for request in service.requests]
    assert paths.count(events_path) == 2 * JOB_EVERY_TICKS  # its events: every tick
    assert paths.count(job_path) == 2  # the job itself: every JOB_EVERY_TICKS-th tick
    # An event that tells more than a step (here: paused) has the job read at once, on that very tick.
    provider.pause_job(job.id)
    service.requests.clear()
    snapshot = watch.fetch()
    assert [request.path for request in service.requests] == [events_path, job_path]
    assert snapshot.selected is not None
    assert snapshot.selected.status == "paused"
    assert "paused" in snapshot.new_events[-1].message
    provider.close()


def test_a_steady_tick_asks_only_about_training_jobs(service: SimulatorServer) -> None:
    provider = _provider(service)
    uploaded = provider.upload_training_file("content.jsonl", (DATA / "chat.jsonl").read_bytes())
    done = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix="done"))
    deadline = time.monotonic() + 30
    while provider.retrieve_job(done.id).status != "succeeded":
        assert time.monotonic() < deadline
        time.sleep(0.05)  # the simulated job runs on its own clock in the service's thread
    service.state.config = service.state.config.replace(queued_seconds=60)  # the next job stays queued
    waiting = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix="waiting"))
    watch = JobWatch(provider)
    watch.select(done.id)
    first = watch.fetch()  # every job, and the whole story of the selected one
    assert {job.id for job in first.jobs} == {done.id, waiting.id}
    assert watch.advance(done.id, first.cursor, first.new_events[-1].id)
    service.requests.clear()
    for _ in range(LIST_EVERY_TICKS - 1):
        snapshot = watch.fetch()
        assert not snapshot.jobs_changed  # nothing moved: the view has nothing to redo
    paths = [request.path for request in service.requests]
    assert paths == [f"/v1/fine_tuning/jobs/{waiting.id}"] * (LIST_EVERY_TICKS - 1)  # no list, no events
    service.requests.clear()
    watch.fetch()
    assert "/v1/fine_tuning/jobs" in [request.path for request in service.requests]  # now and then, the list
    provider.close()


def test_a_job_the_app_created_is_listed_before_the_service_lists_it_again(service: SimulatorServer) -> None:
    provider = _provider(service)
    uploaded = provider.upload_training_file("content.jsonl", (DATA / "chat.jsonl").read_bytes())
    service.state.config = service.state.config.replace(queued_seconds=60)  # the jobs stay queued (active)
    first_job = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix="first"))
    watch = JobWatch(provider)
    watch.select(first_job.id)
    watch.fetch()  # every job; from now on, ticks look at the active jobs and the list only now and then
    created = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix="second"))
    watch.add_created(created)
    service.requests.clear()
    snapshot = watch.fetch()
    assert "/v1/fine_tuning/jobs" not in [request.path for request in service.requests]  # no list read ...
    assert {job.id for job in snapshot.jobs} == {first_job.id, created.id}  # ... yet the new job is there
    assert snapshot.jobs_changed
    assert snapshot.created_taken_in == {created.id}  # this fetch started knowing it: its list is the truth
    service.requests.clear()
    later = watch.fetch()  # and it is followed like any active job
    assert f"/v1/fine_tuning/jobs/{created.id}" in [request.path for request in service.requests]
    assert later.created_taken_in == frozenset()
    provider.close()


def test_a_list_fetched_before_a_job_was_created_does_not_hide_it(qtbot: QtBot, window: MainWindow) -> None:
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    before = _polled_snapshot(qtbot, window)  # as a fetch under way while the job is created would end
    job_id = _train(qtbot, window, "racing")
    assert all(job.id != job_id for job in before.jobs)
    jobs._take_jobs(dataclasses.replace(before, jobs_changed=True, selected=None, selected_id=None))
    assert jobs.model.row_of(job_id) is not None  # still listed: that fetch knew nothing of it


def test_a_failed_job_says_why_and_what_to_do(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    few = tmp_path / "few.jsonl"
    few.write_text("".join((DATA / "chat.jsonl").read_text(encoding="utf-8").splitlines(True)[:3]), "utf-8")
    with qtbot.waitSignal(window.data_tab.loaded, timeout=10_000):
        window.data_tab.open_file(few)
    jobs = window.jobs_tab
    job_id = _train(qtbot, window, "few")
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "failed", timeout=30_000)
    jobs.select_job(job_id)
    qtbot.waitUntil(lambda: jobs.error_label.text().startswith("Failed:"), timeout=10_000)
    text = jobs.error_label.text()
    assert "10" in text  # the service's reason: too few examples
    assert "Data tab" in text  # and what to do
    assert jobs.rerun_button.isEnabled()


def test_the_new_job_dialog_offers_the_services_own_models(qtbot: QtBot, window: MainWindow) -> None:
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    qtbot.waitUntil(lambda: bool(jobs._service_models), timeout=10_000)
    dialog = jobs.open_new_job_dialog()
    assert dialog is not None
    offered = {dialog.model_combo.itemData(i) for i in range(dialog.model_combo.count())}
    assert set(jobs._service_models) <= offered
    assert not any(model.startswith("ft:") for model in jobs._service_models)  # base models only
    dialog.reject()


def test_a_training_job_is_polled_less_often_while_another_window_is_in_front(
    qtbot: QtBot, open_window, make_context
) -> None:
    slow = SimulatorConfig.fast(step_seconds=0.5)
    window = open_window(make_context(simulator_config=slow, poll_active_interval=2.0))
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    job_id = _train(qtbot, window, "behind")
    qtbot.waitUntil(lambda: jobs.polling_interval == 2.0, timeout=10_000)
    jobs.set_window_active(False)
    assert jobs.polling_interval == BACKGROUND_ACTIVE_INTERVAL_S
    jobs.set_window_active(True)
    assert jobs.polling_interval == 2.0
    assert _status_of(window, job_id) in ("validating_files", "queued", "running")


def _on_a_gateway(open_window, make_context, service: SimulatorServer, **context: object) -> MainWindow:
    """A window on an OpenAI-compatible service (the simulator on 127.0.0.1), not Practice: training costs."""
    made = make_context(**context)
    made.settings.add_profile(
        Profile(id="gw", name="Gateway", kind=ProviderKind.COMPATIBLE, base_url=service.base_url)
    )
    made.settings.active_profile_id = "gw"
    made.secrets.set_key("gw", "test-gateway-key")
    return open_window(made)


def test_the_story_tells_what_a_finished_job_cost(
    qtbot: QtBot, open_window, make_context, service: SimulatorServer
) -> None:
    window = _on_a_gateway(open_window, make_context, service)
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    job_id = _train(qtbot, window, "priced")
    jobs.select_job(job_id)
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=30_000)
    qtbot.waitUntil(lambda: "at the app's prices" in " ".join(jobs.story_view.story_lines()), timeout=10_000)
    job = jobs.model.job(jobs.model.row_of(job_id))
    assert job.trained_tokens
    cost = trained_cost(job, window.session.prices)
    assert cost is not None
    lines = jobs.story_view.story_lines()
    assert lines[0] == "Job created"
    assert lines[1] == f"Training cost about ${cost:.2f} (at the app's prices)"


def test_practice_training_is_free(qtbot: QtBot, window: MainWindow) -> None:
    asked: list[str] = []
    window.jobs_tab._confirm = lambda title, text: bool(asked.append(text))  # the user says no
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    job_id = _train(qtbot, window, "free")
    jobs.select_job(job_id)
    qtbot.waitUntil(lambda: "Training succeeded" in jobs.story_view.story_lines(), timeout=30_000)
    assert not any("cost" in line for line in jobs.story_view.story_lines())
    qtbot.waitUntil(jobs.rerun_button.isEnabled, timeout=5_000)
    jobs.rerun_button.click()
    assert asked
    assert "Practice mode is free." in asked[-1]
    assert "$" not in asked[-1]


def test_a_training_job_shows_its_step_and_when_it_should_be_done(
    qtbot: QtBot, open_window, make_context
) -> None:
    window = open_window(make_context(simulator_config=SimulatorConfig.fast(step_seconds=0.5)))
    _open_content(qtbot, window)
    jobs = window.jobs_tab
    job_id = _train(qtbot, window, "eta")
    jobs.select_job(job_id)
    qtbot.waitUntil(lambda: "done about" in jobs.progress.format(), timeout=20_000)
    job = jobs.model.job(jobs.model.row_of(job_id))
    assert job.estimated_finish
    text = jobs.progress.format()
    assert text.startswith("step ")
    assert format_time(job.estimated_finish)[:10] in text
    assert 0 < jobs.progress.value() <= jobs.progress.maximum()


def test_list_times_are_short_and_older_years_show_the_year() -> None:
    now = time.mktime((2026, 11, 25, 12, 0, 0, 0, 0, -1))
    this_year = int(time.mktime((2026, 3, 4, 5, 6, 7, 0, 0, -1)))
    last_year = int(time.mktime((2025, 12, 31, 23, 59, 0, 0, 0, -1)))
    assert list_time(this_year, now=now) == "03-04 05:06"
    assert list_time(last_year, now=now) == "2025-12-31"
    assert list_time(None, now=now) == ""
    assert base_model_name("gpt-4o-mini-2024-07-18") == "GPT-4o mini"
    assert base_model_name("babbage-002") == "babbage-002"
    assert base_model_name("llama-3.1-8b-instruct") == "llama-3.1-8b-instruct"  # a service's own model
