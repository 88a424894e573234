from __future__ import annotations

import threading
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from desktop_app.storage.secrets import KeyLocation, SecretRedactor, SecretStore, mask_key

from .memory_keyring import LockedKeyring, MemoryKeyring, plaintext_file_keyring

KEY = "sk-fake-Abcdefghij0a1b2"
SERVICE = "FineTuneDesk-test"


def _store(backend: KeyringBackend, redactor: SecretRedactor) -> SecretStore:
    return SecretStore(backend, service=SERVICE, redactor=redactor)


def test_memory_keyring_round_trip(redactor: SecretRedactor) -> None:
    backend = MemoryKeyring()
    store = _store(backend, redactor)
    assert store.keyring_available()
    assert store.status("p1").location is KeyLocation.NONE
    status = store.set_key("p1", KEY)
    assert status.location is KeyLocation.SYSTEM_KEYRING
    assert status.detail == ""
    assert backend.passwords == {(SERVICE, "p1"): KEY}
    # A new store (a new session) finds it in the keyring.
    assert _store(backend, redactor).get_key("p1") == KEY
    assert store.status("p1").location is KeyLocation.SYSTEM_KEYRING
    store.delete_key("p1")
    assert backend.passwords == {}
    assert store.get_key("p1") is None
    assert store.status("p1").location is KeyLocation.NONE
    store.delete_key("p1")  # deleting twice is fine


def test_no_keyring_keeps_key_for_this_session_only(redactor: SecretRedactor) -> None:
    store = _store(fail.Keyring(), redactor)
    assert not store.keyring_available()
    status = store.set_key("p1", KEY)
    assert status.location is KeyLocation.SESSION_ONLY
    assert status.detail == "No system keyring is available (NoKeyringError)"
    assert store.get_key("p1") == KEY
    assert store.status("p1") == status
    # Memory only: another session knows nothing.
    assert _store(fail.Keyring(), redactor).get_key("p1") is None
    store.delete_key("p1")
    assert store.get_key("p1") is None
    assert store.status("p1").location is KeyLocation.NONE


def test_locked_keyring_falls_back_with_notice(redactor: SecretRedactor) -> None:
    store = _store(LockedKeyring(), redactor)
    assert store.keyring_available()
    status = store.set_key("p1", KEY)
    assert status.location is KeyLocation.SESSION_ONLY
    assert "InitError" in status.detail
    assert "Prompt dismissed" in status.detail
    assert store.get_key("p1") == KEY


def test_locked_keyring_read_gives_none_and_status_says_why(redactor: SecretRedactor) -> None:
    store = _store(LockedKeyring(), redactor)
    assert store.get_key("p1") is None
    status = store.status("p1")
    assert status.location is KeyLocation.NONE
    assert "locked" in status.detail
    assert "KeyringLocked" in status.detail
    store.delete_key("p1")  # must not raise
    assert "KeyringLocked" in store.status("p1").detail


def test_null_backend_is_rejected_as_not_secure(redactor: SecretRedactor) -> None:
    store = _store(null.Keyring(), redactor)
    assert not store.keyring_available()
    status = store.set_key("p1", KEY)
    assert status.location is KeyLocation.SESSION_ONLY
    assert "not secure" in status.detail
    assert "discards" in status.detail
    assert store.get_key("p1") == KEY


def test_plaintext_backend_is_rejected_and_never_written(tmp_path: Path, redactor: SecretRedactor) -> None:
    keyring_file = tmp_path / "keyring_pass.cfg"
    store = _store(plaintext_file_keyring(keyring_file), redactor)
    assert not store.keyring_available()
    status = store.set_key("p1", KEY)
    assert status.location is KeyLocation.SESSION_ONLY
    assert "not secure" in status.detail
    assert not keyring_file.exists()
    assert store.get_key("p1") == KEY


class _ForgetfulKeyring(MemoryKeyring):
    """Accepts writes but does not keep them (like the null backend under another name)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


def test_keyring_that_does_not_keep_the_key_falls_back(redactor: SecretRedactor) -> None:
    store = _store(_ForgetfulKeyring(), redactor)
    status = store.set_key("p1", KEY)
    assert status.location is KeyLocation.SESSION_ONLY
    assert "did not keep the key" in status.detail
    assert store.get_key("p1") == KEY


def test_session_key_is_dropped_once_keyring_works(redactor: SecretRedactor) -> None:
    backend = MemoryKeyring()
    store = _store(backend, redactor)
    store._session_keys["p1"] = "old-session-key-0000"  # as after an earlier failure
    assert store.set_key("p1", KEY).location is KeyLocation.SYSTEM_KEYRING
    assert store.get_key("p1") == KEY
    assert store.status("p1").location is KeyLocation.SYSTEM_KEYRING


def test_details_never_contain_the_key(redactor: SecretRedactor) -> None:
    key = "azure-style-key-0123456789abcdef0123456789"  # no "sk-" shape: only registration masks it

    class EchoingKeyring(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            from keyring.errors import PasswordSetError

            # Long enough that cutting the detail short would leave a piece of the key in it.
            raise PasswordSetError(f"{'x' * 170} cannot store {password}")

    store = _store(EchoingKeyring(), redactor)
    status = store.set_key("p1", key)
    assert status.location is KeyLocation.SESSION_ONLY
    assert "PasswordSetError" in status.detail
    assert key[:10] not in status.detail
    assert key not in repr(store.status("p1"))


def test_empty_key_is_refused(redactor: SecretRedactor) -> None:
    store = _store(MemoryKeyring(), redactor)
    with pytest.raises(ValueError, match="empty key"):
        store.set_key("p1", "")


def test_keys_are_registered_for_redaction(redactor: SecretRedactor) -> None:
    backend = MemoryKeyring()
    plain_key = "plain-secret-value-without-prefix"
    backend.passwords[(SERVICE, "stored")] = plain_key
    store = _store(backend, redactor)
    assert redactor.redact(plain_key) == plain_key
    assert store.get_key("stored") == plain_key
    assert plain_key not in redactor.redact(f"key={plain_key}")
    other = "another-secret-value-here-123"
    store.set_key("p2", other)
    assert other not in redactor.redact(other)


def test_keyring_calls_are_serialised(redactor: SecretRedactor) -> None:
    class DetectingKeyring(MemoryKeyring):
        def __init__(self) -> None:
            super().__init__()
            self.inside = 0
            self.overlaps = 0
            self.guard = threading.Lock()

        def _enter(self) -> None:
            with self.guard:
                self.inside += 1
                if self.inside > 1:
                    self.overlaps += 1
            threading.Event().wait(0.0005)
            with self.guard:
                self.inside -= 1

        def get_password(self, service: str, username: str) -> str | None:
            self._enter()
            return super().get_password(service, username)

        def set_password(self, service: str, username: str, password: str) -> None:
            self._enter()
            super().set_password(service, username, password)

    backend = DetectingKeyring()
    store = _store(backend, redactor)

    def work(n: int) -> None:
        for i in range(20):
            store.set_key(f"p{n}", f"{KEY}{i}")
            store.get_key(f"p{n}")
            store.status(f"p{n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert backend.overlaps == 0
    assert len(backend.passwords) == 4


@pytest.mark.parametrize(
    ("key", "masked"),
    [
        (KEY, "sk-…a1b2"),
        ("0123456789abcdef0123456789abcdef", "012…cdef"),
        ("short-key-1234", "****"),
        ("", ""),
    ],
)
def test_mask_key(key: str, masked: str) -> None:
    assert mask_key(key) == masked
    visible = [c for c in mask_key(key) if c not in "…*"]
    assert len(visible) <= 7


def test_constructing_the_store_does_not_touch_the_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Picking the default backend probes D-Bus: that must happen on first use (a worker), not at start-up."""
    import keyring as keyring_module

    calls: list[int] = []
    backend = MemoryKeyring()

    def fake_get_keyring() -> MemoryKeyring:
        calls.append(1)
        return backend

    monkeypatch.setattr(keyring_module, "get_keyring", fake_get_keyring)
    store = SecretStore()
    assert calls == []
    store.set_key("p1", "sk-lazy-resolution-key-123")
    assert calls == [1]
    assert store.get_key("p1") == "sk-lazy-resolution-key-123"
    assert calls == [1]  # resolved once
