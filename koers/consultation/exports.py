"""Downloads of a table as shown on a page: CSV and ODS (OpenDocument spreadsheet).

Both writers take the same input — column headers and rows of plain values — so a view builds
its table once and offers it in either format. ODF is the open standard Dutch government must
accept; CSV is what every tool reads.

CSV follows RFC 4180: comma-separated, fields quoted when needed, CRLF line ends, encoded as
UTF-8 with a byte-order mark. The mark makes Excel read the file as UTF-8 (without it, names
such as "Súdwest-Fryslân" come out garbled); other tools ignore it. Excel with a Dutch locale
expects a semicolon and may put everything in one column on a double click; its "Data > From
text/CSV" import (or LibreOffice) reads the comma correctly, and the ODS download opens right
everywhere, which is why both are offered.
"""

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
ODS_CONTENT_TYPE = "application/vnd.oasis.opendocument.spreadsheet"

# A cell starting with one of these is run as a formula by spreadsheet programs ("CSV
# injection"): text typed by the public must never run, so such text gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """The table as CSV bytes (UTF-8 with byte-order mark, comma, CRLF)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """An HTTP download of the table as CSV; `filename` should end in .csv."""
    return _attachment(
        HttpResponse(csv_bytes(headers, rows), content_type=CSV_CONTENT_TYPE), filename
    )


def _ods_cell(value) -> TableCell:
    """A typed cell: numbers stay numbers and dates stay dates, so sorting and sums work."""
    if value is None or value == "":
        return TableCell()
    if isinstance(value, bool):
        text = "ja" if value else "nee"
        cell = TableCell(valuetype="string")
    elif isinstance(value, int | float | decimal.Decimal):
        text = str(value)
        cell = TableCell(valuetype="float", value=text)
    elif isinstance(value, datetime.datetime):
        text = value.isoformat()
        cell = TableCell(valuetype="date", datevalue=value.replace(tzinfo=None).isoformat())
    elif isinstance(value, datetime.date):
        text = value.isoformat()
        cell = TableCell(valuetype="date", datevalue=text)
    else:
        text = str(value)
        cell = TableCell(valuetype="string")
    # Line breaks inside a cell are separate paragraphs in ODF.
    for line in text.split("\n"):
        cell.addElement(P(text=line))
    return cell


def ods_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, sheet: str = "Blad1") -> bytes:
    """The table as an OpenDocument spreadsheet with one sheet, headers in the first row."""
    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet[:31])
    table.addElement(TableColumn(numbercolumnsrepeated=max(len(headers), 1)))
    header_row = TableRow()
    for header in headers:
        header_row.addElement(_ods_cell(str(header)))
    table.addElement(header_row)
    for row in rows:
        table_row = TableRow()
        for value in row:
            table_row.addElement(_ods_cell(value))
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def ods_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, sheet: str = "Blad1"
) -> HttpResponse:
    """An HTTP download of the table as ODS; `filename` should end in .ods."""
    return _attachment(
        HttpResponse(ods_bytes(headers, rows, sheet=sheet), content_type=ODS_CONTENT_TYPE),
        filename,
    )


def table_response(
    fmt: str, basename: str, headers: Sequence[str], rows: Iterable[Sequence], *, sheet=None
) -> HttpResponse:
    """The download in format `fmt` ("csv" or "ods"); the caller checks `fmt` is one of them."""
    if fmt == "csv":
        return csv_response(f"{basename}.csv", headers, rows)
    if fmt == "ods":
        return ods_response(f"{basename}.ods", headers, rows, sheet=sheet or basename)
    raise ValueError(f"unknown table format {fmt!r}")


TABLE_FORMATS = ("csv", "ods")
