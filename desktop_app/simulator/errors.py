"""OpenAI-style error bodies: `{"error": {"message", "type", "param", "code"}}`."""

from __future__ import annotations

from typing import Any

# Status -> (type, code, message) as OpenAI answers them; used for faults and for our own errors.
_DEFAULTS: dict[int, tuple[str, str | None, str]] = {
    400: ("invalid_request_error", None, "Bad request."),
    401: (
        "invalid_request_error",
        "invalid_api_key",
        "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
    ),
    403: (
        "invalid_request_error",
        "permission_denied",
        "You have insufficient permissions for this operation.",
    ),
    404: ("invalid_request_error", None, "Not found."),
    408: ("invalid_request_error", None, "Request timed out."),
    409: (
        "invalid_request_error",
        "conflict",
        "The request conflicts with the current state of the resource.",
    ),
    413: ("invalid_request_error", None, "Request entity too large."),
    422: ("invalid_request_error", None, "Unprocessable entity."),
    429: (
        "requests",
        "rate_limit_exceeded",
        "Rate limit reached for requests in organization org-practice. Please try again shortly.",
    ),
    500: (
        "server_error",
        None,
        "The server had an error while processing your request. Sorry about that!",
    ),
    502: ("server_error", None, "Bad gateway."),
    503: ("server_error", None, "The engine is currently overloaded, please try again later."),
    504: ("server_error", None, "Gateway timeout."),
}


class ApiError(Exception):
    """An error answered to the client as an HTTP status with an OpenAI error body."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        error_type: str | None = None,
        param: str | None = None,
        code: str | None = None,
        use_default_code: bool = True,
        headers: dict[str, str] | None = None,
    ) -> None:
        default_type, default_code, default_message = default_error(status)
        self.status = status
        self.message = message if message is not None else default_message
        self.error_type = error_type if error_type is not None else default_type
        self.param = param
        self.code = code if code is not None or not use_default_code else default_code
        self.headers = dict(headers or {})
        super().__init__(self.message)

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.error_type,
                "param": self.param,
                "code": self.code,
            }
        }


def default_error(status: int) -> tuple[str, str | None, str]:
    """The (type, code, message) OpenAI uses for a status, with a generic fallback."""
    if status in _DEFAULTS:
        return _DEFAULTS[status]
    if status >= 500:
        return ("server_error", None, "The server had an error while processing your request.")
    return ("invalid_request_error", None, f"Request failed with status {status}.")


def bad_request(message: str, param: str | None = None, code: str | None = None) -> ApiError:
    return ApiError(400, message, param=param, code=code)


def not_found(message: str, param: str | None = None, code: str | None = None) -> ApiError:
    return ApiError(404, message, param=param, code=code)


def invalid_url(method: str, path: str) -> ApiError:
    # OpenAI's exact wording for routes it does not serve.
    return ApiError(404, f"Invalid URL ({method} {path})")
