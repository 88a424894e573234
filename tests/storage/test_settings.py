from __future__ import annotations

import json

import pytest

from desktop_app.core.chat_settings import ChatSettings
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.settings import (
    DEFAULT_BASE_MODEL,
    GUIDE_CLOSED,
    GUIDE_NEW,
    PRACTICE_PROFILE_ID,
    Profile,
    ProviderKind,
    Settings,
    SettingsStore,
)


def _openai_profile(settings: Settings) -> Profile:
    return Profile(
        id=settings.new_profile_id(),
        name="我的 OpenAI",
        kind=ProviderKind.OPENAI,
        organization="org-1",
        project="proj-1",
    )


def test_missing_file_gives_defaults_with_practice_active(paths: AppPaths) -> None:
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    assert store.load_problem is None
    assert [p.id for p in settings.profiles] == [PRACTICE_PROFILE_ID]
    assert settings.active_profile().kind is ProviderKind.PRACTICE
    assert settings.default_base_model == DEFAULT_BASE_MODEL
    assert not paths.settings_file.exists()


def test_round_trip(paths: AppPaths) -> None:
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    openai = _openai_profile(settings)
    azure = Profile(
        id=settings.new_profile_id(),
        name="Azure",
        kind=ProviderKind.AZURE,
        azure_endpoint="https://example.openai.azure.com",
        api_version="2024-10-21",
    )
    compatible = Profile(
        id=settings.new_profile_id(),
        name="Local",
        kind=ProviderKind.COMPATIBLE,
        base_url="http://127.0.0.1:8000/v1",
    )
    for profile in (openai, azure, compatible):
        settings.add_profile(profile)
    settings.active_profile_id = azure.id
    settings.last_open_dir = "/home/用户/数据"
    settings.window_geometry = "AdnQywADAAAAAAAA"
    settings.chat_system_prompt = "你是一个乐于助人的助手。"
    settings.default_base_model = "gpt-4.1-mini-2025-04-14"
    store.save(settings)

    reloaded = SettingsStore(paths.settings_file).load()
    assert reloaded == settings
    assert reloaded.active_profile() == azure
    assert "你是一个乐于助人的助手" in paths.settings_file.read_text(encoding="utf-8")


def test_corrupt_file_is_kept_aside_and_reported(paths: AppPaths) -> None:
    paths.settings_file.write_text('{"profiles": [', encoding="utf-8")
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    assert settings == Settings()
    assert store.load_problem is not None
    assert "damaged" in store.load_problem
    kept = list(paths.config_dir.glob("settings.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == '{"profiles": ['
    assert kept[0].name in store.load_problem
    # The next load starts clean.
    assert SettingsStore(paths.settings_file).load() == Settings()


def test_non_object_json_is_treated_as_corrupt(paths: AppPaths) -> None:
    paths.settings_file.write_text("[]", encoding="utf-8")
    store = SettingsStore(paths.settings_file)
    assert store.load() == Settings()
    assert store.load_problem is not None
    assert len(list(paths.config_dir.glob("settings.json.corrupt-*"))) == 1


def test_unreadable_profiles_are_skipped_and_reported(paths: AppPaths) -> None:
    document = {
        "active_profile_id": "gone",
        "last_open_dir": 42,
        "profiles": [
            {"id": "p1", "name": "Fine", "kind": "compatible", "base_url": "http://x"},
            {"id": "p2", "name": "Future", "kind": "some-future-provider"},
            "not a profile",
            {"id": "p1", "name": "Duplicate", "kind": "openai"},
        ],
        "some_future_setting": True,
    }
    paths.settings_file.write_text(json.dumps(document), encoding="utf-8")
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    assert [p.id for p in settings.profiles] == [PRACTICE_PROFILE_ID, "p1"]
    assert settings.active_profile_id == PRACTICE_PROFILE_ID
    assert settings.last_open_dir == ""
    assert store.load_problem is not None
    assert "3 provider profile(s)" in store.load_problem


def test_api_key_in_file_is_ignored_and_scrubbed_on_save(paths: AppPaths) -> None:
    leaked = "sk-leaked-abcdefg1234"
    document = {
        "api_key": leaked,
        "active_profile_id": "p1",
        "profiles": [{"id": "p1", "name": "OpenAI", "kind": "openai", "api_key": leaked}],
    }
    paths.settings_file.write_text(json.dumps(document), encoding="utf-8")
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    assert store.load_problem is None
    assert settings.active_profile().id == "p1"
    assert leaked not in repr(settings)
    store.save(settings)
    text = paths.settings_file.read_text(encoding="utf-8")
    assert leaked not in text
    assert "api_key" not in text


def test_practice_profile_cannot_be_removed_or_duplicated() -> None:
    settings = Settings()
    with pytest.raises(ValueError, match="cannot be removed"):
        settings.remove_profile(PRACTICE_PROFILE_ID)
    with pytest.raises(ValueError, match="only one Practice"):
        settings.add_profile(Profile(id="p2", name="Another", kind=ProviderKind.PRACTICE))
    with pytest.raises(ValueError, match="cannot change its kind"):
        settings.update_profile(Profile(id=PRACTICE_PROFILE_ID, name="P", kind=ProviderKind.OPENAI))
    assert [p.id for p in settings.profiles] == [PRACTICE_PROFILE_ID]


def test_practice_profile_is_restored_when_missing_from_file(paths: AppPaths) -> None:
    document = {"profiles": [{"id": "p1", "name": "OpenAI", "kind": "openai"}], "active_profile_id": "p1"}
    paths.settings_file.write_text(json.dumps(document), encoding="utf-8")
    settings = SettingsStore(paths.settings_file).load()
    assert settings.profile(PRACTICE_PROFILE_ID) is not None
    assert settings.active_profile_id == "p1"


def test_add_update_remove_profile() -> None:
    settings = Settings()
    profile = _openai_profile(settings)
    settings.add_profile(profile)
    with pytest.raises(ValueError, match="already exists"):
        settings.add_profile(profile)
    settings.active_profile_id = profile.id
    renamed = Profile(id=profile.id, name="Renamed", kind=ProviderKind.OPENAI)
    settings.update_profile(renamed)
    assert settings.active_profile().name == "Renamed"
    with pytest.raises(KeyError):
        settings.update_profile(Profile(id="missing", name="x", kind=ProviderKind.OPENAI))
    settings.remove_profile(profile.id)
    assert settings.profile(profile.id) is None
    assert settings.active_profile().id == PRACTICE_PROFILE_ID
    with pytest.raises(KeyError):
        settings.remove_profile(profile.id)


def test_new_profile_ids_are_unique() -> None:
    settings = Settings()
    ids = set()
    for _ in range(50):
        profile_id = settings.new_profile_id()
        settings.add_profile(Profile(id=profile_id, name=profile_id, kind=ProviderKind.OPENAI))
        ids.add(profile_id)
    assert len(ids) == 50
    assert PRACTICE_PROFILE_ID not in ids


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (Profile(id="practice", name="Practice", kind=ProviderKind.PRACTICE), []),
        (Profile(id="a", name="OpenAI", kind=ProviderKind.OPENAI), []),
        (Profile(id="a", name="OpenAI", kind=ProviderKind.OPENAI, base_url="ftp://x"), ["Base URL must"]),
        (Profile(id="a", name="Local", kind=ProviderKind.COMPATIBLE), ["Base URL is missing."]),
        (
            Profile(id="a", name="Local", kind=ProviderKind.COMPATIBLE, base_url="localhost:8000"),
            ["Base URL must"],
        ),
        (
            Profile(
                id="a", name="Local", kind=ProviderKind.COMPATIBLE, base_url="https://api.example.com/v1"
            ),
            [],
        ),
        (
            Profile(id="a", name="Az", kind=ProviderKind.AZURE, api_version=""),
            ["Azure endpoint is", "API version"],
        ),
        (
            Profile(id="a", name="Az", kind=ProviderKind.AZURE, azure_endpoint="https://r.openai.azure.com"),
            [],
        ),
        (Profile(id="a", name=" ", kind=ProviderKind.OPENAI), ["Name is missing."]),
    ],
)
def test_profile_validation(profile: Profile, expected: list[str]) -> None:
    problems = profile.validate()
    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start)


def test_chat_defaults_round_trip_per_profile(paths: AppPaths) -> None:
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    assert settings.chat_defaults == {}
    openai = _openai_profile(settings)
    settings.add_profile(openai)
    assert settings.chat_settings_for(openai.id) is None
    tuned = ChatSettings(
        system_prompt="你是青山茶舍的店员", temperature=0.3, top_p=0.9, max_tokens=800, context_messages=0
    )
    settings.remember_chat_settings(openai.id, tuned)
    settings.remember_chat_settings(PRACTICE_PROFILE_ID, ChatSettings())
    store.save(settings)

    reloaded = SettingsStore(paths.settings_file).load()
    assert reloaded == settings
    assert reloaded.chat_settings_for(openai.id) == tuned
    assert reloaded.chat_settings_for(PRACTICE_PROFILE_ID) == ChatSettings()
    document = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    assert document["chat_defaults"][openai.id]["system_prompt"] == "你是青山茶舍的店员"
    assert "temperature" not in document["chat_defaults"][PRACTICE_PROFILE_ID]  # None: not written


def test_remembering_again_replaces_and_unknown_profiles_are_not_remembered() -> None:
    settings = Settings()
    settings.remember_chat_settings(PRACTICE_PROFILE_ID, ChatSettings(temperature=1.5))
    settings.remember_chat_settings(PRACTICE_PROFILE_ID, ChatSettings(max_tokens=10))
    assert settings.chat_settings_for(PRACTICE_PROFILE_ID) == ChatSettings(max_tokens=10)
    settings.remember_chat_settings("gone", ChatSettings(temperature=1.5))
    assert settings.chat_settings_for("gone") is None
    assert list(settings.chat_defaults) == [PRACTICE_PROFILE_ID]


def test_removing_a_profile_drops_its_chat_defaults(paths: AppPaths) -> None:
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    profile = _openai_profile(settings)
    settings.add_profile(profile)
    settings.remember_chat_settings(profile.id, ChatSettings(temperature=0.2))
    settings.remember_chat_settings(PRACTICE_PROFILE_ID, ChatSettings(context_messages=4))
    settings.remove_profile(profile.id)
    assert settings.chat_settings_for(profile.id) is None
    assert settings.chat_settings_for(PRACTICE_PROFILE_ID) == ChatSettings(context_messages=4)
    store.save(settings)
    assert profile.id not in paths.settings_file.read_text(encoding="utf-8")


def test_chat_defaults_of_a_profile_dropped_meanwhile_are_not_saved(paths: AppPaths) -> None:
    settings = Settings()
    settings.chat_defaults["not-a-profile"] = ChatSettings(temperature=0.2).to_dict_with_prompt()
    SettingsStore(paths.settings_file).save(settings)
    assert "not-a-profile" not in paths.settings_file.read_text(encoding="utf-8")


def test_bad_chat_defaults_in_the_file_are_tolerated(paths: AppPaths) -> None:
    leaked = "sk-leaked-abcdefg1234"
    document = {
        "active_profile_id": "p1",
        "profiles": [{"id": "p1", "name": "Local", "kind": "compatible", "base_url": "http://x"}],
        "chat_defaults": {
            "p1": {
                "system_prompt": "Be brief.",
                "temperature": 9,  # out of range: clamped
                "top_p": "high",  # wrong type: dropped
                "max_tokens": 0,  # out of range: clamped
                "context_messages": 2.5,  # not whole: dropped
                "frequency_penalty": 0.5,  # from a later version: ignored
                "api_key": leaked,  # never kept
            },
            PRACTICE_PROFILE_ID: "not an object",
            "deleted-profile": {"temperature": 1.0},
        },
    }
    paths.settings_file.write_text(json.dumps(document), encoding="utf-8")
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    assert store.load_problem is None
    assert settings.chat_settings_for("p1") == ChatSettings(
        system_prompt="Be brief.", temperature=2.0, max_tokens=1
    )
    assert settings.chat_settings_for(PRACTICE_PROFILE_ID) is None
    assert list(settings.chat_defaults) == ["p1"]
    store.save(settings)
    text = paths.settings_file.read_text(encoding="utf-8")
    assert leaked not in text
    assert "frequency_penalty" not in text


@pytest.mark.parametrize("chat_defaults", [None, [], "text", 3, {"p1": None}, {"p1": [1, 2]}])
def test_unreadable_chat_defaults_are_left_out(paths: AppPaths, chat_defaults: object) -> None:
    document = {
        "profiles": [{"id": "p1", "name": "OpenAI", "kind": "openai"}],
        "chat_defaults": chat_defaults,
    }
    paths.settings_file.write_text(json.dumps(document), encoding="utf-8")
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    assert store.load_problem is None
    assert settings.chat_defaults == {}
    assert [p.id for p in settings.profiles] == [PRACTICE_PROFILE_ID, "p1"]


def test_a_file_without_chat_defaults_loads(paths: AppPaths) -> None:
    """Files written before chat defaults existed have no such key."""
    paths.settings_file.write_text(json.dumps({"version": 1, "profiles": []}), encoding="utf-8")
    settings = SettingsStore(paths.settings_file).load()
    assert settings.chat_defaults == {}
    assert settings.chat_settings_for(PRACTICE_PROFILE_ID) is None


def test_language_theme_and_guide_are_kept_and_unknown_values_fall_back(paths: AppPaths) -> None:
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    assert (settings.language, settings.theme, settings.guide) == ("", "", GUIDE_NEW)  # a first start
    settings.language, settings.theme, settings.guide = "zh_CN", "dark", GUIDE_CLOSED
    store.save(settings)
    again = SettingsStore(paths.settings_file).load()
    assert (again.language, again.theme, again.guide) == ("zh_CN", "dark", GUIDE_CLOSED)

    # A hand-edited or newer file: values this version does not know give the defaults, nothing else is lost.
    document = json.loads(paths.settings_file.read_text("utf-8"))
    document.update(language="klingon", theme="purple", guide=3)
    paths.settings_file.write_text(json.dumps(document), "utf-8")
    odd = SettingsStore(paths.settings_file).load()
    assert (odd.language, odd.theme, odd.guide) == ("", "", GUIDE_NEW)
    assert odd.active_profile_id == again.active_profile_id
