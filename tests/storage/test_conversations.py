from __future__ import annotations

import json
import random
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop_app.storage import conversations
from desktop_app.storage.conversations import (
    EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION,
    SCHEMA_VERSION,
    Conversation,
    ConversationNotFoundError,
    ConversationStore,
    ConversationStoreError,
    MarkdownLabels,
    Message,
    MessageNotFoundError,
    StoreCorruptError,
    StoreReadOnlyError,
)

from .sqlite_helpers import raw_db, set_aside_files, user_version, warnings_from

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "finetune-desk-hypothesis")

PROFILE = "openai-main"
TUNED = "ft:gpt-4o-mini-2024-07-18:org:tea_bot:abc123"
START = 1_750_000_000.0

SETTINGS: dict[str, object] = {
    "temperature": 0.7,
    "top_p": 0.95,
    "max_tokens": 512,
    "context_messages": 12,
    "stop": ["\n\n", "结束"],
    "extra": {"seed": 42, "nested": [1, "二", None, True, 0.5]},
}


class Clock:
    """Advances one second per reading, so every stamp differs and order never depends on the real clock."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "conversations.sqlite3"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(db_path: Path, clock: Clock) -> Iterator[ConversationStore]:
    with ConversationStore(db_path, clock=clock) as opened:
        yield opened


def store_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return warnings_from(conversations.__name__, caplog)


def new_chat(
    store: ConversationStore, title: str = "Chat", *, settings: dict[str, object] | None = None
) -> Conversation:
    return store.create_conversation(profile_id=PROFILE, model=TUNED, title=title, settings=settings)


def say(
    store: ConversationStore,
    conversation: Conversation,
    parent: Message | None,
    content: str,
    *,
    model: str = "",
    prompt_tokens: int | None = None,
    completion_tokens: int | None = None,
) -> Message:
    """A user message at the top or under an answer, an answer under a question: turns alternate."""
    return store.add_message(
        conversation.id,
        parent_id=None if parent is None else parent.id,
        role="assistant" if parent is not None and parent.role == "user" else "user",
        content=content,
        model=model,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
    )


def contents(messages: list[Message]) -> list[str]:
    return [message.content for message in messages]


# Round trips


def test_a_conversation_with_every_field_set_round_trips(store: ConversationStore, db_path: Path) -> None:
    created = store.create_conversation(
        profile_id=PROFILE,
        model=TUNED,
        title="茶舍客服 · tea shop",
        system_prompt="你是茶舍的客服。\nAnswer in the customer's language.",
        settings=SETTINGS,
    )
    assert created.settings == SETTINGS
    assert created.settings is not SETTINGS  # the caller's dict is not shared
    assert created.active_leaf_id is None
    assert created.created_at == created.updated_at
    assert store.get_conversation(created.id) == created
    assert store.list_conversations() == [created]
    with ConversationStore(db_path) as reopened:
        assert reopened.get_conversation(created.id) == created


def test_a_message_with_every_field_set_round_trips(store: ConversationStore, db_path: Path) -> None:
    chat = new_chat(store)
    question = say(store, chat, None, "第一个问题？")
    answer = store.add_message(
        chat.id,
        parent_id=question.id,
        role="assistant",
        content="答案\n```python\nprint('茶')\n```\n",
        model=TUNED,
        prompt_tokens=31,
        completion_tokens=7,
        first_token_ms=412,
        finish_reason="length",
        error="stopped at max_tokens",
    )
    assert answer.parent_id == question.id
    assert answer.conversation_id == chat.id
    assert store.get_message(answer.id) == answer
    assert store.messages(chat.id) == [question, answer]
    assert store.path(chat.id) == [question, answer]
    with ConversationStore(db_path) as reopened:
        assert reopened.path(chat.id) == [question, answer]


@pytest.mark.parametrize(
    "bad_settings",
    [
        {"stop": ("a", "b")},  # would come back as a list
        {1: "number key"},  # would come back as "1"
        {"temperature": float("nan")},
        {"callback": object()},
        {"nested": {"inner": {2, 3}}},
    ],
)
def test_settings_that_would_not_read_back_the_same_are_refused(
    store: ConversationStore, bad_settings: dict[object, object]
) -> None:
    with pytest.raises(ValueError, match="plain JSON"):
        store.create_conversation(profile_id=PROFILE, model=TUNED, settings=bad_settings)  # type: ignore[arg-type]
    assert store.list_conversations() == []
    chat = new_chat(store, settings={"temperature": 1.0})
    with pytest.raises(ValueError, match="plain JSON"):
        store.update_conversation(chat.id, settings=bad_settings)  # type: ignore[arg-type]
    assert store.get_conversation(chat.id) == chat


def test_a_role_this_version_does_not_know_is_refused(store: ConversationStore) -> None:
    chat = new_chat(store)
    with pytest.raises(ValueError, match="role"):
        store.add_message(chat.id, parent_id=None, role="tool", content="{}")  # type: ignore[arg-type]
    assert store.messages(chat.id) == []
    assert store.get_conversation(chat.id).active_leaf_id is None


def test_rows_from_a_later_version_or_edited_by_hand_still_read(
    store: ConversationStore, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    chat = new_chat(store, title="Later", settings={"temperature": 0.2})
    question = say(store, chat, None, "hi")
    store.close()
    with raw_db(db_path) as conn:
        conn.execute("UPDATE conversations SET settings = '{not json'")
        conn.execute(
            "INSERT INTO messages (id, conversation_id, parent_id, role, content, created_at, model,"
            " prompt_tokens) VALUES ('tool-1', ?, ?, 'tool', '{\"ok\": true}', 5, '', 'many')",
            (chat.id, question.id),
        )
        conn.execute("UPDATE conversations SET active_leaf_id = 'tool-1'")

    with ConversationStore(db_path) as reopened:
        assert reopened.get_conversation(chat.id).settings == {}
        question_again, tool = reopened.path(chat.id)
        assert question_again == question
        assert (tool.role, tool.content, tool.prompt_tokens) == ("tool", '{"ok": true}', None)
        out = db_path.parent / "later.md"
        reopened.export_markdown(chat.id, out, labels=MarkdownLabels(roles={"tool": "Tool result"}))
        assert '## Tool result\n\n{"ok": true}\n' in out.read_text(encoding="utf-8")
    assert any("settings could not be read" in message for message in store_warnings(caplog))


# Listing and search


def test_conversations_come_newest_updated_first(store: ConversationStore) -> None:
    first, second, third = (new_chat(store, title) for title in ("first", "second", "third"))
    assert [c.title for c in store.list_conversations()] == ["third", "second", "first"]

    question = say(store, first, None, "bump")
    assert [c.title for c in store.list_conversations()] == ["first", "third", "second"]

    store.rename(second.id, "second, renamed")
    assert [c.title for c in store.list_conversations()] == ["second, renamed", "first", "third"]

    store.append_to_message(question.id, " again")
    assert store.list_conversations()[0].title == "first"
    store.update_conversation(third.id, model="gpt-4o-mini")
    assert store.list_conversations()[0].title == "third"

    # Switching branch is not a change: the list keeps its order.
    store.set_active_leaf(first.id, question.id)
    assert store.list_conversations()[0].title == "third"


def test_same_second_ties_keep_the_newest_created_first(db_path: Path) -> None:
    with ConversationStore(db_path, clock=lambda: START) as store:
        titles = [new_chat(store, f"chat {n}").title for n in range(5)]
        assert [c.title for c in store.list_conversations()] == titles[::-1]


def test_limit_and_offset_page_through_every_conversation_once(store: ConversationStore) -> None:
    titles = [new_chat(store, f"chat {n:02d}").title for n in range(23)]
    pages = [store.list_conversations(limit=5, offset=offset) for offset in range(0, 30, 5)]
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3, 0]
    assert [c.title for page in pages for c in page] == titles[::-1]
    assert [c.title for c in store.list_conversations("chat 1", limit=3, offset=2)] == [
        "chat 17",
        "chat 16",
        "chat 15",
    ]
    with pytest.raises(ValueError, match="negative"):
        store.list_conversations(limit=-1)
    with pytest.raises(ValueError, match="negative"):
        store.list_conversations(offset=-1)


@pytest.fixture
def searchable(store: ConversationStore) -> ConversationStore:
    new_chat(store, "Weekly REPORT")
    chinese = new_chat(store, "茶")
    say(store, chinese, None, "请总结一下乌龙茶的历史")
    wildcards = new_chat(store, "Rates")
    say(store, wildcards, None, "a 100% discount on file_name.txt")
    decoy = new_chat(store, "Decoy")
    say(store, decoy, None, "a 1000 discount on fileXname.txt")
    street = new_chat(store, "Address")
    say(store, street, None, "Hauptstraße 5, ΣΟΦΙΑ, ＧＰＴ-4o")
    branched = new_chat(store, "Branched")
    root = say(store, branched, None, "original question about zebras")
    say(store, branched, None, "edited question about lions")  # the zebra branch is no longer shown
    assert store.path(branched.id)[0].id != root.id
    return store


@pytest.mark.parametrize(
    ("search", "titles"),
    [
        ("", ["Branched", "Address", "Decoy", "Rates", "茶", "Weekly REPORT"]),
        ("   ", ["Branched", "Address", "Decoy", "Rates", "茶", "Weekly REPORT"]),
        ("weekly report", ["Weekly REPORT"]),
        ("  Report ", ["Weekly REPORT"]),
        ("乌龙", ["茶"]),
        ("茶", ["茶"]),  # the title and a message both match: listed once
        ("100%", ["Rates"]),
        ("%", ["Rates"]),
        ("e_n", ["Rates"]),
        ("_", ["Rates"]),
        ("discount", ["Decoy", "Rates"]),
        ("HAUPTSTRASSE", ["Address"]),
        ("σοφια", ["Address"]),
        ("gpt-4O", ["Address"]),
        ("zebras", ["Branched"]),  # messages of every branch are searched
        ("nothing like this", []),
    ],
)
def test_search_matches_title_or_any_message_ignoring_case(
    searchable: ConversationStore, search: str, titles: list[str]
) -> None:
    assert [c.title for c in searchable.list_conversations(search)] == titles


# Changing and deleting conversations


def test_rename_and_update_change_only_what_is_given(store: ConversationStore) -> None:
    chat = store.create_conversation(
        profile_id=PROFILE, model=TUNED, title="old", system_prompt="be brief", settings=SETTINGS
    )
    renamed = store.rename(chat.id, "新名字")
    assert renamed.title == "新名字"
    assert renamed.updated_at > chat.updated_at
    assert (renamed.model, renamed.system_prompt, renamed.settings) == (TUNED, "be brief", SETTINGS)

    updated = store.update_conversation(chat.id, settings={"temperature": 0.0})
    assert updated.settings == {"temperature": 0.0}  # replaced, not merged
    assert (updated.title, updated.model, updated.system_prompt) == ("新名字", TUNED, "be brief")

    updated = store.update_conversation(chat.id, model="gpt-4o", system_prompt="", profile_id="azure-work")
    assert (updated.model, updated.system_prompt, updated.profile_id) == ("gpt-4o", "", "azure-work")
    assert updated.settings == {"temperature": 0.0}
    assert updated.created_at == chat.created_at
    assert store.get_conversation(chat.id) == updated


def test_delete_takes_every_message_of_every_branch_and_nothing_else(
    store: ConversationStore, db_path: Path
) -> None:
    doomed = new_chat(store, "doomed")
    root = say(store, doomed, None, "q")
    say(store, doomed, root, "a1")
    say(store, doomed, root, "a2")
    say(store, doomed, None, "q, edited")
    kept = new_chat(store, "kept")
    kept_question = say(store, kept, None, "still here")

    store.delete_conversation(doomed.id)

    assert [c.title for c in store.list_conversations()] == ["kept"]
    assert store.path(kept.id) == [kept_question]
    with pytest.raises(ConversationNotFoundError) as gone:
        store.delete_conversation(doomed.id)
    assert gone.value.conversation_id == doomed.id
    assert gone.value.path == db_path
    with pytest.raises(MessageNotFoundError):
        store.get_message(root.id)
    with raw_db(db_path) as conn:
        assert conn.execute("SELECT conversation_id FROM messages").fetchall() == [(kept.id,)]


MISSING = "no-such-id"


@pytest.mark.parametrize(
    "call",
    [
        lambda s, m: s.get_conversation(MISSING),
        lambda s, m: s.rename(MISSING, "x"),
        lambda s, m: s.update_conversation(MISSING, model="x"),
        lambda s, m: s.delete_conversation(MISSING),
        lambda s, m: s.add_message(MISSING, parent_id=None, role="user", content="x"),
        lambda s, m: s.messages(MISSING),
        lambda s, m: s.path(MISSING),
        lambda s, m: s.set_active_leaf(MISSING, m.id),
        lambda s, m: s.export_markdown(MISSING, Path("unused.md")),
        lambda s, m: s.export_json(MISSING, Path("unused.json")),
    ],
)
def test_a_missing_conversation_raises_with_its_id(
    store: ConversationStore, call: Callable[[ConversationStore, Message], object]
) -> None:
    message = say(store, new_chat(store), None, "hi")
    with pytest.raises(ConversationNotFoundError) as error:
        call(store, message)
    assert error.value.conversation_id == MISSING
    assert isinstance(error.value, LookupError)
    assert MISSING in str(error.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda s, c: s.get_message(MISSING),
        lambda s, c: s.update_message(MISSING, content="x"),
        lambda s, c: s.append_to_message(MISSING, "x"),
        lambda s, c: s.siblings(MISSING),
        lambda s, c: s.newest_leaf(MISSING),
        lambda s, c: s.path(c.id, MISSING),
        lambda s, c: s.set_active_leaf(c.id, MISSING),
        lambda s, c: s.add_message(c.id, parent_id=MISSING, role="user", content="x"),
    ],
)
def test_a_missing_message_raises_with_its_id(
    store: ConversationStore, call: Callable[[ConversationStore, Conversation], object]
) -> None:
    chat = new_chat(store)
    say(store, chat, None, "hi")
    before = store.messages(chat.id)
    with pytest.raises(MessageNotFoundError) as error:
        call(store, chat)
    assert error.value.message_id == MISSING
    assert MISSING in str(error.value)
    assert store.messages(chat.id) == before


# Branches


def test_editing_a_message_makes_a_sibling_branch_and_keeps_the_old_one(store: ConversationStore) -> None:
    chat = new_chat(store)
    q1 = say(store, chat, None, "q1")
    a1 = say(store, chat, q1, "a1")
    q2 = say(store, chat, a1, "q2")
    a2 = say(store, chat, q2, "a2")
    assert store.path(chat.id) == [q1, a1, q2, a2]
    assert store.get_conversation(chat.id).active_leaf_id == a2.id

    q2_edited = say(store, chat, a1, "q2, edited")  # same parent as q2: a sibling
    assert store.get_conversation(chat.id).active_leaf_id == q2_edited.id
    assert store.path(chat.id) == [q1, a1, q2_edited]
    a2_edited = say(store, chat, q2_edited, "a2 for the edit")
    assert store.path(chat.id) == [q1, a1, q2_edited, a2_edited]

    # The UI shows "2/2" on the edited question, and can go back to the first branch whole.
    siblings = store.siblings(q2_edited.id)
    assert siblings == [q2, q2_edited]
    assert siblings.index(q2_edited) + 1 == 2
    assert store.siblings(q2.id) == siblings
    assert store.newest_leaf(q2.id) == a2
    switched = store.set_active_leaf(chat.id, store.newest_leaf(q2.id).id)
    assert switched.active_leaf_id == a2.id
    assert store.path(chat.id) == [q1, a1, q2, a2]
    assert store.path(chat.id, a2_edited.id) == [q1, a1, q2_edited, a2_edited]
    assert store.path(chat.id, a1.id) == [q1, a1]
    assert contents(store.messages(chat.id)) == ["q1", "a1", "q2", "a2", "q2, edited", "a2 for the edit"]


def test_editing_the_first_message_makes_a_sibling_root(store: ConversationStore) -> None:
    chat = new_chat(store)
    assert store.path(chat.id) == []
    first = say(store, chat, None, "first")
    say(store, chat, first, "answer")
    again = say(store, chat, None, "first, edited")
    assert store.path(chat.id) == [again]
    assert store.siblings(first.id) == [first, again]
    assert store.siblings(again.id) == [first, again]
    other = new_chat(store, "another chat")
    say(store, other, None, "a root of another conversation is no sibling")
    assert store.siblings(first.id) == [first, again]


def test_branch_reads_the_path_and_its_sibling_groups_at_once(store: ConversationStore) -> None:
    chat = new_chat(store)
    q1 = say(store, chat, None, "q1")
    a1 = say(store, chat, q1, "a1")
    a1_again = say(store, chat, q1, "a1, regenerated")
    q2 = say(store, chat, a1_again, "q2")
    q1_edited = say(store, chat, None, "q1, edited")
    say(store, new_chat(store, "other"), None, "another conversation's root is no sibling")
    store.set_active_leaf(chat.id, q2.id)

    branch = store.branch(chat.id)
    assert branch.conversation.id == chat.id
    assert branch.messages == store.path(chat.id) == [q1, a1_again, q2]
    assert branch.position(q1.id) == (1, 2)
    assert branch.position(a1_again.id) == (2, 2)
    assert branch.position(q2.id) is None
    assert branch.siblings[a1_again.id] == (a1.id, a1_again.id)
    other_way = store.branch(chat.id, q1_edited.id)
    assert other_way.messages == [q1_edited]
    assert other_way.position(q1_edited.id) == (2, 2)


def test_a_branch_never_crosses_into_another_conversation(store: ConversationStore) -> None:
    mine, theirs = new_chat(store, "mine"), new_chat(store, "theirs")
    my_question = say(store, mine, None, "mine")
    their_question = say(store, theirs, None, "theirs")

    with pytest.raises(MessageNotFoundError) as error:
        store.add_message(mine.id, parent_id=their_question.id, role="assistant", content="x")
    assert error.value.conversation_id == mine.id
    with pytest.raises(MessageNotFoundError):
        store.set_active_leaf(mine.id, their_question.id)
    with pytest.raises(MessageNotFoundError):
        store.path(mine.id, their_question.id)

    assert store.path(mine.id) == [my_question]
    assert store.messages(theirs.id) == [their_question]


def build_tree(store: ConversationStore, parent_picks: list[int]) -> tuple[Conversation, list[Message]]:
    """Message i hangs under message ``pick % (i + 1) - 1`` (-1: a root), so any list of numbers is a tree."""
    chat = new_chat(store, "tree")
    added: list[Message] = []
    for i, pick in enumerate(parent_picks):
        parent_index = pick % (i + 1) - 1
        parent = added[parent_index] if parent_index >= 0 else None
        added.append(say(store, chat, parent, f"message {i}"))
    return chat, added


_ONE_STORE_FOR_ALL_EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@_ONE_STORE_FOR_ALL_EXAMPLES
@given(parent_picks=st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=25))
def test_any_tree_reads_back_as_built(store: ConversationStore, parent_picks: list[int]) -> None:
    chat, added = build_tree(store, parent_picks)
    by_id = {message.id: message for message in added}
    assert store.get_conversation(chat.id).active_leaf_id == added[-1].id
    assert store.messages(chat.id) == added

    for index, message in enumerate(added):
        expected_path = [message]
        while expected_path[0].parent_id is not None:
            expected_path.insert(0, by_id[expected_path[0].parent_id])
        assert store.path(chat.id, message.id) == expected_path

        assert store.siblings(message.id) == [m for m in added if m.parent_id == message.parent_id]

        below = {message.id}
        for later in added[index + 1 :]:
            if later.parent_id in below:
                below.add(later.id)
        newest = store.newest_leaf(message.id)
        assert newest == [m for m in added if m.id in below][-1]
        assert all(m.parent_id != newest.id for m in added)


# Streaming an answer


def test_a_streamed_answer_grows_then_gets_its_figures(store: ConversationStore, db_path: Path) -> None:
    chat = new_chat(store)
    question = say(store, chat, None, "讲个故事")
    answer = store.add_message(chat.id, parent_id=question.id, role="assistant", content="", model=TUNED)
    chunks = ["从前", "有座山，", "```py\n", "print('山')\n", "```", ""]
    for chunk in chunks:
        store.append_to_message(answer.id, chunk)
    assert store.get_message(answer.id).content == "".join(chunks)

    finished = store.update_message(
        answer.id,
        prompt_tokens=12,
        completion_tokens=30,
        first_token_ms=250,
        finish_reason="stop",
    )
    assert finished == Message(
        id=answer.id,
        conversation_id=chat.id,
        parent_id=question.id,
        role="assistant",
        content="".join(chunks),
        created_at=answer.created_at,
        model=TUNED,
        prompt_tokens=12,
        completion_tokens=30,
        first_token_ms=250,
        finish_reason="stop",
        error=None,
    )
    assert store.get_message(answer.id) == finished
    with ConversationStore(db_path) as reopened:
        assert reopened.get_message(answer.id) == finished


def test_update_message_keeps_what_is_not_given_and_none_clears(store: ConversationStore) -> None:
    chat = new_chat(store)
    answer = store.add_message(
        chat.id, parent_id=None, role="assistant", content="partial", error="connection reset", model=TUNED
    )
    retried = store.update_message(answer.id, content="whole answer", error=None, finish_reason="stop")
    assert (retried.content, retried.error, retried.finish_reason, retried.model) == (
        "whole answer",
        None,
        "stop",
        TUNED,
    )
    unchanged = store.update_message(answer.id)
    assert unchanged == retried
    assert store.get_message(answer.id) == retried


@_ONE_STORE_FOR_ALL_EXAMPLES
@given(chunks=st.lists(st.text(max_size=40), max_size=20))
def test_any_streamed_text_arrives_exactly(store: ConversationStore, chunks: list[str]) -> None:
    chat = new_chat(store)
    answer = store.add_message(chat.id, parent_id=None, role="assistant", content="")
    for chunk in chunks:
        store.append_to_message(answer.id, chunk)
    assert store.get_message(answer.id).content == "".join(chunks)


# Export


@pytest.fixture
def exported_chat(store: ConversationStore) -> Conversation:
    chat = store.create_conversation(
        profile_id=PROFILE, model=TUNED, title="周报\n Weekly", system_prompt="只用中文回答。"
    )
    question = say(store, chat, None, "写一个函数")
    say(store, chat, question, "branch not shown", model=TUNED)
    store.add_message(
        chat.id,
        parent_id=question.id,
        role="assistant",
        content="好的：\n\n```python\ndef tea() -> str:\n    return '乌龙'  # 注释\n```",
        model=TUNED,
    )
    return store.get_conversation(chat.id)


def test_markdown_export_is_the_branch_shown_with_code_kept_verbatim(
    store: ConversationStore, exported_chat: Conversation, tmp_path: Path
) -> None:
    out = tmp_path / "周报.md"
    store.export_markdown(exported_chat.id, out)
    assert out.read_bytes().decode("utf-8") == (
        "# 周报 Weekly\n"
        "\n"
        "## System\n"
        "\n"
        "只用中文回答。\n"
        "\n"
        "## User\n"
        "\n"
        "写一个函数\n"
        "\n"
        f"## Assistant (`{TUNED}`)\n"
        "\n"
        "好的：\n"
        "\n"
        "```python\n"
        "def tea() -> str:\n"
        "    return '乌龙'  # 注释\n"
        "```\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "周报.md"]  # no temporary file left


def test_markdown_closes_a_code_block_an_interrupted_answer_left_open(
    store: ConversationStore, tmp_path: Path
) -> None:
    chat = new_chat(store, "")
    question = say(store, chat, None, "show me")
    answer = store.add_message(
        chat.id,
        parent_id=question.id,
        role="assistant",
        content="````md\n```python\nprint(1)\n```\nstill inside the outer block",
        error="connection reset\nafter 3 s",
    )
    say(store, chat, answer, "and then?")
    out = tmp_path / "chat.md"
    labels = MarkdownLabels(untitled="未命名对话", user="用户", assistant="助手", error="错误")
    store.export_markdown(chat.id, out, labels=labels)
    assert out.read_text(encoding="utf-8") == (
        "# 未命名对话\n"
        "\n"
        "## 用户\n"
        "\n"
        "show me\n"
        "\n"
        "## 助手\n"
        "\n"
        "````md\n"
        "```python\n"
        "print(1)\n"
        "```\n"
        "still inside the outer block\n"
        "````\n"
        "\n"
        "> **错误:** connection reset\n"
        "> after 3 s\n"
        "\n"
        "## 用户\n"
        "\n"
        "and then?\n"
    )


def test_markdown_says_an_answer_broke_off_in_the_labels_words_not_the_stored_error(
    store: ConversationStore, tmp_path: Path
) -> None:
    chat = new_chat(store, "")
    question = say(store, chat, None, "几点开门？")
    store.add_message(
        chat.id,
        parent_id=question.id,
        role="assistant",
        content="九点",
        error="APIConnectionError: Connection error.\n[Errno 111] Connection refused",
    )
    out = tmp_path / "chat.md"
    labels = MarkdownLabels(untitled="未命名对话", user="用户", assistant="助手", broke_off="回答中断了。")
    store.export_markdown(chat.id, out, labels=labels)
    assert out.read_text(encoding="utf-8") == (
        "# 未命名对话\n\n## 用户\n\n几点开门？\n\n## 助手\n\n九点\n\n> **回答中断了。**\n"
    )


def test_json_export_holds_the_whole_tree_in_a_versioned_format(
    store: ConversationStore, exported_chat: Conversation, tmp_path: Path
) -> None:
    out = tmp_path / "chat.json"
    store.export_json(exported_chat.id, out)
    raw = out.read_bytes()
    assert "乌龙".encode() in raw  # written as UTF-8 text, not \u escapes
    assert b"\\u" not in raw
    document = json.loads(raw.decode("utf-8"))
    assert document["format"] == EXPORT_FORMAT
    assert document["version"] == EXPORT_FORMAT_VERSION
    assert Conversation(**document["conversation"]) == exported_chat
    tree = [Message(**item) for item in document["messages"]]
    assert tree == store.messages(exported_chat.id)
    assert len(tree) == 3
    assert "branch not shown" in contents(tree)


def test_an_export_that_fails_leaves_the_old_file_whole(store: ConversationStore, tmp_path: Path) -> None:
    chat = new_chat(store)
    say(store, chat, None, "hello")
    out = tmp_path / "chat.json"
    store.export_json(chat.id, out)
    before = out.read_bytes()
    store.delete_conversation(chat.id)
    with pytest.raises(ConversationNotFoundError):
        store.export_json(chat.id, out)
    assert out.read_bytes() == before
    with pytest.raises(FileNotFoundError):
        store.export_markdown(new_chat(store).id, tmp_path / "no-such-dir" / "chat.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.json", "data"]


# The file


def fill(store: ConversationStore) -> tuple[Conversation, list[Message]]:
    chat = store.create_conversation(
        profile_id=PROFILE, model=TUNED, title="茶舍", system_prompt="be kind", settings=SETTINGS
    )
    question = say(store, chat, None, "你好")
    answer = say(store, chat, question, "您好！", model=TUNED, prompt_tokens=3, completion_tokens=2)
    edited = say(store, chat, None, "你好呀")
    store.set_active_leaf(chat.id, answer.id)
    return store.get_conversation(chat.id), [question, answer, edited]


def assert_filled(store: ConversationStore, chat: Conversation, messages: list[Message]) -> None:
    assert store.list_conversations() == [chat]
    assert store.messages(chat.id) == messages
    assert store.path(chat.id) == messages[:2]
    assert store.siblings(messages[0].id) == [messages[0], messages[2]]


def test_reopening_the_file_keeps_everything(db_path: Path) -> None:
    with ConversationStore(db_path) as first:
        filled = fill(first)
    with ConversationStore(db_path) as second:
        assert not second.read_only
        assert second.set_aside_as is None
        assert_filled(second, *filled)
    assert user_version(db_path) == SCHEMA_VERSION
    with raw_db(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_new_file_is_readable_by_its_owner_only(db_path: Path, store: ConversationStore) -> None:
    new_chat(store)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()
    for path in (db_path, wal):
        assert path.stat().st_mode & 0o777 == 0o600, path


# Version 1 exactly as released. Never edit: files in this layout exist on users' disks.
VERSION_1 = (
    """CREATE TABLE conversations (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, created_at REAL NOT NULL,
        updated_at REAL NOT NULL, model TEXT NOT NULL, system_prompt TEXT NOT NULL, settings TEXT NOT NULL,
        active_leaf_id TEXT, profile_id TEXT NOT NULL)""",
    "CREATE INDEX conversations_newest_first ON conversations (updated_at DESC, seq DESC)",
    """CREATE TABLE messages (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        parent_id TEXT, role TEXT NOT NULL, content TEXT NOT NULL, created_at REAL NOT NULL,
        model TEXT NOT NULL, prompt_tokens INTEGER, completion_tokens INTEGER, first_token_ms INTEGER,
        finish_reason TEXT, error TEXT,
        UNIQUE (conversation_id, id),
        FOREIGN KEY (conversation_id, parent_id) REFERENCES messages (conversation_id, id) ON DELETE CASCADE)""",
    "CREATE INDEX messages_children ON messages (conversation_id, parent_id, seq)",
)

HAND_MADE_CHAT = Conversation(
    id="conv-1",
    title="手写的",
    created_at=100.0,
    updated_at=200.0,
    model=TUNED,
    system_prompt="sys",
    settings={"temperature": 0.3},
    active_leaf_id="msg-2",
    profile_id=PROFILE,
)
HAND_MADE_MESSAGES = [
    Message("msg-1", "conv-1", None, "user", "问题", 150.0),
    Message("msg-2", "conv-1", "msg-1", "assistant", "回答", 160.0, TUNED, 5, 3, 90, "stop", None),
    Message("msg-3", "conv-1", "msg-1", "assistant", "", 170.0, TUNED, None, None, None, None, "timeout"),
]


def write_version_1_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with raw_db(path) as conn:
        for statement in VERSION_1:
            conn.execute(statement)
        row = asdict(HAND_MADE_CHAT)
        row["settings"] = json.dumps(row["settings"])
        conn.execute(
            "INSERT INTO conversations (id, title, created_at, updated_at, model, system_prompt, settings,"
            " active_leaf_id, profile_id) VALUES (:id, :title, :created_at, :updated_at, :model,"
            " :system_prompt, :settings, :active_leaf_id, :profile_id)",
            row,
        )
        conn.executemany(
            "INSERT INTO messages (id, conversation_id, parent_id, role, content, created_at, model,"
            " prompt_tokens, completion_tokens, first_token_ms, finish_reason, error) VALUES (:id,"
            " :conversation_id, :parent_id, :role, :content, :created_at, :model, :prompt_tokens,"
            " :completion_tokens, :first_token_ms, :finish_reason, :error)",
            [asdict(message) for message in HAND_MADE_MESSAGES],
        )
        conn.execute("PRAGMA user_version = 1")


def assert_hand_made(store: ConversationStore) -> None:
    assert store.list_conversations() == [HAND_MADE_CHAT]
    assert store.messages("conv-1") == HAND_MADE_MESSAGES
    assert store.path("conv-1") == HAND_MADE_MESSAGES[:2]


def test_a_version_1_file_made_by_hand_reads_as_written(db_path: Path) -> None:
    write_version_1_file(db_path)
    with ConversationStore(db_path) as store:
        assert not store.read_only
        assert_hand_made(store)
    assert user_version(db_path) == 1
    assert set_aside_files(db_path.parent) == []


def test_an_added_migration_runs_once_keeps_every_row_and_older_apps_still_read(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> None:
    write_version_1_file(db_path)
    version_2 = (
        "ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
        "CREATE TABLE migration_runs (n INTEGER)",  # a second run would fail here: the table exists
        "INSERT INTO migration_runs VALUES (1)",
    )

    with monkeypatch.context() as patch:
        patch.setattr(conversations, "MIGRATIONS", (*conversations.MIGRATIONS, version_2))
        for _ in range(3):
            with ConversationStore(db_path, clock=clock) as store:
                assert not store.read_only
                assert_hand_made(store)
        with ConversationStore(db_path, clock=clock) as store:
            reply = store.add_message("conv-1", parent_id="msg-2", role="user", content="after v2")

    assert user_version(db_path) == 2
    assert set_aside_files(db_path.parent) == []
    with raw_db(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM migration_runs").fetchone()[0] == 1
        assert conn.execute("SELECT id, pinned FROM conversations").fetchall() == [("conv-1", 0)]

    # Back on today's migrations: the newer file is read, whole, and left alone.
    with ConversationStore(db_path) as older_app:
        assert older_app.read_only
        assert older_app.messages("conv-1") == [*HAND_MADE_MESSAGES, reply]
        assert older_app.path("conv-1") == [*HAND_MADE_MESSAGES[:2], reply]
    assert user_version(db_path) == 2


def test_a_file_a_migration_fails_on_is_set_aside_untouched(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    write_version_1_file(db_path)
    # Fails on the messages already there (two share a parent), succeeds on an empty file.
    failing = (
        "ALTER TABLE messages ADD COLUMN note TEXT",
        "CREATE UNIQUE INDEX one_child_each ON messages (parent_id)",
    )
    monkeypatch.setattr(conversations, "MIGRATIONS", (*conversations.MIGRATIONS, failing))

    with ConversationStore(db_path) as fresh:
        assert fresh.list_conversations() == []
        chat = new_chat(fresh)
        assert fresh.list_conversations() == [chat]
        kept = fresh.set_aside_as

    assert kept is not None
    assert set_aside_files(db_path.parent) == [kept]
    assert user_version(kept) == 1  # the failed step was rolled back
    with raw_db(kept) as conn:
        assert "note" not in [row[1] for row in conn.execute("PRAGMA table_info(messages)")]
    monkeypatch.undo()
    with ConversationStore(kept) as old_file:
        assert_hand_made(old_file)
    assert any("could not be used" in message for message in store_warnings(caplog))


def test_a_file_that_is_not_sqlite_is_set_aside_bytes_kept_and_a_fresh_store_works(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    garbage = random.Random(7).randbytes(10_000)
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(garbage)

    with ConversationStore(db_path) as fresh:
        assert fresh.list_conversations() == []
        filled = fill(fresh)
        assert_filled(fresh, *filled)
        kept = fresh.set_aside_as

    assert set_aside_files(db_path.parent) == [kept]
    assert kept is not None
    assert kept.name.startswith("conversations.sqlite3.corrupt-")
    assert kept.read_bytes() == garbage
    assert user_version(db_path) == SCHEMA_VERSION
    assert any("could not be used" in message for message in store_warnings(caplog))


def test_corruption_found_while_in_use_is_raised_and_a_fresh_store_takes_over(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with ConversationStore(db_path) as first:
        for n in range(300):
            chat = new_chat(first, f"chat {n}")
            say(first, chat, None, f"message {n} " * 20)
    damaged = bytearray(db_path.read_bytes())
    page = 4096
    assert len(damaged) > 8 * page
    # The header and schema page survive, so the file opens; the pages of the tables are garbage.
    damaged[page:] = random.Random(3).randbytes(len(damaged) - page)
    db_path.write_bytes(bytes(damaged))

    with ConversationStore(db_path) as store:
        assert store.set_aside_as is None
        with pytest.raises(StoreCorruptError) as error:
            store.list_conversations()
        assert error.value.path == db_path
        assert error.value.kept_as == store.set_aside_as
        assert error.value.kept_as is not None
        assert error.value.kept_as.read_bytes() == bytes(damaged)
        assert store.list_conversations() == []
        chat = new_chat(store, "after")
        assert store.list_conversations() == [chat]

    assert any("corrupt" in message for message in store_warnings(caplog))


WRITES: list[Callable[[ConversationStore, Conversation, list[Message]], object]] = [
    lambda s, c, m: s.create_conversation(profile_id=PROFILE, model=TUNED),
    lambda s, c, m: s.rename(c.id, "new"),
    lambda s, c, m: s.update_conversation(c.id, settings={}),
    lambda s, c, m: s.delete_conversation(c.id),
    lambda s, c, m: s.add_message(c.id, parent_id=m[1].id, role="user", content="x"),
    lambda s, c, m: s.update_message(m[1].id, content="x"),
    lambda s, c, m: s.append_to_message(m[1].id, "x"),
    lambda s, c, m: s.set_active_leaf(c.id, m[2].id),
]


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_file_from_a_newer_app_is_read_but_every_write_raises(
    db_path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, journal_mode: str
) -> None:
    with ConversationStore(db_path) as current:
        filled = fill(current)
    with raw_db(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        # A later version might leave WAL mode; switching it back would already be a write.
        assert conn.execute(f"PRAGMA journal_mode = {journal_mode}").fetchone()[0] == journal_mode
    before = db_path.read_bytes()

    with ConversationStore(db_path) as older_app:
        assert older_app.read_only
        assert_filled(older_app, *filled)
        for write in WRITES:
            with pytest.raises(StoreReadOnlyError) as error:
                write(older_app, *filled)
            assert error.value.path == db_path
            assert error.value.file_version == SCHEMA_VERSION + 1
            assert "newer version" in str(error.value)
        assert_filled(older_app, *filled)
        older_app.export_json(filled[0].id, tmp_path / "still-exportable.json")
        assert (tmp_path / "still-exportable.json").is_file()

    assert db_path.read_bytes() == before
    assert user_version(db_path) == SCHEMA_VERSION + 1
    assert set_aside_files(db_path.parent) == []
    assert any("newer version" in message for message in store_warnings(caplog))


def test_a_path_that_cannot_be_opened_raises_and_creates_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "a-directory"
    directory.mkdir()
    with pytest.raises(ConversationStoreError) as error:
        ConversationStore(directory)
    assert error.value.path == directory
    assert "cannot be opened" in str(error.value)
    assert list(directory.iterdir()) == []
    assert set_aside_files(tmp_path) == []


def test_a_closed_store_raises_rather_than_dropping_a_write(db_path: Path) -> None:
    store = ConversationStore(db_path)
    chat, messages = fill(store)
    store.close()
    store.close()
    with pytest.raises(ConversationStoreError, match="closed"):
        store.append_to_message(messages[1].id, "late chunk")
    with pytest.raises(ConversationStoreError, match="closed"):
        store.list_conversations()
    with ConversationStore(db_path) as reopened:
        assert_filled(reopened, chat, messages)


# Threads


def test_a_worker_streaming_while_the_ui_thread_reads_loses_nothing(store: ConversationStore) -> None:
    chat = new_chat(store)
    question = say(store, chat, None, "long answer please")
    answer = store.add_message(chat.id, parent_id=question.id, role="assistant", content="")
    chunks = [f"片段{n};" for n in range(300)]
    start = threading.Barrier(3)

    def stream() -> None:
        start.wait()
        for chunk in chunks:
            store.append_to_message(answer.id, chunk)
        store.update_message(answer.id, finish_reason="stop", completion_tokens=len(chunks))

    def another_chat() -> None:
        start.wait()
        for n in range(50):
            side = new_chat(store, f"side {n}")
            say(store, side, None, "side question")

    def read() -> int:
        start.wait()
        longest = 0
        for _ in range(200):
            shown = store.path(chat.id)[-1].content
            assert "".join(chunks).startswith(shown)  # never half a chunk, never out of order
            longest = max(longest, len(shown))
            store.list_conversations("片段")
        return longest

    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="conversations-test") as pool:
        writers = [pool.submit(stream), pool.submit(another_chat)]
        reader = pool.submit(read)
        for writer in writers:
            writer.result(timeout=60)  # re-raises whatever went wrong in the thread
        assert reader.result(timeout=60) <= len("".join(chunks))

    final = store.get_message(answer.id)
    assert final.content == "".join(chunks)
    assert (final.finish_reason, final.completion_tokens) == ("stop", len(chunks))
    assert len(store.list_conversations(limit=1000)) == 51
