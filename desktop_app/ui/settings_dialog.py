"""Settings: provider profiles, the API key (kept in the OS keyring) and a connection test."""

from __future__ import annotations

import copy
import dataclasses

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.connect import connection_config
from desktop_app.providers.connection import open_provider
from desktop_app.storage.secrets import KeyLocation, SecretStatus, SecretStore, mask_key, register_secret
from desktop_app.storage.settings import Profile, ProviderKind, Settings
from desktop_app.ui.colours import Tone, set_tone
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.names import profile_display_name
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

# Profile.validate() speaks plain English; these marks let lupdate collect its sentences for translation.
_PROFILE_PROBLEMS = (
    QT_TRANSLATE_NOOP("Settings", "The profile has no id."),
    QT_TRANSLATE_NOOP("Settings", "Name is missing."),
    QT_TRANSLATE_NOOP("Settings", "Base URL is missing."),
    QT_TRANSLATE_NOOP("Settings", "Base URL must start with http:// or https://."),
    QT_TRANSLATE_NOOP("Settings", "Azure endpoint is missing."),
    QT_TRANSLATE_NOOP("Settings", "Azure endpoint must start with http:// or https://."),
    QT_TRANSLATE_NOOP("Settings", "API version is missing."),
)


def profile_problems(profile: Profile) -> list[str]:
    return [QCoreApplication.translate("Settings", problem) for problem in profile.validate()]


def key_problem(key: str) -> str | None:
    """Keys travel in an HTTP header: printable ASCII without spaces (an input method may add full-width ones)."""
    if not key:
        return None
    if any(ch.isspace() for ch in key):
        return QCoreApplication.translate("Settings", "The API key contains a space; paste it again.")
    if not key.isascii() or not key.isprintable():
        return QCoreApplication.translate(
            "Settings",
            "The API key contains characters keys never have (full-width letters?); paste it again.",
        )
    return None


def kind_label(kind: ProviderKind) -> str:
    return {
        ProviderKind.PRACTICE: QCoreApplication.translate("Settings", "Practice (simulated, free, no key)"),
        ProviderKind.OPENAI: QCoreApplication.translate("Settings", "OpenAI"),
        ProviderKind.AZURE: QCoreApplication.translate("Settings", "Azure OpenAI"),
        ProviderKind.COMPATIBLE: QCoreApplication.translate(
            "Settings", "OpenAI-compatible (LiteLLM, Zhipu, Nebius, LocalAI …)"
        ),
    }[kind]


def key_location_text(status: SecretStatus | None) -> str:
    if status is None or status.location is KeyLocation.NONE:
        return QCoreApplication.translate("Settings", "No key saved yet.")
    if status.location is KeyLocation.SYSTEM_KEYRING:
        return QCoreApplication.translate("Settings", "The key is kept in the system keyring (%1).").replace(
            "%1", status.backend_name
        )
    return QCoreApplication.translate(
        "Settings",
        "No secure keyring is available, so the key is kept for this session only and is never written to disk.",
    )


class SettingsDialog(QDialog):
    """Edits a copy of the settings; the caller applies ``result_settings()`` and ``new_keys()`` on accept."""

    connectionTested = Signal(bool, str)
    keyStatusesRead = Signal()

    def __init__(
        self,
        settings: Settings,
        pool: WorkerPool,
        secrets: SecretStore,
        *,
        practice_url: str = "",
        key_status: dict[str, SecretStatus] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(720, 420)  # no fixed minimum: the layout's keeps every text whole in a longer language
        self._settings = copy.deepcopy(settings)
        self._pool = pool
        self._secrets = secrets
        self._practice_url = practice_url
        self._key_status = key_status or {}
        self._new_keys: dict[str, str] = {}
        self._removed: list[str] = []
        self._current_id: str | None = None
        self._test_worker: Worker | None = None
        self._status_worker: Worker | None = None

        self.profile_list = QListWidget(self)
        self.profile_list.setAccessibleName(self.tr("Profiles"))
        self.profile_list.currentItemChanged.connect(self._on_profile_selected)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self.add_profile)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_profile)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.add_button)
        list_buttons.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Profiles"), self))
        left.addWidget(self.profile_list, 1)
        left.addLayout(list_buttons)

        self.name_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        for kind in ProviderKind:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.base_url_edit = QLineEdit(self)
        self.base_url_edit.setPlaceholderText("https://example.com/v1")
        self.organization_edit = QLineEdit(self)
        self.project_edit = QLineEdit(self)
        self.azure_endpoint_edit = QLineEdit(self)
        self.azure_endpoint_edit.setPlaceholderText("https://YOUR-RESOURCE.openai.azure.com")
        self.api_version_edit = QLineEdit(self)
        self.key_edit = QLineEdit(self)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.textEdited.connect(self._on_key_edited)
        self.key_note = QLabel(self)
        self.key_note.setWordWrap(True)
        self.practice_note = QLabel(
            self.tr(
                "Practice mode runs a simulated training service on this computer: free, no key, nothing is "
                "sent anywhere. Use it to learn the whole flow."
            ),
            self,
        )
        self.practice_note.setWordWrap(True)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Name:"), self.name_edit)
        self.form.addRow(self.tr("Service:"), self.kind_combo)
        self.form.addRow(self.tr("Base URL:"), self.base_url_edit)
        self.form.addRow(self.tr("Organization:"), self.organization_edit)
        self.form.addRow(self.tr("Project:"), self.project_edit)
        self.form.addRow(self.tr("Azure endpoint:"), self.azure_endpoint_edit)
        self.form.addRow(self.tr("API version:"), self.api_version_edit)
        self.form.addRow(self.tr("API key:"), self.key_edit)
        self.form.addRow("", self.key_note)

        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel(self)
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label = QLabel(self)
        set_tone(self.problems_label, Tone.ERROR)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)

        right = QVBoxLayout()
        right.addWidget(self.practice_note)
        right.addLayout(self.form)
        right.addLayout(test_row)
        right.addWidget(self.problems_label)
        right.addStretch(1)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use this profile"))
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        for edit in (
            self.name_edit,
            self.base_url_edit,
            self.organization_edit,
            self.project_edit,
            self.azure_endpoint_edit,
            self.api_version_edit,
        ):
            edit.textEdited.connect(self._store_form)
        self._fill_list(self._settings.active_profile_id)
        self._read_key_statuses()

    # ---- results ---------------------------------------------------------------------------------------
    def result_settings(self) -> Settings:
        self._store_form()
        return self._settings

    def new_keys(self) -> dict[str, str]:
        """Keys typed for profiles; an emptied field means "unchanged", never "delete"."""
        return {profile_id: key for profile_id, key in self._new_keys.items() if key}

    def removed_profiles(self) -> list[str]:
        return list(self._removed)

    # ---- profile list ----------------------------------------------------------------------------------------
    def _fill_list(self, select_id: str) -> None:
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        for profile in self._settings.profiles:
            item = QListWidgetItem(profile_display_name(profile))
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            self.profile_list.addItem(item)
        self.profile_list.blockSignals(False)
        ids = [p.id for p in self._settings.profiles]
        self.profile_list.setCurrentRow(ids.index(select_id) if select_id in ids else 0)

    def add_profile(self) -> None:
        self._store_form()
        profile = Profile(
            id=self._settings.new_profile_id(), name=self.tr("My OpenAI account"), kind=ProviderKind.OPENAI
        )
        self._settings.add_profile(profile)
        self._fill_list(profile.id)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def remove_profile(self) -> None:
        if self._current_id is None:
            return
        profile = self._settings.profile(self._current_id)
        if profile is None or profile.kind is ProviderKind.PRACTICE:
            return
        self._settings.remove_profile(profile.id)
        self._new_keys.pop(profile.id, None)
        self._removed.append(profile.id)  # its key is deleted too
        self._current_id = None
        self._fill_list(self._settings.active_profile_id)

    def _on_profile_selected(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        self._store_form()
        if current is None:
            return
        profile_id = current.data(Qt.ItemDataRole.UserRole)
        profile = self._settings.profile(profile_id)
        if profile is None:
            return
        self._current_id = profile.id
        self._settings.active_profile_id = profile.id
        self._load_form(profile)

    def current_profile(self) -> Profile | None:
        return self._settings.profile(self._current_id) if self._current_id else None

    # ---- form -------------------------------------------------------------------------------------------------
    def _load_form(self, profile: Profile) -> None:
        self._loading = True
        self.name_edit.setText(profile_display_name(profile))
        self.kind_combo.setCurrentIndex(list(ProviderKind).index(profile.kind))
        # Only the built-in profile is Practice; a real service can't be turned into it.
        kinds = self.kind_combo.model()
        if isinstance(kinds, QStandardItemModel):
            practice_item = kinds.item(list(ProviderKind).index(ProviderKind.PRACTICE))
            if practice_item is not None:
                practice_item.setEnabled(profile.kind is ProviderKind.PRACTICE)
        self.base_url_edit.setText(profile.base_url)
        self.organization_edit.setText(profile.organization)
        self.project_edit.setText(profile.project)
        self.azure_endpoint_edit.setText(profile.azure_endpoint)
        self.api_version_edit.setText(profile.api_version)
        self.key_edit.clear()
        self._show_key_state(profile)
        self.test_result.clear()
        self._loading = False
        self._on_kind_changed()

    def _show_key_state(self, profile: Profile) -> None:
        typed = self._new_keys.get(profile.id)
        status = self._key_status.get(profile.id)
        if typed:
            self.key_edit.setPlaceholderText(self.tr("New key: %1").replace("%1", mask_key(typed)))
        elif status is not None and status.location is not KeyLocation.NONE:
            self.key_edit.setPlaceholderText(self.tr("Saved — type to replace"))
        elif profile.id not in self._key_status and self._status_worker is not None:
            self.key_edit.setPlaceholderText(self.tr("Checking the keyring…"))
        else:
            self.key_edit.setPlaceholderText(self.tr("Paste your API key"))
        self.key_note.setText(key_location_text(status))

    def _read_key_statuses(self) -> None:
        """Where each profile's key lives: keyring look-ups are I/O, so they run in the background."""
        secrets = self._secrets
        ids = [p.id for p in self._settings.profiles if p.kind is not ProviderKind.PRACTICE]

        def work(token: CancelToken, report: Reporter) -> dict[str, SecretStatus]:
            return {profile_id: secrets.status(profile_id) for profile_id in ids}

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_key_statuses)

        self._status_worker = self._pool.start(work, "key statuses", connect=connect)

    def _on_key_statuses(self, statuses: dict[str, SecretStatus]) -> None:
        self._status_worker = None
        self._key_status.update(statuses)
        profile = self.current_profile()
        if profile is not None and profile.kind is not ProviderKind.PRACTICE:
            self._show_key_state(profile)
        self.keyStatusesRead.emit()

    def _on_kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        if not isinstance(kind, ProviderKind):
            return
        practice = kind is ProviderKind.PRACTICE
        visible = {
            self.base_url_edit: kind in (ProviderKind.OPENAI, ProviderKind.COMPATIBLE),
            self.organization_edit: kind is ProviderKind.OPENAI,
            self.project_edit: kind is ProviderKind.OPENAI,
            self.azure_endpoint_edit: kind is ProviderKind.AZURE,
            self.api_version_edit: kind is ProviderKind.AZURE,
            self.key_edit: not practice,
            self.key_note: not practice,
        }
        for widget, show in visible.items():
            self.form.setRowVisible(widget, show)
        self.practice_note.setVisible(practice)
        self.name_edit.setEnabled(not practice)
        self.kind_combo.setEnabled(not practice)
        self.remove_button.setEnabled(not practice)
        if kind is ProviderKind.OPENAI:
            self.base_url_edit.setPlaceholderText(self.tr("Leave empty for api.openai.com"))
        elif kind is ProviderKind.COMPATIBLE:
            self.base_url_edit.setPlaceholderText("https://example.com/v1")
        if not getattr(self, "_loading", False):
            self._store_form()

    def _on_key_edited(self, text: str) -> None:
        if self._current_id is not None:
            self._new_keys[self._current_id] = text.strip()

    def _store_form(self) -> None:
        if getattr(self, "_loading", False) or self._current_id is None:
            return
        profile = self._settings.profile(self._current_id)
        if profile is None or profile.kind is ProviderKind.PRACTICE:
            return
        kind = self.kind_combo.currentData()
        updated = dataclasses.replace(
            profile,
            name=self.name_edit.text().strip() or profile.name,
            kind=kind if isinstance(kind, ProviderKind) else profile.kind,
            base_url=self.base_url_edit.text().strip(),
            organization=self.organization_edit.text().strip(),
            project=self.project_edit.text().strip(),
            azure_endpoint=self.azure_endpoint_edit.text().strip(),
            api_version=self.api_version_edit.text().strip(),
        )
        self._settings.update_profile(updated)
        item = self.profile_list.currentItem()
        if item is not None and item.text() != updated.name:
            item.setText(updated.name)

    def _problems(self, profile: Profile | None = None) -> list[str]:
        profile = profile or self.current_profile()
        if profile is None:
            return []
        problems = profile_problems(profile)
        bad_key = key_problem(self._new_keys.get(profile.id, ""))
        if bad_key:
            problems.append(bad_key)
        if not (profile.organization + profile.project).isascii():
            problems.append(
                self.tr("Organization and project IDs use only Latin letters, digits and dashes.")
            )
        return problems

    def _accept_if_valid(self) -> None:
        self._store_form()
        # Every profile edited in this visit is checked, not only the one on screen.
        ids = {p.id for p in self._settings.profiles}
        for profile_id in [self._current_id, *self._new_keys]:
            profile = self._settings.profile(profile_id) if profile_id in ids and profile_id else None
            problems = self._problems(profile) if profile is not None else []
            if problems:
                if profile is not None and profile.id != self._current_id:
                    self._fill_list(profile.id)
                self.problems_label.setText("\n".join(problems))
                return
        self.problems_label.clear()
        self.accept()

    # ---- connection test --------------------------------------------------------------------------------------
    def test_connection(self) -> Worker | None:
        self._store_form()
        profile = self.current_profile()
        if profile is None:
            return None
        problems = self._problems()
        self.problems_label.setText("\n".join(problems))
        if problems:
            return None
        if profile.kind is ProviderKind.PRACTICE and not self._practice_url:
            # Practice runs on this computer; with no simulator running there is nothing to reach (and an
            # empty address must never fall through to a real service).
            self._report_test_ok(0)
            return None
        typed_key = self._new_keys.get(profile.id, "")
        if typed_key:
            register_secret(typed_key)  # masked in any log line before it is ever used
        practice_url = self._practice_url
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Connecting…"))
        secrets = self._secrets

        def work(token: CancelToken, report: Reporter) -> int:
            key = typed_key or secrets.get_key(profile.id) or ""
            config = connection_config(profile, key, practice_url=practice_url)
            provider = open_provider(dataclasses.replace(config, max_retries=0, timeout=20.0))
            try:
                return provider.check_connection()
            finally:
                provider.close()

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_test_ok)
            worker.error.connect(self._on_test_failed)
            worker.finished.connect(self._on_test_finished)

        self._test_worker = self._pool.start(work, "test connection", connect=connect, tag=profile.id)
        return self._test_worker

    def _on_test_finished(self) -> None:
        self.test_button.setEnabled(True)

    def _is_current_test(self) -> bool:
        worker = self.sender()
        return isinstance(worker, Worker) and worker is self._test_worker and worker.tag == self._current_id

    def _on_test_ok(self, n_models: int) -> None:
        if self._is_current_test():  # else: the answer for a profile no longer on screen
            self._report_test_ok(n_models)

    def _report_test_ok(self, n_models: int) -> None:
        profile = self.current_profile()
        if profile is not None and profile.kind is ProviderKind.PRACTICE:
            text = self.tr("Practice mode is ready: it runs on this computer.")
        else:
            text = self.tr("Connected. The service offers %n model(s).", "", n_models)
        set_tone(self.test_result, Tone.SUCCESS)
        self.test_result.setText(text)
        self.connectionTested.emit(True, text)

    def _on_test_failed(self, exc: Exception) -> None:
        if not self._is_current_test():
            return
        message = describe_exception(exc)
        set_tone(self.test_result, Tone.ERROR)
        self.test_result.setText(f"{message.text}  {message.detail}".strip())
        self.connectionTested.emit(False, message.text)
