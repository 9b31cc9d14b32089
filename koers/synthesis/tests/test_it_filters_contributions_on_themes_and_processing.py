"""The contribution list of the consultation filters on what the synthesis knows: theme, campaign,
processed or open (koers/synthesis/filters.py, through koers/consultation/filters.py). The filters
combine with the list's own, stay in the form, work in the download, shrug off odd values and
cost the same number of queries however much there is."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.consultation.paging import SeekPage

from .. import filters
from ..constants import Outcome
from ..dispositions import dispose
from ..models import Campaign, Theme, ThemeAssignment

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"
LIST = reverse("consultation:contribution-list", args=[SLUG])


def found(client, **params) -> set[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {c.pk for c in response.context["page"].paginator.object_list}


def test_it_narrows_the_list_to_a_theme_a_campaign_or_no_theme(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    websites = set(sorted_input.website_ids) | {sorted_input.hidden_id}
    assert found(client, thema=sorted_input.websites.pk) == websites
    assert found(client, thema=sorted_input.water.pk) == set(sorted_input.water_ids)
    assert found(client, thema="geen") == {sorted_input.loose_id}
    assert found(client, campagne=sorted_input.campaign.pk) == set(sorted_input.campaign_ids)


def test_it_narrows_the_list_to_open_or_processed_input(sorted_input, client_for):
    office = sorted_input.world.office
    adopted = sorted_input.website_ids[:2]
    dispose(adopted, Outcome.ADOPTED, "Staat in stap 2.", by=office)
    dispose(sorted_input.water_ids[:1], Outcome.NOT_ADOPTED, "Past niet.", by=office)
    client = client_for(office)
    processed = {*adopted, sorted_input.water_ids[0]}
    everything = found(client)
    assert found(client, verwerking="verwerkt") == processed
    assert found(client, verwerking=Outcome.ADOPTED) == set(adopted)
    assert found(client, verwerking=Outcome.COVERED) == set()
    # Open is what the processing still has to do: hidden input is not.
    assert found(client, verwerking="open") == everything - processed - {sorted_input.hidden_id}


def test_it_combines_the_filters_and_keeps_them_in_the_form(sorted_input, client_for):
    office = sorted_input.world.office
    dispose(sorted_input.website_ids[:1], Outcome.ADOPTED, "Overgenomen.", by=office)
    client = client_for(office)
    params = {
        "thema": sorted_input.websites.pk,
        "verwerking": "open",
        "familie": sorted_input.provinces.pk,
    }
    assert found(client, **params) == set(sorted_input.website_ids[4:])
    response = client.get(LIST, params | {"zoek": "provinciale", "kanaal": Channel.IMPORT})
    assert {c.pk for c in response.context["page"].object_list} == set(sorted_input.website_ids[4:])
    form = response.context["form"]
    assert form["thema"].value() == str(sorted_input.websites.pk)
    assert form["verwerking"].value() == "open"
    content = response.content.decode()
    assert "2 bijdragen gevonden" in content
    assert f'<option value="{sorted_input.websites.pk}" selected>Websites</option>' in content
    # Each filter narrows further: another channel leaves nothing.
    assert found(client, **params, kanaal=Channel.EMAIL) == set()


def test_it_downloads_what_the_filters_show(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    url = reverse("consultation:contribution-export", args=[SLUG])
    response = client.get(url, {"thema": sorted_input.water.pk})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert sorted(int(row[0]) for row in rows[1:]) == sorted_input.water_ids


@pytest.mark.parametrize(
    "params",
    [
        {"thema": "²"},
        {"thema": "9" * 30},
        {"thema": "-1"},
        {"campagne": "9" * 30},
        {"campagne": "Campagne 1"},
        {"verwerking": "misschien"},
        {"verwerking": ["open", "verwerkt"], "thema": ["1", "x"]},
    ],
)
def test_it_answers_odd_values_with_a_message(sorted_input, client_for, params):
    response = client_for(sorted_input.world.office).get(LIST, params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Controleer de gemarkeerde velden." in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_it_offers_each_filter_to_who_may_read_it(sorted_input, client_for):
    world = sorted_input.world
    office = client_for(world.office).get(LIST)
    council = client_for(world.council_member).get(LIST)
    for response in (office, council):
        assert {"thema", "campagne", "verwerking"} <= set(response.context["form"].fields)
    # Only who decides is offered to process the list's open input.
    assert "één voor één verwerken" in office.content.decode()
    assert "één voor één verwerken" not in council.content.decode()
    # The council does not find hidden input through a theme.
    assert sorted_input.hidden_id not in found(
        client_for(world.council_member), thema=sorted_input.websites.pk
    )
    for persona in ("coordinator", "contributor", "reviewer", "outsider"):
        user = getattr(world, persona)
        assert client_for(user).get(LIST, {"thema": sorted_input.websites.pk}).status_code == 403


def test_it_asks_a_constant_number_of_queries(sorted_input, client_for):
    world = sorted_input.world
    client = client_for(world.office)
    params = {"thema": sorted_input.websites.pk, "verwerking": "open"}
    run = sorted_input.campaign.run
    counts = []
    for n in (2, 20):
        now = timezone.now()
        for i in range(n):
            theme = Theme.objects.create(programme=world.programme, label=f"Thema {n}-{i}")
            contribution = Contribution.objects.create(
                programme=world.programme, channel=Channel.IMPORT, text=f"Website {n}-{i}"
            )
            campaign = Campaign.objects.create(
                programme=world.programme, run=run, number=100 * n + i, text="Brief", size=2
            )
            ThemeAssignment.objects.create(
                contribution=contribution, theme=theme, assigned_at=now, campaign=campaign
            )
            extra = Contribution.objects.create(
                programme=world.programme, channel=Channel.IMPORT, text=f"Meer {n}-{i}"
            )
            ThemeAssignment.objects.create(
                contribution=extra, theme=sorted_input.websites, assigned_at=now
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST, params)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_offers_the_largest_campaigns_and_still_filters_on_any_other(
    sorted_input, client_for, monkeypatch
):
    monkeypatch.setattr("koers.synthesis.filters.CAMPAIGNS_SHOWN", 1)
    programme = sorted_input.campaign.programme
    small = Campaign.objects.create(
        programme=programme, number=99, size=1, **_campaign_defaults(sorted_input.campaign)
    )
    client = client_for(sorted_input.world.office)
    listed = client.get(LIST)
    choices = dict(listed.context["form"].fields["campagne"].choices)
    assert str(sorted_input.campaign.pk) in choices and str(small.pk) not in choices
    chosen = client.get(LIST, {"campagne": small.pk})
    assert str(small.pk) in dict(chosen.context["form"].fields["campagne"].choices)
    assert f'<option value="{small.pk}" selected>' in chosen.content.decode()
    assert not chosen.context["form"].errors
    other = client.get(LIST, {"campagne": small.pk + 1000})
    assert "campagne" in other.context["form"].errors


def _campaign_defaults(campaign) -> dict:
    """The required fields of a campaign other than programme, number and size, as in `campaign`."""
    skip = {"id", "programme", "number", "size"}
    return {
        f.attname: getattr(campaign, f.attname)
        for f in Campaign._meta.concrete_fields
        if f.name not in skip and not f.primary_key
    }


@pytest.mark.parametrize("open_at", [(), (0,), (4,), (9,), (1, 7), (5, 6, 8)])
def test_it_finds_the_next_open_contribution_wherever_it_lies(world, monkeypatch, open_at):
    """Along the list a stretch at a time, then among all rows: the same answer as reading the
    whole list, with the open input near the top, past the stretches or nowhere."""
    monkeypatch.setattr(filters, "STRETCHES", (1, 2))
    programme = world.programme
    at = timezone.now()
    rows = [
        Contribution.objects.create(
            programme=programme,
            channel=Channel.EMAIL,
            text=f"Inbreng {i}",
            submitted_at=at - timezone.timedelta(hours=i // 2),  # pairs share a moment
        )
        for i in range(10)
    ]
    listed = sorted(rows, key=lambda c: (c.submitted_at, c.pk), reverse=True)
    decided = [c.pk for i, c in enumerate(listed) if i not in open_at]
    dispose(
        decided, Outcome.COVERED, "Staat al in de agenda.", by=world.office, programme=programme
    )
    still_open = [c.pk for i, c in enumerate(listed) if i in open_at]
    every = Contribution.objects.filter(programme=programme)
    assert filters.next_open(every) == (still_open[0] if still_open else None)
    # With the list's page at hand: its first page is not read again, a later one is no help.
    for per_page, number in ((3, "1"), (20, "1"), (3, "2")):
        page = SeekPage(every, per_page, {"pagina": number})
        assert filters.next_open(every, page=page) == (still_open[0] if still_open else None)
    for position, contribution in enumerate(listed):
        after = [pk for i, pk in enumerate(c.pk for c in listed) if i > position and i in open_at]
        others = [pk for pk in still_open if pk != contribution.pk]
        expected = after[0] if after else (others[0] if others else None)
        assert filters.next_open(every, after=contribution) == expected
