"""How to reach a service (:class:`ConnectionConfig`) and the provider that does (:func:`open_provider`).

Light on purpose: the openai SDK behind the provider takes about a second to import, so it is imported by
:func:`open_provider` (which the app calls in a worker thread), not by whoever only describes a connection.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from desktop_app.providers.base import TrainingProvider

DEFAULT_AZURE_API_VERSION = "2025-04-01-preview"


class ServiceKind(enum.Enum):
    PRACTICE = "practice"
    OPENAI = "openai"
    AZURE = "azure"
    COMPATIBLE = "compatible"


@dataclass(frozen=True)
class ConnectionConfig:
    kind: ServiceKind
    api_key: str = field(repr=False)
    base_url: str = ""
    organization: str = ""
    project: str = ""
    azure_endpoint: str = ""
    api_version: str = ""
    timeout: float = 60.0
    connect_timeout: float = 5.0
    max_retries: int = 2


def open_provider(config: ConnectionConfig) -> TrainingProvider:
    """The provider for ``config`` (every kind speaks OpenAI's API). The first call imports the openai SDK."""
    from desktop_app.providers.openai_compatible import OpenAICompatibleProvider  # noqa: PLC0415 - see above

    return OpenAICompatibleProvider(config)
