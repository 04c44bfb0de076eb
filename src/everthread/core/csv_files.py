"""CSV files as people export them from other systems, and as we write them.

Pure functions, no database: the file's encoding, its delimiter and header row, its
data rows numbered as a spreadsheet shows them, and cells safe to open in one. Each
import (customers, products, stock) maps the headers to its own fields.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Collection, Iterable, Iterator

from everthread.core.errors import ImportFileRefused

DELIMITERS = (",", ";", "\t", "|")
# A spreadsheet runs a cell that starts with one of these as a formula; exports defuse them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header_key(header: str) -> str:
    """A header as compared with the names we know: no case, spaces or punctuation."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


def csv_decode(data: bytes, *, file_name: str) -> str:
    """The file's text: UTF-8 with or without a byte-order mark, or UTF-16 with one."""
    if not data.strip():
        raise ImportFileRefused(f"{file_name} is empty.", field="file")
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileRefused(
            f"{file_name} is a spreadsheet workbook, not CSV: "
            'save it as "CSV UTF-8" and import that.',
            field="file",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")  # the mark says which; Excel's "Unicode text" is this
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _not_utf8(data, error, file_name) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportFileRefused(
            f"{file_name} has a NUL character on line {line}: it is not a text file.",
            field="file",
        )
    return text


def _not_utf8(data: bytes, error: UnicodeDecodeError, file_name: str) -> ImportFileRefused:
    line = data.count(b"\n", 0, error.start) + 1
    byte = data[error.start]
    # Guessing the legacy encoding is unreliable, so the file is refused rather than misread.
    return ImportFileRefused(
        f"{file_name} is not UTF-8 text: byte {error.start} (line {line}) is 0x{byte:02x}. "
        'It was probably saved in an older encoding such as Windows-1252; save it as "CSV UTF-8" '
        "and import it again.",
        field="file",
    )


def csv_header(text: str, *, known: Collection[str], file_name: str) -> tuple[list[str], str]:
    """The header row and the delimiter that gives the most headers in ``known`` (header
    keys); refused when the file has no header row."""
    found = [_header_row(text, delimiter) for delimiter in DELIMITERS]
    headers, delimiter = max(
        zip(found, DELIMITERS, strict=True),
        key=lambda pair: (sum(header_key(h) in known for h in pair[0]), len(pair[0])),
    )
    if not any(headers):
        raise ImportFileRefused(f"{file_name} has no header row.", field="file")
    return headers, delimiter


def _header_row(text: str, delimiter: str) -> list[str]:
    try:
        first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []
    return [header.strip() for header in first]


def csv_records(text: str, *, delimiter: str, file_name: str) -> Iterator[tuple[int, list[str]]]:
    """Each data row with its number as a spreadsheet shows it (the header is row 1).

    Blank rows keep their number but are not returned.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 1
    try:
        next(reader, None)
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, cells
    except csv.Error as error:
        raise ImportFileRefused(
            f"{file_name}, row {number + 1}: the row cannot be read as CSV ({error}).",
            field="file",
        ) from None


def csv_cell_read(value: str) -> str:
    """A cell's value: trimmed, and without the quote our exports put before a cell a
    spreadsheet would run as a formula."""
    value = value.strip()
    if value.startswith("'") and value[1:2] and value[1] in _FORMULA_STARTS:
        return value[1:]
    return value


def csv_cell_written(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def csv_lines(rows: Iterable[Iterable[str]]) -> Iterator[str]:
    """Rows as CSV text, a line at a time, for streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
