"""Small but well-formed PDF, DOCX and ODT files for tests of uploads."""

import io
import zipfile

from ..files import DOCX_MAIN, ODT_MIMETYPE


def minimal_pdf(text: str = "Visie") -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    stream = b"BT /F1 12 Tf 20 100 Td (" + text.encode("latin-1") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _zip(members: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(members):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=kind)
    return out.getvalue()


def minimal_docx(main_type: bytes = DOCX_MAIN) -> bytes:
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Override PartName="/word/document.xml" ContentType="'
        + main_type
        + b'"/></Types>'
    )
    document = b'<?xml version="1.0"?><w:document xmlns:w="w"><w:body/></w:document>'
    return _zip([("[Content_Types].xml", types), ("word/document.xml", document)])


def minimal_odt(mimetype: bytes = ODT_MIMETYPE) -> bytes:
    manifest = b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="m"/>'
    content = b'<?xml version="1.0"?><office:document-content xmlns:office="o"/>'
    return _zip(
        [("mimetype", mimetype), ("content.xml", content), ("META-INF/manifest.xml", manifest)],
        stored_first=True,
    )
