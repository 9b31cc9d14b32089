"""The facility adoption form: only the organisation's own contributors and the office use it."""

import datetime

import pytest

from ..constants import AdoptionState
from ..models import FacilityAdoption
from .factories import FacilityAdoptionFactory, FacilityFactory

ALLOWED = {"office", "contributor"}
REFUSED = {"coordinator", "council_member", "reviewer", "outsider"}


@pytest.fixture
def facility(db):
    return FacilityFactory(slug="digid", name="DigiD")


def url(organisation, facility=None):
    query = f"?voorziening={facility.slug}" if facility else ""
    return f"/organisaties/{organisation.code}/aansluiting{query}"


def valid_data(facility, **changes):
    return {
        "facility": facility.pk,
        "state": AdoptionState.IN_PROGRESS,
        "date": "2016-05-01",
        "note": "Aansluiting loopt via de leverancier.",
        **changes,
    }


@pytest.mark.parametrize("persona", sorted(ALLOWED))
def test_it_shows_the_form_to_the_organisation_and_the_office(world, client_for, persona):
    response = client_for(getattr(world, persona)).get(url(world.organisation))
    assert response.status_code == 200
    assert b'name="facility"' in response.content


@pytest.mark.parametrize("persona", sorted(ALLOWED))
def test_it_records_an_adoption_with_the_user_in_the_history(world, client_for, facility, persona):
    user = getattr(world, persona)
    response = client_for(user).post(url(world.organisation), valid_data(facility))

    assert response.status_code == 302
    assert response["Location"] == world.organisation.get_absolute_url()
    adoption = FacilityAdoption.objects.get(organisation=world.organisation, facility=facility)
    assert adoption.state == AdoptionState.IN_PROGRESS
    assert adoption.date == datetime.date(2016, 5, 1)
    assert adoption.note == "Aansluiting loopt via de leverancier."
    assert adoption.history.get().history_user == user


def test_it_updates_an_adoption_and_keeps_the_earlier_state(world, client_for, facility):
    FacilityAdoptionFactory(
        organisation=world.organisation, facility=facility, state=AdoptionState.PLANNED
    )
    client = client_for(world.contributor)

    form = client.get(url(world.organisation, facility))
    assert b'value="2016-05-01"' in form.content  # the current state is filled in

    response = client.post(
        url(world.organisation, facility),
        valid_data(facility, state=AdoptionState.CONNECTED, date="2016-09-01"),
    )

    assert response.status_code == 302
    adoption = FacilityAdoption.objects.get(organisation=world.organisation, facility=facility)
    assert adoption.state == AdoptionState.CONNECTED
    history = list(adoption.history.order_by("history_date"))
    assert [h.state for h in history] == [AdoptionState.PLANNED, AdoptionState.CONNECTED]
    assert history[-1].history_user == world.contributor


def test_it_says_so_after_saving(world, client_for, facility):
    response = client_for(world.contributor).post(
        url(world.organisation), valid_data(facility), follow=True
    )
    assert "De aansluiting op DigiD is bijgewerkt." in response.content.decode()


@pytest.mark.parametrize("persona", sorted(REFUSED))
def test_it_refuses_other_roles(world, client_for, facility, persona):
    client = client_for(getattr(world, persona))

    assert client.get(url(world.organisation)).status_code == 403
    assert client.post(url(world.organisation), valid_data(facility)).status_code == 403
    assert not FacilityAdoption.objects.exists()


def test_it_refuses_a_contributor_of_another_organisation(world, client_for, facility):
    client = client_for(world.contributor)

    assert client.get(url(world.other_organisation)).status_code == 403
    assert client.post(url(world.other_organisation), valid_data(facility)).status_code == 403
    assert not FacilityAdoption.objects.exists()


def test_it_sends_the_public_to_the_login_page(world, client_for, facility):
    client = client_for(None)

    for response in (
        client.get(url(world.organisation)),
        client.post(url(world.organisation), valid_data(facility)),
    ):
        assert response.status_code == 302
        assert (
            response["Location"]
            == f"/inloggen?next=/organisaties/{world.organisation.code}/aansluiting"
        )
    assert not FacilityAdoption.objects.exists()


def test_it_answers_404_for_an_unknown_organisation(world, client_for):
    assert client_for(world.office).get("/organisaties/gm0000/aansluiting").status_code == 404


def test_it_keeps_what_was_typed_and_explains_each_error(world, client_for, facility):
    response = client_for(world.contributor).post(
        url(world.organisation),
        {"facility": "", "state": AdoptionState.PLANNED, "date": "31-02-2016", "note": "x" * 501},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Controleer de gemarkeerde velden." in html
    assert 'value="31-02-2016"' in html
    assert "x" * 501 in html
    form = response.context["form"]
    assert set(form.errors) == {"facility", "date", "note"}
    assert "Vul een datum in als DD-MM-JJJJ, bijvoorbeeld 26-06-2015." in form.errors["date"]
    for name in ("facility", "date", "note"):
        # Each message sits beside its field and the field points to it.
        assert f'id="id_{name}_error"' in html
        assert form[name].field.widget.attrs["aria-describedby"].endswith(f"id_{name}_error")
        assert form[name].field.widget.attrs["aria-invalid"] == "true"
    assert not FacilityAdoption.objects.exists()


def test_it_explains_an_empty_submission(world, client_for):
    response = client_for(world.contributor).post(url(world.organisation), {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"facility", "state", "date"}
    assert not FacilityAdoption.objects.exists()


def test_it_refuses_an_unknown_state(world, client_for, facility):
    response = client_for(world.office).post(
        url(world.organisation), valid_data(facility, state="misschien")
    )
    assert response.status_code == 200
    assert "state" in response.context["form"].errors
    assert not FacilityAdoption.objects.exists()


def test_it_refuses_other_methods(world, client_for):
    assert client_for(world.office).put(url(world.organisation)).status_code == 405
