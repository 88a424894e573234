"""Sorting and filtering of the dataset table; the source model keeps the examples in their original order."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop_app.ui.data.table_model import ISSUES_ROLE, DatasetTableModel

Index = QModelIndex | QPersistentModelIndex

_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


class DatasetFilterProxy(QSortFilterProxyModel):
    """Filters on a case-insensitive substring of any text column and, optionally, on rows with problems.

    The vertical header keeps the source row's number (QSortFilterProxyModel maps header sections to the
    source), so "Row 7" in the check results is the row labelled 7 however the view is sorted.
    """

    def __init__(self, source: DatasetTableModel, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._source = source
        self._needle = ""
        self._only_problems = False
        self.setSourceModel(source)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)
        source.dataChanged.connect(self._on_source_data_changed)

    # ---- filter settings ----------------------------------------------------------------------------------
    def filter_text(self) -> str:
        return self._needle

    def set_filter_text(self, text: str) -> None:
        needle = text.casefold()
        if needle != self._needle:
            self._begin_filter_change()
            self._needle = needle
            self._end_filter_change()

    def only_problems(self) -> bool:
        return self._only_problems

    def set_only_problems(self, only: bool) -> None:
        if only != self._only_problems:
            self._begin_filter_change()
            self._only_problems = only
            self._end_filter_change()

    def is_filtering(self) -> bool:
        return bool(self._needle) or self._only_problems

    def source_rows(self) -> list[int]:
        """The source rows now shown, in view order."""
        return [self.mapToSource(self.index(r, 0)).row() for r in range(self.rowCount())]

    def _on_source_data_changed(self, _first: QModelIndex, _last: QModelIndex, roles: list[int]) -> None:
        # New check results change no text, so Qt would not re-filter on its own: "only problems" must.
        if self._only_problems and ISSUES_ROLE in roles:
            self._begin_filter_change()
            self._end_filter_change()

    # Qt 6.10 deprecates invalidateRowsFilter() for begin/endFilterChange(); the project still allows 6.8.
    def _begin_filter_change(self) -> None:
        if _HAS_FILTER_CHANGE:
            self.beginFilterChange()

    def _end_filter_change(self) -> None:
        if _HAS_FILTER_CHANGE:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    # ---- QSortFilterProxyModel ----------------------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if source_parent.isValid():
            return False
        # Plain strings straight from the rows: no QVariant round trip per cell, which matters at 100,000 rows.
        if self._only_problems and not self._source.has_issues(source_row):
            return False
        if not self._needle:
            return True
        example = self._source.example(source_row)
        needle = self._needle
        return (
            needle in example.prompt.casefold()
            or needle in example.completion.casefold()
            or needle in example.system.casefold()
        )
