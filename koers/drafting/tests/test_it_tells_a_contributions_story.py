"""A contribution's page tells its whole story: its theme and campaign, what was decided about
it and why, and where it landed in the agenda, with the way to process it for who may."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.synthesis.constants import Outcome
from koers.synthesis.dispositions import dispose
from koers.synthesis.models import Campaign, SynthesisRun, ThemeAssignment

from .. import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(agenda):
    """The published contribution: in a theme and a campaign, adopted, and cited by a change."""
    world = agenda.world
    run = SynthesisRun.objects.create(programme=agenda.programme)
    campaign = Campaign.objects.create(
        programme=agenda.programme,
        run=run,
        number=3,
        representative=agenda.published,
        text=agenda.published.text,
        size=12,
    )
    ThemeAssignment.objects.create(
        contribution=agenda.published,
        theme=agenda.theme,
        campaign=campaign,
        run=run,
        assigned_at=timezone.now(),
    )
    dispose([agenda.published.pk], Outcome.ADOPTED, "Staat nu in de inleiding.", by=world.office)
    paragraph = agenda.concept.paragraphs.order_by("section__position", "position").first()
    services.change_paragraph(
        paragraph,
        text="Burgers kunnen in 2017 al hun zaken digitaal doen, en op papier.",
        summary="Papier blijft mogelijk.",
        contributions=[agenda.published],
        by=world.office,
    )
    return agenda


def page(client, agenda) -> str:
    url = reverse(
        "consultation:contribution-detail", args=[agenda.programme.slug, agenda.published.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_office_theme_campaign_decision_and_change_with_the_way_to_process(
    story, client_for
):
    html = page(client_for(story.world.office), story)
    slug = story.programme.slug
    assert "Thema: Digitale inclusie" in html
    assert reverse("synthesis:theme-detail", args=[slug, story.theme.pk]) in html
    assert "Campagne 3: 12 gelijke teksten" in html
    assert "Verwerkt als “overgenomen”" in html.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "Staat nu in de inleiding." in html
    assert "Papier blijft mogelijk." in html
    trace = reverse("drafting:version-trace", args=[slug, story.concept.number])
    assert f'href="{trace}#c-' in html
    assert "Verwerking wijzigen" in html
    assert reverse("synthesis:contribution-dispose", args=[slug, story.published.pk]) in html


def test_it_tells_the_council_the_story_without_the_way_to_process(story, client_for):
    html = page(client_for(story.world.council_member), story)
    assert "Thema: Digitale inclusie" in html
    assert "Verwerking wijzigen" not in html


def test_it_says_what_has_not_happened_yet(agenda, client_for):
    html = page(client_for(agenda.world.office), agenda)
    assert "Nog niet in een thema ingedeeld." in html
    assert "Nog niet verwerkt." in html
    assert ">Verwerken<" in html
    assert "Waar het in de agenda landde" not in html


def test_it_reads_the_story_in_a_constant_number_of_queries(story, client_for):
    client = client_for(story.world.office)
    page(client, story)
    with CaptureQueriesContext(connection) as one_change:
        page(client, story)
    for paragraph in story.concept.paragraphs.all()[1:3]:
        services.change_paragraph(
            paragraph,
            text=paragraph.text + " Ook op papier.",
            summary="Papier blijft mogelijk.",
            contributions=[story.published],
            by=story.world.office,
        )
    with CaptureQueriesContext(connection) as three_changes:
        assert page(client, story).count("Papier blijft mogelijk.") == 3
    assert len(three_changes) == len(one_change)
