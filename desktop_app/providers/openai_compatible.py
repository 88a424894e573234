"""OpenAI's fine-tuning API through the official SDK: OpenAI, Azure OpenAI and any compatible base URL.

LiteLLM, Zhipu, Nebius, LocalAI and the Practice simulator all speak this shape; they differ in which optional
endpoints exist, so every optional call degrades to :class:`UnsupportedFeatureError` on 404/405/501; and in
which options they take, so a streamed answer asks for its token counts only until a service rejects that.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import httpx2
import openai
import pydantic

from desktop_app.providers.base import TextStream, TrainingProvider
from desktop_app.providers.connection import DEFAULT_AZURE_API_VERSION, ConnectionConfig, ServiceKind
from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError
from desktop_app.providers.types import (
    Capability,
    ChatMessage,
    Checkpoint,
    GenerationOptions,
    Hyperparameters,
    Job,
    JobError,
    JobEvent,
    JobRequest,
    ModelInfo,
    Page,
    UploadedFile,
    Usage,
)

log = logging.getLogger(__name__)

R = TypeVar("R")

# Status codes with which a service says "I have no such endpoint".
_MISSING_ENDPOINT_CODES = frozenset({404, 405, 501})

_NOT_FOUND_CODES = frozenset({"model_not_found", "fine_tune_not_found", "not_found"})


# After these the service may or may not have acted on a request.
_UNKNOWN_OUTCOME_KINDS = frozenset(
    {ErrorKind.TIMEOUT, ErrorKind.CONNECTION, ErrorKind.SERVER, ErrorKind.BAD_RESPONSE}
)

# What reading an answer that is not the JSON asked for raises, in the SDK or in our conversions: a cut body,
# bytes that are not UTF-8, a proxy's HTML page (the SDK hands back text), another object (fields missing).
_UNREADABLE_ANSWER_ERRORS = (
    json.JSONDecodeError,
    UnicodeDecodeError,
    AttributeError,
    TypeError,
    KeyError,
    pydantic.ValidationError,
)
_CLOCK_SLACK_S = 120  # the service's clock may differ from ours

_DISPLAY_NAMES = {
    ServiceKind.PRACTICE: "Practice",
    ServiceKind.OPENAI: "OpenAI",
    ServiceKind.AZURE: "Azure OpenAI",
    ServiceKind.COMPATIBLE: "OpenAI-compatible",
}


def build_client(config: ConnectionConfig) -> openai.OpenAI:
    timeout = httpx2.Timeout(config.timeout, connect=config.connect_timeout)
    if config.kind is ServiceKind.AZURE:
        return openai.AzureOpenAI(
            api_key=config.api_key,
            azure_endpoint=config.azure_endpoint,
            api_version=config.api_version or DEFAULT_AZURE_API_VERSION,
            timeout=timeout,
            max_retries=config.max_retries,
        )
    return openai.OpenAI(
        api_key=config.api_key,
        base_url=config.base_url or None,
        organization=config.organization or None,
        project=config.project or None,
        timeout=timeout,
        max_retries=config.max_retries,
    )


class OpenAICompatibleProvider(TrainingProvider):
    #: Files asked for per page when listing files (OpenAI allows up to 10,000).
    files_page_size: int = 1000

    def __init__(self, config: ConnectionConfig, *, client: openai.OpenAI | None = None) -> None:
        super().__init__()
        self.config = config
        self.kind = config.kind
        self.display_name = _DISPLAY_NAMES[config.kind]
        self._client = client if client is not None else build_client(config)

    def close(self) -> None:
        self._client.close()

    # ---- error handling -------------------------------------------------------------------------------
    def _call(
        self,
        operation: str,
        fn: Callable[[], R],
        optional: Capability | None = None,
        job_id: str | None = None,
        file_id: str | None = None,
        *,
        model: str | None = None,
    ) -> R:
        """Run one SDK call and read its answer (`fn` does both), translating failures. For an optional
        endpoint, 405/501 mean "not offered"; so does 404, unless the job (or file) itself is gone: a 404
        about one deleted job must not hide a feature for all. ``model`` (the one a chat or completion asks
        for) goes into the error, for a message naming it."""
        if optional is not None and not self.supports(optional):
            raise UnsupportedFeatureError(optional, operation=operation, provider_name=self.display_name)
        try:
            return fn()
        except openai.APIStatusError as exc:
            # A 404 that names a missing model is about the model, not about a missing endpoint.
            missing_thing = exc.status_code == 404 and exc.code in _NOT_FOUND_CODES
            if optional is not None and exc.status_code in _MISSING_ENDPOINT_CODES and not missing_thing:
                if exc.status_code == 404 and job_id is not None:
                    self.retrieve_job(job_id)  # raises NOT_FOUND when the job is what is missing
                if exc.status_code == 404 and file_id is not None:
                    # Likewise for a deleted file (OpenAI's 404 for one carries no code).
                    self._call("fetch_file", lambda: self._client.files.retrieve(file_id))
                self.mark_unsupported(optional)
                log.info(
                    "%s: %s lacks %s (HTTP %s)", operation, self.display_name, optional.value, exc.status_code
                )
                raise UnsupportedFeatureError(
                    optional, operation=operation, provider_name=self.display_name
                ) from exc
            raise self._translate(exc, operation, model) from exc
        except (openai.APIError, httpx2.HTTPError, UnicodeEncodeError) as exc:
            raise self._translate(exc, operation, model) from exc
        except _UNREADABLE_ANSWER_ERRORS as exc:
            raise self._unreadable(exc, operation) from exc

    def _unreadable(self, exc: Exception, operation: str) -> ProviderError:
        # The details are for the log; the user learns what it means and what to check.
        log.warning("%s: %s sent an answer that cannot be read: %r", operation, self.display_name, exc)
        return ProviderError(ErrorKind.BAD_RESPONSE, "", operation=operation, provider_name=self.display_name)

    def _translate(self, exc: Exception, operation: str, model: str | None = None) -> ProviderError:
        return translate_error(exc, operation, provider_name=self.display_name, model=model)

    # ---- files ----------------------------------------------------------------------------------------
    def upload_training_file(
        self, filename: str, content: bytes, progress: Callable[[int, int], None] | None = None
    ) -> UploadedFile:
        body: bytes | _ProgressReader = content if progress is None else _ProgressReader(content, progress)
        # One attempt: the SDK's own retries would store a second copy when only the answer was lost;
        # upload_file_once looks for the file before trying again.
        once = self._client.with_options(max_retries=0)
        return self._call(
            "upload_file",
            lambda: _uploaded_file_from_sdk(once.files.create(file=(filename, body), purpose="fine-tune")),
        )

    def list_files(self, *, purpose: str | None = "fine-tune") -> list[UploadedFile]:
        files: dict[str, UploadedFile] = {}
        after: str | None = None
        for _ in range(_MAX_FILE_PAGES):
            kwargs: dict[str, Any] = {"limit": self.files_page_size}
            if purpose is not None:
                kwargs["purpose"] = purpose
            if after is not None:
                kwargs["after"] = after
            page = self._files_page(kwargs)
            fresh = [f for f in page.items if f.id not in files]
            files.update((f.id, f) for f in fresh)
            if not page.has_more or not fresh:  # no new file: a service ignoring `after` would loop forever
                break
            after = page.items[-1].id
        # Services that ignore `purpose` or `order` are put right here; the sort is stable for equal times.
        listed = [f for f in files.values() if purpose is None or f.purpose == purpose]
        listed.sort(key=lambda f: f.created_at, reverse=True)
        return listed

    def _files_page(self, kwargs: dict[str, Any]) -> Page[UploadedFile]:
        def read() -> Page[UploadedFile]:
            page = self._client.files.list(**kwargs)
            return Page(tuple(_uploaded_file_from_sdk(f) for f in page.data), bool(page.has_more))

        return self._call("list_files", read, optional=Capability.FILES)

    def delete_file(self, file_id: str) -> None:
        self._call("delete_file", lambda: self._client.files.delete(file_id))

    def fetch_file_content(self, file_id: str) -> bytes:
        return self._call(
            "fetch_file",
            lambda: self._client.files.content(file_id).read(),
            optional=Capability.RESULT_FILES,
            file_id=file_id,
        )

    # ---- jobs -----------------------------------------------------------------------------------------
    def create_job(self, request: JobRequest) -> Job:
        hyper: dict[str, Any] = {}
        hp = request.hyperparameters
        if hp.n_epochs is not None:
            hyper["n_epochs"] = hp.n_epochs
        if hp.batch_size is not None:
            hyper["batch_size"] = hp.batch_size
        if hp.learning_rate_multiplier is not None:
            hyper["learning_rate_multiplier"] = hp.learning_rate_multiplier
        kwargs: dict[str, Any] = {"model": request.base_model, "training_file": request.training_file_id}
        if request.validation_file_id:
            kwargs["validation_file"] = request.validation_file_id
        if request.suffix:
            kwargs["suffix"] = request.suffix
        if request.seed is not None:
            kwargs["seed"] = request.seed
        if request.metadata:
            kwargs["metadata"] = dict(request.metadata)
        if request.method == "dpo" and request.beta is not None:
            hyper["beta"] = request.beta
        # `method` replaces the deprecated top-level `hyperparameters`; "auto" values are left out (the
        # spec's default). A plain supervised job without settings sends none, for services that predate it.
        if request.method != "supervised" or hyper:
            kwargs["method"] = {"type": request.method, request.method: {"hyperparameters": hyper}}
        # Creating a job is not safe to repeat: the SDK's own retries (after a cut answer, a timeout or a 5xx)
        # made a second job when the first answer was lost. One attempt; when its outcome is unknown, look
        # for the job among the newest before saying it failed.
        once = self._client.with_options(max_retries=0)
        started = time.time()
        try:
            return self._call("create_job", lambda: _job_from_sdk(once.fine_tuning.jobs.create(**kwargs)))
        except ProviderError as exc:
            if exc.kind not in _UNKNOWN_OUTCOME_KINDS:
                raise
            made = self._find_created(request, since=started - _CLOCK_SLACK_S)
            if made is None:
                raise
            log.info("create_job: the answer was lost but the job exists: %s", made.id)
            return made

    def _find_created(self, request: JobRequest, *, since: float) -> Job | None:
        """The job a create whose answer was lost made, if it exists: the newest one on the same file,
        base model and suffix, created since the request went out."""
        try:
            newest = self.list_jobs(limit=20).items
        except ProviderError:
            return None
        for job in newest:
            if (
                job.training_file == request.training_file_id
                and job.model == request.base_model
                and (job.suffix or None) == (request.suffix or None)
                and job.created_at >= since
            ):
                return job
        return None

    def list_jobs(self, *, after: str | None = None, limit: int = 20) -> Page[Job]:
        kwargs = _page_args(after, limit)
        return self._call(
            "list_jobs", lambda: _page_of(self._client.fine_tuning.jobs.list(**kwargs), _job_from_sdk)
        )

    def retrieve_job(self, job_id: str) -> Job:
        return self._call(
            "retrieve_job", lambda: _job_from_sdk(self._client.fine_tuning.jobs.retrieve(job_id))
        )

    def cancel_job(self, job_id: str) -> Job:
        return self._call("cancel_job", lambda: _job_from_sdk(self._client.fine_tuning.jobs.cancel(job_id)))

    def pause_job(self, job_id: str) -> Job:
        return self._call(
            "pause_job",
            lambda: _job_from_sdk(self._client.fine_tuning.jobs.pause(job_id)),
            optional=Capability.PAUSE_RESUME,
            job_id=job_id,
        )

    def resume_job(self, job_id: str) -> Job:
        return self._call(
            "resume_job",
            lambda: _job_from_sdk(self._client.fine_tuning.jobs.resume(job_id)),
            optional=Capability.PAUSE_RESUME,
            job_id=job_id,
        )

    def list_events(self, job_id: str, *, after: str | None = None, limit: int = 50) -> Page[JobEvent]:
        kwargs = _page_args(after, limit)
        return self._call(
            "list_events",
            lambda: _page_of(self._client.fine_tuning.jobs.list_events(job_id, **kwargs), _event_from_sdk),
            optional=Capability.EVENTS,
            job_id=job_id,
        )

    def list_checkpoints(self, job_id: str, *, after: str | None = None, limit: int = 10) -> Page[Checkpoint]:
        kwargs = _page_args(after, limit)
        return self._call(
            "list_checkpoints",
            lambda: _page_of(
                self._client.fine_tuning.jobs.checkpoints.list(job_id, **kwargs), _checkpoint_from_sdk
            ),
            optional=Capability.CHECKPOINTS,
            job_id=job_id,
        )

    # ---- models ---------------------------------------------------------------------------------------
    def list_models(self) -> list[ModelInfo]:
        return self._call(
            "list_models", lambda: [_model_from_sdk(m) for m in self._client.models.list().data]
        )

    def delete_model(self, model_id: str) -> None:
        self._call(
            "delete_model", lambda: self._client.models.delete(model_id), optional=Capability.DELETE_MODEL
        )

    # ---- inference ------------------------------------------------------------------------------------
    def stream_chat(
        self, model: str, messages: Sequence[ChatMessage], options: GenerationOptions
    ) -> TextStream:
        kwargs: dict[str, Any] = {
            "model": model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
        }
        if options.max_tokens is not None:
            kwargs["max_completion_tokens"] = options.max_tokens
        kwargs.update(_sampling_args(options))
        stream = self._open_stream("chat", model, self._client.chat.completions.create, kwargs)
        return self._text_stream(stream, "chat", _chat_chunk_text)

    def stream_completion(self, model: str, prompt: str, options: GenerationOptions) -> TextStream:
        kwargs: dict[str, Any] = {"model": model, "prompt": prompt, "stream": True}
        kwargs["max_tokens"] = options.max_tokens if options.max_tokens is not None else 256
        kwargs.update(_sampling_args(options))
        stream = self._open_stream(
            "completion",
            model,
            self._client.completions.create,
            kwargs,
            optional=Capability.LEGACY_COMPLETIONS,
        )
        return self._text_stream(stream, "completion", _completion_chunk_text)

    def _open_stream(
        self,
        operation: str,
        model: str,
        create: Callable[..., Any],
        kwargs: dict[str, Any],
        optional: Capability | None = None,
    ) -> Any:
        """Start a streamed answer, asking for its token counts while the service takes the option.

        A service that rejects ``stream_options`` (a 400 naming it) is asked once more without it, and never
        again in this session: the answer matters more than its counts.
        """
        if not self.supports(Capability.STREAM_USAGE):
            return self._call(operation, lambda: create(**kwargs), optional=optional, model=model)
        with_usage = {**kwargs, "stream_options": {"include_usage": True}}
        try:
            return self._call(operation, lambda: create(**with_usage), optional=optional, model=model)
        except ProviderError as exc:
            if not _rejects_stream_options(exc):
                raise
            self.mark_unsupported(Capability.STREAM_USAGE)
            log.info(
                "%s: %s rejects stream_options (HTTP %s); streaming without token counts",
                operation,
                self.display_name,
                exc.status_code,
            )
        return self._call(operation, lambda: create(**kwargs), optional=optional, model=model)

    def _text_stream(self, stream: Any, operation: str, text_of: Callable[[Any], str]) -> TextStream:
        def close() -> None:
            # Closing a socket does not wake a thread blocked reading it (Linux); shutting it down does.
            with contextlib.suppress(Exception):
                network_stream = stream.response.extensions["network_stream"]
                network_stream.get_extra_info("socket").shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(Exception):  # closing a broken stream may fail again; nothing to add
                stream.close()

        def pieces() -> Iterator[str]:
            try:
                for chunk in stream:
                    text = text_of(chunk)
                    text_stream.record(usage=_chunk_usage(chunk), finish_reason=_chunk_finish_reason(chunk))
                    if text:
                        yield text
            except Exception as exc:
                if (
                    text_stream.closed
                ):  # reading a stream we closed ourselves fails, in many ways: that is the stop
                    return
                if isinstance(exc, openai.APIError | httpx2.HTTPError | OSError):
                    raise self._translate(exc, operation) from exc
                if isinstance(exc, _UNREADABLE_ANSWER_ERRORS):
                    raise self._unreadable(exc, operation) from exc
                raise
            finally:
                close()

        text_stream = TextStream(pieces(), close)
        return text_stream


def _sampling_args(options: GenerationOptions) -> dict[str, Any]:
    """The sampling settings chat and legacy completions share; those left to the service are not sent."""
    kwargs: dict[str, Any] = {}
    if options.temperature is not None:
        kwargs["temperature"] = options.temperature
    if options.top_p is not None:
        kwargs["top_p"] = options.top_p
    if options.stop:
        kwargs["stop"] = list(options.stop)
    return kwargs


def _rejects_stream_options(exc: ProviderError) -> bool:
    """A service refusing the usage option, in the ways they word it: OpenAI-style ``unknown_parameter``
    with param ``stream_options``, Azure's "Unrecognized request argument supplied: stream_options", a
    FastAPI 422 listing the field."""
    if exc.kind is not ErrorKind.BAD_REQUEST:
        return False
    return exc.param == "stream_options" or "stream_options" in exc.message


def _chunk_usage(chunk: Any) -> Usage | None:
    """The token counts a chunk carries (with include_usage, the last one; others carry null)."""
    usage = getattr(chunk, "usage", None)
    prompt = getattr(usage, "prompt_tokens", None)
    completion = getattr(usage, "completion_tokens", None)
    if not isinstance(prompt, int) or not isinstance(completion, int):
        return None  # odd counts from a compatible service are not worth failing the answer for
    return Usage(prompt, completion)


def _chunk_finish_reason(chunk: Any) -> str | None:
    for choice in getattr(chunk, "choices", None) or ():
        reason = getattr(choice, "finish_reason", None)
        if isinstance(reason, str) and reason:
            return reason
    return None


def _chat_chunk_text(chunk: Any) -> str:
    if not chunk.choices:
        return ""
    content = chunk.choices[0].delta.content
    return content if isinstance(content, str) else ""


def _completion_chunk_text(chunk: Any) -> str:
    if not chunk.choices:
        return ""
    text = chunk.choices[0].text
    return text if isinstance(text, str) else ""


def _retry_after(headers: httpx2.Headers) -> float | None:
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        with contextlib.suppress(ValueError):
            return float(value) * scale
    return None


# A bound on the pages of one file listing, against a service whose cursor never ends.
_MAX_FILE_PAGES = 1000


class _ProgressReader(io.BytesIO):
    """The upload body as a seekable file, telling ``progress`` how far the HTTP client has read it.

    httpx reads a multipart file in 64 KiB chunks as it sends (after ``seek(0)``), so the position read so far
    is the number of bytes sent in this attempt.
    """

    def __init__(self, content: bytes, progress: Callable[[int, int], None]) -> None:
        super().__init__(content)
        self._total = len(content)
        self._progress = progress

    def read(self, size: int | None = -1, /) -> bytes:
        chunk = super().read(size)
        if chunk:
            self._progress(self.tell(), self._total)
        return chunk


def _shutdown_text(value: object) -> str | None:
    """A model's shutdown date as the service wrote it; some send unix time as a number."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


T = TypeVar("T")


def _required(obj: Any, name: str, kind: type[T]) -> T:
    """A field the object cannot be without; the SDK fills a missing one with None rather than failing."""
    value = getattr(obj, name, None)
    if kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)  # some compatible services write times and sizes as 1.7e9
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"{type(obj).__name__}.{name} is {value!r}, not {kind.__name__}")
    return value


def _page_of(page: Any, convert: Callable[[Any], R]) -> Page[R]:
    return Page(tuple(convert(item) for item in page.data), bool(page.has_more))


def _event_from_sdk(e: Any) -> JobEvent:
    return JobEvent(
        id=_required(e, "id", str),
        created_at=_required(e, "created_at", int),
        level=str(e.level),
        message=_required(e, "message", str),
        type=str(e.type or "message"),
        data=dict(e.data) if isinstance(e.data, dict) else {},
    )


def _checkpoint_from_sdk(c: Any) -> Checkpoint:
    return Checkpoint(
        id=_required(c, "id", str),
        model=_required(c, "fine_tuned_model_checkpoint", str),
        step=_required(c, "step_number", int),
        created_at=c.created_at,
        metrics={k: float(v) for k, v in c.metrics.model_dump().items() if isinstance(v, int | float)},
    )


def _model_from_sdk(m: Any) -> ModelInfo:
    # A declared field in newer SDKs (so not in model_extra), an extra one in older ones.
    shutdown = getattr(m, "shutdown_date", None) or (m.model_extra or {}).get("shutdown_date")
    return ModelInfo(
        id=_required(m, "id", str),
        created=m.created,
        owned_by=m.owned_by,
        shutdown_date=_shutdown_text(shutdown),
    )


def _uploaded_file_from_sdk(obj: Any) -> UploadedFile:
    status = getattr(obj, "status", None)
    return UploadedFile(
        id=_required(obj, "id", str),
        filename=_required(obj, "filename", str),
        bytes=_required(obj, "bytes", int),
        created_at=obj.created_at,
        purpose=str(obj.purpose),
        status=str(status) if status is not None else None,
    )


def _page_args(after: str | None, limit: int) -> dict[str, Any]:
    return {"limit": limit, "after": after} if after else {"limit": limit}


_STATUS_KINDS = {
    400: ErrorKind.BAD_REQUEST,
    401: ErrorKind.AUTHENTICATION,
    403: ErrorKind.PERMISSION,
    404: ErrorKind.NOT_FOUND,
    409: ErrorKind.CONFLICT,
    422: ErrorKind.BAD_REQUEST,
    429: ErrorKind.RATE_LIMIT,
}


def translate_error(
    exc: Exception, operation: str, *, provider_name: str = "", model: str | None = None
) -> ProviderError:
    """Map an SDK or transport exception onto a :class:`ProviderError`; ``model`` is the one the call asked
    for, if any."""
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        kind = _STATUS_KINDS.get(status, ErrorKind.SERVER if status >= 500 else ErrorKind.UNKNOWN)
        body = exc.body if isinstance(exc.body, dict) else {}
        message = body.get("message") if isinstance(body.get("message"), str) else exc.message
        return ProviderError(
            kind,
            str(message or ""),
            operation=operation,
            status_code=status,
            request_id=exc.request_id,
            retry_after=_retry_after(exc.response.headers),
            code=exc.code,
            param=exc.param,
            provider_name=provider_name,
            model=model,
        )
    if isinstance(exc, UnicodeEncodeError):  # HTTP headers are ASCII: a key typed with an input method
        return ProviderError(
            ErrorKind.AUTHENTICATION,
            "a setting sent with every request (API key, organization or project) contains characters that "
            "cannot be sent, such as full-width letters",
            operation=operation,
            provider_name=provider_name,
            model=model,
        )
    if isinstance(exc, openai.APITimeoutError | httpx2.TimeoutException):
        return ProviderError(
            ErrorKind.TIMEOUT, "", operation=operation, provider_name=provider_name, model=model
        )
    if isinstance(exc, openai.APIConnectionError | httpx2.TransportError):
        return ProviderError(
            ErrorKind.CONNECTION, str(exc), operation=operation, provider_name=provider_name, model=model
        )
    return ProviderError(
        ErrorKind.UNKNOWN, str(exc), operation=operation, provider_name=provider_name, model=model
    )


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _method_hyperparameters(obj: Any) -> Any:
    """The hyperparameters under the job's ``method`` (``method.dpo.hyperparameters`` for a DPO job)."""
    method = getattr(obj, "method", None)
    method_type = getattr(method, "type", None)
    if not isinstance(method_type, str):
        return None
    settings = getattr(method, method_type, None)
    return getattr(settings, "hyperparameters", None)


def _hyperparameters_from_sdk(obj: Any) -> Hyperparameters:
    hp = getattr(obj, "hyperparameters", None)
    from_method = _method_hyperparameters(obj)
    if from_method is not None:
        hp = from_method
    if hp is None:
        return Hyperparameters()
    lr = getattr(hp, "learning_rate_multiplier", None)
    return Hyperparameters(
        n_epochs=_int_or_none(getattr(hp, "n_epochs", None)),
        batch_size=_int_or_none(getattr(hp, "batch_size", None)),
        learning_rate_multiplier=float(lr) if isinstance(lr, int | float) else None,
    )


def _job_from_sdk(obj: Any) -> Job:
    error = None
    if obj.error is not None and (obj.error.code or obj.error.message):
        error = JobError(
            code=str(obj.error.code or ""), message=str(obj.error.message or ""), param=obj.error.param
        )
    extra = obj.model_extra or {}
    suffix = extra.get("user_provided_suffix")
    method_type = getattr(getattr(obj, "method", None), "type", None)
    beta = getattr(_method_hyperparameters(obj), "beta", None)
    metadata = getattr(obj, "metadata", None)
    return Job(
        id=_required(obj, "id", str),
        model=_required(obj, "model", str),
        status=_required(obj, "status", str),
        created_at=_required(obj, "created_at", int),
        training_file=obj.training_file,
        fine_tuned_model=obj.fine_tuned_model,
        finished_at=obj.finished_at,
        error=error,
        validation_file=obj.validation_file,
        result_files=tuple(obj.result_files or ()),
        trained_tokens=obj.trained_tokens,
        estimated_finish=obj.estimated_finish,
        suffix=suffix if isinstance(suffix, str) else None,
        hyperparameters=_hyperparameters_from_sdk(obj),
        method=method_type if isinstance(method_type, str) else None,
        beta=float(beta) if isinstance(beta, int | float) and not isinstance(beta, bool) else None,
        metadata={str(k): str(v) for k, v in metadata.items()} if isinstance(metadata, dict) else {},
        seed=_int_or_none(getattr(obj, "seed", None)),
    )
