"""Keyring backends for tests. None of them is ever picked by keyring's auto-detection."""

from __future__ import annotations

import json
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import InitError, KeyringLocked, PasswordDeleteError


class _TestOnlyBackend(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        # Negative: keyring's auto-detection must never choose a test backend.
        return -10


class MemoryKeyring(_TestOnlyBackend):
    """A working keyring that keeps passwords in a dict."""

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")


class LockedKeyring(_TestOnlyBackend):
    """A locked Secret Service without a display: the unlock prompt is dismissed."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise InitError("Prompt dismissed")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


class PlaintextFileKeyring(_TestOnlyBackend):
    """Stands in for keyrings.alt's PlaintextKeyring: it really writes keys in clear to a file."""

    path: Path | None = None

    def _load(self) -> dict[str, str]:
        assert self.path is not None
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        assert self.path is not None
        stored = self._load()
        stored[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(stored))

    def delete_password(self, service: str, username: str) -> None:
        assert self.path is not None
        stored = self._load()
        stored.pop(f"{service}/{username}", None)
        self.path.write_text(json.dumps(stored))


# SecretStore recognises keyrings.alt by module name, as it would the real package.
PlaintextFileKeyring.__module__ = "keyrings.alt.file"


def plaintext_file_keyring(path: Path) -> PlaintextFileKeyring:
    backend = PlaintextFileKeyring()
    backend.path = path
    return backend
