"""The Chat tab's history: conversations and their messages, kept in one SQLite file across updates.

Unlike the jobs cache, nothing here can be fetched again: a lost message is lost for good. So failures are
raised, never swallowed, as exceptions carrying the file and the id involved (:class:`ConversationStoreError`
and its subclasses), and the file is never thrown away: one that is not SQLite or is corrupt is renamed aside
(:func:`~desktop_app.storage.fileio.set_aside`, bytes untouched, :attr:`ConversationStore.set_aside_as`) and
a fresh one started. There is no in-memory fallback either: a session whose chats silently vanish on quit
is worse than being told at start-up that history cannot be kept.

Messages form a tree: editing a user message and sending it again adds a sibling, and the old branch stays.
The conversation's ``active_leaf_id`` says which branch is shown; a branch is read back root to leaf by
walking ``parent_id`` upwards. A parent is always written before its children, so creation order (``seq``,
the rowid) is also root-to-leaf order, and the newest message under any message is a leaf.

The layout is versioned with ``PRAGMA user_version``; :data:`MIGRATIONS` brings an older file up to date one
version at a time, in one transaction. Migrations only add tables, columns and indexes, and every query names
its columns, so an older app can still read a newer file: it opens it read-only, and every write raises
:class:`StoreReadOnlyError` instead of touching it. Roles are not constrained in the schema for the same
reason: a later version may add one, and an older app must still read those rows.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import re
import sqlite3
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Final, Literal, TypeVar

from desktop_app.storage.fileio import atomic_write_text
from desktop_app.storage.sqlite_file import (
    CORRUPT,
    NOT_THE_FILES_FAULT,
    open_database,
    primary_code,
    set_aside_database,
    transaction,
)

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_FORMAT_VERSION",
    "KEEP",
    "MIGRATIONS",
    "ROLES",
    "SCHEMA_VERSION",
    "Conversation",
    "ConversationNotFoundError",
    "ConversationStore",
    "ConversationStoreError",
    "Keep",
    "MarkdownLabels",
    "Message",
    "MessageNotFoundError",
    "Role",
    "StoreCorruptError",
    "StoreReadOnlyError",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

Role = Literal["system", "user", "assistant"]
ROLES: frozenset[str] = frozenset({"system", "user", "assistant"})

EXPORT_FORMAT = "finetune-desk-conversation"
EXPORT_FORMAT_VERSION = 1


Migration = tuple[str, ...]

# Index i brings a file from version i to version i + 1. Only add tables, columns and indexes here (never drop,
# rename or change a step already released): older versions of the app keep reading newer files.
MIGRATIONS: tuple[Migration, ...] = (
    (
        # seq (the rowid) orders by creation without trusting the clock; id is what callers hold.
        """CREATE TABLE conversations (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            model TEXT NOT NULL,
            system_prompt TEXT NOT NULL,
            settings TEXT NOT NULL,
            active_leaf_id TEXT,
            profile_id TEXT NOT NULL
        )""",
        "CREATE INDEX conversations_newest_first ON conversations (updated_at DESC, seq DESC)",
        # The composite key keeps every branch inside its own conversation, whatever a caller passes.
        """CREATE TABLE messages (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            parent_id TEXT,
            role TEXT NOT NULL,
            content TEXT NOT NULL,
            created_at REAL NOT NULL,
            model TEXT NOT NULL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            first_token_ms INTEGER,
            finish_reason TEXT,
            error TEXT,
            UNIQUE (conversation_id, id),
            FOREIGN KEY (conversation_id, parent_id) REFERENCES messages (conversation_id, id) ON DELETE CASCADE
        )""",
        "CREATE INDEX messages_children ON messages (conversation_id, parent_id, seq)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class Keep(enum.Enum):
    """The type of :data:`KEEP`: "leave this field as it is", where None is a value a field can be set to."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


@dataclass(frozen=True)
class Conversation:
    id: str
    title: str
    created_at: float  # unix time
    updated_at: float  # unix time of the last change to it or its messages; lists are ordered by it
    model: str
    system_prompt: str
    settings: dict[str, object]  # generation settings (temperature, top_p, max_tokens, context_messages...)
    active_leaf_id: str | None  # the last message of the branch shown; None while there are no messages
    profile_id: str


@dataclass(frozen=True)
class Message:
    id: str
    conversation_id: str
    parent_id: str | None  # None for a first message (a root); siblings share a parent
    role: str  # one of ROLES when written by this version; a later version may add others
    content: str
    created_at: float  # unix time
    model: str = ""  # the model that answered (assistant) or was chosen when it was sent (user)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    first_token_ms: int | None = None  # time from sending to the first streamed token
    finish_reason: str | None = None  # as the service reported it: "stop", "length", ...
    error: str | None = None  # why the answer stopped or never came


@dataclass(frozen=True)
class Branch:
    """A conversation with the branch shown and where that branch could go instead."""

    conversation: Conversation
    messages: list[Message]  # root first
    siblings: dict[str, tuple[str, ...]]  # message id -> it and its siblings, oldest first (only if several)

    def position(self, message_id: str) -> tuple[int, int] | None:
        """(1-based place among its siblings, how many), or None for a message without siblings."""
        group = self.siblings.get(message_id)
        return None if group is None else (group.index(message_id) + 1, len(group))


@dataclass(frozen=True)
class MarkdownLabels:
    """The words a Markdown export adds around the messages; the UI passes them translated."""

    untitled: str = "Untitled conversation"
    system: str = "System"
    user: str = "User"
    assistant: str = "Assistant"
    error: str = "Error"
    roles: Mapping[str, str] = field(default_factory=dict)  # labels for roles added by later versions
    # When set, what an answer that ended in an error says instead of the stored error: that text is the
    # service's or the library's own words (often English, sometimes technical), not for a shared document.
    broke_off: str = ""


class ConversationStoreError(Exception):
    """The history could not be read or written. ``path`` is the history file, for the message to the user."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class StoreReadOnlyError(ConversationStoreError):
    """The file was written by a newer version of the app: it is read, but writing could break that version."""

    def __init__(self, path: Path, file_version: int) -> None:
        super().__init__(
            path,
            f"written by a newer version of the app (layout {file_version}, this one knows {SCHEMA_VERSION});"
            " it can be read but not changed",
        )
        self.file_version = file_version


class StoreCorruptError(ConversationStoreError):
    """The file turned out to be corrupt while in use. It was kept as ``kept_as`` and a fresh, empty history
    started, so every conversation the caller holds is gone from the store: reload the list."""

    def __init__(self, path: Path, kept_as: Path | None, problem: str) -> None:
        where = f"it was kept as {kept_as}" if kept_as is not None else "it could not be moved aside"
        super().__init__(path, f"the history file is corrupt ({problem}); {where}")
        self.kept_as = kept_as


class ConversationNotFoundError(ConversationStoreError, LookupError):
    """Usually a stale view: the conversation was deleted, or the history was started afresh."""

    def __init__(self, path: Path, conversation_id: str) -> None:
        super().__init__(path, f"there is no conversation {conversation_id!r}")
        self.conversation_id = conversation_id


class MessageNotFoundError(ConversationStoreError, LookupError):
    """The message does not exist, or (when ``conversation_id`` is set) is not part of that conversation."""

    def __init__(self, path: Path, message_id: str, conversation_id: str | None = None) -> None:
        where = f" in conversation {conversation_id!r}" if conversation_id is not None else ""
        super().__init__(path, f"there is no message {message_id!r}{where}")
        self.message_id = message_id
        self.conversation_id = conversation_id


_CONVERSATION_COLUMNS = (
    "id, title, created_at, updated_at, model, system_prompt, settings, active_leaf_id, profile_id"
)
_SELECT_CONVERSATION = f"SELECT {_CONVERSATION_COLUMNS} FROM conversations WHERE id = ?"  # noqa: S608 - built from constants
_LIST_CONVERSATIONS = (
    f"SELECT {_CONVERSATION_COLUMNS} FROM conversations"  # noqa: S608 - built from constants
    " ORDER BY updated_at DESC, seq DESC LIMIT :limit OFFSET :offset"
)
_SEARCH_CONVERSATIONS = (
    f"SELECT {_CONVERSATION_COLUMNS} FROM conversations AS c"  # noqa: S608 - built from constants
    " WHERE instr(ftd_fold(c.title), :needle) > 0"
    " OR EXISTS (SELECT 1 FROM messages AS m"
    "  WHERE m.conversation_id = c.id AND instr(ftd_fold(m.content), :needle) > 0)"
    " ORDER BY c.updated_at DESC, c.seq DESC LIMIT :limit OFFSET :offset"
)
_INSERT_CONVERSATION = (
    f"INSERT INTO conversations ({_CONVERSATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: S608
)
_UPDATE_CONVERSATION = (
    "UPDATE conversations SET title = ?, created_at = ?, updated_at = ?, model = ?, system_prompt = ?,"
    " settings = ?, active_leaf_id = ?, profile_id = ? WHERE id = ?"
)

_MESSAGE_COLUMNS = (
    "id, conversation_id, parent_id, role, content, created_at, model,"
    " prompt_tokens, completion_tokens, first_token_ms, finish_reason, error"
)
_SELECT_MESSAGE = f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id = ?"  # noqa: S608 - built from constants
_SELECT_TREE = f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY seq"  # noqa: S608 - built from constants
_SELECT_PARENTS = "SELECT id, parent_id FROM messages WHERE conversation_id = ? ORDER BY seq"
_SELECT_SIBLINGS = (
    f"SELECT {_MESSAGE_COLUMNS} FROM messages"  # noqa: S608 - built from constants
    " WHERE conversation_id = ? AND parent_id IS ? ORDER BY seq"
)
# UNION (not UNION ALL) ends the walk even in a file whose parents were edited into a loop. Parents are
# written before their children, so creation order is root-to-leaf order.
_SELECT_PATH = (
    "WITH RECURSIVE up(id, parent_id) AS ("  # noqa: S608 - built from constants
    " SELECT id, parent_id FROM messages WHERE id = :leaf AND conversation_id = :conversation"
    " UNION SELECT m.id, m.parent_id FROM messages AS m JOIN up ON m.id = up.parent_id"
    "  WHERE m.conversation_id = :conversation)"
    f" SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id IN (SELECT id FROM up) ORDER BY seq"
)
_SELECT_NEWEST_LEAF = (
    "WITH RECURSIVE down(id) AS ("  # noqa: S608 - built from constants
    " SELECT id FROM messages WHERE id = :top"
    " UNION SELECT m.id FROM messages AS m JOIN down ON m.parent_id = down.id"
    "  WHERE m.conversation_id = :conversation)"
    f" SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id IN (SELECT id FROM down)"
    " ORDER BY seq DESC LIMIT 1"
)
_INSERT_MESSAGE = f"INSERT INTO messages ({_MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: S608
_UPDATE_MESSAGE = (
    "UPDATE messages SET content = ?, model = ?, prompt_tokens = ?, completion_tokens = ?,"
    " first_token_ms = ?, finish_reason = ?, error = ? WHERE id = ?"
)

_ConversationRow = tuple[object, ...]
_MessageRow = tuple[object, ...]


class ConversationStore:
    """Conversations and their message trees, in one SQLite file.

    Safe to share between the UI thread and a worker: one connection guarded by one lock, each write one
    transaction. Every method raises :class:`ConversationStoreError` (or a subclass) rather than returning
    something a caller could mistake for "nothing there"; so does the constructor when the file cannot be
    opened at all. ``clock`` gives the unix time stamped on rows. The file is ``file_path``: ``path`` is
    taken by the branch a conversation shows.
    """

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.file_path = path
        self._clock = clock
        self._lock = threading.RLock()
        self._read_only_version: int | None = None
        self._set_aside_as: Path | None = None
        self._conn: sqlite3.Connection | None = self._open()

    @property
    def read_only(self) -> bool:
        """True when the file comes from a newer version of the app: it is read, and writes raise."""
        return self._read_only_version is not None

    @property
    def set_aside_as(self) -> Path | None:
        """Where an unusable history file was kept when this store started afresh, so the UI can say so."""
        return self._set_aside_as

    def __enter__(self) -> ConversationStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Conversations

    def create_conversation(
        self,
        *,
        profile_id: str,
        model: str,
        title: str = "",
        system_prompt: str = "",
        settings: Mapping[str, object] | None = None,
    ) -> Conversation:
        now = self._clock()
        conversation = Conversation(
            id=_new_id(),
            title=title,
            created_at=now,
            updated_at=now,
            model=model,
            system_prompt=system_prompt,
            settings=_plain_settings(settings or {}),
            active_leaf_id=None,
            profile_id=profile_id,
        )
        self._write(
            "create a conversation",
            lambda conn: conn.execute(_INSERT_CONVERSATION, _conversation_row(conversation)),
        )
        return conversation

    def get_conversation(self, conversation_id: str) -> Conversation:
        return self._read("read a conversation", lambda conn: self._conversation(conn, conversation_id))

    def list_conversations(
        self, search: str = "", *, limit: int = 100, offset: int = 0
    ) -> list[Conversation]:
        """Newest-updated first. ``search`` matches the title or any message of any branch, ignoring case
        and width (NFKC, then Unicode case folding), so "ＧＰＴ" finds "gpt" and "STRASSE" finds "Straße".

        Matching is a plain substring search (``instr``), so ``%`` and ``_`` need no escaping."""
        if limit < 0 or offset < 0:
            raise ValueError(f"limit and offset cannot be negative (got {limit}, {offset})")
        needle = _fold(search.strip())
        parameters = {"needle": needle, "limit": limit, "offset": offset}
        sql = _SEARCH_CONVERSATIONS if needle else _LIST_CONVERSATIONS
        rows = self._read("list conversations", lambda conn: conn.execute(sql, parameters).fetchall())
        return [_conversation_from(row) for row in rows]

    def rename(self, conversation_id: str, title: str) -> Conversation:
        return self._change_conversation("rename a conversation", conversation_id, title=title)

    def update_conversation(
        self,
        conversation_id: str,
        *,
        model: str | Keep = KEEP,
        system_prompt: str | Keep = KEEP,
        settings: Mapping[str, object] | Keep = KEEP,
        profile_id: str | Keep = KEEP,
    ) -> Conversation:
        """Change what the next message is sent with. ``settings`` replaces the whole dict (not a merge), so
        a setting the user cleared does not linger."""
        return self._change_conversation(
            "update a conversation",
            conversation_id,
            model=model,
            system_prompt=system_prompt,
            settings=settings if settings is KEEP else _plain_settings(settings),
            profile_id=profile_id,
        )

    def delete_conversation(self, conversation_id: str) -> None:
        """Delete it and every message of every branch. Raises if it is already gone: the caller's view is
        stale and should be reloaded."""

        def change(conn: sqlite3.Connection) -> None:
            if conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,)).rowcount == 0:
                raise ConversationNotFoundError(self.file_path, conversation_id)

        self._write("delete a conversation", change)

    # Messages

    def add_message(
        self,
        conversation_id: str,
        *,
        parent_id: str | None,
        role: Role,
        content: str,
        model: str = "",
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        first_token_ms: int | None = None,
        finish_reason: str | None = None,
        error: str | None = None,
    ) -> Message:
        """Add a message under ``parent_id`` (None: a new first message) and make its branch the one shown.

        The parent is given, not assumed to be the active leaf, so a worker finishing late cannot attach an
        answer to a branch the user switched to meanwhile. A second child of the same parent is a new branch;
        the old one is kept."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {sorted(ROLES)}, not {role!r}")
        now = self._clock()
        message = Message(
            id=_new_id(),
            conversation_id=conversation_id,
            parent_id=parent_id,
            role=role,
            content=content,
            created_at=now,
            model=model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            first_token_ms=first_token_ms,
            finish_reason=finish_reason,
            error=error,
        )

        def change(conn: sqlite3.Connection) -> None:
            self._conversation(conn, conversation_id)
            if parent_id is not None:
                self._message(conn, parent_id, conversation_id)
            conn.execute(_INSERT_MESSAGE, _message_row(message))
            conn.execute(
                "UPDATE conversations SET active_leaf_id = ?, updated_at = ? WHERE id = ?",
                (message.id, now, conversation_id),
            )

        self._write("add a message", change)
        return message

    def get_message(self, message_id: str) -> Message:
        return self._read("read a message", lambda conn: self._message(conn, message_id))

    def messages(self, conversation_id: str) -> list[Message]:
        """Every message of every branch, in creation order (so each parent comes before its children)."""

        def query(conn: sqlite3.Connection) -> list[Message]:
            with transaction(conn, immediate=False):
                self._conversation(conn, conversation_id)
                return self._tree(conn, conversation_id)

        return self._read("read messages", query)

    def update_message(
        self,
        message_id: str,
        *,
        content: str | Keep = KEEP,
        model: str | Keep = KEEP,
        prompt_tokens: int | Keep | None = KEEP,
        completion_tokens: int | Keep | None = KEEP,
        first_token_ms: int | Keep | None = KEEP,
        finish_reason: str | Keep | None = KEEP,
        error: str | Keep | None = KEEP,
    ) -> Message:
        """Set the fields given (None clears one; :data:`KEEP`, the default, leaves it), e.g. the token counts
        and finish reason once an answer has streamed in. For the streaming itself, :meth:`append_to_message`
        sends only the new text."""

        def change(conn: sqlite3.Connection) -> Message:
            current = self._message(conn, message_id)
            updated = Message(
                id=current.id,
                conversation_id=current.conversation_id,
                parent_id=current.parent_id,
                role=current.role,
                content=_pick(content, current.content),
                created_at=current.created_at,
                model=_pick(model, current.model),
                prompt_tokens=_pick(prompt_tokens, current.prompt_tokens),
                completion_tokens=_pick(completion_tokens, current.completion_tokens),
                first_token_ms=_pick(first_token_ms, current.first_token_ms),
                finish_reason=_pick(finish_reason, current.finish_reason),
                error=_pick(error, current.error),
            )
            conn.execute(
                _UPDATE_MESSAGE,
                (
                    updated.content,
                    updated.model,
                    updated.prompt_tokens,
                    updated.completion_tokens,
                    updated.first_token_ms,
                    updated.finish_reason,
                    updated.error,
                    message_id,
                ),
            )
            self._touch(conn, current.conversation_id)
            return updated

        return self._write("update a message", change)

    def append_to_message(self, message_id: str, text: str) -> None:
        """Add streamed text to the end of a message. Only the new text is sent and nothing is read back, so
        saving every second while an answer streams does not resend (or re-read) the whole answer each time."""

        def change(conn: sqlite3.Connection) -> None:
            row = conn.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None:
                raise MessageNotFoundError(self.file_path, message_id)
            conn.execute("UPDATE messages SET content = content || ? WHERE id = ?", (text, message_id))
            self._touch(conn, str(row[0]))

        self._write("save streamed text", change)

    # Branches

    def path(self, conversation_id: str, leaf_id: str | None = None) -> list[Message]:
        """The messages from the first one down to ``leaf_id`` (default: the branch shown), root first.
        Empty for a conversation without messages."""

        def query(conn: sqlite3.Connection) -> list[Message]:
            with transaction(conn, immediate=False):
                return self._path(conn, self._conversation(conn, conversation_id), leaf_id)

        return self._read("read a branch", query)

    def branch(self, conversation_id: str, leaf_id: str | None = None) -> Branch:
        """The conversation, the branch shown (as :meth:`path`) and, for each of its messages that has
        siblings, their ids: what the chat shows in one read, whatever the conversation's size."""

        def query(conn: sqlite3.Connection) -> Branch:
            with transaction(conn, immediate=False):
                conversation = self._conversation(conn, conversation_id)
                messages = self._path(conn, conversation, leaf_id)
                children: dict[str | None, list[str]] = {}
                for message_id, parent_id in conn.execute(_SELECT_PARENTS, (conversation_id,)):
                    children.setdefault(parent_id, []).append(message_id)
                groups = {
                    m.id: tuple(children[m.parent_id]) for m in messages if len(children[m.parent_id]) > 1
                }
                return Branch(conversation, messages, groups)

        return self._read("read a branch", query)

    def siblings(self, message_id: str) -> list[Message]:
        """The message and the others with the same parent, oldest first: the UI shows "2/3" from the
        message's index in this list and switches branch with :meth:`newest_leaf` and :meth:`set_active_leaf`."""

        def query(conn: sqlite3.Connection) -> list[_MessageRow]:
            with transaction(conn, immediate=False):
                message = self._message(conn, message_id)
                return conn.execute(_SELECT_SIBLINGS, (message.conversation_id, message.parent_id)).fetchall()

        return [_message_from(row) for row in self._read("read siblings", query)]

    def newest_leaf(self, message_id: str) -> Message:
        """The most recent message at or below ``message_id``: switching to a sibling branch shows it down to
        where the user last left it. (The newest message of a subtree has no children, so it is a leaf.)"""

        def query(conn: sqlite3.Connection) -> _MessageRow:
            with transaction(conn, immediate=False):
                top = self._message(conn, message_id)
                parameters = {"top": message_id, "conversation": top.conversation_id}
                row: _MessageRow = conn.execute(_SELECT_NEWEST_LEAF, parameters).fetchone()
                return row

        return _message_from(self._read("find a branch's newest message", query))

    def set_active_leaf(self, conversation_id: str, message_id: str) -> Conversation:
        """Show the branch ending at ``message_id``. Not a change to the conversation itself, so it keeps its
        place in the list (``updated_at`` stays)."""

        def change(conn: sqlite3.Connection) -> Conversation:
            conversation = self._conversation(conn, conversation_id)
            self._message(conn, message_id, conversation_id)
            conn.execute(
                "UPDATE conversations SET active_leaf_id = ? WHERE id = ?", (message_id, conversation_id)
            )
            return replace(conversation, active_leaf_id=message_id)

        return self._write("switch branch", change)

    # Export

    def export_markdown(
        self, conversation_id: str, path: Path, *, labels: MarkdownLabels | None = None
    ) -> None:
        """Write the branch shown as Markdown for reading or sharing: other branches are left out, message
        text is written exactly as stored, and a code block an interrupted answer left open is closed so the
        next heading is not swallowed by it. Atomic: an existing file is replaced whole or not at all."""
        words = labels or MarkdownLabels()

        def query(conn: sqlite3.Connection) -> tuple[Conversation, list[Message]]:
            with transaction(conn, immediate=False):
                conversation = self._conversation(conn, conversation_id)
                return conversation, self._path(conn, conversation, None)

        conversation, branch = self._read("export a conversation", query)
        atomic_write_text(path, _markdown(conversation, branch, words))

    def export_json(self, conversation_id: str, path: Path) -> None:
        """Write the whole conversation, every branch, as versioned JSON (``format``, ``version``) that a
        later import can rebuild the tree from. UTF-8 with text as written, not ``\\u`` escapes. Atomic."""

        def query(conn: sqlite3.Connection) -> tuple[Conversation, list[Message]]:
            with transaction(conn, immediate=False):
                return self._conversation(conn, conversation_id), self._tree(conn, conversation_id)

        conversation, tree = self._read("export a conversation", query)
        document = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_FORMAT_VERSION,
            "conversation": asdict(conversation),
            "messages": [asdict(message) for message in tree],
        }
        atomic_write_text(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")

    # The file

    def close(self) -> None:
        """Close the file. Safe to call twice; any later use raises :class:`ConversationStoreError`."""
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is None:
                return
            if not self.read_only:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA optimize")
            conn.close()

    # Plumbing: callers hold the lock (every query goes through _read or _write).

    def _conversation(self, conn: sqlite3.Connection, conversation_id: str) -> Conversation:
        row = conn.execute(_SELECT_CONVERSATION, (conversation_id,)).fetchone()
        if row is None:
            raise ConversationNotFoundError(self.file_path, conversation_id)
        return _conversation_from(row)

    def _message(
        self, conn: sqlite3.Connection, message_id: str, conversation_id: str | None = None
    ) -> Message:
        row = conn.execute(_SELECT_MESSAGE, (message_id,)).fetchone()
        if row is None:
            raise MessageNotFoundError(self.file_path, message_id, conversation_id)
        message = _message_from(row)
        if conversation_id is not None and message.conversation_id != conversation_id:
            raise MessageNotFoundError(self.file_path, message_id, conversation_id)
        return message

    def _tree(self, conn: sqlite3.Connection, conversation_id: str) -> list[Message]:
        return [_message_from(row) for row in conn.execute(_SELECT_TREE, (conversation_id,))]

    def _path(
        self, conn: sqlite3.Connection, conversation: Conversation, leaf_id: str | None
    ) -> list[Message]:
        if leaf_id is not None:
            self._message(conn, leaf_id, conversation.id)
        leaf = conversation.active_leaf_id if leaf_id is None else leaf_id
        if leaf is None:
            return []
        parameters = {"leaf": leaf, "conversation": conversation.id}
        return [_message_from(row) for row in conn.execute(_SELECT_PATH, parameters)]

    def _touch(self, conn: sqlite3.Connection, conversation_id: str) -> None:
        conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (self._clock(), conversation_id))

    def _change_conversation(
        self,
        action: str,
        conversation_id: str,
        *,
        title: str | Keep = KEEP,
        model: str | Keep = KEEP,
        system_prompt: str | Keep = KEEP,
        settings: dict[str, object] | Keep = KEEP,
        profile_id: str | Keep = KEEP,
    ) -> Conversation:
        def change(conn: sqlite3.Connection) -> Conversation:
            current = self._conversation(conn, conversation_id)
            updated = Conversation(
                id=current.id,
                title=_pick(title, current.title),
                created_at=current.created_at,
                updated_at=self._clock(),
                model=_pick(model, current.model),
                system_prompt=_pick(system_prompt, current.system_prompt),
                settings=_pick(settings, current.settings),
                active_leaf_id=current.active_leaf_id,
                profile_id=_pick(profile_id, current.profile_id),
            )
            row = _conversation_row(updated)
            conn.execute(_UPDATE_CONVERSATION, (*row[1:], updated.id))
            return updated

        return self._write(action, change)

    def _read(self, action: str, query: Callable[[sqlite3.Connection], R]) -> R:
        with self._lock:
            conn = self._connection()
            try:
                return query(conn)
            except sqlite3.ProgrammingError:
                raise  # a bug here, not a problem with the file
            except sqlite3.DatabaseError as error:
                raise self._failed(action, error) from error

    def _write(self, action: str, change: Callable[[sqlite3.Connection], R]) -> R:
        with self._lock:
            conn = self._connection()
            if self._read_only_version is not None:
                raise StoreReadOnlyError(self.file_path, self._read_only_version)
            try:
                with transaction(conn, immediate=True):
                    return change(conn)
            except sqlite3.ProgrammingError:
                raise
            except sqlite3.DatabaseError as error:
                raise self._failed(action, error) from error

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ConversationStoreError(self.file_path, "the history is closed")
        return self._conn

    def _failed(self, action: str, error: sqlite3.DatabaseError) -> ConversationStoreError:
        if primary_code(error) not in CORRUPT or self.read_only:
            return ConversationStoreError(self.file_path, f"could not {action}: {error}")
        log.warning("The chat history %s is corrupt (%s, during: %s).", self.file_path, error, action)
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        try:
            self._conn = self._start_fresh(error)
        except ConversationStoreError:
            log.warning("No fresh chat history could be started at %s.", self.file_path)
        return StoreCorruptError(self.file_path, self._set_aside_as, str(error))

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_file()
        except (sqlite3.DatabaseError, OSError) as error:
            if isinstance(error, OSError) or primary_code(error) in NOT_THE_FILES_FAULT:
                raise ConversationStoreError(
                    self.file_path, f"the history cannot be opened: {error}"
                ) from error
            return self._start_fresh(error)

    def _start_fresh(self, problem: sqlite3.DatabaseError) -> sqlite3.Connection:
        try:
            kept = set_aside_database(self.file_path)
            self._set_aside_as = kept
            log.warning(
                "The chat history %s could not be used (%s); it was kept as %s and a fresh one started.",
                self.file_path,
                problem,
                kept,
            )
            return self._open_file()
        except (sqlite3.DatabaseError, OSError) as error:
            raise ConversationStoreError(
                self.file_path, f"the history could not be used ({problem}) nor started afresh: {error}"
            ) from error

    def _open_file(self) -> sqlite3.Connection:
        # WAL: the UI reads while a worker saves a streaming answer; a power cut may lose the last second of
        # an answer, never the file (an fsync per chunk would stall).
        conn, newer = open_database(self.file_path, MIGRATIONS, prepare=_prepare)
        if newer is not None:
            log.warning(
                "The chat history %s was written by a newer version of the app (layout %d, this one knows %d);"
                " it is only read, never written, so nothing in it is lost.",
                self.file_path,
                newer,
                len(MIGRATIONS),
            )
            self._read_only_version = newer
        return conn


def _prepare(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.create_function("ftd_fold", 1, _fold_value, deterministic=True)


def _fold(text: str) -> str:
    # SQLite's own LIKE and lower() fold ASCII only; Chinese has no case, but full-width Latin is common in it.
    return unicodedata.normalize("NFKC", text).casefold()


def _fold_value(value: object) -> str | None:
    return _fold(value) if isinstance(value, str) else None


def _new_id() -> str:
    return uuid.uuid4().hex


def _pick(new: T | Keep, old: T) -> T:
    return old if new is KEEP else new


def _plain_settings(settings: Mapping[str, object]) -> dict[str, object]:
    """A copy that reads back equal: tuples would come back as lists and number keys as text, so refuse them
    here rather than hand back something else later."""
    plain = dict(settings)
    try:
        again = json.loads(_settings_json(plain))
    except (TypeError, ValueError) as error:
        raise ValueError(f"settings must be plain JSON values: {error}") from error
    if again != plain:
        raise ValueError("settings must be plain JSON values (text keys; lists, not tuples)")
    return plain


def _settings_json(settings: Mapping[str, object]) -> str:
    return json.dumps(settings, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _conversation_row(conversation: Conversation) -> tuple[object, ...]:
    return (
        conversation.id,
        conversation.title,
        conversation.created_at,
        conversation.updated_at,
        conversation.model,
        conversation.system_prompt,
        _settings_json(conversation.settings),
        conversation.active_leaf_id,
        conversation.profile_id,
    )


def _message_row(message: Message) -> tuple[object, ...]:
    return (
        message.id,
        message.conversation_id,
        message.parent_id,
        message.role,
        message.content,
        message.created_at,
        message.model,
        message.prompt_tokens,
        message.completion_tokens,
        message.first_token_ms,
        message.finish_reason,
        message.error,
    )


# Reading rows: SQLite stores whatever it is given, so a file edited by hand or by a later version may hold a
# value of another type. Such a value reads as empty rather than making the whole history unreadable.


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _optional_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _optional_whole(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _time(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _settings_from(value: object) -> dict[str, object]:
    try:
        settings = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        settings = None
    if isinstance(settings, dict):
        return settings
    log.warning("A conversation's settings could not be read; it uses the defaults.")
    return {}


def _conversation_from(row: _ConversationRow) -> Conversation:
    return Conversation(
        id=_text(row[0]),
        title=_text(row[1]),
        created_at=_time(row[2]),
        updated_at=_time(row[3]),
        model=_text(row[4]),
        system_prompt=_text(row[5]),
        settings=_settings_from(row[6]),
        active_leaf_id=_optional_text(row[7]),
        profile_id=_text(row[8]),
    )


def _message_from(row: _MessageRow) -> Message:
    return Message(
        id=_text(row[0]),
        conversation_id=_text(row[1]),
        parent_id=_optional_text(row[2]),
        role=_text(row[3]),
        content=_text(row[4]),
        created_at=_time(row[5]),
        model=_text(row[6]),
        prompt_tokens=_optional_whole(row[7]),
        completion_tokens=_optional_whole(row[8]),
        first_token_ms=_optional_whole(row[9]),
        finish_reason=_optional_text(row[10]),
        error=_optional_text(row[11]),
    )


# Markdown

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def _markdown(conversation: Conversation, branch: list[Message], labels: MarkdownLabels) -> str:
    title = " ".join(conversation.title.split()) or labels.untitled
    parts = [f"# {title}\n"]
    if conversation.system_prompt:
        parts.append(f"## {labels.system}\n\n{_closed_block(conversation.system_prompt)}")
    role_labels = {"system": labels.system, "user": labels.user, "assistant": labels.assistant}
    for message in branch:
        label = role_labels.get(message.role) or labels.roles.get(message.role) or message.role
        heading = f"## {label} (`{message.model}`)" if message.model else f"## {label}"
        section = f"{heading}\n\n{_closed_block(message.content)}" if message.content else f"{heading}\n"
        if message.error and labels.broke_off:
            section += f"\n> **{labels.broke_off}**\n"
        elif message.error:
            first, *rest = message.error.splitlines() or [""]
            quoted = [f"> **{labels.error}:** {first}", *(f"> {line}" for line in rest)]
            section += "\n" + "\n".join(quoted) + "\n"
        parts.append(section)
    return "\n".join(parts)


def _closed_block(text: str) -> str:
    """``text`` as written, ending in a newline, with a code fence it leaves open closed after it."""
    closing = _open_fence(text)
    text = text if text.endswith("\n") else text + "\n"
    return text + closing + "\n" if closing else text


def _open_fence(text: str) -> str | None:
    """The fence that closes a code block ``text`` leaves open (CommonMark: the same character, at least as
    long, alone on its line), or None."""
    opened: str | None = None
    for line in re.split(r"\r\n|\r|\n", text):
        match = _FENCE.match(line)
        if match is None:
            continue
        fence = match.group(1)
        rest = line[match.end() :]
        if opened is None:
            if not (fence[0] == "`" and "`" in rest):  # an info string of a backtick fence has no backticks
                opened = fence
        elif fence[0] == opened[0] and len(fence) >= len(opened) and not rest.strip():
            opened = None
    return opened
