"""The New-job dialog: what to train on, which model and method, the settings, and what it will cost.

Nothing here spends money: the dialog only gathers a :class:`NewJobChoice`. Before its OK button enables,
the training data is read (a JSONL file in the background), checked for the chosen model as the Data tab
checks it (blocking errors stop it; warnings need an explicit "I reviewed them"), the format is matched to
the model and method (a mismatch is refused with the reason), and the billed tokens are counted, so the
button can say what the click costs. Reading, checking and counting run in workers and never on the UI
thread; their results are kept per model, so switching back and forth costs nothing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dataset import Dataset
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import read_dataset
from desktop_app.core.models import (
    BASE_MODELS,
    SUFFIX_MAX_CHARS,
    base_model_id,
    default_epochs,
    find_model,
    is_legacy_model,
    is_valid_suffix,
)
from desktop_app.core.prices import PriceTable, shipped_price_table, training_cost_usd
from desktop_app.core.tokens import (
    EXAMPLE_TOKEN_LIMITS,
    CountCancelled,
    TokenizerError,
    TokenReport,
    count_dataset,
    special_token_rows,
)
from desktop_app.core.validation import Issue, Severity, check_for_model, token_issues
from desktop_app.providers.types import Hyperparameters, JobRequest
from desktop_app.ui.colours import Tone, set_tone
from desktop_app.ui.data.issues_model import describe_issue
from desktop_app.ui.errors import describe_dataset_error, describe_exception, describe_tokenizer_error
from desktop_app.ui.gc_guard import gc_paused
from desktop_app.ui.help_terms import HelpButton, Term, with_help
from desktop_app.ui.names import model_display_name
from desktop_app.ui.prices_dialog import format_usd
from desktop_app.ui.workers import Cancelled, CancelToken, PacedRows, Reporter, Worker, WorkerPool

Method = Literal["supervised", "dpo"]
TrainingSource = Literal["data_tab"] | Path
"""The Data tab's rows, or a JSONL file."""
ValidationSource = Literal["split"] | Path | None
"""None: no validation data; "split": the Data tab's validation rows; or a JSONL file."""

log = logging.getLogger(__name__)

PREFERENCE_MODELS = frozenset(
    {
        "gpt-4o-2024-08-06",
        "gpt-4o-mini-2024-07-18",
        "gpt-4.1-2025-04-14",
        "gpt-4.1-mini-2025-04-14",
        "gpt-4.1-nano-2025-04-14",
    }
)
"""Catalogue snapshots OpenAI offers DPO on (its fine-tuning guide); the other catalogue models train with
supervised examples only. Ids outside the catalogue are left to the service to accept or refuse."""

METADATA_MAX_PAIRS = 16
METADATA_KEY_MAX_CHARS = 64
METADATA_VALUE_MAX_CHARS = 512
"""OpenAI's limits on a job's metadata (the spec's ``Metadata``)."""

BATCH_SIZE_RANGE = (1, 256)
EPOCHS_RANGE = (1, 50)
LEARNING_RATE_RANGE = (0.001, 10.0)
BETA_RANGE = (0.01, 2.0)
SEED_MAX = 2_147_483_647
PREFERRED_WIDTH = 960
"""The spec's bounds (``learning_rate_multiplier`` > 0 and ``beta`` in (0, 2]; the spin boxes need a floor)."""

PREFERENCE_ONLY_CODES = frozenset({"missing_rejected", "rejected_same", "preference_multi_turn"})
"""Findings about rejected answers: supervised training leaves those answers out, so they do not apply."""
VALIDATION_SIZE_CODES = frozenset({"too_few_examples", "few_examples"})
"""Minimum-size findings meant for training data, not for a validation set."""

MAX_LISTED_WARNINGS = 3


@dataclass(frozen=True)
class NewJobChoice:
    """Everything the user chose; None for a hyperparameter means "automatic" (the service chooses).

    Training rows: with ``validation_source == "split"`` the Data tab's rows outside the validation split,
    otherwise all of them (or the file's). :meth:`NewJobDialog.training_dataset` and
    :meth:`NewJobDialog.validation_dataset` give exactly the rows the dialog checked and priced.
    """

    base_model: str
    suffix: str
    n_epochs: int | None = None
    batch_size: int | None = None
    learning_rate_multiplier: float | None = None
    seed: int | None = None
    method: Method = "supervised"
    beta: float | None = None
    """DPO only (None = automatic, and always None for supervised training)."""
    metadata: Mapping[str, str] = field(default_factory=dict)
    training_source: TrainingSource = "data_tab"
    validation_source: ValidationSource = None
    estimated_usd: float | None = None
    """The estimate shown on the button; None when the price or the token count is unknown."""

    def job_request(self, training_file_id: str, validation_file_id: str | None = None) -> JobRequest:
        """The provider's request for these choices, once the files are uploaded."""
        return JobRequest(
            base_model=self.base_model,
            training_file_id=training_file_id,
            validation_file_id=validation_file_id,
            suffix=self.suffix or None,
            seed=self.seed,
            hyperparameters=Hyperparameters(self.n_epochs, self.batch_size, self.learning_rate_multiplier),
            method=self.method,
            beta=self.beta if self.method == "dpo" else None,
            metadata=dict(self.metadata),
        )


# ------------------------------------------------------------------------------------- work (no widgets)


@dataclass(frozen=True)
class DataSummary:
    """What the dialog needs to know about a set of rows before choosing a model and method."""

    dataset: Dataset = field(compare=False, repr=False)
    examples: int
    preference_rows: int
    """Rows with a rejected answer (preference / DPO data)."""
    conversations: int
    """Rows a prompt/completion model cannot take: several messages, tool calls or tools offered."""
    validation_rows: int
    """Rows in the Data tab's validation split."""


def summarise(dataset: Dataset) -> DataSummary:
    preference = conversations = validation = 0
    for example in dataset.examples:
        preference += bool(example.rejected)
        conversations += bool(example.history or example.steps or example.tool_calls or example.tools)
        validation += example.validation
    return DataSummary(dataset, len(dataset.examples), preference, conversations, validation)


@dataclass(frozen=True)
class Evaluation:
    """The checks and token count of the training (and validation) rows for one model and method."""

    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    validation_errors: tuple[Issue, ...]
    validation_warnings: tuple[Issue, ...]
    report: TokenReport | None
    count_problem: str = ""
    """Why the tokens could not be counted (a damaged tokenizer file); the checks still hold."""
    validation_lacks_preference: bool = False
    """DPO with validation rows none of which has a rejected answer (the service would refuse the file)."""


def split_rows(dataset: Dataset, *, use_split: bool) -> tuple[Dataset, Dataset | None]:
    """(training rows, validation rows): the split's two parts, or all rows and none."""
    if not use_split:
        return dataset, None
    return dataset.with_examples(dataset.train_examples()), dataset.with_examples(
        dataset.validation_examples()
    )


def evaluate(
    training: Dataset,
    validation: Dataset | None,
    model: str,
    method: Method,
    prices: PriceTable,
    *,
    token: CancelToken | None = None,
) -> Evaluation:
    """The Data tab's checks for ``model`` (with the token-limit and special-token findings) and the token
    count for the cost. Meant for a worker: with a ``token`` it stops when cancelled (:class:`Cancelled`)."""

    def for_model(dataset: Dataset) -> Dataset:
        examples = dataset.examples if token is None else PacedRows(dataset.examples, token)
        return dataclasses.replace(dataset, examples=examples, base_model=model)

    def applies(issue: Issue) -> bool:
        return method == "dpo" or issue.code not in PREFERENCE_ONLY_CODES

    prepared = for_model(training)
    system_prompt = training.default_system
    issues = [issue for issue in check_for_model(prepared) if applies(issue)]
    report: TokenReport | None = None
    count_problem = ""
    try:
        report = count_dataset(
            prepared,
            model,
            system_prompt=system_prompt,
            prices=prices,
            should_stop=None if token is None else (lambda: token.cancelled),
        )
    except CountCancelled:
        raise Cancelled from None
    except TokenizerError as error:
        count_problem = describe_tokenizer_error(error).text
    if report is not None:
        specials = special_token_rows(prepared, system_prompt=system_prompt, legacy=report.legacy)
        issues.extend(token_issues(report, specials))
    validation_issues: list[Issue] = []
    if validation is not None:
        validation_issues = [
            issue
            for issue in check_for_model(for_model(validation))
            if applies(issue) and issue.code not in VALIDATION_SIZE_CODES
        ]
    return Evaluation(
        errors=tuple(i for i in issues if i.severity is Severity.ERROR),
        warnings=tuple(i for i in issues if i.severity is Severity.WARNING),
        validation_errors=tuple(i for i in validation_issues if i.severity is Severity.ERROR),
        validation_warnings=tuple(i for i in validation_issues if i.severity is Severity.WARNING),
        report=report,
        count_problem=count_problem,
        validation_lacks_preference=method == "dpo"
        and validation is not None
        and not validation.is_preference,
    )


def metadata_problem(pairs: Sequence[tuple[str, str]]) -> tuple[str, int, str] | None:
    """The first thing OpenAI would refuse in these key-value rows, as (code, 1-based row, key); blank rows
    are ignored. Codes: "too_many", "no_key", "key_too_long", "value_too_long", "duplicate_key"."""
    seen: set[str] = set()
    filled = [(row, key, value) for row, (key, value) in enumerate(pairs, 1) if key or value]
    for row, key, value in filled:
        if not key:
            return "no_key", row, key
        if len(key) > METADATA_KEY_MAX_CHARS:
            return "key_too_long", row, key
        if len(value) > METADATA_VALUE_MAX_CHARS:
            return "value_too_long", row, key
        if key in seen:
            return "duplicate_key", row, key
        seen.add(key)
    if len(filled) > METADATA_MAX_PAIRS:
        return "too_many", len(filled), ""
    return None


# ------------------------------------------------------------------------------------------------ dialog

ChooseFile = Callable[[QWidget, str], Path | None]
"""Asks the user for a JSONL file (parent, window title); None when cancelled. Tests hand in their own."""

_TRAINING = "training"
_VALIDATION = "validation"


@dataclass
class _FileSlot:
    """A JSONL file chosen for training or validation, while it is read and once it is."""

    path: Path
    generation: int
    summary: DataSummary | None = None
    error: str = ""
    worker: Worker | None = None


_COL_NAME, _COL_FORMAT, _COL_LIMIT, _COL_PRICE, _COL_NOTE = range(5)


class NewJobDialog(QDialog):
    evaluated = Signal()  # a check and token count arrived (or failed)
    fileRead = Signal(str)  # "training" or "validation": a chosen file was read (or could not be)

    def __init__(
        self,
        dataset: Dataset | int,
        *,
        practice: bool,
        openai: bool = False,
        extra_models: Sequence[str] | None = None,
        default_model: str = "",
        prices: PriceTable | None = None,
        pool: WorkerPool | None = None,
        choose_file: ChooseFile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``dataset``: the Data tab's rows (with their system prompt as ``default_system``). A plain number
        (the count of rows the caller already checked) is the older form: nothing is checked or counted
        then. ``extra_models``: the service's model ids, listed after the catalogue. ``pool`` runs the
        reading, checks and counts (the dialog makes its own when none is given)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("New training job"))
        self._practice = practice
        self._prices = prices if prices is not None else shipped_price_table()
        self._pool = pool if pool is not None else WorkerPool(self)
        self._choose_file = choose_file or self._ask_for_file
        self._workers: set[Worker] = set()
        self._generation = 0
        if isinstance(dataset, Dataset):
            self._data_tab: Dataset | None = dataset
            self._data_tab_count = len(dataset.examples)
        else:
            self._data_tab = None
            self._data_tab_count = dataset
        self._data_tab_summary: DataSummary | None = None
        self._data_tab_error = ""
        self._files: dict[str, _FileSlot | None] = {_TRAINING: None, _VALIDATION: None}
        self._evaluations: dict[tuple[object, ...], Evaluation | Exception] = {}
        self._eval_worker: Worker | None = None
        self._eval_key: tuple[object, ...] | None = None
        self._reviewed_key: tuple[object, ...] | None = None
        self._updating = False

        self._build_ui(practice=practice, openai=openai)
        self._fill_models(extra_models or [], default_model)
        self._connect()
        if self._data_tab is not None:
            self._summarise_data_tab(self._data_tab)
        self._update()

    # ---- layout ----------------------------------------------------------------------------------------
    def _build_ui(self, *, practice: bool, openai: bool) -> None:
        layout = QVBoxLayout(self)
        if practice:
            notice = QLabel(
                self.tr("Practice mode: training is simulated on this computer — nothing is sent anywhere."),
                self,
            )
            notice.setObjectName("practiceNotice")
        elif openai:
            notice = QLabel(
                self.tr(
                    "OpenAI accepts new fine-tuning jobs only until 6 January 2027, and only from organisations "
                    "that fine-tuned before May 2026 and used a fine-tuned model in the last 60 days. If the job "
                    "is refused, your data stays here: export it or use another service."
                ),
                self,
            )
            notice.setObjectName("windDownNotice")
        else:
            notice = None
        if notice is not None:
            notice.setWordWrap(True)
            notice.setStyleSheet("background: #fff6e0; color: #7a5200; padding: 6px; border-radius: 4px;")
            layout.addWidget(notice)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._build_training_group())
        left.addWidget(self._build_validation_group())
        left.addWidget(self._build_model_group())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._build_hyperparameters_group())
        right.addWidget(self._build_metadata_group())
        right.addWidget(self._build_checks_group())
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problemLabel")
        set_tone(self.problem_label, Tone.ERROR)
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.problem_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            Qt.Orientation.Horizontal,
            self,
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _build_training_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Training data"), self)
        self.data_tab_radio = QRadioButton(group)
        self.training_file_radio = QRadioButton(self.tr("A JSONL file…"), group)
        self.training_file_button = QPushButton(self.tr("Choose…"), group)
        self.training_file_button.setToolTip(self.tr("Choose a JSONL file to train on"))
        self.training_group = QButtonGroup(self)
        self.training_group.addButton(self.data_tab_radio)
        self.training_group.addButton(self.training_file_radio)
        self.data_tab_radio.setChecked(True)
        self.training_status = _status_label(group)
        grid = QGridLayout(group)
        grid.addWidget(self.data_tab_radio, 0, 0, 1, 2)
        grid.addWidget(self.training_file_radio, 1, 0)
        grid.addWidget(self.training_file_button, 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.training_status, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return group

    def _build_validation_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Validation data (optional, not charged)"), self)
        self.no_validation_radio = QRadioButton(self.tr("None"), group)
        self.split_radio = QRadioButton(group)
        self.validation_file_radio = QRadioButton(self.tr("A JSONL file…"), group)
        self.validation_file_button = QPushButton(self.tr("Choose…"), group)
        self.validation_file_button.setToolTip(self.tr("Choose a JSONL file of validation examples"))
        self.validation_group = QButtonGroup(self)
        for radio in (self.no_validation_radio, self.split_radio, self.validation_file_radio):
            self.validation_group.addButton(radio)
        self.no_validation_radio.setChecked(True)
        self.validation_status = _status_label(group)
        grid = QGridLayout(group)
        grid.addWidget(self.no_validation_radio, 0, 0, 1, 2)
        grid.addWidget(self.split_radio, 1, 0, 1, 2)
        grid.addWidget(self.validation_file_radio, 2, 0)
        grid.addWidget(self.validation_file_button, 2, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.validation_status, 3, 0, 1, 2)
        grid.addWidget(HelpButton(Term.VALIDATION, group), 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(0, 1)
        return group

    def _build_model_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Model and method"), self)
        self.model_combo = QComboBox(group)
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setToolTip(
            self.tr("Pick a base model, or type the id of any model the service offers")
        )
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(24)
        self._model_items = QStandardItemModel(0, 5, self)
        self._model_items.setHorizontalHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Trains on"),
                self.tr("Longest example"),
                self.tr("Price"),
                self.tr("Note"),
            ]
        )
        view = QTreeView(self.model_combo)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAllColumnsShowFocus(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.header().setStretchLastSection(False)
        self.model_combo.setModel(self._model_items)
        self.model_combo.setView(view)
        self.model_info_label = _status_label(group)
        self.price_label = _status_label(group)
        self.price_label.setToolTip(self.tr("Correct prices in Settings ▸ Training prices…"))
        self.lifecycle_label = _status_label(group)
        set_tone(self.lifecycle_label, Tone.WARNING)

        self.method_combo = QComboBox(group)
        self.method_combo.addItem(self.tr("Supervised: learn the answers"), "supervised")
        self.method_combo.addItem(self.tr("DPO: prefer the chosen answer over the rejected one"), "dpo")
        self.method_combo.setToolTip(
            self.tr("DPO (direct preference optimisation) needs a rejected answer in every example")
        )
        self.suffix_edit = QLineEdit(group)
        self.suffix_edit.setPlaceholderText(self.tr("e.g. content"))
        self.suffix_edit.setMaxLength(SUFFIX_MAX_CHARS)
        self.name_preview = _status_label(group)
        self.name_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = _status_label(group)
        self.summary_label.setStyleSheet("")

        form = QFormLayout(group)
        form.addRow(
            _buddy(QLabel(self.tr("Base model:"), group), self.model_combo),
            with_help(self.model_combo, Term.BASE_MODEL, group),
        )
        form.addRow("", _stacked(self.model_info_label, self.price_label, self.lifecycle_label))
        form.addRow(self.tr("Method:"), self.method_combo)
        form.addRow(
            _buddy(QLabel(self.tr("Name (suffix):"), group), self.suffix_edit),
            with_help(self.suffix_edit, Term.SUFFIX, group),
        )
        form.addRow("", _stacked(self.name_preview, self.summary_label))
        return group

    def _build_hyperparameters_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Hyperparameters"), self)
        self.auto_epochs, self.epochs_spin = _auto_spin(group, self.tr("Automatic"), QSpinBox(group))
        self.epochs_spin.setRange(*EPOCHS_RANGE)
        self.epochs_spin.setValue(default_epochs(max(self._data_tab_count, 1)))
        self.auto_batch, self.batch_spin = _auto_spin(group, self.tr("Automatic"), QSpinBox(group))
        self.batch_spin.setRange(*BATCH_SIZE_RANGE)
        self.batch_spin.setValue(8)
        self.auto_lr, self.lr_spin = _auto_spin(group, self.tr("Automatic"), QDoubleSpinBox(group))
        self.lr_spin.setDecimals(3)
        self.lr_spin.setRange(*LEARNING_RATE_RANGE)
        self.lr_spin.setSingleStep(0.1)
        self.lr_spin.setValue(1.0)
        self.seed_check = QCheckBox(self.tr("Fixed"), group)
        self.seed_check.setToolTip(self.tr("The same seed and settings give a repeatable run"))
        self.seed_spin = QSpinBox(group)
        self.seed_spin.setRange(0, SEED_MAX)
        self.seed_spin.setValue(42)
        self.seed_spin.setEnabled(False)
        self.seed_check.toggled.connect(self.seed_spin.setEnabled)
        self.auto_beta, self.beta_spin = _auto_spin(group, self.tr("Automatic"), QDoubleSpinBox(group))
        self.beta_spin.setDecimals(2)
        self.beta_spin.setRange(*BETA_RANGE)
        self.beta_spin.setSingleStep(0.05)
        self.beta_spin.setValue(0.1)
        self.beta_label = QLabel(self.tr("DPO beta:"), group)
        self.auto_beta.setToolTip(self.tr("Higher values keep the model closer to the base model"))

        grid = QGridLayout(group)
        rows = (
            (QLabel(self.tr("Epochs:"), group), self.auto_epochs, self.epochs_spin),
            (QLabel(self.tr("Batch size:"), group), self.auto_batch, self.batch_spin),
            (QLabel(self.tr("Learning-rate multiplier:"), group), self.auto_lr, self.lr_spin),
            (QLabel(self.tr("Seed:"), group), self.seed_check, self.seed_spin),
            (self.beta_label, self.auto_beta, self.beta_spin),
        )
        terms = {0: Term.EPOCH, 1: Term.BATCH_SIZE, 2: Term.LEARNING_RATE}
        for row, (label, check, spin) in enumerate(rows):
            grid.addWidget(label, row, 0)
            grid.addWidget(check, row, 1)
            grid.addWidget(spin, row, 2)
            spin.setMinimumWidth(120)
            if row in terms:
                grid.addWidget(HelpButton(terms[row], group), row, 3)
        grid.setColumnStretch(4, 1)
        return group

    def _build_metadata_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Metadata (optional)"), self)
        group.setToolTip(
            self.tr(
                "Up to 16 labels stored with the job, e.g. project = tea-house; the service can filter by them"
            )
        )
        self.metadata_table = QTableWidget(0, 2, group)
        self.metadata_table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Value")])
        self.metadata_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.metadata_table.verticalHeader().hide()
        self.metadata_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.metadata_table.setMinimumHeight(90)
        self.metadata_table.setMaximumHeight(120)
        self.add_metadata_button = QPushButton(self.tr("Add"), group)
        self.remove_metadata_button = QPushButton(self.tr("Remove"), group)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_metadata_button)
        buttons.addWidget(self.remove_metadata_button)
        buttons.addStretch(1)
        row = QHBoxLayout(group)
        row.addWidget(self.metadata_table, 1)
        row.addLayout(buttons)
        return group

    def _build_checks_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Checks and cost"), self)
        self.checks_label = _status_label(group)
        self.checks_label.setStyleSheet("")
        self.warnings_label = _status_label(group)
        set_tone(self.warnings_label, Tone.WARNING)
        self.reviewed_check = QCheckBox(self.tr("I reviewed the warnings and want to train anyway"), group)
        self.cost_label = _status_label(group)
        self.cost_label.setStyleSheet("")
        self.cost_label.setObjectName("costLabel")
        box = QVBoxLayout(group)
        box.addWidget(self.checks_label)
        box.addWidget(self.warnings_label)
        box.addWidget(self.reviewed_check)
        box.addWidget(self.cost_label)
        return group

    def _fill_models(self, extra_models: Sequence[str], default_model: str) -> None:
        ids: list[str] = []
        for model in BASE_MODELS:
            self._add_model_row(model.id, model_display_name(model.display_name), from_service=False)
            ids.append(model.id)
        for model_id in [*extra_models, default_model]:
            if model_id and model_id not in ids:
                self._add_model_row(model_id, model_id, from_service=model_id in extra_models)
                ids.append(model_id)
        view = self.model_combo.view()
        if isinstance(view, QTreeView):
            for column in range(self._model_items.columnCount()):
                view.resizeColumnToContents(column)
            width = sum(view.columnWidth(c) for c in range(self._model_items.columnCount()))
            view.setMinimumWidth(width + 24)
        if default_model in ids:
            self.model_combo.setCurrentIndex(ids.index(default_model))

    def _add_model_row(self, model_id: str, name: str, *, from_service: bool) -> None:
        info = find_model(model_id)
        legacy = is_legacy_model(model_id)
        if legacy:
            trains_on = self.tr("prompt/completion")
        elif model_id in PREFERENCE_MODELS:
            trains_on = self.tr("chat, DPO")
        else:
            trains_on = self.tr("chat")
        limit = EXAMPLE_TOKEN_LIMITS.get(base_model_id(model_id))
        price = self._prices.price_for(model_id)
        notes = []
        if info is not None and info.shutdown_date is not None:
            notes.append(self.tr("shuts down %1").replace("%1", info.shutdown_date.isoformat()))
        if from_service:
            notes.append(self.tr("listed by the service"))
        cells = [
            name,
            trains_on,
            self.tr("%1 tokens").replace("%1", f"{limit:,}") if limit is not None else "—",
            self.tr("%1 / 1M").replace("%1", format_usd(price.usd_per_1m_tokens))
            if price is not None
            else "—",
            ", ".join(notes),
        ]
        items = [QStandardItem(text) for text in cells]
        for item in items:
            item.setEditable(False)
        items[_COL_NAME].setData(model_id, Qt.ItemDataRole.UserRole)
        items[_COL_NAME].setToolTip(model_id)
        self._model_items.appendRow(items)

    def _connect(self) -> None:
        self.model_combo.currentIndexChanged.connect(self._update)
        self.model_combo.editTextChanged.connect(self._update)
        self.method_combo.currentIndexChanged.connect(self._update)
        self.suffix_edit.textChanged.connect(self._update)
        self.training_group.buttonToggled.connect(self._on_training_toggled)
        self.validation_group.buttonToggled.connect(self._on_validation_toggled)
        self.training_file_button.clicked.connect(lambda: self._pick_file(_TRAINING))
        self.validation_file_button.clicked.connect(lambda: self._pick_file(_VALIDATION))
        for check in (self.auto_epochs, self.auto_batch, self.auto_lr, self.auto_beta, self.seed_check):
            check.toggled.connect(self._update)
        for spin in (self.epochs_spin, self.batch_spin, self.lr_spin, self.beta_spin, self.seed_spin):
            spin.valueChanged.connect(self._update)
        self.reviewed_check.toggled.connect(self._on_reviewed)
        self.metadata_table.itemChanged.connect(self._update)
        self.add_metadata_button.clicked.connect(self._on_add_metadata)
        self.remove_metadata_button.clicked.connect(self._remove_metadata_rows)

    # ---- what the user chose ---------------------------------------------------------------------------
    def base_model(self) -> str:
        data = self.model_combo.currentData(Qt.ItemDataRole.UserRole)
        text = self.model_combo.currentText().strip()
        # An edited entry has no item data of its own: use what the user typed.
        if isinstance(data, str) and self.model_combo.itemText(self.model_combo.currentIndex()) == text:
            return data
        return text

    def method(self) -> Method:
        return "dpo" if self.method_combo.currentData() == "dpo" else "supervised"

    def set_method(self, method: Method) -> None:
        self.method_combo.setCurrentIndex(self.method_combo.findData(method))

    def training_source(self) -> TrainingSource:
        slot = self._files[_TRAINING]
        if self.training_file_radio.isChecked() and slot is not None:
            return slot.path
        return "data_tab"

    def validation_source(self) -> ValidationSource:
        if self.split_radio.isChecked():
            return "split"
        slot = self._files[_VALIDATION]
        if self.validation_file_radio.isChecked() and slot is not None:
            return slot.path
        return None

    def metadata_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for row in range(self.metadata_table.rowCount()):
            key, value = self.metadata_table.item(row, 0), self.metadata_table.item(row, 1)
            pairs.append((key.text().strip() if key else "", value.text() if value else ""))
        return pairs

    def metadata(self) -> dict[str, str]:
        return {key: value for key, value in self.metadata_pairs() if key}

    def choice(self) -> NewJobChoice:
        method = self.method()
        return NewJobChoice(
            base_model=self.base_model(),
            suffix=self.suffix_edit.text().strip(),
            n_epochs=None if self.auto_epochs.isChecked() else self.epochs_spin.value(),
            batch_size=None if self.auto_batch.isChecked() else self.batch_spin.value(),
            learning_rate_multiplier=None if self.auto_lr.isChecked() else self.lr_spin.value(),
            seed=self.seed_spin.value() if self.seed_check.isChecked() else None,
            method=method,
            beta=None if method != "dpo" or self.auto_beta.isChecked() else self.beta_spin.value(),
            metadata=self.metadata(),
            training_source=self.training_source(),
            validation_source=self.validation_source(),
            estimated_usd=self.estimated_usd(),
        )

    def training_dataset(self) -> Dataset | None:
        """The rows the job trains on, as checked and priced here (None while a file is still being read)."""
        summary = self._training_summary()
        if summary is None:
            return None
        return split_rows(summary.dataset, use_split=self.validation_source() == "split")[0]

    def validation_dataset(self) -> Dataset | None:
        source = self.validation_source()
        if source is None:
            return None
        if source == "split":
            summary = self._training_summary()
            return None if summary is None else split_rows(summary.dataset, use_split=True)[1]
        slot = self._files[_VALIDATION]
        return None if slot is None or slot.summary is None else slot.summary.dataset

    def estimated_usd(self) -> float | None:
        evaluation = self.evaluation()
        price = self._prices.price_for(self.base_model())
        if not isinstance(evaluation, Evaluation) or evaluation.report is None or price is None:
            return None
        return training_cost_usd(
            price.usd_per_1m_tokens, evaluation.report.billed_tokens_per_epoch, self._epochs()
        )

    def is_busy(self) -> bool:
        """Reading a file or checking and counting the rows."""
        return bool(self._workers)

    def can_start(self) -> bool:
        return self.ok_button.isEnabled()

    # ---- metadata rows ---------------------------------------------------------------------------------
    def add_metadata_row(self, key: str = "", value: str = "") -> int:
        table = self.metadata_table
        table.blockSignals(True)
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(key))
        table.setItem(row, 1, QTableWidgetItem(value))
        table.blockSignals(False)
        self._update()
        return row

    def _on_add_metadata(self) -> None:
        row = self.add_metadata_row()
        item = self.metadata_table.item(row, 0)
        if item is not None:
            self.metadata_table.setCurrentCell(row, 0)
            self.metadata_table.editItem(item)

    def _remove_metadata_rows(self) -> None:
        rows = sorted({index.row() for index in self.metadata_table.selectedIndexes()}, reverse=True)
        if not rows and self.metadata_table.currentRow() >= 0:
            rows = [self.metadata_table.currentRow()]
        for row in rows:
            self.metadata_table.removeRow(row)
        self._update()

    # ---- data sources ----------------------------------------------------------------------------------
    def _ask_for_file(self, parent: QWidget, title: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            parent, title, "", self.tr("JSON Lines (*.jsonl);;All files (*)")
        )
        return Path(path) if path else None

    def _pick_file(self, role: str) -> bool:
        title = self.tr("Training examples") if role == _TRAINING else self.tr("Validation examples")
        path = self._choose_file(self, title)
        if path is None:
            return False
        self.set_file(role, path)
        return True

    def set_file(self, role: str, path: Path) -> None:
        """Use ``path`` for training (``role`` "training") or validation ("validation"); it is read in the
        background."""
        previous = self._files[role]
        if previous is not None and previous.worker is not None:
            previous.worker.cancel()
        self._generation += 1
        slot = _FileSlot(Path(path), self._generation)
        self._files[role] = slot
        radio = self.training_file_radio if role == _TRAINING else self.validation_file_radio
        radio.blockSignals(True)
        radio.setChecked(True)
        radio.blockSignals(False)

        def work(token: CancelToken, report: Reporter) -> DataSummary:
            with gc_paused():
                dataset = read_dataset(slot.path).dataset
                token.raise_if_cancelled()
                return summarise(dataset)

        slot.worker = self._start(work, f"read {slot.path.name}", self._on_file_read, self._on_file_failed)
        self._update()

    def _on_file_read(self, summary: DataSummary) -> None:
        slot = self._slot_of_sender()
        if slot is not None:
            slot.summary = summary
            self._file_done(slot)

    def _on_file_failed(self, exc: Exception) -> None:
        slot = self._slot_of_sender()
        if slot is None:
            return
        if isinstance(exc, DatasetError):
            slot.error = describe_dataset_error(exc).text
        else:
            said = describe_exception(exc)
            log.warning("reading %s failed: %s", slot.path.name, said.detail)
            slot.error = f"{slot.path.name}: {said.title} ({said.text})"
        self._file_done(slot)

    def _slot_of_sender(self) -> _FileSlot | None:
        sender = self.sender()
        for slot in self._files.values():
            if slot is not None and slot.worker is sender and sender is not None:
                return slot
        return None

    def _file_done(self, slot: _FileSlot) -> None:
        slot.worker = None
        role = _TRAINING if self._files[_TRAINING] is slot else _VALIDATION
        self._update()
        self.fileRead.emit(role)

    def _summarise_data_tab(self, dataset: Dataset) -> None:
        def work(token: CancelToken, report: Reporter) -> DataSummary:
            return summarise(dataset)

        self._start(
            work, "summarise the Data tab's rows", self._on_data_tab_summarised, self._on_summary_failed
        )

    def _on_data_tab_summarised(self, summary: DataSummary) -> None:
        self._data_tab_summary = summary
        self._update()

    def _on_summary_failed(self, exc: Exception) -> None:
        said = describe_exception(exc)
        log.warning("summarising the Data tab's rows failed: %s", said.detail)
        self._data_tab_error = f"{said.title}. {said.text}"
        self._update()

    def _on_training_toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        wants_file = button is self.training_file_radio and self._files[_TRAINING] is None
        if wants_file and not self._pick_file(_TRAINING):
            self.data_tab_radio.setChecked(True)
            return
        if button is self.training_file_radio and self.split_radio.isChecked():
            self.no_validation_radio.setChecked(True)
        self._update()

    def _on_validation_toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        wants_file = button is self.validation_file_radio and self._files[_VALIDATION] is None
        if wants_file and not self._pick_file(_VALIDATION):
            self.no_validation_radio.setChecked(True)
            return
        self._update()

    def _training_summary(self) -> DataSummary | None:
        if self.training_file_radio.isChecked():
            slot = self._files[_TRAINING]
            return None if slot is None else slot.summary
        return self._data_tab_summary

    # ---- workers ---------------------------------------------------------------------------------------
    def _start(
        self,
        work: Callable[[CancelToken, Reporter], object],
        name: str,
        on_result: Callable[..., None],
        on_error: Callable[[Exception], None],
    ) -> Worker:
        def connect(worker: Worker) -> None:
            worker.result.connect(on_result)
            worker.error.connect(on_error)
            worker.finished.connect(self._on_worker_finished)

        worker = self._pool.start(work, name, connect=connect)
        self._workers.add(worker)
        return worker

    def _on_worker_finished(self) -> None:
        sender = self.sender()
        self._workers = {w for w in self._workers if w is not sender}
        if isinstance(sender, Worker) and sender.token.cancelled:
            return
        self._update()

    def _evaluation_key(self) -> tuple[object, ...] | None:
        """What the checks and the count depend on; None while the rows are not known yet."""
        summary = self._training_summary()
        model = self.base_model()
        if summary is None or not model:
            return None
        slot = self._files[_TRAINING]
        training_key: object = (
            ("file", slot.generation) if self.training_file_radio.isChecked() and slot else "tab"
        )
        validation = self.validation_source()
        validation_key: object = validation
        if isinstance(validation, Path):
            vslot = self._files[_VALIDATION]
            if vslot is None or vslot.worker is not None:
                return None  # still being read (a file that cannot be read is checked as none)
            validation_key = ("file", vslot.generation)
        return (training_key, validation_key, model, self.method())

    def _schedule_evaluation(self, key: tuple[object, ...]) -> None:
        if key in self._evaluations or key == self._eval_key:
            return
        if self._eval_worker is not None:
            self._eval_worker.cancel()
        summary = self._training_summary()
        assert summary is not None  # a key exists only once the rows are known
        training, validation = split_rows(summary.dataset, use_split=self.validation_source() == "split")
        if isinstance(self.validation_source(), Path):
            validation = self.validation_dataset()
        model, method, prices = self.base_model(), self.method(), self._prices

        def work(token: CancelToken, report: Reporter) -> Evaluation:
            with gc_paused():
                return evaluate(training, validation, model, method, prices, token=token)

        self._eval_key = key
        self._eval_worker = self._start(
            work, f"check for {model}", self._on_evaluated, self._on_evaluation_failed
        )

    def _on_evaluated(self, evaluation: Evaluation) -> None:
        self._store_evaluation(evaluation)

    def _on_evaluation_failed(self, exc: Exception) -> None:
        self._store_evaluation(exc)

    def _store_evaluation(self, outcome: Evaluation | Exception) -> None:
        if self.sender() is not self._eval_worker or self._eval_key is None:
            return
        self._evaluations[self._eval_key] = outcome
        self._eval_worker = None
        self._eval_key = None
        self._update()
        self.evaluated.emit()

    def evaluation(self) -> Evaluation | Exception | None:
        """The checks and count for what is chosen now (an exception if they failed); None until they ran."""
        key = self._evaluation_key()
        return None if key is None else self._evaluations.get(key)

    def sizeHint(self) -> QSize:
        """At least 960 px wide: two columns of notes that wrap into few lines, so it fits 1280×800. A
        preferred width, not a minimum: the layout's own minimum keeps longer words whole."""
        hint = super().sizeHint()
        return QSize(max(hint.width(), PREFERRED_WIDTH), hint.height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Grow to show everything (a window first opens at most 2/3 of the screen high, and problems listed
        later need room too), within the screen."""
        if not self.isVisible():
            return
        screen = self.screen()
        layout = self.layout()
        width = max(self.width(), self.minimumWidth())
        needed = self.sizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(width)
        wanted = QSize(width, max(self.height(), needed))
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size())
        if wanted != self.size():
            self.resize(wanted)

    def done(self, result: int) -> None:
        for worker in list(self._workers):
            worker.cancel()  # what they still send is ignored (see the sender checks)
        super().done(result)

    def accept(self) -> None:
        if self.can_start():
            super().accept()

    # ---- the view of it all ----------------------------------------------------------------------------
    def _epochs(self) -> int:
        return self.epochs_spin.value()

    def _on_reviewed(self, checked: bool) -> None:
        self._reviewed_key = self._evaluation_key() if checked else None
        self._update()

    def _update(self) -> None:
        if self._updating:
            return
        self._updating = True
        try:
            self._refresh()
        finally:
            self._updating = False

    def _refresh(self) -> None:
        model = self.base_model()
        method = self.method()
        summary = self._training_summary()
        key = self._evaluation_key()
        if key is not None:
            self._schedule_evaluation(key)
        evaluation = self.evaluation()
        report = evaluation.report if isinstance(evaluation, Evaluation) else None
        if report is not None and self.auto_epochs.isChecked():
            self.epochs_spin.blockSignals(True)
            self.epochs_spin.setValue(report.epochs)  # what "automatic" picks for these rows
            self.epochs_spin.blockSignals(False)

        self._show_sources(summary)
        self._show_model(model)
        self.beta_label.setEnabled(method == "dpo")
        self.auto_beta.setEnabled(method == "dpo")
        self.beta_spin.setEnabled(method == "dpo" and not self.auto_beta.isChecked())
        self._show_names(model, method, summary)

        problems = self._format_problems(model, method, summary)
        suffix = self.suffix_edit.text().strip()
        if suffix and not is_valid_suffix(suffix):
            problems.append(
                self.tr(
                    "The name may use letters, digits, “-”, “_” and “.” (at most %1 characters)."
                ).replace("%1", str(SUFFIX_MAX_CHARS))
            )
        metadata = self._metadata_text(metadata_problem(self.metadata_pairs()))
        if metadata:
            problems.append(metadata)
        needs_review = self._show_checks(evaluation, problems)
        self._show_cost(evaluation)

        checked_here = self._data_tab is not None or self.training_file_radio.isChecked()
        reading = any(
            slot is not None and slot.worker is not None and radio.isChecked()
            for slot, radio in (
                (self._files[_TRAINING], self.training_file_radio),
                (self._files[_VALIDATION], self.validation_file_radio),
            )
        )
        ready = not reading and (isinstance(evaluation, Evaluation) or not checked_here)
        self.problem_label.setText("\n".join(problems))
        self.problem_label.setVisible(bool(problems))
        self.ok_button.setEnabled(bool(model) and ready and not problems and not needs_review)
        self.ok_button.setText(self._ok_text(evaluation))
        self._fit()

    def _show_sources(self, summary: DataSummary | None) -> None:
        tab = self._data_tab_summary
        count = tab.examples if tab is not None else self._data_tab_count
        self.data_tab_radio.setText(self.tr("The examples in the Data tab (%n example(s))", "", count))
        validation_rows = tab.validation_rows if tab is not None else 0
        self.split_radio.setText(
            self.tr("The Data tab's validation split (%n example(s))", "", validation_rows)
            if validation_rows
            else self.tr("The Data tab's validation split (none made)")
        )
        self.split_radio.setEnabled(bool(validation_rows) and not self.training_file_radio.isChecked())
        self.training_status.setText(self._file_status(_TRAINING, self.training_file_radio.isChecked()))
        self.validation_status.setText(self._file_status(_VALIDATION, self.validation_file_radio.isChecked()))
        for label, role in ((self.training_status, _TRAINING), (self.validation_status, _VALIDATION)):
            slot = self._files[role]
            failed = slot is not None and bool(slot.error)
            set_tone(label, Tone.ERROR if failed else Tone.MUTED)
            label.setVisible(bool(label.text()))

    def _file_status(self, role: str, chosen: bool) -> str:
        slot = self._files[role]
        if slot is None:
            return ""
        prefix = "" if chosen else self.tr("(not used) ")
        if slot.worker is not None:
            return prefix + self.tr("Reading %1 …").replace("%1", slot.path.name)
        if slot.error:
            return prefix + slot.error
        if slot.summary is not None:
            return prefix + self.tr("%1: %n example(s)", "", slot.summary.examples).replace(
                "%1", slot.path.name
            )
        return ""

    def _show_model(self, model: str) -> None:
        info = find_model(model)
        legacy = is_legacy_model(model)
        limit = EXAMPLE_TOKEN_LIMITS.get(base_model_id(model))
        parts = [
            self.tr("Trains on prompt/completion pairs") if legacy else self.tr("Trains on chat messages")
        ]
        if not legacy and model in PREFERENCE_MODELS:
            parts.append(self.tr("DPO available"))
        elif info is not None and not legacy:
            parts.append(self.tr("no DPO"))
        if limit is not None:
            parts.append(self.tr("examples up to %1 tokens").replace("%1", f"{limit:,}"))
        if info is None and model:
            parts.append(self.tr("not in the catalogue: the service decides what it accepts"))
        self.model_info_label.setText(" · ".join(parts) if model else "")
        price = self._prices.price_for(model)
        if price is not None:
            self.price_label.setText(
                self.tr("Training price: %1 per 1M tokens, checked on %2.")
                .replace("%1", format_usd(price.usd_per_1m_tokens))
                .replace("%2", price.checked.isoformat())
            )
        else:
            self.price_label.setText(self.tr("No training price is known for this model."))
        if info is not None and info.shutdown_date is not None:
            self.lifecycle_label.setText(
                self.tr("%1 shuts down on %2; models trained from it stop working on that day.")
                .replace("%1", model_display_name(info.display_name))
                .replace("%2", info.shutdown_date.isoformat())
            )
        else:
            self.lifecycle_label.clear()
        self.lifecycle_label.setVisible(bool(self.lifecycle_label.text()))

    def _show_names(self, model: str, method: Method, summary: DataSummary | None) -> None:
        suffix = self.suffix_edit.text().strip()
        organisation, unique = self.tr("organisation"), self.tr("id")
        self.name_preview.setText(
            self.tr("The trained model will be called: %1").replace(
                "%1", f"ft:{model}:<{organisation}>:{suffix}:<{unique}>"
            )
        )
        if method == "dpo":
            fmt = self.tr("preference pairs (DPO)")
        elif is_legacy_model(model):
            fmt = self.tr("prompt/completion pairs (legacy model)")
        else:
            fmt = self.tr("chat messages")
        if summary is None:
            count = self._data_tab_count if not self.training_file_radio.isChecked() else 0
        else:
            count = summary.examples - (summary.validation_rows if self.validation_source() == "split" else 0)
        self.summary_label.setText(
            self.tr("%n training example(s) will be uploaded as %1.", "", count).replace("%1", fmt)
        )

    def _format_problems(self, model: str, method: Method, summary: DataSummary | None) -> list[str]:
        """Refusals that need no check: a missing source, and data, model and method that do not fit."""
        problems: list[str] = []
        if not model:
            problems.append(self.tr("Choose a base model."))
        for role, radio in ((_TRAINING, self.training_file_radio), (_VALIDATION, self.validation_file_radio)):
            slot = self._files[role]
            if radio.isChecked() and slot is not None and slot.error:
                problems.append(
                    (
                        self.tr("The training file cannot be used: %1")
                        if role == _TRAINING
                        else self.tr("The validation file cannot be used: %1")
                    ).replace("%1", slot.error)
                )
        if self._data_tab_error and not self.training_file_radio.isChecked():
            problems.append(
                self.tr("The Data tab's examples could not be read: %1").replace("%1", self._data_tab_error)
            )
        if summary is None or not model:
            return problems
        info = find_model(model)
        name = info.display_name if info is not None and not is_legacy_model(model) else model
        legacy = is_legacy_model(model)
        if method == "dpo":
            if legacy:
                problems.append(
                    self.tr(
                        "%1 trains on prompt/completion pairs only; DPO needs a chat model such as GPT-4o mini."
                    ).replace("%1", name)
                )
            elif info is not None and model not in PREFERENCE_MODELS:
                offering = sorted(
                    found.display_name for found in map(find_model, PREFERENCE_MODELS) if found is not None
                )
                problems.append(
                    self.tr("%1 does not offer DPO; choose one that does: %2.")
                    .replace("%1", name)
                    .replace("%2", ", ".join(offering))
                )
            if not summary.preference_rows:
                problems.append(
                    self.tr(
                        "DPO learns from pairs of a preferred and a rejected answer, and these examples have no "
                        "rejected answers. Add them in the Data tab (column “rejected”), or choose Supervised."
                    )
                )
        if legacy and summary.conversations:
            problems.append(
                self.tr(
                    "%1 trains on single prompt/completion pairs, but %n example(s) are conversations (several "
                    "messages, tool calls or tools). Choose a chat model such as GPT-4o mini.",
                    "",
                    summary.conversations,
                ).replace("%1", name)
            )
        return problems

    def _metadata_text(self, problem: tuple[str, int, str] | None) -> str:
        if problem is None:
            return ""
        code, row, key = problem
        shown = key if len(key) <= 24 else key[:24] + "…"
        texts = {
            "too_many": self.tr("Metadata holds at most %1 pairs; remove some.").replace(
                "%1", str(METADATA_MAX_PAIRS)
            ),
            "no_key": self.tr("Metadata row %1 has a value but no key.").replace("%1", str(row)),
            "key_too_long": self.tr("The metadata key “%1” is longer than %2 characters.")
            .replace("%1", shown)
            .replace("%2", str(METADATA_KEY_MAX_CHARS)),
            "value_too_long": self.tr("The metadata value for “%1” is longer than %2 characters.")
            .replace("%1", shown)
            .replace("%2", str(METADATA_VALUE_MAX_CHARS)),
            "duplicate_key": self.tr("The metadata key “%1” is there twice.").replace("%1", shown),
        }
        return texts[code]

    def _show_checks(self, evaluation: Evaluation | Exception | None, problems: list[str]) -> bool:
        """Show what the checks found; add blocking errors to ``problems``. True while warnings await review."""
        self.warnings_label.hide()
        self.reviewed_check.hide()
        if self._data_tab is None and not self.training_file_radio.isChecked():
            self.checks_label.setText(self.tr("The examples were checked in the Data tab."))
            return False
        if evaluation is None:
            busy = self._training_summary() is not None or self.is_busy()
            self.checks_label.setText(
                self.tr("Checking the examples and counting tokens …")
                if busy
                else self.tr("Nothing checked yet.")
            )
            return False
        if isinstance(evaluation, Exception):
            text = self.tr("The examples could not be checked: %1").replace(
                "%1", describe_exception(evaluation).title
            )
            self.checks_label.setText(text)
            problems.append(text)
            return False
        model = self.base_model()
        errors, warnings = evaluation.errors, evaluation.warnings + evaluation.validation_warnings
        if evaluation.errors:
            where = (
                self.tr("Fix them in the Data tab (see “Check results”).")
                if not self.training_file_radio.isChecked()
                else self.tr("Fix the file, or open it in the Data tab to see and fix every row.")
            )
            problems.append(
                self.tr(
                    "The training data has %n error(s) that stop training, e.g. “%1”", "", len(errors)
                ).replace("%1", describe_issue(errors[0]))
                + " "
                + where
            )
        if evaluation.validation_lacks_preference:
            problems.append(
                self.tr(
                    "The validation examples have no rejected answers; DPO validates on preference pairs too. "
                    "Choose validation data with rejected answers, or none."
                )
            )
        if evaluation.validation_errors:
            problems.append(
                self.tr(
                    "The validation data has %n error(s) that stop training, e.g. “%1”",
                    "",
                    len(evaluation.validation_errors),
                ).replace("%1", describe_issue(evaluation.validation_errors[0]))
            )
        if not errors and not evaluation.validation_errors and not warnings:
            self.checks_label.setText(self.tr("Checked for %1: no problems found.").replace("%1", model))
        else:
            self.checks_label.setText(
                self.tr("Checked for %1: %2, %3.")
                .replace("%1", model)
                .replace("%2", self.tr("%n error(s)", "", len(errors) + len(evaluation.validation_errors)))
                .replace("%3", self.tr("%n warning(s)", "", len(warnings)))
            )
        if not warnings:
            return False
        listed = [describe_issue(issue) for issue in warnings[:MAX_LISTED_WARNINGS]]
        more = len(warnings) - len(listed)
        text = "\n".join(f"• {line}" for line in listed)
        if more:
            text += "\n" + self.tr("… and %n more (see the Data tab's “Check results”).", "", more)
        self.warnings_label.setText(text)
        self.warnings_label.show()
        self.reviewed_check.show()
        key = self._evaluation_key()
        reviewed = self.reviewed_check.isChecked() and self._reviewed_key == key
        if self.reviewed_check.isChecked() and not reviewed:  # new warnings (another model or data)
            self.reviewed_check.blockSignals(True)
            self.reviewed_check.setChecked(False)
            self.reviewed_check.blockSignals(False)
        return not reviewed

    def _show_cost(self, evaluation: Evaluation | Exception | None) -> None:
        model = self.base_model()
        price = self._prices.price_for(model)
        report = evaluation.report if isinstance(evaluation, Evaluation) else None
        epochs = self._epochs()
        lines: list[str] = []
        if report is not None:
            lines.append(
                self.tr("%1 billed tokens per epoch × %n epoch(s) = %2 tokens.", "", epochs)
                .replace("%1", f"{report.billed_tokens_per_epoch:,}")
                .replace("%2", f"{report.billed_tokens_per_epoch * epochs:,}")
            )
            if report.rows_over_limit:
                lines.append(
                    self.tr(
                        "%n example(s) are cut at the model's limit and billed up to it.",
                        "",
                        len(report.rows_over_limit),
                    )
                )
        elif isinstance(evaluation, Evaluation) and evaluation.count_problem:
            lines.append(self.tr("Tokens could not be counted: %1").replace("%1", evaluation.count_problem))
        cost = self.estimated_usd()
        if cost is not None and price is not None:
            text = self.tr("Estimated cost: %1 (%2 per 1M tokens, price of %3).")
            if self._practice:
                text = self.tr(
                    "Practice mode is free; a paid service would charge %1 (%2 per 1M tokens, price of %3)."
                )
            lines.append(
                text.replace("%1", _about(cost))
                .replace("%2", format_usd(price.usd_per_1m_tokens))
                .replace("%3", price.checked.isoformat())
            )
        elif price is None and model:
            lines.append(
                self.tr(
                    "Price unknown for %1: the cost cannot be estimated (Settings ▸ Training prices…)."
                ).replace("%1", model)
            )
        if self.validation_source() is not None:
            lines.append(self.tr("Validation examples are not charged."))
        self.cost_label.setText("\n".join(lines))
        self.cost_label.setVisible(bool(lines))

    def _ok_text(self, evaluation: Evaluation | Exception | None) -> str:
        if self._practice:
            return self.tr("Start practice training (free)")
        cost = self.estimated_usd()
        if cost is not None:
            return self.tr("Start training (%1)").replace("%1", _about(cost))
        if isinstance(evaluation, Evaluation) and self._prices.price_for(self.base_model()) is None:
            return self.tr("Start training (price unknown)")
        return self.tr("Start training")


def _about(usd: float) -> str:
    """An estimate in words: "about $1.23", "less than $0.01"."""
    if 0 < usd < 0.01:
        return QCoreApplication.translate("NewJobDialog", "less than $0.01")
    return QCoreApplication.translate("NewJobDialog", "about %1").replace("%1", f"${usd:,.2f}")


def _buddy(label: QLabel, field: QWidget) -> QLabel:
    label.setBuddy(field)  # the field's accessible name, and its Alt shortcut
    return label


def _status_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    set_tone(label, Tone.MUTED)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _stacked(*labels: QLabel) -> QWidget:
    """Notes under a form field, closer together than form rows."""
    widget = QWidget(labels[0].parentWidget())
    box = QVBoxLayout(widget)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    for label in labels:
        box.addWidget(label)
    box.addStretch(1)  # room left over by text that wraps into fewer lines goes below, not between
    return widget


_Spin = TypeVar("_Spin", QSpinBox, QDoubleSpinBox)


def _auto_spin(parent: QWidget, text: str, spin: _Spin) -> tuple[QCheckBox, _Spin]:
    """An "Automatic" checkbox and the number it stands for; the number is editable when it is unticked."""
    auto = QCheckBox(text, parent)
    auto.setChecked(True)
    spin.setEnabled(False)
    auto.toggled.connect(lambda checked: spin.setEnabled(not checked))
    return auto, spin
