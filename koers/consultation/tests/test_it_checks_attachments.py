"""A position paper's attachment must be the document its name says, checked by structure."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.core.tests.documents import minimal_docx, minimal_odt, minimal_pdf

from ..constants import Channel
from ..models import Contribution


@pytest.fixture(autouse=True)
def uploads_elsewhere(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def enter(client, world, name: str, content: bytes):
    url = reverse("consultation:contribution-position-paper", args=[world.programme.slug])
    return client.post(
        url,
        {
            "channel": Channel.POSITION_PAPER,
            "text": "Onze visie",
            "organisation": "gm0344",
            "submitted_on": "2016-06-15",
            "stance": "suggestie",
            "attachment": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize(
    "name, content",
    [("visie.pdf", minimal_pdf()), ("visie.docx", minimal_docx()), ("visie.odt", minimal_odt())],
)
def test_it_stores_a_sound_document(world, client_for, name, content):
    response = enter(client_for(world.office), world, name, content)
    assert response.status_code == 302
    assert Contribution.objects.get().attachment.name.endswith(name[-5:])


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("visie.pdf", b"%PDF-1.4 de visie van Utrecht", "geen echt PDF-bestand: het einde"),
        ("visie.docx", b"PK\x03\x04" + b"\x00" * 60, "geen echt DOCX-bestand"),
        ("visie.docx", minimal_odt(), "geen echt DOCX-bestand: het is geen Word-document"),
        ("visie.odt", minimal_docx(), "geen echt ODT-bestand"),
    ],
)
def test_it_refuses_a_file_that_only_starts_right(world, client_for, name, content, message):
    response = enter(client_for(world.office), world, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Contribution.objects.exists()
