"""The one interface the app uses to reach a training and chat service.

Adding a provider (Together, Fireworks, a local trainer, ...) means subclassing :class:`TrainingProvider`
and implementing every abstract method so that it:

* returns only the plain dataclasses of :mod:`desktop_app.providers.types`, never SDK objects;
* raises :class:`~desktop_app.providers.errors.ProviderError` (with the right :class:`ErrorKind`) for every
  failure, and :class:`~desktop_app.providers.errors.UnsupportedFeatureError` when the service lacks an
  optional part (see :class:`Capability`); call :meth:`TrainingProvider.mark_unsupported` then, so the UI
  hides that feature for the rest of the session;
* is safe to call from worker threads (several at once), and never blocks forever: every network call has
  a timeout;
* returns a :class:`TextStream` from the streaming methods, whose ``close`` (callable from any thread) ends the
  answer promptly, even while a read is waiting on the network, and on which it records (``TextStream.record``)
  the answer's token usage and finish reason as far as the service reports them.

Nothing else in the app changes: the UI asks ``supports(capability)`` and shows or hides buttons.
"""

from __future__ import annotations

import abc
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError
from desktop_app.providers.types import (
    Capability,
    ChatMessage,
    Checkpoint,
    GenerationOptions,
    Job,
    JobEvent,
    JobRequest,
    ModelInfo,
    Page,
    UploadedFile,
    Usage,
)

log = logging.getLogger(__name__)

# After these an upload may or may not have reached the service.
_LOST_UPLOAD_KINDS = frozenset(
    {ErrorKind.TIMEOUT, ErrorKind.CONNECTION, ErrorKind.SERVER, ErrorKind.BAD_RESPONSE}
)
UPLOAD_ATTEMPTS = 3
EVENTS_PAGE = 100  # events asked for per page (OpenAI's maximum)
FOLLOW_EVENTS_PAGE = 10  # the first page when some are known already
_UPLOAD_RETRY_WAIT_S = 0.5  # doubled after each failed attempt
_CLOCK_SLACK_S = 120  # the service's clock may differ from ours

# A file in one of these states cannot train a model (OpenAI's "error"; "deleted" from some compatible services).
_UNUSABLE_FILE_STATUSES = frozenset({"error", "deleted"})
# Answers about one file's content that say "not this one" rather than "something is wrong".
_FILE_REFUSED_KINDS = frozenset({ErrorKind.BAD_REQUEST, ErrorKind.PERMISSION, ErrorKind.NOT_FOUND})


class TextStream(Iterator[str]):
    """An answer arriving in pieces. Iterate it for text; ``close()`` from any thread stops it early.

    What the service says about the answer as a whole arrives with its last pieces, so :attr:`usage` and
    :attr:`finish_reason` are None until the stream has been read to its end (and may stay None: not every
    service reports them, and a stream closed early never gets them).
    """

    def __init__(self, pieces: Iterator[str], close: Callable[[], None]) -> None:
        self._pieces = pieces
        self._close = close
        self._closed = threading.Event()
        self._usage: Usage | None = None
        self._finish_reason: str | None = None

    @property
    def usage(self) -> Usage | None:
        """The tokens the answer cost, as the service counted them (STREAM_USAGE capability)."""
        return self._usage

    @property
    def finish_reason(self) -> str | None:
        """Why the service ended the answer, in its words: "stop" (finished or reached a stop sequence),
        "length" (the token limit), "content_filter"...; None while unknown."""
        return self._finish_reason

    def record(self, *, usage: Usage | None = None, finish_reason: str | None = None) -> None:
        """For the provider, while the stream is read: note what the service said; None keeps what is known."""
        if usage is not None:
            self._usage = usage
        if finish_reason is not None:
            self._finish_reason = finish_reason

    def __iter__(self) -> TextStream:
        return self

    def __next__(self) -> str:
        if self._closed.is_set():
            raise StopIteration
        return next(self._pieces)

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def close(self) -> None:
        if not self._closed.is_set():
            self._closed.set()
            self._close()


class UploadMemory(Protocol):
    """Where the app keeps the sha256 of each file it uploaded (it outlives a provider: a later run asks it), so
    a file is recognised without downloading it, which OpenAI refuses for fine-tuning files."""

    def digest_of(self, file_id: str) -> str | None: ...

    def remember(self, file_id: str, sha256: str) -> None: ...


class TrainingProvider(abc.ABC):
    """A fine-tuning and chat service. See the module docstring for the contract."""

    #: Short human name of the service kind, e.g. "OpenAI" or "Practice".
    display_name: str = ""

    def __init__(self) -> None:
        self._unsupported: set[Capability] = set()
        self._lock = threading.Lock()
        # File id -> sha256 of its content, or None when the service would not hand the content out. A file's
        # content never changes under its id, so the cache needs no expiry.
        self._file_digests: dict[str, str | None] = {}

    # ---- capabilities -------------------------------------------------------------------------------
    def supports(self, capability: Capability) -> bool:
        with self._lock:
            return capability not in self._unsupported

    def mark_unsupported(self, capability: Capability) -> None:
        with self._lock:
            self._unsupported.add(capability)

    # ---- files ----------------------------------------------------------------------------------------
    @abc.abstractmethod
    def upload_training_file(
        self, filename: str, content: bytes, progress: Callable[[int, int], None] | None = None
    ) -> UploadedFile:
        """Upload JSONL for fine-tuning, in one attempt (a repeat could store a second copy); ``filename``
        must end in .jsonl. Use :meth:`upload_file_once`, which retries without duplicates.

        ``progress(bytes_sent, total)`` is called (in the calling thread) as the body goes out.
        """

    @abc.abstractmethod
    def list_files(self, *, purpose: str | None = "fine-tune") -> list[UploadedFile]:
        """Every file uploaded to the service (all pages), newest first; ``purpose=None`` lists all purposes.

        FILES capability.
        """

    @abc.abstractmethod
    def delete_file(self, file_id: str) -> None:
        """Remove a file from the service (NOT_FOUND when it is already gone)."""

    @abc.abstractmethod
    def fetch_file_content(self, file_id: str) -> bytes:
        """Raw bytes of a file, e.g. a job's result CSV (RESULT_FILES capability)."""

    # ---- jobs -----------------------------------------------------------------------------------------
    @abc.abstractmethod
    def create_job(self, request: JobRequest) -> Job: ...

    @abc.abstractmethod
    def list_jobs(self, *, after: str | None = None, limit: int = 20) -> Page[Job]:
        """Newest first, one page; follow ``page.next_after`` for more."""

    @abc.abstractmethod
    def retrieve_job(self, job_id: str) -> Job: ...

    @abc.abstractmethod
    def cancel_job(self, job_id: str) -> Job: ...

    @abc.abstractmethod
    def pause_job(self, job_id: str) -> Job:
        """PAUSE_RESUME capability."""

    @abc.abstractmethod
    def resume_job(self, job_id: str) -> Job:
        """PAUSE_RESUME capability."""

    @abc.abstractmethod
    def list_events(self, job_id: str, *, after: str | None = None, limit: int = 50) -> Page[JobEvent]:
        """Newest first, as OpenAI lists them (EVENTS capability)."""

    @abc.abstractmethod
    def list_checkpoints(self, job_id: str, *, after: str | None = None, limit: int = 10) -> Page[Checkpoint]:
        """CHECKPOINTS capability."""

    # ---- models ---------------------------------------------------------------------------------------
    @abc.abstractmethod
    def list_models(self) -> list[ModelInfo]: ...

    @abc.abstractmethod
    def delete_model(self, model_id: str) -> None:
        """DELETE_MODEL capability."""

    # ---- inference ------------------------------------------------------------------------------------
    @abc.abstractmethod
    def stream_chat(
        self, model: str, messages: Sequence[ChatMessage], options: GenerationOptions
    ) -> TextStream:
        """The answer's text in pieces as they arrive."""

    @abc.abstractmethod
    def stream_completion(self, model: str, prompt: str, options: GenerationOptions) -> TextStream:
        """Legacy prompt/completion models (LEGACY_COMPLETIONS capability)."""

    def check_connection(self) -> int:
        """Prove the key and address work; returns how many models the service lists."""
        return len(self.list_models())

    def close(self) -> None:  # noqa: B027 - an optional hook, not every provider holds resources
        """Release network resources. Default: nothing to release."""

    # ---- derived helpers that every provider gets for free -------------------------------------------------
    def find_uploaded_file(
        self, filename: str, content: bytes, *, memory: UploadMemory | None = None
    ) -> UploadedFile | None:
        """An earlier upload of exactly these bytes under this name, to use again instead of uploading.

        Candidates (same name and size, not failed or deleted) are compared by sha256: the digest ``memory``
        kept when the app uploaded it, else the candidate downloaded once (digests are remembered for the life
        of this provider). None when there is no such file or the service cannot list files. A candidate the
        service will not hand out (OpenAI refuses to download fine-tuning files) and that ``memory`` does not
        know, or that vanished meanwhile, is skipped; other failures are raised.
        """
        try:
            files = self.list_files(purpose="fine-tune")
        except UnsupportedFeatureError:
            return None
        size = len(content)
        candidates = [
            f
            for f in files
            if f.filename == filename and f.bytes == size and f.status not in _UNUSABLE_FILE_STATUSES
        ]
        if not candidates:
            return None
        wanted = hashlib.sha256(content).hexdigest()
        remembered = {c.id: memory.digest_of(c.id) for c in candidates} if memory is not None else {}
        for candidate in candidates:
            if remembered.get(candidate.id) == wanted:
                return candidate
        for candidate in candidates:
            if remembered.get(candidate.id) is None and self._file_digest(candidate.id) == wanted:
                return candidate  # not uploaded by the app (or before it remembered): its content compared
        return None

    def upload_file_once(
        self,
        filename: str,
        content: bytes,
        progress: Callable[[int, int], None] | None = None,
        *,
        should_stop: Callable[[], bool] | None = None,
        memory: UploadMemory | None = None,
    ) -> tuple[UploadedFile, bool]:
        """The service's copy of these bytes: an earlier upload reused, or a new one; ``(file, reused)``.

        When an attempt's outcome is unknown (the connection went, the answer was lost or unreadable, a 5xx),
        the file may have arrived: it is looked for before uploading again, so a flaky network never leaves
        two copies (where the service hands out file content, matched by its sha256; where it does not, as on
        OpenAI, by name and size among the files stored since the attempt began). ``should_stop`` is asked
        before each new attempt, and it ends the retries. ``memory`` recognises the app's own earlier uploads
        without downloading them, and learns of this one.
        """
        known = self.find_uploaded_file(filename, content, memory=memory)
        if known is not None:
            return known, True
        uploaded = self._upload_retrying(filename, content, progress, should_stop)
        if memory is not None:
            memory.remember(uploaded[0].id, hashlib.sha256(content).hexdigest())
        return uploaded

    def _upload_retrying(
        self,
        filename: str,
        content: bytes,
        progress: Callable[[int, int], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> tuple[UploadedFile, bool]:
        wait = _UPLOAD_RETRY_WAIT_S
        for attempt in range(1, UPLOAD_ATTEMPTS + 1):
            started = time.time()
            try:
                return self.upload_training_file(filename, content, progress), False
            except ProviderError as exc:
                if exc.kind not in _LOST_UPLOAD_KINDS or attempt == UPLOAD_ATTEMPTS:
                    raise
                if should_stop is not None and should_stop():
                    raise
                log.info(
                    "upload of %s: attempt %d failed (%s); looking for it before trying again",
                    filename,
                    attempt,
                    exc.kind.value,
                )
                time.sleep(wait)  # first: a late answer's file has a moment to land
                wait *= 2
                arrived = self._find_arrived(filename, content, since=started - _CLOCK_SLACK_S)
                if arrived is not None:
                    return arrived, True
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _find_arrived(self, filename: str, content: bytes, *, since: float) -> UploadedFile | None:
        """The file an upload whose answer was lost stored, if it did (never raises: a guess, not a call)."""
        try:
            exact = self.find_uploaded_file(filename, content)
            if exact is not None:
                return exact
            newest = [
                f
                for f in self.list_files(purpose="fine-tune")
                if f.filename == filename
                and f.bytes == len(content)
                and f.created_at >= since
                and f.status not in _UNUSABLE_FILE_STATUSES
            ]
        except ProviderError:
            return None
        # Name and size do only for a file whose content could not be compared (the service keeps it).
        blind = [f for f in newest if self._known_digest(f.id) is None]
        return max(blind, key=lambda f: f.created_at) if blind else None

    def _known_digest(self, file_id: str) -> str | None:
        with self._lock:
            return self._file_digests.get(file_id)

    def _file_digest(self, file_id: str) -> str | None:
        with self._lock:
            if file_id in self._file_digests:
                return self._file_digests[file_id]
        try:
            digest: str | None = hashlib.sha256(self.fetch_file_content(file_id)).hexdigest()
        except UnsupportedFeatureError:
            return None  # the service hands out no file content at all (not remembered: it is a capability)
        except ProviderError as exc:
            if exc.kind not in _FILE_REFUSED_KINDS:
                raise
            if exc.kind is ErrorKind.NOT_FOUND:
                return None  # deleted meanwhile: nothing to remember
            digest = None
        with self._lock:
            self._file_digests[file_id] = digest
        return digest

    def new_events(self, job_id: str, newest_known_id: str | None, *, max_pages: int = 20) -> list[JobEvent]:
        """Events newer than ``newest_known_id``, oldest first, paging back until a known one is met.

        Events come newest first, and ``after`` pages towards older ones, so the first page usually holds
        everything new; a job that logged a lot since the last look is followed page by page. When some
        events are known, the first page is small: a look every few seconds finds one or two new events, and
        reading (and parsing) a hundred each time was most of a followed job's cost.
        """
        fresh: list[JobEvent] = []
        after: str | None = None
        limit = FOLLOW_EVENTS_PAGE if newest_known_id is not None else EVENTS_PAGE
        for _ in range(max_pages):
            page = self.list_events(job_id, after=after, limit=limit)
            limit = EVENTS_PAGE
            for event in page.items:
                if event.id == newest_known_id:
                    fresh.reverse()
                    return fresh
                fresh.append(event)
            after = page.next_after
            if after is None:
                break
        fresh.reverse()
        return fresh
