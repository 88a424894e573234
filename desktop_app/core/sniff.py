"""Check a source file before importing it, from its size and first bytes alone.

:func:`check_source` refuses, with a :class:`DatasetError` saying what is wrong and what to do, the files that
would otherwise fail deep inside a parser with a message nobody understands, or worse, read as garbage: a
missing file, an empty one, one too large to import, a password-protected workbook, a workbook that is really
an .xls, a CSV or a PDF under another name, a truncated download, an image or archive named .csv.

It reads at most a few small blocks (the first 64 KiB, the zip directory at the end, the OLE2 directory
sectors), never the whole file, and opens the file read-only. When the bytes do not settle the question it
stays silent and lets the format's own reader decide: a false alarm would block a file that reads fine.

``details`` carry stable identifiers for the UI (``kind``: what the content really is, such as ``"xls"``,
``"png"`` or ``"zip"``; ``problem``: why a file could not be read) next to English text.
"""

from __future__ import annotations

import codecs
import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop_app.core.errors import DatasetError

# OpenAI accepts training files of at most 512 MB (Files API: "Individual files can be up to 512 MB"; the
# fine-tuning guide: .jsonl only, <= 512 MB per file). The JSONL the app uploads is always larger than the text
# it carries (JSON quoting, message structure, the system prompt on every line), so a source over 512 MB can
# rarely become one training file; refusing it up front also keeps the import (which holds the file and its
# decoded text in memory at once) within what an ordinary desktop has. 1024-based, shown as "512 MB".
MAX_IMPORT_BYTES = 512 * 1024 * 1024

SNIFF_BYTES = 64 * 1024
"""How much of the start of a file is inspected (NUL bytes, magic numbers, text guesses)."""

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls"})
TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".json", ".jsonl"})

# Zip and OLE2 structure reads are bounded: past these the file is left to the real reader.
_MAX_ZIP_DIRECTORY_BYTES = 4 * 1024 * 1024
_MAX_OLE_DIRECTORY_SECTORS = 256

_ZIP_LOCAL = b"PK\x03\x04"
_ZIP_END = b"PK\x05\x06"
_ZIP_EMPTY = _ZIP_END  # an archive with no entries is only its end record
_ZIP_SPANNED = b"PK\x07\x08"
_ZIP_END_SIZE = 22
_ZIP_CENTRAL = b"PK\x01\x02"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"
_ZIP64_END_SIZE = 56
_ZIP64_LOCATOR_SIZE = 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_END_OF_CHAIN = 0xFFFFFFFE

_TEXT_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8"),
)
_WIDE_ENCODINGS = ("utf-16", "utf-32")  # text in them is full of NUL bytes


@dataclass(frozen=True)
class _Source:
    """An open file under inspection: its first bytes, its size, and reads at an offset."""

    path: Path
    suffix: str
    size: int
    handle: BinaryIO
    head: bytes

    def read_at(self, offset: int, length: int) -> bytes:
        self.handle.seek(offset)
        return self.handle.read(length)


@dataclass(frozen=True)
class FileKind:
    """What a file's bytes show it to be."""

    id: str
    """Stable identifier for the UI: "xlsx", "xls", "csv", "png", "zip", "encrypted_office"..."""
    description: str
    """English, with its article: "an Excel 97-2003 workbook"."""
    suffix: str = ""
    """The extension such a file normally has, or "" when there is none to suggest."""
    table: bool = False
    """A spreadsheet or table file: under a wrong extension it only needs renaming."""


_XLSX = FileKind("xlsx", "an Excel workbook", ".xlsx", table=True)
_XLSM = FileKind("xlsm", "a macro-enabled Excel workbook", ".xlsm", table=True)
_XLSB = FileKind("xlsb", "an Excel binary workbook", ".xlsb", table=True)
_XLS = FileKind("xls", "an Excel 97-2003 workbook", ".xls", table=True)
_ODS = FileKind("ods", "an OpenDocument spreadsheet", ".ods", table=True)
_CSV = FileKind("csv", "comma-separated text", ".csv", table=True)
_TSV = FileKind("tsv", "tab-separated text", ".tsv", table=True)
_JSON = FileKind("json", "JSON text", ".json", table=True)
_JSONL = FileKind("jsonl", "JSON Lines text", ".jsonl", table=True)
_ENCRYPTED = FileKind("encrypted_office", "a password-protected Office file")
_DOCX = FileKind("docx", "a Word document", ".docx")
_PPTX = FileKind("pptx", "a PowerPoint presentation", ".pptx")
_ODT = FileKind("odt", "an OpenDocument text document", ".odt")
_DOC = FileKind("doc", "a Word 97-2003 document", ".doc")
_PPT = FileKind("ppt", "a PowerPoint 97-2003 presentation", ".ppt")
_OLE = FileKind("ole", "an Office 97-2003 file")
_OLE_DAMAGED = FileKind("damaged_ole", "a damaged Office 97-2003 file")
_ZIP = FileKind("zip", "a zip archive", ".zip")
_HTML = FileKind("html", "a web page (HTML)", ".html")
_XML_SPREADSHEET = FileKind("xml_spreadsheet", "an Excel 2003 XML spreadsheet", ".xml")
_XML = FileKind("xml", "an XML document", ".xml")
_UTF16_TEXT = FileKind("utf16_text", "UTF-16 text without a byte-order mark")
_BINARY = FileKind("binary", "binary data")

# Signatures that no text file starts with (each has a non-text byte, or is long and specific).
_MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"%PDF-", FileKind("pdf", "a PDF document", ".pdf")),
    (b"\x89PNG\r\n\x1a\n", FileKind("png", "a PNG image", ".png")),
    (b"\xff\xd8\xff", FileKind("jpeg", "a JPEG image", ".jpg")),
    (b"GIF87a", FileKind("gif", "a GIF image", ".gif")),
    (b"GIF89a", FileKind("gif", "a GIF image", ".gif")),
    (b"\x1f\x8b", FileKind("gzip", "a gzip archive", ".gz")),
    (b"7z\xbc\xaf\x27\x1c", FileKind("7z", "a 7-Zip archive", ".7z")),
    (b"Rar!\x1a\x07", FileKind("rar", "a RAR archive", ".rar")),
    (b"SQLite format 3\x00", FileKind("sqlite", "an SQLite database", ".sqlite")),
    (b"\x7fELF", FileKind("program", "a program")),
    (b"MZ\x90\x00", FileKind("program", "a program")),
)


def check_source(path: Path, *, encoding: str | None = None) -> None:
    """Raise :class:`DatasetError` if ``path`` cannot be a dataset of the type its extension says.

    Codes: ``read_failed``, ``empty_file``, ``file_too_large``, ``encrypted_workbook``, ``wrong_extension``,
    ``bad_workbook``, ``binary_file``. ``encoding`` is the one the user chose, if any: UTF-16 and UTF-32 text
    has NUL bytes by nature, so a file read with them is not called binary.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise _read_failed(path, "not_found", "it does not exist (moved, renamed or deleted?)") from exc
    except OSError as exc:
        raise _read_failed(path, _os_problem(exc), str(exc.strerror or exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise _read_failed(path, "not_a_file", "it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):  # a pipe or device could block or never end
        raise _read_failed(path, "not_a_file", "it is not a regular file")
    size = info.st_size
    if size == 0:
        raise DatasetError("The file is empty (0 bytes)", code="empty_file", path=path)
    if size > MAX_IMPORT_BYTES:
        raise DatasetError(
            f"The file is {describe_size(size)}; the largest file that can be imported is "
            f"{describe_size(MAX_IMPORT_BYTES)}, the most OpenAI accepts for a training file. "
            "Split it into smaller files.",
            code="file_too_large",
            path=path,
            details={
                "size": describe_size(size),
                "limit": describe_size(MAX_IMPORT_BYTES),
                "size_bytes": str(size),
                "limit_bytes": str(MAX_IMPORT_BYTES),
            },
        )
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES and suffix not in TEXT_SUFFIXES:
        return  # the importer refuses the type itself, with the list of supported ones
    try:
        with path.open("rb") as handle:
            source = _Source(path, suffix, size, handle, handle.read(SNIFF_BYTES))
            if suffix in WORKBOOK_SUFFIXES:
                _check_workbook(source)
            else:
                _check_text(source, encoding)
    except OSError as exc:
        raise _read_failed(path, _os_problem(exc), str(exc.strerror or exc)) from exc


def describe_size(n: int) -> str:
    """A byte count as people read it, 1024-based like Windows Explorer: "0 bytes", "1.5 KB", "512 MB"."""
    if n < 1024:
        return "1 byte" if n == 1 else f"{n} bytes"
    value, unit = n / 1024, "KB"
    for larger in ("MB", "GB", "TB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    text = f"{value:.1f}".removesuffix(".0") if value < 100 else f"{value:.0f}"
    return f"{text} {unit}"


# Workbooks ------------------------------------------------------------------------------------------------------


def _check_workbook(source: _Source) -> None:
    path, suffix, head = source.path, source.suffix, source.head
    if head.startswith((_ZIP_LOCAL, _ZIP_EMPTY, _ZIP_SPANNED)):
        kind = _zip_kind(source)
        if kind is None or kind in (_XLSX, _XLSM):
            if suffix == ".xls" and kind is not None:
                raise _wrong_extension(path, suffix, kind)
            return
    elif head.startswith(_OLE_MAGIC):
        kind = _ole_kind(source)
        if kind is _ENCRYPTED:
            raise DatasetError(
                "The workbook is protected with a password, so it cannot be read. Open it in Excel, remove the "
                "password (File > Info > Protect Workbook > Encrypt with Password: clear the password) and "
                "save it again.",
                code="encrypted_workbook",
                path=path,
                details={"suffix": suffix, "kind": kind.id},
            )
        if suffix == ".xls" and kind in (None, _XLS):
            return  # an .xls whose directory cannot be walked here is calamine's to report
        kind = kind or _OLE_DAMAGED
    else:
        kind = _magic_kind(head) or _text_kind(head) or _BINARY
    if kind.table:
        raise _wrong_extension(path, suffix, kind)
    if kind is _BINARY:
        reason = "its content is neither a zip archive nor an Office 97-2003 file"
        message = f"This is not an Excel workbook: {reason}"
    elif kind is _OLE:
        reason = "it is an Office 97-2003 file with no workbook inside"
        message = f"This is not an Excel workbook: {reason}"
    else:
        reason = f"it is {kind.description}"
        message = f"This is {kind.description}, not an Excel workbook"
        if kind in (_HTML, _XML_SPREADSHEET):
            message += "; open it in Excel and save it as an Excel Workbook (.xlsx)"
    raise DatasetError(message, code="bad_workbook", path=path, details=_kind_details(kind, suffix, reason))


def _wrong_extension(path: Path, suffix: str, kind: FileKind) -> DatasetError:
    return DatasetError(
        f"This is {kind.description} ({kind.suffix}) saved with a {suffix} name; rename it to {kind.suffix}",
        code="wrong_extension",
        path=path,
        details=_kind_details(kind, suffix, ""),
    )


def _kind_details(kind: FileKind, suffix: str, reason: str) -> dict[str, str]:
    details = {
        "kind": kind.id,
        "description": kind.description,
        "suffix": suffix,
        "actual_suffix": kind.suffix,
    }
    if reason:
        details["reason"] = reason
    return details


def _zip_kind(source: _Source) -> FileKind | None:
    """What the zip holds, from its central directory; None when it is too large to look at."""
    names = _zip_names(source)
    if names is None:
        return None
    if any(name.startswith("xl/workbook.bin") for name in names):
        return _XLSB
    if any(name.startswith("xl/") for name in names):
        return _XLSM if "xl/vbaproject.bin" in names else _XLSX
    if any(name.startswith("word/") for name in names):
        return _DOCX
    if any(name.startswith("ppt/") for name in names):
        return _PPTX
    if "mimetype" in names:  # stored uncompressed as the first entry, so it is in the head
        if b"opendocument.spreadsheet" in source.head[:256]:
            return _ODS
        if b"opendocument.text" in source.head[:256]:
            return _ODT
    return _ZIP


def _zip_names(source: _Source) -> set[str] | None:
    """Lower-cased entry names, or None when the directory is too large to read here.

    Raises ``bad_workbook`` when the end-of-archive record is missing (the file was cut short) or the central
    directory it points to is not where it says: calamine would only say "Could not find EOCD".
    """
    path, size = source.path, source.size
    tail_length = min(size, _ZIP_END_SIZE + 0xFFFF)  # the record, after which comes a comment of up to 64 KiB
    tail = source.read_at(size - tail_length, tail_length) if size > len(source.head) else source.head
    end_at = _zip_end_record(tail)
    if end_at < 0:
        raise _damaged_workbook(path, "truncated_zip", "the end of the zip archive is missing")
    entries, directory_size, directory_offset = struct.unpack_from("<10xHII", tail, end_at)
    directory_end = size - tail_length + end_at
    if 0xFFFFFFFF in (directory_size, directory_offset) or entries == 0xFFFF:
        located = _zip64_directory(source, directory_end)
        if located is None:
            return None
        directory_size, directory_offset = located
        directory_end -= _ZIP64_LOCATOR_SIZE + _ZIP64_END_SIZE
    # Bytes before the archive (a self-extractor stub) shift every offset; zipfile allows for it too.
    shift = directory_end - directory_size - directory_offset
    if shift < 0:
        raise _damaged_workbook(path, "corrupt_zip", "the zip directory points outside the file")
    if directory_size > _MAX_ZIP_DIRECTORY_BYTES:
        return None
    directory = source.read_at(directory_offset + shift, directory_size)
    names: set[str] = set()
    at = 0
    while at < len(directory):
        if directory[at : at + 4] != _ZIP_CENTRAL or at + 46 > len(directory):
            raise _damaged_workbook(path, "corrupt_zip", "the zip directory is damaged")
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", directory, at + 28)
        names.add(directory[at + 46 : at + 46 + name_length].decode("utf-8", "replace").lower())
        at += 46 + name_length + extra_length + comment_length
    return names


def _zip_end_record(tail: bytes) -> int:
    """Where the end-of-archive record starts in ``tail``, or -1.

    The record whose comment runs exactly to the end of the file wins: its signature may also appear inside
    the comment. Failing that, the last signature with room for a record (some tools append bytes).
    """
    fallback = -1
    at = len(tail)
    while (at := tail.rfind(_ZIP_END, 0, at)) >= 0:
        if len(tail) - at >= _ZIP_END_SIZE:
            (comment_length,) = struct.unpack_from("<H", tail, at + 20)
            if at + _ZIP_END_SIZE + comment_length == len(tail):
                return at
            if fallback < 0:
                fallback = at
    return fallback


def _zip64_directory(source: _Source, end_position: int) -> tuple[int, int] | None:
    """(size, offset) of a Zip64 central directory, or None if its records are not where they should be.

    Like zipfile, it expects the Zip64 end record right before the locator, which is right before the classic
    end record, rather than trusting the locator's offset (wrong when bytes precede the archive).
    """
    record_at = end_position - _ZIP64_LOCATOR_SIZE - _ZIP64_END_SIZE
    if record_at < 0:
        return None
    record = source.read_at(record_at, _ZIP64_END_SIZE + _ZIP64_LOCATOR_SIZE)
    if not record.startswith(_ZIP64_END) or record[_ZIP64_END_SIZE:][:4] != _ZIP64_LOCATOR:
        return None
    size, offset = struct.unpack_from("<QQ", record, 40)
    return int(size), int(offset)


def _damaged_workbook(path: Path, kind_id: str, reason: str) -> DatasetError:
    return DatasetError(
        f"The workbook is damaged or incomplete: {reason}. This happens when a download or copy is "
        "interrupted; get the file again, or open it in Excel and save it again.",
        code="bad_workbook",
        path=path,
        details={"kind": kind_id, "description": "a damaged zip archive", "reason": reason},
    )


def _ole_kind(source: _Source) -> FileKind | None:
    """What an OLE2 compound file holds, from its stream names; None if the directory cannot be walked."""
    try:
        names = _ole_names(source)
    except struct.error:  # a sector cut short by the end of the file
        names = None
    if names is None:
        return None
    if "EncryptionInfo" in names and "EncryptedPackage" in names:
        return _ENCRYPTED
    if "Workbook" in names or "Book" in names:
        return _XLS
    if "WordDocument" in names:
        return _DOC
    if "PowerPoint Document" in names:
        return _PPT
    return _OLE


def _ole_names(source: _Source) -> set[str] | None:
    """Names in an OLE2 compound file's directory ([MS-CFB] 2.2 and 2.6), following its chain in the FAT."""
    head, size = source.head, source.size
    if len(head) < 512:
        return None
    major, byte_order, sector_shift = struct.unpack_from("<HHH", head, 0x1A)
    if byte_order != 0xFFFE or (major, sector_shift) not in ((3, 9), (4, 12)):
        return None
    sector_size = 1 << sector_shift
    per_sector = sector_size // 4
    (first_directory,) = struct.unpack_from("<I", head, 0x30)
    first_difat, difat_count = struct.unpack_from("<II", head, 0x44)
    header_difat = struct.unpack_from("<109I", head, 0x4C)

    def sector(number: int) -> bytes:
        return source.read_at((number + 1) * sector_size, sector_size)

    def fat_sector(index: int) -> int | None:
        if index < 109:
            return int(header_difat[index])
        index -= 109
        difat = first_difat
        for _ in range(difat_count):
            if index < per_sector - 1:
                (found,) = struct.unpack_from("<I", sector(difat), index * 4)
                return int(found)
            index -= per_sector - 1
            (difat,) = struct.unpack_from("<I", sector(difat), (per_sector - 1) * 4)
        return None

    names: set[str] = set()
    seen: set[int] = set()
    current = first_directory
    while current != _OLE_END_OF_CHAIN:
        if current in seen or len(seen) >= _MAX_OLE_DIRECTORY_SECTORS or (current + 1) * sector_size >= size:
            return None
        seen.add(current)
        block = sector(current)
        if len(block) < sector_size:
            return None
        for at in range(0, sector_size, 128):
            (name_length,) = struct.unpack_from("<H", block, at + 0x40)
            if 2 <= name_length <= 64 and block[at + 0x42] in (1, 2, 5):  # storage, stream, root
                names.add(block[at : at + name_length - 2].decode("utf-16-le", "replace"))
        fat_number = fat_sector(current // per_sector)
        if fat_number is None or (fat_number + 1) * sector_size >= size:
            return None
        link = source.read_at((fat_number + 1) * sector_size + (current % per_sector) * 4, 4)
        if len(link) < 4:
            return None
        (current,) = struct.unpack("<I", link)
    return names


# Text -----------------------------------------------------------------------------------------------------------


def _check_text(source: _Source, encoding: str | None) -> None:
    path, suffix, head = source.path, source.suffix, source.head
    bom = _bom(head)
    if bom is not None and bom[1].startswith(_WIDE_ENCODINGS):
        return
    kind = _magic_kind(head)
    if kind is None and head.startswith((_ZIP_LOCAL, _ZIP_EMPTY, _ZIP_SPANNED)):
        try:
            kind = _zip_kind(source) or _ZIP
        except DatasetError:
            kind = _ZIP  # a damaged zip is still not text
    if kind is None and head.startswith(_OLE_MAGIC):
        kind = _ole_kind(source) or _OLE
    if kind is not None:
        message = f"This looks like {kind.description} saved with a {suffix} name, not text"
        if kind is _ENCRYPTED:
            message += "; remove the password in Excel and save it as .xlsx"
        elif kind.table:
            message += f"; rename it to {kind.suffix}"
        raise DatasetError(message, code="binary_file", path=path, details=_kind_details(kind, suffix, ""))
    nul_at = head.find(b"\x00")
    if nul_at < 0 or _is_utf16_or_32(encoding):
        return
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        raise DatasetError(
            f"The file has NUL bytes like {utf16.upper()} text without a byte-order mark; choose the "
            f"{utf16.upper()} encoding, or save the file again as UTF-8",
            code="binary_file",
            path=path,
            details={**_kind_details(_UTF16_TEXT, suffix, ""), "encoding": utf16, "byte": str(nul_at + 1)},
        )
    if _is_utf8(head):
        return  # text with a stray NUL character (training text may hold any character; the import keeps it)
    raise DatasetError(
        f"The file contains binary data, not text (a NUL byte at byte {nul_at + 1}). Export it from its program "
        "as CSV (UTF-8) or JSONL",
        code="binary_file",
        path=path,
        details={**_kind_details(_BINARY, suffix, ""), "byte": str(nul_at + 1)},
    )


def _is_utf8(head: bytes) -> bool:
    """``head`` is UTF-8 text (a character cut at the end of the sample does not count against it)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _bom(head: bytes) -> tuple[bytes, str] | None:
    """The byte-order mark ``head`` starts with, and its codec."""
    for bom, name in _TEXT_BOMS:
        if head.startswith(bom):
            return bom, name
    return None


def _is_utf16_or_32(encoding: str | None) -> bool:
    if encoding is None:
        return False
    try:
        name = codecs.lookup(encoding).name
    except (LookupError, ValueError):
        return False  # the importer reports the unknown encoding
    return name.startswith(_WIDE_ENCODINGS)


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the NULs sit on one side of each byte pair and that side decodes."""
    sample = head[: 4096 - 4096 % 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 8 and even * 20 <= odd:
        name = "utf-16-le"
    elif even >= 8 and odd * 20 <= even:
        name = "utf-16-be"
    else:
        return None
    try:
        sample.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def _magic_kind(head: bytes) -> FileKind | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _text_kind(head: bytes) -> FileKind | None:
    """For a workbook name over text content: which text it is, or None when it is not text at all."""
    bom = _bom(head)
    if bom is None and b"\x00" in head:
        return None
    mark, codec = bom or (b"", "utf-8")
    start = head[len(mark) : len(mark) + 16384].decode(codec, "replace").lstrip().lower()
    if start.startswith(("<!doctype html", "<html", "<table", "<meta")):
        return _HTML
    if start.startswith(("<?xml", "<workbook")):
        return _XML_SPREADSHEET if "urn:schemas-microsoft-com:office:spreadsheet" in start else _XML
    if start.startswith("["):
        return _JSON
    if start.startswith("{"):
        return _JSONL
    first_line = start.split("\n", 1)[0]
    return _TSV if "\t" in first_line and "," not in first_line else _CSV


def _read_failed(path: Path, problem: str, reason: str) -> DatasetError:
    return DatasetError(
        f"Cannot read the file: {reason}",
        code="read_failed",
        path=path,
        details={"reason": reason, "problem": problem},
    )


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission_denied"
    if isinstance(exc, FileNotFoundError):
        return "not_found"
    if isinstance(exc, IsADirectoryError):
        return "not_a_file"
    return "os_error"
