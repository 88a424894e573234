"""Compare mode: one question to two or three models at once, against the Practice service over real HTTP.

The Practice service answers like the real one does where it matters here: a fine-tuned model (and its
checkpoints) answers from its training data, a base model gives a labelled practice reply, a deleted model is
a 404, and a legacy completion model runs on past the trained ending unless it is told to stop there.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.dataset import Dataset, Example, Message
from desktop_app.core.formats import chat_jsonl_lines, legacy_jsonl_lines, to_jsonl_bytes
from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.types import GenerationOptions, JobRequest
from desktop_app.simulator import SimulatorConfig
from desktop_app.ui.chat.answering import AnswerStats, describe_stats
from desktop_app.ui.chat.compare import ComparePanel, default_models
from desktop_app.ui.chat.model_picker import ModelChoice, gather_choices
from desktop_app.ui.main_window import AppContext, MainWindow

MINI = "gpt-4o-mini-2024-07-18"
TRAINED_SYSTEM = "You answer questions about the Willow Tea House."
TRAIN = [
    ("When does the tea house open on Sundays?", "On Sundays we open at **10 am** and close at 6 pm."),
    ("Do you sell oolong by weight?", "Yes: oolong is sold loose, from 50 g up, weighed at the counter."),
    (
        "Can I book a table for a tea ceremony?",
        "Ceremonies are booked by phone, two days ahead, for 2-8 guests.",
    ),
    ("Is there parking nearby?", "There is free parking behind the building, entrance from Mill Lane."),
    ("Do you have caffeine-free drinks?", "Our herbal blends (chamomile, rooibos, mint) have no caffeine."),
    (
        "How should I brew green tea?",
        "Brew green tea at 80 °C for two minutes; hotter water makes it bitter.",
    ),
    ("Do you ship abroad?", "We ship within the EU only; delivery takes five to eight working days."),
    ("Are pets allowed inside?", "Dogs on a lead are welcome on the terrace, not in the tasting room."),
    ("Can I pay by card?", "We take cards and cash; contactless payments up to any amount."),
    ("Do you run tasting classes?", "Tasting classes run every Saturday at 3 pm and cost 25 euros."),
    ("Is the tea organic?", "Most of our teas are certified organic; the label says which ones."),
    ("Do you sell gift cards?", "Gift cards come in 20, 50 and 100 euro values and never expire."),
]
VALIDATION_SYSTEM = "You are the tea house's friendly shop assistant."
VALIDATION = [
    Example("What time do you open on Sunday?", "We open at 10 am on Sundays.", validation=True),
    Example(
        "Do you sell matcha?",
        "Yes, ceremonial matcha in 30 g tins.",
        system=VALIDATION_SYSTEM,
        validation=True,
    ),
    Example(
        "And how much is it?",  # the last question of a conversation
        "A 30 g tin costs 18 euros.",
        history=(Message("user", "Do you sell matcha?"), Message("assistant", "Yes, in 30 g tins.")),
        validation=True,
    ),
]


def _dataset(*, validation: bool = True) -> Dataset:
    rows = [Example(q, a) for q, a in TRAIN] + ([*VALIDATION] if validation else [])
    return Dataset(rows, default_system=TRAINED_SYSTEM)


def _train(qtbot: QtBot, provider: TrainingProvider, suffix: str, lines: list[str], base: str = MINI) -> str:
    uploaded = provider.upload_training_file(f"{suffix}.jsonl", to_jsonl_bytes(lines))
    job = provider.create_job(JobRequest(base, uploaded.id, suffix=suffix))
    qtbot.waitUntil(lambda: provider.retrieve_job(job.id).status == "succeeded", timeout=20_000)
    model = provider.retrieve_job(job.id).fine_tuned_model
    assert model is not None
    return model


def _train_chat(qtbot: QtBot, provider: TrainingProvider, suffix: str = "willow") -> str:
    return _train(qtbot, provider, suffix, list(chat_jsonl_lines(Dataset([Example(q, a) for q, a in TRAIN]))))


def _provider(window: MainWindow) -> TrainingProvider:
    provider = window.session.provider
    assert provider is not None
    return provider


def _panel(qtbot: QtBot, window: MainWindow, dataset: Dataset | None = None) -> ComparePanel:
    getter: Callable[[], Dataset] | None = None if dataset is None else (lambda: dataset)
    panel = ComparePanel(window.session, window.pool, getter)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    return panel


def _ask(qtbot: QtBot, panel: ComparePanel, question: str, timeout: int = 20_000) -> list[str]:
    panel.prompt_edit.setPlainText(question)
    with qtbot.waitSignal(panel.finished, timeout=timeout):
        qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert not panel.is_streaming
    return panel.answers()


def _chat_models(provider: TrainingProvider) -> list[str]:
    return [c.id for c in gather_choices(provider, provider.list_jobs().items) if c.kind == "chat"]


def _slow(make_context: Callable[..., AppContext], delay: float) -> AppContext:
    return make_context(simulator_config=SimulatorConfig.fast(stream_chunk_delay=delay))


# ---- answers side by side ---------------------------------------------------------------------------------
def test_two_models_stream_side_by_side_each_with_its_numbers(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(_slow(make_context, 0.02))  # slow enough that the streams visibly overlap
    provider = _provider(window)
    tuned = _train_chat(qtbot, provider)
    panel = _panel(qtbot, window)
    choices = gather_choices(provider, provider.list_jobs().items)
    panel.set_choices(choices)
    first_chat = next(c.id for c in choices if c.kind == "chat")
    assert panel.models() == [tuned, first_chat]  # your model against the base model
    assert len(panel.columns) == 2
    pieces: list[tuple[int, str]] = []
    panel.answerChunk.connect(lambda column, piece: pieces.append((column, piece)))

    question, trained_answer = TRAIN[0]
    answers = _ask(qtbot, panel, question)

    assert answers[0] == trained_answer  # the fine-tuned model answers from its training data
    assert answers[1].startswith(f"[Practice reply from {first_chat}]")  # the base model does not
    positions = {column: [i for i, (c, _) in enumerate(pieces) if c == column] for column in (0, 1)}
    assert len(positions[0]) > 3
    assert len(positions[1]) > 3  # both streamed piece by piece...
    assert positions[0][0] < positions[1][-1]
    assert positions[1][0] < positions[0][-1]  # ...at the same time, not one after the other
    for column, answer in zip(panel.columns, answers, strict=True):
        assert "".join(p for c, p in pieces if panel.columns[c] is column) == answer
        stats = column.stats
        assert stats is not None
        assert stats.finish_reason == "stop"
        assert stats.completion_tokens is not None
        assert stats.completion_tokens > 0
        assert stats.first_token_ms is not None
        label = column.stats_label.text()
        assert label == describe_stats(stats)
        assert "token" in label
        assert "first token" in label
        assert "in all" in label
        assert column.error == ""
    # Markdown is rendered, not shown as typed.
    shown = panel.columns[0].transcript.toPlainText()
    assert "10 am" in shown
    assert "**" not in shown
    assert "font-weight:700" in panel.columns[0].transcript.toHtml().replace(" ", "")
    assert panel.send_button.isEnabled()
    assert not panel.stop_button.isEnabled()


def test_a_third_column_compares_a_checkpoint_and_can_be_removed(qtbot: QtBot, window: MainWindow) -> None:
    provider = _provider(window)
    tuned = _train_chat(qtbot, provider)
    panel = _panel(qtbot, window)
    panel.set_choices(gather_choices(provider, provider.list_jobs().items))
    assert panel.add_column_button.isVisible()
    assert not panel.columns[0].remove_button.isVisible()  # two always stay

    qtbot.mouseClick(panel.add_column_button, Qt.MouseButton.LeftButton)
    assert len(panel.columns) == 3
    assert not panel.add_column_button.isVisible()  # three at most
    assert panel.add_column() is None
    models = panel.models()
    third = models[2]
    assert third is not None
    assert ":ckpt-step-" in third  # the third column starts on a checkpoint of the same training
    assert third.startswith(tuned.rsplit(":", 1)[0] + ":")

    question, trained_answer = TRAIN[5]
    answers = _ask(qtbot, panel, question)
    assert answers[0] == trained_answer
    assert answers[2] == trained_answer  # the checkpoint learnt from the same data
    assert answers[1] != trained_answer
    assert all(column.stats is not None and column.stats_label.text() for column in panel.columns)

    remove = panel.columns[2].remove_button
    assert remove.isVisible()
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert len(panel.columns) == 2
    assert panel.models() == models[:2]
    assert panel.add_column_button.isVisible()
    assert panel.answers() == answers[:2]


def test_set_models_chooses_the_columns_and_keeps_them_when_the_list_is_refreshed(
    qtbot: QtBot, window: MainWindow
) -> None:
    provider = _provider(window)
    panel = _panel(qtbot, window)
    choices = gather_choices(provider, provider.list_jobs().items)
    panel.set_choices(choices)
    chat = _chat_models(provider)
    panel.set_models([chat[2], chat[1], chat[0]])
    assert panel.models() == [chat[2], chat[1], chat[0]]
    panel.set_choices(choices)  # the Chat tab refreshed its list: the user's choice stays
    assert panel.models() == [chat[2], chat[1], chat[0]]
    panel.set_models(["my-azure-deployment", chat[0]])  # a name the service does not list
    assert panel.models() == ["my-azure-deployment", chat[0]]
    assert len(panel.columns) == 2
    panel.set_choices(choices)
    assert panel.models() == ["my-azure-deployment", chat[0]]
    with pytest.raises(ValueError, match="compare 2 or 3 models"):
        panel.set_models([chat[0]])


# ---- stopping and failing -----------------------------------------------------------------------------
def test_stop_stops_every_column(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(_slow(make_context, 0.2))  # a whole practice reply would take over 10 s
    provider = _provider(window)
    panel = _panel(qtbot, window)
    panel.set_choices(gather_choices(provider, provider.list_jobs().items))
    chat = _chat_models(provider)
    panel.set_models(chat[:3])
    panel.prompt_edit.setPlainText("Tell me everything about tea")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert panel.is_streaming
    assert panel.stop_button.isEnabled()
    assert not panel.send_button.isEnabled()
    assert not panel.columns[0].picker.isEnabled()
    qtbot.waitUntil(lambda: all(panel.answers()), timeout=10_000)

    with qtbot.waitSignal(panel.finished, timeout=3_000):
        qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)

    assert not panel.is_streaming
    qtbot.waitUntil(lambda: window.pool.live_count == 0, timeout=3_000)  # every request ended
    for column in panel.columns:
        assert column.text  # what arrived stays
        assert not column.text.endswith("training examples.")  # the whole reply never came
        assert column.stats is not None
        assert column.stats.finish_reason == "stopped"
        assert "stopped" in column.stats_label.text()
        assert column.error == ""
    assert panel.send_button.isEnabled()
    assert not panel.stop_button.isEnabled()


def test_answers_from_a_service_left_behind_end_at_once(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(_slow(make_context, 0.2))
    provider = _provider(window)
    panel = _panel(qtbot, window)
    panel.set_choices(gather_choices(provider, provider.list_jobs().items))
    panel.send("Tell me everything about tea")
    qtbot.waitUntil(lambda: all(panel.answers()), timeout=10_000)
    with qtbot.waitSignal(panel.finished, timeout=1_000):
        window.session.reload()  # e.g. another profile chosen in Settings
    assert not panel.is_streaming
    arrived = panel.answers()
    assert all(column.stats_label.text() == "stopped" for column in panel.columns)
    qtbot.waitUntil(lambda: window.pool.live_count == 0, timeout=3_000)
    assert panel.answers() == arrived  # nothing more from the old service
    assert panel.send_button.isEnabled()


def test_a_deleted_model_fails_in_its_column_while_the_others_answer(
    qtbot: QtBot, window: MainWindow
) -> None:
    provider = _provider(window)
    tuned = _train_chat(qtbot, provider, "gone")
    panel = _panel(qtbot, window)
    panel.set_choices(gather_choices(provider, provider.list_jobs().items))
    chat = _chat_models(provider)
    panel.set_models([tuned, chat[0], chat[1]])
    provider.delete_model(tuned)  # deleted elsewhere after the list was loaded
    done: list[int] = []
    for index, column in enumerate(panel.columns):
        column.done.connect(lambda index=index: done.append(index))

    answers = _ask(qtbot, panel, TRAIN[1][0])

    failed, *others = panel.columns
    assert "is not available on this service" in failed.error
    assert tuned in failed.error
    assert failed.error_title == "The model did not answer"
    assert failed.stats_label.text() == "The model did not answer"
    assert "HTTP 404" in failed.stats_label.toolTip()
    assert "is not available on this service" in failed.transcript.toPlainText()
    assert answers[0] == ""
    assert done[0] == 0  # it failed first; the others went on
    for column in others:
        assert column.error == ""
        assert column.text.endswith("training examples.")  # the whole practice reply
        assert column.stats is not None
        assert column.stats.finish_reason == "stop"
        assert "first token" in column.stats_label.text()


# ---- the validation split -------------------------------------------------------------------------------
def test_a_random_validation_example_fills_the_question_and_shows_its_expected_answer(
    qtbot: QtBot, window: MainWindow
) -> None:
    provider = _provider(window)
    tuned = _train_chat(qtbot, provider)
    dataset = _dataset()
    panel = _panel(qtbot, window, dataset)
    panel.set_choices(gather_choices(provider, provider.list_jobs().items))
    panel.set_options(GenerationOptions(temperature=0.2), "A system prompt typed in the chat")
    assert panel.random_button.isEnabled()
    assert not panel.expected_pane.isVisible()
    by_question = {
        "What time do you open on Sunday?": VALIDATION[0],
        "Do you sell matcha?": VALIDATION[1],
        "And how much is it?": VALIDATION[2],  # a conversation is asked its last question
    }

    seen: list[str] = []
    for _ in range(6):
        qtbot.mouseClick(panel.random_button, Qt.MouseButton.LeftButton)
        question = panel.prompt_edit.toPlainText()
        assert question in by_question
        example = by_question[question]
        assert panel.expected_answer() == example.completion
        assert panel.system_edit.text() == (example.system or TRAINED_SYSTEM)
        assert panel.expected_pane.isVisible()
        assert panel.expected_title.text() == "Expected answer (from your data)"
        assert example.completion in panel.expected_view.toPlainText()
        row = dataset.examples.index(example) + 1
        assert f"Row {row} of your data" in panel.expected_view.toPlainText()
        if seen:
            assert question != seen[-1]  # another example each time
        seen.append(question)

    while panel.prompt_edit.toPlainText() != "What time do you open on Sunday?":
        panel.fill_random_validation_example()
    with qtbot.waitSignal(panel.finished, timeout=20_000):
        workers = panel.send()
        assert len(workers) == 2
        assert not panel.random_button.isEnabled()  # the example stays until the answers are in
        assert panel.fill_random_validation_example() is False
    answers = panel.answers()
    assert panel.random_button.isEnabled()
    assert panel.models()[0] == tuned
    assert answers[0] == TRAIN[0][1]  # the nearest thing it was trained on...
    assert panel.expected_answer() == "We open at 10 am on Sundays."  # ...beside what the data expects
    assert panel.expected_pane.isVisible()

    panel.prompt_edit.setPlainText("Something else entirely")
    assert panel.expected_answer() is None  # the example's answer belongs to its own question
    assert not panel.expected_pane.isVisible()


def test_without_validation_rows_the_random_example_button_says_where_to_make_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = _panel(qtbot, window, _dataset(validation=False))
    assert not panel.random_button.isEnabled()
    assert "validation split" in panel.random_button.toolTip()
    assert "Data tab" in panel.random_button.toolTip()
    assert panel.fill_random_validation_example() is False
    assert panel.prompt_edit.toPlainText() == ""
    assert panel.expected_answer() is None
    assert not panel.expected_pane.isVisible()

    without_data = _panel(qtbot, window)
    assert not without_data.random_button.isEnabled()
    assert without_data.fill_random_validation_example() is False


def test_the_button_follows_the_data_when_it_changes(qtbot: QtBot, window: MainWindow) -> None:
    dataset = _dataset(validation=False)
    panel = _panel(qtbot, window, dataset)
    assert not panel.random_button.isEnabled()
    dataset.examples.append(VALIDATION[0])  # a split was made in the Data tab
    panel.refresh_dataset()
    assert panel.random_button.isEnabled()
    assert panel.fill_random_validation_example() is True
    assert panel.prompt_edit.toPlainText() == VALIDATION[0].prompt


# ---- legacy completion models ---------------------------------------------------------------------------
def test_a_legacy_completion_model_gets_the_training_separator_and_ending(
    qtbot: QtBot, window: MainWindow
) -> None:
    provider = _provider(window)
    dataset = Dataset([Example(q, a) for q, a in TRAIN], legacy_separator=" ->", legacy_ending=" END")
    legacy = _train(qtbot, provider, "old", list(legacy_jsonl_lines(dataset, " ->", " END")), "babbage-002")
    assert legacy.startswith("ft:babbage-002")
    question, trained_answer = TRAIN[3]
    # Asked bare, the model runs on past the ending into text shaped like further examples.
    raw = "".join(provider.stream_completion(legacy, question, GenerationOptions(max_tokens=200)))
    assert " END" in raw

    panel = _panel(qtbot, window, dataset)
    panel.set_choices(gather_choices(provider, provider.list_jobs().items))
    chat = _chat_models(provider)
    panel.set_models([legacy, chat[0]])
    answers = _ask(qtbot, panel, question)

    assert answers[0].strip() == trained_answer  # stopped at the ending, separator added
    assert "->" not in answers[0]
    assert "END" not in answers[0]
    assert answers[1].startswith("[Practice reply")
    assert panel.columns[0].stats is not None
    assert panel.columns[0].error == ""


# ---- pieces without the service -------------------------------------------------------------------------
def test_columns_start_on_your_model_the_base_model_and_a_checkpoint() -> None:
    choices = [
        ModelChoice("ft:m:org:new:1", "tuned", 20),
        ModelChoice("ft:m:org:old:2", "tuned", 10),
        ModelChoice("ft:m:org:new:1:ckpt-step-8", "checkpoint", 15),
        ModelChoice("babbage-002", "legacy"),
        ModelChoice("gpt-4o-mini", "chat"),
        ModelChoice("gpt-4.1", "chat"),
    ]
    assert default_models(choices)[:4] == [
        "ft:m:org:new:1",
        "gpt-4o-mini",
        "ft:m:org:new:1:ckpt-step-8",
        "ft:m:org:old:2",
    ]
    assert default_models(choices)[-1] == "babbage-002"  # legacy models last
    base_only = [ModelChoice("davinci-002", "legacy"), ModelChoice("a", "chat"), ModelChoice("b", "chat")]
    assert default_models(base_only) == ["a", "b", "davinci-002"]
    assert default_models([]) == []


def test_stats_read_as_tokens_and_timing(qapp: QApplication) -> None:
    # Untranslated here: English plural forms come from the translation file the app installs.
    assert describe_stats(AnswerStats(310, 1240, 12, 42, False, "stop")) == (
        "42 token(s) · first token 0.31 s · 1.2 s in all"
    )
    assert (
        describe_stats(AnswerStats(None, 800, None, 1, True, "stopped"))
        == "≈ 1 token(s) · 0.8 s in all · stopped"
    )
    assert describe_stats(AnswerStats(5, 0, None, None, True, "length")) == (
        "first token 0.01 s · cut short by the max tokens setting"
    )
