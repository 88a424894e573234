"""Round trip through the real Secret Service (gnome-keyring). Run with tests/run_secret_service.sh.

Skipped only when FTD_SECRET_SERVICE is unset; once it is set, a Secret Service that does not work
is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid

import pytest
from keyring.backends import SecretService

from desktop_app.storage.secrets import KeyLocation, SecretRedactor, SecretStore

pytestmark = pytest.mark.secret_service

KEY = "sk-secret-service-test-" + uuid.uuid4().hex
PROFILE = "profile-secret-service-test"


def _lookup(service: str) -> subprocess.CompletedProcess[str]:
    secret_tool = shutil.which("secret-tool")
    assert secret_tool is not None, "secret-tool is missing: apt-get install libsecret-tools"
    return subprocess.run(
        [secret_tool, "lookup", "service", service, "username", PROFILE],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.fixture
def service_name() -> str:
    if not os.environ.get("FTD_SECRET_SERVICE"):
        pytest.skip("FTD_SECRET_SERVICE is unset: run tests/run_secret_service.sh")
    # A unique service name: never touch real entries, even in a developer's own keyring.
    return f"FineTuneDesk-test-{uuid.uuid4().hex}"


def _secret_service_backend() -> SecretService.Keyring:
    try:
        SecretService.Keyring.priority  # noqa: B018 - raises when the service cannot be reached
    except RuntimeError as error:
        pytest.fail(f"FTD_SECRET_SERVICE is set but the Secret Service does not work: {error}")
    return SecretService.Keyring()


def test_round_trip_through_gnome_keyring(service_name: str) -> None:
    backend = _secret_service_backend()
    store = SecretStore(backend, service=service_name, redactor=SecretRedactor())
    try:
        _check_round_trip(store, service_name)
    finally:
        store.delete_key(PROFILE)


def _check_round_trip(store: SecretStore, service: str) -> None:
    assert store.keyring_available()

    status = store.set_key(PROFILE, KEY)
    assert status.location is KeyLocation.SYSTEM_KEYRING, status.detail
    assert "SecretService" in status.backend_name

    found = _lookup(service)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == KEY

    # A new store has nothing in session memory: the key must come from the keyring.
    fresh = SecretStore(SecretService.Keyring(), service=service, redactor=SecretRedactor())
    assert fresh.get_key(PROFILE) == KEY
    assert fresh.status(PROFILE).location is KeyLocation.SYSTEM_KEYRING

    fresh.delete_key(PROFILE)
    assert fresh.get_key(PROFILE) is None
    assert fresh.status(PROFILE).location is KeyLocation.NONE
    gone = _lookup(service)
    assert gone.returncode != 0
    assert gone.stdout == ""
