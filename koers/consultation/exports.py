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
import re
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from django.http import HttpResponse

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


# XML 1.0 forbids most control characters; text pasted from other programs sometimes holds them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile("  +")

OFFICE_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    f'manifest:media-type="{ODS_CONTENT_TYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<office:document-styles {OFFICE_NS}><office:styles/></office:document-styles>"
)


def _odf_paragraph(line: str) -> str:
    """One text:p; ODF collapses runs of spaces, so the extra ones are written as text:s."""
    text = escape(_XML_INVALID.sub("", line)).replace("\t", "<text:tab/>")
    text = _SPACES.sub(lambda m: f' <text:s text:c="{len(m.group()) - 1}"/>', text)
    if text.startswith(" "):
        text = "<text:s/>" + text[1:]
    return f"<text:p>{text}</text:p>"


def _ods_cell(value) -> str:
    """A typed cell: numbers stay numbers and dates stay dates, so sorting and sums work."""
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        text, attributes = ("ja" if value else "nee"), 'office:value-type="string"'
    elif isinstance(value, int | float | decimal.Decimal):
        text = str(value)
        attributes = f'office:value-type="float" office:value="{text}"'
    elif isinstance(value, datetime.datetime):
        text = value.isoformat()
        naive = value.replace(tzinfo=None).isoformat()
        attributes = f'office:value-type="date" office:date-value="{naive}"'
    elif isinstance(value, datetime.date):
        text = value.isoformat()
        attributes = f'office:value-type="date" office:date-value="{text}"'
    else:
        text, attributes = str(value), 'office:value-type="string"'
    # Line breaks inside a cell are separate paragraphs in ODF.
    paragraphs = "".join(_odf_paragraph(line) for line in text.split("\n"))
    return f"<table:table-cell {attributes}>{paragraphs}</table:table-cell>"


def ods_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, sheet: str = "Blad1") -> bytes:
    """The table as an OpenDocument spreadsheet with one sheet, headers in the first row.

    The package is written directly (a zip with a manifest, content.xml and styles.xml) rather
    than through odfpy's document model, which needs about a second per few thousand cells; the
    tests read every file back with odfpy.
    """
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f"<office:document-content {OFFICE_NS}><office:body><office:spreadsheet>",
        f"<table:table table:name={quoteattr(_XML_INVALID.sub('', sheet[:31]))}>",
        f'<table:table-column table:number-columns-repeated="{max(len(headers), 1)}"/>',
        "<table:table-row>",
        *(_ods_cell(str(h)) for h in headers),
        "</table:table-row>",
    ]
    for row in rows:
        parts.append("<table:table-row>")
        parts.extend(_ods_cell(value) for value in row)
        parts.append("</table:table-row>")
    parts.append("</table:table></office:spreadsheet></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        # The mimetype comes first and uncompressed, so tools can recognise the file by its start.
        package.writestr(zipfile.ZipInfo("mimetype"), ODS_CONTENT_TYPE, zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", MANIFEST)
        package.writestr("styles.xml", STYLES)
        package.writestr("content.xml", "".join(parts))
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
