"""The office records what was said at a round table, one contribution after another."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.organisations.constants import Kind
from koers.organisations.tests.factories import FamilyFactory, OrganisationFactory

from ..constants import Channel, Stance
from ..models import Contribution, RoundTable

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    version = AgendaVersion.objects.create(programme=world.programme, number=1, title="Voorzet")
    section = Section.objects.create(version=version, position=1, title="Digitaal als standaard")
    first = Paragraph.objects.create(
        version=version, section=section, position=1, text="Alle diensten zijn digitaal."
    )
    second = Paragraph.objects.create(
        version=version, section=section, position=2, text="Andere kanalen blijven bestaan."
    )
    start = timezone.now() - datetime.timedelta(hours=3)
    round_table = RoundTable.objects.create(
        programme=world.programme,
        version=version,
        title="Ronde tafel gemeenten",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Den Haag",
    )
    round_table.families.set([world.family])
    round_table.invited.set([world.organisation, world.other_organisation])
    round_table.attended.set([world.organisation])
    return round_table, first, second


def record_url(round_table):
    return reverse(
        "consultation:roundtable-record", args=[round_table.programme.slug, round_table.pk]
    )


def test_it_lets_only_the_office_record(world, client_for, meeting):
    round_table, first, _second = meeting
    data = {"text": "Graag meer tijd.", "stance": Stance.CONCERN}
    for name, user in world.personas():
        response = client_for(user).post(record_url(round_table), data)
        expected = 302 if name in {"office", "public"} else 403
        assert response.status_code == expected, name
        if user is None:
            assert response["Location"].startswith("/inloggen")
    assert Contribution.objects.count() == 1


def test_it_refuses_get(world, client_for, meeting):
    round_table = meeting[0]
    assert client_for(world.office).get(record_url(round_table)).status_code == 405


def test_it_records_a_contribution_with_its_family_from_the_organisation(
    world, client_for, meeting
):
    round_table, first, second = meeting
    client = client_for(world.office)
    response = client.post(
        record_url(round_table),
        {
            "text": "Utrecht wil eerst de website verbeteren.",
            "paragraphs": [first.pk, second.pk],
            "organisation": world.organisation.pk,
            "author_name": "J. de Vries",
            "stance": Stance.SUGGESTION,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#inbreng-invoeren")
    contribution = Contribution.objects.get()
    assert contribution.channel == Channel.ROUND_TABLE
    assert contribution.round_table == round_table
    assert contribution.version == round_table.version
    assert contribution.organisation == world.organisation
    assert contribution.family == world.family
    assert contribution.author_name == "J. de Vries"
    assert contribution.stance == Stance.SUGGESTION
    assert set(contribution.paragraphs.all()) == {first, second}
    assert contribution.history.first().history_user == world.office
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "De inbreng is vastgelegd." in content
    assert "Utrecht wil eerst de website verbeteren." in content
    # The form is empty again for the next contribution.
    assert page.context["form"].is_bound is False


def test_it_counts_input_for_the_family_at_the_table(world, client_for, meeting):
    """An organisation in two families is recorded for the family the meeting was for."""
    round_table = meeting[0]
    big_cities = FamilyFactory(
        programme=world.programme, kinds=[Kind.MUNICIPALITY], position=5, name="G4"
    )
    world.family.position = 9
    world.family.save()
    client_for(world.office).post(
        record_url(round_table),
        {"text": "Eens.", "organisation": world.organisation.pk, "stance": Stance.AGREE},
    )
    assert Contribution.objects.get().family == world.family
    assert big_cities != world.family


def test_it_keeps_what_was_typed_on_error(world, client_for, meeting):
    round_table, first, _second = meeting
    outside = OrganisationFactory(kind=Kind.PROVINCE)
    response = client_for(world.office).post(
        record_url(round_table),
        {
            "text": "",
            "paragraphs": [first.pk],
            "organisation": outside.pk,
            "author_name": "Spreker A",
            "stance": Stance.CONCERN,
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vul de inbreng in." in content
    assert response.context["form"].errors["organisation"]
    assert 'value="Spreker A"' in content
    assert f'value="{first.pk}" id="id_paragraphs_0" checked' in content
    assert not Contribution.objects.exists()


def test_it_offers_the_version_paragraphs_by_number_as_plain_text(world, client_for, meeting):
    round_table, first, second = meeting
    second.text = "Andere kanalen via **DigiD** blijven bestaan."
    second.save()
    content = client_for(world.office).get(round_table.get_absolute_url()).content.decode()
    assert "Alinea 1.1 (Digitaal als standaard): Alle diensten zijn digitaal." in content
    assert "Alinea 1.2 (Digitaal als standaard): Andere kanalen via DigiD blijven bestaan." in (
        content
    )
    assert "**DigiD**" not in content


def test_it_records_without_paragraphs_when_the_meeting_has_no_version(world, client_for, meeting):
    round_table = meeting[0]
    round_table.version = None
    round_table.save()
    response = client_for(world.office).post(
        record_url(round_table), {"text": "Algemeen punt.", "stance": Stance.GENERAL}
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.organisation is None and contribution.family is None
