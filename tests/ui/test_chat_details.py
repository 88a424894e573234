"""Details of the Chat tab, driven against the Practice service over real HTTP: the dataset's system prompt
prefills a new conversation, a model past its shutdown date says so, a legacy completion model is sent the
training separator and stopped at the training ending, and a compared answer can be added to the dataset."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.formats import legacy_format, legacy_markers
from desktop_app.providers.types import JobRequest
from desktop_app.simulator import SimulatorServer
from desktop_app.simulator.responses import Response, StreamResponse
from desktop_app.simulator.routes import Api, Request
from desktop_app.ui.chat.add_example_dialog import AddExampleDialog
from desktop_app.ui.chat.model_picker import ModelChoice, ModelPicker
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.data.tab import ExportKind
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice
from desktop_app.ui.main_window import MainWindow
from tests.ui.chat_helpers import ask, click_link, open_chat

BASE = "gpt-4o-mini-2024-07-18"
# No common ending to the questions or answers: the separator and ending are added on export.
SHOP_QUESTIONS = [f"第{i}家店在哪里" if i % 3 else f"请问第{i}家店怎么走" for i in range(12)]
SHOP_ANSWERS = [f"第{i}家店在青山路{i}号" if i % 2 else f"第{i}家店在北门{i}栋旁边" for i in range(12)]
PAIRS = [(f"问题{i}：第{i}家店在哪里？", f"第{i}家店在青山路{i}号。") for i in range(10)]


class BodyLog:
    """The JSON bodies the service was sent, kept beside its own request log (which keeps only the method,
    path and status): the real dispatch still answers every request."""

    def __init__(self, server: SimulatorServer) -> None:
        self._api: Api = server.api
        self.bodies: list[tuple[str, dict[str, Any]]] = []
        server.api = self  # type: ignore[assignment]

    def dispatch(self, request: Request) -> Response | StreamResponse:
        if request.method == "POST" and request.body.startswith(b"{"):
            self.bodies.append((request.path, json.loads(request.body)))
        return self._api.dispatch(request)

    def sent_to(self, path: str) -> list[dict[str, Any]]:
        return [body for where, body in self.bodies if where == path]


def _simulator(window: MainWindow) -> SimulatorServer:
    simulator = window.session.simulator
    assert simulator is not None
    return simulator


def _train(qtbot: QtBot, window: MainWindow, suffix: str, content: bytes, base: str = BASE) -> str:
    provider = window.session.provider
    assert provider is not None
    uploaded = provider.upload_training_file(f"{suffix}.jsonl", content)
    job = provider.create_job(JobRequest(base, uploaded.id, suffix=suffix))
    qtbot.waitUntil(lambda: provider.retrieve_job(job.id).status in ("succeeded", "failed"), timeout=20_000)
    model = provider.retrieve_job(job.id).fine_tuned_model
    assert model is not None
    return model


def _chat_jsonl(pairs: list[tuple[str, str]]) -> bytes:
    lines = [
        {"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]} for q, a in pairs
    ]
    return "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()


def _use_model(qtbot: QtBot, chat: ChatTab, model: str) -> None:
    with qtbot.waitSignal(chat.modelsLoaded, timeout=10_000):
        chat.refresh_models()
    assert chat.model_combo.select(model)


def _open_data(qtbot: QtBot, window: MainWindow, path: Path, rows: str) -> None:
    path.write_text("prompt,completion\n" + rows, encoding="utf-8")
    with qtbot.waitSignal(window.data_tab.loaded, timeout=10_000):
        window.data_tab.open_file(path)


# ---- the system prompt of a new conversation ----------------------------------------------------------------
def test_a_remembered_empty_prompt_does_not_hide_the_datasets_default(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    chat = open_chat(qtbot, window)
    panel = chat.settings_panel
    assert panel.settings().system_prompt == ""
    panel.max_tokens_spin.set_number(300)
    panel._on_number_edited()  # remembered for this service, with its empty system prompt
    remembered = window.session.settings.chat_settings_for(window.session.profile.id)
    assert remembered is not None
    assert remembered.system_prompt == ""

    _open_data(qtbot, window, tmp_path / "tea.csv", "几点开门？,九点。\n在哪里？,青山路。\n")
    window.data_tab.system_prompt_edit.setText("你是青山茶舍的客服。")
    chat.clear_conversation()
    assert panel.settings().system_prompt == "你是青山茶舍的客服。"
    assert panel.settings().max_tokens == 300  # the rest of what was remembered stays


def test_without_a_dataset_prompt_the_remembered_one_is_used(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    panel = chat.settings_panel
    panel.apply_system_prompt("Answer in one sentence.")
    chat.clear_conversation()
    assert panel.settings().system_prompt == "Answer in one sentence."


# ---- shutdown dates -------------------------------------------------------------------------------------------
def test_a_model_past_its_shutdown_date_was_shut_down_and_one_before_it_shuts_down(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    model = _train(qtbot, window, "dates", _chat_jsonl(PAIRS))
    simulator = _simulator(window)

    simulator.state.set_shutdown_date(model, "2020-01-31")
    _use_model(qtbot, chat, model)
    note = chat.model_note.text()
    assert "was shut down on 2020-01-31" in note
    assert "shuts down" not in note
    tip = str(chat.model_combo.itemData(chat.model_combo.currentIndex(), Qt.ItemDataRole.ToolTipRole))
    assert "Was shut down on 2020-01-31" in tip

    simulator.state.set_shutdown_date(model, "2099-12-31")
    _use_model(qtbot, chat, model)
    note = chat.model_note.text()
    assert "shuts down on 2099-12-31" in note
    assert "was shut down" not in note
    tip = str(chat.model_combo.itemData(chat.model_combo.currentIndex(), Qt.ItemDataRole.ToolTipRole))
    assert "Shuts down on 2099-12-31" in tip


def test_the_shutdown_day_itself_counts_as_shut_down(qtbot: QtBot) -> None:
    today = dt.date(2026, 5, 1)
    assert ModelChoice("m", "chat", shutdown_date="2026-05-01").is_shut_down(today)
    assert ModelChoice("m", "chat", shutdown_date="2026-04-30").is_shut_down(today)
    assert not ModelChoice("m", "chat", shutdown_date="2026-05-02").is_shut_down(today)
    assert not ModelChoice("m", "chat", shutdown_date="someday").is_shut_down(today)
    assert not ModelChoice("m", "chat").is_shut_down(today)
    picker = ModelPicker()
    qtbot.addWidget(picker)
    picker.set_choices([ModelChoice("old", "chat", shutdown_date="2001-02-03")])
    assert "Was shut down on 2001-02-03" in str(picker.itemData(0, Qt.ItemDataRole.ToolTipRole))


# ---- legacy completion models ---------------------------------------------------------------------------------
def test_a_legacy_models_prompt_ends_with_the_separator_and_its_stop_is_the_ending(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    # No common ending to the questions or answers: the separator and ending are added on export.
    questions, answers = SHOP_QUESTIONS, SHOP_ANSWERS
    _open_data(
        qtbot,
        window,
        tmp_path / "shop.csv",
        "".join(f"{q},{a}\n" for q, a in zip(questions, answers, strict=True)),
    )
    separator, ending = legacy_markers(window.data_tab.current_dataset())
    assert separator.strip()  # e.g. "\n\n###\n\n"
    assert ending  # e.g. "\n"
    exported = tmp_path / "shop_legacy.jsonl"
    with qtbot.waitSignal(window.data_tab.exported, timeout=10_000):
        window.data_tab.export_to(exported, ExportKind.LEGACY)
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert all(r["prompt"].endswith(separator) and r["completion"].endswith(ending) for r in records)
    chat = open_chat(qtbot, window)
    model = _train(qtbot, window, "legacy", exported.read_bytes(), "babbage-002")
    _use_model(qtbot, chat, model)
    log = BodyLog(_simulator(window))

    answer = ask(qtbot, chat, "第4家店在哪里")
    [sent] = log.sent_to("/v1/completions")
    assert sent["model"] == model
    assert sent["prompt"] == "第4家店在哪里" + separator  # the question as typed, then the separator
    assert sent["prompt"].endswith(records[4]["prompt"][len(questions[4]) :])  # as in the training file
    assert sent["stop"] in ([ending], ending)  # stopped at the training ending
    assert log.sent_to("/v1/chat/completions") == []
    assert answer.strip() == answers[4]


def test_a_legacy_model_trained_here_keeps_its_separator_whatever_data_is_open_later(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    questions, answers = SHOP_QUESTIONS, SHOP_ANSWERS
    _open_data(
        qtbot,
        window,
        tmp_path / "shop.csv",
        "".join(f"{q},{a}\n" for q, a in zip(questions, answers, strict=True)),
    )
    trained = legacy_format(window.data_tab.current_dataset())
    assert trained.separator.strip()
    jobs = window.jobs_tab
    with qtbot.waitSignal(jobs.jobCreated, timeout=10_000) as created:
        jobs.start_job(NewJobChoice("babbage-002", "shop", 1))
    job_id = created.args[0]
    qtbot.waitUntil(
        lambda: (row := jobs.model.row_of(job_id)) is not None and bool(jobs.model.job(row).fine_tuned_model),
        timeout=30_000,
    )
    model = jobs.model.job(jobs.model.row_of(job_id) or 0).fine_tuned_model
    assert model is not None
    # Later the user works on other data, whose questions already end with a different marker of their own.
    _open_data(qtbot, window, tmp_path / "other.csv", "".join(f"q{i} ###,a{i}\n" for i in range(12)))
    assert legacy_format(window.data_tab.current_dataset()).separator != trained.separator
    chat = open_chat(qtbot, window)
    _use_model(qtbot, chat, model)
    log = BodyLog(_simulator(window))
    answer = ask(qtbot, chat, questions[4])
    [sent] = log.sent_to("/v1/completions")
    assert sent["prompt"] == questions[4] + trained.separator  # as the model was trained, not the open data
    assert sent["stop"] in ([trained.ending], trained.ending)
    assert answer.strip() == answers[4]


# ---- Compare: add an answer to the dataset --------------------------------------------------------------------
def test_a_compared_answer_is_added_to_the_dataset_edited_first_and_undone(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    model = _train(qtbot, window, "compare", _chat_jsonl(PAIRS))
    _use_model(qtbot, chat, model)
    qtbot.mouseClick(chat.compare_mode_button, Qt.MouseButton.LeftButton)
    compare = chat.compare
    compare.set_models([model, BASE])
    compare.system_edit.setText("你是青山茶舍的客服。")
    with qtbot.waitSignal(compare.finished, timeout=20_000):
        compare.send(PAIRS[3][0])
    answers = compare.answers()
    assert answers[0] == PAIRS[3][1]
    compare.prompt_edit.setPlainText("another question, typed after the answers came")
    data = window.data_tab
    rows_before = len(data.current_dataset().examples)
    seen: list[tuple[str, str, str]] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddExampleDialog)
        seen.append(dialog.values())
        dialog.answer_edit.setPlainText("第3家店在青山路3号，地铁站旁边。")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, fill_in)
    click_link(qtbot, compare.columns[1].transcript, "chat:add/")  # the base model's answer
    qtbot.waitUntil(lambda: len(data.current_dataset().examples) == rows_before + 1, timeout=5_000)
    assert seen == [(PAIRS[3][0], answers[1], "你是青山茶舍的客服。")]  # the question the answers answer
    added = data.current_dataset().examples[-1]
    assert (added.prompt, added.completion, added.system) == (
        PAIRS[3][0],
        "第3家店在青山路3号，地铁站旁边。",
        "你是青山茶舍的客服。",
    )
    assert "Added to the dataset" in compare.message_bar.text
    data.undo_stack.undo()
    assert len(data.current_dataset().examples) == rows_before


def test_a_cancelled_review_adds_nothing(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    qtbot.mouseClick(chat.compare_mode_button, Qt.MouseButton.LeftButton)
    compare = chat.compare
    with qtbot.waitSignal(compare.finished, timeout=20_000):
        compare.send("hello")
    rows_before = len(window.data_tab.current_dataset().examples)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddExampleDialog)
        dialog.reject()

    QTimer.singleShot(200, cancel)
    click_link(qtbot, compare.columns[0].transcript, "chat:add/")
    assert len(window.data_tab.current_dataset().examples) == rows_before
    assert not compare.message_bar.isVisible()
