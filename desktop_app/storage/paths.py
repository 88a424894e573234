"""Every path the app writes to, resolved in one place."""

from __future__ import annotations

from pathlib import Path

import platformdirs

__all__ = ["APP_NAME", "AppPaths"]

APP_NAME = "FineTuneDesk"

_PRIVATE_DIR_MODE = 0o700


class AppPaths:
    """Where settings, data, caches and logs live.

    ``AppPaths.default()`` (or ``AppPaths(base=None)``) follows the platform's conventions (platformdirs).
    ``AppPaths(base=dir)`` puts everything under one directory, for tests and smoke runs, so nothing
    touches the real user profile. ``base`` is required so a test cannot reach the real profile by accident.
    Nothing is created until :meth:`ensure` is called.
    """

    __slots__ = ("base", "cache_dir", "config_dir", "data_dir", "log_dir")

    def __init__(self, *, base: Path | None) -> None:
        self.base = base
        if base is None:
            dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
            self.config_dir = dirs.user_config_path
            self.data_dir = dirs.user_data_path
            self.cache_dir = dirs.user_cache_path
            self.log_dir = dirs.user_log_path
        else:
            self.config_dir = base / "config"
            self.data_dir = base / "data"
            self.cache_dir = base / "cache"
            self.log_dir = base / "logs"

    @classmethod
    def default(cls) -> AppPaths:
        """The platform's per-user directories (e.g. ~/.config/FineTuneDesk on Linux)."""
        return cls(base=None)

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def prices_file(self) -> Path:
        """The user's training prices: rows that override or add to ``resources/prices.json``."""
        return self.data_dir / "prices.json"

    @property
    def autosave_dir(self) -> Path:
        return self.data_dir / "autosave"

    @property
    def jobs_cache_file(self) -> Path:
        """The last known state of jobs (SQLite). A cache: the service can always fill it again."""
        return self.cache_dir / "jobs.sqlite3"

    @property
    def conversations_file(self) -> Path:
        """The chat history (SQLite). Data, not a cache: nothing could fill it again."""
        return self.data_dir / "conversations.sqlite3"

    def all_dirs(self) -> tuple[Path, ...]:
        return (self.config_dir, self.data_dir, self.cache_dir, self.log_dir, self.autosave_dir)

    def ensure(self) -> None:
        """Create every directory that does not exist yet (new ones readable by the owner only)."""
        for directory in self.all_dirs():
            directory.mkdir(mode=_PRIVATE_DIR_MODE, parents=True, exist_ok=True)

    def __repr__(self) -> str:
        where = f"base={self.base!s}" if self.base is not None else "platform defaults"
        return f"AppPaths({where})"
