"""Provider profiles and app settings, saved as JSON. API keys never go here (see secrets.py)."""

from __future__ import annotations

import enum
import json
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop_app.core.chat_settings import ChatSettings
from desktop_app.providers.connection import DEFAULT_AZURE_API_VERSION
from desktop_app.storage.fileio import atomic_write_text, set_aside

__all__ = [
    "DEFAULT_AZURE_API_VERSION",
    "DEFAULT_BASE_MODEL",
    "GUIDE_CLOSED",
    "GUIDE_FINISHED",
    "GUIDE_NEW",
    "LANGUAGES",
    "PRACTICE_PROFILE_ID",
    "THEMES",
    "Profile",
    "ProviderKind",
    "Settings",
    "SettingsStore",
]

log = logging.getLogger(__name__)

PRACTICE_PROFILE_ID = "practice"
DEFAULT_BASE_MODEL = "gpt-4o-mini-2024-07-18"
MAX_RECENT_FILES = 8
SETTINGS_FORMAT_VERSION = 1
LANGUAGES = ("", "en", "zh_CN")  # "": follow the system
THEMES = ("", "light", "dark")  # "": follow the system
GUIDE_NEW, GUIDE_CLOSED, GUIDE_FINISHED = "new", "closed", "finished"


class ProviderKind(enum.Enum):
    PRACTICE = "practice"
    OPENAI = "openai"
    AZURE = "azure"
    COMPATIBLE = "compatible"


@dataclass
class Profile:
    """A provider to train and chat with. Its key lives in the SecretStore under the profile's id."""

    id: str
    name: str
    kind: ProviderKind
    base_url: str = ""  # compatible: required; openai: optional override
    organization: str = ""  # openai
    project: str = ""  # openai
    azure_endpoint: str = ""  # azure
    api_version: str = DEFAULT_AZURE_API_VERSION  # azure

    def validate(self) -> list[str]:
        """Problems in plain English, empty when the profile can be used."""
        problems: list[str] = []
        if not self.id.strip():
            problems.append("The profile has no id.")
        if not self.name.strip():
            problems.append("Name is missing.")
        if self.kind is ProviderKind.COMPATIBLE:
            if not self.base_url.strip():
                problems.append("Base URL is missing.")
            elif not _is_http_url(self.base_url):
                problems.append("Base URL must start with http:// or https://.")
        elif self.kind is ProviderKind.OPENAI:
            if self.base_url.strip() and not _is_http_url(self.base_url):
                problems.append("Base URL must start with http:// or https://.")
        elif self.kind is ProviderKind.AZURE:
            if not self.azure_endpoint.strip():
                problems.append("Azure endpoint is missing.")
            elif not _is_http_url(self.azure_endpoint):
                problems.append("Azure endpoint must start with http:// or https://.")
            if not self.api_version.strip():
                problems.append("API version is missing.")
        return problems


def practice_profile() -> Profile:
    return Profile(id=PRACTICE_PROFILE_ID, name="Practice", kind=ProviderKind.PRACTICE)


@dataclass
class Settings:
    profiles: list[Profile] = field(default_factory=lambda: [practice_profile()])
    active_profile_id: str = PRACTICE_PROFILE_ID
    last_open_dir: str = ""
    window_geometry: str = ""  # base64 of Qt's saveGeometry(); storage only keeps the string
    chat_system_prompt: str = ""
    default_base_model: str = DEFAULT_BASE_MODEL
    recent_files: list[str] = field(default_factory=list)  # newest first, at most MAX_RECENT_FILES
    # The chat settings last used with each profile (by profile id), in ChatSettings.to_dict_with_prompt()
    # form: a new conversation on that profile starts with them. Use chat_settings_for / remember_....
    chat_defaults: dict[str, dict[str, object]] = field(default_factory=dict)
    language: str = ""  # the user interface's language ("zh_CN", "en"); empty: the system's
    theme: str = ""  # "light" or "dark"; empty: the system's
    guide: str = GUIDE_NEW  # the first-run guide: GUIDE_NEW (shown at start), GUIDE_CLOSED or GUIDE_FINISHED

    def remember_file(self, path: str) -> None:
        """Put ``path`` first in the recent files."""
        self.recent_files = [path, *(p for p in self.recent_files if p != path)][:MAX_RECENT_FILES]

    def __post_init__(self) -> None:
        self._ensure_practice_and_active()

    def chat_settings_for(self, profile_id: str) -> ChatSettings | None:
        """The chat settings last used with the profile; None when none were remembered for it."""
        raw = self.chat_defaults.get(profile_id)
        return None if raw is None else ChatSettings.from_dict_with_prompt(raw)

    def remember_chat_settings(self, profile_id: str, settings: ChatSettings) -> None:
        """Keep ``settings`` as the profile's chat defaults. Nothing is kept for an id that is not a profile
        (one removed meanwhile, say), so no entry outlives its profile."""
        if self.profile(profile_id) is not None:
            self.chat_defaults[profile_id] = settings.to_dict_with_prompt()

    def profile(self, profile_id: str) -> Profile | None:
        return next((p for p in self.profiles if p.id == profile_id), None)

    def active_profile(self) -> Profile:
        """The active profile, or Practice when the active id no longer exists."""
        active = self.profile(self.active_profile_id)
        if active is not None:
            return active
        practice = self.profile(PRACTICE_PROFILE_ID)
        assert practice is not None  # __post_init__ and remove_profile keep it
        return practice

    def new_profile_id(self) -> str:
        while True:
            candidate = f"profile-{uuid.uuid4().hex[:12]}"
            if self.profile(candidate) is None:
                return candidate

    def add_profile(self, profile: Profile) -> None:
        if self.profile(profile.id) is not None:
            raise ValueError(f"A profile with id {profile.id!r} already exists.")
        if profile.kind is ProviderKind.PRACTICE:
            raise ValueError("There is only one Practice profile.")
        self.profiles.append(profile)

    def update_profile(self, profile: Profile) -> None:
        """Replace the stored profile that has the same id."""
        for index, existing in enumerate(self.profiles):
            if existing.id == profile.id:
                if (profile.id == PRACTICE_PROFILE_ID) != (profile.kind is ProviderKind.PRACTICE):
                    raise ValueError("The Practice profile cannot change its kind.")
                self.profiles[index] = profile
                return
        raise KeyError(profile.id)

    def remove_profile(self, profile_id: str) -> None:
        """Remove a profile; the Practice profile cannot be removed. Removing the active one activates Practice.

        The caller deletes the profile's key from the SecretStore.
        """
        if profile_id == PRACTICE_PROFILE_ID:
            raise ValueError("The Practice profile cannot be removed.")
        if self.profile(profile_id) is None:
            raise KeyError(profile_id)
        self.profiles = [p for p in self.profiles if p.id != profile_id]
        self.chat_defaults.pop(profile_id, None)
        if self.active_profile_id == profile_id:
            self.active_profile_id = PRACTICE_PROFILE_ID

    def _ensure_practice_and_active(self) -> None:
        if self.profile(PRACTICE_PROFILE_ID) is None:
            self.profiles.insert(0, practice_profile())
        if self.profile(self.active_profile_id) is None:
            self.active_profile_id = PRACTICE_PROFILE_ID


class SettingsStore:
    """Loads and saves :class:`Settings` at ``path``. Loading never fails: problems end up in ``load_problem``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_problem: str | None = None

    def load(self) -> Settings:
        self.load_problem = None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Settings()
        except OSError as error:
            self.load_problem = f"Could not read the settings file {self.path}: {error.strerror or error}"
            log.warning("%s", self.load_problem)
            return Settings()
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            return self._defaults_after_corrupt_file(f"{type(error).__name__}: {error}")
        if not isinstance(document, dict):
            return self._defaults_after_corrupt_file("the file does not hold a JSON object")
        settings, skipped = _settings_from_json(document)
        if skipped:
            self.load_problem = (
                f"{skipped} provider profile(s) in the settings file could not be read and were left out."
            )
            log.warning("%s", self.load_problem)
        return settings

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(_settings_to_json(settings), ensure_ascii=False, indent=2)
        atomic_write_text(self.path, text + "\n")

    def _defaults_after_corrupt_file(self, reason: str) -> Settings:
        try:
            kept = set_aside(self.path)
        except OSError as move_error:
            self.load_problem = (
                f"The settings file {self.path} is damaged and could not be moved aside "
                f"({move_error.strerror or move_error}); default settings are used."
            )
        else:
            self.load_problem = (
                "The settings file was damaged; default settings are used. "
                f"The damaged file was kept as {kept}."
            )
        log.warning("%s (%s)", self.load_problem, reason)
        return Settings()


# JSON mapping. Only the fields named here are read or written, so anything else in the file
# (including a key-like field such as "api_key" that should never be there) is ignored and is gone
# after the next save.


def _settings_to_json(settings: Settings) -> dict[str, Any]:
    return {
        "version": SETTINGS_FORMAT_VERSION,
        "active_profile_id": settings.active_profile_id,
        "last_open_dir": settings.last_open_dir,
        "window_geometry": settings.window_geometry,
        "chat_system_prompt": settings.chat_system_prompt,
        "default_base_model": settings.default_base_model,
        "recent_files": list(settings.recent_files),
        "language": settings.language,
        "theme": settings.theme,
        "guide": settings.guide,
        "profiles": [_profile_to_json(p) for p in settings.profiles],
        "chat_defaults": {
            profile_id: ChatSettings.from_dict_with_prompt(values).to_dict_with_prompt()
            for profile_id, values in settings.chat_defaults.items()
            if settings.profile(profile_id) is not None
        },
    }


def _profile_to_json(profile: Profile) -> dict[str, str]:
    return {
        "id": profile.id,
        "name": profile.name,
        "kind": profile.kind.value,
        "base_url": profile.base_url,
        "organization": profile.organization,
        "project": profile.project,
        "azure_endpoint": profile.azure_endpoint,
        "api_version": profile.api_version,
    }


def _settings_from_json(document: dict[str, Any]) -> tuple[Settings, int]:
    """Build settings from a parsed file; return them and how many profiles had to be skipped."""
    raw_profiles = document.get("profiles")
    profiles: list[Profile] = []
    skipped = 0
    for raw in raw_profiles if isinstance(raw_profiles, list) else []:
        profile = _profile_from_json(raw)
        if profile is None or any(p.id == profile.id for p in profiles):
            skipped += 1
        else:
            profiles.append(profile)
    settings = Settings(
        profiles=profiles,
        active_profile_id=_text(document, "active_profile_id", PRACTICE_PROFILE_ID),
        last_open_dir=_text(document, "last_open_dir", ""),
        window_geometry=_text(document, "window_geometry", ""),
        chat_system_prompt=_text(document, "chat_system_prompt", ""),
        default_base_model=_text(document, "default_base_model", DEFAULT_BASE_MODEL),
    )
    language = _text(document, "language", "")
    settings.language = language if language in LANGUAGES else ""
    theme = _text(document, "theme", "")
    settings.theme = theme if theme in THEMES else ""
    guide = _text(document, "guide", GUIDE_NEW)
    settings.guide = guide if guide in (GUIDE_NEW, GUIDE_CLOSED, GUIDE_FINISHED) else GUIDE_NEW
    recent = document.get("recent_files")
    if isinstance(recent, list):
        settings.recent_files = [p for p in recent if isinstance(p, str) and p][:MAX_RECENT_FILES]
    settings.chat_defaults = _chat_defaults_from_json(document.get("chat_defaults"), settings)
    return settings, skipped


def _chat_defaults_from_json(raw: object, settings: Settings) -> dict[str, dict[str, object]]:
    """Entries of known profiles only, each read as ChatSettings (so bad values are clamped or dropped, and
    keys it does not know, from a later version or a hand edit, are left out like any unknown field)."""
    if not isinstance(raw, dict):
        return {}
    return {
        profile_id: ChatSettings.from_dict_with_prompt(values).to_dict_with_prompt()
        for profile_id, values in raw.items()
        if isinstance(profile_id, str)
        and isinstance(values, dict)
        and settings.profile(profile_id) is not None
    }


def _profile_from_json(raw: object) -> Profile | None:
    if not isinstance(raw, dict):
        return None
    profile_id, name = raw.get("id"), raw.get("name")
    if not isinstance(profile_id, str) or not profile_id or not isinstance(name, str):
        return None
    try:
        kind = ProviderKind(raw.get("kind"))
    except ValueError:
        return None
    if (profile_id == PRACTICE_PROFILE_ID) != (kind is ProviderKind.PRACTICE):
        return None
    return Profile(
        id=profile_id,
        name=name,
        kind=kind,
        base_url=_text(raw, "base_url", ""),
        organization=_text(raw, "organization", ""),
        project=_text(raw, "project", ""),
        azure_endpoint=_text(raw, "azure_endpoint", ""),
        api_version=_text(raw, "api_version", DEFAULT_AZURE_API_VERSION),
    )


def _text(document: dict[Any, Any], name: str, default: str) -> str:
    value = document.get(name)
    return value if isinstance(value, str) else default


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in {"http", "https"} and bool(parts.netloc)
