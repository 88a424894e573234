"""Training and chat services behind one interface (see :mod:`desktop_app.providers.base`).

``OpenAICompatibleProvider`` is imported on first use: it brings the openai SDK (about a second).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.connection import ConnectionConfig, ServiceKind, open_provider
from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError

if TYPE_CHECKING:
    from desktop_app.providers.openai_compatible import OpenAICompatibleProvider

__all__ = [
    "ConnectionConfig",
    "ErrorKind",
    "OpenAICompatibleProvider",
    "ProviderError",
    "ServiceKind",
    "TrainingProvider",
    "UnsupportedFeatureError",
    "open_provider",
]


def __getattr__(name: str) -> Any:
    if name == "OpenAICompatibleProvider":
        from desktop_app.providers.openai_compatible import OpenAICompatibleProvider  # noqa: PLC0415

        return OpenAICompatibleProvider
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
