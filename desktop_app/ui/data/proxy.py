"""Sorting and filtering of the dataset table; the source model keeps the examples in their original order."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop_app.ui.data.table_model import ISSUES_ROLE, DatasetTableModel
from desktop_app.ui.widgets import begin_filter_change, end_filter_change

Index = QModelIndex | QPersistentModelIndex

_ROW_FILTER = "filterAcceptsRow"  # the virtual Qt calls once per source row


def _row_filter(proxy: DatasetFilterProxy) -> Callable[[int, Index], bool]:
    """``proxy._accepts_row`` without a reference cycle through the proxy's own attributes."""
    owner = weakref.ref(proxy)

    def accepts(source_row: int, source_parent: Index) -> bool:
        alive = owner()
        return alive is not None and alive._accepts_row(source_row, source_parent)

    return accepts


class DatasetFilterProxy(QSortFilterProxyModel):
    """Filters on a case-insensitive substring of any text column and, optionally, on rows with problems.

    The vertical header keeps the source row's number (QSortFilterProxyModel maps header sections to the
    source), so "Row 7" in the check results is the row labelled 7 however the view is sorted.

    Qt asks ``filterAcceptsRow`` about every source row on each reset of the model and, filtering being
    dynamic, on each dataChanged (new check results touch every row). A Python override costs 60-80 ms per
    100,000 rows even when it only returns True, so the window froze on every file opened and every check.
    The override is therefore set on this instance only while a filter is on (shiboken finds overrides in the
    instance's attributes too, and forgets its "not overridden" note when one is set or deleted); with no
    filter, QSortFilterProxyModel's own C++ ``filterAcceptsRow`` accepts each row without calling Python.
    """

    def __init__(self, source: DatasetTableModel, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._source = source
        self._needle = ""
        self._only_problems = False
        self.sort_handler: Callable[[int, Qt.SortOrder], None] | None = None
        self.setSourceModel(source)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)
        source.dataChanged.connect(self._on_source_data_changed)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks and ``sortByColumn`` end here: the rows are sorted by :attr:`sort_handler` (which
        reorders them in the source model, fast) rather than by Qt comparing rows through Python (~9 s at
        100,000 rows). Without a handler the proxy sorts as usual."""
        if self.sort_handler is not None:
            if column >= 0:
                self.sort_handler(column, order)
            return
        super().sort(column, order)

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

    def _begin_filter_change(self) -> None:
        begin_filter_change(self)

    def _end_filter_change(self) -> None:
        installed = _ROW_FILTER in vars(self)
        if self.is_filtering() and not installed:
            setattr(self, _ROW_FILTER, _row_filter(self))
        elif installed and not self.is_filtering():
            delattr(self, _ROW_FILTER)
        end_filter_change(self)

    # ---- the row filter (installed as filterAcceptsRow while filtering) -------------------------------------
    def _accepts_row(self, source_row: int, source_parent: Index) -> bool:
        if source_parent.isValid():
            return False
        # Plain strings straight from the rows: no QVariant round trip per cell, which matters at 100,000 rows.
        if self._only_problems and not self._source.has_issues(source_row):
            return False
        if not self._needle:
            return True
        example = self._source.example(source_row)
        needle = self._needle
        if (
            needle in example.prompt.casefold()
            or needle in example.completion.casefold()
            or needle in example.system.casefold()
        ):
            return True
        # The rest of the row: rejected answer, note, and the earlier messages of a conversation.
        return any(
            needle in text.casefold()
            for text in (
                example.rejected,
                example.note,
                *(m.content for m in (*example.history, *example.steps)),
            )
        )
