"""Jobs ▸ Uploaded files… and Your models…: the real dialogs against the simulator over HTTP."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from desktop_app.providers import OpenAICompatibleProvider
from desktop_app.providers.types import Capability, JobRequest, ModelInfo, UploadedFile
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from desktop_app.ui.jobs.files_dialog import (
    COL_CREATED,
    COL_ID,
    COL_NAME,
    COL_PURPOSE,
    COL_SIZE,
    COL_STATUS,
    FILE_ID_ROLE,
    FilesDialog,
    FilesTableModel,
    format_size,
)
from desktop_app.ui.jobs.models_dialog import (
    COL_BASE,
    COL_MODEL,
    COL_SHUTDOWN,
    MODEL_ID_ROLE,
    SHUTDOWN_LEVEL_ROLE,
    ModelsDialog,
    ModelsTableModel,
    base_model_of,
)
from desktop_app.ui.workers import WorkerPool
from tests.practice_service import make_provider

BASE = "gpt-4o-mini-2024-07-18"
TODAY = dt.date(2026, 11, 25)


def _today() -> dt.date:
    return TODAY


def jsonl(count: int, word: str = "hello") -> bytes:
    lines = [
        json.dumps(
            {
                "messages": [
                    {"role": "user", "content": f"{word} {i}?"},
                    {"role": "assistant", "content": "hi"},
                ]
            }
        )
        for i in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def pool(qtbot: QtBot, provider: OpenAICompatibleProvider) -> Iterator[WorkerPool]:
    # Depends on the provider so that it is shut down (workers awaited) before the provider closes.
    workers = WorkerPool(max_threads=2)
    yield workers
    assert workers.shutdown(5_000)
    assert workers.live_count == 0
    workers.deleteLater()


class Asked:
    """A confirm callback that records the questions and answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.questions: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> bool:
        self.questions.append((title, text))
        return self.answer


def open_files(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool, confirm: Asked | None = None
) -> FilesDialog:
    dialog = FilesDialog(provider, pool, confirm=confirm or Asked(True))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def open_models(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool, confirm: Asked | None = None
) -> ModelsDialog:
    dialog = ModelsDialog(provider, pool, confirm=confirm or Asked(True), today=_today)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def cell(model: FilesTableModel | ModelsTableModel, row: int, column: int, role: int = 0) -> object:
    return model.index(row, column).data(role or Qt.ItemDataRole.DisplayRole)


def train(qtbot: QtBot, provider: OpenAICompatibleProvider, suffix: str) -> str:
    uploaded = provider.upload_training_file(f"{suffix}.jsonl", jsonl(12, suffix))
    job = provider.create_job(JobRequest(BASE, uploaded.id, suffix=suffix))
    qtbot.waitUntil(lambda: provider.retrieve_job(job.id).status == "succeeded", timeout=15_000)
    model = provider.retrieve_job(job.id).fine_tuned_model
    assert model is not None
    return model


# ------------------------------------------------------------------------------------------------ files: model


def test_files_model_passes_the_model_tester(qtmodeltester) -> None:
    model = FilesTableModel()
    qtmodeltester.check(model)
    files = [
        UploadedFile("file-a", "a.jsonl", 2048, 1_700_000_000, "fine-tune", "processed"),
        UploadedFile("file-b", "step_metrics.csv", 12, 1_700_000_100, "fine-tune-results", None),
        UploadedFile("file-c", "bad.jsonl", 5, 1_700_000_200, "fine-tune", "error"),
    ]
    model.set_files(files)
    qtmodeltester.check(model)
    assert cell(model, 0, COL_SIZE) == format_size(2048)
    assert cell(model, 0, COL_PURPOSE) == "Training data"
    assert cell(model, 1, COL_PURPOSE) == "Training results"
    assert cell(model, 1, COL_STATUS) == ""
    assert cell(model, 2, COL_STATUS) == "Failed"
    assert isinstance(cell(model, 2, COL_STATUS, Qt.ItemDataRole.ForegroundRole), QBrush)
    assert cell(model, 1, COL_ID, FILE_ID_ROLE) == "file-b"
    model.remove_ids(["file-a", "file-c"])
    qtmodeltester.check(model)
    assert [f.id for f in model.files()] == ["file-b"]
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_sizes_read_like_sizes(qapp: object) -> None:
    assert "812" in format_size(812)
    assert format_size(1536).replace(",", ".").upper() == "1.5 KB"
    assert format_size(5 * 1024 * 1024).replace(",", ".").upper() == "5.0 MB"


# ------------------------------------------------------------------------------------------------ files: dialog


def test_files_dialog_lists_the_uploads(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool, qtmodeltester
) -> None:
    first = provider.upload_training_file("first.jsonl", jsonl(3))
    second = provider.upload_training_file("second.jsonl", jsonl(30))
    dialog = open_files(qtbot, provider, pool)
    qtmodeltester.check(dialog.model)
    assert dialog.stack.currentWidget() is dialog.view
    by_id = {f.id: f for f in dialog.model.files()}
    assert set(by_id) == {first.id, second.id}
    row = next(r for r in range(dialog.model.rowCount()) if cell(dialog.model, r, COL_ID) == second.id)
    assert cell(dialog.model, row, COL_NAME) == "second.jsonl"
    assert cell(dialog.model, row, COL_SIZE) == format_size(len(jsonl(30)))
    assert cell(dialog.model, row, COL_CREATED)
    assert "2 file(s)" in dialog.status_label.text()
    # Newest first on screen.
    assert dialog.proxy.index(0, COL_ID).data() == second.id
    assert dialog.proxy.index(0, COL_CREATED).data()


def test_refresh_shows_a_new_upload(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    dialog = open_files(qtbot, provider, pool)
    assert dialog.model.rowCount() == 0
    uploaded = provider.upload_training_file("late.jsonl", jsonl(2))
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.model.file(0).id == uploaded.id
    assert dialog.stack.currentWidget() is dialog.view


def test_delete_with_confirmation_removes_the_file_from_the_service(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    keep = provider.upload_training_file("keep.jsonl", jsonl(2))
    gone = provider.upload_training_file("gone.jsonl", jsonl(3))
    asked = Asked(True)
    dialog = open_files(qtbot, provider, pool, asked)
    assert not dialog.delete_button.isEnabled()  # nothing selected yet
    assert dialog.select_file(gone.id)
    assert dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert len(asked.questions) == 1
    assert "gone.jsonl" in asked.questions[0][1]
    assert [f.id for f in dialog.model.files()] == [keep.id]
    assert [f.id for f in provider.list_files()] == [keep.id]
    assert dialog.message_bar.isVisible()
    assert "Deleted" in dialog.message_bar.text


def test_delete_several_files_at_once(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    for i in range(3):
        provider.upload_training_file(f"f{i}.jsonl", jsonl(2 + i))
    asked = Asked(True)
    dialog = open_files(qtbot, provider, pool, asked)
    dialog.view.selectAll()
    worker = dialog.delete_selected()
    assert worker is not None
    assert "3 file(s)" in asked.questions[0][1]
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert provider.list_files() == []
    assert dialog.stack.currentWidget() is dialog.placeholder
    assert "No files" in dialog.placeholder.text()


def test_declined_confirmation_keeps_the_file(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    uploaded = provider.upload_training_file("precious.jsonl", jsonl(2))
    asked = Asked(False)
    dialog = open_files(qtbot, provider, pool, asked)
    assert dialog.select_file(uploaded.id)
    assert dialog.delete_selected() is None
    assert len(asked.questions) == 1
    assert [f.id for f in provider.list_files()] == [uploaded.id]
    assert [f.id for f in dialog.model.files()] == [uploaded.id]
    assert not dialog.busy


def test_empty_service_says_so(qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool) -> None:
    dialog = open_files(qtbot, provider, pool)
    assert dialog.stack.currentWidget() is dialog.placeholder
    assert dialog.placeholder.isVisible()
    assert "No files are stored on this service." in dialog.placeholder.text()
    assert dialog.refresh_button.isEnabled()
    assert not dialog.delete_button.isEnabled()


def test_service_without_file_listing_says_so(qtbot: QtBot) -> None:
    with SimulatorServer(config=SimulatorConfig.fast(disabled_endpoints={"files"})) as server:
        provider = make_provider(server)
        pool = WorkerPool(max_threads=2)
        provider.upload_training_file("train.jsonl", jsonl(2))
        dialog = open_files(qtbot, provider, pool)
        qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.placeholder, timeout=10_000)
        assert "does not list uploaded files" in dialog.placeholder.text()
        assert not dialog.message_bar.isVisible()  # not an error: a plain sentence
        assert not dialog.refresh_button.isEnabled()
        assert not provider.supports(Capability.FILES)
        assert dialog.refresh() is None  # known now: not asked again
        assert pool.shutdown(5_000)
        pool.deleteLater()
        provider.close()


def test_a_failed_load_shows_in_the_message_bar_and_refresh_recovers(
    qtbot: QtBot, server: SimulatorServer, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    uploaded = provider.upload_training_file("train.jsonl", jsonl(2))
    server.faults.add(Fault(path=r"^/v1/files$", method="GET", status=500, times=1))
    dialog = open_files(qtbot, provider, pool)
    assert dialog.message_bar.isVisible()
    assert dialog.message_bar.text
    assert dialog.model.rowCount() == 0
    assert provider.supports(Capability.FILES)  # a server error is not a missing feature
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.model.file(0).id == uploaded.id


def test_a_failed_delete_keeps_the_row(
    qtbot: QtBot, server: SimulatorServer, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    uploaded = provider.upload_training_file("train.jsonl", jsonl(2))
    dialog = open_files(qtbot, provider, pool)
    server.faults.add(Fault(path=r"^/v1/files/[^/]+$", method="DELETE", status=500, times=1))
    assert dialog.select_file(uploaded.id)
    assert dialog.delete_selected() is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert [f.id for f in dialog.model.files()] == [uploaded.id]
    assert dialog.message_bar.isVisible()
    assert "Deleted" not in dialog.message_bar.text


# ------------------------------------------------------------------------------------------------ models: model


def test_models_model_passes_the_model_tester(qtmodeltester) -> None:
    model = ModelsTableModel(_today)
    qtmodeltester.check(model)
    model.set_models(
        [
            ModelInfo(f"ft:{BASE}:acme:bot:abc", 1_700_000_000, "user-acme", "2026-12-01"),
            ModelInfo("ft:babbage-002:acme::xyz", 1_700_000_100, "user-acme", "2026-10-01"),
            ModelInfo(f"ft:{BASE}:acme:far:def", 1_700_000_200, "user-acme", "2028-01-01"),
            ModelInfo(f"ft:{BASE}:acme:odd:ghi", 1_700_000_300, "user-acme", "whenever"),
        ]
    )
    qtmodeltester.check(model)
    assert cell(model, 0, COL_BASE) == BASE
    assert cell(model, 1, COL_BASE) == "babbage-002"
    assert cell(model, 0, COL_SHUTDOWN) == "2026-12-01 (in 6 day(s))"
    assert cell(model, 0, COL_SHUTDOWN, SHUTDOWN_LEVEL_ROLE) == "urgent"
    assert cell(model, 1, COL_SHUTDOWN) == "Shut down on 2026-10-01"
    assert cell(model, 1, COL_SHUTDOWN, SHUTDOWN_LEVEL_ROLE) == "past"
    assert cell(model, 2, COL_SHUTDOWN) == "2028-01-01"
    assert cell(model, 2, COL_SHUTDOWN, SHUTDOWN_LEVEL_ROLE) is None
    assert cell(model, 2, COL_SHUTDOWN, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(model, 3, COL_SHUTDOWN) == "whenever"
    assert cell(model, 3, COL_MODEL, MODEL_ID_ROLE) == f"ft:{BASE}:acme:odd:ghi"
    model.remove_id("ft:babbage-002:acme::xyz")
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_base_model_of_reads_the_fine_tune_name() -> None:
    assert base_model_of(f"ft:{BASE}:acme:bot:abc") == BASE
    assert base_model_of("my-local-model") == ""


# ------------------------------------------------------------------------------------------------ models: dialog


def test_models_dialog_lists_fine_tuned_models_after_a_job_succeeds(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool, qtmodeltester
) -> None:
    dialog = open_models(qtbot, provider, pool)
    assert dialog.stack.currentWidget() is dialog.placeholder  # none yet
    assert "no fine-tuned models" in dialog.placeholder.text()
    trained = train(qtbot, provider, "support")
    dialog.refresh()
    qtbot.waitUntil(lambda: trained in {m.id for m in dialog.model.models()}, timeout=10_000)
    qtmodeltester.check(dialog.model)
    assert all(m.id.startswith("ft:") for m in dialog.model.models())  # base models are not listed
    assert dialog.select_model(trained)
    row = dialog.proxy.mapToSource(dialog.view.selectionModel().selectedRows()[0]).row()
    assert cell(dialog.model, row, COL_BASE) == BASE
    assert dialog.stack.currentWidget() is dialog.view
    assert dialog.chat_button.isEnabled()


def test_chat_with_this_model_emits_its_id(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    trained = train(qtbot, provider, "chatty")
    dialog = open_models(qtbot, provider, pool)
    assert not dialog.chat_button.isEnabled()
    assert dialog.select_model(trained)
    with qtbot.waitSignal(dialog.chatRequested, timeout=2_000) as blocker:
        qtbot.mouseClick(dialog.chat_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [trained]


def test_delete_model_after_confirmation(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    trained = train(qtbot, provider, "doomed")
    declined = Asked(False)
    dialog = open_models(qtbot, provider, pool, declined)
    assert dialog.delete_button.isVisible()
    assert dialog.select_model(trained)
    assert dialog.delete_selected() is None
    assert trained in {m.id for m in provider.list_models()}
    assert trained in declined.questions[0][1]

    declined.answer = True
    with qtbot.waitSignal(dialog.modelDeleted, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [trained]
    assert trained not in {m.id for m in provider.list_models()}
    assert trained not in {m.id for m in dialog.model.models()}


def test_delete_is_hidden_when_the_service_cannot_delete_models(
    qtbot: QtBot, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    provider.mark_unsupported(Capability.DELETE_MODEL)
    dialog = open_models(qtbot, provider, pool)
    assert dialog.delete_button.isHidden()
    assert dialog.delete_selected() is None


def test_shutdown_dates_are_warnings(
    qtbot: QtBot, server: SimulatorServer, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    soon = train(qtbot, provider, "soon")
    gone = train(qtbot, provider, "gone")
    later = train(qtbot, provider, "later")
    server.state.set_shutdown_date(soon, (TODAY + dt.timedelta(days=40)).isoformat())
    server.state.set_shutdown_date(gone, (TODAY - dt.timedelta(days=3)).isoformat())
    server.state.set_shutdown_date(later, "2030-01-01")
    dialog = open_models(qtbot, provider, pool)
    rows = {cell(dialog.model, r, COL_MODEL): r for r in range(dialog.model.rowCount())}

    assert cell(dialog.model, rows[soon], COL_SHUTDOWN) == "2027-01-04 (in 40 day(s))"
    assert cell(dialog.model, rows[soon], COL_SHUTDOWN, SHUTDOWN_LEVEL_ROLE) == "soon"
    assert cell(dialog.model, rows[gone], COL_SHUTDOWN) == "Shut down on 2026-11-22"
    assert cell(dialog.model, rows[gone], COL_SHUTDOWN, SHUTDOWN_LEVEL_ROLE) == "past"
    red = cell(dialog.model, rows[gone], COL_SHUTDOWN, Qt.ItemDataRole.ForegroundRole)
    amber = cell(dialog.model, rows[soon], COL_SHUTDOWN, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(red, QBrush)
    assert isinstance(amber, QBrush)
    assert red.color() != amber.color()
    assert cell(dialog.model, rows[later], COL_SHUTDOWN) == "2030-01-01"

    assert dialog.warning_label.isVisible()
    warning = dialog.warning_label.text()
    assert "1 of your models has/have shut down and no longer answer(s)." in warning
    assert "1 of your models shut(s) down within 60 days, the first on 2027-01-04" in warning
    assert soon in warning
    assert later not in warning


def test_no_warning_when_nothing_shuts_down_soon(
    qtbot: QtBot, server: SimulatorServer, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    trained = train(qtbot, provider, "calm")
    server.state.set_shutdown_date(trained, None)
    dialog = open_models(qtbot, provider, pool)
    assert [m.id for m in dialog.model.models()] == [trained]
    assert cell(dialog.model, 0, COL_SHUTDOWN) == ""
    assert not dialog.warning_label.isVisible()


def test_a_failed_model_list_shows_in_the_message_bar(
    qtbot: QtBot, server: SimulatorServer, provider: OpenAICompatibleProvider, pool: WorkerPool
) -> None:
    server.faults.add(Fault(path=r"^/v1/models$", method="GET", status=503, times=1))
    dialog = open_models(qtbot, provider, pool)
    assert dialog.message_bar.isVisible()
    assert dialog.message_bar.text
    assert dialog.refresh_button.isEnabled()
