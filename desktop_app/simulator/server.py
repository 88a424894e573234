"""HTTP plumbing: a threaded HTTP/1.1 server on 127.0.0.1, faults, key check, clean shutdown."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import selectors
import socket
import socketserver
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from desktop_app.simulator.config import SimulatorConfig
from desktop_app.simulator.errors import ApiError
from desktop_app.simulator.faults import Fault, FaultList
from desktop_app.simulator.responses import Response, StreamResponse
from desktop_app.simulator.routes import Api, Request, api_error_response
from desktop_app.simulator.state import SimulatorState

logger = logging.getLogger("desktop_app.simulator")

# Idle keep-alive connections are closed after this long; stop() closes them at once anyway.
_IDLE_TIMEOUT_SECONDS = 120.0
# Handlers wake at once when their sockets are shut; this only bounds a pathological case.
_JOIN_TIMEOUT_SECONDS = 10.0
# How many chunks of an SSE answer get through before a drop_mid_stream fault cuts it.
_CHUNKS_BEFORE_DROP = 3


class LoggedRequest(NamedTuple):
    method: str
    path: str
    status: int | None  # None: the connection was dropped


class _BodyError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class _HttpServer(ThreadingHTTPServer):
    # Daemon threads, so a forgotten server cannot hold up interpreter exit; ThreadingMixIn
    # does not join daemon threads, so this class tracks and joins them itself.
    daemon_threads = True

    def __init__(self, address: tuple[str, int], owner: SimulatorServer) -> None:
        self.owner = owner
        self._connections: set[socket.socket] = set()
        self._handler_threads: list[threading.Thread] = []
        self._connections_lock = threading.Lock()
        self._closing = False
        self._accepted = 0
        super().__init__(address, _Handler)
        self._wake_reader, self._wake_writer = socket.socketpair()

    def serve_until_woken(self) -> None:
        """Accept connections until :meth:`wake`. It waits in select without a timeout: unlike
        ``serve_forever``, which polls (20 wake-ups a second for a prompt stop cost 0.5 % of a core), an idle
        service costs nothing, and the stop is still immediate."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(self._wake_reader, selectors.EVENT_READ)
            while True:
                for key, _ in selector.select():
                    if key.fileobj is self._wake_reader:
                        return
                    self.handle_request()  # a connection is waiting: accepted at once

    def wake(self) -> None:
        with contextlib.suppress(OSError):  # woken already
            self._wake_writer.send(b"!")

    def server_close(self) -> None:
        super().server_close()
        self._wake_reader.close()
        self._wake_writer.close()

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup that can stall.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            if self._closing:
                self.shutdown_request(request)
                return
            self._connections.add(request)
            self._accepted += 1
            thread = threading.Thread(
                target=self.process_request_thread,
                args=(request, client_address),
                name=f"practice-service-connection-{self._accepted}",
                daemon=True,
            )
            self._handler_threads = [t for t in self._handler_threads if t.is_alive()]
            self._handler_threads.append(thread)
        thread.start()

    def close_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().close_request(request)

    def close_connections(self) -> None:
        """Wake every handler blocked on a keep-alive connection so its thread ends."""
        with self._connections_lock:
            self._closing = True
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)

    def join_handlers(self, timeout: float) -> None:
        with self._connections_lock:
            threads = list(self._handler_threads)
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                logger.debug("Handler thread %s still running after stop", thread.name)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients going away mid-answer are normal here (timeouts, dropped streams).
        logger.debug("Connection from %s ended with an error", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate small writes: with Nagle on, the client's delayed ACK held every
    # response back ~40 ms (measured in benchmarks/bench_provider.py).
    disable_nagle_algorithm = True
    server_version = "FineTuneDeskPractice/1.0"
    sys_version = ""
    timeout = _IDLE_TIMEOUT_SECONDS

    @property
    def _owner(self) -> SimulatorServer:
        server = self.server
        assert isinstance(server, _HttpServer)
        return server.owner

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        logger.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    # ------------------------------------------------------------ request

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            return b""
        try:
            length = int(length_header)
        except ValueError:
            raise _BodyError("Invalid Content-Length header.") from None
        if length < 0:
            raise _BodyError("Invalid Content-Length header.")
        if length > self._owner.config.max_upload_bytes:
            raise _BodyError("Request body too large.", 413)
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            size_line = self.rfile.readline(1024)
            try:
                size = int(size_line.split(b";")[0].strip(), 16)
            except ValueError:
                raise _BodyError("Malformed chunked request body.") from None
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass  # trailers
                return b"".join(parts)
            total += size
            if total > self._owner.config.max_upload_bytes:
                raise _BodyError("Request body too large.", 413)
            parts.append(self.rfile.read(size))
            self.rfile.readline(16)

    def _handle(self) -> None:
        owner = self._owner
        request_id = owner.state.new_id("req_", 32)
        split = urlsplit(self.path)
        path = split.path
        try:
            body = self._read_body()
        except _BodyError as error:
            self.close_connection = True
            self._send(api_error_response(ApiError(error.status, str(error))), request_id, path)
            return

        fault = owner.faults.take(self.command, path, body)
        if fault is not None:
            if fault.delay > 0 and owner.stop_event.wait(fault.delay):
                self._drop(path)
                return
            if fault.drop:
                self._drop(path)
                return
            if fault.status is not None:
                self._send(_fault_response(fault), request_id, path)
                return

        request = Request(
            method=self.command,
            path=path,
            query=parse_qs(split.query, keep_blank_values=True),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
        )
        result: Response | StreamResponse
        try:
            owner.check_key(request.headers.get("authorization"))
            result = owner.api.dispatch(request)
        except ApiError as error:
            result = api_error_response(error)
        except Exception:
            # A bug in the simulator, not in the client: say so loudly, answer like OpenAI would.
            logger.exception("Practice service failed on %s %s", self.command, path)
            result = api_error_response(ApiError(500))
        drop_mid = fault is not None and fault.drop_mid_stream
        if fault is not None and fault.malformed is not None:
            result = _spoiled(result, fault.malformed)
        if isinstance(result, StreamResponse):
            self._send_stream(result, request_id, path, drop_mid=drop_mid)
        else:
            self._send(result, request_id, path, drop_mid=drop_mid)

    # ------------------------------------------------------------ response

    def _common_headers(self, request_id: str) -> None:
        self.send_header("x-request-id", request_id)
        self.send_header("openai-organization", f"org-{self._owner.config.organization}")
        self.send_header("openai-version", "2020-10-01")

    def _send(self, response: Response, request_id: str, path: str, *, drop_mid: bool = False) -> None:
        # Logged before anything goes out: a client that has its answer must find the request in the log.
        self._owner.log_request_done(self.command, path, None if drop_mid else response.status)
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self._common_headers(request_id)
            for name, value in response.headers.items():
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if drop_mid:
                # Part of the promised body, then the connection goes: the client sees a short read.
                self.wfile.write(response.body[: len(response.body) // 2])
                self._drop(path, logged=False)
            else:
                self.wfile.write(response.body)
        except OSError:
            self.close_connection = True
            logger.debug("Client went away before the answer to %s was written", path)

    def _send_stream(self, response: StreamResponse, request_id: str, path: str, *, drop_mid: bool) -> None:
        owner = self._owner
        chunked = self.request_version != "HTTP/1.0"
        logged = False
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-cache")
            self._common_headers(request_id)
            if chunked:
                # Chunked framing lets the client tell a cut stream from a finished one.
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            for number, event in enumerate(response.events):
                if drop_mid and number == _CHUNKS_BEFORE_DROP:
                    self._drop(path, logged=False)
                    owner.log_request_done(self.command, path, None)
                    return
                if number and response.delay > 0 and owner.stop_event.wait(response.delay):
                    self._drop(path, logged=False)
                    return
                self.wfile.write(b"%x\r\n%s\r\n" % (len(event), event) if chunked else event)
            # Logged before the client can see the stream end (the last chunk, or the connection closing
            # after this returns): a client that has its whole answer must find the request in the log.
            owner.log_request_done(self.command, path, 200)
            logged = True
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True
            logger.debug("Client went away during the stream for %s", path)
        if not logged:
            owner.log_request_done(self.command, path, 200)

    def _drop(self, path: str, *, logged: bool = True) -> None:
        """Close the connection without (finishing) an answer; logged first, so that the log is
        complete by the time the client sees the connection go."""
        self.close_connection = True
        if logged:
            self._owner.log_request_done(self.command, path, None)
        with contextlib.suppress(OSError):  # the client closed first
            self.connection.shutdown(socket.SHUT_RDWR)


_PROXY_PAGE = (
    b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
    b"<body><h1>Service Unavailable</h1><p>The gateway could not complete the request.</p></body></html>"
)


def _spoiled(result: Response | StreamResponse, how: str) -> Response | StreamResponse:
    """A successful answer made unreadable the way `how` (a MALFORMED_KINDS member) says; errors pass."""
    if isinstance(result, StreamResponse):
        if len(result.events) < 2:
            return result
        bad = {
            "truncated": result.events[1][: len(result.events[1]) // 2] + b"\n\n",
            "html": b"data: " + _PROXY_PAGE + b"\n\n",
            "shape": b'data: {"object": "gateway.notice"}\n\n',
        }[how]
        return StreamResponse([result.events[0], bad, *result.events[2:]], result.delay)
    if not 200 <= result.status < 300:
        return result
    if how == "truncated":
        return Response(result.status, result.body[: len(result.body) // 2], result.content_type)
    if how == "html":
        return Response(200, _PROXY_PAGE, "text/html; charset=utf-8")
    return Response.json({"object": "gateway.notice", "notice": "request accepted"})


def _fault_response(fault: Fault) -> Response:
    assert fault.status is not None
    error = ApiError(
        fault.status,
        fault.message,
        error_type=fault.error_type,
        code=fault.code,
        param=fault.param,
    )
    headers = {}
    if fault.retry_after is not None:
        seconds = fault.retry_after
        headers["Retry-After"] = str(int(seconds)) if float(seconds).is_integer() else str(seconds)
        headers["retry-after-ms"] = str(int(seconds * 1000))
    return Response.json(error.body(), fault.status, headers)


class SimulatorServer:
    """The practice service, served from a background thread on a loopback address.

    Usable as a context manager; `stop()` is idempotent and joins every thread it started.
    """

    def __init__(self, config: SimulatorConfig | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        if not _is_loopback(host):
            raise ValueError(f"The practice service binds to loopback addresses only, not {host!r}")
        self.config = config if config is not None else SimulatorConfig()
        self.host = host
        self._requested_port = port
        self.faults = FaultList()
        self.state = SimulatorState(self.config)
        self.api = Api(self.state, self.config)
        self.stop_event = threading.Event()
        self.requests: deque[LoggedRequest] = deque(maxlen=1000)
        self._lifecycle_lock = threading.Lock()
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False

    # ------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Bind, listen and serve in a daemon thread; returns once connections are accepted."""
        with self._lifecycle_lock:
            if self._httpd is not None or self._stopped:
                raise RuntimeError("A SimulatorServer can be started once")
            self._httpd = _HttpServer((self.host, self._requested_port), self)
            self._thread = threading.Thread(
                target=self._httpd.serve_until_woken,
                name=f"practice-service:{self.port}",
                daemon=True,
            )
            self._thread.start()
        logger.debug("Practice service listening on %s", self.base_url)

    def stop(self) -> None:
        with self._lifecycle_lock:
            if self._stopped:
                return
            self._stopped = True
            httpd, thread = self._httpd, self._thread
        self.stop_event.set()
        if httpd is None or thread is None:
            return
        httpd.wake()
        thread.join()
        httpd.close_connections()
        httpd.server_close()
        httpd.join_handlers(_JOIN_TIMEOUT_SECONDS)
        logger.debug("Practice service stopped")

    def __enter__(self) -> SimulatorServer:
        if self._httpd is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # ------------------------------------------------------------ addresses

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("The practice service is not started")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def running(self) -> bool:
        return self._httpd is not None and not self._stopped

    # ------------------------------------------------------------ used by the handler

    def check_key(self, authorization: str | None) -> None:
        required = self.config.require_api_key
        if required is None:
            return
        if authorization == f"Bearer {required}":
            return
        given = (authorization or "").removeprefix("Bearer ").strip()
        if given:
            message = (
                f"Incorrect API key provided: {_mask(given)}. You can find your API key at "
                "https://platform.openai.com/account/api-keys."
            )
        else:
            message = (
                "You didn't provide an API key. You need to provide your API key in an Authorization "
                "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            )
        raise ApiError(401, message, code="invalid_api_key")

    def log_request_done(self, method: str, path: str, status: int | None) -> None:
        self.requests.append(LoggedRequest(method, path, status))


def _mask(key: str) -> str:
    # Never echo a whole key: logs and error dialogs must not leak it.
    if len(key) <= 8:
        return "*" * len(key)
    return f"{key[:3]}{'*' * 6}{key[-4:]}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback and address.version == 4
