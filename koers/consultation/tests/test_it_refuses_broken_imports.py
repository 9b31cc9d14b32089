"""Crafted and damaged import files: a clear refusal (page 400, command error), never a 500;
XLSX read as a stream that stops at the row limits; NUL characters named by row and column."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from .. import importing
from ..importing import ImportFileError, import_contributions, read_table
from ..models import Contribution

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(autouse=True)
def uploads_elsewhere(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"


def xlsx(rows=(("text", "organisation"), ("Meer balies", "gm0344"))) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet(data: bytes, sheet_xml: str | bytes) -> bytes:
    """The workbook with its first sheet's XML replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = sheet_xml if info.filename == SHEET else source.read(info.filename)
            target.writestr(info.filename, content)
    return out.getvalue()


def sheet_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(SHEET).decode()


def with_rows(extra_rows: str, dimension: str = "A1:A2") -> bytes:
    """A workbook with a header row "text" followed by `extra_rows` (raw <row> XML)."""
    base = xlsx([("text",)])
    head = sheet_xml(base).split("<sheetData>")[0]
    head = head.replace('<dimension ref="A1:A1" />', f'<dimension ref="{dimension}" />')
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row>'
    return with_sheet(base, f"{head}<sheetData>{header}{extra_rows}</sheetData></worksheet>")


def damaged_stream(data: bytes) -> bytes:
    """The sheet's compressed bytes overwritten in the middle: the ZIP directory is intact, the
    sheet does not inflate."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(SHEET)
    broken = bytearray(data)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    broken[start : start + 40] = b"\xff" * 40
    return bytes(broken)


BROKEN = {
    "malformed XML": lambda: with_sheet(xlsx(), sheet_xml(xlsx()).replace("</sheetData>", "<row>")),
    "empty sheet part": lambda: with_sheet(xlsx(), b""),
    "damaged compressed stream": lambda: damaged_stream(xlsx()),
    "half a file": lambda: xlsx()[:2000],
    "not a zip at all": lambda: b"PK\x03\x04" + b"\x00" * 100,
}


@pytest.mark.parametrize("kind", BROKEN)
def test_it_refuses_a_damaged_xlsx_as_a_file_error(world, kind):
    with pytest.raises(ImportFileError, match="geen leesbaar XLSX-bestand"):
        import_contributions(world.programme, BROKEN[kind](), "inbreng.xlsx")
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("kind", BROKEN)
def test_it_refuses_a_damaged_xlsx_on_the_page(world, client_for, kind):
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    upload = SimpleUploadedFile("inbreng.xlsx", BROKEN[kind]())
    response = client_for(world.office).post(url, {"step": "upload", "file": upload})
    assert response.status_code == 400
    assert "geen leesbaar XLSX-bestand" in response.content.decode()
    assert not list(importing.upload_dir().iterdir())  # a refused file is not kept


def test_it_refuses_a_damaged_xlsx_from_the_command_line(world, tmp_path):
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(BROKEN["malformed XML"]())
    with pytest.raises(CommandError, match="nothing was imported: .*XLSX"):
        call_command("import_contributions", str(path), "--programme", world.programme.slug)


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows openpyxl handed over, header included."""
    counted = {"rows": 0}
    original = importing.xlsx_rows

    def counting(worksheet):
        for row in original(worksheet):
            counted["rows"] += 1
            yield row

    monkeypatch.setattr(importing, "xlsx_rows", counting)
    return counted


def test_it_stops_reading_past_the_limit_of_empty_rows(db, rows_read):
    # A sheet that says it is 50,001 rows long, all empty but the header; it compresses to
    # almost nothing, and parsing it whole took a minute at a million rows.
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(2, 50_002))
    data = with_rows(empty, dimension="A1:A50001")
    with pytest.raises(ImportFileError, match="meer dan 10000 lege regels"):
        read_table(data, "leeg.xlsx")
    assert rows_read["rows"] == 1 + importing.MAX_EMPTY_ROWS + 1


def test_it_stops_reading_past_the_row_limit(db, rows_read, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 50)
    filled = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Inbreng {n}</t></is></c></row>'
        for n in range(2, 1_002)
    )
    with pytest.raises(ImportFileError, match="meer dan 50 regels"):
        read_table(with_rows(filled, dimension="A1:A1001"), "groot.xlsx")
    assert rows_read["rows"] == 1 + 50 + 1


def test_it_reads_every_row_whatever_the_sheet_says_its_size_is(db):
    # The sheet's <dimension> says A1:A2; read-only openpyxl trusts it unless told otherwise,
    # and silently dropped rows 3 to 6.
    filled = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Inbreng {n}</t></is></c></row>'
        for n in range(2, 7)
    )
    table = read_table(with_rows(filled, dimension="A1:A2"), "klein.xlsx")
    assert [row[0] for row in table.rows] == [f"Inbreng {n}" for n in range(2, 7)]


def test_it_stops_reading_a_csv_past_the_limit_of_empty_rows(db):
    data = b"text\n" + b",\n" * 20_000 + b"Te laat\n"
    with pytest.raises(ImportFileError, match="lege regels"):
        read_table(data, "leeg.csv")


def test_it_names_row_and_column_of_a_nul_character(world):
    data = b"text,author,source_id\nGoed,Jan,a\nMeer\x00 balies,Pie\x00t,b\n"
    result = import_contributions(world.programme, data, "nul.csv")
    assert [(p.row, p.column) for p in result.problems] == [(3, "text"), (3, "author")]
    assert all("NUL-teken" in p.message for p in result.problems)
    assert "\x00" not in result.problems[0].value
    assert not Contribution.objects.exists()
    skipped = import_contributions(world.programme, data, "nul.csv", skip_invalid=True)
    assert (skipped.created, skipped.skipped) == (1, 1)
    assert list(Contribution.objects.values_list("text", flat=True)) == ["Goed"]


def test_it_shows_the_nul_character_problem_on_the_page(world, client_for):
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    upload = SimpleUploadedFile("nul.csv", b"text\nMeer\x00 balies\n")
    response = client_for(world.office).post(url, {"step": "upload", "file": upload})
    assert response.status_code == 200
    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(2, "text")]
    assert "NUL-teken" in response.content.decode()
