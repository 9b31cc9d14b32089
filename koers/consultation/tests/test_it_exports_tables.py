"""CSV and ODS downloads of a table: the same cells in both, typed where it matters."""

import csv
import datetime
import io

from odf import teletype
from odf.namespaces import OFFICENS
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.text import P

from ..exports import csv_bytes, csv_response, ods_response, table_response

HEADERS = ["Organisatie", "Bijdragen", "Datum", "Aanwezig", "Toelichting"]
ROWS = [
    ["gemeente Súdwest-Fryslân", 3, datetime.date(2016, 5, 12), True, 'Zei "ja", daarna nee'],
    ["provincie Utrecht", 0, None, False, "Twee\nregels"],
    ['=HYPERLINK("http://kwaad.example")', 1.5, datetime.date(2016, 6, 1), False, "-1"],
]
EXPECTED = [
    HEADERS,
    ["gemeente Súdwest-Fryslân", "3", "2016-05-12", "ja", 'Zei "ja", daarna nee'],
    ["provincie Utrecht", "0", "", "nee", "Twee\nregels"],
    ['\'=HYPERLINK("http://kwaad.example")', "1.5", "2016-06-01", "nee", "'-1"],
]


def test_it_writes_csv_with_bom_commas_and_crlf():
    content = csv_bytes(HEADERS, ROWS)
    assert content.startswith(b"\xef\xbb\xbfOrganisatie,Bijdragen,")
    text = content.decode("utf-8-sig")
    assert text.split("\r\n")[0] == ",".join(HEADERS)
    assert list(csv.reader(io.StringIO(text, newline=""))) == EXPECTED


def test_it_answers_with_a_csv_download():
    response = csv_response("dekking.csv", HEADERS, ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dekking.csv"'


def read_ods(content: bytes):
    document = load(io.BytesIO(content))
    (sheet,) = document.spreadsheet.getElementsByType(Table)
    rows = []
    for row in sheet.getElementsByType(TableRow):
        rows.append(
            [
                (
                    cell.getAttrNS(OFFICENS, "value-type"),
                    "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P)),
                )
                for cell in row.getElementsByType(TableCell)
            ]
        )
    return sheet.getAttribute("name"), rows


def test_it_writes_an_ods_that_odfpy_opens_with_the_same_cells():
    response = ods_response("dekking.ods", HEADERS, ROWS, sheet="Gemeenten")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"] == 'attachment; filename="dekking.ods"'
    name, rows = read_ods(response.content)
    assert name == "Gemeenten"
    # Same text as the CSV, except that a spreadsheet cell is never run as a formula here:
    # ODS keeps text and formulas apart, so no apostrophe is needed.
    texts = [[text for _type, text in row] for row in rows]
    assert texts[:3] == EXPECTED[:3]
    assert texts[3] == ['=HYPERLINK("http://kwaad.example")', "1.5", "2016-06-01", "nee", "-1"]
    # Numbers and dates keep their type, so sums and sorting work in the spreadsheet.
    assert [t for t, _text in rows[1]] == ["string", "float", "date", "string", "string"]
    assert rows[2][2] == (None, "")


def test_it_picks_the_format():
    assert table_response("csv", "x", HEADERS, ROWS)["Content-Disposition"].endswith('x.csv"')
    assert table_response("ods", "x", HEADERS, ROWS)["Content-Disposition"].endswith('x.ods"')


def test_it_writes_an_empty_table():
    assert csv_bytes(["A"], []) == "\ufeffA\r\n".encode()
    _name, rows = read_ods(ods_response("x.ods", ["A"], []).content)
    assert rows == [[("string", "A")]]


def test_it_keeps_awkward_text_in_ods():
    awkward = ["<b>&amp;</b>", "  twee  spaties", "tab\there", "bel\x07weg", 'Süd & "Noord"']
    _name, rows = read_ods(ods_response("x.ods", ["A"], [[v] for v in awkward]).content)
    assert [row[0][1] for row in rows[1:]] == [
        "<b>&amp;</b>",
        "  twee  spaties",
        "tab\there",
        "belweg",
        'Süd & "Noord"',
    ]


def test_it_puts_the_mimetype_first_and_uncompressed():
    import zipfile

    package = zipfile.ZipFile(io.BytesIO(ods_response("x.ods", ["A"], [[1]]).content))
    first = package.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert package.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
