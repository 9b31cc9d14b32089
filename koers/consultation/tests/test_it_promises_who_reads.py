"""What the forms promise about who reads a non-public reaction and a speaker's name matches the
rules: the office and the council read them (consultation.view_contributions), nobody else."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ..constants import Channel, Publication
from ..forms_reviewers import ReactionForm
from ..forms_roundtables import ContributionForm
from ..models import Contribution, RoundTable

pytestmark = pytest.mark.django_db

READERS = {"office", "council_member", "admin"}


@pytest.fixture
def round_table(world):
    start = timezone.now() - datetime.timedelta(days=1)
    table = RoundTable.objects.create(
        programme=world.programme,
        title="Ronde tafel",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Den Haag",
    )
    table.families.set([world.family])
    return table


def test_the_promises_name_the_office_and_the_council(round_table):
    reaction = str(ReactionForm().fields["publication"].help_text)
    assert (
        "niet-openbare reactie lezen alleen het programmabureau en de leden van de regieraad"
        in (reaction)
    )
    speaker = ContributionForm(round_table=round_table, organisations=[], paragraphs=[])
    assert str(speaker.fields["author_name"].help_text) == (
        "Optioneel. Zichtbaar voor het programmabureau en de regieraad, niet openbaar."
    )


def test_the_office_and_the_council_read_what_the_promises_say(world, round_table, client_for):
    private = Contribution.objects.create(
        programme=world.programme,
        channel=Channel.REVIEWER,
        family=world.family,
        text="Alleen voor het bureau en de raad.",
        publication=Publication.NONE,
    )
    spoken = Contribution.objects.create(
        programme=world.programme,
        channel=Channel.ROUND_TABLE,
        round_table=round_table,
        family=world.family,
        text="Gezegd aan tafel.",
        author_name="Sanne Spreker",
    )
    detail = reverse("consultation:contribution-detail", args=[world.programme.slug, private.pk])
    table = reverse("consultation:roundtable-detail", args=[world.programme.slug, round_table.pk])
    for name, user in world.personas():
        text = client_for(user).get(detail).content.decode()
        page = client_for(user).get(table).content.decode()
        reads = "Alleen voor het bureau en de raad." in text
        hears = spoken.author_name in page
        assert reads == (name in READERS), name
        assert hears == (name in READERS), name
