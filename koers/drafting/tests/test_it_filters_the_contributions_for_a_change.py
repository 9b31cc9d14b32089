"""Picking the contributions behind a change from hundreds: the trace's search filters by text,
theme, paragraph and family, shows each contribution as plain text, says how many it found,
and keeps what was typed and ticked."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.synthesis.models import ThemeAssignment

from ..forms import SEARCH_LIMIT

pytestmark = pytest.mark.django_db


def step_url(agenda):
    return reverse("drafting:step-create", args=[agenda.programme.slug, agenda.concept.number])


@pytest.fixture
def input_(agenda):
    """Besides the agenda's two: one on the draft's first paragraph (in the theme) in Markdown,
    one on its second paragraph."""
    first, second = agenda.draft.paragraphs.order_by("section__position", "position")[:2]
    on_first = Contribution.objects.create(
        programme=agenda.programme,
        channel=Channel.ROUND_TABLE,
        family=agenda.world.family,
        text="Schrijf op **taalniveau B1**, zie [de richtlijn](https://example.org).",
    )
    on_first.paragraphs.set([first])
    on_second = Contribution.objects.create(
        programme=agenda.programme,
        channel=Channel.ROUND_TABLE,
        family=agenda.provinces,
        text="Houd de balie open.",
    )
    on_second.paragraphs.set([second])
    for contribution in (on_first, agenda.published):
        ThemeAssignment.objects.create(
            contribution=contribution, theme=agenda.theme, assigned_at=timezone.now()
        )
    return {
        "first": first,
        "on_first": on_first,
        "on_second": on_second,
        "published": agenda.published,
        "private": agenda.private,
    }


def concept_paragraph(agenda, paragraph):
    """The paragraph of the concept that continues `paragraph` of the draft."""
    return agenda.concept.paragraphs.get(anchor=paragraph.anchor)


def offered(html: str) -> dict[int, bool]:
    """Each contribution offered to tick, and whether it is ticked."""
    return {
        int(pk): " checked" in tag
        for tag, pk in re.findall(
            r'(<input type="checkbox"[^>]*name="contributions" value="(\d+)"[^>]*>)', html
        )
    }


def search(client, agenda, **filters):
    data = {"title": "Monitoring", "summary": "Gevraagd door gemeenten.", "search": "1"}
    response = client.post(step_url(agenda), data | filters)
    assert response.status_code == 200
    return response.content.decode()


def test_it_filters_by_theme_paragraph_family_and_text(agenda, input_, client_for):
    client = client_for(agenda.world.office)
    first = concept_paragraph(agenda, input_["first"])
    cases = [
        ({"filter_theme": agenda.theme.pk}, {"on_first", "published"}),
        ({"filter_paragraph": first.pk}, {"on_first"}),
        ({"filter_family": agenda.provinces.pk}, {"private", "on_second"}),
        ({"query": "balie"}, {"on_second"}),
        (
            {"filter_theme": agenda.theme.pk, "filter_family": agenda.world.family.pk},
            {"on_first", "published"},
        ),
        ({"filter_theme": agenda.theme.pk, "query": "papier"}, {"published"}),
        ({"filter_paragraph": first.pk, "filter_family": agenda.provinces.pk}, set()),
    ]
    for filters, expected in cases:
        html = search(client, agenda, **filters)
        assert set(offered(html)) == {input_[n].pk for n in expected}, filters
    assert "Geen inbreng gevonden met deze zoekopdracht." in html
    # What was typed stays, and nothing was saved.
    assert 'value="Monitoring"' in html and "Gevraagd door gemeenten." in html
    assert not agenda.concept.steps.filter(title="Monitoring").exists()


def test_it_shows_contributions_as_plain_text_with_family_and_theme(agenda, input_, client_for):
    html = search(client_for(agenda.world.office), agenda, filter_theme=agenda.theme.pk)
    assert "Schrijf op taalniveau B1, zie de richtlijn." in html
    assert "**" not in html and "](https://example.org)" not in html
    assert "(Gemeenten, Digitale inclusie)" in html


def test_it_keeps_the_ticked_ones_through_a_search_and_saves_them(agenda, input_, client_for):
    client = client_for(agenda.world.office)
    html = search(
        client,
        agenda,
        contributions=[input_["on_second"].pk],
        contribution_ids=str(input_["private"].pk),
        filter_theme=agenda.theme.pk,
    )
    assert offered(html) == {
        input_["on_second"].pk: True,
        input_["private"].pk: True,
        input_["on_first"].pk: False,
        input_["published"].pk: False,
    }
    assert "2 van 2 gevonden inbreng getoond" in html and "2 inbreng gekozen." in html
    assert f'value="{input_["private"].pk}"' in html  # the typed number stays in its box
    response = client.post(
        step_url(agenda),
        {
            "title": "Monitoring",
            "summary": "Gevraagd door gemeenten.",
            "contributions": [input_["on_second"].pk, input_["on_first"].pk],
            "filter_theme": agenda.theme.pk,
        },
    )
    assert response.status_code == 302
    step = agenda.concept.steps.get(title="Monitoring")
    change = agenda.concept.changes.get(anchor=step.anchor)
    assert set(change.contributions.all()) == {input_["on_second"], input_["on_first"]}


ODD = ["²", "9" * 30, "-1", "٣", "<b>x</b>"]


@pytest.mark.parametrize("odd", ODD)
def test_it_refuses_odd_values_with_a_message_where_they_are(agenda, input_, client_for, odd):
    client = client_for(agenda.world.office)
    html = search(
        client,
        agenda,
        filter_theme=odd,
        filter_paragraph=odd,
        filter_family=odd,
        query="balie",
        contributions=[odd, input_["private"].pk],
    )
    for name in ("filter_theme", "filter_paragraph", "filter_family"):
        assert f'id="id_{name}_error"' in html, name
    assert "<b>x</b>" not in html
    # The valid part of the search still applies; the valid tick stays.
    assert offered(html) == {input_["private"].pk: True, input_["on_second"].pk: False}
    response = client.post(
        step_url(agenda),
        {"title": "Monitoring", "summary": "Waarom.", "contributions": [odd], "query": odd},
    )
    assert response.status_code == 400
    assert not agenda.concept.steps.filter(title="Monitoring").exists()


def test_it_shows_at_most_the_limit_with_how_many_it_found_in_constant_queries(
    agenda, input_, client_for, django_assert_max_num_queries
):
    client = client_for(agenda.world.office)
    filters = {"filter_family": agenda.world.family.pk, "contributions": [input_["private"].pk]}
    with CaptureQueriesContext(connection) as captured:
        html = search(client, agenda, **filters)
    assert "2 van 2 gevonden inbreng getoond" in html
    Contribution.objects.bulk_create(
        Contribution(
            programme=agenda.programme,
            channel=Channel.IMPORT,
            family=agenda.world.family,
            text=f"Inbreng nummer {n}.",
        )
        for n in range(40)
    )
    with django_assert_max_num_queries(len(captured)):
        html = search(client, agenda, **filters)
    assert f"{SEARCH_LIMIT} van 42 gevonden inbreng getoond, de nieuwste eerst." in html
    assert "Verfijn de zoekopdracht om de rest te zien." in html
    assert len(offered(html)) == SEARCH_LIMIT + 1


def test_it_filters_on_the_paragraph_being_changed(agenda, input_, client_for):
    paragraph = concept_paragraph(agenda, input_["first"])
    page = reverse(
        "drafting:paragraph-change-traced",
        args=[agenda.programme.slug, agenda.concept.number, paragraph.anchor],
    )
    response = client_for(agenda.world.office).post(
        page, {"text": "Nieuw.", "filter_paragraph": paragraph.pk, "search": "1"}
    )
    assert response.status_code == 200
    assert set(offered(response.content.decode())) == {input_["on_first"].pk}


def test_it_names_the_paragraphs_to_filter_on_by_number_as_plain_text(agenda, client_for):
    paragraph = agenda.concept.paragraphs.order_by("section__position", "position").first()
    paragraph.text = "Inloggen met **DigiD** voor iedereen."
    paragraph.save()
    html = client_for(agenda.world.office).get(step_url(agenda)).content.decode()
    option = re.search(rf'<option value="{paragraph.pk}"[^>]*>([^<]*)</option>', html)
    assert option, "the paragraph is offered in the filter"
    label = option.group(1)
    assert label.startswith(f"Alinea 1.1 ({paragraph.section.title}): Inloggen met DigiD")
    assert "**" not in label
