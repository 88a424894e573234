"""Training prices: one dated table, shipped as data and editable by the user.

The shipped table is ``resources/prices.json``; it is the only place a price is written down. Each row carries
the date its price was checked and where it came from, and the file a top-level ``updated`` date. The user's
own ``prices.json`` (in the app's data folder) holds only the rows they changed or added, each with its own
date and source, so rows the user never touched follow the shipped table of whatever version is installed.

Loading never raises: a damaged file is left out (the user's file entirely, so no half-read table is used)
and the reason is kept in :attr:`PriceTable.problems`, naming the file and, where it can, the line.

Cost ≈ price per 1M training tokens × billed tokens per epoch × epochs (validation tokens are not charged).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from desktop_app.core.errors import DatasetError
from desktop_app.core.fileio import atomic_writer
from desktop_app.core.models import ModelFamily, base_model_id, is_legacy_model
from desktop_app.resources import PRICES_FILE

__all__ = [
    "PRICE_FILE_FORMAT",
    "USER_EDIT_SOURCE",
    "Price",
    "PriceFileError",
    "PriceOrigin",
    "PriceTable",
    "load_price_table",
    "price_to_json",
    "save_user_prices",
    "shipped_price_table",
    "shipped_prices_path",
    "training_cost_usd",
]

PRICE_FILE_FORMAT = 1
"""The ``format`` this module reads and writes; files with a higher one come from a newer app."""

USER_EDIT_SOURCE = "edited by you"
"""The source recorded for a price the user typed in (the UI shows it in the user's language)."""

PriceOrigin = Literal["shipped", "user"]

_FAMILIES: frozenset[str] = frozenset({"chat", "legacy"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class PriceFileError(DatasetError):
    """A price file could not be used.

    ``code`` is ``"unreadable"``, ``"bad_json"``, ``"not_a_table"``, ``"unsupported_format"``, ``"bad_value"``
    or ``"duplicate_model"``. ``line`` is 1-based: where the JSON parser stopped, or the line of the row's
    ``id`` for a bad row (None when it cannot be found). ``details`` holds ``field``, ``model`` and ``row``
    (1-based row in ``models``) when they apply, and ``file`` ("shipped" or "user") once loaded.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        path: Path,
        line: int | None = None,
        details: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, code=code, path=path, line=line, details=dict(details or {}))
        self.path: Path = path


@dataclass(frozen=True, slots=True)
class Price:
    """What training one base model costs, and how we know."""

    model_id: str
    display_name: str
    family: ModelFamily
    """The data the model trains on: chat messages or legacy prompt/completion pairs."""
    usd_per_1m_tokens: float
    """US dollars per 1M billed training tokens."""
    checked: dt.date
    """When this price was known to be current."""
    source: str
    """Where the price comes from (:data:`USER_EDIT_SOURCE` for one the user typed in)."""
    origin: PriceOrigin = "shipped"

    def edited(self, usd_per_1m_tokens: float, today: dt.date) -> Price:
        """This row with a price the user typed in today."""
        return replace(
            self,
            usd_per_1m_tokens=_valid_price(usd_per_1m_tokens),
            checked=today,
            source=USER_EDIT_SOURCE,
            origin="user",
        )

    def estimate_usd(self, billed_tokens_per_epoch: int, epochs: int) -> float:
        return training_cost_usd(self.usd_per_1m_tokens, billed_tokens_per_epoch, epochs)


def training_cost_usd(usd_per_1m_tokens: float, billed_tokens_per_epoch: int, epochs: int) -> float:
    """Price per 1M training tokens × billed tokens per epoch × epochs (validation tokens are free)."""
    return billed_tokens_per_epoch * epochs * usd_per_1m_tokens / 1_000_000


@dataclass(frozen=True)
class PriceTable:
    """The shipped rows with the user's rows laid over them; immutable, so safe to hand to worker threads."""

    shipped: tuple[Price, ...] = ()
    user: tuple[Price, ...] = ()
    """The user's overrides and additions (``origin == "user"``), in their file's order."""
    shipped_updated: dt.date | None = None
    user_updated: dt.date | None = None
    problems: tuple[PriceFileError, ...] = ()
    """Files that could not be used; their rows are not in the table."""
    _rows: tuple[Price, ...] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Price] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        overrides = {price.model_id: price for price in self.user}
        merged = [overrides.pop(price.model_id, price) for price in self.shipped]
        merged.extend(price for price in self.user if price.model_id in overrides)
        object.__setattr__(self, "_rows", tuple(merged))
        object.__setattr__(self, "_by_id", {price.model_id: price for price in merged})

    @property
    def rows(self) -> tuple[Price, ...]:
        """Every priced model: the shipped order (the user's row in place of a shipped one), then additions."""
        return self._rows

    def __iter__(self) -> Iterator[Price]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def price_for(self, model_id: str) -> Price | None:
        """The price of a base model, or of the base of a fine-tuned id (``ft:gpt-4o-mini-…:org::id``)."""
        model_id = model_id.strip()
        return self._by_id.get(model_id) or self._by_id.get(base_model_id(model_id))

    def shipped_price(self, model_id: str) -> Price | None:
        """The shipped row for exactly ``model_id``, whatever the user did to it."""
        return next((price for price in self.shipped if price.model_id == model_id), None)

    def with_user_rows(self, rows: Iterable[Price]) -> PriceTable:
        """This table with the user's rows replaced by ``rows`` (their problems are gone with the old ones)."""
        user = tuple(replace(row, origin="user") for row in rows)
        problems = tuple(problem for problem in self.problems if problem.details.get("file") != "user")
        return replace(self, user=user, problems=problems)

    def with_edited_price(self, model_id: str, usd_per_1m_tokens: float, today: dt.date) -> PriceTable:
        """This table with the user's price for ``model_id`` (a priced model) typed in ``today``."""
        current = self._by_id.get(model_id)
        if current is None:
            raise KeyError(model_id)
        edited = current.edited(usd_per_1m_tokens, today)
        others = [row for row in self.user if row.model_id != model_id]
        position = next((i for i, row in enumerate(self.user) if row.model_id == model_id), len(others))
        others.insert(position, edited)
        return self.with_user_rows(others)


# ------------------------------------------------------------------------------------------------ loading


def shipped_prices_path(base: Path | None = None) -> Path:
    """``resources/prices.json`` next to the ``desktop_app`` package (``base`` replaces ``resources``)."""
    if base is not None:
        return base / "prices.json"
    return PRICES_FILE


def load_price_table(shipped: Path, user: Path | None = None) -> PriceTable:
    """The shipped table with the user's file laid over it. Never raises: see :attr:`PriceTable.problems`.

    A missing user file is normal (no edits yet); a damaged one is ignored as a whole.
    """
    problems: list[PriceFileError] = []
    shipped_rows: tuple[Price, ...] = ()
    shipped_updated = None
    try:
        shipped_rows, shipped_updated = _read_price_file(shipped, "shipped")
    except FileNotFoundError:
        missing = PriceFileError("The shipped price file is missing", code="unreadable", path=shipped)
        missing.details["file"] = "shipped"
        problems.append(missing)
    except PriceFileError as error:
        error.details["file"] = "shipped"
        problems.append(error)
    user_rows: tuple[Price, ...] = ()
    user_updated = None
    if user is not None:
        try:
            inherited = {price.model_id: price for price in shipped_rows}
            user_rows, user_updated = _read_price_file(user, "user", inherited)
        except FileNotFoundError:
            pass
        except PriceFileError as error:
            error.details["file"] = "user"
            problems.append(error)
    return PriceTable(shipped_rows, user_rows, shipped_updated, user_updated, tuple(problems))


@functools.cache
def shipped_price_table() -> PriceTable:
    """The shipped table alone, read once per process: the default wherever no table is handed in."""
    return load_price_table(shipped_prices_path(), None)


def _read_price_file(
    path: Path, origin: PriceOrigin, inherited: Mapping[str, Price] | None = None
) -> tuple[tuple[Price, ...], dt.date | None]:
    """Rows and ``updated`` date of one file. Raises FileNotFoundError or :class:`PriceFileError`.

    A row without ``name`` or ``family`` takes them from its ``inherited`` row (the shipped one), if any.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise PriceFileError(
            f"The price file cannot be read: {error.strerror or error}", code="unreadable", path=path
        ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PriceFileError(
            "The price file is not UTF-8 text", code="bad_json", path=path, line=line
        ) from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise PriceFileError(
            f"The price file is not valid JSON: {error.msg} (column {error.colno})",
            code="bad_json",
            path=path,
            line=error.lineno,
        ) from error
    return _parse_document(document, text, path, origin, inherited or {})


def _parse_document(
    document: Any, text: str, path: Path, origin: PriceOrigin, inherited: Mapping[str, Price]
) -> tuple[tuple[Price, ...], dt.date | None]:
    if not isinstance(document, dict) or not isinstance(document.get("models"), list):
        raise PriceFileError(
            'The price file must hold a JSON object with a "models" list', code="not_a_table", path=path
        )
    version = document.get("format", PRICE_FILE_FORMAT)
    if not isinstance(version, int) or isinstance(version, bool) or version > PRICE_FILE_FORMAT:
        raise PriceFileError(
            f"The price file has format {version!r}; this version of the app reads format {PRICE_FILE_FORMAT}",
            code="unsupported_format",
            path=path,
            line=_line_of(text, '"format"'),
        )
    updated = None
    if "updated" in document:
        updated = _as_date(document["updated"])
        if updated is None:
            raise PriceFileError(
                f'"updated" must be a date written YYYY-MM-DD, not {document["updated"]!r}',
                code="bad_value",
                path=path,
                line=_line_of(text, '"updated"'),
                details={"field": "updated"},
            )
    rows: list[Price] = []
    seen: set[str] = set()
    for number, raw_row in enumerate(document["models"], start=1):
        row = _parse_row(raw_row, number, text=text, path=path, origin=origin, inherited=inherited)
        if row.model_id in seen:
            raise PriceFileError(
                f"Model {row.model_id!r} is listed twice",
                code="duplicate_model",
                path=path,
                line=_line_of(text, json.dumps(row.model_id), occurrence=2),
                details={"model": row.model_id, "row": str(number)},
            )
        seen.add(row.model_id)
        rows.append(row)
    return tuple(rows), updated


def _parse_row(
    raw: Any, number: int, *, text: str, path: Path, origin: PriceOrigin, inherited: Mapping[str, Price]
) -> Price:
    def problem(message: str, field_name: str, model_id: str = "") -> PriceFileError:
        line = _line_of(text, json.dumps(model_id)) if model_id else None
        where = f"model {model_id!r}" if model_id else f"row {number} of models"
        details = {"field": field_name, "row": str(number), "model": model_id}
        return PriceFileError(f"{where}: {message}", code="bad_value", path=path, line=line, details=details)

    if not isinstance(raw, dict):
        raise problem("each row must be a JSON object", "models")
    model_id = raw.get("id")
    if not isinstance(model_id, str) or not model_id.strip():
        raise problem('"id" must be a model id such as "gpt-4o-mini-2024-07-18"', "id")
    model_id = model_id.strip()
    price = raw.get("usd_per_1m_training_tokens")
    if isinstance(price, bool) or not isinstance(price, int | float) or not math.isfinite(price) or price < 0:
        raise problem(
            f'"usd_per_1m_training_tokens" must be a number, 0 or more (got {price!r})',
            "usd_per_1m_training_tokens",
            model_id,
        )
    checked = _as_date(raw.get("checked"))
    if checked is None:
        raise problem(
            f'"checked" must be the date the price was checked, YYYY-MM-DD (got {raw.get("checked")!r})',
            "checked",
            model_id,
        )
    base = inherited.get(model_id)
    name = raw.get("name", base.display_name if base is not None else model_id)
    source = raw.get("source", "")
    family = raw.get("family", base.family if base is not None else _family_of(model_id))
    if not isinstance(name, str) or not isinstance(source, str):
        raise problem('"name" and "source" must be text', "name" if not isinstance(name, str) else "source")
    if family not in _FAMILIES:
        raise problem(f'"family" must be "chat" or "legacy" (got {family!r})', "family", model_id)
    return Price(
        model_id=model_id,
        display_name=name.strip() or model_id,
        family="legacy" if family == "legacy" else "chat",
        usd_per_1m_tokens=float(price),
        checked=checked,
        source=source.strip(),
        origin=origin,
    )


def _family_of(model_id: str) -> ModelFamily:
    return "legacy" if is_legacy_model(model_id) else "chat"


def _as_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _line_of(text: str, needle: str, occurrence: int = 1) -> int | None:
    """1-based line of the ``occurrence``-th ``needle`` in ``text`` (JSON keeps no positions once parsed)."""
    position = -1
    for _ in range(occurrence):
        position = text.find(needle, position + 1)
        if position < 0:
            return None
    return text.count("\n", 0, position) + 1


def _valid_price(value: float) -> float:
    if isinstance(value, bool) or not math.isfinite(value) or value < 0:
        raise ValueError(f"A price must be a number, 0 or more (got {value!r})")
    return float(value)


# ------------------------------------------------------------------------------------------------ saving


def price_to_json(price: Price) -> dict[str, Any]:
    return {
        "id": price.model_id,
        "name": price.display_name,
        "family": price.family,
        "usd_per_1m_training_tokens": price.usd_per_1m_tokens,
        "checked": price.checked.isoformat(),
        "source": price.source,
    }


def save_user_prices(path: Path, rows: Iterable[Price], *, today: dt.date | None = None) -> None:
    """Write the user's rows to ``path`` atomically (a crash leaves the old file), dated ``today``."""
    document = {
        "format": PRICE_FILE_FORMAT,
        "updated": (today or dt.date.today()).isoformat(),
        "currency": "USD",
        "unit": "per 1M training tokens",
        "about": "Your own training prices; they replace or add to the prices shipped with FineTune Desk.",
        "models": [price_to_json(row) for row in rows],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(path) as handle:
        handle.write((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
