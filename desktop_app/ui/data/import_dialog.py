"""The import step: a preview of the file, its sheet or text encoding, and which column holds what.

The Data tab opens :class:`ImportDialog` when a plain import could not decide for the user
(:func:`needs_import_dialog`) and reads the file again with :meth:`ImportDialog.options`, which are exactly the
keyword arguments of :func:`~desktop_app.core.formats.read_dataset`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QPalette, QPixmap, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import (
    DELIMITED_SUFFIXES,
    REQUIRED_FIELDS,
    WORKBOOK_SUFFIXES,
    ImportResult,
    column_label,
)
from desktop_app.core.preview import FilePreview, preview_file
from desktop_app.ui.colours import Tone, set_tone
from desktop_app.ui.data.preview_model import PreviewTableModel, field_tint, field_title
from desktop_app.ui.errors import describe_exception
from desktop_app.ui.widgets import Level, MessageBar
from desktop_app.ui.workers import CancelToken, Reporter, Worker, WorkerPool

MAPPED_FIELDS = ("prompt", "completion", "system", "rejected", "note", "split")
"""The fields the user maps, in the order the dialog offers them."""
ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16", "shift_jis", "cp1252", "latin-1")
"""Offered after the detected encoding: Chinese (mainland, Taiwan/Hong Kong), Excel's "Unicode text",
Japanese, Western Windows."""
_ENCODING_NAMES = {  # by Python's canonical codec name
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "gb18030": "GB18030 / GBK",
    "gbk": "GBK",
    "gb2312": "GB2312",
    "big5": "Big5",
    "utf-16": "UTF-16",
    "shift_jis": "Shift_JIS",
    "cp1252": "Windows-1252",
    "iso8859-1": "Latin-1",
}
DIALOG_ERROR_CODES = frozenset({"missing_columns", "column_not_found", "decode_failed"})
DIALOG_WARNING_CODES = frozenset({"multiple_sheets", "encoding_guessed"})
MAX_COLUMN_WIDTH = 280
MIN_COLUMN_WIDTH = 90


@dataclass(frozen=True)
class ImportOptions:
    """What the user chose, as keyword arguments of ``read_dataset(path, sheet=, encoding=, columns=)``."""

    sheet: str | None = None
    encoding: str | None = None
    columns: dict[str, str] | None = None


def needs_import_dialog(outcome: ImportResult | BaseException) -> bool:
    """Whether an import's outcome calls for the dialog: columns it could not find, text it could not decode,
    or a success that made a choice for the user (which sheet, which encoding) they should check."""
    if isinstance(outcome, DatasetError):
        return outcome.code in DIALOG_ERROR_CODES
    if isinstance(outcome, ImportResult):
        return any(warning.code in DIALOG_WARNING_CODES for warning in outcome.warnings)
    return False


def encoding_name(encoding: str) -> str:
    """``"gb18030"`` -> ``"GB18030 / GBK"``; unknown names upper-cased."""
    try:
        canonical = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return _ENCODING_NAMES.get(canonical, canonical.upper())


def _same_encoding(a: str, b: str) -> bool:
    try:
        return codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return a.casefold() == b.casefold()


class ImportDialog(QDialog):
    """Preview ``path`` (in a worker: reading a big workbook takes seconds) and let the user choose."""

    previewLoaded = Signal(object)  # FilePreview, the one now shown
    previewFailed = Signal(object)  # the exception of the latest request

    def __init__(
        self,
        pool: WorkerPool,
        path: Path,
        *,
        error: DatasetError | None = None,
        initial: ImportOptions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._path = Path(path)
        suffix = self._path.suffix.lower()
        self._is_workbook = suffix in WORKBOOK_SUFFIXES
        self._is_table = self._is_workbook or suffix in DELIMITED_SUFFIXES
        initial = initial or ImportOptions()
        self._sheet = initial.sheet
        self._encoding = initial.encoding
        # The user's own choices (or the caller's, from an earlier dialog) win over the guess from the names.
        self._chosen: dict[str, str | None] = dict(initial.columns or {})
        if initial.columns is not None:
            self._chosen.update({name: None for name in MAPPED_FIELDS if name not in initial.columns})
        self._detected: str | None = None  # the encoding detection picked, once known
        self._preview: FilePreview | None = None
        self._worker: Worker | None = None
        self._shown: dict[str, str] = {}  # field -> column label, as the combos showed it last

        self.setWindowTitle(self.tr("Import “%1”").replace("%1", self._path.name))
        self.setSizeGripEnabled(True)
        self._build_ui()
        if error is not None:
            self.explanation.show_text(self._explain(error), Level.WARNING, str(error))
        self.mapping_box.setVisible(self._is_table)  # JSON and plain text have no columns to choose
        self._update_mapping()
        self.resize(900, 600)
        self._load()

    # ---- layout ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.explanation = MessageBar(self)

        self.file_label = QLabel(self)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setText(self.tr("File: %1").replace("%1", self._path.name))
        self.file_label.setToolTip(str(self._path))
        font = self.file_label.font()
        font.setBold(True)
        self.file_label.setFont(font)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label)
        file_row.addStretch(1)
        file_row.addWidget(self.summary_label)

        self.sheet_label = QLabel(self.tr("Sheet:"), self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_combo.setMinimumContentsLength(8)
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet_chosen)
        self.encoding_label = QLabel(self.tr("Text encoding:"), self)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.encoding_combo.setPlaceholderText(self.tr("Choose…"))
        self.encoding_combo.setToolTip(
            self.tr("How the file's bytes become characters. Choose the one that makes the preview readable.")
        )
        self.encoding_label.setBuddy(self.encoding_combo)
        self.encoding_combo.currentIndexChanged.connect(self._on_encoding_chosen)
        for widget in (self.sheet_label, self.sheet_combo):
            widget.hide()  # shown once the preview says the workbook has several sheets
        for widget in (self.encoding_label, self.encoding_combo):
            widget.setVisible(not self._is_workbook)

        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # no known end: Qt shows a moving bar
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedWidth(90)
        self.busy_label = QLabel(self.tr("Reading the file…"), self)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.sheet_label)
        choice_row.addWidget(self.sheet_combo)
        choice_row.addWidget(self.encoding_label)
        choice_row.addWidget(self.encoding_combo)
        choice_row.addStretch(1)
        choice_row.addWidget(self.busy_label)
        choice_row.addWidget(self.busy_bar)

        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("importHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # secondary text, any theme
        self.hint_label.hide()
        self.error_bar = MessageBar(self)

        self.preview_model = PreviewTableModel(self)
        self.table_view = QTableView(self)
        self.table_view.setAccessibleName(self.tr("Preview"))
        self.table_view.setModel(self.preview_model)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table_view.setWordWrap(False)
        self.table_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table_view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.text_view = QPlainTextEdit(self)
        self.text_view.setAccessibleName(self.tr("Preview"))
        self.text_view.setReadOnly(True)
        self.text_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview_stack = QStackedWidget(self)
        self.preview_stack.addWidget(self.table_view)
        self.preview_stack.addWidget(self.text_view)
        self.preview_stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.mapping_box = QGroupBox(self.tr("Which column holds what?"), self)
        grid = QGridLayout(self.mapping_box)
        grid.setHorizontalSpacing(8)
        self.field_combos: dict[str, QComboBox] = {}
        rows = (len(MAPPED_FIELDS) + 1) // 2  # two columns: the required fields and System, then the rest
        for position, name in enumerate(MAPPED_FIELDS):
            label = QLabel(self._field_label(name), self.mapping_box)
            label.setObjectName(f"fieldLabel_{name}")
            combo = QComboBox(self.mapping_box)
            combo.setObjectName(f"fieldCombo_{name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            if name in REQUIRED_FIELDS:
                combo.setPlaceholderText(self.tr("Choose a column…"))
                bold = label.font()
                bold.setBold(True)
                label.setFont(bold)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _index, n=name: self._on_field_chosen(n))
            pair, row = divmod(position, rows)
            if pair:
                label.setContentsMargins(16, 0, 0, 0)  # keep the second column apart from the first
            grid.addWidget(label, row, pair * 2)
            grid.addWidget(combo, row, pair * 2 + 1)
            grid.setColumnStretch(pair * 2 + 1, 1)
            self.field_combos[name] = combo
        self.status_label = QLabel(self.mapping_box)
        self.status_label.setObjectName("mappingStatus")
        self.status_label.setWordWrap(True)
        grid.addWidget(self.status_label, rows, 0, 1, 4)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        self.ok_button = ok
        self.ok_button.setText(self.tr("Import"))
        self.ok_button.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(file_row)
        layout.addLayout(choice_row)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_bar)
        layout.addWidget(self.preview_stack, 1)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.buttons)

    def _field_label(self, name: str) -> str:
        title = field_title(name)
        if name in REQUIRED_FIELDS:
            return self.tr("%1 (required):").replace("%1", title)
        return self.tr("%1:").replace("%1", title)

    # ---- queries -----------------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self._path

    def preview(self) -> FilePreview | None:
        """The preview shown, or None while loading or after a failure."""
        return self._preview

    def is_loading(self) -> bool:
        return self._worker is not None

    def column_map(self) -> dict[str, str]:
        """Field -> column label, as chosen in the combos (only fields with a column)."""
        chosen: dict[str, str] = {}
        for name, combo in self.field_combos.items():
            label = combo.currentData()
            if combo.currentIndex() >= 0 and isinstance(label, str):
                chosen[name] = label
        return chosen

    def options(self) -> ImportOptions:
        """The choices as read_dataset's keyword arguments. The sheet and encoding shown are passed even when
        they were the defaults, so the import reads what the preview showed (and warns about neither)."""
        preview = self._preview
        if preview is None:
            return ImportOptions(self._sheet, self._encoding, None)
        columns: dict[str, str] | None = None
        if preview.kind == "table":
            columns = self.column_map()
            # A column the dialog does not offer (the app's own "conversation (JSON)") keeps its guess.
            conversation = preview.column_map.get("conversation")
            if conversation is not None and conversation not in columns.values():
                columns["conversation"] = conversation
        return ImportOptions(preview.sheet, preview.encoding, columns)

    # ---- loading the preview -----------------------------------------------------------------------------
    def _load(self) -> None:
        if self._worker is not None:
            self._worker.cancel()  # its result, should it still come, is ignored (see the sender checks)
        self._preview = None
        self.ok_button.setEnabled(False)
        self.busy_bar.show()
        self.busy_label.show()
        path, sheet, encoding = self._path, self._sheet, self._encoding

        def work(token: CancelToken, report: Reporter) -> FilePreview:
            return preview_file(path, sheet=sheet, encoding=encoding)

        def connect(worker: Worker) -> None:
            worker.result.connect(self._on_loaded)
            worker.error.connect(self._on_load_failed)
            worker.finished.connect(self._on_load_finished)

        self._worker = self._pool.start(work, f"preview {path.name}", connect=connect)

    def _on_loaded(self, preview: FilePreview) -> None:
        if self.sender() is not self._worker:
            return  # a stale request: the user changed the sheet or encoding meanwhile
        self._preview = preview
        self.error_bar.hide()
        if preview.encoding is not None and self._encoding is None:
            self._detected = preview.encoding
        self._show_sheets(preview)
        if preview.encoding is not None:
            self._show_encodings(preview.encoding)
        if preview.kind == "table":
            self.preview_model.set_table(
                preview.header,
                preview.rows,
                preview.row_numbers,
                named=[self._is_named(preview, i) for i in range(len(preview.header))],
                first_column=preview.first_column,
            )
            self._fit_columns()
            self.preview_stack.setCurrentWidget(self.table_view)
            self._fill_field_combos(preview)
        else:
            self.preview_model.clear()
            self.text_view.setPlainText("\n".join(preview.lines))
            self.preview_stack.setCurrentWidget(self.text_view)
        self.mapping_box.setVisible(preview.kind == "table")
        self._show_summary(preview)
        self._update_mapping()
        self.previewLoaded.emit(preview)

    def _on_load_failed(self, exc: Exception) -> None:
        if self.sender() is not self._worker:
            return
        self._preview = None
        self.preview_model.clear()
        self.text_view.clear()
        self.summary_label.clear()
        self.hint_label.hide()  # it spoke of the preview that is gone
        if not self._is_workbook:
            self._show_encodings(self._encoding)  # the way out of a decoding failure: another encoding
        self.error_bar.show_text(self._describe_failure(exc), Level.ERROR, str(exc))
        self._update_mapping()
        self.previewFailed.emit(exc)

    def _on_load_finished(self) -> None:
        if self.sender() is not self._worker:
            return
        self._worker = None
        self.busy_bar.hide()
        self.busy_label.hide()

    def done(self, result: int) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        super().done(result)

    # ---- user choices ----------------------------------------------------------------------------------
    def _on_sheet_chosen(self, index: int) -> None:
        sheet = self.sheet_combo.itemData(index)
        if isinstance(sheet, str) and sheet != self._sheet:
            self._sheet = sheet
            self._load()

    def _on_encoding_chosen(self, index: int) -> None:
        encoding = self.encoding_combo.itemData(index)
        if isinstance(encoding, str) and encoding != self._encoding:
            self._encoding = encoding
            self._load()

    def _on_field_chosen(self, name: str) -> None:
        """A column holds one thing: a field taking another field's column hands it its own old column (a
        swap when the user had them the wrong way round; "(none)" when it had none)."""
        previous = self._shown.get(name)
        label = self.field_combos[name].currentData()
        label = label if isinstance(label, str) else None
        self._chosen[name] = label
        if label is not None:
            for other, combo in self.field_combos.items():
                if other != name and self._shown.get(other) == label:
                    self._select(combo, other, previous)
                    self._chosen[other] = previous
        self._update_mapping()

    def _select(self, combo: QComboBox, name: str, label: str | None) -> None:
        combo.blockSignals(True)
        if label is not None:
            combo.setCurrentIndex(combo.findData(label))
        else:
            combo.setCurrentIndex(-1 if name in REQUIRED_FIELDS else 0)
        combo.blockSignals(False)

    # ---- showing -------------------------------------------------------------------------------------------
    def _show_sheets(self, preview: FilePreview) -> None:
        several = len(preview.sheets) > 1
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)
        names = [self.sheet_combo.itemData(i) for i in range(self.sheet_combo.count())]
        self.sheet_combo.blockSignals(True)
        if names != preview.sheets:
            self.sheet_combo.clear()
            for name in preview.sheets:
                self.sheet_combo.addItem(name, name)
        self.sheet_combo.setCurrentIndex(self.sheet_combo.findData(preview.sheet))
        self.sheet_combo.blockSignals(False)
        self._sheet = preview.sheet

    def _show_encodings(self, current: str | None) -> None:
        """Offer the detected encoding, then the usual ones; select ``current`` (None: none yet)."""
        offered: list[tuple[str, str]] = []
        if self._detected is not None:
            offered.append(
                (self._detected, self.tr("%1 (detected)").replace("%1", encoding_name(self._detected)))
            )
        for encoding in (*ENCODINGS, *([current] if current else [])):
            if not any(_same_encoding(encoding, known) for known, _ in offered):
                offered.append((encoding, encoding_name(encoding)))
        combo = self.encoding_combo
        combo.blockSignals(True)
        if [combo.itemData(i) for i in range(combo.count())] != [e for e, _ in offered]:
            combo.clear()
            for encoding, text in offered:
                combo.addItem(text, encoding)
        combo.setCurrentIndex(combo.findData(current) if current else -1)
        combo.blockSignals(False)

    def _show_summary(self, preview: FilePreview) -> None:
        parts: list[str] = []
        if preview.kind == "table":
            shown = len(preview.rows)
            if preview.total_rows is not None and preview.header_row is not None:
                parts.append(self.tr("%n row(s) below the header", "", preview.total_rows))
            if preview.header_row is not None:
                parts.append(self.tr("header in row %1").replace("%1", str(preview.header_row)))
            if preview.total_rows is None or shown < preview.total_rows:
                parts.append(self.tr("showing the first %n", "", shown))
        else:
            if preview.total_rows is not None:
                parts.append(self.tr("%n line(s)", "", preview.total_rows))
            if preview.total_rows is None or len(preview.lines) < preview.total_rows:
                parts.append(self.tr("showing the first %n", "", len(preview.lines)))
        self.summary_label.setText(" · ".join(parts))

        hints: list[str] = []
        if len(preview.sheets) > 1:
            hints.append(
                self.tr(
                    "This workbook has %n sheet(s): choose the one that holds the examples.",
                    "",
                    len(preview.sheets),
                )
            )
        if preview.encoding_guessed and preview.encoding is not None:
            hints.append(
                self.tr(
                    "The file is not UTF-8; it was read as %1. If the text looks wrong, choose another encoding."
                ).replace("%1", encoding_name(preview.encoding))
            )
        if preview.truncated:
            hints.append(self.tr("Only the start of this large file is shown."))
        self.hint_label.setText(" ".join(hints))
        self.hint_label.setVisible(bool(hints))

    def _fit_columns(self) -> None:
        header = self.table_view.horizontalHeader()
        for column in range(self.preview_model.columnCount()):
            wanted = max(self.table_view.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, max(MIN_COLUMN_WIDTH, min(wanted, MAX_COLUMN_WIDTH)))
        self.table_view.scrollToTop()

    @staticmethod
    def _is_named(preview: FilePreview, column: int) -> bool:
        return preview.header[column] != column_label("", column, preview.first_column)

    def _fill_field_combos(self, preview: FilePreview) -> None:
        labels = preview.header
        first: dict[str, int] = {}
        for index, label in enumerate(labels):
            first.setdefault(label, index)
        # Explicit choices first, then the guess for the fields and columns still free.
        wanted: dict[str, str | None] = {}
        for name in MAPPED_FIELDS:
            if name in self._chosen and (self._chosen[name] is None or self._chosen[name] in first):
                wanted[name] = self._chosen[name]
        taken = {label for label in wanted.values() if label is not None}
        for name in MAPPED_FIELDS:
            guess = preview.column_map.get(name)
            if name not in wanted and guess is not None and guess not in taken:
                wanted[name] = guess
                taken.add(guess)
        same_name = self.tr(
            "Another column has the same name; rename one of them in the file to use this one."
        )
        for name, combo in self.field_combos.items():
            swatch = _swatch(name)  # the tint of the field's column in the preview
            combo.blockSignals(True)
            combo.clear()
            if name not in REQUIRED_FIELDS:
                combo.addItem(self.tr("(none)"), None)
            for index, label in enumerate(labels):
                combo.addItem(swatch, self.preview_model.column_title(index), label)
                if first[label] != index:
                    items = combo.model()
                    if isinstance(items, QStandardItemModel):
                        item = items.item(combo.count() - 1)
                        item.setEnabled(False)
                        item.setToolTip(same_name)
            combo.blockSignals(False)
            self._select(combo, name, wanted.get(name))

    def _update_mapping(self) -> None:
        """Highlight the mapped columns, say what is missing, enable Import when the choice is complete."""
        preview = self._preview
        for combo in self.field_combos.values():
            combo.setEnabled(preview is not None and bool(preview.header))
        if preview is None:
            self.status_label.clear()
            self.ok_button.setEnabled(False)
            return
        if preview.kind == "text":
            self.ok_button.setEnabled(True)
            return
        chosen = self._shown = self.column_map()
        first: dict[str, int] = {}
        for index, label in enumerate(preview.header):
            first.setdefault(label, index)
        columns: dict[int, str] = {}
        clash: tuple[str, str, str] | None = None
        for name in MAPPED_FIELDS:
            chosen_label = chosen.get(name)
            if chosen_label is None or chosen_label not in first:
                continue
            column = first[chosen_label]
            if column in columns:
                clash = clash or (chosen_label, columns[column], name)
                continue
            columns[column] = name
        self.preview_model.set_mapping(columns)

        missing = [name for name in REQUIRED_FIELDS if name not in chosen]
        if not preview.header:
            problem = (
                self.tr("This sheet is empty. Choose another sheet.")
                if preview.sheets
                else self.tr("The file has no data.")
            )
        elif missing == list(REQUIRED_FIELDS):
            problem = self.tr("Choose which column holds the questions and which the answers.")
        elif missing == ["prompt"]:
            problem = self.tr("Choose which column holds the questions.")
        elif missing == ["completion"]:
            problem = self.tr("Choose which column holds the answers.")
        elif clash is not None:
            label, one, other = clash
            problem = (
                self.tr("Column “%1” is chosen for both %2 and %3; each column can hold one thing.")
                .replace("%1", label)
                .replace("%2", field_title(one))
                .replace("%3", field_title(other))
            )
        else:
            problem = ""
        if problem:
            set_tone(self.status_label, Tone.ERROR)
            self.status_label.setText(problem)
        else:
            set_tone(self.status_label, Tone.SUCCESS)
            self.status_label.setText(
                self.tr("Questions from “%1”, answers from “%2”.")
                .replace("%1", chosen["prompt"])
                .replace("%2", chosen["completion"])
            )
        self.ok_button.setEnabled(not problem)

    # ---- messages --------------------------------------------------------------------------------------------
    def _explain(self, error: DatasetError) -> str:
        """Why the dialog opened, for the error the plain import ran into."""
        if error.code == "missing_columns":
            return self.tr(
                "The app did not recognise the question and answer columns of this file by their names. "
                "Choose which column holds the questions and which the answers."
            )
        if error.code == "column_not_found":
            return self.tr("The column “%1” is not in the file any more. Choose the columns again.").replace(
                "%1", error.details.get("column", "")
            )
        if error.code == "decode_failed":
            if error.line is not None:
                return self.tr(
                    "The text could not be read (line %1). Choose the encoding that makes the preview readable."
                ).replace("%1", str(error.line))
            return self.tr("The text could not be read. Choose the encoding that makes the preview readable.")
        return describe_exception(error).text

    def _describe_failure(self, exc: Exception) -> str:
        if isinstance(exc, DatasetError) and exc.code in ("decode_failed", "unknown_encoding"):
            chosen = exc.details.get("encoding", "")
            if exc.code == "unknown_encoding":
                return self.tr("“%1” is not a text encoding this computer knows.").replace("%1", chosen)
            if chosen and exc.line is not None:
                return (
                    self.tr("Line %1 cannot be read as %2. Choose another encoding.")
                    .replace("%1", str(exc.line))
                    .replace("%2", encoding_name(chosen))
                )
            if exc.line is not None:
                return self.tr(
                    "The text encoding could not be recognised (line %1). Choose an encoding above."
                ).replace("%1", str(exc.line))
        return describe_exception(exc).text


def _swatch(name: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(field_tint(name).darker(110))
    return QIcon(pixmap)
