from __future__ import annotations

from pathlib import Path

from desktop_app.storage.paths import APP_NAME, AppPaths


def test_base_dir_puts_every_path_under_it(tmp_path: Path) -> None:
    paths = AppPaths(base=tmp_path)
    every_path = [*paths.all_dirs(), paths.settings_file]
    assert all(p.is_relative_to(tmp_path) for p in every_path)
    assert len(set(every_path)) == len(every_path)
    assert paths.settings_file.parent == paths.config_dir
    assert paths.autosave_dir.parent == paths.data_dir


def test_nothing_is_created_until_ensure(tmp_path: Path) -> None:
    paths = AppPaths(base=tmp_path / "base")
    assert not (tmp_path / "base").exists()
    paths.ensure()
    assert all(p.is_dir() for p in paths.all_dirs())
    paths.ensure()  # idempotent
    assert not paths.settings_file.exists()


def test_default_uses_platform_dirs_named_after_the_app() -> None:
    paths = AppPaths.default()
    assert paths.base is None
    assert all(APP_NAME in p.parts for p in paths.all_dirs())
    assert paths.config_dir != paths.data_dir
