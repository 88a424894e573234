"""The /v1 endpoints: request parsing (JSON, multipart, query strings) and dispatch to the state."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from desktop_app.simulator import inference
from desktop_app.simulator.config import SimulatorConfig
from desktop_app.simulator.errors import ApiError, bad_request, invalid_url
from desktop_app.simulator.responses import Response, StreamResponse
from desktop_app.simulator.state import SimulatorState

Result = Response | StreamResponse

_JSON_HINT = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
    "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"
)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]  # lower-cased names
    body: bytes


# ---------------------------------------------------------------- request helpers


def json_body(request: Request) -> dict[str, Any]:
    if not request.body.strip():
        raise bad_request("You must provide a JSON body for this request.")
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise bad_request(_JSON_HINT) from None
    if not isinstance(payload, dict):
        raise bad_request("The JSON body must be an object.")
    return payload


def query_str(request: Request, name: str) -> str | None:
    values = request.query.get(name)
    return values[-1] if values else None


def query_int(request: Request, name: str, default: int) -> int:
    value = query_str(request, name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise bad_request(f"Invalid '{name}': expected an integer, got '{value}'.", name) from None
    if number < 1:
        raise bad_request(f"Invalid '{name}': must be at least 1.", name)
    return number


def metadata_filter(request: Request) -> dict[str, str]:
    found = {}
    for key, values in request.query.items():
        match = re.fullmatch(r"metadata\[(.+)\]", key)
        if match and values:
            found[match.group(1)] = values[-1]
    return found


@dataclass(frozen=True)
class FormPart:
    filename: str | None
    data: bytes


_PARAM_RE = re.compile(r';\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def header_params(value: str) -> dict[str, str]:
    """Parameters of a header such as `form-data; name="file"; filename="train.jsonl"`."""
    params: dict[str, str] = {}
    for match in _PARAM_RE.finditer(value):
        key, raw = match.group(1).lower(), match.group(2).strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
            # httpx, like browsers, escapes quotes and control characters as %XX in names.
            raw = re.sub(r"%(2[2]|[01][0-9A-Fa-f])", lambda m: chr(int(m.group(1), 16)), raw)
        if key.endswith("*"):
            # RFC 5987: charset'language'percent-encoded
            _charset, _, rest = raw.partition("'")
            _language, _, encoded = rest.partition("'")
            params[key[:-1]] = unquote(encoded, encoding="utf-8", errors="replace")
        else:
            params.setdefault(key, raw)
    return params


def parse_multipart(request: Request) -> dict[str, FormPart]:
    """Fields of a multipart/form-data body (the `cgi` module is deprecated, so by hand)."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise bad_request("This endpoint expects a multipart/form-data body.")
    boundary = header_params(content_type).get("boundary")
    if not boundary:
        raise bad_request("The multipart body has no boundary.")
    delimiter = b"--" + boundary.encode("latin-1")
    fields: dict[str, FormPart] = {}
    for raw_part in request.body.split(delimiter)[1:]:
        if raw_part.startswith(b"--"):
            break
        part = raw_part.removeprefix(b"\r\n").removesuffix(b"\r\n")
        head, separator, data = part.partition(b"\r\n\r\n")
        if not separator:
            raise bad_request("A multipart part has no header terminator.")
        headers = {}
        for line in head.decode("utf-8", errors="replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        params = header_params(headers.get("content-disposition", ""))
        if "name" in params:
            fields[params["name"]] = FormPart(params.get("filename"), data)
    return fields


# ---------------------------------------------------------------- endpoints

Handler = Callable[["Api", Request, "re.Match[str]"], Result]


class Api:
    """Routes a request to its endpoint; answers 404 for unknown or disabled routes."""

    def __init__(self, state: SimulatorState, config: SimulatorConfig) -> None:
        self.state = state
        self.config = config

    def dispatch(self, request: Request) -> Result:
        for method, pattern, feature, handler in _ROUTES:
            match = pattern.fullmatch(request.path)
            if match is None or method != request.method:
                continue
            if feature is not None and feature in self.config.disabled_endpoints:
                break
            return handler(self, request, match)
        raise invalid_url(request.method, request.path)

    # files

    def create_file(self, request: Request, _match: re.Match[str]) -> Result:
        fields = parse_multipart(request)
        upload = fields.get("file")
        if upload is None or upload.filename is None:
            raise bad_request("Missing required parameter: 'file'.", "file", "missing_required_parameter")
        purpose = fields.get("purpose")
        if purpose is None:
            raise bad_request(
                "Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter"
            )
        purpose_text = purpose.data.decode("utf-8", errors="replace").strip()
        return Response.json(self.state.create_file(upload.filename, purpose_text, upload.data))

    def list_files(self, request: Request, _match: re.Match[str]) -> Result:
        return Response.json(
            self.state.list_files(
                query_str(request, "purpose"),
                query_str(request, "after"),
                query_int(request, "limit", 10_000),
                query_str(request, "order") or "desc",
            )
        )

    def retrieve_file(self, _request: Request, match: re.Match[str]) -> Result:
        return Response.json(self.state.retrieve_file(_segment(match)))

    def delete_file(self, _request: Request, match: re.Match[str]) -> Result:
        return Response.json(self.state.delete_file(_segment(match)))

    def file_content(self, _request: Request, match: re.Match[str]) -> Result:
        return Response(200, self.state.file_content(_segment(match)), "application/octet-stream")

    # fine-tuning

    def create_job(self, request: Request, _match: re.Match[str]) -> Result:
        return Response.json(self.state.create_job(json_body(request)))

    def list_jobs(self, request: Request, _match: re.Match[str]) -> Result:
        return Response.json(
            self.state.list_jobs(
                query_str(request, "after"), query_int(request, "limit", 20), metadata_filter(request)
            )
        )

    def retrieve_job(self, _request: Request, match: re.Match[str]) -> Result:
        return Response.json(self.state.retrieve_job(_segment(match)))

    def cancel_job(self, _request: Request, match: re.Match[str]) -> Result:
        return Response.json(self.state.cancel_job(_segment(match)))

    def pause_job(self, _request: Request, match: re.Match[str]) -> Result:
        return Response.json(self.state.pause_job(_segment(match)))

    def resume_job(self, _request: Request, match: re.Match[str]) -> Result:
        return Response.json(self.state.resume_job(_segment(match)))

    def list_events(self, request: Request, match: re.Match[str]) -> Result:
        return Response.json(
            self.state.list_events(
                _segment(match), query_str(request, "after"), query_int(request, "limit", 20)
            )
        )

    def list_checkpoints(self, request: Request, match: re.Match[str]) -> Result:
        return Response.json(
            self.state.list_checkpoints(
                _segment(match), query_str(request, "after"), query_int(request, "limit", 10)
            )
        )

    # models

    def list_models(self, _request: Request, _match: re.Match[str]) -> Result:
        return Response.json(self.state.list_models())

    def retrieve_model(self, _request: Request, match: re.Match[str]) -> Result:
        return Response.json(self.state.retrieve_model(_segment(match)))

    def delete_model(self, _request: Request, match: re.Match[str]) -> Result:
        return Response.json(self.state.delete_model(_segment(match)))

    # inference

    def chat(self, request: Request, _match: re.Match[str]) -> Result:
        return inference.chat_completion(self.state, json_body(request), self.config.stream_chunk_delay)

    def completions(self, request: Request, _match: re.Match[str]) -> Result:
        return inference.completion(self.state, json_body(request), self.config.stream_chunk_delay)


def _segment(match: re.Match[str]) -> str:
    return unquote(match.group("id"))


_ID = r"(?P<id>[^/]+)"
_JOB = rf"/v1/fine_tuning/jobs/{_ID}"

# (method, path, optional-endpoint name or None, handler)
_ROUTES: list[tuple[str, re.Pattern[str], str | None, Handler]] = [
    (method, re.compile(path), feature, handler)
    for method, path, feature, handler in [
        ("POST", r"/v1/files", None, Api.create_file),
        ("GET", r"/v1/files", "files", Api.list_files),
        ("GET", rf"/v1/files/{_ID}", None, Api.retrieve_file),
        ("DELETE", rf"/v1/files/{_ID}", None, Api.delete_file),
        ("GET", rf"/v1/files/{_ID}/content", None, Api.file_content),
        ("POST", r"/v1/fine_tuning/jobs", None, Api.create_job),
        ("GET", r"/v1/fine_tuning/jobs", None, Api.list_jobs),
        ("GET", _JOB, None, Api.retrieve_job),
        ("POST", rf"{_JOB}/cancel", "cancel", Api.cancel_job),
        ("POST", rf"{_JOB}/pause", "pause", Api.pause_job),
        ("POST", rf"{_JOB}/resume", "resume", Api.resume_job),
        ("GET", rf"{_JOB}/events", "events", Api.list_events),
        ("GET", rf"{_JOB}/checkpoints", "checkpoints", Api.list_checkpoints),
        ("GET", r"/v1/models", None, Api.list_models),
        ("GET", rf"/v1/models/{_ID}", None, Api.retrieve_model),
        ("DELETE", rf"/v1/models/{_ID}", None, Api.delete_model),
        ("POST", r"/v1/chat/completions", "chat", Api.chat),
        ("POST", r"/v1/completions", "completions", Api.completions),
    ]
]


def api_error_response(error: ApiError) -> Response:
    return Response.json(error.body(), error.status, error.headers)
