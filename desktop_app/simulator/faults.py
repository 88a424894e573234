"""Injected failures: error statuses, slow answers, dropped connections, answers that cannot be read."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

# What a `malformed` fault does to a successful answer, as broken gateways and proxies do:
#   "truncated": the JSON is cut part-way (the length header matches, so it reads as complete);
#   "html": an HTML page from something in between, sent with status 200;
#   "shape": a JSON object, but not the one asked for (a gateway's own notice).
# In a stream, the first event after the opening one is replaced accordingly.
MALFORMED_KINDS = frozenset({"truncated", "html", "shape"})


@dataclass
class Fault:
    """One failure to inject into requests whose path matches `path` (a regex on the URL path), and, with
    `body_key`, whose JSON body is an object holding that key: a strict service refusing one parameter.

    Effects apply in this order: `delay`, then `drop` or `status`; `drop_mid_stream` lets the
    request proceed and cuts the answer part-way; `malformed` lets it proceed and spoils a successful
    answer (see MALFORMED_KINDS). `times=None` applies forever.
    """

    path: str
    method: str | None = None
    body_key: str | None = None
    status: int | None = None
    retry_after: float | None = None
    delay: float = 0.0
    drop: bool = False
    drop_mid_stream: bool = False
    malformed: str | None = None
    times: int | None = 1
    # Overrides of the OpenAI-style error body chosen for `status`.
    message: str | None = None
    code: str | None = None
    error_type: str | None = None
    param: str | None = None
    hits: int = field(default=0, init=False, compare=False)
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._pattern = re.compile(self.path)
        if self.method is not None:
            self.method = self.method.upper()
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError(f"Fault status must be an error status (400-599), not {self.status}")
        if self.drop and self.drop_mid_stream:
            raise ValueError("Choose either drop or drop_mid_stream")
        if self.drop and self.status is not None:
            raise ValueError("A dropped connection carries no status")
        if self.malformed is not None:
            if self.malformed not in MALFORMED_KINDS:
                raise ValueError(
                    f"malformed must be one of {sorted(MALFORMED_KINDS)}, not {self.malformed!r}"
                )
            if self.drop or self.drop_mid_stream or self.status is not None:
                raise ValueError("A malformed answer is a successful one, neither dropped nor an error")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1 or None")
        if self.delay < 0:
            raise ValueError("delay must not be negative")

    def matches(self, method: str, path: str, body: bytes = b"") -> bool:
        if self.method is not None and self.method != method.upper():
            return False
        if self._pattern.search(path) is None:
            return False
        return self.body_key is None or self.body_key in _json_object(body)

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times


class FaultList:
    """Faults in the order added; the first live match wins. Safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, path: str, body: bytes = b"") -> Fault | None:
        """The fault for this request, counting it as hit, or None."""
        with self._lock:
            for fault in self._faults:
                if not fault.exhausted and fault.matches(method, path, body):
                    fault.hits += 1
                    return fault
        return None

    def __len__(self) -> int:
        with self._lock:
            return len(self._faults)

    def __iter__(self) -> Iterator[Fault]:
        with self._lock:
            return iter(list(self._faults))


def _json_object(body: bytes) -> dict[str, object]:
    """The request body as a JSON object; anything else (empty, multipart, broken) holds no keys."""
    try:
        parsed = json.loads(body) if body else None
    except ValueError:  # not JSON, or not UTF-8
        return {}
    return parsed if isinstance(parsed, dict) else {}
