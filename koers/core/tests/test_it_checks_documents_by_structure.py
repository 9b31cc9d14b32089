"""Attachments are checked by their structure (koers/core/files.py), not four magic bytes."""

import io
import zipfile

import pytest
from odf.opendocument import OpenDocumentText
from odf.text import P

from ..files import document_problem
from .documents import minimal_docx, minimal_odt, minimal_pdf


def problem(data: bytes, kind: str) -> str | None:
    upload = io.BytesIO(data)
    upload.seek(3)
    found = document_problem(upload, kind)
    assert upload.tell() == 0  # left at the start, ready to be stored
    return found


def test_it_accepts_sound_documents():
    assert problem(minimal_pdf(), "pdf") is None
    assert problem(minimal_docx(), "docx") is None
    assert problem(minimal_odt(), "odt") is None


def test_it_accepts_what_real_writers_make():
    from weasyprint import HTML

    assert problem(HTML(string="<p>Visie van Utrecht</p>").write_pdf(), "pdf") is None
    document = OpenDocumentText()
    document.text.addElement(P(text="Visie van Utrecht"))
    out = io.BytesIO()
    document.write(out)
    assert problem(out.getvalue(), "odt") is None


def a_zip_of(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, b"x")
    return out.getvalue()


PDF = minimal_pdf()
BAD = [
    # Four right bytes were enough before; none of these opens in a reader.
    ("pdf", b"%PDF-1.4 de visie van Utrecht", "het einde"),
    ("pdf", PDF[: len(PDF) // 2], "het einde"),  # an upload that broke off
    ("pdf", b"MZ" + PDF[2:], "de kop %PDF-"),
    ("pdf", PDF.replace(b"startxref\n", b"startxref\n99999999"), "buiten het bestand"),
    ("pdf", PDF.replace(b"\nxref\n", b"\nXXXX\n"), "iets anders"),
    ("docx", b"PK\x03\x04" + b"\x00" * 60, "geen leesbaar ZIP-archief"),
    ("docx", a_zip_of("virus.exe"), "geen Word-document"),
    ("docx", minimal_docx(b"application/vnd.ms-word.document.macroEnabled.main+xml"), "macro"),
    ("docx", minimal_odt(), "geen Word-document"),
    ("odt", a_zip_of("content.xml"), "mimetype"),
    ("odt", minimal_odt(b"application/vnd.oasis.opendocument.spreadsheet"), "mimetype"),
    ("odt", minimal_docx(), "mimetype"),
]


@pytest.mark.parametrize("kind, data, expected", BAD)
def test_it_names_what_is_wrong(kind, data, expected):
    assert expected in problem(data, kind)


def test_it_finds_a_damaged_member():
    data = bytearray(minimal_odt())
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("content.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + 8] = b"\xff" * 8
    assert problem(bytes(data), "odt") is not None
