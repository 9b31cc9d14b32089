"""Processing input: every disposition is a person's decision with a reason; bulk decisions for a
theme or campaign leave out the exceptions and never overwrite a decision made one by one,
unless the person asks for it; every write leaves a history row naming the person."""

import pytest
from django.urls import reverse

from ..constants import Outcome
from ..dispositions import DispositionRefused, dispose, dispose_campaign, dispose_theme
from ..models import Disposition

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"


def outcomes() -> dict[int, str]:
    return dict(Disposition.objects.values_list("contribution_id", "outcome"))


def test_it_requires_a_reason_and_a_known_outcome(sorted_input):
    office = sorted_input.world.office
    ids = sorted_input.website_ids[:1]
    with pytest.raises(DispositionRefused, match="toelichting"):
        dispose(ids, Outcome.ADOPTED, "   ", by=office)
    with pytest.raises(DispositionRefused, match="toelichting"):
        dispose_theme(sorted_input.websites, Outcome.ADOPTED, "", by=office)
    with pytest.raises(DispositionRefused, match="Kies wat"):
        dispose(ids, "misschien", "omdat", by=office)
    assert not Disposition.objects.exists()


def test_it_disposes_a_theme_except_the_exceptions(sorted_input):
    office = sorted_input.world.office
    excepted = sorted_input.website_ids[-1]
    done = dispose_theme(
        sorted_input.websites,
        Outcome.ADOPTED,
        "Staat in stap 2.",
        by=office,
        except_ids=[excepted],
    )
    assert done == (5, 0, 0)
    expected = {pk: Outcome.ADOPTED for pk in sorted_input.website_ids if pk != excepted}
    # The hidden contribution does not count; the exception and other themes stay open.
    assert outcomes() == expected
    disposition = Disposition.objects.get(contribution_id=sorted_input.website_ids[0])
    assert disposition.via_theme == sorted_input.websites and disposition.is_bulk
    assert disposition.decided_by == office and disposition.reason == "Staat in stap 2."
    # Every row has its history row, by the person.
    records = Disposition.history.filter(history_type="+")
    assert records.count() == 5
    assert set(records.values_list("history_user_id", flat=True)) == {office.pk}


def test_it_does_not_let_a_bulk_decision_overwrite_one_made_one_by_one(sorted_input):
    office = sorted_input.world.office
    single = sorted_input.website_ids[0]
    dispose([single], Outcome.NOT_ADOPTED, "Past niet bij de agenda.", by=office)
    done = dispose_theme(sorted_input.websites, Outcome.ADOPTED, "Overgenomen.", by=office)
    assert done.kept == 1 and done.created == 5
    assert outcomes()[single] == Outcome.NOT_ADOPTED
    # A second bulk decision replaces the first bulk one, still not the single one.
    done = dispose_theme(sorted_input.websites, Outcome.PARTLY, "Deels.", by=office)
    assert done == (0, 5, 1)
    assert outcomes()[single] == Outcome.NOT_ADOPTED
    assert outcomes()[sorted_input.website_ids[1]] == Outcome.PARTLY
    # Only when the person chooses so.
    done = dispose_theme(sorted_input.websites, Outcome.PARTLY, "Deels.", by=office, overwrite=True)
    assert done == (0, 6, 0)
    assert outcomes()[single] == Outcome.PARTLY
    assert Disposition.objects.get(contribution_id=single).via_theme == sorted_input.websites


def test_it_makes_a_one_by_one_decision_after_bulk_an_exception(sorted_input):
    office = sorted_input.world.office
    member = sorted_input.campaign_ids[0]
    dispose_campaign(sorted_input.campaign, Outcome.COVERED, "Staat al in de agenda.", by=office)
    disposition = Disposition.objects.get(contribution_id=member)
    assert disposition.via_campaign == sorted_input.campaign and disposition.via_theme is None
    assert set(outcomes()) == set(sorted_input.campaign_ids)

    dispose([member], Outcome.OUT_OF_SCOPE, "Gaat over een ander programma.", by=office)
    disposition.refresh_from_db()
    assert disposition.via_campaign is None and disposition.via_theme is None
    assert not disposition.is_bulk
    assert disposition.outcome == Outcome.OUT_OF_SCOPE
    # A new campaign decision leaves it alone now.
    done = dispose_campaign(sorted_input.campaign, Outcome.ADOPTED, "Toch.", by=office)
    assert done == (0, 1, 1)
    assert outcomes()[member] == Outcome.OUT_OF_SCOPE


def test_it_keeps_the_history_with_the_person(sorted_input, world):
    from koers.organisations.tests.factories import UserFactory

    other = UserFactory(username="collega")
    pk = sorted_input.water_ids[0]
    dispose_theme(sorted_input.water, Outcome.ADOPTED, "Eerst zo.", by=world.office)
    dispose([pk], Outcome.PARTLY, "Toch deels.", by=other)
    disposition = Disposition.objects.get(contribution_id=pk)
    records = list(disposition.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.outcome, r.history_user, r.via_theme_id) for r in records] == [
        ("+", Outcome.ADOPTED, world.office, sorted_input.water.pk),
        ("~", Outcome.PARTLY, other, None),
    ]
    assert "Water" in records[0].history_change_reason
    assert disposition.decided_by == other


def test_it_refuses_a_bulk_decision_with_nothing_left(sorted_input):
    with pytest.raises(DispositionRefused, match="uitgezonderd"):
        dispose_theme(
            sorted_input.water,
            Outcome.ADOPTED,
            "Zo.",
            by=sorted_input.world.office,
            except_ids=sorted_input.water_ids,
        )
    assert not Disposition.objects.exists()


def test_it_disposes_in_bulk_on_the_page_with_exceptions_across_pages(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    url = reverse("synthesis:theme-dispose", args=[SLUG, sorted_input.websites.pk])
    assert client.get(url).status_code == 200
    # Paging keeps the ticked exceptions and the typed text, and decides nothing yet.
    excepted = sorted_input.website_ids[2]
    response = client.post(url, {"exceptions": [excepted], "reason": "Zo gedaan.", "to_page": "1"})
    assert response.status_code == 200 and not Disposition.objects.exists()
    assert response.context["exceptions"] == {excepted}
    assert "Zo gedaan." in response.content.decode()
    # Without a reason: a clear error, nothing written.
    response = client.post(url, {"outcome": Outcome.ADOPTED, "reason": " "})
    assert response.status_code == 400
    assert "Geef een toelichting" in response.content.decode()
    assert not Disposition.objects.exists()
    response = client.post(
        url, {"outcome": Outcome.ADOPTED, "reason": "Zo gedaan.", "exceptions": [excepted]}
    )
    assert response.status_code == 302
    assert set(outcomes()) == set(sorted_input.website_ids) - {excepted}


def test_it_disposes_one_contribution_on_the_page(sorted_input, client_for):
    office = sorted_input.world.office
    pk = sorted_input.website_ids[0]
    dispose_theme(sorted_input.websites, Outcome.ADOPTED, "In bulk.", by=office)
    client = client_for(office)
    url = reverse("synthesis:contribution-dispose", args=[SLUG, pk])
    content = client.get(url).content.decode()
    assert "voor het hele thema" in content and "In bulk." in content
    response = client.post(url, {"outcome": Outcome.NOT_ADOPTED, "reason": "Apart."})
    assert response.status_code == 302
    disposition = Disposition.objects.get(contribution_id=pk)
    assert (disposition.outcome, disposition.via_theme, disposition.reason) == (
        Outcome.NOT_ADOPTED,
        None,
        "Apart.",
    )
    content = client.get(url).content.decode()
    assert "Geschiedenis" in content and "los besluit" in content


def test_it_disposes_chosen_open_contributions_from_the_list(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    url = reverse("synthesis:processing-open", args=[SLUG]) + "?thema=geen"
    response = client.get(url)
    assert [c.pk for c in response.context["page"].object_list] == [sorted_input.loose_id]
    response = client.post(
        url,
        {
            "contributions": [sorted_input.loose_id],
            "outcome": Outcome.OUT_OF_SCOPE,
            "reason": "Buiten het programma.",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    assert outcomes() == {sorted_input.loose_id: Outcome.OUT_OF_SCOPE}
    # A contribution that is no longer open cannot be chosen again.
    response = client.post(
        url,
        {"contributions": [sorted_input.loose_id], "outcome": Outcome.ADOPTED, "reason": "Toch."},
    )
    assert response.status_code == 400
    assert outcomes() == {sorted_input.loose_id: Outcome.OUT_OF_SCOPE}


def test_it_lets_only_the_office_dispose(sorted_input, client_for):
    world = sorted_input.world
    posts = [
        (reverse("synthesis:theme-dispose", args=[SLUG, sorted_input.websites.pk]), {}),
        (reverse("synthesis:campaign-dispose", args=[SLUG, sorted_input.campaign.pk]), {}),
        (reverse("synthesis:contribution-dispose", args=[SLUG, sorted_input.website_ids[0]]), {}),
        (
            reverse("synthesis:processing-open", args=[SLUG]),
            {"contributions": [sorted_input.loose_id]},
        ),
    ]
    for name, user in world.personas():
        if name == "office":
            continue
        client = client_for(user)
        for url, extra in posts:
            data = {"outcome": Outcome.ADOPTED, "reason": "Zo.", **extra}
            response = client.post(url, data)
            assert response.status_code == (302 if user is None else 403), (name, url)
            if user is None:
                assert reverse("login") in response["Location"]
    assert not Disposition.objects.exists()
    for url, _extra in posts[:2]:
        for name, user in world.personas():
            expected = 200 if name == "office" else (302 if user is None else 403)
            assert client_for(user).get(url).status_code == expected, (name, url)
