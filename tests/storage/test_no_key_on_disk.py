"""Whatever the keyring situation, the key must end up in no file the app writes."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from desktop_app.storage.autosave import AutosaveStore
from desktop_app.storage.logsetup import configure_logging, shutdown_logging
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import KeyLocation, SecretRedactor, SecretStore
from desktop_app.storage.settings import Profile, ProviderKind, SettingsStore

from .memory_keyring import LockedKeyring, MemoryKeyring, plaintext_file_keyring

log = logging.getLogger("desktop_app.tests.no_key_on_disk")

BackendFactory = Callable[[AppPaths], KeyringBackend]

BACKENDS: dict[str, tuple[BackendFactory, KeyLocation]] = {
    "memory": (lambda paths: MemoryKeyring(), KeyLocation.SYSTEM_KEYRING),
    "no-keyring": (lambda paths: fail.Keyring(), KeyLocation.SESSION_ONLY),
    "locked": (lambda paths: LockedKeyring(), KeyLocation.SESSION_ONLY),
    "null": (lambda paths: null.Keyring(), KeyLocation.SESSION_ONLY),
    # Would write the key in clear under the base dir if SecretStore accepted it.
    "plaintext": (
        lambda paths: plaintext_file_keyring(paths.data_dir / "keyring_pass.cfg"),
        KeyLocation.SESSION_ONLY,
    ),
}

KEYS = {
    "openai-shaped": "sk-fake-9fJk2LmN4pQr1234",
    "no-known-shape": "azure0123456789abcdef0123456789ab",
}


def _reject(key: str) -> None:
    raise ConnectionError(f"401 for key {key}")


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("key_name", KEYS)
def test_key_is_in_no_file_under_the_base_dir(
    paths: AppPaths, redactor: SecretRedactor, backend_name: str, key_name: str
) -> None:
    make_backend, expected_location = BACKENDS[backend_name]
    key = KEYS[key_name]
    log_file = configure_logging(paths.log_dir, logging.DEBUG, redactor=redactor)

    store = SecretStore(make_backend(paths), service="FineTuneDesk-test", redactor=redactor)
    settings_store = SettingsStore(paths.settings_file)
    settings = settings_store.load()
    profile = Profile(id=settings.new_profile_id(), name="OpenAI", kind=ProviderKind.OPENAI)
    settings.add_profile(profile)
    settings.active_profile_id = profile.id

    status = store.set_key(profile.id, key)
    assert status.location is expected_location
    used_key = store.get_key(profile.id)
    assert used_key == key

    log.info("using key %s", used_key)
    log.debug(f"request headers {{'Authorization': 'Bearer {used_key}'}}")
    try:
        _reject(used_key)
    except ConnectionError:
        log.exception("call failed")
    log.info("status %s", status)
    settings_store.save(settings)
    AutosaveStore(paths.autosave_dir).save("dataset", {"rows": [{"prompt": "hi", "completion": "hello"}]})
    shutdown_logging()

    files = [p for p in paths.base.rglob("*") if p.is_file()] if paths.base else []
    assert log_file in files
    assert paths.settings_file in files
    assert "using key" in log_file.read_text(encoding="utf-8")
    leaks = [p for p in files if key.encode() in p.read_bytes()]
    assert leaks == []
