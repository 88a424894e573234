"""From a profile (or an address) and a key to a connected provider: shared by the window and the command line.

Qt-free, so ``finetune-desk jobs ...`` reaches a service exactly as the app does.
"""

from __future__ import annotations

from desktop_app.providers.connection import ConnectionConfig, ServiceKind
from desktop_app.storage.settings import Profile, ProviderKind

PRACTICE_KEY = "practice"  # the simulator accepts any key; this one is not a secret
DEFAULT_TIMEOUT = 60.0  # seconds to wait for an answer (a first token from a large model can take a while)

_SERVICE_KINDS = {
    ProviderKind.PRACTICE: ServiceKind.PRACTICE,
    ProviderKind.OPENAI: ServiceKind.OPENAI,
    ProviderKind.AZURE: ServiceKind.AZURE,
    ProviderKind.COMPATIBLE: ServiceKind.COMPATIBLE,
}


def connection_config(
    profile: Profile, api_key: str, *, practice_url: str = "", timeout: float = DEFAULT_TIMEOUT
) -> ConnectionConfig:
    kind = _SERVICE_KINDS[profile.kind]
    if kind is ServiceKind.PRACTICE:
        return ConnectionConfig(kind, PRACTICE_KEY, base_url=practice_url, max_retries=1, timeout=timeout)
    return ConnectionConfig(
        kind,
        api_key,
        base_url=profile.base_url,
        organization=profile.organization,
        project=profile.project,
        azure_endpoint=profile.azure_endpoint,
        api_version=profile.api_version,
        timeout=timeout,
    )
