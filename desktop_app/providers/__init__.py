"""Training and chat services behind one interface (see :mod:`desktop_app.providers.base`)."""

from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError
from desktop_app.providers.openai_compatible import ConnectionConfig, OpenAICompatibleProvider, ServiceKind

__all__ = [
    "ConnectionConfig",
    "ErrorKind",
    "OpenAICompatibleProvider",
    "ProviderError",
    "ServiceKind",
    "TrainingProvider",
    "UnsupportedFeatureError",
]
