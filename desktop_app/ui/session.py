"""Which service the app talks to right now, built from the active profile and its key.

The session is handed to the tabs through their constructors (no global bus). It owns the Practice simulator
while Practice is active and closes providers it replaces. The chat may also talk to the user's other
profiles: :meth:`Session.provider_getter` says how to reach one from a worker, which connects on first use
(its key read there) and keeps the connection for the next question.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.connect import DEFAULT_TIMEOUT, connection_config
from desktop_app.core.prices import PriceTable, load_price_table, shipped_price_table, shipped_prices_path
from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.connection import open_provider
from desktop_app.simulator import SimulatorConfig, SimulatorServer
from desktop_app.storage.secrets import SecretStatus, SecretStore
from desktop_app.storage.settings import Profile, ProviderKind, Settings, SettingsStore
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

log = logging.getLogger(__name__)

ProviderGetter = Callable[[], "TrainingProvider | None"]  # called in a worker; None: the profile has no key


class ProfileConnections:
    """Providers of profiles other than the active one, opened on first use (in a worker: reading the key
    is keyring I/O, and the first provider imports the openai SDK) and reused. Thread-safe; a profile edited
    in Settings is connected afresh. Providers let go are closed by :meth:`close_retired` once no worker can be
    using them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[str, tuple[Profile, TrainingProvider]] = {}
        self._opening: dict[str, threading.Lock] = {}  # one connection per profile, even asked twice at once
        self._retired: list[TrainingProvider] = []

    def get(self, profile: Profile, open_: Callable[[], TrainingProvider | None]) -> TrainingProvider | None:
        with self._lock:
            opening = self._opening.setdefault(profile.id, threading.Lock())
        with opening:
            with self._lock:
                found = self._open.get(profile.id)
                if found is not None and found[0] == profile:
                    return found[1]
                if found is not None:
                    del self._open[profile.id]
                    self._retired.append(found[1])
            provider = open_()
            if provider is not None:
                with self._lock:
                    self._open[profile.id] = (profile, provider)
            return provider

    def forget(self, profile_ids: Iterable[str] | None = None) -> None:
        """Let go of the connections of ``profile_ids`` (None: all of them)."""
        with self._lock:
            ids = list(self._open) if profile_ids is None else [i for i in profile_ids if i in self._open]
            for profile_id in ids:
                self._retired.append(self._open.pop(profile_id)[1])

    def close_retired(self) -> None:
        with self._lock:
            retired, self._retired = self._retired, []
        for provider in retired:
            provider.close()


@dataclass(frozen=True)
class _Connected:
    """What the connecting worker found: the provider (None without a key) for the profile it was asked about."""

    generation: int
    profile: Profile
    provider: TrainingProvider | None
    key_status: SecretStatus | None


@dataclass(frozen=True)
class ProviderState:
    """What the window shows about the connection."""

    profile: Profile
    provider: TrainingProvider | None
    key_status: SecretStatus | None
    missing_key: bool
    loading_key: bool


class Session(QObject):
    """Keyring calls are inter-process I/O (D-Bus), so keys are read and written in worker threads."""

    providerChanged = Signal()
    profilesChanged = Signal()  # Settings were applied: profiles or their keys may have changed
    keySaved = Signal(object)  # SecretStatus
    settingsSaveFailed = Signal(object)  # exception
    pricesChanged = Signal(object)  # PriceTable

    def __init__(
        self,
        settings: Settings,
        settings_store: SettingsStore,
        secrets: SecretStore,
        pool: WorkerPool,
        *,
        simulator_config: SimulatorConfig | None = None,
        simulator: SimulatorServer | None = None,
        request_timeout: float = DEFAULT_TIMEOUT,
        prices_file: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # The user's price file is a few kB: read here, on the UI thread, like the settings file.
        self.prices_file = prices_file
        self._prices = (
            load_price_table(shipped_prices_path(), prices_file)
            if prices_file is not None
            else shipped_price_table()
        )
        for problem in self._prices.problems:
            log.warning("price table: %s", problem)
        self._timeout = request_timeout
        self.settings = settings
        self.settings_store = settings_store
        self.secrets = secrets
        self._pool = pool
        self._generation = 0  # ignores keys that arrive for a profile no longer active
        self._retired: list[TrainingProvider] = []
        pool.idle.connect(self._close_retired)  # no worker can be using an old provider any more
        self._saving = False
        self._save_pending = False
        self._loading_key = True  # connecting: from the start until the first connection is made
        self._key_status: SecretStatus | None = None
        self._simulator_config = simulator_config
        self._simulator: SimulatorServer | None = simulator  # one already running, handed over
        self._provider: TrainingProvider | None = None
        self._missing_key = False
        self.connections = ProfileConnections()  # the other profiles the chat talks to

    def start(self) -> None:
        """Connect to the active profile's service (after the window has connected to providerChanged)."""
        self._activate(self.settings.active_profile())

    # ---- queries ----------------------------------------------------------------------------------------
    @property
    def provider(self) -> TrainingProvider | None:
        return self._provider

    @property
    def profile(self) -> Profile:
        return self.settings.active_profile()

    @property
    def is_practice(self) -> bool:
        return self.profile.kind is ProviderKind.PRACTICE

    @property
    def is_openai(self) -> bool:
        return self.profile.kind is ProviderKind.OPENAI

    @property
    def generation(self) -> int:
        """Changes whenever the service changes: work tagged with an older one belongs to a service left."""
        return self._generation

    @property
    def simulator(self) -> SimulatorServer | None:
        return self._simulator

    @property
    def prices(self) -> PriceTable:
        """Training prices for cost estimates: the shipped table with the user's own rows over it."""
        return self._prices

    def other_profiles(self) -> list[Profile]:
        """The profiles besides the active one the chat can offer models of, in the settings' order:
        Practice only while its service runs (it is started when Practice is made active)."""
        active = self.profile.id
        running = self._simulator is not None and self._simulator.running
        return [
            p
            for p in self.settings.profiles
            if p.id != active and (p.kind is not ProviderKind.PRACTICE or running)
        ]

    def provider_getter(self, profile_id: str) -> ProviderGetter | None:
        """How a worker reaches ``profile_id``'s service: the active provider, or another profile's connection
        (made on first use, then reused; a conversation had in Practice starts its service again). None when
        the profile no longer exists. The getter gives None when the profile has no key."""
        profile = self.settings.profile(profile_id)
        if profile is None:
            return None
        if profile.id == self.profile.id:
            provider = self._provider
            return lambda: provider
        practice_url = self._practice_url() if profile.kind is ProviderKind.PRACTICE else ""
        snapshot = copy.copy(profile)
        secrets, timeout, connections = self.secrets, self._timeout, self.connections

        def open_() -> TrainingProvider | None:
            if practice_url:
                config = connection_config(snapshot, "", practice_url=practice_url, timeout=timeout)
                return open_provider(config)
            key = secrets.get_key(snapshot.id)
            return open_provider(connection_config(snapshot, key, timeout=timeout)) if key else None

        return lambda: connections.get(snapshot, open_)

    def state(self) -> ProviderState:
        status = None if self.is_practice else self._key_status
        return ProviderState(self.profile, self._provider, status, self._missing_key, self._loading_key)

    # ---- changes ----------------------------------------------------------------------------------------
    def save_settings(self) -> None:
        """Save a snapshot in the background; saves never overlap, so the newest always lands last."""
        if self._saving:
            self._save_pending = True
            return
        snapshot = copy.deepcopy(self.settings)
        self._saving = True

        def work(token: CancelToken, report: Reporter) -> None:
            self.settings_store.save(snapshot)

        def connect(worker: Worker) -> None:
            worker.error.connect(self.settingsSaveFailed.emit)
            worker.finished.connect(self._on_settings_saved)

        self._pool.start(work, "save settings", connect=connect)

    def _on_settings_saved(self) -> None:
        self._saving = False
        if self._save_pending:
            self._save_pending = False
            self.save_settings()

    def apply_settings(self, settings: Settings, new_keys: dict[str, str], removed: list[str]) -> None:
        """Take edited settings, keys typed in the dialog and removed profiles; reconnect only if needed."""
        before = self.settings.active_profile()
        self.settings = settings
        self.save_settings()
        keys = {profile_id: key for profile_id, key in new_keys.items() if key and profile_id not in removed}
        reconnect = before != settings.active_profile() or settings.active_profile_id in keys
        self.connections.forget([*keys, *removed])  # an edited profile is connected afresh anyway
        if not keys and not removed:
            if reconnect:
                self.reload()
            self.profilesChanged.emit()
            return

        def work(token: CancelToken, report: Reporter) -> SecretStatus | None:
            for profile_id in removed:
                self.secrets.delete_key(profile_id)
            status = None
            for profile_id, key in keys.items():
                result = self.secrets.set_key(profile_id, key)
                if profile_id == settings.active_profile_id:
                    status = result
            return status

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_keys_saved)
            worker.error.connect(self._on_keys_failed)

        self._pool.start(work, "save keys", connect=connect, tag=reconnect)

    def _on_keys_failed(self, exc: Exception) -> None:
        self.settingsSaveFailed.emit(exc)
        worker = self.sender()
        if isinstance(worker, Worker) and worker.tag:
            self.reload()  # the profile changed anyway: connect to it (it will ask for its key)
        self.profilesChanged.emit()

    def _on_keys_saved(self, status: SecretStatus | None) -> None:
        worker = self.sender()
        if status is not None:
            self.keySaved.emit(status)
        if isinstance(worker, Worker) and worker.tag:
            self.reload()
        self.profilesChanged.emit()

    def set_prices(self, table: PriceTable) -> None:
        """Use ``table`` from now on (the Prices dialog saves it to :attr:`prices_file` itself)."""
        if table != self._prices:
            self._prices = table
            self.pricesChanged.emit(table)

    def reload(self) -> None:
        """Rebuild the provider after the active profile or its key changed."""
        self._activate(self.settings.active_profile())

    def _close_retired(self) -> None:
        for provider in self._retired:
            provider.close()
        self._retired.clear()
        self.connections.close_retired()

    def shutdown(self, *, keep_practice_service: bool = False) -> SimulatorServer | None:
        """Close the connections; stop the Practice service, or (``keep_practice_service``) return it still
        running, for a window that takes over (its jobs and models live in its memory)."""
        self._close_provider()
        self.connections.forget()
        self._close_retired()
        simulator, self._simulator = self._simulator, None
        if simulator is not None and not keep_practice_service:
            simulator.stop()
            return None
        return simulator

    def _close_provider(self) -> None:
        """Retire the current provider: workers may still be using it, so it is closed at shutdown."""
        if self._provider is not None:
            self._retired.append(self._provider)
            self._provider = None

    def _activate(self, profile: Profile) -> None:
        """Connect to ``profile``'s service in a worker: its key comes from the keyring (D-Bus), and the first
        provider imports the openai SDK (about a second), neither of which may hold up the window."""
        self._close_provider()
        self._generation += 1
        self._missing_key = False
        self._key_status = None
        self._loading_key = True
        practice_url = self._practice_url() if profile.kind is ProviderKind.PRACTICE else ""
        generation = self._generation
        timeout = self._timeout
        secrets = self.secrets
        self.providerChanged.emit()

        def work(token: CancelToken, report: Reporter) -> _Connected:
            if practice_url:
                config = connection_config(profile, "", practice_url=practice_url, timeout=timeout)
                return _Connected(generation, profile, open_provider(config), None)
            key = secrets.get_key(profile.id)
            status = secrets.status(profile.id)
            provider = open_provider(connection_config(profile, key, timeout=timeout)) if key else None
            return _Connected(generation, profile, provider, status)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_connected)
            worker.error.connect(self._on_connect_failed)

        self._pool.start(work, "connect", connect=connect, tag=(generation, profile))

    def _practice_url(self) -> str:
        """The Practice service's address, started first if it is not running."""
        if self._simulator is None:
            # Binding a socket on 127.0.0.1 takes microseconds: fine on the UI thread.
            self._simulator = SimulatorServer(config=self._simulator_config or SimulatorConfig())
            self._simulator.start()
        return self._simulator.base_url

    def _on_connect_failed(self, exc: Exception) -> None:
        log.error("connecting failed: %s", type(exc).__name__)
        worker = self.sender()
        if isinstance(worker, Worker) and isinstance(worker.tag, tuple):
            generation, profile = worker.tag
            self._on_connected(_Connected(generation, profile, None, None))

    def _on_connected(self, connected: _Connected) -> None:
        if connected.generation != self._generation:
            if connected.provider is not None:
                self._retired.append(connected.provider)  # the user switched profiles meanwhile
            return
        self._loading_key = False
        self._key_status = connected.key_status
        self._provider = connected.provider
        profile = connected.profile
        if profile.kind is ProviderKind.PRACTICE:
            log.info("active profile: Practice (the simulated service on this computer)")
        elif connected.provider is None:
            self._missing_key = True
            log.info("active profile %s has no key yet", profile.id)
        else:
            log.info("active profile: %s (%s)", profile.name, profile.kind.value)
        self.providerChanged.emit()
