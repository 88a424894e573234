"""The seed's whole workflow, clicked through the real window, against the simulator over real HTTP.

content.xlsx → check → export JSONL → New job (base model + suffix) → follow it to "succeeded" →
chat with the fine-tuned model, whose streamed answer comes from the training data. Plus cancel.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop_app.core.formats import read_dataset
from desktop_app.ui.data.tab import ExportKind
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import DATA

CONTENT = DATA / "content.xlsx"


def _open_content(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.data_tab.checked, timeout=10_000):
        window.data_tab.open_file(CONTENT)


def _start_job(qtbot: QtBot, window: MainWindow, suffix: str, model_index: int = 0) -> str:
    jobs = window.jobs_tab
    window.tabs.setCurrentWidget(jobs)
    qtbot.mouseClick(jobs.new_button, Qt.MouseButton.LeftButton)
    dialog = jobs.new_job_dialog
    assert dialog is not None, jobs.message_bar.text
    assert dialog.findChild(type(dialog.summary_label), "practiceNotice") is not None
    dialog.model_combo.setCurrentIndex(model_index)
    qtbot.keyClicks(dialog.suffix_edit, suffix)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)  # checked and priced in the background
    if dialog.reviewed_check.isVisible():  # warnings need a click before money is spent
        assert not ok.isEnabled()
        dialog.reviewed_check.click()
    assert ok.isEnabled(), dialog.problem_label.text()
    assert ok.text() == "Start practice training (free)"  # what it costs, on the button that spends it
    with qtbot.waitSignal(jobs.jobCreated, timeout=10_000) as created:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    job_id = created.args[0]
    assert isinstance(job_id, str)
    assert job_id.startswith("ftjob-")
    return job_id


def test_seed_workflow_from_excel_to_chat(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    source_hash = hashlib.sha256(CONTENT.read_bytes()).hexdigest()
    assert window.practice_banner.isVisible()
    assert "nothing is sent anywhere" in window.practice_banner.text()

    # 1. prepare_data: open the Excel file, the checks run, nothing blocks training.
    _open_content(qtbot, window)
    expected = read_dataset(CONTENT).dataset.examples
    table = window.data_tab.model
    assert table.rowCount() == len(expected) >= 10
    assert table.index(0, 0).data() == expected[0].prompt
    assert not [i for i in window.data_tab.current_issues() if i.severity.value == "error"]

    # Export both formats and read them back.
    chat_path = tmp_path / "content_prepared.jsonl"
    with qtbot.waitSignal(window.data_tab.exported, timeout=10_000):
        window.data_tab.export_to(chat_path, ExportKind.CHAT)
    lines = [json.loads(line) for line in chat_path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(expected)
    assert lines[0]["messages"][-2:] == [
        {"role": "user", "content": expected[0].prompt},
        {"role": "assistant", "content": expected[0].completion},
    ]
    legacy_path = tmp_path / "content_legacy.jsonl"
    with qtbot.waitSignal(window.data_tab.exported, timeout=10_000):
        window.data_tab.export_to(legacy_path, ExportKind.LEGACY)
    legacy = [json.loads(line) for line in legacy_path.read_text(encoding="utf-8").splitlines()]
    assert set(legacy[0]) == {"prompt", "completion"}
    assert legacy[0]["prompt"].startswith(expected[0].prompt)
    assert hashlib.sha256(CONTENT.read_bytes()).hexdigest() == source_hash  # the source is never modified

    # 2. fine_tunes.create -m <model> --suffix "content", then fine_tunes.follow.
    job_id = _start_job(qtbot, window, "content")
    jobs = window.jobs_tab
    with qtbot.waitSignal(jobs.modelReady, timeout=30_000) as ready:
        pass
    fine_tuned = ready.args[0]
    assert fine_tuned.startswith("ft:")
    assert ":content:" in fine_tuned
    assert jobs.selected_job_id() == job_id
    qtbot.waitUntil(lambda: "successfully completed" in jobs.event_log_text().lower(), timeout=10_000)
    log_text = jobs.event_log_text()
    assert "Step " in log_text  # metrics events arrived while it trained
    assert log_text.index("Step ") < log_text.lower().index("successfully completed")  # oldest first
    assert jobs.status_label.text() == "Succeeded"
    assert jobs.result_model_label.text() == fine_tuned
    assert jobs.progress.value() == jobs.progress.maximum()
    # The story in plain words, in order, like the legacy follow; the curve on the chart.
    qtbot.waitUntil(lambda: "Training succeeded" in jobs.story_view.story_lines(), timeout=10_000)
    story = jobs.story_view.story_lines()
    assert story[0] == "Job created"
    assert story.index("Training started") < story.index("Training succeeded")
    epochs = [line for line in story if line.startswith("Finished pass")]
    assert epochs
    assert epochs[-1].startswith(f"Finished pass {len(epochs)} of {len(epochs)}")
    assert f"New model created: {fine_tuned}" in story
    qtbot.waitUntil(lambda: len(jobs.chart.points()) > 0, timeout=10_000)
    assert jobs.chart.shown_series()[0] == "train"
    assert [p.step for p in jobs.chart.points()] == sorted(p.step for p in jobs.chart.points())
    jobs.detail_tabs.setCurrentIndex(1)  # the chart's page
    jobs.accuracy_button.click()
    assert jobs.chart.current_metric() == "accuracy"
    assert any(label.endswith("%") for label in jobs.chart.y_tick_labels())
    jobs.loss_button.click()
    assert jobs.chart.current_metric() == "loss"

    # 3. Use the model: the Chat tab picks it, the answer streams in piece by piece from the training data.
    qtbot.mouseClick(jobs.chat_button, Qt.MouseButton.LeftButton)
    chat = window.chat_tab
    assert window.tabs.currentWidget() is chat
    qtbot.waitUntil(lambda: chat.current_model() == fine_tuned, timeout=10_000)
    question, answer = expected[3].prompt, expected[3].completion
    chat.input.setPlainText(question)  # Chinese arrives through an input method or a paste, not key codes
    pieces: list[str] = []
    chat.answerChunk.connect(pieces.append)
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000) as finished:
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] == answer
    assert len(pieces) > 3  # streamed, not delivered in one block
    assert answer in chat.transcript_text()
    assert question in chat.transcript_text()
    assert chat.send_button.isEnabled()
    assert not chat.stop_button.isEnabled()


def test_cancel_a_running_job(qtbot: QtBot, open_window, make_context) -> None:
    from desktop_app.simulator import SimulatorConfig

    # Slow training so there is time to cancel it mid-way.
    window = open_window(make_context(simulator_config=SimulatorConfig.fast(step_seconds=0.5)))
    _open_content(qtbot, window)
    job_id = _start_job(qtbot, window, "test")
    jobs = window.jobs_tab
    qtbot.waitUntil(lambda: jobs.status_label.text() == "Training", timeout=10_000)
    assert jobs.cancel_button.isEnabled()
    qtbot.mouseClick(jobs.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: jobs.status_label.text() == "Cancelled", timeout=10_000)
    assert not jobs.cancel_button.isEnabled()
    row = jobs.model.row_of(job_id)
    assert row is not None
    assert jobs.model.job(row).status == "cancelled"
    assert jobs.model.job(row).fine_tuned_model is None


def test_stop_a_streaming_answer(qtbot: QtBot, open_window, make_context) -> None:
    from desktop_app.simulator import SimulatorConfig

    window = open_window(make_context(simulator_config=SimulatorConfig.fast(stream_chunk_delay=0.2)))
    chat = window.chat_tab
    window.tabs.setCurrentWidget(chat)
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    qtbot.keyClicks(chat.input, "Tell me a long story")
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000) as finished:
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(chat.stop_button.isEnabled, timeout=5_000)
        qtbot.wait(300)
        qtbot.mouseClick(chat.stop_button, Qt.MouseButton.LeftButton)
    answer = finished.args[0]
    assert answer
    assert answer in chat.transcript_text()
    assert "stopped" in chat.transcript_text().splitlines()[-1]  # and the answer says it was stopped
    assert chat.send_button.isEnabled()
