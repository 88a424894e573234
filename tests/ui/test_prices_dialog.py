"""Settings ▸ Training prices…: the table model, editing and saving, restoring, damaged files, the menu entry."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDoubleSpinBox
from pytestqt.qtbot import QtBot

from desktop_app.core.prices import (
    USER_EDIT_SOURCE,
    PriceTable,
    load_price_table,
    shipped_price_table,
    shipped_prices_path,
)
from desktop_app.ui.jobs.new_job_dialog import NewJobDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.prices_dialog import (
    COL_CHECKED,
    COL_MODEL,
    COL_PRICE,
    COL_SOURCE,
    MODEL_ID_ROLE,
    ORIGIN_ROLE,
    PricesDialog,
    PriceTableModel,
    format_usd,
    parse_price,
)
from desktop_app.ui.workers import WorkerPool

MINI = "gpt-4o-mini-2024-07-18"
TODAY = dt.date(2026, 11, 25)


def _today() -> dt.date:
    return TODAY


@pytest.fixture
def pool(qapp: object) -> Iterator[WorkerPool]:
    workers = WorkerPool()
    yield workers
    assert workers.shutdown()
    assert workers.live_count == 0


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "prices.json"


def _open(qtbot: QtBot, pool: WorkerPool, user_file: Path, table: PriceTable | None = None) -> PricesDialog:
    dialog = PricesDialog(
        table if table is not None else load_price_table(shipped_prices_path(), user_file),
        user_file,
        pool,
        today=_today,
    )
    qtbot.addWidget(dialog)
    return dialog


def _row_of(model: PriceTableModel, model_id: str) -> int:
    rows = [model.index(row, COL_MODEL).data(MODEL_ID_ROLE) for row in range(model.rowCount())]
    return rows.index(model_id)


def _cell(dialog: PricesDialog, model_id: str, column: int) -> str:
    return str(dialog.model.index(_row_of(dialog.model, model_id), column).data())


# ------------------------------------------------------------------------------------------------ model


def test_model_passes_modeltester(qtmodeltester) -> None:
    model = PriceTableModel(_today)
    model.set_rows(shipped_price_table().rows)
    qtmodeltester.check(model)
    assert model.setData(model.index(0, COL_PRICE), 1.25)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_model_shows_price_date_and_source(qapp) -> None:
    model = PriceTableModel(_today)
    model.set_rows(shipped_price_table().rows)
    row = _row_of(model, MINI)
    assert model.columnCount() == 4
    assert model.index(row, COL_MODEL).data() == "GPT-4o mini"
    assert model.index(row, COL_MODEL).data(Qt.ItemDataRole.ToolTipRole) == MINI
    assert model.index(row, COL_PRICE).data() == "$3.00"
    assert model.index(row, COL_PRICE).data(Qt.ItemDataRole.EditRole) == 3.0
    assert model.index(row, COL_CHECKED).data() == "2026-08-01"
    assert "fine-tuning guide" in model.index(row, COL_SOURCE).data()
    assert model.index(row, COL_MODEL).data(ORIGIN_ROLE) == "shipped"
    assert model.headerData(COL_PRICE, Qt.Orientation.Horizontal) == "Price per 1M tokens"
    editable = [bool(model.flags(model.index(row, c)) & Qt.ItemFlag.ItemIsEditable) for c in range(4)]
    assert editable == [False, True, False, False]
    old = _row_of(model, "babbage-002")  # checked 2023: shown as possibly out of date
    assert model.index(old, COL_CHECKED).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, COL_CHECKED).data(Qt.ItemDataRole.ToolTipRole) is None


def test_model_edit_stamps_today_and_edited_by_you(qtbot: QtBot) -> None:
    model = PriceTableModel(_today)
    model.set_rows(shipped_price_table().rows)
    row = _row_of(model, MINI)
    with qtbot.waitSignal(model.dataChanged), qtbot.waitSignal(model.priceEdited) as blocker:
        assert model.setData(model.index(row, COL_PRICE), "$2.50")
    edited = blocker.args[0]
    assert (edited.model_id, edited.usd_per_1m_tokens, edited.checked, edited.source, edited.origin) == (
        MINI,
        2.5,
        TODAY,
        USER_EDIT_SOURCE,
        "user",
    )
    assert model.index(row, COL_CHECKED).data() == "2026-11-25"
    assert model.index(row, COL_SOURCE).data() == "edited by you"
    assert model.index(row, COL_MODEL).data(ORIGIN_ROLE) == "user"
    with qtbot.assertNotEmitted(model.priceEdited):
        assert not model.setData(model.index(row, COL_PRICE), 2.5)  # no change
        assert not model.setData(model.index(row, COL_SOURCE), "mine")
        assert not model.setData(QModelIndex(), 1.0)


@pytest.mark.parametrize("bad", ["-1", "abc", "", True, -0.5, float("nan"), float("inf"), None])
def test_model_refuses_what_is_not_a_price(qtbot: QtBot, bad: object) -> None:
    model = PriceTableModel(_today)
    model.set_rows(shipped_price_table().rows)
    with qtbot.waitSignal(model.priceRejected), qtbot.assertNotEmitted(model.priceEdited):
        assert not model.setData(model.index(0, COL_PRICE), bad)
    assert model.rows() == list(shipped_price_table().rows)


@pytest.mark.parametrize(
    ("text", "value"), [("3", 3.0), (" $2.50 ", 2.5), ("2,50", 2.5), ("1,000.5", 1000.5), (0, 0.0)]
)
def test_parse_price(text: object, value: float) -> None:
    assert parse_price(text) == value


def test_format_usd() -> None:
    assert format_usd(3) == "$3.00"
    assert format_usd(0.4) == "$0.40"
    assert format_usd(0.0125) == "$0.0125"
    assert format_usd(1250) == "$1,250.00"


# ----------------------------------------------------------------------------------------------- dialog


def test_editing_a_price_writes_the_file_and_reopening_shows_it(
    qtbot: QtBot, pool: WorkerPool, user_file: Path
) -> None:
    dialog = _open(qtbot, pool, user_file)
    dialog.show()
    assert not dialog.problem_label.isVisible()
    assert not dialog.restore_button.isEnabled()
    index = dialog.model.index(_row_of(dialog.model, MINI), COL_PRICE)
    dialog.view.setCurrentIndex(index)
    dialog.view.edit(index)
    editor = dialog.view.findChild(QDoubleSpinBox)
    assert editor is not None
    assert editor.value() == 3.0
    editor.setValue(4.2)
    with qtbot.waitSignal(dialog.pricesChanged) as changed, qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert changed.args[0].price_for(MINI).usd_per_1m_tokens == 4.2
    assert dialog.restore_button.isEnabled()
    assert str(user_file) in dialog.status_label.text()

    document = json.loads(user_file.read_text(encoding="utf-8"))
    assert document["updated"] == "2026-11-25"
    assert [(m["id"], m["usd_per_1m_training_tokens"], m["source"]) for m in document["models"]] == [
        (MINI, 4.2, USER_EDIT_SOURCE)
    ]
    dialog.close()

    reopened = _open(qtbot, pool, user_file)
    assert _cell(reopened, MINI, COL_PRICE) == "$4.20"
    assert _cell(reopened, MINI, COL_CHECKED) == "2026-11-25"
    assert _cell(reopened, MINI, COL_SOURCE) == "edited by you"
    assert _cell(reopened, "babbage-002", COL_PRICE) == "$0.40"
    assert reopened.restore_button.isEnabled()


def test_restore_shipped_prices(qtbot: QtBot, pool: WorkerPool, user_file: Path) -> None:
    dialog = _open(qtbot, pool, user_file)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.model.setData(dialog.model.index(_row_of(dialog.model, MINI), COL_PRICE), 9)
    with qtbot.waitSignal(dialog.pricesChanged) as changed, qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.restore_button.click()
    assert changed.args[0].rows == shipped_price_table().rows
    assert dialog.table.user == ()
    assert _cell(dialog, MINI, COL_PRICE) == "$3.00"
    assert not dialog.restore_button.isEnabled()
    assert json.loads(user_file.read_text(encoding="utf-8"))["models"] == []
    assert load_price_table(shipped_prices_path(), user_file).rows == shipped_price_table().rows
    assert dialog.restore_shipped() is None  # nothing left to restore


def test_the_newest_edit_is_the_one_saved(qtbot: QtBot, pool: WorkerPool, user_file: Path) -> None:
    dialog = _open(qtbot, pool, user_file)
    row = _row_of(dialog.model, MINI)
    for price in (1, 2, 3, 4, 5):
        dialog.model.setData(dialog.model.index(row, COL_PRICE), price)
    qtbot.waitUntil(lambda: pool.live_count == 0, timeout=5000)
    assert load_price_table(shipped_prices_path(), user_file).price_for(MINI).usd_per_1m_tokens == 5  # type: ignore[union-attr]


def test_damaged_user_file_is_shown_and_kept_aside_on_the_first_save(
    qtbot: QtBot, pool: WorkerPool, user_file: Path
) -> None:
    user_file.parent.mkdir(parents=True)
    user_file.write_text('{\n  "models": [\n    {"id": "gpt-4o",}\n  ]\n}\n', encoding="utf-8")
    dialog = _open(qtbot, pool, user_file)
    dialog.show()
    assert dialog.problem_label.isVisible()
    assert f"{user_file}, line 3" in dialog.problem_label.text()
    assert _cell(dialog, MINI, COL_PRICE) == "$3.00"  # the shipped prices are in use
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.model.setData(dialog.model.index(_row_of(dialog.model, MINI), COL_PRICE), 2)
    assert not dialog.problem_label.isVisible()
    kept = [p for p in user_file.parent.iterdir() if p.name.startswith("prices.json.damaged-")]
    assert len(kept) == 1
    assert '"gpt-4o",}' in kept[0].read_text(encoding="utf-8")
    assert str(kept[0]) in dialog.status_label.text()
    assert load_price_table(shipped_prices_path(), user_file).problems == ()


def test_a_failed_save_is_reported_and_the_price_still_used(
    qtbot: QtBot, pool: WorkerPool, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    dialog = _open(qtbot, pool, blocker / "prices.json", shipped_price_table())
    with qtbot.waitSignal(dialog.pricesChanged), qtbot.waitSignal(dialog.saveFailed, timeout=5000):
        dialog.model.setData(dialog.model.index(_row_of(dialog.model, MINI), COL_PRICE), 2)
    assert "could not be saved" in dialog.status_label.text()
    assert dialog.table.price_for(MINI).usd_per_1m_tokens == 2  # type: ignore[union-attr]


def test_rejected_text_is_explained(qtbot: QtBot, pool: WorkerPool, user_file: Path) -> None:
    dialog = _open(qtbot, pool, user_file)
    dialog.model.setData(dialog.model.index(0, COL_PRICE), "free")
    assert "“free” is not a price" in dialog.status_label.text()
    assert not user_file.exists()


# -------------------------------------------------------------------------------------- in the window


def test_settings_menu_opens_prices_and_the_session_uses_the_edit(qtbot: QtBot, window: MainWindow) -> None:
    assert window.prices_action.text() == "Training prices…"
    settings_menu = window.settings_action.associatedObjects()[0]
    assert window.prices_action in settings_menu.actions()  # type: ignore[attr-defined]
    assert window.session.prices.rows == shipped_price_table().rows

    window.prices_action.trigger()
    dialog = window.findChild(PricesDialog)
    assert isinstance(dialog, PricesDialog)
    assert dialog.user_file == window.context.paths.prices_file
    row = _row_of(dialog.model, MINI)
    with qtbot.waitSignal(window.session.pricesChanged), qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.model.setData(dialog.model.index(row, COL_PRICE), 6.5)
    assert window.session.prices.price_for(MINI).usd_per_1m_tokens == 6.5  # type: ignore[union-attr]
    assert window.context.paths.prices_file.is_file()
    dialog.close()


def test_the_window_loads_the_users_prices_at_start(open_window, make_context) -> None:
    context = make_context()
    path = context.paths.prices_file
    path.write_text(
        json.dumps({"models": [{"id": MINI, "usd_per_1m_training_tokens": 1.5, "checked": "2026-11-20"}]}),
        encoding="utf-8",
    )
    window = open_window(context)
    price = window.session.prices.price_for(MINI)
    assert price is not None
    assert (price.usd_per_1m_tokens, price.checked, price.origin) == (1.5, dt.date(2026, 11, 20), "user")


def test_new_job_dialog_shows_the_price_it_is_given(qtbot: QtBot) -> None:
    edited = shipped_price_table().with_edited_price(MINI, 7, TODAY)
    dialog = NewJobDialog(30, practice=True, default_model=MINI, prices=edited)
    qtbot.addWidget(dialog)
    assert "$7.00 per 1M tokens" in dialog.price_label.text()
    assert "2026-11-25" in dialog.price_label.text()
    dialog.model_combo.setEditText("my-own-model")
    assert "No training price" in dialog.price_label.text()
    shipped = NewJobDialog(30, practice=True, default_model=MINI)
    qtbot.addWidget(shipped)
    assert "$3.00 per 1M tokens" in shipped.price_label.text()
