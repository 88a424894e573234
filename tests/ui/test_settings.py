"""Settings: profiles, Test connection, and the key kept in the keyring — never on disk or in logs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.simulator import SimulatorConfig, SimulatorServer
from desktop_app.storage.logsetup import configure_logging, shutdown_logging
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import ProviderKind

KEY = "sk-test-compat-4242"


@pytest.fixture
def service() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast(require_api_key=KEY)) as server:
        yield server


def _add_compatible_profile(qtbot, window, url: str, key: str):
    dialog = window.open_settings()
    dialog.add_button.click()
    dialog.kind_combo.setCurrentIndex(list(ProviderKind).index(ProviderKind.COMPATIBLE))
    dialog.name_edit.setText("My gateway")
    dialog.name_edit.textEdited.emit("My gateway")
    qtbot.keyClicks(dialog.base_url_edit, url)
    qtbot.keyClicks(dialog.key_edit, key)
    return dialog


def test_new_profile_key_goes_to_the_keyring_only(  # noqa: PLR0917 - pytest fixtures
    qtbot, open_window, make_context, keyring_backend, service, tmp_path
) -> None:
    log_dir = tmp_path / "logs"
    configure_logging(log_dir)
    try:
        context = make_context()
        window = open_window(context)
        dialog = _add_compatible_profile(qtbot, window, service.base_url, KEY)
        with qtbot.waitSignal(dialog.connectionTested, timeout=10_000) as tested:
            dialog.test_button.click()
        assert tested.args[0] is True
        assert "Connected" in dialog.test_result.text()
        with qtbot.waitSignal(window.session.keySaved, timeout=10_000):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(
            lambda: window.session.provider is not None and not window.session.is_practice, timeout=10_000
        )
        assert not window.practice_banner.isVisible()
        assert "system keyring" in window.message_bar.text
        # The jobs list now comes from the new service, with the key.
        with qtbot.waitSignal(window.jobs_tab.polled, timeout=10_000):
            window.jobs_tab.refresh()
        assert any(r.path.startswith("/v1/fine_tuning/jobs") and r.status == 200 for r in service.requests)
        active = window.session.settings.active_profile()
        assert active.kind is ProviderKind.COMPATIBLE
        assert keyring_backend.passwords  # stored in the (in-memory) keyring
        assert KEY in keyring_backend.passwords.values()
        window.shutdown()
    finally:
        shutdown_logging()
    files = [p for p in Path(tmp_path).rglob("*") if p.is_file()]
    assert any(p.name == "settings.json" for p in files)
    assert any(p.suffix == ".log" for p in files)
    for path in files:
        assert KEY.encode() not in path.read_bytes(), f"the key leaked into {path}"


def test_wrong_key_fails_the_connection_test(qtbot, window, service) -> None:
    dialog = _add_compatible_profile(qtbot, window, service.base_url, "sk-wrong-key-000000000000")
    with qtbot.waitSignal(dialog.connectionTested, timeout=10_000) as tested:
        dialog.test_button.click()
    assert tested.args[0] is False
    assert "did not accept the API key" in dialog.test_result.text()
    dialog.reject()


def test_bad_base_url_is_refused_with_a_reason(qtbot, window) -> None:
    dialog = _add_compatible_profile(qtbot, window, "not a url", "sk-x")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.problems_label.text()
    dialog.reject()


def test_without_a_keyring_the_key_is_kept_for_the_session_and_said_so(
    qtbot, open_window, make_context, service
) -> None:
    window = open_window(make_context(secrets=SecretStore(backend=fail.Keyring())))
    dialog = _add_compatible_profile(qtbot, window, service.base_url, KEY)
    with qtbot.waitSignal(window.session.keySaved, timeout=10_000) as saved:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert saved.args[0].location.value == "session_only"
    assert "never written to disk" in window.message_bar.text
    qtbot.waitUntil(lambda: window.session.provider is not None, timeout=10_000)
    assert "this session only" in window.connection_label.text()
    with qtbot.waitSignal(window.jobs_tab.polled, timeout=10_000):
        window.jobs_tab.refresh()
