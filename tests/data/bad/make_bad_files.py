"""Regenerate the broken and misnamed files in this folder; tests use the committed files, never this script.

It needs packages the app does not depend on, so run it from a throwaway environment outside the repository::

    uv venv /tmp/crypt
    uv pip install --python /tmp/crypt/bin/python msoffcrypto-tool openpyxl xlwt
    /tmp/crypt/bin/python tests/data/bad/make_bad_files.py

The output is not byte-for-byte reproducible (zip timestamps, the encryption's random salt), which is why the
files themselves are committed. What each one is:

- ``encrypted.xlsx``: a small workbook encrypted with the password ``secret`` by msoffcrypto-tool, as Excel does
  with File > Info > Protect Workbook > Encrypt with Password: an OLE2 compound file holding the
  ``EncryptionInfo`` and ``EncryptedPackage`` streams instead of a zip.
- ``truncated.xlsx``: the first half of a valid workbook, as an interrupted download or copy leaves it.
- ``old_excel.xlsx``: an Excel 97-2003 workbook (BIFF8, written by xlwt) renamed to .xlsx.
- ``csv_text.xlsx``: comma-separated text renamed to .xlsx.
- ``workbook.csv``: a valid .xlsx workbook renamed to .csv.
- ``archive.csv``: a plain zip archive (one text file inside) renamed to .csv.
- ``image.csv``: a 1x1 PNG image renamed to .csv.
- ``document.jsonl``: a minimal PDF renamed to .jsonl.
- ``nul_bytes.csv``: CSV-looking text with NUL bytes and bytes that are not UTF-8 (binary junk, not UTF-16).
- ``utf16_bom.csv``: a valid CSV in UTF-16 with a byte-order mark, as Excel's "Unicode Text" saves: not binary.
- ``empty.jsonl``: zero bytes.
"""

from __future__ import annotations

import io
import struct
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import xlwt

HERE = Path(__file__).resolve().parent
PASSWORD = "secret"
ROWS = [
    ("prompt", "completion"),
    ("你们店叫什么名字？", "我们是青山茶舍，一家开在半山腰的小茶馆。"),
    ("营业时间是几点到几点？", "每天上午九点半开门，晚上九点打烊，周二店休。"),
]


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls_bytes() -> bytes:
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Sheet1")
    for row_index, row in enumerate(ROWS):
        for column_index, value in enumerate(row):
            sheet.write(row_index, column_index, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def encrypted_xlsx_bytes(plain: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "plain.xlsx", Path(folder) / "encrypted.xlsx"
        source.write_bytes(plain)
        with source.open("rb") as plain_file, target.open("wb") as encrypted_file:
            msoffcrypto.format.ooxml.OOXMLFile(plain_file).encrypt(PASSWORD, encrypted_file)
        return target.read_bytes()


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1 pixel, 8-bit RGB
    pixels = zlib.compress(b"\x00\x2e\x8b\x57")  # filter byte + one green pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("questions.txt", "\n".join(f"{q}\t{a}" for q, a in ROWS))
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def csv_text() -> str:
    return "".join(f"{q},{a}\r\n" for q, a in ROWS)


def main(out: Path = HERE) -> None:
    plain = xlsx_bytes()
    files = {
        "encrypted.xlsx": encrypted_xlsx_bytes(plain),
        "truncated.xlsx": plain[: len(plain) // 2],
        "old_excel.xlsx": xls_bytes(),
        "csv_text.xlsx": csv_text().encode("utf-8"),
        "workbook.csv": plain,
        "archive.csv": zip_bytes(),
        "image.csv": png_bytes(),
        "document.jsonl": pdf_bytes(),
        "nul_bytes.csv": b"prompt,completion\r\nhello,wor\x00ld\x00\x00\x9c\xff\r\n",
        "utf16_bom.csv": ("\ufeff" + csv_text()).encode("utf-16-le"),
        "empty.jsonl": b"",
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
