"""The documents as pages, PDF and ODT; who may see them; the reviewer's own page."""

import datetime
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion
from koers.organisations.models import Programme

from .conftest import BULK_REASON, OWN_REASON, SECRET

SLUG = "digitaal-2017"


def _urls(number=1):
    return [
        reverse("documents:response-report", args=[SLUG, number]),
        reverse("documents:response-report-download", args=[SLUG, number, "pdf"]),
        reverse("documents:response-report-download", args=[SLUG, number, "odt"]),
        reverse("documents:response-report-family", args=[SLUG, number, "provincies"]),
        reverse(
            "documents:response-report-family-download", args=[SLUG, number, "provincies", "odt"]
        ),
        reverse("documents:agenda-document", args=[SLUG, number]),
        reverse("documents:agenda-document-download", args=[SLUG, number, "odt"]),
    ]


def _pdf_text(content: bytes) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    done = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return done.stdout.decode()


def test_the_report_page_shows_the_report(example, client_for):
    response = client_for(None).get(reverse("documents:response-report", args=[SLUG, 1]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Toegankelijke websites" in html and "rode draad" in html
    assert BULK_REASON in html and OWN_REASON in html
    assert "Provincies willen meer tijd" in html
    assert "Vertrouwelijk" not in html
    assert f"#stap-{str(example.step.anchor)[:8]}" in html
    assert reverse("documents:response-report-family", args=[SLUG, 1, "provincies"]) in html
    assert "Voorbeeld." not in html  # public, no preview banner


def test_the_family_report_shows_that_family(example, client_for):
    response = client_for(None).get(
        reverse("documents:response-report-family", args=[SLUG, 1, "provincies"])
    )
    html = response.content.decode()
    assert "Reactienota voor Provincies" in html
    assert OWN_REASON in html and BULK_REASON not in html
    assert (
        client_for(None)
        .get(reverse("documents:response-report-family", args=[SLUG, 1, "niemand"]))
        .status_code
        == 404
    )


def test_the_report_as_pdf(example, client_for):
    response = client_for(None).get(
        reverse("documents:response-report-download", args=[SLUG, 1, "pdf"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000
    text = _pdf_text(response.content)
    if text is not None:
        assert "Reactienota" in text and "Toegankelijke websites" in text
        assert BULK_REASON in " ".join(text.split())


def test_the_agenda_document_as_pdf(example, client_for):
    response = client_for(None).get(
        reverse("documents:agenda-document-download", args=[SLUG, 1, "pdf"])
    )
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    if text is not None:
        assert "Agenda 2030" in text and "Hoofdactiviteiten: Provincies" in text


def _odt(client, url) -> tuple[bytes, str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    with zipfile.ZipFile(io.BytesIO(response.content)) as odt:
        assert odt.namelist()[0] == "mimetype"
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        return response.content, odt.read("content.xml").decode()


def test_the_agenda_document_as_odt_has_headings_contents_and_tables(example, client_for):
    _bytes, content = _odt(
        client_for(None), reverse("documents:agenda-document-download", args=[SLUG, 1, "odt"])
    )
    assert (
        '<text:h text:outline-level="1" text:style-name="Heading_20_1">1. Dienstverlening</text:h>'
        in content
    )
    assert "Hoofdactiviteiten: Gemeenten" in content
    assert "<text:table-of-content" in content
    assert "<table:table " in content
    assert "gemeente Utrecht" in content and "DigiD" in content


def test_the_report_as_odt(example, client_for):
    _bytes, content = _odt(
        client_for(None), reverse("documents:response-report-download", args=[SLUG, 1, "odt"])
    )
    assert "Toegankelijke websites" in content and BULK_REASON in content
    assert "Vertrouwelijk" not in content


def test_the_documents_are_reproducible(example, client_for):
    client = client_for(None)
    for fmt in ("odt",):
        first = client.get(
            reverse("documents:agenda-document-download", args=[SLUG, 1, fmt])
        ).content
        again = client.get(
            reverse("documents:agenda-document-download", args=[SLUG, 1, fmt])
        ).content
        assert first == again
    # The page differs only in its form tokens (language switch), never in the document.
    pages = [
        client.get(reverse("documents:agenda-document", args=[SLUG, 1])).content.decode()
        for _ in "ab"
    ]
    first, again = (re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", p) for p in pages)
    assert first == again
    report = client.get(
        reverse("documents:response-report-download", args=[SLUG, 1, "odt"])
    ).content
    assert (
        report
        == client.get(reverse("documents:response-report-download", args=[SLUG, 1, "odt"])).content
    )


def test_the_odt_does_not_depend_on_what_ran_before(example, client_for):
    """odfpy remembers every namespace used in the process; the archive must not show that."""
    from odf.chart import Chart
    from odf.draw import Frame

    url = reverse("documents:agenda-document-download", args=[SLUG, 1, "odt"])
    before = client_for(None).get(url).content
    Frame(), Chart(attributes={"class": "chart:bar"})  # other namespaces, as an export would use
    assert client_for(None).get(url).content == before


def test_the_agenda_document_holds_the_agenda(example, client_for):
    html = (
        client_for(None).get(reverse("documents:agenda-document", args=[SLUG, 1])).content.decode()
    )
    for text in [
        "Agenda 2030",
        "Inleiding",
        "1. Dienstverlening",
        "1.2",
        "Websites zijn toegankelijk.",
        "Stap 1: Toegankelijke websites",
        "Hoofdactiviteiten: Gemeenten",
        "Websites toetsen (Provincies)",
        "Alle websites voldoen.",
        "30 juni 2029",
        "gemeente Utrecht",
        "DigiD",
    ]:
        assert text in html, text
    order = [
        html.index(f'id="{anchor}"')
        for anchor in ("inleiding", "stappen", "familie-gemeenten", "familie-provincies")
    ]
    assert order == sorted(order)


@pytest.mark.parametrize("fmt", ["doc", "xlsx"])
def test_unknown_formats_are_not_found(example, client_for, fmt):
    assert (
        client_for(None)
        .get(reverse("documents:agenda-document-download", args=[SLUG, 1, fmt]))
        .status_code
        == 404
    )


# --- access -------------------------------------------------------------------------------


def test_a_concept_of_a_public_programme_is_public(example, client_for):
    for _name, user in example.world.personas():
        for url in _urls():
            assert client_for(user).get(url).status_code == 200, (url, _name)


@pytest.mark.parametrize("state", [VersionState.DRAFT])
def test_a_draft_is_for_the_office_only(example, client_for, state):
    AgendaVersion.objects.filter(pk=example.version.pk).update(state=state)
    for name, user in example.world.personas():
        for url in _urls():
            response = client_for(user).get(url)
            if name == "office":
                assert response.status_code == 200, url
                if not url.endswith(("odt", "pdf")):
                    assert "Voorbeeld." in response.content.decode()
            elif user is None:
                assert response.status_code == 302 and "inloggen" in response["Location"]
            else:
                assert response.status_code == 403, (name, url)


def test_a_concept_of_a_private_programme_is_for_the_office_only(example, client_for):
    Programme.objects.filter(pk=example.world.programme.pk).update(is_public=False)
    for name, user in example.world.personas():
        status = (
            client_for(user).get(reverse("documents:response-report", args=[SLUG, 1])).status_code
        )
        assert status == (200 if name == "office" else 302 if user is None else 403), name


# --- the reviewer's own page -------------------------------------------------------------------


def test_a_reviewer_sees_what_was_done_with_their_reactions(example, client_for):
    url = reverse("documents:reviewer-dispositions", args=[SLUG])
    html = client_for(example.world.reviewer).get(url).content.decode()
    assert "Alle websites van gemeenten" in html  # c1, theirs
    assert "Provincies willen meer tijd" in html  # c3, theirs
    assert BULK_REASON in html and OWN_REASON in html
    assert "Stap toegevoegd." in html  # c1's theme landed in the step
    assert "Stap 1 toegevoegd" in html  # the item by its number
    assert "Oude alinea weg." in html  # c3 was cited by a removal
    assert SECRET not in html and "waterschap" not in html  # not theirs
    assert reverse("documents:response-report", args=[SLUG, 1]) in html


def test_only_the_reviewer_sees_their_page(example, client_for):
    url = reverse("documents:reviewer-dispositions", args=[SLUG])
    for name, user in example.world.personas():
        response = client_for(user).get(url)
        if name == "reviewer":
            assert response.status_code == 200
        elif user is None:  # reviewers log in with a link by mail
            assert response.status_code == 302
            assert response["Location"] == reverse("consultation:reviewer-login-link", args=[SLUG])
        else:
            assert response.status_code == 403, name


def test_the_reviewer_page_takes_as_many_queries_for_many_reactions(
    example, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(example.world.reviewer)
    url = reverse("documents:reviewer-dispositions", args=[SLUG])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    from koers.consultation.constants import Channel
    from koers.consultation.models import Contribution

    earlier = timezone.now() - datetime.timedelta(days=1)  # page 1 still holds c1 and c3
    for n in range(30):
        Contribution.objects.create(
            programme=example.world.programme,
            version=example.version,
            channel=Channel.REVIEWER,
            text=f"Nog een {n}",
            reviewer=example.reviewer,
            submitted_at=earlier,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Pagina 1 van 2" in response.content.decode()
    assert len(many) == len(few)
