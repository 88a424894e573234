"""The import dialog: a preview read in the background, sheet and encoding choices, the column mapping."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import read_dataset
from desktop_app.core.preview import FilePreview, preview_file
from desktop_app.ui.data import import_dialog
from desktop_app.ui.data.import_dialog import ImportDialog, ImportOptions, needs_import_dialog
from desktop_app.ui.data.preview_model import FIELD_ROLE, FULL_TEXT_ROLE, PreviewTableModel
from desktop_app.ui.workers import WorkerPool
from tests.ui.conftest import DATA


@pytest.fixture
def pool(qtbot) -> Iterator[WorkerPool]:
    p = WorkerPool(max_threads=2)
    yield p
    assert p.shutdown(5_000)
    p.deleteLater()


def _open(qtbot, pool: WorkerPool, path: Path, **kwargs: object) -> ImportDialog:
    dialog = ImportDialog(pool, path, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    return dialog


def _choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered"
    combo.setCurrentIndex(index)


def _error(path: Path, **options: object) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        read_dataset(path, **options)  # type: ignore[arg-type]
    return caught.value


def test_workbook_shows_sheets_and_switching_reloads(qtbot, pool: WorkerPool) -> None:
    dialog = _open(qtbot, pool, DATA / "content.xlsx")
    assert dialog.sheet_combo.isVisibleTo(dialog)
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == ["问答", "说明"]
    assert not dialog.encoding_combo.isVisibleTo(dialog)  # workbooks have no text encoding
    model = dialog.preview_model
    assert model.columnCount() == 3
    assert model.rowCount() == 24
    assert model.index(0, 0).data(FULL_TEXT_ROLE) == "你们店叫什么名字？"
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"  # Excel's row number
    assert "备注" in model.headerData(2, Qt.Orientation.Horizontal)
    assert dialog.ok_button.isEnabled()
    assert "2 sheet" in dialog.hint_label.text()

    with qtbot.waitSignal(dialog.previewLoaded, timeout=10_000) as loaded:
        _choose(dialog.sheet_combo, "说明")
    assert loaded.args[0].sheet == "说明"
    assert model.columnCount() == 1
    assert model.index(0, 0).data(FULL_TEXT_ROLE) == "青山茶舍客服问答，共24条，用于微调测试。"
    assert not dialog.ok_button.isEnabled()  # no question or answer column on this sheet
    assert dialog.field_combos["prompt"].currentIndex() == -1
    assert "questions" in dialog.status_label.text()
    assert dialog.options().sheet == "说明"


def test_workbook_options_read_what_the_preview_showed(qtbot, pool: WorkerPool) -> None:
    dialog = _open(qtbot, pool, DATA / "content.xlsx")
    options = dialog.options()
    assert options == ImportOptions(
        "问答", None, {"prompt": "prompt", "completion": "completion", "note": "备注"}
    )
    result = read_dataset(
        DATA / "content.xlsx", sheet=options.sheet, encoding=options.encoding, columns=options.columns
    )
    assert len(result.dataset.examples) == 24
    assert result.dataset.examples[0].note == "热门问题"
    assert not needs_import_dialog(result)  # reading with the options does not ask again


def test_a_stale_preview_never_replaces_the_newer_one(qtbot, pool: WorkerPool, monkeypatch) -> None:
    release = threading.Event()

    def slow_for_notes(path: Path, **options: object) -> FilePreview:
        if options.get("sheet") == "说明":
            release.wait(5)  # still reading when the user picks the first sheet again
        return preview_file(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(import_dialog, "preview_file", slow_for_notes)
    dialog = _open(qtbot, pool, DATA / "content.xlsx")
    _choose(dialog.sheet_combo, "说明")
    assert dialog.is_loading()
    with qtbot.waitSignal(dialog.previewLoaded, timeout=10_000) as loaded:
        _choose(dialog.sheet_combo, "问答")
    assert loaded.args[0].sheet == "问答"
    release.set()
    qtbot.waitUntil(lambda: pool.live_count == 0, timeout=10_000)
    qtbot.wait(50)  # let any late signal of the slow request arrive
    assert dialog.preview().sheet == "问答"
    assert dialog.preview_model.columnCount() == 3
    assert dialog.sheet_combo.currentData() == "问答"
    assert not dialog.is_loading()
    assert dialog.busy_bar.isHidden()


def test_gbk_csv_is_readable_and_a_wrong_encoding_names_the_line(qtbot, pool: WorkerPool) -> None:
    dialog = _open(qtbot, pool, DATA / "content_gbk.csv")
    combo = dialog.encoding_combo
    assert combo.isVisibleTo(dialog)
    assert not dialog.sheet_combo.isVisibleTo(dialog)
    assert combo.currentData() == "gb18030"
    assert combo.itemText(0) == "GB18030 / GBK (detected)"
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == ["gb18030", "utf-8", "big5", "utf-16", "shift_jis", "cp1252", "latin-1"]
    model = dialog.preview_model
    assert model.index(0, 0).data(FULL_TEXT_ROLE) == "你们店叫什么名字？"
    assert (
        model.index(0, 1).data(FULL_TEXT_ROLE)
        == "我们是青山茶舍，一家开在半山腰的小茶馆，招牌是桂花乌龙冷泡茶。"
    )
    assert "GB18030" in dialog.hint_label.text()
    assert dialog.ok_button.isEnabled()

    with qtbot.waitSignal(dialog.previewFailed, timeout=10_000) as failed:
        _choose(combo, "utf-8")
    assert failed.args[0].code == "decode_failed"
    assert dialog.error_bar.isVisibleTo(dialog)
    assert "Line 1" in dialog.error_bar.text
    assert "UTF-8" in dialog.error_bar.text
    assert model.rowCount() == 0
    assert not dialog.ok_button.isEnabled()
    assert not dialog.hint_label.isVisibleTo(dialog)  # it spoke of the GB18030 preview
    assert not dialog.field_combos["prompt"].isEnabled()

    with qtbot.waitSignal(dialog.previewLoaded, timeout=10_000):
        _choose(combo, "gb18030")
    assert not dialog.error_bar.isVisibleTo(dialog)
    assert model.index(0, 0).data(FULL_TEXT_ROLE) == "你们店叫什么名字？"
    assert dialog.ok_button.isEnabled()
    options = dialog.options()
    assert options == ImportOptions(None, "gb18030", {"prompt": "问题", "completion": "回答"})
    result = read_dataset(
        DATA / "content_gbk.csv", sheet=options.sheet, encoding=options.encoding, columns=options.columns
    )
    assert result.dataset.examples[0].prompt == "你们店叫什么名字？"
    assert not needs_import_dialog(result)


def test_an_encoding_that_fails_from_the_start_can_be_changed(qtbot, pool: WorkerPool) -> None:
    error = _error(DATA / "content_gbk.csv", encoding="utf-8")
    dialog = _open(
        qtbot, pool, DATA / "content_gbk.csv", error=error, initial=ImportOptions(encoding="utf-8")
    )
    assert "line 1" in dialog.explanation.text
    assert dialog.preview() is None
    assert "Line 1" in dialog.error_bar.text
    combo = dialog.encoding_combo
    assert combo.currentData() == "utf-8"
    with qtbot.waitSignal(dialog.previewLoaded, timeout=10_000):
        _choose(combo, "gb18030")
    assert dialog.preview_model.index(0, 0).data(FULL_TEXT_ROLE) == "你们店叫什么名字？"
    assert dialog.options().encoding == "gb18030"


def test_missing_columns_are_chosen_by_hand(qtbot, pool: WorkerPool) -> None:
    path = DATA / "missing_column.xlsx"
    error = _error(path)
    assert error.code == "missing_columns"
    dialog = _open(qtbot, pool, path, error=error)
    assert dialog.explanation.isVisibleTo(dialog)
    assert "Choose which column holds the questions and which the answers" in dialog.explanation.text
    prompt, completion, note = (dialog.field_combos[name] for name in ("prompt", "completion", "note"))
    assert prompt.currentData() == "问题"
    assert completion.currentIndex() == -1  # nothing guessed: the placeholder asks for a choice
    assert note.currentData() == "备注"
    assert not dialog.ok_button.isEnabled()
    assert "answers" in dialog.status_label.text()

    _choose(completion, "备注")
    assert note.currentData() is None  # 备注 moved from Note to the answers: a column holds one thing
    assert dialog.ok_button.isEnabled()
    model = dialog.preview_model
    assert model.headerData(0, Qt.Orientation.Horizontal, FIELD_ROLE) == "prompt"
    assert model.headerData(1, Qt.Orientation.Horizontal, FIELD_ROLE) == "completion"
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None

    options = dialog.options()
    assert options == ImportOptions("Sheet1", None, {"prompt": "问题", "completion": "备注"})
    examples = read_dataset(
        path, sheet=options.sheet, encoding=options.encoding, columns=options.columns
    ).dataset.examples
    assert len(examples) == 6
    assert (examples[0].prompt, examples[0].completion, examples[0].note) == (
        "你们店叫什么名字？",
        "热门问题",
        "",
    )


def test_choosing_the_other_fields_column_swaps_them(qtbot, pool: WorkerPool) -> None:
    dialog = _open(qtbot, pool, DATA / "content_gbk.csv")
    prompt, completion = dialog.field_combos["prompt"], dialog.field_combos["completion"]
    _choose(completion, "问题")
    assert (prompt.currentData(), completion.currentData()) == ("回答", "问题")
    assert dialog.ok_button.isEnabled()
    assert dialog.options().columns == {"prompt": "回答", "completion": "问题"}


def test_the_same_column_for_question_and_answer_is_refused(qtbot, pool: WorkerPool) -> None:
    same = ImportOptions(columns={"prompt": "prompt", "completion": "prompt"})
    dialog = _open(qtbot, pool, DATA / "content.xlsx", initial=same)
    assert dialog.field_combos["prompt"].currentData() == "prompt"
    assert dialog.field_combos["completion"].currentData() == "prompt"
    assert not dialog.ok_button.isEnabled()
    assert "both" in dialog.status_label.text()
    _choose(dialog.field_combos["completion"], "completion")
    assert dialog.ok_button.isEnabled()


def test_initial_options_are_restored(qtbot, pool: WorkerPool) -> None:
    initial = ImportOptions("问答", None, {"prompt": "completion", "completion": "prompt", "system": "备注"})
    dialog = _open(qtbot, pool, DATA / "content.xlsx", initial=initial)
    assert dialog.options() == initial
    assert dialog.field_combos["note"].currentData() is None  # the caller's choice, not the name guess


def test_a_stale_column_choice_is_explained(qtbot, pool: WorkerPool) -> None:
    error = _error(DATA / "content.xlsx", columns={"prompt": "问题", "completion": "completion"})
    assert error.code == "column_not_found"
    dialog = _open(qtbot, pool, DATA / "content.xlsx", error=error)
    assert "“问题”" in dialog.explanation.text
    assert dialog.field_combos["prompt"].currentData() == "prompt"  # back to the guess


def test_unnamed_and_duplicate_columns(qtbot, pool: WorkerPool, tmp_path: Path) -> None:
    path = tmp_path / "columns.csv"
    path.write_text("问题,,问题,回答\n你们店叫什么名字？,热门,重复,青山茶舍\n", encoding="utf-8")
    dialog = _open(qtbot, pool, path)
    system = dialog.field_combos["system"]
    texts = [system.itemText(i) for i in range(system.count())]
    assert texts == ["(none)", "A · 问题", "B · (no name)", "C · 问题", "D · 回答"]
    items = system.model()
    enabled = [bool(items.flags(items.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled) for i in range(len(texts))]
    assert enabled == [True, True, True, False, True]  # read_dataset reads a name's first column only
    _choose(system, "column B")
    options = dialog.options()
    assert options.columns == {"prompt": "问题", "completion": "回答", "system": "column B"}
    example = read_dataset(path, encoding=options.encoding, columns=options.columns).dataset.examples[0]
    assert (example.prompt, example.completion, example.system) == ("你们店叫什么名字？", "青山茶舍", "热门")


def test_the_apps_own_conversation_column_is_kept(qtbot, pool: WorkerPool, tmp_path: Path) -> None:
    path = tmp_path / "exported.csv"
    path.write_text('prompt,completion,conversation (JSON)\nq,a,"{}"\n', encoding="utf-8")
    dialog = _open(qtbot, pool, path)
    columns = dialog.options().columns
    assert columns == {"prompt": "prompt", "completion": "completion", "conversation": "conversation (JSON)"}
    assert read_dataset(path, columns=columns).column_map == columns


def test_text_files_show_text_without_mapping(qtbot, pool: WorkerPool) -> None:
    dialog = _open(qtbot, pool, DATA / "chat.jsonl")
    assert not dialog.mapping_box.isVisibleTo(dialog)
    assert dialog.preview_stack.currentWidget() is dialog.text_view
    first_line = (DATA / "chat.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert dialog.text_view.toPlainText().splitlines()[0] == first_line
    assert dialog.ok_button.isEnabled()
    assert dialog.options() == ImportOptions(None, "utf-8", None)


def test_closing_while_loading_leaves_nothing_running(qtbot, pool: WorkerPool, monkeypatch) -> None:
    release = threading.Event()

    def slow(path: Path, **options: object) -> FilePreview:
        release.wait(5)
        return preview_file(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(import_dialog, "preview_file", slow)
    dialog = ImportDialog(pool, DATA / "content.xlsx")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.is_loading()
    assert dialog.busy_bar.isVisibleTo(dialog)
    assert not dialog.ok_button.isEnabled()
    assert not any(combo.isEnabled() for combo in dialog.field_combos.values())
    dialog.reject()
    release.set()
    qtbot.waitUntil(lambda: pool.live_count == 0, timeout=10_000)
    assert dialog.preview() is None


def test_a_sheet_starting_in_column_b_names_columns_by_excels_letters(
    qtbot, pool: WorkerPool, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for cell, value in {"B2": "问题", "D2": "回答", "B3": "店名？", "C3": "热门", "D3": "青山茶舍"}.items():
        sheet[cell] = value
    path = tmp_path / "offset.xlsx"
    book.save(path)
    dialog = _open(qtbot, pool, path)
    system = dialog.field_combos["system"]
    texts = [system.itemText(i) for i in range(system.count())]
    assert texts == ["(none)", "B · 问题", "C · (no name)", "D · 回答"]
    _choose(system, "column C")
    options = dialog.options()
    assert options.columns == {"prompt": "问题", "completion": "回答", "system": "column C"}
    example = read_dataset(path, sheet=options.sheet, columns=options.columns).dataset.examples[0]
    assert (example.prompt, example.completion, example.system) == ("店名？", "青山茶舍", "热门")


def test_preview_model_passes_modeltester(qtmodeltester) -> None:
    model = PreviewTableModel()
    qtmodeltester.check(model)
    model.set_table(
        ["问题", "column B", "回答"],
        [["你们店叫什么名字？", "", "第一行\n第二行"], ["短", "x"]],
        [2, 4],
        named=[True, False, True],
    )
    qtmodeltester.check(model)
    assert model.index(1, 2).data(FULL_TEXT_ROLE) == ""  # short rows are padded to the header
    assert model.index(0, 2).data() == "第一行 ↵ 第二行"  # one line in the cell
    assert model.index(0, 2).data(FULL_TEXT_ROLE) == "第一行\n第二行"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "B · (no name)"
    assert model.headerData(1, Qt.Orientation.Vertical) == "4"
    model.set_mapping({0: "prompt", 2: "completion", 7: "note"})
    qtmodeltester.check(model)
    assert model.mapping() == {0: "prompt", 2: "completion"}
    assert model.headerData(2, Qt.Orientation.Horizontal).endswith("→ Answer / completion")
    assert model.index(0, 0).data(FIELD_ROLE) == "prompt"
    assert model.index(0, 1).data(FIELD_ROLE) is None
    model.clear()
    qtmodeltester.check(model)
    assert model.columnCount() == 0


def test_long_cells_are_shortened_for_display_only() -> None:
    model = PreviewTableModel()
    long_text = "答" * 5_000
    model.set_table(["回答"], [[long_text]], [2])
    shown = model.index(0, 0).data()
    assert len(shown) < 300
    assert shown.endswith("…")
    assert model.index(0, 0).data(FULL_TEXT_ROLE) == long_text


@pytest.mark.parametrize(
    ("path", "options", "expected"),
    [
        ("missing_column.xlsx", {}, True),  # missing_columns
        (
            "content.xlsx",
            {"columns": {"prompt": "问题", "completion": "completion"}},
            True,
        ),  # column_not_found
        ("content_gbk.csv", {"encoding": "utf-8"}, True),  # decode_failed
        ("content.xlsx", {}, True),  # read the first of two sheets
        ("content_gbk.csv", {}, True),  # guessed the encoding
        ("content.xlsx", {"sheet": "问答"}, False),
        ("content_utf8.csv", {}, False),
        ("too_few.xlsx", {}, False),
        ("bad_line.jsonl", {}, False),  # bad JSON: the dialog cannot help
        ("content.xlsx", {"sheet": "Sheet9"}, False),
    ],
)
def test_needs_import_dialog(path: str, options: dict[str, object], expected: bool) -> None:
    try:
        outcome: object = read_dataset(DATA / path, **options)  # type: ignore[arg-type]
    except DatasetError as exc:
        outcome = exc
    assert needs_import_dialog(outcome) is expected  # type: ignore[arg-type]


def test_needs_import_dialog_ignores_other_exceptions() -> None:
    assert not needs_import_dialog(OSError("disk gone"))
