"""The New-job dialog: base model, name suffix and epochs, as `fine_tunes.create -m MODEL --suffix NAME` did."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.models import (
    BASE_MODELS,
    SUFFIX_MAX_CHARS,
    default_epochs,
    find_model,
    is_legacy_model,
    is_valid_suffix,
)
from desktop_app.core.prices import PriceTable, shipped_price_table
from desktop_app.ui.prices_dialog import format_usd


@dataclass(frozen=True)
class NewJobChoice:
    base_model: str
    suffix: str
    n_epochs: int | None  # None = let the service choose


class NewJobDialog(QDialog):
    def __init__(
        self,
        n_examples: int,
        *,
        practice: bool,
        openai: bool = False,
        extra_models: list[str] | None = None,
        default_model: str = "",
        prices: PriceTable | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New training job"))
        self.setMinimumWidth(480)
        self._n_examples = n_examples
        self._prices = prices if prices is not None else shipped_price_table()

        self.model_combo = QComboBox(self)
        self.model_combo.setEditable(True)
        ids: list[str] = []
        for model in BASE_MODELS:
            self.model_combo.addItem(model.display_name, model.id)
            ids.append(model.id)
        for model_id in extra_models or []:
            if model_id not in ids:
                self.model_combo.addItem(model_id, model_id)
                ids.append(model_id)
        if default_model in ids:
            self.model_combo.setCurrentIndex(ids.index(default_model))
        self.model_combo.currentIndexChanged.connect(self._update)
        self.model_combo.editTextChanged.connect(self._update)

        self.suffix_edit = QLineEdit(self)
        self.suffix_edit.setPlaceholderText(self.tr("e.g. content"))
        self.suffix_edit.setMaxLength(SUFFIX_MAX_CHARS)
        self.suffix_edit.textChanged.connect(self._update)

        self.auto_epochs = QCheckBox(self.tr("Automatic"), self)
        self.auto_epochs.setChecked(True)
        self.epochs_spin = QSpinBox(self)
        self.epochs_spin.setRange(1, 50)
        self.epochs_spin.setValue(default_epochs(max(n_examples, 1)))
        self.epochs_spin.setEnabled(False)
        self.auto_epochs.toggled.connect(lambda checked: self.epochs_spin.setEnabled(not checked))
        epochs_row = QHBoxLayout()
        epochs_row.addWidget(self.auto_epochs)
        epochs_row.addWidget(self.epochs_spin)
        epochs_row.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Base model:"), self.model_combo)
        form.addRow(self.tr("Name (suffix):"), self.suffix_edit)
        form.addRow(self.tr("Epochs:"), epochs_row)

        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.name_preview = QLabel(self)
        self.name_preview.setStyleSheet("color: #555;")
        self.name_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.price_label = QLabel(self)
        self.price_label.setWordWrap(True)
        self.price_label.setStyleSheet("color: #555;")
        self.price_label.setToolTip(self.tr("Correct prices in Settings ▸ Training prices…"))
        self.lifecycle_label = QLabel(self)
        self.lifecycle_label.setWordWrap(True)
        self.lifecycle_label.setStyleSheet("color: #8a5a00;")
        self.problem_label = QLabel(self)
        self.problem_label.setStyleSheet("color: #b3261e;")
        self.problem_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        if practice:
            notice = QLabel(
                self.tr("Practice mode: training is simulated on this computer — nothing is sent anywhere."),
                self,
            )
            notice.setObjectName("practiceNotice")
            notice.setWordWrap(True)
            notice.setStyleSheet("background: #fff6e0; color: #7a5200; padding: 6px; border-radius: 4px;")
            layout.addWidget(notice)
        elif openai:
            notice = QLabel(
                self.tr(
                    "OpenAI accepts new fine-tuning jobs only until 6 January 2027, and not at all from "
                    "organisations that never fine-tuned before May 2026. If the job is refused, your data stays "
                    "here: export it or use another service."
                ),
                self,
            )
            notice.setObjectName("windDownNotice")
            notice.setWordWrap(True)
            notice.setStyleSheet("background: #fff6e0; color: #7a5200; padding: 6px; border-radius: 4px;")
            layout.addWidget(notice)
        layout.addLayout(form)
        layout.addWidget(self.name_preview)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.price_label)
        layout.addWidget(self.lifecycle_label)
        layout.addWidget(self.problem_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            Qt.Orientation.Horizontal,
            self,
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start training"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def base_model(self) -> str:
        data = self.model_combo.currentData()
        text = self.model_combo.currentText().strip()
        # An edited entry has no item data of its own: use what the user typed.
        if isinstance(data, str) and self.model_combo.itemText(self.model_combo.currentIndex()) == text:
            return data
        return text

    def choice(self) -> NewJobChoice:
        return NewJobChoice(
            base_model=self.base_model(),
            suffix=self.suffix_edit.text().strip(),
            n_epochs=None if self.auto_epochs.isChecked() else self.epochs_spin.value(),
        )

    def problems(self) -> list[str]:
        problems = []
        if not self.base_model():
            problems.append(self.tr("Choose a base model."))
        suffix = self.suffix_edit.text().strip()
        if suffix and not is_valid_suffix(suffix):
            problems.append(self.tr("The name may use letters, digits, “-”, “_” and “.” (at most 64)."))
        return problems

    def _update(self) -> None:
        model = self.base_model()
        if is_legacy_model(model):
            fmt = self.tr("prompt/completion pairs (legacy model)")
        else:
            fmt = self.tr("chat messages")
        self.summary_label.setText(
            self.tr("%n example(s) from the Data tab will be uploaded as %1.", "", self._n_examples).replace(
                "%1", fmt
            )
        )
        suffix = self.suffix_edit.text().strip()
        organisation, unique = self.tr("organisation"), self.tr("id")
        self.name_preview.setText(
            self.tr("The trained model will be called: %1").replace(
                "%1", f"ft:{model}:<{organisation}>:{suffix}:<{unique}>"
            )
        )
        self.name_preview.setTextFormat(Qt.TextFormat.PlainText)
        price = self._prices.price_for(model)
        if price is not None:
            self.price_label.setText(
                self.tr("Training price: %1 per 1M tokens, checked on %2.")
                .replace("%1", format_usd(price.usd_per_1m_tokens))
                .replace("%2", price.checked.isoformat())
            )
        else:
            self.price_label.setText(self.tr("No training price is known for this model."))
        info = find_model(model)
        if info is not None and info.shutdown_date is not None:
            self.lifecycle_label.setText(
                self.tr("%1 shuts down on %2; models trained from it stop working on that day.")
                .replace("%1", info.display_name)
                .replace("%2", info.shutdown_date.isoformat())
            )
        else:
            self.lifecycle_label.clear()
        self.lifecycle_label.setVisible(bool(self.lifecycle_label.text()))
        problems = self.problems()
        self.problem_label.setText("\n".join(problems))
        self.problem_label.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
