"""The state machine of an agenda version: draft -> concept -> adopted, and adopted is frozen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.organisations.tests.factories import without_council

from .. import services as versions
from ..constants import VersionState
from ..models import FrozenVersionError, Paragraph, Section
from ..services import move_version


@pytest.fixture
def version(world):
    version = versions.create_version(world.programme, title="Voorzet", by=world.office)
    versions.import_markdown(version, "## Dienstverlening\n\nAlles digitaal.\n\nOok per post.")
    return version


def test_it_moves_draft_to_concept_to_adopted(version):
    version = move_version(version, VersionState.CONCEPT)
    assert version.state == VersionState.CONCEPT
    without_council(version)
    version = move_version(version, VersionState.ADOPTED)
    assert version.state == VersionState.ADOPTED
    assert version.adopted_at is not None
    assert version.is_frozen


@pytest.mark.parametrize(
    "start, target",
    [
        (VersionState.DRAFT, VersionState.ADOPTED),
        (VersionState.DRAFT, VersionState.DRAFT),
        (VersionState.CONCEPT, VersionState.DRAFT),
        (VersionState.ADOPTED, VersionState.CONCEPT),
        (VersionState.ADOPTED, VersionState.DRAFT),
    ],
)
def test_it_refuses_other_moves(version, start, target):
    type(version).objects.filter(pk=version.pk).update(state=start)
    version.refresh_from_db()
    with pytest.raises(ValidationError):
        move_version(version, target)
    version.refresh_from_db()
    assert version.state == start


@pytest.fixture
def adopted(version):
    move_version(version, VersionState.CONCEPT)
    without_council(version)
    return move_version(version, VersionState.ADOPTED)


def test_it_refuses_changes_to_an_adopted_version_in_the_model(adopted):
    section = adopted.sections.get()
    paragraph = adopted.paragraphs.first()
    section.title = "Anders"
    with pytest.raises(FrozenVersionError):
        section.save()
    paragraph.text = "Anders"
    with pytest.raises(FrozenVersionError):
        paragraph.save()
    with pytest.raises(FrozenVersionError):
        paragraph.delete()
    with pytest.raises(FrozenVersionError):
        versions.add_section(adopted, title="Nieuw")
    with pytest.raises(FrozenVersionError):
        versions.update_version(adopted, title="Anders", introduction="")
    with pytest.raises(FrozenVersionError):
        versions.import_markdown(adopted, "## Nieuw\n\nTekst")
    with pytest.raises(FrozenVersionError):
        versions.move_paragraph(paragraph, versions.DOWN)


def snapshot(version):
    version.refresh_from_db()
    return (
        version.title,
        version.introduction,
        version.state,
        version.consultation_opens_at,
        list(Section.objects.filter(version=version).values_list("anchor", "position", "title")),
        list(
            Paragraph.objects.filter(version=version).values_list(
                "anchor", "position", "text", "section_id"
            )
        ),
        list(Paragraph.families.through.objects.filter(paragraph__version=version).values_list()),
    )


def test_it_refuses_every_edit_view_on_an_adopted_version(world, client_for, adopted):
    client = client_for(world.office)
    slug, number = world.programme.slug, adopted.number
    section = adopted.sections.get()
    paragraph = adopted.paragraphs.first()
    before = snapshot(adopted)
    edit_url = reverse("drafting:version-edit", args=[slug, number])
    attempts = [
        (edit_url, {"title": "Anders", "introduction": "Anders"}),
        (reverse("drafting:version-move", args=[slug, number]), {"state": VersionState.CONCEPT}),
        (
            reverse("drafting:version-period", args=[slug, number]),
            {"opens_at": "01-06-2016 09:00", "closes_at": ""},
        ),
        (reverse("drafting:version-import", args=[slug, number]), {"text": "## Nieuw\n\nTekst"}),
        (reverse("drafting:version-section-add", args=[slug, number]), {"title": "Nieuw"}),
        (
            reverse("drafting:version-section-edit", args=[slug, number, section.anchor]),
            {"title": "Anders"},
        ),
        (
            reverse("drafting:version-section-move", args=[slug, number, section.anchor]),
            {"direction": "omlaag"},
        ),
        (reverse("drafting:version-section-delete", args=[slug, number, section.anchor]), {}),
        (
            reverse("drafting:version-paragraph-add", args=[slug, number, section.anchor]),
            {"text": "Nieuw", "section": section.pk},
        ),
        (
            reverse("drafting:version-paragraph-edit", args=[slug, number, paragraph.anchor]),
            {"text": "Anders", "section": section.pk, "families": [world.family.pk]},
        ),
        (
            reverse("drafting:version-paragraph-move", args=[slug, number, paragraph.anchor]),
            {"direction": "omlaag"},
        ),
        (reverse("drafting:version-paragraph-delete", args=[slug, number, paragraph.anchor]), {}),
    ]
    for url, data in attempts:
        response = client.post(url, data, follow=True)
        assert response.redirect_chain[-1][0] == edit_url, url
        shown = [str(m) for m in response.context["messages"]]
        assert any("vastgesteld" in m or "kan niet" in m for m in shown), (url, shown)
        # The forms refuse before they are shown, not only when they are sent.
        if url != edit_url and not url.endswith(("status", "verplaatsen")):
            get = client.get(url, follow=True)
            assert get.redirect_chain and get.redirect_chain[-1][0] == edit_url, url
    assert snapshot(adopted) == before


def test_it_moves_versions_through_the_office_page(world, client_for, version):
    without_council(version)
    client = client_for(world.office)
    url = reverse("drafting:version-move", args=[world.programme.slug, version.number])
    response = client.post(url, {"state": VersionState.ADOPTED}, follow=True)
    assert "kan niet" in response.content.decode()
    version.refresh_from_db()
    assert version.state == VersionState.DRAFT
    client.post(url, {"state": VersionState.CONCEPT, "confirmed": "1"})
    client.post(url, {"state": VersionState.ADOPTED, "confirmed": "1"})
    version.refresh_from_db()
    assert version.state == VersionState.ADOPTED
    response = client.post(url, {"state": "onzin"}, follow=True)
    assert "Kies een geldige status." in response.content.decode()


def test_it_shows_the_frozen_version_read_only(world, client_for, adopted):
    response = client_for(world.office).get(
        reverse("drafting:version-edit", args=[world.programme.slug, adopted.number])
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "verandert niet meer" in content
    assert "Titel en inleiding opslaan" not in content
    assert "Nieuwe voorzet op basis van deze versie" in content
