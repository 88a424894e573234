"""API keys: kept in the system keyring, or in memory for this session when no secure keyring exists.

Keys are never written anywhere else and never logged. Every key this module sees is registered with a
:class:`SecretRedactor` so log handlers mask it. The process-wide default redactor exists on purpose: a key
seen anywhere must be masked in every log, and forgetting to wire one object to another must not leak it.
Tests inject their own.
"""

from __future__ import annotations

import enum
import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

# keyring is imported where it is used (0.1 s at start-up otherwise): its calls all run in worker threads.
if TYPE_CHECKING:
    import keyring.backend

__all__ = [
    "DEFAULT_SERVICE",
    "KeyLocation",
    "SecretRedactor",
    "SecretStatus",
    "SecretStore",
    "default_redactor",
    "mask_key",
    "register_secret",
]

log = logging.getLogger(__name__)

DEFAULT_SERVICE = "FineTuneDesk"

_FULL_MASK = "****"
# Shorter keys are masked completely: showing 7 of their characters would give away too much.
_MIN_LENGTH_TO_SHOW_ENDS = 20
# Registering a very short "secret" would mask ordinary words all over the logs.
_MIN_SECRET_LENGTH = 4
_MAX_DETAIL_LENGTH = 200

_KEY_SHAPED = re.compile(r"sk-[A-Za-z0-9_-]{8,}")
_BEARER_TOKEN = re.compile(r"(?i)\b(bearer\s+)([A-Za-z0-9._~+/=-]+)")


def mask_key(key: str) -> str:
    """Show a key without revealing it: ``sk-…a1b2`` (first 3 and last 4 characters).

    Keys shorter than 20 characters are masked completely.
    """
    if not key:
        return ""
    if len(key) < _MIN_LENGTH_TO_SHOW_ENDS:
        return _FULL_MASK
    return f"{key[:3]}…{key[-4:]}"


class SecretRedactor:
    """A thread-safe set of secrets to mask in text, plus patterns for anything shaped like an API key."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._secrets: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def register(self, secret: str) -> None:
        if len(secret) < _MIN_SECRET_LENGTH:
            return
        with self._lock:
            if secret in self._secrets:
                return
            self._secrets.add(secret)
            # Longest first, so a secret containing another one is masked whole.
            alternatives = sorted(self._secrets, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(s) for s in alternatives))

    def redact(self, text: str) -> str:
        with self._lock:
            pattern = self._pattern
        if pattern is not None:
            text = pattern.sub(lambda match: mask_key(match.group(0)), text)
        text = _KEY_SHAPED.sub(lambda match: mask_key(match.group(0)), text)
        return _BEARER_TOKEN.sub(lambda match: match.group(1) + mask_key(match.group(2)), text)


_default_redactor = SecretRedactor()


def default_redactor() -> SecretRedactor:
    """The process-wide redactor used when none is injected."""
    return _default_redactor


def register_secret(value: str) -> None:
    """Mask ``value`` in every log written through the default redactor from now on."""
    _default_redactor.register(value)


class KeyLocation(enum.Enum):
    SYSTEM_KEYRING = "system_keyring"
    SESSION_ONLY = "session_only"
    NONE = "none"


@dataclass(frozen=True)
class SecretStatus:
    """Where a profile's key lives. ``detail`` says why it is not in the keyring; it never holds the key."""

    location: KeyLocation
    backend_name: str
    detail: str


class SecretStore:
    """Keys per provider profile, in the system keyring when a secure one works, else in memory.

    The keyring backend is injected (``None`` picks ``keyring.get_keyring()``). All keyring calls run
    under one lock, because keyring backends are not thread-safe.
    """

    def __init__(
        self,
        backend: keyring.backend.KeyringBackend | None = None,
        service: str = DEFAULT_SERVICE,
        *,
        redactor: SecretRedactor | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._resolve_lock = threading.Lock()
        # Picking the default backend probes D-Bus (SecretService): it happens on first use, which the app
        # makes in a worker thread, never in the constructor on the UI thread.
        self._chosen: keyring.backend.KeyringBackend | None = backend
        self._chosen_problem: str | None = _why_backend_is_unusable(backend) if backend is not None else None
        self._service = service
        self._redactor = redactor if redactor is not None else _default_redactor
        self._session_keys: dict[str, str] = {}
        # Why a profile's key is not in the keyring (the last keyring failure), per profile.
        self._problems: dict[str, str] = {}

    def _resolve(self) -> keyring.backend.KeyringBackend:
        with self._resolve_lock:
            if self._chosen is None:
                import keyring  # noqa: PLC0415 - loaded on first use, off the start-up path

                self._chosen = keyring.get_keyring()
                self._chosen_problem = _why_backend_is_unusable(self._chosen)
            return self._chosen

    @property
    def _backend(self) -> keyring.backend.KeyringBackend:
        return self._resolve()

    @property
    def _unusable_reason(self) -> str | None:
        self._resolve()
        return self._chosen_problem

    @property
    def backend_name(self) -> str:
        return _backend_name(self._backend)

    def keyring_available(self) -> bool:
        """Whether a secure system keyring is configured (it may still be locked)."""
        return self._unusable_reason is None

    def set_key(self, profile_id: str, key: str) -> SecretStatus:
        if not key:
            raise ValueError("An empty key cannot be saved; use delete_key to remove a key.")
        self._redactor.register(key)
        with self._lock:
            problem = self._unusable_reason or self._try_store_in_keyring(profile_id, key)
            if problem is None:
                self._session_keys.pop(profile_id, None)
                self._problems.pop(profile_id, None)
                return SecretStatus(KeyLocation.SYSTEM_KEYRING, self.backend_name, "")
            self._session_keys[profile_id] = key
            self._problems[profile_id] = problem
        log.warning("Keeping the key of profile %r in memory for this session only: %s", profile_id, problem)
        return SecretStatus(KeyLocation.SESSION_ONLY, self.backend_name, problem)

    def get_key(self, profile_id: str) -> str | None:
        with self._lock:
            key = self._session_keys.get(profile_id)
            if key is None and self._unusable_reason is None:
                key = self._read_keyring(profile_id)
        if key is not None:
            self._redactor.register(key)
        return key

    def delete_key(self, profile_id: str) -> None:
        """Forget the key in memory and in the keyring. A keyring failure shows in :meth:`status`."""
        with self._lock:
            self._session_keys.pop(profile_id, None)
            self._problems.pop(profile_id, None)
            problem = None if self._unusable_reason is not None else self._try_delete_from_keyring(profile_id)
            if problem is not None:
                self._problems[profile_id] = problem
        if problem is not None:
            log.warning(
                "Could not remove the key of profile %r from the system keyring: %s", profile_id, problem
            )

    def status(self, profile_id: str) -> SecretStatus:
        """Where this profile's key lives now (asks the keyring, which may prompt to unlock)."""
        with self._lock:
            if profile_id in self._session_keys:
                return SecretStatus(
                    KeyLocation.SESSION_ONLY, self.backend_name, self._problems.get(profile_id, "")
                )
            if self._unusable_reason is not None:
                return SecretStatus(KeyLocation.NONE, self.backend_name, self._unusable_reason)
            key = self._read_keyring(profile_id)
            if key is not None:
                return SecretStatus(KeyLocation.SYSTEM_KEYRING, self.backend_name, "")
            return SecretStatus(KeyLocation.NONE, self.backend_name, self._problems.get(profile_id, ""))

    # The helpers below run with self._lock held.

    def _try_store_in_keyring(self, profile_id: str, key: str) -> str | None:
        """Store and read back; return why it failed, or None."""
        import keyring.errors  # noqa: PLC0415 - loaded on first use, off the start-up path

        try:
            self._backend.set_password(self._service, profile_id, key)
            stored = self._backend.get_password(self._service, profile_id)
        except (keyring.errors.KeyringError, OSError) as error:
            return self._describe_failure(error)
        if stored != key:
            return f"The system keyring ({self.backend_name}) did not keep the key"
        return None

    def _try_delete_from_keyring(self, profile_id: str) -> str | None:
        import keyring.errors  # noqa: PLC0415 - loaded on first use, off the start-up path

        try:
            self._backend.delete_password(self._service, profile_id)
        except keyring.errors.PasswordDeleteError:
            return None  # Nothing was stored: the outcome the caller wants.
        except (keyring.errors.KeyringError, OSError) as error:
            return self._describe_failure(error)
        return None

    def _read_keyring(self, profile_id: str) -> str | None:
        import keyring.errors  # noqa: PLC0415 - loaded on first use, off the start-up path

        try:
            key = self._backend.get_password(self._service, profile_id)
        except (keyring.errors.KeyringError, OSError) as error:
            self._problems[profile_id] = self._describe_failure(error)
            return None
        self._problems.pop(profile_id, None)
        return key

    def _describe_failure(self, error: Exception) -> str:
        # A backend's message could echo the key; it was registered with the redactor before any keyring call.
        return _describe_failure(error, self._redactor.redact(str(error)))


def _backend_name(backend: keyring.backend.KeyringBackend) -> str:
    return str(type(backend).name)


def _why_backend_is_unusable(backend: keyring.backend.KeyringBackend) -> str | None:
    """Reasons known without calling the backend: no keyring at all, or one that is not secure."""
    import keyring.backends.chainer  # noqa: PLC0415 - loaded on first use, off the start-up path
    import keyring.backends.fail  # noqa: PLC0415 - loaded on first use, off the start-up path
    import keyring.backends.null  # noqa: PLC0415 - loaded on first use, off the start-up path

    if isinstance(backend, keyring.backends.chainer.ChainerBackend):
        # The chainer writes to its highest-priority backend; judge that one.
        chained: list[keyring.backend.KeyringBackend] = list(type(backend).backends)
        if not chained:
            return "No system keyring is available (NoKeyringError)"
        backend = chained[0]
    name = _backend_name(backend)
    if isinstance(backend, keyring.backends.fail.Keyring):
        return "No system keyring is available (NoKeyringError)"
    if isinstance(backend, keyring.backends.null.Keyring):
        return f"The keyring backend '{name}' is not secure: it silently discards saved keys"
    module = type(backend).__module__
    if module == "keyrings.alt" or module.startswith("keyrings.alt."):
        # Files on disk (plain text, or encrypted with a password typed in a terminal), not a system keyring.
        return f"The keyring backend '{name}' is not secure: it keeps keys in a file, not a system keyring"
    return None


def _describe_failure(error: Exception, redacted_message: str) -> str:
    import keyring.errors  # noqa: PLC0415 - loaded on first use, off the start-up path

    kind = type(error).__name__
    message = redacted_message[:_MAX_DETAIL_LENGTH]
    if isinstance(error, keyring.errors.NoKeyringError):
        return f"No system keyring is available ({kind})"
    if isinstance(error, keyring.errors.KeyringLocked):
        summary = "The system keyring is locked"
    elif isinstance(error, keyring.errors.InitError):
        summary = "The system keyring could not be opened"
    elif isinstance(error, keyring.errors.PasswordSetError):
        summary = "The system keyring refused to save the key"
    else:
        summary = "The system keyring failed"
    return f"{summary} ({kind}: {message})" if message else f"{summary} ({kind})"
