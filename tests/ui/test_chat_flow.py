"""The Chat tab driven as a user drives it, against the Practice service over real HTTP (real openai SDK) with
the window's real conversation store: Markdown answers streaming in, regenerate, edit and resend on a new
branch, versions, copy, add to dataset, per-conversation settings, legacy completion models, and faults."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from desktop_app.providers.types import JobRequest
from desktop_app.simulator import SimulatorConfig
from desktop_app.simulator.faults import Fault
from desktop_app.ui.chat.add_example_dialog import AddExampleDialog
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.data.tab import ExportKind
from desktop_app.ui.main_window import AppContext, MainWindow
from tests.ui.chat_helpers import ask, click_link, conversation_store, open_chat

CHAT = r"^/v1/chat/completions$"
BASE = "gpt-4o-mini-2024-07-18"
MARKDOWN_ANSWER = (
    "## 营业时间\n\n我们**每天**营业：\n\n- 周一至周五：9:00–21:00\n- 周末：10:00–22:00\n\n"
    "| 日子 | 时间 |\n|---|---|\n| 工作日 | 9–21 |\n\n```python\nprint('open')\n```\n\n欢迎光临。"
)


# ---------------------------------------------------------------------------------------------- helpers


def _train(qtbot: QtBot, window: MainWindow, suffix: str, pairs: list[tuple[str, str]]) -> str:
    lines = [
        {"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]} for q, a in pairs
    ]
    content = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    return _train_on_file(qtbot, window, suffix, content, BASE)


def _train_on_file(qtbot: QtBot, window: MainWindow, suffix: str, content: bytes, base: str) -> str:
    provider = window.session.provider
    assert provider is not None
    uploaded = provider.upload_training_file(f"{suffix}.jsonl", content)
    job = provider.create_job(JobRequest(base, uploaded.id, suffix=suffix))
    qtbot.waitUntil(lambda: provider.retrieve_job(job.id).status in ("succeeded", "failed"), timeout=20_000)
    assert provider.retrieve_job(job.id).error is None
    model = provider.retrieve_job(job.id).fine_tuned_model
    assert model is not None
    return model


def _use_model(qtbot: QtBot, chat: ChatTab, model: str) -> None:
    with qtbot.waitSignal(chat.modelsLoaded, timeout=10_000):
        chat.refresh_models()
    assert chat.model_combo.select(model)


def _pairs(n: int = 10) -> list[tuple[str, str]]:
    return [(f"问题{i}：第{i}家店在哪里？", f"第{i}家店在青山路{i}号。") for i in range(n)]


# ---------------------------------------------------------------------------------------------- streaming


def test_a_markdown_answer_is_rendered_with_headings_lists_tables_and_code_to_copy(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    pairs = [*_pairs(9), ("营业时间是？", MARKDOWN_ANSWER)]
    model = _train(qtbot, window, "hours", pairs)
    _use_model(qtbot, chat, model)
    pieces: list[str] = []
    chat.answerChunk.connect(pieces.append)
    answer = ask(qtbot, chat, "营业时间是？")
    assert answer == MARKDOWN_ANSWER
    assert len(pieces) > 3  # it streamed

    document = chat.transcript.document()
    headings = []
    list_items = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            headings.append(block.text())
        if block.textList() is not None:
            list_items.append(block.text())
        block = block.next()
    assert headings == ["营业时间"]
    assert list_items == ["周一至周五：9:00–21:00", "周末：10:00–22:00"]
    assert "<table" in document.toHtml()
    text = chat.transcript_text()
    assert "**" not in text
    assert "```" not in text
    assert "##" not in text

    QGuiApplication.clipboard().clear()
    click_link(qtbot, chat.transcript, "copy-code:")
    assert QGuiApplication.clipboard().text() == "print('open')"


def test_token_counts_and_first_token_latency_are_shown_under_each_answer(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    ask(qtbot, chat, "Hello there")
    store = conversation_store(window)
    [conversation] = store.list_conversations()
    answer = store.path(conversation.id)[-1]
    assert answer.completion_tokens
    assert answer.completion_tokens > 5
    assert answer.prompt_tokens
    assert answer.prompt_tokens > 0
    assert answer.first_token_ms is not None
    footer = chat.transcript_text().splitlines()[-1]
    assert f"{answer.completion_tokens} token" in footer
    assert "≈" not in footer  # counted by the service, not estimated
    assert f"first token {answer.first_token_ms / 1000:.2f} s" in footer


# ---------------------------------------------------------------------------------------------- versions


def test_regenerate_keeps_the_first_answer_as_another_version(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    first = ask(qtbot, chat, "Tell me a joke")
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000) as again:
        click_link(qtbot, chat.transcript, "chat:regenerate/")
    second = again.args[0]
    assert second
    assert chat.turns == [("user", "Tell me a joke"), ("assistant", second)]
    store = conversation_store(window)
    [conversation] = store.list_conversations()
    answers = [m for m in store.messages(conversation.id) if m.role == "assistant"]
    assert [m.content for m in answers] == [first, second]
    assert answers[0].parent_id == answers[1].parent_id  # two versions of one answer
    assert "‹ 2/2 ›" in chat.transcript_text()

    with qtbot.waitSignal(chat.conversationOpened, timeout=10_000):
        click_link(qtbot, chat.transcript, "chat:previous/")
    assert "‹ 1/2 ›" in chat.transcript_text()
    assert chat.turns == [("user", "Tell me a joke"), ("assistant", first)]
    assert store.get_conversation(conversation.id).active_leaf_id == answers[0].id


def test_edit_and_resend_starts_a_new_branch_and_keeps_the_old_one(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    a1 = ask(qtbot, chat, "first question")
    a2 = ask(qtbot, chat, "second question")
    click_link(qtbot, chat.transcript, "chat:edit/", which=0)  # the first question
    assert chat.input.toPlainText() == "first question"
    assert chat.edit_banner.isVisible()
    assert chat.cancel_edit_button.isVisible()
    chat.input.selectAll()
    qtbot.keyClicks(chat.input, "first question, asked better")
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000) as finished:
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
    edited_answer = finished.args[0]
    assert chat.turns == [("user", "first question, asked better"), ("assistant", edited_answer)]
    assert not chat.edit_banner.isVisible()
    assert "‹ 2/2 ›" in chat.transcript_text()

    store = conversation_store(window)
    [conversation] = store.list_conversations()
    contents = [(m.role, m.content) for m in store.messages(conversation.id)]
    assert ("assistant", a2) in contents  # the old branch is kept whole
    with qtbot.waitSignal(chat.conversationOpened, timeout=10_000):
        click_link(qtbot, chat.transcript, "chat:previous/", which=0)
    assert chat.turns == [
        ("user", "first question"),
        ("assistant", a1),
        ("user", "second question"),
        ("assistant", a2),
    ]
    assert "‹ 1/2 ›" in chat.transcript_text()


def test_cancel_editing_leaves_the_conversation_as_it_was(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    answer = ask(qtbot, chat, "only question")
    click_link(qtbot, chat.transcript, "chat:edit/")
    qtbot.mouseClick(chat.cancel_edit_button, Qt.MouseButton.LeftButton)
    assert chat.input.toPlainText() == ""
    assert not chat.cancel_edit_button.isVisible()
    follow_up = ask(qtbot, chat, "a follow-up")
    assert chat.turns == [
        ("user", "only question"),
        ("assistant", answer),
        ("user", "a follow-up"),
        ("assistant", follow_up),
    ]


def test_copy_puts_the_message_text_on_the_clipboard(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    answer = ask(qtbot, chat, "copy me")
    QGuiApplication.clipboard().clear()
    click_link(qtbot, chat.transcript, "chat:copy/")  # the last one: the answer's
    assert QGuiApplication.clipboard().text() == answer
    click_link(qtbot, chat.transcript, "chat:copy/", which=0)
    assert QGuiApplication.clipboard().text() == "copy me"


# ---------------------------------------------------------------------------------------------- dataset


def test_add_to_dataset_with_the_answer_edited_first_and_undo_it(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    chat.settings_panel.system_prompt_edit.setPlainText("你是青山茶舍的客服。")
    chat.settings_panel.flush()
    answer = ask(qtbot, chat, "你们几点开门？")
    data = window.data_tab
    rows_before = len(data.current_dataset().examples)
    seen: list[tuple[str, str, str]] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddExampleDialog)
        seen.append(dialog.values())
        dialog.answer_edit.setPlainText("我们每天上午九点开门。")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, fill_in)
    click_link(qtbot, chat.transcript, "chat:add/")
    qtbot.waitUntil(lambda: len(data.current_dataset().examples) == rows_before + 1, timeout=5_000)
    assert seen == [("你们几点开门？", answer, "你是青山茶舍的客服。")]
    added = data.current_dataset().examples[-1]
    assert (added.prompt, added.completion, added.system) == (
        "你们几点开门？",
        "我们每天上午九点开门。",
        "你是青山茶舍的客服。",
    )
    assert "Added to the dataset" in chat.message_bar.text

    data.undo_stack.undo()
    assert len(data.current_dataset().examples) == rows_before


# ---------------------------------------------------------------------------------------------- settings


def test_settings_reach_the_service_and_are_kept_per_conversation_and_server(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    panel = chat.settings_panel
    panel.max_tokens_spin.set_number(5)
    panel.context_spin.setValue(0)
    panel.temperature_spin.set_number(0.3)
    panel._on_number_edited()
    ask(qtbot, chat, "Tell me everything about tea, at length please")
    store = conversation_store(window)
    [conversation] = store.list_conversations()
    first = store.path(conversation.id)[-1]
    assert first.finish_reason == "length"
    assert first.completion_tokens is not None
    assert first.completion_tokens <= 5
    assert "cut short by the max tokens setting" in chat.transcript_text()
    assert conversation.settings == {"temperature": 0.3, "max_tokens": 5, "context_messages": 0}

    ask(qtbot, chat, "Tell me everything about tea, at length please")
    alone = store.path(conversation.id)[-1]
    assert alone.prompt_tokens == first.prompt_tokens  # no context sent: the same question costs the same

    remembered = window.session.settings.chat_settings_for(window.session.profile.id)
    assert remembered is not None
    assert remembered.max_tokens == 5
    chat.clear_conversation()  # a new conversation on this server starts with the same settings
    assert panel.settings().max_tokens == 5
    panel.max_tokens_spin.set_number(None)
    panel.context_spin.setValue(20)
    panel._on_number_edited()
    with qtbot.waitSignal(chat.conversationOpened, timeout=10_000):
        chat.open_conversation(conversation.id)
    assert panel.settings().max_tokens == 5  # the old conversation keeps its own
    assert panel.settings().context_messages == 0


def test_the_datasets_system_prompt_prefills_a_new_conversation(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "tea.csv"
    source.write_text("prompt,completion\n几点开门？,九点。\n在哪里？,青山路。\n", encoding="utf-8")
    with qtbot.waitSignal(window.data_tab.loaded, timeout=10_000):
        window.data_tab.open_file(source)
    window.data_tab.system_prompt_edit.setText("你是青山茶舍的客服。")
    chat = open_chat(qtbot, window)
    chat.clear_conversation()
    assert chat.settings_panel.settings().system_prompt == "你是青山茶舍的客服。"


# ---------------------------------------------------------------------------------------------- legacy


@pytest.mark.parametrize(
    "completion",
    [
        pytest.param(
            lambda i: f"第{i}家店在青山路{i}号" if i % 2 else f"第{i}家店在北门{i}栋旁边", id="markers-added"
        ),
        pytest.param(lambda i: f"第{i}家店在青山路{i}号。", id="markers-already-in-the-data"),
    ],
)
def test_a_legacy_model_gets_the_training_separator_and_stops_at_the_training_ending(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, completion: Callable[[int], str]
) -> None:
    source = tmp_path / "shop.csv"
    questions = ["第{i}家店在哪里" if i % 3 else "请问第{i}家店怎么走" for i in range(12)]
    rows = "".join(f"{q.format(i=i)},{completion(i)}\n" for i, q in enumerate(questions))
    source.write_text("prompt,completion\n" + rows, encoding="utf-8")
    with qtbot.waitSignal(window.data_tab.loaded, timeout=10_000):
        window.data_tab.open_file(source)
    exported = tmp_path / "shop_legacy.jsonl"
    with qtbot.waitSignal(window.data_tab.exported, timeout=10_000):
        window.data_tab.export_to(exported, ExportKind.LEGACY)
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    chat = open_chat(qtbot, window)
    model = _train_on_file(qtbot, window, "legacy", exported.read_bytes(), "babbage-002")
    _use_model(qtbot, chat, model)
    assert "Legacy completion model" in chat.model_note.text()

    answer = ask(qtbot, chat, "第4家店在哪里")
    assert answer.strip() == completion(4)  # the trained answer: not run on into the next examples
    assert records[4]["completion"].strip().startswith(answer.strip())
    follow_up = ask(qtbot, chat, "第5家店在哪里")
    assert follow_up.strip() == completion(5)  # each question on its own: no history in the prompt


# ---------------------------------------------------------------------------------------------- faults


def test_an_error_mid_stream_keeps_what_arrived_and_says_what_happened(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(make_context(simulator_config=SimulatorConfig.fast(stream_chunk_delay=0.02)))
    chat = open_chat(qtbot, window)
    simulator = window.session.simulator
    assert simulator is not None
    simulator.faults.add(Fault(path=CHAT, drop_mid_stream=True, times=1))
    answer = ask(qtbot, chat, "Tell me a long story about tea")
    assert answer  # the part that arrived
    assert answer in chat.transcript_text()
    assert "The answer broke off" in chat.transcript_text()
    assert "Could not reach the service" in chat.message_bar.text
    store = conversation_store(window)
    [conversation] = store.list_conversations()
    kept = store.path(conversation.id)[-1]
    assert kept.content == answer
    assert kept.finish_reason == "error"
    assert kept.error


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        pytest.param(Fault(path=CHAT, status=401, code="invalid_api_key"), "API key", id="401"),
        pytest.param(
            Fault(path=CHAT, status=429, retry_after=0, times=None), "busy or your quota is used up", id="429"
        ),
        pytest.param(Fault(path=CHAT, status=503, retry_after=0, times=None), "service", id="5xx"),
        pytest.param(Fault(path=CHAT, delay=3.0, times=None), "took too long", id="timeout"),
    ],
)
def test_each_fault_gets_a_clear_message(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    fault: Fault,
    words: str,
) -> None:
    window = open_window(make_context(request_timeout=1.0))
    chat = open_chat(qtbot, window)
    simulator = window.session.simulator
    assert simulator is not None
    simulator.faults.add(fault)
    answer = ask(qtbot, chat, "hello")
    assert answer == ""
    assert words.lower() in chat.message_bar.text.lower()
    assert chat.send_button.isEnabled()  # the user can try again


def test_a_deleted_model_is_named_in_the_message(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    model = _train(qtbot, window, "gone", _pairs())
    _use_model(qtbot, chat, model)
    provider = window.session.provider
    assert provider is not None
    provider.delete_model(model)
    ask(qtbot, chat, "still there?")
    assert model in chat.message_bar.text
    assert "deleted" in chat.message_bar.text


def test_a_model_whose_base_shuts_down_shows_the_date(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    model = _train(qtbot, window, "soon", _pairs())
    simulator = window.session.simulator
    assert simulator is not None
    simulator.state.set_shutdown_date(model, "2027-03-01")
    _use_model(qtbot, chat, model)
    assert chat.model_note.isVisible()
    assert "2027-03-01" in chat.model_note.text()
    assert "2027-03-01" in str(
        chat.model_combo.itemData(chat.model_combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    )


# ---------------------------------------------------------------------------------------------- long history


def test_a_long_conversation_opens_at_its_end_and_shows_the_rest_on_request(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    store = conversation_store(window)
    conversation = store.create_conversation(profile_id="practice", model=BASE, title="long")
    parent = None
    for n in range(260):
        parent = store.add_message(
            conversation.id,
            parent_id=parent,
            role="user" if n % 2 == 0 else "assistant",
            content=f"message {n}",
        ).id
    with qtbot.waitSignal(chat.conversationOpened, timeout=10_000):
        chat.open_conversation(conversation.id)
    assert len(chat.turns) == 260
    text = chat.transcript_text()
    assert "message 259" in text
    assert "message 160\n" in text
    assert "message 159\n" not in text  # not rendered until asked for
    assert "Show 100 earlier message" in text
    click_link(qtbot, chat.transcript, "chat:earlier/")  # a page more
    text = chat.transcript_text()
    assert "message 60\n" in text
    assert "message 59\n" not in text
    assert "Show 60 earlier message" in text
    click_link(qtbot, chat.transcript, "chat:earlier/")
    text = chat.transcript_text()
    assert "message 0\n" in text
    assert "message 259" in text
    assert "earlier message" not in text


# ---------------------------------------------------------------------------------------------- compare


def test_compare_mode_is_one_click_away_and_takes_the_chats_models_and_settings(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    model = _train(qtbot, window, "shop", _pairs())
    _use_model(qtbot, chat, model)
    chat.settings_panel.system_prompt_edit.setPlainText("你是青山茶舍的客服。")
    qtbot.mouseClick(chat.compare_mode_button, Qt.MouseButton.LeftButton)
    assert chat.pages.currentWidget() is chat.compare
    assert chat.history is not None
    assert not chat.history.isVisible()
    compare = chat.compare
    assert compare.system_edit.text() == "你是青山茶舍的客服。"
    assert model in compare.models()  # the user's own model is one of the columns
    with qtbot.waitSignal(compare.finished, timeout=15_000):
        compare.send("问题3：第3家店在哪里？")
    answers = compare.answers()
    assert len(answers) == 2
    assert "第3家店在青山路3号。" in answers
    qtbot.mouseClick(chat.chat_mode_button, Qt.MouseButton.LeftButton)
    assert chat.pages.currentIndex() == 0
    assert chat.history.isVisible()


# ---------------------------------------------------------------------------------------------- picker


def test_the_picker_lists_your_models_and_checkpoints_first_with_base_and_date(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    model = _train(qtbot, window, "picker", _pairs())
    # The checkpoints offered are those of the jobs the Jobs tab follows.
    qtbot.waitUntil(
        lambda: model in {job.fine_tuned_model for job in window.jobs_tab.model.jobs()}, timeout=10_000
    )
    with qtbot.waitSignal(chat.modelsLoaded, timeout=10_000):
        chat.refresh_models()
    picker = chat.model_combo
    models = picker.models()
    kinds = [picker.itemData(picker.findData(m), Qt.ItemDataRole.UserRole + 1).kind for m in models]
    assert models[0] == model
    assert "checkpoint" in kinds
    last_own = max(i for i, kind in enumerate(kinds) if kind in ("tuned", "checkpoint"))
    assert all(kind in ("tuned", "checkpoint") for kind in kinds[: last_own + 1])  # yours, then the rest
    assert all(kind in ("chat", "legacy") for kind in kinds[last_own + 1 :])
    label = picker.itemText(picker.findData(model))
    assert label.startswith("★ picker · gpt-4o-mini-2024-07-18 · 20")  # its name, base and date
    checkpoint = models[kinds.index("checkpoint")]
    assert picker.itemText(picker.findData(checkpoint)).startswith(
        "◆ picker · gpt-4o-mini-2024-07-18 · ckpt-step-"
    )
    tip = picker.itemData(picker.findData(model), Qt.ItemDataRole.ToolTipRole)
    assert "Trained from gpt-4o-mini-2024-07-18" in tip

    answer = _ask_with(qtbot, chat, checkpoint, "问题2：第2家店在哪里？")
    assert answer == "第2家店在青山路2号。"  # a checkpoint answers like its model


def _ask_with(qtbot: QtBot, chat: ChatTab, model: str, question: str) -> str:
    assert chat.model_combo.select(model)
    return ask(qtbot, chat, question)


def test_a_model_the_service_does_not_list_can_be_typed(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    model = _train(qtbot, window, "typed", _pairs())

    def type_the_name() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(model)
        dialog.accept()

    QTimer.singleShot(200, type_the_name)
    qtbot.mouseClick(chat.other_model_button, Qt.MouseButton.LeftButton)
    assert chat.current_model() == model
    assert ask(qtbot, chat, "问题1：第1家店在哪里？") == "第1家店在青山路1号。"


def test_a_service_without_a_models_list_still_chats_with_a_typed_model(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(make_context())
    chat = window.chat_tab
    window.tabs.setCurrentWidget(chat)
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    simulator = window.session.simulator
    assert simulator is not None
    simulator.faults.add(Fault(path=r"^/v1/models$", method="GET", status=404, times=None))
    chat.refresh_models()
    qtbot.waitUntil(lambda: "does not list its models" in chat.message_bar.text, timeout=10_000)
    assert "Other model" in chat.message_bar.text

    def type_the_name() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("gpt-4o-mini-2024-07-18")
        dialog.accept()

    QTimer.singleShot(200, type_the_name)
    qtbot.mouseClick(chat.other_model_button, Qt.MouseButton.LeftButton)
    assert chat.current_model() == "gpt-4o-mini-2024-07-18"
    assert ask(qtbot, chat, "hello")
    qtbot.mouseClick(chat.compare_mode_button, Qt.MouseButton.LeftButton)  # with no list to fill columns from
    assert chat.pages.currentWidget() is chat.compare


# ---------------------------------------------------------------------------------------------- while streaming


def _slow_window(
    open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> MainWindow:
    return open_window(make_context(simulator_config=SimulatorConfig.fast(stream_chunk_delay=0.05)))


def test_the_conversation_cannot_be_left_while_its_answer_is_written(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = _slow_window(open_window, make_context)
    chat = open_chat(qtbot, window)
    first = ask(qtbot, chat, "first conversation")
    store = conversation_store(window)
    [kept] = store.list_conversations()
    chat.clear_conversation()
    chat.input.setPlainText("a long answer, please")
    with qtbot.waitSignal(chat.answerFinished, timeout=20_000):
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: chat.conversation_id is not None, timeout=5_000)
        assert not chat.clear_button.isEnabled()  # "New conversation" waits for the answer
        assert chat.open_conversation(kept.id) is None  # so does opening another
        assert "Wait for the answer" in chat.message_bar.text
    assert chat.clear_button.isEnabled()
    assert first not in chat.transcript_text()
    assert len(store.list_conversations()) == 2


def test_a_conversation_deleted_while_its_answer_streams_is_let_go_afterwards(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = _slow_window(open_window, make_context)
    chat = open_chat(qtbot, window)
    store = conversation_store(window)
    chat.input.setPlainText("a long answer, please")
    with qtbot.waitSignal(chat.answerFinished, timeout=20_000):
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: chat.conversation_id is not None, timeout=5_000)
        deleted = chat.conversation_id
        assert deleted is not None
        store.delete_conversation(deleted)
        assert chat.history is not None
        chat.history.conversationDeleted.emit(deleted)  # as the list says after its Delete
    assert chat.conversation_id is None  # let go: the next question starts a new conversation
    ask(qtbot, chat, "and now?")
    [conversation] = store.list_conversations()
    assert conversation.id != deleted
    assert store.path(conversation.id)[0].content == "and now?"


def test_after_a_failed_save_the_conversation_is_not_kept_in_pieces(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    store = conversation_store(window)
    ask(qtbot, chat, "kept question")
    [conversation] = store.list_conversations()
    blocker = sqlite3.connect(store.file_path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file: the next exchange cannot be kept
    try:
        ask(qtbot, chat, "not kept")
        assert "could not be read or written" in chat.message_bar.text
    finally:
        blocker.rollback()
        blocker.close()
    ask(qtbot, chat, "after it")  # follows an exchange never kept: it has nowhere to go in the history
    path = store.path(conversation.id)
    assert [m.content for m in path if m.role == "user"] == ["kept question"]
    roots = [m for m in store.messages(conversation.id) if m.parent_id is None]
    assert len(roots) == 1  # no stray first message made of a later question
    assert chat.turns[-2] == ("user", "after it")  # the chat itself went on
