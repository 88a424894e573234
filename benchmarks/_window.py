"""What the benchmarks that drive the real window share (import after ``QT_QPA_PLATFORM`` is set)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from keyring.backend import KeyringBackend
from PySide6.QtCore import QEventLoop, QTimer


class MemoryKeyring(KeyringBackend):
    """Keys in a dict: a benchmark must not touch the machine's keyring."""

    priority = -10  # never picked by keyring's auto-detection

    def __init__(self) -> None:
        super().__init__()
        self._passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._passwords.pop((service, username), None)


@dataclass
class Gap:
    """Two heartbeat ticks: how long the event loop could not run a slot, and the phase it began in."""

    start: float
    end: float
    phase: str

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


def wait(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=1000, method="inclusive")[round(q * 1000) - 1]
