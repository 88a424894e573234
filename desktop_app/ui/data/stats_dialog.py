"""Token statistics of the dataset for one base model: the cookbook's distributions, epochs and cost."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.tokens import Distribution, TokenReport

Index = QModelIndex | QPersistentModelIndex


class DistributionModel(QAbstractTableModel):
    """One row per measure (messages, tokens, answer tokens per example), one column per statistic."""

    def __init__(self, report: TokenReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Distribution]] = [
            (self.tr("Messages per example"), report.messages_per_example),
            (self.tr("Tokens per example"), report.tokens_per_example),
            (self.tr("Answer tokens per example"), report.assistant_tokens_per_example),
        ]
        self._columns = [
            self.tr("Min"),
            self.tr("Max"),
            self.tr("Mean"),
            self.tr("Median"),
            self.tr("P10"),
            self.tr("P90"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section] if 0 <= section < len(self._columns) else None
        return self._rows[section][0] if 0 <= section < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        d = self._rows[index.row()][1]
        value = (d.min, d.max, d.mean, d.median, d.p10, d.p90)[index.column()]
        return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


class TokenStatsDialog(QDialog):
    def __init__(self, report: TokenReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Token statistics"))
        self.resize(720, 300)
        self.model = DistributionModel(report, self)
        heading = QLabel(
            self.tr("%n example(s) counted for %1 (tokenizer %2).", "", report.n_examples)
            .replace("%1", report.model_id)
            .replace("%2", report.encoding),
            self,
        )
        table = QTableView(self)
        table.setAccessibleName(self.tr("Token statistics"))
        table.setModel(self.model)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.setToolTip(self.tr("P10 / P90: 10% of the examples are below the first, 10% above the second"))
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.resizeRowsToContents()
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height()
            + sum(table.rowHeight(r) for r in range(self.model.rowCount()))
            + 2 * table.frameWidth()
        )
        lines = [
            self.tr("Tokens billed per epoch: %1").replace("%1", f"{report.billed_tokens_per_epoch:,}"),
            self.tr(
                "Epochs chosen automatically for %n example(s): %1 (3, raised for small and lowered for large "
                "datasets)",
                "",
                report.n_examples,
            ).replace("%1", str(report.epochs)),
            self.tr("Tokens trained in all: %1").replace("%1", f"{report.training_tokens:,}"),
        ]
        if report.example_limit is not None:
            lines.append(
                self.tr(
                    "%n example(s) longer than the model's limit of %1 tokens (cut in training)",
                    "",
                    len(report.rows_over_limit),
                ).replace("%1", f"{report.example_limit:,}")
            )
        if report.estimated_usd is not None and report.price_date is not None:
            lines.append(
                self.tr("Estimated cost: about $%1 at $%2 per million tokens (price of %3)")
                .replace("%1", f"{report.estimated_usd:,.2f}")
                .replace("%2", f"{report.usd_per_1m_tokens:g}")
                .replace("%3", report.price_date.isoformat())
            )
        else:
            lines.append(self.tr("No price is known for this model, so no cost is estimated."))
        summary = QLabel("\n".join(lines), self)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(table)
        layout.addWidget(summary)
        layout.addStretch(1)
        layout.addWidget(buttons)
