"""What the council adopted stays as it was: the documents of an adopted version are stored at
adoption, with their checksum, and served as stored; an import and a new analysis afterwards
change nothing in them (the concept's documents do follow the input)."""

import base64
import datetime
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.council import services as council
from koers.synthesis.models import ThemeAssignment

from ..constants import DocumentFormat, DocumentKind
from ..models import StoredDocument

SLUG = "digitaal-2017"
STARTS = timezone.make_aware(datetime.datetime(2016, 6, 14, 10, 0))


@pytest.fixture
def adopted(example, django_capture_on_commit_callbacks):
    """The example's concept adopted by the council; the documents stored by the task."""
    meeting = council.plan_meeting(
        example.world.programme, version=example.version, title="Regieraad", starts_at=STARTS
    )
    with django_capture_on_commit_callbacks(execute=True):
        version = council.adopt_version(meeting, by=example.world.council_member)
    return version


def _urls(number):
    return {
        "report": reverse("documents:response-report", args=[SLUG, number]),
        "report.pdf": reverse("documents:response-report-download", args=[SLUG, number, "pdf"]),
        "report.odt": reverse("documents:response-report-download", args=[SLUG, number, "odt"]),
        "family": reverse("documents:response-report-family", args=[SLUG, number, "provincies"]),
        "family.pdf": reverse(
            "documents:response-report-family-download", args=[SLUG, number, "provincies", "pdf"]
        ),
        "family.odt": reverse(
            "documents:response-report-family-download", args=[SLUG, number, "provincies", "odt"]
        ),
        "agenda": reverse("documents:agenda-document", args=[SLUG, number]),
        "agenda.pdf": reverse("documents:agenda-document-download", args=[SLUG, number, "pdf"]),
        "agenda.odt": reverse("documents:agenda-document-download", args=[SLUG, number, "odt"]),
    }


def _serve(client, number) -> dict[str, bytes]:
    served = {}
    for name, url in _urls(number).items():
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content
        if "." not in name:
            # Pages carry a fresh form token each time; the rest must be the same bytes.
            content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
        else:
            sha = hashlib.sha256(content).hexdigest()
            assert response["ETag"] == f'"{sha}"'
            digest = base64.b64encode(hashlib.sha256(content).digest()).decode()
            assert response["Repr-Digest"] == f"sha-256=:{digest}:"
        served[name] = content
    return served


def _import_and_reanalyse(example):
    """Four more contributions arrive by import, all on the websites theme, and a new analysis
    no longer counts websites as a common thread."""
    for n in range(4):
        contribution = Contribution.objects.create(
            programme=example.world.programme,
            channel=Channel.IMPORT,
            family=example.provinces,
            text=f"Nagekomen inbreng {n} over websites.",
            publication=Publication.ANONYMOUS,
        )
        ThemeAssignment.objects.create(
            contribution=contribution, theme=example.websites, assigned_at=timezone.now()
        )
    example.websites.common_thread_decision = False
    example.websites.save()


@pytest.mark.stores_documents
def test_it_stores_the_documents_when_the_council_adopts(adopted):
    stored = StoredDocument.objects.filter(version=adopted)
    # Agenda, report, and the report of each of the two families; three formats; two languages.
    assert stored.count() == 4 * 3 * 2
    for doc in stored:
        assert doc.sha256 == hashlib.sha256(bytes(doc.content)).hexdigest()
    pdf = stored.get(kind=DocumentKind.REPORT, family=None, format="pdf", language="nl")
    assert bytes(pdf.content).startswith(b"%PDF")


@pytest.mark.stores_documents
def test_an_import_and_a_new_analysis_change_nothing_in_the_adopted_documents(
    example, adopted, client_for
):
    client = client_for(None)
    before = _serve(client, adopted.number)
    concept_before = client.get(
        reverse("documents:response-report", args=[SLUG, example.version.number])
    )
    assert "Nagekomen inbreng" not in before["report"].decode()

    _import_and_reanalyse(example)

    after = _serve(client, adopted.number)
    for name in before:
        assert after[name] == before[name], name
    # The concept's report does follow: it counts the import and lost its common thread.
    concept_after = client.get(
        reverse("documents:response-report", args=[SLUG, example.version.number])
    )
    assert concept_after.content != concept_before.content
    assert "rode draad" in before["report"].decode()


@pytest.mark.stores_documents
def test_the_page_shows_the_checksums(adopted, client_for):
    html = client_for(None).get(_urls(adopted.number)["report"]).content.decode()
    pdf = StoredDocument.objects.get(
        version=adopted, kind=DocumentKind.REPORT, family=None, format="pdf", language="nl"
    )
    assert f"SHA-256: <code>{pdf.sha256}</code>" in html
    assert "Deze versie is vastgesteld. Haar documenten zijn bij de vaststelling gemaakt" in html


def test_a_missing_stored_document_is_made_once_and_kept(adopted, example, client_for):
    StoredDocument.objects.filter(version=adopted).delete()
    client = client_for(None)
    url = _urls(adopted.number)["report.odt"]
    first = client.get(url).content
    assert StoredDocument.objects.filter(version=adopted).count() == 1
    _import_and_reanalyse(example)
    assert client.get(url).content == first
    assert StoredDocument.objects.filter(version=adopted, format=DocumentFormat.ODT).count() == 1


def test_the_english_page_gets_its_own_stored_body(adopted, client_for):
    client = client_for(None)
    client.cookies["django_language"] = "en"
    # The request activates English in this thread; the override puts the language back after.
    with translation.override("nl"):
        html = client.get(_urls(adopted.number)["report"], HTTP_ACCEPT_LANGUAGE="en").content
    body = StoredDocument.objects.get(
        version=adopted, kind=DocumentKind.REPORT, family=None, format="html", language="en"
    )
    assert bytes(body.content) in html
