"""Errors as data: one exception type the UI turns into a message in the user's language."""

from __future__ import annotations

import enum

from desktop_app.providers.types import Capability


class ErrorKind(enum.Enum):
    AUTHENTICATION = "authentication"  # 401: wrong or revoked key
    PERMISSION = "permission"  # 403: the account may not do this
    NOT_FOUND = "not_found"  # 404 on a resource (a job, a model)
    BAD_REQUEST = "bad_request"  # 400 / 422: the service rejected what we sent
    CONFLICT = "conflict"  # 409: e.g. cancelling a finished job
    RATE_LIMIT = "rate_limit"  # 429
    SERVER = "server"  # >= 500
    TIMEOUT = "timeout"
    CONNECTION = "connection"  # no answer: offline, wrong URL, dropped connection
    BAD_RESPONSE = "bad_response"  # an answer that is not the JSON asked for (a proxy's page, a cut body)
    UNSUPPORTED = "unsupported"  # the service lacks an optional endpoint
    UNKNOWN = "unknown"


# Kinds after which trying again later may work: pollers keep polling through them.
TRANSIENT_KINDS = frozenset(
    {ErrorKind.RATE_LIMIT, ErrorKind.SERVER, ErrorKind.TIMEOUT, ErrorKind.CONNECTION, ErrorKind.BAD_RESPONSE}
)


class ProviderError(Exception):
    """A failed call to a training or chat service.

    ``message`` is the service's own words (untranslated, may be empty); ``operation`` names what the app was
    doing ("create_job", "list_jobs", ...) so the UI can explain the error in context; ``model`` is the model
    a chat or completion asked for, so that the message can name it.
    """

    def __init__(
        self,
        kind: ErrorKind,
        message: str = "",
        *,
        operation: str = "",
        status_code: int | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        code: str | None = None,
        param: str | None = None,
        provider_name: str = "",
        model: str | None = None,
    ) -> None:
        super().__init__(message or kind.value)
        self.kind = kind
        self.message = message
        self.operation = operation
        self.status_code = status_code
        self.request_id = request_id
        self.retry_after = retry_after
        self.code = code
        self.param = param
        self.provider_name = provider_name
        self.model = model

    @property
    def is_transient(self) -> bool:
        return self.kind in TRANSIENT_KINDS

    @property
    def is_missing_model(self) -> bool:
        """The service has no model by the name asked for (a deleted fine-tuned model, a mistyped name).

        OpenAI says so with a 404 coded ``model_not_found``; compatible services without that code (vLLM,
        Ollama) name the model in their message. A 404 naming neither is a wrong address, not a model.
        """
        if self.kind is not ErrorKind.NOT_FOUND or not self.model:
            return False
        return self.code == "model_not_found" or self.model in self.message

    def __str__(self) -> str:
        parts = [f"{self.operation or 'request'} failed: {self.kind.value}"]
        if self.status_code is not None:
            parts.append(f"HTTP {self.status_code}")
        if self.message:
            parts.append(self.message)
        if self.request_id:
            parts.append(f"request id {self.request_id}")
        return "; ".join(parts)


class UnsupportedFeatureError(ProviderError):
    """The service answered 404/405/501 on an optional endpoint: hide the feature, don't crash."""

    def __init__(self, capability: Capability, *, operation: str = "", provider_name: str = "") -> None:
        super().__init__(
            ErrorKind.UNSUPPORTED,
            f"this service does not offer {capability.value}",
            operation=operation,
            provider_name=provider_name,
        )
        self.capability = capability
