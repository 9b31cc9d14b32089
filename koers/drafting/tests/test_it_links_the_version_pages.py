"""The consultation's version pages link to the agenda pages of that version, and only to those
the reader may open: the structure, each family's chapter, the trace, the comparison with the
version it is based on, and the response report and agenda document."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.services import move_version

pytestmark = pytest.mark.django_db


def url(name, agenda, version, *args):
    return reverse(name, args=[agenda.programme.slug, version.number, *args])


def agenda_links(html: str) -> list[str]:
    """The hrefs in the version's agenda links, or [] when the page shows none."""
    match = re.search(r'<nav aria-labelledby="agenda-links-\d+".*?</nav>', html, re.S)
    return re.findall(r'href="([^"]+)"', match.group(0)) if match else []


def compare_link(agenda, older, newer):
    return (
        reverse("drafting:version-compare", args=[agenda.programme.slug])
        + f"?van={older.number}&amp;naar={newer.number}"
    )


def test_it_links_a_public_concept_to_its_agenda_pages_and_documents(agenda, client_for):
    move_version(agenda.concept, VersionState.CONCEPT)
    concept = agenda.concept
    for name, user in agenda.world.personas():
        html = (
            client_for(user)
            .get(url("consultation:version-detail", agenda, concept))
            .content.decode()
        )
        links = agenda_links(html)
        expected = [
            url("drafting:agenda-structure", agenda, concept),
            url("drafting:agenda-family-chapter", agenda, concept, agenda.world.family.slug),
            url("drafting:agenda-family-chapter", agenda, concept, agenda.provinces.slug),
            url("drafting:version-trace", agenda, concept),
            compare_link(agenda, agenda.draft, concept),
            url("documents:response-report", agenda, concept),
            url("documents:response-report-download", agenda, concept, "pdf"),
            url("documents:agenda-document-download", agenda, concept, "odt"),
        ]
        for link in expected:
            assert link in links, (name, link)
        # Making the next version is the office's, and only from a draft.
        assert url("drafting:version-make-concept", agenda, concept) not in html, name
        assert ("Deze versie bewerken" in html) == (name == "office"), name
    html = (
        client_for(None).get(url("consultation:version-detail", agenda, concept)).content.decode()
    )
    assert ">Hoofdstuk Provincies<" in html and "Vergelijk met versie 1" in html


def test_it_shows_every_reader_only_links_that_open(agenda, client_for):
    """A draft whose consultation is only planned is the office's working text on every page;
    once it opens, its agenda pages are public, and the documents wait for a concept. (In a
    programme that is not public only the office reads a version at all.)"""
    planned = versions.copy_version(agenda.draft)
    versions.open_consultation(planned, opens_at=timezone.now() + datetime.timedelta(days=3))
    move_version(agenda.concept, VersionState.CONCEPT)
    for name, user in agenda.world.personas():
        client = client_for(user)
        for version in (agenda.draft, agenda.concept, planned):
            page = client.get(url("consultation:version-detail", agenda, version))
            if page.status_code != 200:
                continue  # the text itself is not for this reader
            for link in agenda_links(page.content.decode()):
                if link.endswith((".pdf", ".odt")):
                    continue  # the page of the same document is tried
                status = client.get(link.replace("&amp;", "&")).status_code
                assert status == 200, (name, version.number, link)
    public = client_for(None)
    assert (
        public.get(url("consultation:version-detail", agenda, planned)).status_code == 302
    )  # to log in
    draft_links = agenda_links(
        public.get(url("consultation:version-detail", agenda, agenda.draft)).content.decode()
    )
    assert url("drafting:agenda-structure", agenda, agenda.draft) in draft_links
    assert url("documents:response-report", agenda, agenda.draft) not in draft_links


def test_it_offers_the_office_the_concept_and_previews_on_a_draft(agenda, client_for):
    office = client_for(agenda.world.office)
    for page in ("consultation:version-detail", "drafting:version-edit"):
        html = office.get(url(page, agenda, agenda.draft)).content.decode()
        links = agenda_links(html)
        assert f'action="{url("drafting:version-make-concept", agenda, agenda.draft)}"' in html, (
            page
        )
        assert url("documents:response-report", agenda, agenda.draft) in links, page
        assert url("documents:agenda-document", agenda, agenda.draft) in links, page
        assert "Een voorbeeld" in html, page
    public = (
        client_for(None)
        .get(url("consultation:version-detail", agenda, agenda.draft))
        .content.decode()
    )
    assert url("drafting:version-make-concept", agenda, agenda.draft) not in public


def test_it_lists_the_agenda_pages_of_every_version_for_the_office(agenda, client_for):
    office = client_for(agenda.world.office)
    manage = reverse("drafting:version-manage", args=[agenda.programme.slug])

    def read():
        with CaptureQueriesContext(connection) as queries:
            response = office.get(manage)
        assert response.status_code == 200
        return response.content.decode(), len(queries)

    html, small = read()
    assert url("drafting:agenda-structure", agenda, agenda.concept) in html
    assert url("drafting:version-trace", agenda, agenda.concept) in html
    assert compare_link(agenda, agenda.draft, agenda.concept) in html
    assert url("documents:agenda-document", agenda, agenda.draft) in html
    assert url("drafting:version-trace", agenda, agenda.draft) not in html  # nothing to trace
    for _n in range(3):
        versions.copy_version(agenda.programme.versions.order_by("number").last())
    html, large = read()
    assert url("drafting:agenda-structure", agenda, agenda.programme.versions.last()) in html
    assert large == small


def test_the_structure_offers_the_next_version_as_the_version_page_does(agenda, client_for):
    """One name for one action, offered on the same versions: a draft is written on as a concept
    in a new version from its page and from its steps and main activities alike; a concept or an
    adopted version offers it on neither."""
    move_version(agenda.concept, VersionState.CONCEPT)
    newest = versions.copy_version(agenda.draft)
    client = client_for(agenda.world.office)
    label = "Concept schrijven in een nieuwe versie"
    offered = {}
    for version in (agenda.draft, agenda.concept, newest):
        version.refresh_from_db()
        action = url("drafting:version-make-concept", agenda, version)
        pages = [
            client.get(url(name, agenda, version)).content.decode()
            for name in ("consultation:version-detail", "drafting:agenda-structure")
        ]
        assert "Volgende versie maken" not in pages[1]
        on_page, on_structure = ((action in html, label in html) for html in pages)
        assert on_page == on_structure, version.state
        offered[version.state] = on_page[0]
    assert offered == {VersionState.DRAFT: True, VersionState.CONCEPT: False}
