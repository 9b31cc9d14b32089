"""Is an uploaded document what its name says? Checked by its structure, not its first bytes.

Four magic bytes let through a truncated PDF, a renamed ZIP of anything, or a macro-enabled
Word file named .docx. These checks read what a reader needs to open the document: for PDF the
header, the end-of-file marker and the cross-reference table that `startxref` points at; for
DOCX and ODT an intact ZIP (every member's checksum) with the parts and content type of that
format. Nothing is rendered or executed, and the work is bounded by the upload's size.
"""

import re
import zipfile
import zlib

from django import forms
from django.utils.translation import gettext as _

# Unpacked, a 20 MB document of text and images stays far below this; a ZIP bomb does not.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
PDF_TAIL_BYTES = 2048
STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s+%%EOF", re.DOTALL)
# A classic table ("xref") or, since PDF 1.5, a cross-reference stream (an indirect object).
XREF_AT = re.compile(rb"\s*(?:xref\b|\d{1,10}\s+\d{1,5}\s+obj\b)")
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def document_problem(upload, kind: str) -> str | None:
    """What is wrong with `upload` (a file object) as a `kind` ("pdf", "docx", "odt")
    document, in words for the person who uploaded it; None when it is sound. Leaves the file
    at its start."""
    try:
        if kind == "pdf":
            return _pdf_problem(upload)
        return _zip_problem(upload, kind)
    finally:
        upload.seek(0)


def _pdf_problem(upload) -> str | None:
    upload.seek(0)
    head = upload.read(1024)
    if b"%PDF-" not in head:
        return _("de kop %PDF- ontbreekt aan het begin")
    size = upload.seek(0, 2)
    upload.seek(max(0, size - PDF_TAIL_BYTES))
    tail = upload.read()
    found = list(STARTXREF.finditer(tail))
    if not found:
        return _("het einde (startxref en %%EOF) ontbreekt; is het bestand helemaal geüpload?")
    offset = int(found[-1].group(1))
    if offset >= size:
        return _("de verwijzing naar de inhoudstabel (xref) wijst buiten het bestand")
    upload.seek(offset)
    if not XREF_AT.match(upload.read(64)):
        return _("op de plaats van de inhoudstabel (xref) staat iets anders")
    return None


def _zip_problem(upload, kind: str) -> str | None:
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
        names = set(archive.namelist())
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            return _("het is uitgepakt groter dan 200 MB")
        check = _docx_problem if kind == "docx" else _odt_problem
        problem = check(archive, names)
        if problem:
            return problem
        if archive.testzip() is not None:
            return _("een deel van het bestand is beschadigd")
    except zlib.error:
        return _("een deel van het bestand is beschadigd")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return _("het is geen leesbaar ZIP-archief, wat DOCX en ODT wel zijn")
    except (NotImplementedError, RuntimeError):
        # An unknown compression method, or an encrypted member.
        return _("het is versleuteld of op een onbekende manier ingepakt")
    return None


def _docx_problem(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        return _("het is geen Word-document: [Content_Types].xml of word/document.xml ontbreekt")
    # A macro-enabled document (.docm) declares another main content type.
    if DOCX_MAIN not in archive.read("[Content_Types].xml"):
        return _("het is geen gewoon Word-document (DOCX), bijvoorbeeld een met macro's")
    return None


def _odt_problem(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    infos = archive.infolist()
    first = infos[0] if infos else None
    if first is None or first.filename != "mimetype" or archive.read(first) != ODT_MIMETYPE:
        return _("het is geen OpenDocument-tekst: het bestand mimetype klopt niet")
    if "content.xml" not in names or "META-INF/manifest.xml" not in names:
        return _("het is geen OpenDocument-tekst: content.xml of het manifest ontbreekt")
    return None


# What an uploaded document (an attachment, evidence) may be, and how large.
DOCUMENT_KINDS = (".pdf", ".odt", ".docx")
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def clean_document(upload):
    """A form field's cleaning of an uploaded PDF, ODT or DOCX document of at most 20 MB, checked
    by its structure (document_problem); the upload, or a ValidationError saying what is wrong."""
    if not upload:
        return upload
    name = upload.name.lower()
    kind = next((ext for ext in DOCUMENT_KINDS if name.endswith(ext)), None)
    if kind is None:
        raise forms.ValidationError(_("Kies een PDF-, ODT- of DOCX-bestand."))
    if upload.size > DOCUMENT_MAX_BYTES:
        raise forms.ValidationError(_("De bijlage is groter dan 20 MB."))
    problem = document_problem(upload, kind[1:])
    if problem:
        raise forms.ValidationError(
            _("Het bestand is geen echt %(kind)s-bestand: %(problem)s.")
            % {"kind": kind[1:].upper(), "problem": problem}
        )
    return upload
