"""The Chat tab talks to the models of every profile, not only the active one's: a second OpenAI-compatible
server (a second Practice service, over real HTTP with the real openai SDK) is listed in its own group, answers
the questions asked of its models, and is asked again when a conversation had with it is reopened. Its key
comes from the keyring (an in-memory one), read in a worker."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.providers import ConnectionConfig, OpenAICompatibleProvider, ServiceKind
from desktop_app.providers.types import JobRequest
from desktop_app.simulator import SimulatorConfig, SimulatorServer
from desktop_app.storage.settings import PRACTICE_PROFILE_ID, Profile, ProviderKind
from desktop_app.ui.chat.model_picker import CHOICE_ROLE, ModelChoice, ModelPicker
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.main_window import AppContext, MainWindow
from tests.ui.chat_helpers import ask, conversation_store, open_chat

BASE = "gpt-4o-mini-2024-07-18"
LOCAL = "local-tea"  # the second server's profile
LOCAL_NAME = "Tea shop server"
LOCAL_KEY = "local-test-key"  # not shaped like a real key
CHAT = "/v1/chat/completions"
PAIRS = [(f"Where is shop {i}?", f"Shop {i} is at {i} Willow Lane.") for i in range(10)]


@dataclass(frozen=True)
class Row:
    text: str
    choice: ModelChoice | None
    enabled: bool


def _rows(picker: ModelPicker) -> list[Row]:
    rows = []
    for index in range(picker.count()):
        choice = picker.itemData(index, CHOICE_ROLE)
        flags = picker.model().flags(picker.model().index(index, 0))
        enabled = bool(flags & Qt.ItemFlag.ItemIsEnabled)
        text = picker.itemText(index)
        if text or choice is not None:  # separators have neither
            rows.append(Row(text, choice if isinstance(choice, ModelChoice) else None, enabled))
    return rows


def _group(picker: ModelPicker, name: str) -> list[Row]:
    """The rows under the heading ``name``, up to the next heading."""
    rows = _rows(picker)
    start = next(i for i, row in enumerate(rows) if row.text == name and row.choice is None)
    assert not rows[start].enabled  # a heading is never chosen
    group: list[Row] = []
    for row in rows[start + 1 :]:
        if row.choice is None and not row.text.startswith(" "):
            break
        group.append(row)
    return group


def _headings(picker: ModelPicker) -> list[str]:
    return [row.text for row in _rows(picker) if row.choice is None and not row.text.startswith(" ")]


def _chats(server: SimulatorServer) -> int:
    return sum(1 for r in server.requests if r.method == "POST" and r.path == CHAT)


def _compatible(profile_id: str, name: str, base_url: str) -> Profile:
    return Profile(id=profile_id, name=name, kind=ProviderKind.COMPATIBLE, base_url=base_url)


@pytest.fixture
def tea_server() -> Iterator[SimulatorServer]:
    """The second service: it answers only with its own key, and knows a model the Practice service does not."""
    with SimulatorServer(config=SimulatorConfig.fast(require_api_key=LOCAL_KEY)) as server:
        yield server


def _train_on(qtbot: QtBot, server: SimulatorServer) -> str:
    provider = OpenAICompatibleProvider(
        ConnectionConfig(ServiceKind.COMPATIBLE, LOCAL_KEY, base_url=server.base_url, max_retries=0)
    )
    try:
        lines = [
            json.dumps({"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]})
            for q, a in PAIRS
        ]
        uploaded = provider.upload_training_file("shops.jsonl", "\n".join(lines).encode())
        job = provider.create_job(JobRequest(BASE, uploaded.id, suffix="shops"))
        qtbot.waitUntil(lambda: provider.retrieve_job(job.id).status == "succeeded", timeout=20_000)
        model = provider.retrieve_job(job.id).fine_tuned_model
        assert model is not None
        return model
    finally:
        provider.close()


def _window_with(
    open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext], *profiles: Profile
) -> MainWindow:
    context = make_context()
    for profile in profiles:
        context.settings.add_profile(profile)
        context.secrets.set_key(profile.id, LOCAL_KEY)
    return open_window(context)


def _wait_for_group(qtbot: QtBot, chat: ChatTab, name: str) -> list[Row]:
    qtbot.waitUntil(lambda: name in _headings(chat.model_combo), timeout=20_000)
    qtbot.waitUntil(lambda: bool(_group(chat.model_combo, name)), timeout=20_000)
    return _group(chat.model_combo, name)


def _choose(chat: ChatTab, model: str, profile_id: str) -> None:
    assert chat.model_combo.select(model, profile_id)
    assert chat.current_profile_id() == profile_id


# ---- listing -------------------------------------------------------------------------------------------------
def _practice_and_local(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    tea_server: SimulatorServer,
) -> tuple[str, MainWindow, SimulatorServer, ChatTab]:
    """A model trained on the local server, and the chat of a window on Practice that lists the local server's
    models in their group."""
    tuned = _train_on(qtbot, tea_server)
    window = _window_with(open_window, make_context, _compatible(LOCAL, LOCAL_NAME, tea_server.base_url))
    practice = window.session.simulator
    assert practice is not None
    chat = open_chat(qtbot, window)
    _wait_for_group(qtbot, chat, LOCAL_NAME)
    return tuned, window, practice, chat


def test_the_picker_lists_another_profiles_models_in_its_group_after_the_active_ones(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    tea_server: SimulatorServer,
) -> None:
    tuned = _train_on(qtbot, tea_server)
    window = _window_with(open_window, make_context, _compatible(LOCAL, LOCAL_NAME, tea_server.base_url))
    chat = open_chat(qtbot, window)
    group = _wait_for_group(qtbot, chat, LOCAL_NAME)

    rows = _rows(chat.model_combo)
    first_heading = next(i for i, row in enumerate(rows) if row.choice is None)
    assert first_heading > 0
    assert all(
        row.choice is not None and row.choice.profile_id == PRACTICE_PROFILE_ID
        for row in rows[:first_heading]
    )
    listed = [row.choice for row in group if row.choice is not None]
    assert all(choice.profile_id == LOCAL for choice in listed)
    assert listed[0].id == tuned  # its own fine-tuned models first, as for the active service
    assert listed[0].kind == "tuned"
    assert BASE in [choice.id for choice in listed]
    assert tuned not in [r.choice.id for r in rows[:first_heading] if r.choice is not None]
    assert chat.current_profile_id() == PRACTICE_PROFILE_ID  # another service is never chosen for the user
    # The Compare columns offer the same groups.
    column_picker = chat.compare.columns[0].picker
    assert LOCAL_NAME in _headings(column_picker)


def test_a_question_to_another_profiles_model_is_answered_by_that_server(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    tea_server: SimulatorServer,
) -> None:
    tuned, window, practice, chat = _practice_and_local(qtbot, open_window, make_context, tea_server)
    _choose(chat, tuned, LOCAL)

    answer = ask(qtbot, chat, PAIRS[3][0])
    assert answer == PAIRS[3][1]  # only the second server knows this model
    assert _chats(tea_server) == 1
    assert _chats(practice) == 0
    ask(qtbot, chat, PAIRS[4][0])
    assert _chats(tea_server) == 2  # the connection is reused: no new listing, no second key read needed
    store = conversation_store(window)
    [conversation] = store.list_conversations()
    assert conversation.profile_id == LOCAL
    assert conversation.model == tuned


def test_a_reopened_conversation_is_answered_by_the_profile_it_was_had_with(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    tea_server: SimulatorServer,
) -> None:
    window = _window_with(open_window, make_context, _compatible(LOCAL, LOCAL_NAME, tea_server.base_url))
    practice = window.session.simulator
    assert practice is not None
    chat = open_chat(qtbot, window)
    _wait_for_group(qtbot, chat, LOCAL_NAME)
    _choose(chat, BASE, LOCAL)  # the same base model name on both servers: the profile decides
    ask(qtbot, chat, "first, on the tea server")
    local_conversation = chat.conversation_id
    assert local_conversation is not None

    chat.clear_conversation()
    _choose(chat, BASE, PRACTICE_PROFILE_ID)
    ask(qtbot, chat, "then, in Practice")
    assert (_chats(tea_server), _chats(practice)) == (1, 1)

    with qtbot.waitSignal(chat.conversationOpened, timeout=10_000):
        chat.open_conversation(local_conversation)
    assert chat.current_profile_id() == LOCAL
    assert chat.current_model() == BASE
    ask(qtbot, chat, "and again")
    assert (_chats(tea_server), _chats(practice)) == (2, 1)
    store = conversation_store(window)
    assert [m.content for m in store.path(local_conversation) if m.role == "user"] == [
        "first, on the tea server",
        "and again",
    ]


def test_a_conversation_of_a_removed_profile_says_so_and_goes_on_with_the_current_service(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = open_chat(qtbot, window)
    practice = window.session.simulator
    assert practice is not None
    store = conversation_store(window)
    conversation = store.create_conversation(profile_id="profile-removed", model=BASE, title="old")
    store.add_message(conversation.id, parent_id=None, role="user", content="hello")
    with qtbot.waitSignal(chat.conversationOpened, timeout=10_000):
        chat.open_conversation(conversation.id)
    assert "no longer in Settings" in chat.message_bar.text
    assert chat.current_profile_id() == PRACTICE_PROFILE_ID
    before = _chats(practice)
    answer = ask(qtbot, chat, "still there?")
    assert answer
    assert _chats(practice) == before + 1
    assert store.get_conversation(conversation.id).profile_id == PRACTICE_PROFILE_ID


def test_a_profile_whose_server_is_down_shows_a_note_while_the_others_list(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    tea_server: SimulatorServer,
) -> None:
    with SimulatorServer(config=SimulatorConfig.fast()) as gone:
        down_url = gone.base_url  # nothing listens there once it has stopped
    window = _window_with(
        open_window,
        make_context,
        _compatible("down", "Server that is down", down_url),
        _compatible(LOCAL, LOCAL_NAME, tea_server.base_url),
    )
    chat = open_chat(qtbot, window)
    listed = _wait_for_group(qtbot, chat, LOCAL_NAME)
    assert any(row.choice is not None and row.choice.id == BASE for row in listed)
    down = _wait_for_group(qtbot, chat, "Server that is down")
    assert [row.choice for row in down] == [None]  # no models: a note instead
    assert "Could not load the model list" in down[0].text
    assert not down[0].enabled
    assert _headings(chat.model_combo) == ["Server that is down", LOCAL_NAME]  # the settings' order
    assert chat.current_profile_id() == PRACTICE_PROFILE_ID


def test_a_profile_without_a_key_is_not_offered(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    tea_server: SimulatorServer,
) -> None:
    context = make_context()
    context.settings.add_profile(_compatible("keyless", "No key yet", tea_server.base_url))
    context.settings.add_profile(_compatible(LOCAL, LOCAL_NAME, tea_server.base_url))
    context.secrets.set_key(LOCAL, LOCAL_KEY)
    window = open_window(context)
    chat = open_chat(qtbot, window)
    answered: list[str] = []
    chat.profileModelsListed.connect(answered.append)
    chat.refresh_models()  # "Refresh models": every profile is listed again
    qtbot.waitUntil(lambda: {"keyless", LOCAL} <= set(answered), timeout=20_000)  # every listing answered
    assert _headings(chat.model_combo) == [LOCAL_NAME]
    assert "No key yet" not in [row.text.strip() for row in _rows(chat.model_combo)]


# ---- settings follow the profile ---------------------------------------------------------------------------------
def test_chat_settings_are_remembered_for_the_chosen_models_profile(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    tea_server: SimulatorServer,
) -> None:
    window = _window_with(open_window, make_context, _compatible(LOCAL, LOCAL_NAME, tea_server.base_url))
    chat = open_chat(qtbot, window)
    _wait_for_group(qtbot, chat, LOCAL_NAME)
    panel = chat.settings_panel
    _choose(chat, BASE, LOCAL)
    panel.max_tokens_spin.set_number(7)
    panel._on_number_edited()
    settings = window.session.settings
    remembered = settings.chat_settings_for(LOCAL)
    assert remembered is not None
    assert remembered.max_tokens == 7
    assert settings.chat_settings_for(PRACTICE_PROFILE_ID) is None

    _choose(chat, BASE, PRACTICE_PROFILE_ID)  # a new conversation on Practice starts with Practice's settings
    assert panel.settings().max_tokens is None
    _choose(chat, BASE, LOCAL)
    assert panel.settings().max_tokens == 7


def test_each_compare_column_is_answered_by_the_service_of_its_models_profile(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_context: Callable[..., AppContext],
    tea_server: SimulatorServer,
) -> None:
    tuned, _window, practice, chat = _practice_and_local(qtbot, open_window, make_context, tea_server)
    qtbot.mouseClick(chat.compare_mode_button, Qt.MouseButton.LeftButton)
    compare = chat.compare
    first, second = compare.columns
    assert first.picker.select(tuned, LOCAL)
    assert second.picker.select(BASE, PRACTICE_PROFILE_ID)
    with qtbot.waitSignal(compare.finished, timeout=20_000):
        compare.send(PAIRS[2][0])
    assert compare.answers()[0] == PAIRS[2][1]
    assert compare.answers()[1].startswith(f"[Practice reply from {BASE}]")
    assert (_chats(tea_server), _chats(practice)) == (1, 1)
