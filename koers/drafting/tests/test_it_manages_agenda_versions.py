"""The programme office writes versions; everyone else is refused (the public must log in)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.consultation.constants import Channel
from koers.consultation.services import record_contribution
from koers.organisations.tests.factories import FamilyFactory, RoleFactory


@pytest.fixture
def version(world):
    version = versions.create_version(world.programme, title="Voorzet", by=world.office)
    versions.import_markdown(
        version, "## Dienstverlening\n\nEen.\n\nTwee.\n\n## Voorzieningen\n\nDrie."
    )
    return version


def office_requests(world, version):
    """(method, url, data) for every office view, with data that would change something."""
    slug, number = world.programme.slug, version.number
    section = version.sections.order_by("position").first()
    paragraph = section.paragraphs.order_by("position").first()
    return [
        ("get", reverse("drafting:version-manage", args=[slug]), {}),
        ("post", reverse("drafting:version-manage", args=[slug]), {"title": "Nieuw"}),
        ("get", reverse("drafting:version-edit", args=[slug, number]), {}),
        ("post", reverse("drafting:version-edit", args=[slug, number]), {"title": "Anders"}),
        ("post", reverse("drafting:version-move", args=[slug, number]), {"state": "concept"}),
        ("post", reverse("drafting:version-copy", args=[slug, number]), {}),
        ("get", reverse("drafting:version-period", args=[slug, number]), {}),
        (
            "post",
            reverse("drafting:version-period", args=[slug, number]),
            {"opens_at": "01-06-2016 09:00"},
        ),
        ("get", reverse("drafting:version-import", args=[slug, number]), {}),
        ("post", reverse("drafting:version-import", args=[slug, number]), {"text": "## X\n\nY"}),
        ("get", reverse("drafting:version-section-add", args=[slug, number]), {}),
        ("post", reverse("drafting:version-section-add", args=[slug, number]), {"title": "X"}),
        ("get", reverse("drafting:version-section-edit", args=[slug, number, section.anchor]), {}),
        (
            "post",
            reverse("drafting:version-section-move", args=[slug, number, section.anchor]),
            {"direction": "omlaag"},
        ),
        (
            "post",
            reverse("drafting:version-section-delete", args=[slug, number, section.anchor]),
            {},
        ),
        ("get", reverse("drafting:version-paragraph-add", args=[slug, number, section.anchor]), {}),
        (
            "get",
            reverse("drafting:version-paragraph-edit", args=[slug, number, paragraph.anchor]),
            {},
        ),
        (
            "post",
            reverse("drafting:version-paragraph-move", args=[slug, number, paragraph.anchor]),
            {"direction": "omlaag"},
        ),
        (
            "post",
            reverse("drafting:version-paragraph-delete", args=[slug, number, paragraph.anchor]),
            {},
        ),
    ]


def state(version):
    return (
        list(
            AgendaVersion.objects.values_list("number", "title", "state", "consultation_opens_at")
        ),
        list(Section.objects.values_list("anchor", "position", "title")),
        list(Paragraph.objects.values_list("anchor", "position", "text")),
    )


@pytest.mark.parametrize(
    "persona", ["coordinator", "contributor", "council_member", "reviewer", "outsider", "public"]
)
def test_it_refuses_everyone_but_the_office(world, client_for, version, persona):
    user = dict(world.personas())[persona]
    client = client_for(user)
    before = state(version)
    for method, url, data in office_requests(world, version):
        response = getattr(client, method)(url, data)
        if user is None:
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login")), url
        else:
            assert response.status_code == 403, (url, response.status_code)
    assert state(version) == before


def test_it_lets_the_office_open_every_page(world, client_for, version):
    client = client_for(world.office)
    for method, url, _data in office_requests(world, version):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_it_lets_staff_manage(world, client_for, version):
    world.outsider.is_staff = True
    world.outsider.save()
    url = reverse("drafting:version-edit", args=[world.programme.slug, version.number])
    assert client_for(world.outsider).get(url).status_code == 200


def test_it_refuses_the_office_of_another_programme(world, client_for, version):
    other = FamilyFactory().programme
    office = RoleFactory(programme=other).user
    url = reverse("drafting:version-edit", args=[world.programme.slug, version.number])
    assert client_for(office).get(url).status_code == 403


def test_it_creates_a_draft(world, client_for, version):
    client = client_for(world.office)
    url = reverse("drafting:version-manage", args=[world.programme.slug])
    response = client.post(url, {"title": "Tweede voorzet", "introduction": "Hallo"})
    created = AgendaVersion.objects.get(title="Tweede voorzet")
    assert created.number == version.number + 1
    assert created.state == VersionState.DRAFT
    assert response.url == reverse(
        "drafting:version-edit", args=[world.programme.slug, created.number]
    )
    assert created.history.first().history_user == world.office


def test_it_keeps_what_was_typed_when_the_title_is_missing(world, client_for, version):
    client = client_for(world.office)
    url = reverse("drafting:version-edit", args=[world.programme.slug, version.number])
    response = client.post(url, {"title": "", "introduction": "Mijn lange inleiding"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mijn lange inleiding" in content
    assert 'id="id_title_error"' in content
    version.refresh_from_db()
    assert version.title == "Voorzet"


def test_it_edits_title_and_introduction(world, client_for, version):
    client = client_for(world.office)
    url = reverse("drafting:version-edit", args=[world.programme.slug, version.number])
    response = client.post(url, {"title": "Voorzet agenda", "introduction": "Inleiding"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.title, version.introduction) == ("Voorzet agenda", "Inleiding")


def test_it_adds_and_edits_sections_and_paragraphs(world, client_for, version):
    client = client_for(world.office)
    slug, number = world.programme.slug, version.number
    client.post(
        reverse("drafting:version-section-add", args=[slug, number]), {"title": "Monitoring"}
    )
    section = version.sections.get(title="Monitoring")
    assert section.position == 2
    client.post(
        reverse("drafting:version-section-edit", args=[slug, number, section.anchor]),
        {"title": "Voortgang"},
    )
    section.refresh_from_db()
    assert section.title == "Voortgang"

    response = client.post(
        reverse("drafting:version-paragraph-add", args=[slug, number, section.anchor]),
        {"text": "Per familie.", "section": section.pk, "families": [world.family.pk]},
    )
    paragraph = section.paragraphs.get()
    assert response.url.endswith(f"#p-{paragraph.short_anchor}")
    assert list(paragraph.families.all()) == [world.family]

    anchor = paragraph.anchor
    other = version.sections.get(title="Dienstverlening")
    client.post(
        reverse("drafting:version-paragraph-edit", args=[slug, number, anchor]),
        {"text": "Per familie, per jaar.", "section": other.pk},
    )
    paragraph.refresh_from_db()
    assert (paragraph.anchor, paragraph.text, paragraph.section) == (
        anchor,
        "Per familie, per jaar.",
        other,
    )
    assert paragraph.position == 2
    assert list(paragraph.families.all()) == []


def test_it_offers_only_the_programmes_families_and_sections(world, client_for, version):
    stranger = FamilyFactory(name="Vreemde familie")
    other_version = versions.create_version(stranger.programme, title="Elders")
    other_section = versions.add_section(other_version, title="Elders")
    client = client_for(world.office)
    section = version.sections.first()
    url = reverse(
        "drafting:version-paragraph-add",
        args=[world.programme.slug, version.number, section.anchor],
    )
    content = client.get(url).content.decode()
    assert "Vreemde familie" not in content and world.family.name in content
    response = client.post(
        url, {"text": "Tekst blijft", "section": other_section.pk, "families": [stranger.pk]}
    )
    assert response.status_code == 200
    assert "Tekst blijft" in response.content.decode()
    assert not other_section.paragraphs.exists()


def test_it_moves_sections_and_paragraphs_without_javascript(world, client_for, version):
    client = client_for(world.office)
    slug, number = world.programme.slug, version.number
    first, second = version.sections.order_by("position")
    client.post(
        reverse("drafting:version-section-move", args=[slug, number, second.anchor]),
        {"direction": "omhoog"},
    )
    assert list(version.sections.order_by("position")) == [second, first]

    one, two = first.paragraphs.order_by("position")
    response = client.post(
        reverse("drafting:version-paragraph-move", args=[slug, number, one.anchor]),
        {"direction": "omlaag"},
    )
    assert response.url.endswith(f"#p-{one.short_anchor}")
    assert list(first.paragraphs.order_by("position")) == [two, one]

    response = client.post(
        reverse("drafting:version-paragraph-move", args=[slug, number, one.anchor]),
        {"direction": "omlaag"},
        follow=True,
    )
    assert "al aan het begin of eind" in response.content.decode()
    response = client.post(
        reverse("drafting:version-paragraph-move", args=[slug, number, one.anchor]),
        {"direction": "zijwaarts"},
        follow=True,
    )
    assert "Kies omhoog of omlaag." in response.content.decode()


def test_it_deletes_text_without_reactions_only(world, client_for, version):
    client = client_for(world.office)
    slug, number = world.programme.slug, version.number
    first, second = version.sections.order_by("position")
    one, two = first.paragraphs.order_by("position")
    record_contribution(world.programme, text="Zorg.", channel=Channel.REVIEWER, paragraphs=[one])

    response = client.get(
        reverse("drafting:version-paragraph-delete", args=[slug, number, one.anchor])
    )
    assert "1 reactie" in response.content.decode()
    response = client.post(
        reverse("drafting:version-paragraph-delete", args=[slug, number, one.anchor]), follow=True
    )
    assert "heeft reacties" in response.content.decode()
    response = client.post(
        reverse("drafting:version-section-delete", args=[slug, number, first.anchor]), follow=True
    )
    assert "heeft reacties" in response.content.decode()
    assert version.paragraphs.count() == 3

    client.post(reverse("drafting:version-paragraph-delete", args=[slug, number, two.anchor]))
    client.post(reverse("drafting:version-section-delete", args=[slug, number, second.anchor]))
    assert list(version.paragraphs.all()) == [one]
    assert list(version.sections.all()) == [first]


def test_it_imports_a_pasted_document_with_a_preview(world, client_for, version):
    client = client_for(world.office)
    url = reverse("drafting:version-import", args=[world.programme.slug, version.number])
    text = "## Monitoring\n\nEen.\n\nTwee.\n\n## Nazorg\n\nDrie."
    response = client.post(url, {"text": text, "preview": "1"})
    content = response.content.decode()
    assert "Dit wordt 2 hoofdstukken met samen 3 alinea" in content
    assert version.sections.count() == 2
    assert "Monitoring" in content and "## Monitoring" in content  # the text stays in the box

    response = client.post(url, {"text": text}, follow=True)
    assert "2 hoofdstukken en 3 alinea" in response.content.decode()
    assert version.sections.count() == 4 and version.paragraphs.count() == 6

    response = client.post(url, {"text": "   "})
    assert 'id="id_text_error"' in response.content.decode()


def test_it_sets_the_consultation_period(world, client_for, version):
    client = client_for(world.office)
    url = reverse("drafting:version-period", args=[world.programme.slug, version.number])
    response = client.post(url, {"opens_at": "01-09-2016 09:00", "closes_at": "01-06-2016 09:00"})
    assert "Het sluiten ligt niet na het openen." in response.content.decode()
    assert 'value="01-09-2016 09:00"' in response.content.decode()
    version.refresh_from_db()
    assert version.consultation_opens_at is None

    response = client.post(url, {"opens_at": "01-06-2016 09:00", "closes_at": "01-09-2030 17:00"})
    assert response.status_code == 302
    version.refresh_from_db()
    local = timezone.localtime(version.consultation_opens_at)
    assert (local.year, local.month, local.day, local.hour) == (2016, 6, 1, 9)
    assert version.is_open_for_consultation()


def test_it_copies_a_version_from_the_office_page(world, client_for, version):
    client = client_for(world.office)
    response = client.post(
        reverse("drafting:version-copy", args=[world.programme.slug, version.number])
    )
    copy = AgendaVersion.objects.get(based_on=version)
    assert response.url == reverse(
        "drafting:version-edit", args=[world.programme.slug, copy.number]
    )
    assert set(copy.paragraphs.values_list("anchor", flat=True)) == set(
        version.paragraphs.values_list("anchor", flat=True)
    )


def test_it_shows_the_edit_page_in_constant_queries(
    world, client_for, version, django_assert_max_num_queries
):
    client = client_for(world.office)
    url = reverse("drafting:version-edit", args=[world.programme.slug, version.number])
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    versions.import_markdown(version, "\n\n".join(f"## H{i}\n\nA{i}\n\nB{i}" for i in range(30)))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_it_counts_one_section_and_one_paragraph_in_the_singular(world, client_for, version):
    url = reverse("drafting:version-import", args=[world.programme.slug, version.number])
    response = client_for(world.office).post(url, {"text": "## Nazorg\n\nEen.", "preview": "1"})
    assert "Dit wordt 1 hoofdstuk met samen 1 alinea." in response.content.decode()
