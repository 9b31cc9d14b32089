"""Campaigns: the list by size, one campaign with its letter and senders, and moving it whole."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.organisations.tests.factories import ProgrammeFactory
from koers.text.tests.conftest import CAMPAIGN

from ..models import Campaign, Theme, ThemeAssignment
from ..services import merge_themes, request_run
from .conftest import analysed_fixtures

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"
VIEWERS = {"office", "council_member"}


def analyse(consulted):
    request_run(consulted.world.programme, by=consulted.world.office)


analysed_in_module, analysed = analysed_fixtures(analyse)


def page(name, *args):
    return reverse(name, args=[SLUG, *args])


def letter() -> Campaign:
    return Campaign.objects.order_by("-size").first()


def majority_theme(consulted, planted: str) -> Theme:
    counts = Counter(
        ThemeAssignment.objects.filter(contribution_id__in=consulted.ids(planted)).values_list(
            "theme_id", flat=True
        )
    )
    return Theme.objects.get(pk=counts.most_common(1)[0][0])


def expected_status(name, user, allowed):
    return 200 if name in allowed else (302 if user is None else 403)


def test_it_shows_campaigns_to_office_and_council_only(analysed, client_for):
    campaign = letter()
    for name, user in analysed.world.personas():
        client = client_for(user)
        for path in [
            page("synthesis:campaign-list"),
            page("synthesis:campaign-detail", campaign.pk),
        ]:
            response = client.get(path)
            assert response.status_code == expected_status(name, user, VIEWERS), (name, path)


def test_it_lets_only_the_office_move_a_campaign(analysed, client_for):
    campaign = letter()
    water = majority_theme(analysed, "water")
    for name, user in analysed.world.personas():
        response = client_for(user).post(
            page("synthesis:campaign-move", campaign.pk), {"theme": water.pk}
        )
        if name == "office":
            assert response.status_code == 302, name
        else:
            assert response.status_code == (302 if user is None else 403), name
            if user is None:
                assert reverse("login") in response["Location"]
    moved_by = set(campaign.members.values_list("assigned_by", flat=True))
    assert moved_by == {analysed.world.office.pk}


def test_it_lists_campaigns_by_size_with_excerpt_and_theme(analysed, client_for):
    campaign = letter()
    theme = campaign.representative.theme_assignment.theme
    response = client_for(analysed.world.office).get(page("synthesis:campaign-list"))
    content = response.content.decode()
    rows = list(response.context["page"].object_list)
    assert rows[0] == campaign and campaign.size == 25
    assert [c.size for c in rows] == sorted((c.size for c in rows), reverse=True)
    assert campaign.get_absolute_url() in content
    assert CAMPAIGN[:60] in content  # the start of the letter
    assert theme.get_absolute_url() in content and theme.label in content
    assert "voorgesteld door de analyse van" in content


def test_it_shows_the_whole_letter_and_every_sender(analysed, client_for, monkeypatch):
    monkeypatch.setattr("koers.synthesis.views.campaigns.PAGE_SIZE", 10)
    campaign = letter()
    client = client_for(analysed.world.office)
    response = client.get(page("synthesis:campaign-detail", campaign.pk))
    content = response.content.decode()
    assert "overgangsregeling voor gemeenten met minder dan twintigduizend inwoners" in content
    assert "25 inzendingen bij deze campagne." in content
    assert len(response.context["page"].object_list) == 10
    assert "Pagina 1 van 3" in content
    last = client.get(page("synthesis:campaign-detail", campaign.pk) + "?pagina=3")
    shown = {a.contribution_id for a in last.context["page"].object_list}
    assert len(shown) == 5 and shown <= set(analysed.ids("campagne"))
    assert 'action="' + page("synthesis:campaign-move", campaign.pk) + '"' in content
    # A council member reads, but is not offered the move.
    council = client_for(analysed.world.council_member).get(
        page("synthesis:campaign-detail", campaign.pk)
    )
    assert page("synthesis:campaign-move", campaign.pk) not in council.content.decode()


def test_it_moves_the_whole_campaign_as_a_persons_decision(analysed, client_for):
    office = analysed.world.office
    campaign = letter()
    water = majority_theme(analysed, "water")
    client = client_for(office)

    response = client.post(
        page("synthesis:campaign-move", campaign.pk), {"theme": water.pk}, follow=True
    )

    content = response.content.decode()
    assert response.redirect_chain[-1][0] == campaign.get_absolute_url()
    assert f"staat nu bij “{water.label}” (25 inbreng verplaatst)" in content
    members = ThemeAssignment.objects.filter(campaign=campaign)
    assert {m.theme_id for m in members} == {water.pk}
    assert {m.assigned_by_id for m in members} == {office.pk}
    assert f"{office.username}, " in content
    assert "voorgesteld door de analyse van" not in content
    assert members.first().history.first().history_user == office


def test_it_refuses_a_move_without_a_valid_theme_and_says_why(analysed, client_for):
    office = analysed.world.office
    campaign = letter()
    client = client_for(office)
    before = dict(campaign.members.values_list("contribution_id", "theme_id"))
    websites = majority_theme(analysed, "websites")
    portals = majority_theme(analysed, "portalen")
    merge_themes(websites, [portals], by=office)
    elsewhere = Theme.objects.create(programme=ProgrammeFactory(), label="Ander programma")

    for data, message in [
        ({}, "Kies het thema waar de campagne naartoe gaat."),
        ({"theme": portals.pk}, "dit thema bestaat niet (meer)"),
        ({"theme": elsewhere.pk}, "dit thema bestaat niet (meer)"),
        ({"theme": "x"}, "dit thema bestaat niet (meer)"),
    ]:
        response = client.post(page("synthesis:campaign-move", campaign.pk), data)
        assert response.status_code == 400, data
        content = response.content.decode()
        assert message in content, data
        assert 'aria-invalid="true"' in content
    assert dict(campaign.members.values_list("contribution_id", "theme_id")) == before


def test_it_refuses_an_unknown_campaign_or_one_of_another_programme(analysed, client_for):
    client = client_for(analysed.world.office)
    assert client.get(page("synthesis:campaign-detail", 999999)).status_code == 404
    other = ProgrammeFactory(slug="ander")
    response = client.get(reverse("synthesis:campaign-detail", args=[other.slug, letter().pk]))
    assert response.status_code in {403, 404}
    assert client.get(page("synthesis:campaign-move", letter().pk)).status_code == 405


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_it_uses_the_same_number_of_queries_for_few_and_many_campaigns(analysed, client_for):
    client = client_for(analysed.world.office)
    campaign = letter()
    paths = [page("synthesis:campaign-list"), page("synthesis:campaign-detail", campaign.pk)]
    few = [_queries(client, p) for p in paths]

    # More campaigns on the list, each with its own representative and theme.
    run = campaign.run
    for n, planted in enumerate(["websites", "portalen", "kanalen", "water"], start=100):
        ids = analysed.ids(planted)[:3]
        extra = Campaign.objects.create(
            programme=campaign.programme,
            run=run,
            number=n,
            representative_id=ids[0],
            text=f"Brief {n}",
            size=3,
        )
        ThemeAssignment.objects.filter(contribution_id__in=ids).update(campaign=extra)
    # And more senders on the campaign page, from another theme.
    ThemeAssignment.objects.filter(contribution_id__in=analysed.ids("kanalen")[3:13]).update(
        campaign=campaign
    )

    assert [_queries(client, p) for p in paths] == few
