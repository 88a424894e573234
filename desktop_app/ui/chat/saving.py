"""Keeping an exchange in the chat history from the thread that streams the answer.

Every call to the store happens here, in the worker's thread (the UI thread never waits on the disk). A store
that fails (disk full, a newer app's file) never stops the chat: the first failure is reported once, and the
rest of the exchange is simply not kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from desktop_app.storage.conversations import ConversationStore, ConversationStoreError

SAVE_EVERY_S = 1.0  # a streamed answer is saved this often: a crash loses at most the last second of it
TITLE_CHARS = 40


def title_from(question: str) -> str:
    """The conversation's first question, on one line and cut short: a title until the user renames it."""
    line = " ".join(question.split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1].rstrip() + "…"


class ExchangeSaver:
    """One question and its answer, written as they happen.

    ``report`` receives ``("saved", conversation_id, question_id, answer_id)`` once both messages exist (the
    next question follows that answer), and ``("unsaved", error)`` the first time the store fails. A question
    already kept (an answer regenerated) is passed as ``question_id`` and not written again.
    """

    def __init__(
        self,
        store: ConversationStore | None,
        report: Callable[[object], None],
        *,
        conversation_id: str | None,
        parent_id: str | None,
        profile_id: str,
        model: str,
        system_prompt: str,
        settings: dict[str, object] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._report = report
        self._conversation_id = conversation_id
        self._parent_id = parent_id
        self._profile_id = profile_id
        self._model = model
        self._system_prompt = system_prompt
        self._settings = settings or {}
        self._clock = clock
        self._answer_id: str | None = None
        self._pending: list[str] = []
        self._saved_at = 0.0

    def begin(self, question: str, *, question_id: str | None = None) -> None:
        store = self._store
        if store is None:
            return
        try:
            conversation_id = self._conversation_id
            if conversation_id is None:
                conversation_id = store.create_conversation(
                    profile_id=self._profile_id,
                    model=self._model,
                    title=title_from(question),
                    system_prompt=self._system_prompt,
                    settings=self._settings,
                ).id
            else:
                store.update_conversation(
                    conversation_id,
                    model=self._model,
                    system_prompt=self._system_prompt,
                    settings=self._settings,
                    profile_id=self._profile_id,  # the service that answers now: reopened, it is asked again
                )
            if question_id is None:
                question_id = store.add_message(
                    conversation_id,
                    parent_id=self._parent_id,
                    role="user",
                    content=question,
                    model=self._model,
                ).id
            answer = store.add_message(
                conversation_id, parent_id=question_id, role="assistant", content="", model=self._model
            )
        except ConversationStoreError as error:
            self._fail(error)
            return
        self._answer_id = answer.id
        self._saved_at = self._clock()
        self._report(("saved", conversation_id, question_id, answer.id))

    def add(self, text: str) -> None:
        if self._answer_id is None:
            return
        self._pending.append(text)
        if self._clock() - self._saved_at >= SAVE_EVERY_S:
            self._flush()

    def end(
        self,
        *,
        finish_reason: str,
        error: str | None = None,
        first_token_ms: int | None = None,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
    ) -> None:
        if self._answer_id is None:
            return
        self._flush()
        if self._store is None or self._answer_id is None:
            return
        try:
            self._store.update_message(
                self._answer_id,
                finish_reason=finish_reason,
                error=error,
                first_token_ms=first_token_ms,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
            )
        except ConversationStoreError as failure:
            self._fail(failure)

    def _flush(self) -> None:
        if not self._pending or self._store is None or self._answer_id is None:
            return
        text, self._pending = "".join(self._pending), []
        self._saved_at = self._clock()
        try:
            self._store.append_to_message(self._answer_id, text)
        except ConversationStoreError as error:
            self._fail(error)

    def _fail(self, error: ConversationStoreError) -> None:
        self._answer_id = None
        self._report(("unsaved", error))
