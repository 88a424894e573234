from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.storage.logsetup import shutdown_logging
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretRedactor


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    app_paths = AppPaths(base=tmp_path / "profile")
    app_paths.ensure()
    return app_paths


@pytest.fixture
def redactor() -> SecretRedactor:
    """A fresh redactor per test, so keys registered by one test cannot make another pass."""
    return SecretRedactor()


@pytest.fixture(autouse=True)
def _close_log_files() -> Iterator[None]:
    yield
    shutdown_logging()
