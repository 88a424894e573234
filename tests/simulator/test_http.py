"""Raw HTTP behaviour the SDK hides: error shapes, keep-alive, bad requests, lifecycle of the server."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from urllib.parse import urlsplit

import openai
import pytest

from desktop_app.simulator import SimulatorConfig, SimulatorServer

from .helpers import connect, raw_request


def test_unknown_route_answers_openai_404(server: SimulatorServer) -> None:
    connection = connect(server)
    status, headers, body = raw_request(connection, "GET", "/v1/nothing/here")
    connection.close()

    assert status == 404
    assert headers["x-request-id"].startswith("req_")
    assert json.loads(body) == {
        "error": {
            "message": "Invalid URL (GET /v1/nothing/here)",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }
    }


def test_malformed_json_is_a_400_and_the_server_keeps_serving(server: SimulatorServer) -> None:
    connection = connect(server)
    status, headers, body = raw_request(
        connection,
        "POST",
        "/v1/chat/completions",
        b'{"model": "gpt-4o-mini", "messages": [',
        {"Content-Type": "application/json"},
    )
    assert status == 400
    assert "could not parse the JSON body" in json.loads(body)["error"]["message"]
    # Same connection (keep-alive), next request is answered normally.
    status, headers, body = raw_request(connection, "GET", "/v1/models")
    connection.close()
    assert status == 200
    assert int(headers["content-length"]) == len(body)
    assert json.loads(body)["object"] == "list"


def test_keep_alive_serves_many_requests_on_one_connection(server: SimulatorServer) -> None:
    connection = connect(server)
    for _ in range(5):
        status, _headers, _body = raw_request(connection, "GET", "/v1/files")
        assert status == 200
    connection.close()
    assert len(server.requests) == 5


def test_missing_key_is_refused_when_a_key_is_required(make_server: Callable[..., SimulatorServer]) -> None:
    server = make_server(SimulatorConfig.fast(require_api_key="sk-test-123456789"))
    connection = connect(server)
    status, _headers, body = raw_request(connection, "GET", "/v1/models")
    connection.close()
    assert status == 401
    assert json.loads(body)["error"]["code"] == "invalid_api_key"


def test_any_key_or_none_is_accepted_by_default(server: SimulatorServer) -> None:
    connection = connect(server)
    assert raw_request(connection, "GET", "/v1/models")[0] == 200
    assert (
        raw_request(connection, "GET", "/v1/models", headers={"Authorization": "Bearer anything"})[0] == 200
    )
    connection.close()


def test_multipart_without_file_is_a_400(server: SimulatorServer) -> None:
    boundary = "xyz"
    body = f'--{boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n--{boundary}--\r\n'
    connection = connect(server)
    status, _headers, payload = raw_request(
        connection,
        "POST",
        "/v1/files",
        body.encode(),
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    connection.close()
    assert status == 400
    assert json.loads(payload)["error"]["param"] == "file"


def test_stop_joins_every_thread_and_is_idempotent(make_client: Callable[..., openai.OpenAI]) -> None:
    before = set(threading.enumerate())
    server = SimulatorServer(SimulatorConfig.fast())
    with pytest.raises(RuntimeError):
        _ = server.base_url
    with server:
        assert urlsplit(server.base_url).hostname == "127.0.0.1"
        client = make_client(server)
        client.models.list()  # leaves an idle keep-alive connection open on purpose
        assert len(set(threading.enumerate()) - before) >= 2
    server.stop()

    assert set(threading.enumerate()) - before == set()
    with pytest.raises(RuntimeError):
        server.start()


def test_only_loopback_addresses_are_allowed() -> None:
    with pytest.raises(ValueError, match="loopback"):
        SimulatorServer(host="0.0.0.0")
