"""Data tab: open a spreadsheet of question/answer pairs, edit it, check it, export JSONL."""

from __future__ import annotations

import dataclasses
import enum
import gc
import itertools
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dataset import SPLIT_PRESETS, Dataset, Example, Split, draw_split
from desktop_app.core.errors import DatasetError
from desktop_app.core.fixes import Fix, fix_all_for, fix_for
from desktop_app.core.formats import (
    READABLE_SUFFIXES,
    ImportResult,
    chat_jsonl_lines,
    dpo_jsonl_lines,
    export_jsonl,
    legacy_jsonl_lines,
    legacy_markers,
    prepared_path,
    read_dataset,
    write_table,
)
from desktop_app.core.models import BASE_MODELS, is_legacy_model
from desktop_app.core.prices import PriceTable, shipped_price_table
from desktop_app.core.project import PROJECT_SUFFIX, save_project
from desktop_app.core.tokens import (
    CountCancelled,
    TokenReport,
    count_dataset,
    encoding_for_model,
    get_encoding,
    special_token_rows,
)
from desktop_app.core.validation import Issue, check_for_model, check_summary, token_issues
from desktop_app.storage.autosave import AutosaveStore
from desktop_app.ui.data.commands import (
    EditCell,
    InsertRows,
    MoveRow,
    RemoveRows,
    ReplaceRows,
    SortRows,
    copy_example,
)
from desktop_app.ui.data.conversation_editor import ConversationEditor
from desktop_app.ui.data.delegate import DataCellDelegate, needs_text_dialog
from desktop_app.ui.data.find_replace import FindReplaceDialog, ReplaceText, plan_replacements
from desktop_app.ui.data.fixes import ApplyFix, describe_fix
from desktop_app.ui.data.import_dialog import ImportDialog, ImportOptions, needs_import_dialog
from desktop_app.ui.data.issues_model import ROW_ROLE, IssueListModel, describe_import_warning, in_list_order
from desktop_app.ui.data.proxy import DatasetFilterProxy
from desktop_app.ui.data.stats_dialog import TokenStatsDialog
from desktop_app.ui.data.table_model import (
    COL_COMPLETION,
    COL_NOTE,
    COL_PROMPT,
    COL_REJECTED,
    COL_SPLIT,
    COL_SYSTEM,
    COL_TURNS,
    OPTIONAL_COLUMNS,
    TEXT_COLUMNS,
    DatasetTableModel,
    issues_by_row,
    used_columns_of,
)
from desktop_app.ui.data.text_editor import LongTextEditor
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.gc_guard import gc_paused
from desktop_app.ui.help_terms import HelpButton, Term
from desktop_app.ui.names import model_display_name
from desktop_app.ui.widgets import FlowLayout, Level, MessageBar, WrappingLabel
from desktop_app.ui.workers import (
    Cancelled,
    CancelToken,
    PacedRows,
    Reporter,
    Worker,
    WorkerPool,
)

log = logging.getLogger(__name__)

AUTOSAVE_NAME = "working-dataset"
DEFAULT_COST_MODEL = "gpt-4o-mini-2024-07-18"
AUTOSAVE_DELAY_MS = 800
CHECK_DELAY_MS = 400
PROMPT_MIN_WIDTH = 280  # the system prompt's box beside the buttons at least; else a line of its own
FILTER_DELAY_MS = 200
# Up to this many rows the filter follows every keystroke; above it, it waits for a pause in typing so
# re-filtering a huge table does not make typing stutter.
INSTANT_FILTER_ROWS = 20_000
# Fitting row heights to their text measures every cell: fine for a few thousand rows, seconds for 100,000.
RESIZE_ROWS_LIMIT = 200


class ExportKind(enum.Enum):
    CHAT = "chat"  # {"messages": [...]} for gpt-4o-mini, gpt-4.1 and other chat models
    LEGACY = "legacy"  # {"prompt", "completion"} for davinci-002 / babbage-002
    DPO = "dpo"  # {"input", "preferred_output", "non_preferred_output"}: preference training
    TABLE = "table"  # back to .xlsx / .csv / .tsv


SPLIT_SEED = 42
"""Seed of the first split drawn (the legacy tool's); the user may pick another under Custom."""


class DataTab(QWidget):
    loaded = Signal(int)  # number of examples now in the table
    fileOpened = Signal(str)  # the path just read (for recent files)
    checked = Signal(object)  # list[Issue]
    loadFailed = Signal(object)  # the exception
    restored = Signal(int)  # rows brought back from the autosave
    tokensCounted = Signal(object)  # TokenReport
    exported = Signal(str)  # path written
    datasetChanged = Signal()

    def __init__(self, pool: WorkerPool, autosave: AutosaveStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._autosave = autosave
        # Where the rows came from (path, sheet, encoding) and what the user decided about them (split,
        # default system prompt, base model, legacy markers): a dataset without rows, saved with them.
        self._settings = Dataset()
        self.project_path: Path | None = None  # the .ftdesk file the rows were opened from or saved to
        self._opening: Path | None = None  # the file being read
        self._opening_options = ImportOptions()
        self._sorting = False
        self.import_dialog: ImportDialog | None = None
        self._autosave_running = False
        self._autosave_pending = False
        self._closing = False
        self._edit_seq = 0  # bumped by every edit; an autosave reports the one it wrote
        self._saved_seq = 0
        self._check_worker: Worker | None = None
        self._token_worker: Worker | None = None
        self._check_issues: list[Issue] = []
        self._base_model = DEFAULT_COST_MODEL
        self._token_report: TokenReport | None = None
        self._prices: PriceTable = shipped_price_table()
        self.last_open_dir = ""

        self.model = DatasetTableModel(self)
        self.undo_stack = QUndoStack(self)
        self.model.undo_stack = self.undo_stack
        self.issues_model = IssueListModel(self)
        self.proxy = DatasetFilterProxy(self.model, self)  # the table shows the examples through this
        self.replace_dialog: FindReplaceDialog | None = None
        self._build_ui()
        self._set_tab_order()

        # Setters, not QTimer(singleShot=..., interval=...): PySide6 6.12's property keywords in constructors
        # corrupt a reference count and the interpreter aborts at exit.
        self._autosave_timer = _single_shot_timer(self, AUTOSAVE_DELAY_MS, self._autosave_now)
        self._check_timer = _single_shot_timer(self, CHECK_DELAY_MS, self.run_checks)
        self._filter_timer = _single_shot_timer(self, FILTER_DELAY_MS, self._apply_filter)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._on_shown_rows_changed)
        self.model.edited.connect(self._on_edited)
        self._update_summary()

    # ---- layout ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.open_button = QToolButton(self)
        self.open_button.setText(self.tr("Open…"))
        self.open_button.setToolTip(
            self.tr("Open an Excel, CSV, JSONL or JSON file of question/answer pairs")
        )
        self.open_button.clicked.connect(self._choose_file)

        self.add_button = QToolButton(self)
        self.add_button.setText(self.tr("Add row"))
        self.add_button.clicked.connect(self.add_row)
        self.delete_button = QToolButton(self)
        self.delete_button.setText(self.tr("Delete rows"))
        self.delete_button.clicked.connect(self.delete_selected_rows)
        self.duplicate_button = QToolButton(self)
        self.duplicate_button.setText(self.tr("Duplicate"))
        self.duplicate_button.setToolTip(self.tr("Copy the selected rows below them"))
        self.duplicate_button.clicked.connect(self.duplicate_selected_rows)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)

        self.check_button = QToolButton(self)
        self.check_button.setText(self.tr("Check"))
        self.check_button.setToolTip(self.tr("Check the examples for problems before training"))
        self.check_button.clicked.connect(self.run_checks)

        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_chat_action = QAction(self.tr("Chat JSONL (gpt-4o-mini, gpt-4.1 …)…"), self)
        self.export_chat_action.triggered.connect(lambda: self._choose_export(ExportKind.CHAT))
        self.export_legacy_action = QAction(
            self.tr("Prompt/completion JSONL (davinci-002, babbage-002)…"), self
        )
        self.export_legacy_action.triggered.connect(lambda: self._choose_export(ExportKind.LEGACY))
        menu.addAction(self.export_chat_action)
        menu.addAction(self.export_legacy_action)
        self.export_dpo_action = QAction(self.tr("Preference (DPO) JSONL…"), self)
        self.export_dpo_action.triggered.connect(lambda: self._choose_export(ExportKind.DPO))
        self.export_table_action = QAction(self.tr("Excel or CSV table…"), self)
        self.export_table_action.triggered.connect(lambda: self._choose_export(ExportKind.TABLE))
        menu.addAction(self.export_dpo_action)
        menu.addSeparator()
        menu.addAction(self.export_table_action)
        self.export_button.setMenu(menu)

        self.save_action = QAction(self.tr("&Save dataset"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setToolTip(
            self.tr("Save the rows with their split, notes and settings as a FineTune Desk dataset (.ftdesk)")
        )
        self.save_action.triggered.connect(self.save)
        self.save_as_action = QAction(self.tr("Save dataset &as…"), self)
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.save_as_action.triggered.connect(self.save_as)
        self.save_button = QToolButton(self)
        self.save_button.setDefaultAction(self.save_action)
        self.save_button.setText(self.tr("Save"))

        self.split_button = QToolButton(self)
        self.split_button.setText(self.tr("Split"))
        self.split_button.setToolTip(
            self.tr("Hold out some rows to validate the training (a validation file)")
        )
        self.split_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        split_menu = QMenu(self.split_button)
        self.split_actions: dict[str, QAction] = {}
        for preset, label in (
            ("none", self.tr("No validation split")),
            ("90/10", self.tr("90% training / 10% validation")),
            ("80/20", self.tr("80% training / 20% validation")),
            ("custom", self.tr("Custom…")),
        ):
            action = split_menu.addAction(label)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, p=preset: self._choose_split(p))
            self.split_actions[preset] = action
        self.split_actions["none"].setChecked(True)
        self.split_button.setMenu(split_menu)

        self.system_prompt_edit = QLineEdit(self)
        self.system_prompt_edit.setPlaceholderText(
            self.tr("System prompt for every example (optional), e.g. “You are the tea shop's assistant.”")
        )
        self.system_prompt_edit.setClearButtonEnabled(True)
        self.system_prompt_edit.textChanged.connect(self._on_system_prompt_changed)

        # The system prompt fills the rest of the buttons' line, or a line of its own when that is too short.
        buttons = FlowLayout()
        for button in self._toolbar_buttons():
            buttons.addWidget(button)
        prompt_box = QWidget(self)
        prompt_layout = QHBoxLayout(prompt_box)
        prompt_layout.setContentsMargins(8, 0, 0, 0)
        system_prompt_label = QLabel(self.tr("System prompt:"), self)
        system_prompt_label.setBuddy(self.system_prompt_edit)
        prompt_layout.addWidget(system_prompt_label)
        prompt_layout.addWidget(self.system_prompt_edit, 1)
        prompt_layout.addWidget(HelpButton(Term.SYSTEM_PROMPT, prompt_box))
        prompt_box.setMinimumWidth(system_prompt_label.sizeHint().width() + PROMPT_MIN_WIDTH)
        buttons.addWidget(prompt_box)
        buttons.set_fill(prompt_box)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setToolTip(
            self.tr(
                "Show only rows that contain this text anywhere: question, answer, system, rejected answer, note or conversation"
            )
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter rows"))
        self.filter_edit.textChanged.connect(self._on_filter_text_changed)
        self.filter_edit.returnPressed.connect(self._apply_filter)
        self.problems_only_box = QCheckBox(self.tr("Only rows with problems"), self)
        self.problems_only_box.setToolTip(
            self.tr("Show only rows the last check found errors or warnings in")
        )
        self.problems_only_box.toggled.connect(self._apply_filter)
        self.filter_status = QLabel(self)
        self.filter_status.setObjectName("filterStatus")
        self.replace_button = QToolButton(self)
        self.replace_button.setText(self.tr("Replace…"))
        self.replace_button.setToolTip(self.tr("Find and replace text in the table"))
        self.replace_button.clicked.connect(self.show_replace_dialog)
        self.find_action = QAction(self.tr("Find"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_filter)
        self.addAction(self.find_action)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.problems_only_box)
        filter_row.addWidget(self.filter_status)
        filter_row.addWidget(self.replace_button)

        self.summary_label = WrappingLabel("", self)
        self.summary_label.setObjectName("dataSummary")
        self.tokens_label = WrappingLabel("", self)
        self.tokens_label.setObjectName("tokenSummary")
        self.tokens_label.setStyleSheet("color: #444;")
        self.stats_button = QToolButton(self)
        self.stats_button.setText(self.tr("Statistics…"))
        self.stats_button.setToolTip(
            self.tr("Token counts per example, epochs and cost for the chosen model")
        )
        self.stats_button.setEnabled(False)
        self.stats_button.clicked.connect(self.show_statistics)
        self.base_model_combo = QComboBox(self)
        self.base_model_combo.setAccessibleName(self.tr("Base model for the checks"))
        self.base_model_combo.setToolTip(
            self.tr(
                "The model you will train: its token limit, data format and price are used for the checks"
            )
        )
        for info in BASE_MODELS:
            self.base_model_combo.addItem(model_display_name(info.display_name), info.id)
        self.base_model_combo.currentIndexChanged.connect(self._on_base_model_picked)
        self.base_model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.base_model_combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._select_base_model(self._base_model)
        self.tokens_progress = QProgressBar(self)
        self.tokens_progress.setMaximumWidth(220)
        self.tokens_progress.setTextVisible(False)
        self.tokens_progress.hide()
        self.message_bar = MessageBar(self)

        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Training examples"))
        self.table.setVerticalHeader(RowNumberHeader(self.table))
        self.table.setModel(self.proxy)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setItemDelegate(DataCellDelegate(self._wants_dialog, self._open_cell_dialog, self.table))
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.conversation_editor: ConversationEditor | None = None
        self.text_editor: LongTextEditor | None = None
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_PROMPT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_COMPLETION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_REJECTED, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_SYSTEM, 160), (COL_NOTE, 140), (COL_TURNS, 90), (COL_SPLIT, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self._shown_columns: set[int] = set()  # optional columns the user asked for, even while empty
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        # Start in file order (QHeaderView's default indicator is column 0); a third click returns to it.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort_handler = self.sort_rows
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setDefaultSectionSize(28)
        delete = QAction(self.tr("Delete rows"), self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.triggered.connect(self.delete_selected_rows)
        self.table.addAction(delete)

        self.issues_view = QListView(self)
        self.issues_view.setAccessibleName(self.tr("Check results"))
        self.issues_view.setModel(self.issues_model)
        self.issues_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issues_view.activated.connect(self._go_to_issue)
        self.issues_view.clicked.connect(self._go_to_issue)
        self.issues_label = QLabel(self.tr("Check results"), self)
        self.issues_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.issues_view.customContextMenuRequested.connect(self._issues_menu)
        self.issues_view.selectionModel().currentChanged.connect(self._update_fix_buttons)
        self.issues_model.modelReset.connect(self._update_fix_buttons)
        self.fix_button = QToolButton(self)  # its text names the fix of the selected result
        self.fix_button.clicked.connect(self.fix_selected_issue)
        self.fix_all_button = QToolButton(self)
        self.fix_all_button.clicked.connect(self.fix_all_like_selected)
        issues_box = QWidget(self)
        issues_layout = QVBoxLayout(issues_box)
        issues_layout.setContentsMargins(0, 4, 0, 0)
        issues_header = QHBoxLayout()
        self.issues_label.setWordWrap(True)
        issues_header.addWidget(self.issues_label, 1)
        issues_header.addWidget(self.fix_button)
        issues_header.addWidget(self.fix_all_button)
        issues_layout.addLayout(issues_header)
        issues_layout.addWidget(self.issues_view)
        self._update_fix_buttons()

        splitter = QSplitter(self)
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(issues_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([640, 120])

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(filter_row)
        layout.addWidget(self.message_bar)
        # On one line when it fits; else the summaries wrap and the model moves to a line of its own.
        summary_row = FlowLayout()
        summary_row.addWidget(self.summary_label)
        summary_row.addWidget(self.tokens_progress)
        summary_row.addWidget(self.tokens_label)
        summary_row.addWidget(self.stats_button)
        model_box = QWidget(self)
        model_layout = QHBoxLayout(model_box)
        model_layout.setContentsMargins(8, 0, 0, 0)
        model_layout.addWidget(QLabel(self.tr("For:"), self))
        model_layout.addWidget(self.base_model_combo)
        summary_row.addWidget(model_box)
        layout.addLayout(summary_row)
        layout.addWidget(splitter, 1)

    def _toolbar_buttons(self) -> tuple[QAbstractButton, ...]:
        """The buttons above the table, in the order they are shown."""
        return (
            self.open_button,
            self.save_button,
            self.add_button,
            self.delete_button,
            self.duplicate_button,
            self.split_button,
            self.check_button,
            self.export_button,
        )

    def _set_tab_order(self) -> None:
        """Tab through the buttons in the order they are shown (Save and Split were made later than their
        neighbours, and Tab jumped back to them)."""
        row = (*self._toolbar_buttons(), self.system_prompt_edit)
        for first, second in itertools.pairwise(row):
            QWidget.setTabOrder(first, second)

    # ---- queries ---------------------------------------------------------------------------------------
    def current_dataset(self) -> Dataset:
        """Copies of the rows with their settings (safe to hand to a worker)."""
        dataset = self.model.as_dataset(self._settings)
        dataset.default_system = self.system_prompt()
        dataset.base_model = self._base_model
        return dataset

    def system_prompt(self) -> str:
        return self.system_prompt_edit.text().strip()

    def current_issues(self) -> list[Issue]:
        return self.issues_model.issues()

    # ---- opening ---------------------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open training examples"),
            self.last_open_dir,
            self.tr(
                "Training data (*.ftdesk *.xlsx *.xls *.xlsm *.ods *.csv *.tsv *.jsonl *.json *.txt);;All files (*)"
            ),
        )
        if path:
            self.open_file(Path(path))

    def open_file(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        encoding: str | None = None,
        columns: dict[str, str] | None = None,
        skip_bad: bool = False,
    ) -> Worker:
        self.last_open_dir = str(path.parent)
        self.open_button.setEnabled(False)
        self.message_bar.show_text(self.tr("Reading %1 …").replace("%1", path.name), Level.INFO)
        self._opening = path
        self._opening_options = ImportOptions(sheet, encoding, columns)

        def work(token: CancelToken, report: Reporter) -> tuple[ImportResult, set[int]]:
            with gc_paused(keep=True):
                result = read_dataset(
                    path, sheet=sheet, encoding=encoding, columns=columns, skip_bad=skip_bad
                )
                return result, used_columns_of(result.dataset.examples)  # here: a pass over every row

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_loaded)
            worker.error.connect(self._on_load_failed)
            worker.finished.connect(self._on_open_finished)

        return self._pool.start(work, f"open {path.name}", connect=connect)

    def _on_open_finished(self) -> None:
        self.open_button.setEnabled(True)

    def _on_loaded(self, loaded: tuple[ImportResult, set[int]]) -> None:
        result, used = loaded
        dataset = result.dataset
        self._take_dataset(dataset, project=result.project, used=used)
        self.undo_stack.clear()  # a new file: earlier edits belong to the old one
        notes = [
            self.tr("Opened %1 with %2 examples.")
            .replace("%1", _name(result.project or dataset.source))
            .replace("%2", str(len(dataset.examples)))
        ]
        notes.extend(describe_import_warning(w) for w in result.warnings)
        self.message_bar.show_text("\n".join(notes), Level.WARNING if result.warnings else Level.SUCCESS)
        if needs_import_dialog(result) and dataset.source is not None and result.project is None:
            source = dataset.source
            initial = ImportOptions(dataset.sheet, dataset.encoding, dict(result.column_map) or None)
            self.message_bar.set_action(
                self.tr("Preview and choose…"), lambda: self.show_import_dialog(source, initial=initial)
            )
        self._update_summary()
        self._schedule_autosave()
        # After this slot returns: the check worker would otherwise compete with the first repaint.
        QTimer.singleShot(0, self, self.run_checks)
        self.datasetChanged.emit()
        opened = result.project or dataset.source
        if opened is not None:
            self.fileOpened.emit(str(opened))
        self.loaded.emit(len(dataset.examples))

    def _take_dataset(self, dataset: Dataset, *, project: Path | None, used: set[int] | None = None) -> None:
        """Show ``dataset``'s rows and adopt its settings (a file just opened, or the autosave)."""
        self._settings = dataset.with_examples([])
        self.project_path = project
        old_rows = self.model.example_list()
        self.model.set_examples(dataset.examples)
        if old_rows:  # freeing 100,000 rows takes ~25 ms: not on the UI thread
            self._pool.start(lambda token, report: _release(old_rows, token), "free old rows")
        # The rows live as long as the table: keep them out of the cyclic garbage collector's full passes,
        # which otherwise walk every row and pause the window (~100 ms at 100,000 rows). They hold no
        # reference cycles, so they are still freed as usual when the table drops them.
        gc.freeze()
        self.system_prompt_edit.blockSignals(True)
        self.system_prompt_edit.setText(dataset.default_system)
        self.system_prompt_edit.blockSignals(False)
        if dataset.base_model and dataset.base_model != self._base_model:
            self.set_base_model(dataset.base_model)
        self.update_columns(used)
        if len(dataset.examples) <= RESIZE_ROWS_LIMIT:
            self.table.resizeRowsToContents()

    def _on_load_failed(self, exc: Exception) -> None:
        self.message_bar.show_message(describe_exception(exc), Level.ERROR)
        readable = int(exc.details.get("readable", "0") or 0) if isinstance(exc, DatasetError) else 0
        if readable and isinstance(exc, DatasetError) and exc.path is not None:
            path = exc.path
            self.message_bar.set_action(
                self.tr("Open the %n readable record(s)", "", readable),
                lambda: self.open_file(path, skip_bad=True),
            )
        self.loadFailed.emit(exc)
        if isinstance(exc, DatasetError) and exc.path is not None and needs_import_dialog(exc):
            self.show_import_dialog(exc.path, error=exc, initial=self._opening_options)

    def show_import_dialog(
        self, path: Path, *, error: DatasetError | None = None, initial: ImportOptions | None = None
    ) -> ImportDialog:
        """Preview ``path`` and let the user choose sheet, encoding and columns; Import reads it again with them."""
        if self.import_dialog is not None:
            self.import_dialog.close()
        dialog = ImportDialog(self._pool, path, error=error, initial=initial, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result, d=dialog: self._on_import_dialog_done(d, result))
        self.import_dialog = dialog
        dialog.open()  # window-modal, no nested event loop
        return dialog

    def _on_import_dialog_done(self, dialog: ImportDialog, result: int) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None
        if result == QDialog.DialogCode.Accepted.value:
            options = dialog.options()
            self.open_file(
                dialog.path, sheet=options.sheet, encoding=options.encoding, columns=options.columns
            )

    # ---- editing ---------------------------------------------------------------------------------------
    def add_row(self) -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self._view_index(row, reveal=True)  # a blank row matches no filter: show it anyway
        if index.isValid():
            self.table.scrollTo(index)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def add_example(self, prompt: str, completion: str, system: str = "") -> int:
        """Append one question and answer (from the Chat tab) as a new last row; returns its row.

        The row goes through the undo stack as "Add example from chat" (Edit → Undo takes it back), is
        selected and scrolled to (clearing a filter that would hide it), and is autosaved and checked like any
        edit. The texts are stored exactly as given, except ``system``: when it is the dataset's default
        system prompt (blank or not, ignoring surrounding spaces), the row stores "" so the default applies
        and later changes to it reach this row too. A row cannot say "no system prompt" while the dataset has a default: a blank
        ``system`` then means the default.

        Only this one exchange is added: for a multi-turn chat, pass its last question and answer; the
        earlier turns are not part of the row.

        In a preference (DPO) dataset the row is added as "Add row" adds one, without a rejected answer: the
        check that follows flags it ("needs a rejected answer") and the user fills the Rejected column in
        the table. Rows are never refused, so nothing the user chose to keep is lost.
        """
        if system.strip() == self.system_prompt():
            system = ""
        row = self.model.rowCount()
        text = self.tr("Add example from chat")
        self.undo_stack.push(InsertRows(self.model, row, [Example(prompt, completion, system)], text))
        index = self._view_index(row, reveal=True)
        if index.isValid():
            if self.model.rowCount() <= RESIZE_ROWS_LIMIT:  # as when a file is opened
                self.table.resizeRowToContents(index.row())
            self.table.scrollTo(index)
            # Not setCurrentIndex/selectRow: they follow the keys held down, and with Ctrl still held from the
            # dialog's Ctrl+Enter they would toggle the row's selection off again.
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        done = self.undo_stack.index()
        self.message_bar.show_text(
            self.tr("Added the example from the chat as row %1.").replace("%1", str(row + 1)), Level.SUCCESS
        )
        self.message_bar.set_action(
            self.tr("Undo"),
            lambda: self.undo_stack.setIndex(done - 1) if self.undo_stack.index() == done else None,
        )
        return row

    def selected_rows(self) -> list[int]:
        """The selected examples as rows of :attr:`model` (not of the sorted, filtered view)."""
        rows: set[int] = set()
        for index in self.table.selectionModel().selectedIndexes():
            if index.model() is self.proxy:
                rows.add(self.proxy.mapToSource(index).row())
            elif index.model() is self.model:  # selected by source index, as older callers do
                rows.add(index.row())
        return sorted(r for r in rows if r >= 0)

    def _view_index(self, source_row: int, *, reveal: bool = False) -> QModelIndex:
        """The view's index of a source row; with `reveal`, clear the filter if it hides that row."""
        index = self.proxy.mapFromSource(self.model.index(source_row, COL_PROMPT))
        if not index.isValid() and reveal and self.proxy.is_filtering():
            self.clear_filter()
            index = self.proxy.mapFromSource(self.model.index(source_row, COL_PROMPT))
        return index

    def delete_selected_rows(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.undo_stack.push(RemoveRows(self.model, rows))  # one step to undo, however many rows

    def duplicate_selected_rows(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        copies = [self.model.example(r) for r in rows]
        where = rows[-1] + 1
        self.undo_stack.push(InsertRows(self.model, where, copies, self.tr("Duplicate rows")))
        index = self._view_index(where)
        if index.isValid():
            self.table.selectRow(index.row())

    def sort_rows(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows on ``column`` (a header click): the rows themselves move, as in a spreadsheet, and
        Edit → Undo restores their order."""
        if not 0 <= column < self.model.columnCount() or self.model.rowCount() < 2:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        sorted_order = self.model.sorted_order(column, descending)
        if sorted_order == list(range(len(sorted_order))):
            return
        header = self.model.headerData(column, Qt.Orientation.Horizontal)
        text = self.tr("Sort by %1").replace("%1", str(header))
        self._sorting = True
        try:
            self.undo_stack.push(SortRows(self.model, sorted_order, text))
        finally:
            self._sorting = False

    def move_selected_row(self, step: int) -> None:
        """Move the selected row one place up (-1) or down (+1) in the dataset's order."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        source, destination = rows[0], rows[0] + step
        if not 0 <= destination < self.model.rowCount():
            return
        self.undo_stack.push(MoveRow(self.model, source, destination))
        index = self._view_index(destination)
        if index.isValid():
            self.table.selectRow(index.row())

    def set_validation(self, rows: list[int], validation: bool) -> None:
        """Put rows in the validation split (or back in training) by hand; one undo step."""
        changes = []
        for row in rows:
            example = self.model.example(row)
            if example.validation != validation:
                changes.append((row, dataclasses.replace(example, validation=validation)))
        if changes:
            text = self.tr("Move to validation") if validation else self.tr("Move to training")
            self.undo_stack.push(ReplaceRows(self.model, changes, text))
            if self._settings.split is None:
                self._settings.split = Split("custom", 0.0, SPLIT_SEED)
            self._after_split_change()

    def _row_menu(self, position: QPoint) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        menu = QMenu(self)
        up = menu.addAction(self.tr("Move up"))
        up.setEnabled(len(rows) == 1 and rows[0] > 0)
        up.triggered.connect(lambda: self.move_selected_row(-1))
        down = menu.addAction(self.tr("Move down"))
        down.setEnabled(len(rows) == 1 and rows[0] < self.model.rowCount() - 1)
        down.triggered.connect(lambda: self.move_selected_row(1))
        menu.addSeparator()
        if len(rows) == 1:
            menu.addAction(self.tr("Edit as conversation…"), lambda: self.open_conversation_editor(rows[0]))
            column = self.proxy.mapToSource(self.table.indexAt(position)).column()
            if column in (COL_PROMPT, COL_COMPLETION, COL_SYSTEM, COL_REJECTED, COL_NOTE):
                menu.addAction(self.tr("Open in editor…"), lambda: self.open_text_editor(rows[0], column))
            menu.addSeparator()
        to_validation = menu.addAction(self.tr("Use for validation"))
        to_validation.triggered.connect(lambda: self.set_validation(rows, True))
        to_training = menu.addAction(self.tr("Use for training"))
        to_training.triggered.connect(lambda: self.set_validation(rows, False))
        menu.addSeparator()
        menu.addAction(self.tr("Duplicate"), self.duplicate_selected_rows)
        menu.addAction(self.tr("Delete rows"), self.delete_selected_rows)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # ---- editors -----------------------------------------------------------------------------------------
    def _source_index(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if index.model() is self.proxy:
            return self.proxy.mapToSource(self.proxy.index(index.row(), index.column()))
        return self.model.index(index.row(), index.column())

    def _wants_dialog(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        source = self._source_index(index)
        if not source.isValid():
            return False
        example = self.model.example(source.row())
        if source.column() in (COL_PROMPT, COL_COMPLETION) and _is_conversation(example):
            return True
        value = source.data(Qt.ItemDataRole.EditRole)
        return isinstance(value, str) and needs_text_dialog(value)

    def _open_cell_dialog(self, index: QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        source = self._source_index(index)
        example = self.model.example(source.row())
        if source.column() in (COL_PROMPT, COL_COMPLETION) and _is_conversation(example):
            self.open_conversation_editor(source.row())
        else:
            self.open_text_editor(source.row(), source.column())

    def _on_double_clicked(self, index: QModelIndex) -> None:
        source = self._source_index(index)
        if source.isValid() and source.column() == COL_TURNS:
            self.open_conversation_editor(source.row())

    def open_conversation_editor(self, row: int) -> ConversationEditor:
        """Edit a row as a conversation (messages, roles, weights, tool calls, rejected answer, note)."""
        example = self.model.example(row)
        editor = ConversationEditor(example, default_system=self.system_prompt(), row=row, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        original = copy_example(example)

        def done(result: int) -> None:
            self.conversation_editor = None
            if result != QDialog.DialogCode.Accepted.value:
                return
            changed = editor.example()
            if row < self.model.rowCount() and self.model.example(row) == original and changed != original:
                self.undo_stack.push(ReplaceRows(self.model, [(row, changed)], self.tr("Edit conversation")))
                self.update_columns()

        editor.finished.connect(done)
        self.conversation_editor = editor
        editor.open()
        return editor

    def open_text_editor(self, row: int, column: int) -> LongTextEditor:
        """Edit one cell's text in a roomy editor (long answers, line breaks, tabs kept exactly)."""
        field = TEXT_COLUMNS[column]
        old: str = getattr(self.model.example(row), field)
        header = self.model.headerData(column, Qt.Orientation.Horizontal)
        title = self.tr("Row %1 — %2").replace("%1", str(row + 1)).replace("%2", str(header))
        editor = LongTextEditor(old, title, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(result: int) -> None:
            self.text_editor = None
            if result != QDialog.DialogCode.Accepted.value or not editor.changed():
                return
            if row < self.model.rowCount() and getattr(self.model.example(row), field) == old:
                self.undo_stack.push(EditCell(self.model, row, field, old, editor.text()))

        editor.finished.connect(done)
        self.text_editor = editor
        editor.open()
        return editor

    # ---- columns ---------------------------------------------------------------------------------------
    def update_columns(self, used: set[int] | None = None) -> None:
        """Show the optional columns some row uses (``used``, when already known) or the user asked for; hide
        the others."""
        used = (self.model.used_columns() if used is None else set(used)) | self._shown_columns
        if self._settings.split is not None:
            used.add(COL_SPLIT)
        for column in OPTIONAL_COLUMNS:
            self.table.setColumnHidden(column, column not in used)

    def _header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        names = {
            COL_REJECTED: self.tr("Rejected answer (preference training)"),
            COL_NOTE: self.tr("Note"),
            COL_TURNS: self.tr("Conversation"),
            COL_SPLIT: self.tr("Split"),
        }
        for column, name in names.items():
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.show_column(c, on))
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def show_column(self, column: int, shown: bool) -> None:
        if shown:
            self._shown_columns.add(column)
        else:
            self._shown_columns.discard(column)
        self.table.setColumnHidden(column, not shown)

    # ---- validation split ------------------------------------------------------------------------------
    def _choose_split(self, preset: str) -> None:
        if preset == "custom":
            current = self._settings.split
            percent, ok = QInputDialog.getInt(
                self,
                self.tr("Validation split"),
                self.tr("Percent of the rows to hold out for validation:"),
                round(current.fraction * 100) if current is not None and current.fraction else 10,
                1,
                50,
            )
            if not ok:
                self._sync_split_actions()
                return
            seed, ok = QInputDialog.getInt(
                self,
                self.tr("Validation split"),
                self.tr("Random seed (the same seed picks the same rows):"),
                current.seed if current is not None else SPLIT_SEED,
                0,
                2**31 - 1,
            )
            if not ok:
                self._sync_split_actions()
                return
            self.apply_split("custom", percent / 100, seed)
        else:
            self.apply_split(preset, SPLIT_PRESETS[preset], SPLIT_SEED)

    def apply_split(self, preset: str, fraction: float, seed: int) -> None:
        """Draw the validation rows (seeded, so the same choice gives the same rows); one undo step."""
        flags = draw_split(self.model.rowCount(), fraction, seed)
        changes = [
            (row, dataclasses.replace(example, validation=flag))
            for row, (example, flag) in enumerate(zip(self.model.example_list(), flags, strict=True))
            if example.validation != flag
        ]
        old_split = self._settings.split
        new_split = None if preset == "none" else Split(preset, fraction, seed)  # type: ignore[arg-type]

        def set_split(split: Split | None) -> None:
            self._settings.split = split
            self._after_split_change()

        command = ReplaceRows(self.model, changes, self.tr("Validation split"))
        command.on_redo = lambda: set_split(new_split)
        command.on_undo = lambda: set_split(old_split)
        self.undo_stack.push(command)

    def _after_split_change(self) -> None:
        self._sync_split_actions()
        self.update_columns()
        self._update_summary()
        self._schedule_autosave()

    def _sync_split_actions(self) -> None:
        split = self._settings.split
        current = "none" if split is None else split.preset
        for preset, action in self.split_actions.items():
            action.setChecked(preset == current)

    # ---- filter and find/replace -------------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def clear_filter(self) -> None:
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.problems_only_box.blockSignals(True)
        self.problems_only_box.setChecked(False)
        self.problems_only_box.blockSignals(False)
        self._apply_filter()

    def _on_filter_text_changed(self) -> None:
        if self.model.rowCount() <= INSTANT_FILTER_ROWS:
            self._apply_filter()
        else:
            self._filter_timer.start()

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_filter_text(self.filter_edit.text())
        self.proxy.set_only_problems(self.problems_only_box.isChecked())
        self._on_shown_rows_changed()

    def _on_shown_rows_changed(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        filtering = self.proxy.is_filtering()
        self.filter_status.setText(
            self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total)) if filtering else ""
        )
        if self.replace_dialog is not None:
            self.replace_dialog.set_scope(shown, total, filtering=filtering)

    def show_replace_dialog(self) -> FindReplaceDialog:
        if self.replace_dialog is None:
            self.replace_dialog = FindReplaceDialog(self)
            self.replace_dialog.replaceAllRequested.connect(self._on_replace_requested)
        self._on_shown_rows_changed()
        selected = self.filter_edit.text()
        if selected and not self.replace_dialog.find_edit.text():
            self.replace_dialog.find_edit.setText(selected)
        self.replace_dialog.show()
        self.replace_dialog.activateWindow()
        return self.replace_dialog

    def replace_all(self, find: str, replace: str, *, match_case: bool = False) -> int:
        """Replace in every text cell of the rows shown (all rows when no filter is on); one undo step.

        Returns the number of cells changed.
        """
        examples = self.model.example_list()
        rows = self.proxy.source_rows() if self.proxy.is_filtering() else range(len(examples))
        changes = plan_replacements(examples, rows, find, replace, match_case=match_case)
        if changes:
            self.undo_stack.push(ReplaceText(self.model, changes))
        return len(changes)

    def _on_replace_requested(self, find: str, replace: str, match_case: bool) -> None:
        changed = self.replace_all(find, replace, match_case=match_case)
        if self.replace_dialog is not None:
            self.replace_dialog.show_result(changed)

    def _on_system_prompt_changed(self) -> None:
        self._schedule_autosave()
        self._check_timer.start()  # the system prompt is part of every example: recount its tokens

    def _on_edited(self) -> None:
        if not self._sorting:  # an edit may put the rows out of order: the arrow would claim otherwise
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._update_summary()
        self._schedule_autosave()
        self._check_timer.start()
        self.datasetChanged.emit()

    def _update_summary(self) -> None:
        n = self.model.rowCount()
        settings = self._settings
        parts = [self.tr("%n example(s)", "", n)]
        validation = sum(1 for e in self.model.example_list() if e.validation) if settings.split else 0
        if settings.split is not None:
            parts.append(
                self.tr("%1 for training, %2 for validation")
                .replace("%1", str(n - validation))
                .replace("%2", str(validation))
            )
        if self.project_path is not None:
            parts.append(self.project_path.name)
        if settings.source is not None and settings.source != self.project_path:
            parts.append(settings.source.name)
        if settings.sheet:
            parts.append(self.tr("sheet “%1”").replace("%1", settings.sheet))
        if settings.encoding:
            parts.append(self.tr("encoding %1").replace("%1", settings.encoding))
        if n == 0:
            parts = [self.tr("No examples yet: open an Excel file (Open…) or add rows by hand.")]
        self.summary_label.setText(" · ".join(parts))

    # ---- checks ----------------------------------------------------------------------------------------
    def run_checks(self) -> Worker:
        dataset = self.current_dataset()
        if self._check_worker is not None:
            self._check_worker.cancel()

        def work(token: CancelToken, report: Reporter) -> CheckResults:
            dataset.examples = PacedRows(dataset.examples, token)  # the window goes first while this runs
            with gc_paused():
                issues = check_for_model(dataset)  # with prepare_data's checks for davinci-002 / babbage-002
                return CheckResults.of(
                    issues, len(dataset.examples)
                )  # sorted and grouped here, not in the UI

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_checked)
            worker.error.connect(self._on_load_failed)

        self._check_worker = self._pool.start(work, "check dataset", connect=connect)
        self._check_worker.finished.connect(self._on_background_finished)
        return self._check_worker

    def _on_checked(self, result: CheckResults) -> None:
        if self.sender() is not self._check_worker:
            return  # a newer check is on its way
        self._check_worker = None
        issues = result.issues
        self._check_issues = issues
        self._show_issues(result)  # the token findings return when the recount below finishes
        self.count_tokens()
        self.checked.emit(issues)

    def _show_issues(self, results: CheckResults) -> None:
        issues = results.issues
        self.model.set_issues(issues, results.by_row)
        self.issues_model.set_issues(results.ordered, ordered=True)
        errors, warnings = results.errors, results.warnings
        if not issues:
            self.issues_label.setText(self.tr("Check results: no problems found."))
        else:
            self.issues_label.setText(
                self.tr("Check results: %1, %2.")
                .replace("%1", self.tr("%n error(s)", "", errors))
                .replace("%2", self.tr("%n warning(s)", "", warnings))
            )

    # ---- tokens and cost ------------------------------------------------------------------------------
    def set_base_model(self, model_id: str) -> None:
        """The model whose tokenizer, limit and price the estimate uses."""
        if model_id != self._base_model:
            previous, self._base_model = self._base_model, model_id
            self._select_base_model(model_id)
            self._after_base_model_change(previous)

    def _select_base_model(self, model_id: str) -> None:
        index = self.base_model_combo.findData(model_id)
        if index < 0:  # a model outside the catalogue (e.g. a provider's own): listed as itself
            self.base_model_combo.addItem(model_id, model_id)
            index = self.base_model_combo.count() - 1
        self.base_model_combo.blockSignals(True)
        self.base_model_combo.setCurrentIndex(index)
        self.base_model_combo.blockSignals(False)

    def _on_base_model_picked(self, index: int) -> None:
        model_id = self.base_model_combo.itemData(index)
        if isinstance(model_id, str) and model_id != self._base_model:
            self.set_base_model(model_id)
            self._schedule_autosave()

    def warm_up(self) -> Worker:
        """Load the base model's tokenizer in the background at start-up: building it keeps the interpreter
        busy ~0.2-0.4 s, better spent before the user opens a file than while the table fills."""
        model = self._base_model

        def work(token: CancelToken, report: Reporter) -> None:
            get_encoding(encoding_for_model(model))

        return self._pool.start(work, "load tokenizer")

    def set_prices(self, prices: PriceTable) -> None:
        """The price table cost estimates use (the user's edits over the shipped one)."""
        if prices != self._prices:
            self._prices = prices
            self.count_tokens()

    def show_statistics(self) -> TokenStatsDialog | None:
        if self._token_report is None:
            return None
        dialog = TokenStatsDialog(self._token_report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def count_tokens(self) -> Worker | None:
        if self._token_worker is not None:
            self._token_worker.cancel()
        dataset = self.current_dataset()
        if not dataset.examples or self._closing:
            self.tokens_label.clear()
            self.tokens_progress.hide()
            self._token_worker = None
            return None
        model, system_prompt, prices = self._base_model, self.system_prompt(), self._prices
        check_issues = self._check_issues

        def work(token: CancelToken, report: Reporter) -> _TokenResult:
            def progress(done: int, total: int) -> None:
                report((done, total))

            dataset.examples = PacedRows(dataset.examples, token)  # the window goes first while this runs

            try:
                counted = count_dataset(
                    dataset,
                    model,
                    system_prompt=system_prompt,
                    prices=prices,
                    should_stop=lambda: token.cancelled,
                    progress=progress,
                )
            except CountCancelled:
                raise Cancelled from None
            specials = special_token_rows(dataset, system_prompt=system_prompt, legacy=counted.legacy)
            found = token_issues(counted, specials)
            combined = CheckResults.of(check_issues + found, len(dataset.examples)) if found else None
            return counted, combined

        def connect(worker: Worker) -> None:
            worker.progress.connect(self._on_token_progress)
            worker.result.connect(self._on_tokens_counted)
            worker.error.connect(self._on_token_error)

        self._token_worker = self._pool.start(work, "count tokens", connect=connect)
        self._token_worker.finished.connect(self._on_background_finished)
        return self._token_worker

    def _on_token_progress(self, progress: tuple[int, int]) -> None:
        if self.sender() is not self._token_worker:
            return
        done, total = progress
        if done < total:
            self.tokens_progress.setRange(0, total)
            self.tokens_progress.setValue(done)
            self.tokens_progress.show()

    def _on_tokens_counted(self, result: _TokenResult) -> None:
        if self.sender() is not self._token_worker:
            return
        self._token_worker = None
        report, combined = result
        self._token_report = report
        self.stats_button.setEnabled(True)
        if combined is not None:
            self._show_issues(combined)
        self.tokens_progress.hide()
        text = (
            self.tr("≈ %1 tokens per epoch · %2 epochs")
            .replace("%1", f"{report.billed_tokens_per_epoch:,}")
            .replace("%2", str(report.epochs))
        )
        if report.estimated_usd is not None and report.price_date is not None:
            text += " · " + self.tr("about $%1 with %2 (prices of %3)").replace(
                "%1", f"{report.estimated_usd:.2f}"
            ).replace("%2", report.model_id).replace("%3", report.price_date.isoformat())
        if report.rows_over_limit:
            text += " · " + self.tr("%n row(s) too long for this model", "", len(report.rows_over_limit))
        self.tokens_label.setText(text)
        self.tokensCounted.emit(report)
        self._run_pending_autosave()

    def _on_token_error(self, exc: Exception) -> None:
        if self.sender() is self._token_worker:
            self._token_worker = None
            self.tokens_progress.hide()
            self.tokens_label.setText(self.tr("Token count unavailable: %1").replace("%1", str(exc)))
            self._run_pending_autosave()

    def _on_background_finished(self) -> None:
        """A check or count ended, whatever the way (result, error, cancel): forget it (a failed check left
        ``_check_worker`` set before), then write an autosave that waited for the running one."""
        worker = self.sender()
        if worker is self._check_worker and worker is not None:
            self._check_worker = None
        if worker is self._token_worker and worker is not None:
            self._token_worker = None
            self.tokens_progress.hide()
        self._run_pending_autosave()

    def _run_pending_autosave(self) -> None:
        if self._autosave_pending and not self._autosave_running and not self._closing:
            self._autosave_pending = False
            self._autosave_now()

    def _go_to_issue(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, int) and 0 <= row < self.model.rowCount():
            target = self._view_index(row, reveal=True)
            if target.isValid():
                self.table.scrollTo(target)
                self.table.selectRow(target.row())

    # ---- export ----------------------------------------------------------------------------------------
    def _choose_export(self, kind: ExportKind) -> None:
        source = self.project_path or self._settings.source
        folder = Path(self.last_open_dir or Path.home())
        if kind is ExportKind.TABLE:
            suggested = source.with_suffix(".xlsx") if source else folder / "examples.xlsx"
            if source is not None and suggested.exists():
                suggested = prepared_path(source, "_edited", ".xlsx")
            filters = self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;Tab-separated (*.tsv)")
        else:
            suggested = prepared_path(source) if source else folder / "prepared.jsonl"
            filters = self.tr("JSON Lines (*.jsonl)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export training file"), str(suggested), filters)
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: ExportKind) -> Worker:
        """Write the rows for training (with a validation split: the training rows to ``path``, the validation
        rows beside it as ``<stem>_valid.jsonl``), or as a table; in a worker."""
        dataset = self.current_dataset()

        def work(token: CancelToken, report: Reporter) -> list[str]:
            dataset.examples = PacedRows(dataset.examples, token)  # the window goes first while this runs
            if kind is ExportKind.TABLE:
                write_table(dataset, path)
                return [str(path)]
            lines = _lines_for(kind, dataset)
            validation = dataset.validation_examples()
            if not validation:
                export_jsonl(lines(dataset), path)
                return [str(path)]
            valid_path = path.with_name(f"{path.stem}_valid{path.suffix}")
            export_jsonl(lines(dataset.with_examples(dataset.train_examples())), path)
            export_jsonl(lines(dataset.with_examples(validation)), valid_path)
            return [str(path), str(valid_path)]

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_exported)
            worker.error.connect(self._on_load_failed)

        return self._pool.start(work, f"export {path.name}", connect=connect)

    def _on_exported(self, paths: list[str]) -> None:
        if len(paths) == 2:
            text = (
                self.tr("Exported the training rows to %1 and the validation rows to %2")
                .replace("%1", paths[0])
                .replace("%2", paths[1])
            )
        else:
            text = self.tr("Exported %n example(s) to %1", "", self.model.rowCount()).replace("%1", paths[0])
        self.message_bar.show_text(text, Level.SUCCESS)
        self.exported.emit(paths[0])

    # ---- project file ------------------------------------------------------------------------------------
    def save(self) -> Worker | None:
        """Save to the project file the rows came from (or ask where, the first time)."""
        if self.project_path is None:
            return self.save_as()
        return self.save_to(self.project_path)

    def save_as(self) -> Worker | None:
        base = self.project_path or self._settings.source
        suggested = (
            base.with_suffix(PROJECT_SUFFIX)
            if base
            else Path(self.last_open_dir or Path.home()) / "dataset.ftdesk"
        )
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save dataset"),
            str(suggested),
            self.tr("FineTune Desk dataset (*.ftdesk)"),
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != PROJECT_SUFFIX:
            target = target.with_name(target.name + PROJECT_SUFFIX)
        return self.save_to(target)

    def save_to(self, path: Path) -> Worker:
        dataset = self.current_dataset()

        def work(token: CancelToken, report: Reporter) -> Path:
            dataset.examples = PacedRows(dataset.examples, token)
            save_project(dataset, path, pause=token.give_way)
            return path

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_saved)
            worker.error.connect(self._on_load_failed)

        return self._pool.start(work, f"save {path.name}", connect=connect)

    def _on_saved(self, path: Path) -> None:
        self.project_path = path
        self.undo_stack.setClean()
        self._update_summary()
        self._schedule_autosave()  # the autosave remembers which project file the rows belong to
        self.message_bar.show_text(self.tr("Saved %1").replace("%1", str(path)), Level.SUCCESS)
        self.fileOpened.emit(str(path))

    # ---- autosave and recovery ---------------------------------------------------------------------------
    def _schedule_autosave(self) -> None:
        self._edit_seq += 1
        self._autosave_timer.start()

    def _autosave_payload(self) -> dict[str, object]:
        return _payload(self.current_dataset(), self.project_path)

    def _autosave_now(self) -> None:
        if self._autosave_running:
            self._autosave_pending = True
            return
        dataset, project = (
            self.current_dataset(),
            self.project_path,
        )  # a snapshot; the payload is built off the UI thread
        self._autosave_running = True
        seq = self._edit_seq

        def work(token: CancelToken, report: Reporter) -> int:
            dataset.examples = PacedRows(dataset.examples, token)
            self._autosave.save(AUTOSAVE_NAME, _payload(dataset, project), pause=token.give_way)
            return seq

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_autosaved)
            worker.error.connect(self._on_autosave_failed)
            worker.finished.connect(self._on_autosave_done)

        self._pool.start(work, "autosave", connect=connect)

    def _on_autosaved(self, seq: int) -> None:
        self._saved_seq = max(self._saved_seq, seq)

    def _on_autosave_done(self) -> None:
        self._autosave_running = False
        if self._autosave_pending and not self._closing:
            self._autosave_pending = False
            self._autosave_now()

    def _on_autosave_failed(self, exc: Exception) -> None:
        log.error("autosave failed: %s", exc)
        self.message_bar.show_message(describe_exception(exc), Level.WARNING)

    def restore_autosave(self) -> Worker:
        """Bring back the rows of the last session (edits survive a crash); read in the background."""

        def work(token: CancelToken, report: Reporter) -> tuple[Dataset, Path | None] | None:
            payload = self._autosave.load(AUTOSAVE_NAME)
            if not payload:
                return None
            try:
                dataset = Dataset.from_payload(payload)
            except (DatasetError, KeyError, TypeError, ValueError) as exc:
                log.warning("autosave could not be restored: %s", exc)
                return None
            legacy_prompt = payload.get("system_prompt")  # autosaves of version 1 kept it beside the rows
            if not dataset.default_system and isinstance(legacy_prompt, str):
                dataset.default_system = legacy_prompt
            project = payload.get("project")
            return dataset, Path(project) if isinstance(project, str) else None

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_restored)

        return self._pool.start(work, "restore autosave", connect=connect)

    def _on_restored(self, restored: tuple[Dataset, Path | None] | None) -> None:
        if restored is None or self.model.rowCount() > 0:
            return  # nothing saved, or the user already opened something
        dataset, project = restored
        if not dataset.examples:
            return
        self._take_dataset(dataset, project=project)
        self.undo_stack.clear()
        self._update_summary()
        self.message_bar.show_text(
            self.tr("Restored %n example(s) you were editing last time.", "", len(dataset.examples)),
            Level.INFO,
        )
        self.run_checks()
        self.datasetChanged.emit()
        self.restored.emit(len(dataset.examples))

    def flush_autosave(self) -> None:
        """On quit: write any edit not known to be saved, synchronously (the worker pool has stopped)."""
        self._closing = True
        self._autosave_timer.stop()
        # A timer firing after shutdown would start a worker on a pool that is about to be deleted.
        self._check_timer.stop()
        self._filter_timer.stop()
        self._autosave_pending = False
        if self._saved_seq != self._edit_seq:
            self._autosave.save(AUTOSAVE_NAME, self._autosave_payload())
            self._saved_seq = self._edit_seq

    # ---- one-click fixes ---------------------------------------------------------------------------------
    def selected_issue(self) -> Issue | None:
        """The check result selected in the list under the table."""
        index = self.issues_view.currentIndex()
        return self.issues_model.issue(index.row()) if index.isValid() else None

    def fixes_for_selected(self) -> tuple[Fix | None, Fix | None]:
        """(the fix for the selected result, the same fix for every row with that problem), None where none."""
        issue = self.selected_issue()
        if issue is None:
            return None, None
        dataset = self._settings.with_examples(list(self.model.example_list()))  # read only, no copies
        return fix_for(issue, dataset), fix_all_for(issue, self.issues_model.issues(), dataset)

    def fix_selected_issue(self) -> bool:
        fix, _fix_all = self.fixes_for_selected()
        return fix is not None and self.apply_fix(fix)

    def fix_all_like_selected(self) -> bool:
        _fix, fix_all = self.fixes_for_selected()
        return fix_all is not None and self.apply_fix(fix_all)

    def apply_fix(self, fix: Fix) -> bool:
        """Apply ``fix`` to the rows as they are now, as one undo step, then check again.

        Returns False when there was nothing left to change (the rows were edited since the check)."""
        result = fix.apply(self.model.example_list())
        self._check_timer.stop()
        if result.is_empty:
            self.message_bar.show_text(
                self.tr("Nothing left to fix there: the rows changed since the check."), Level.INFO
            )
            self.run_checks()
            return False
        text = describe_fix(fix, limit=60)
        settings = self._settings
        self.undo_stack.push(
            ApplyFix(
                self.model,
                result,
                text,
                markers=(settings.legacy_separator, settings.legacy_ending),
                set_markers=self._set_legacy_markers,
            )
        )
        done = self.undo_stack.index()
        self.message_bar.show_text(self.tr("Done: %1").replace("%1", text), Level.SUCCESS)
        self.message_bar.set_action(
            self.tr("Undo"),
            lambda: self.undo_stack.setIndex(done - 1) if self.undo_stack.index() == done else None,
        )
        self._check_timer.stop()  # the edit asked for a check in a moment: run it now instead
        self.run_checks()
        return True

    def _set_legacy_markers(self, separator: str | None, ending: str | None) -> None:
        """Store the separator and ending legacy exports use (a fix, or its undo)."""
        self._settings.legacy_separator = separator
        self._settings.legacy_ending = ending
        self._schedule_autosave()
        self._check_timer.start()

    def _update_fix_buttons(self, *_changed: object) -> None:
        fix, fix_all = self.fixes_for_selected()
        self.fix_button.setEnabled(fix is not None)
        if fix is not None:
            self.fix_button.setText(describe_fix(fix))
            self.fix_button.setToolTip(describe_fix(fix, limit=200))
        else:
            self.fix_button.setText(self.tr("Fix"))
            self.fix_button.setToolTip(
                self.tr("This check result has no one-click fix: edit the row in the table.")
                if self.selected_issue() is not None
                else self.tr("Select a check result to fix it in one click (Edit → Undo takes it back).")
            )
        self.fix_all_button.setVisible(fix_all is not None)
        if fix_all is not None:
            self.fix_all_button.setText(describe_fix(fix_all))
            self.fix_all_button.setToolTip(
                self.tr("The same fix for every row with this problem, as one step to undo")
            )

    def issue_menu(self, index: QModelIndex) -> QMenu:
        """The context menu of a check result: go to its row, and its fixes."""
        self.issues_view.setCurrentIndex(index)
        menu = QMenu(self)
        row = index.data(ROW_ROLE)
        if isinstance(row, int):
            target = QPersistentModelIndex(index)
            menu.addAction(
                self.tr("Go to row %1").replace("%1", str(row + 1)), lambda: self._go_to_issue(target)
            )
        fix, fix_all = self.fixes_for_selected()
        for offered in (fix, fix_all):
            if offered is not None:
                action = menu.addAction(describe_fix(offered, limit=60))
                action.triggered.connect(lambda _checked=False, f=offered: self.apply_fix(f))
        if fix is None:
            menu.addAction(self.tr("No one-click fix for this result")).setEnabled(False)
        return menu

    def _issues_menu(self, position: QPoint) -> None:
        index = self.issues_view.indexAt(position)
        if index.isValid():
            menu = self.issue_menu(index)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.issues_view.viewport().mapToGlobal(position))

    def _after_base_model_change(self, previous: str) -> None:
        """Between a chat and a prompt/completion model the checks differ (the legacy prepare_data ones come or
        go): check again, which counts the tokens when done. Otherwise only the token count changes."""
        if is_legacy_model(previous) != is_legacy_model(self._base_model) and self.model.rowCount():
            self.run_checks()
        else:
            self.count_tokens()


@dataclass(frozen=True)
class CheckResults:
    """Check results as the tab shows them, prepared in the worker (100,000 results take ~100 ms to sort,
    group and count: too long for the UI thread)."""

    issues: list[Issue]
    ordered: list[Issue]
    """In the order of the results list."""
    by_row: dict[int, list[Issue]]
    errors: int
    warnings: int

    @classmethod
    def of(cls, issues: list[Issue], rows: int) -> CheckResults:
        errors, warnings = check_summary(issues)
        return cls(issues, in_list_order(issues), issues_by_row(issues, rows), errors, warnings)


_TokenResult = tuple[TokenReport, CheckResults | None]
"""A token count, and all check results with the ones it adds (None when it adds none)."""


RELEASE_CHUNK = 500


def _release(rows: Sequence[Example], token: CancelToken) -> None:
    """Drop the last references to rows the table no longer shows (in a worker, a few hundred at a time:
    freeing 100,000 rows in one call holds the interpreter's lock for ~25 ms)."""
    while isinstance(rows, list) and rows:
        del rows[-RELEASE_CHUNK:]
        token.give_way()


def _payload(dataset: Dataset, project: Path | None) -> dict[str, object]:
    """What the autosave keeps: the rows with their settings, and the project file they belong to."""
    payload = dataset.to_payload()
    payload["project"] = str(project) if project is not None else None
    return payload


def _is_conversation(example: Example) -> bool:
    """Rows the conversation editor edits best: several messages, tool calls or offered tools."""
    return bool(example.history or example.steps or example.tool_calls or example.tools)


def _lines_for(kind: ExportKind, dataset: Dataset) -> Callable[[Dataset], Iterator[str]]:
    """How to write one part of ``dataset`` (legacy markers are chosen once, for the whole dataset)."""
    if kind is ExportKind.LEGACY:
        separator, ending = legacy_markers(dataset)
        return lambda part: legacy_jsonl_lines(part, separator=separator, stop=ending)
    if kind is ExportKind.DPO:
        return dpo_jsonl_lines
    return chat_jsonl_lines


def is_openable(path: Path) -> bool:
    return path.suffix.lower() in READABLE_SUFFIXES


class RowNumberHeader(QHeaderView):
    """The row numbers beside the table, sized from the largest number alone.

    QHeaderView's own size hint asks the model for 200 sections' header data, role by role: with a worker
    thread busy in Python, each of those ~1,600 calls waits for the interpreter's lock, and the window froze
    for half a second after every file opened. One call here does the same job."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        digits = str(max(rows, 9) * 10)  # one digit of slack, so the width does not jump at 10, 100…
        width = self.fontMetrics().horizontalAdvance(digits) + 2 * self.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderMargin, None, self
        )
        return QSize(width, self.defaultSectionSize())


def _single_shot_timer(parent: QWidget, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


def _name(path: Path | None) -> str:
    return path.name if path is not None else ""
