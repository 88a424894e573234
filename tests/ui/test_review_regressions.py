"""Behaviour a careful reviewer found missing: each test pins one fix."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.dataset import Dataset, Example
from desktop_app.providers.types import Job, JobEvent, Page
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from desktop_app.storage.settings import Profile, ProviderKind
from desktop_app.ui.chat.answering import legacy_markers_of as _legacy_markers
from desktop_app.ui.jobs.watch import JobWatch

KEY = "sk-test-review-key-000111"


@pytest.fixture
def other_service() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast(stream_chunk_delay=0.05)) as server:
        yield server


def _with_second_profile(make_context, url: str):
    context = make_context(simulator_config=SimulatorConfig.fast(stream_chunk_delay=0.05))
    context.settings.add_profile(Profile(id="gw", name="Gateway", kind=ProviderKind.COMPATIBLE, base_url=url))
    context.secrets.set_key("gw", KEY)
    return context


def test_switching_service_mid_answer_leaves_the_new_chat_clean(
    qtbot, open_window, make_context, other_service
) -> None:
    window = open_window(_with_second_profile(make_context, other_service.base_url))
    chat = window.chat_tab
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    chat.input.setPlainText("Tell me something long")
    chat.send()
    qtbot.waitUntil(lambda: len(chat.transcript_text()) > 40, timeout=5_000)  # streaming has begun
    old_provider = window.session.provider
    window.session.settings.active_profile_id = "gw"
    window.session.reload()
    qtbot.waitUntil(
        lambda: window.session.provider is not None and not window.session.is_practice, timeout=10_000
    )
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    qtbot.wait(600)  # the old answer would still be streaming now
    assert chat.transcript_text() == ""
    assert not chat.message_bar.isVisible()
    assert chat.send_button.isEnabled()
    assert old_provider is not window.session.provider


def test_ok_without_changes_keeps_the_conversation(qtbot, window) -> None:
    chat = window.chat_tab
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    chat.input.setPlainText("hello")
    with qtbot.waitSignal(chat.answerFinished, timeout=10_000):
        chat.send()
    provider = window.session.provider
    dialog = window.open_settings()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.wait(300)
    assert window.session.provider is provider
    assert "hello" in chat.transcript_text()


def test_emptying_the_key_field_does_not_delete_the_key(
    qtbot, open_window, make_context, keyring_backend, other_service
) -> None:
    window = open_window(_with_second_profile(make_context, other_service.base_url))
    dialog = window.open_settings()
    qtbot.waitSignal(dialog.keyStatusesRead, timeout=5_000).wait()
    dialog.profile_list.setCurrentRow(1)
    assert "Saved" in dialog.key_edit.placeholderText()  # known for a profile that is not the active one
    qtbot.keyClicks(dialog.key_edit, "x")
    dialog.key_edit.clear()
    dialog.key_edit.textEdited.emit("")
    assert dialog.new_keys() == {}
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.session.provider is not None, timeout=10_000)
    assert KEY in keyring_backend.passwords.values()


def test_a_real_profile_cannot_become_practice(qtbot, window) -> None:
    dialog = window.open_settings()
    dialog.add_button.click()
    kinds = dialog.kind_combo.model()
    assert isinstance(kinds, QStandardItemModel)
    practice = kinds.item(list(ProviderKind).index(ProviderKind.PRACTICE))
    assert not practice.isEnabled()
    dialog.profile_list.setCurrentRow(0)
    assert practice.isEnabled()
    dialog.reject()


def test_practice_test_connection_never_leaves_the_computer(
    qtbot, open_window, make_context, other_service
) -> None:
    context = _with_second_profile(make_context, other_service.base_url)
    context.settings.active_profile_id = "gw"  # Practice is not running
    window = open_window(context)
    dialog = window.open_settings()
    dialog.profile_list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.connectionTested, timeout=2_000) as tested:
        dialog.test_button.click()
    assert tested.args[0] is True
    assert "this computer" in dialog.test_result.text()
    dialog.reject()


def test_a_key_with_a_space_is_refused_before_saving(qtbot, window, keyring_backend) -> None:
    dialog = window.open_settings()
    dialog.add_button.click()
    dialog.kind_combo.setCurrentIndex(list(ProviderKind).index(ProviderKind.COMPATIBLE))
    qtbot.keyClicks(dialog.base_url_edit, "http://127.0.0.1:9/v1")
    qtbot.keyClicks(dialog.key_edit, "sk-abc def")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "space" in dialog.problems_label.text()
    assert keyring_backend.passwords == {}
    dialog.reject()


def test_legacy_markers_fall_back_when_they_cannot_be_told() -> None:
    same = Dataset([Example("同一个问题", f"答案{i}") for i in range(3)])
    assert _legacy_markers(same) == ("", "")
    assert _legacy_markers(None) == ("", "")
    assert (
        _legacy_markers(Dataset([Example("问题一？", "答案一。"), Example("问题二？", "答案二。")]))[0]
        == "？"
    )


def test_system_prompt_edits_are_autosaved(qtbot, window) -> None:
    tab = window.data_tab
    tab.add_row()
    tab.system_prompt_edit.setText("你是茶舍的客服。")
    autosave = window.context.paths.autosave_dir
    qtbot.waitUntil(
        lambda: "你是茶舍的客服。" in "".join(p.read_text("utf-8") for p in autosave.glob("*.json")),
        timeout=5_000,
    )


def test_the_model_cannot_change_while_it_answers(qtbot, open_window, make_context) -> None:
    window = open_window(make_context(simulator_config=SimulatorConfig.fast(stream_chunk_delay=0.05)))
    chat = window.chat_tab
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    chat.input.setPlainText("hello")
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000):
        chat.send()
        assert not chat.model_combo.isEnabled()
    assert chat.model_combo.isEnabled()


class _ScriptedProvider:
    """Only what JobWatch calls; events are served newest first like the API."""

    def __init__(self) -> None:
        self.events: list[JobEvent] = []
        self.job = Job(id="ftjob-1", model="m", status="running", created_at=1, training_file="f")

    def list_jobs(self, *, after=None, limit=20):
        return Page((self.job,), False)

    def supports(self, capability) -> bool:
        return True

    def retrieve_job(self, job_id):
        return self.job

    def list_checkpoints(self, job_id, *, after=None, limit=10):
        return Page((), False)

    def new_events(self, job_id, newest_known_id, *, max_pages=20):
        ids = [e.id for e in self.events]
        start = ids.index(newest_known_id) + 1 if newest_known_id in ids else 0
        return self.events[start:]


def _event(n: int) -> JobEvent:
    return JobEvent(id=f"ev-{n}", created_at=n, level="info", message=f"event {n}")


def test_events_fetched_before_a_reselection_are_fetched_again() -> None:
    provider = _ScriptedProvider()
    watch = JobWatch(provider)  # type: ignore[arg-type]
    watch.select("ftjob-1")
    provider.events = [_event(1), _event(2)]
    first = watch.fetch()
    assert [e.id for e in first.new_events] == ["ev-1", "ev-2"]
    assert watch.advance("ftjob-1", first.cursor, "ev-2")  # shown
    provider.events.append(_event(3))
    in_flight = watch.fetch()  # only ev-3 ...
    assert [e.id for e in in_flight.new_events] == ["ev-3"]
    watch.select("ftjob-1")  # ... but the user clicked away and back meanwhile: the log was cleared
    assert not watch.advance("ftjob-1", in_flight.cursor, "ev-3")  # so ev-3 alone must not be shown
    again = watch.fetch()
    assert [e.id for e in again.new_events] == ["ev-1", "ev-2", "ev-3"]  # the whole story, nothing lost
    assert watch.advance("ftjob-1", again.cursor, "ev-3")
    assert watch.fetch().new_events == ()


def test_quitting_with_a_stuck_call_reports_it(qtbot, window) -> None:
    qtbot.waitUntil(window.jobs_tab.new_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.jobs_tab.polled, timeout=10_000):
        window.jobs_tab.refresh()
    window.session.simulator.faults.add(
        Fault(path=r"^/v1/fine_tuning/jobs$", method="GET", delay=4.5, times=1)
    )
    window.jobs_tab.refresh()
    qtbot.waitUntil(
        lambda: any(r.path == "/v1/fine_tuning/jobs" for r in window.session.simulator.requests),
        timeout=5_000,
    )
    qtbot.wait(300)  # the poll is now waiting on the slow answer
    assert window.shutdown() is False  # the app would end the process instead of hanging
    assert window.jobs_tab._retired_pollers  # kept alive, not destroyed while it runs
    qtbot.waitUntil(lambda: not window.jobs_tab._retired_pollers, timeout=10_000)  # it ended by itself
    assert window.jobs_tab.stop_polling() is True


def test_stop_works_while_the_model_is_silent(qtbot, open_window, make_context) -> None:
    window = open_window(make_context(simulator_config=SimulatorConfig.fast(stream_chunk_delay=30.0)))
    chat = window.chat_tab
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    chat.input.setPlainText("hello")
    chat.send()
    qtbot.wait(800)  # the request is out and the service is silent (it logs requests only once answered)
    assert chat.is_streaming
    with qtbot.waitSignal(chat.answerFinished, timeout=5_000):  # not after the 30 s silence
        chat.stop_button.click()
    assert "stopped" in chat.transcript_text().splitlines()[-1]
    assert chat.send_button.isEnabled()
    assert chat.model_combo.isEnabled()


def test_every_typed_key_is_checked_not_only_the_visible_one(
    qtbot, open_window, make_context, keyring_backend, other_service
) -> None:
    window = open_window(_with_second_profile(make_context, other_service.base_url))
    dialog = window.open_settings()
    dialog.profile_list.setCurrentRow(1)
    qtbot.keyClicks(dialog.key_edit, "sk-abc def")
    dialog.profile_list.setCurrentRow(0)  # back to Practice, whose form has no key at all
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "space" in dialog.problems_label.text()
    assert dialog.current_profile().id == "gw"  # it shows the profile with the problem
    assert "sk-abc def" not in keyring_backend.passwords.values()
    dialog.reject()


def test_old_providers_are_closed_once_no_work_uses_them(
    qtbot, open_window, make_context, other_service
) -> None:
    window = open_window(_with_second_profile(make_context, other_service.base_url))
    qtbot.waitUntil(lambda: window.chat_tab.current_model() is not None, timeout=10_000)
    window.session.settings.active_profile_id = "gw"
    window.session.reload()
    qtbot.waitUntil(
        lambda: window.session.provider is not None and not window.session.is_practice, timeout=10_000
    )
    qtbot.waitUntil(lambda: not window.session._retired, timeout=10_000)


def test_an_edit_made_just_before_quitting_is_saved(qtbot, open_window, make_context) -> None:
    context = make_context()
    window = open_window(context)
    tab = window.data_tab
    tab.add_row()
    tab.model.setData(tab.model.index(0, 0), "最后一刻的问题")
    window.shutdown()  # before the autosave timer fired
    saved = "".join(p.read_text("utf-8") for p in context.paths.autosave_dir.glob("*.json"))
    assert "最后一刻的问题" in saved
