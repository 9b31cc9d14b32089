"""Round tables: the public list and page, creating and editing, invitations, attendance, minutes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.organisations.constants import Kind
from koers.organisations.tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    RoleFactory,
    UserFactory,
)

from ..models import RoundTable

pytestmark = pytest.mark.django_db

EDITORS = {"office", "coordinator"}


def make_round_table(world, *, families=None, days=7, **fields):
    start = timezone.now() + datetime.timedelta(days=days)
    round_table = RoundTable.objects.create(
        programme=world.programme,
        title=fields.pop("title", "Ronde tafel gemeenten"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location=fields.pop("location", "Den Haag, Nieuwspoort"),
        **fields,
    )
    round_table.families.set(families or [world.family])
    round_table.invited.set([world.organisation, world.other_organisation])
    return round_table


def form_data(world, **overrides):
    data = {
        "title": "Ronde tafel provincies",
        "families": [str(world.family.pk)],
        "version": "",
        "starts_at": "2030-05-12 13:30",
        "ends_at": "2030-05-12 16:00",
        "location": "Utrecht, Stadskantoor",
        "online_url": "",
        "agenda": "* Opening\n* De voorzet",
    }
    data.update(overrides)
    return data


def url(name, round_table=None, slug="digitaal-2017"):
    if round_table is None:
        return reverse(name, args=[slug])
    return reverse(name, args=[slug, round_table.pk])


def test_it_lists_upcoming_and_past_meetings_for_everyone(world, client_for):
    make_round_table(world, title="Komt eraan", days=7)
    make_round_table(world, title="Was er al", days=-30)
    for name, user in world.personas():
        response = client_for(user).get(url("consultation:roundtable-list"))
        assert response.status_code == 200, name
        upcoming, past = response.content.decode().split("Eerdere bijeenkomsten")
        assert "Komt eraan" in upcoming and "Was er al" in past, name
        assert ("Nieuwe ronde tafel" in upcoming) == (name in EDITORS), name


def test_it_refuses_the_list_of_a_private_programme(world, client_for):
    world.programme.is_public = False
    world.programme.save()
    assert client_for(None).get(url("consultation:roundtable-list")).status_code == 302
    assert client_for(world.outsider).get(url("consultation:roundtable-list")).status_code == 403
    assert client_for(world.office).get(url("consultation:roundtable-list")).status_code == 200


def test_it_answers_404_for_a_meeting_of_another_programme(world, client_for):
    round_table = make_round_table(world)
    other = FamilyFactory().programme
    response = client_for(world.office).get(
        reverse("consultation:roundtable-detail", args=[other.slug, round_table.pk])
    )
    assert response.status_code == 404


def test_it_shows_the_meeting_and_its_online_link_only_to_those_invited(world, client_for):
    round_table = make_round_table(world, online_url="https://vergader.example/geheim")
    for name, user in world.personas():
        response = client_for(user).get(round_table.get_absolute_url())
        assert response.status_code == 200, name
        content = response.content.decode()
        assert "Nieuwspoort" in content
        # contributor works for an invited organisation; council members read the input.
        sees_link = name in {"office", "coordinator", "contributor", "council_member"}
        assert ("vergader.example/geheim" in content) == sees_link, name
        assert ("Inbreng vastleggen" in content) == (name == "office"), name


def test_it_lets_office_and_coordinators_create(world, client_for):
    for name, user in world.personas():
        response = client_for(user).get(url("consultation:roundtable-create"))
        expected = 200 if name in EDITORS else (302 if user is None else 403)
        assert response.status_code == expected, name


def test_it_creates_a_meeting_and_invites_the_current_members(world, client_for):
    gone = OrganisationFactory(valid_until=datetime.date(2015, 12, 31))
    OrganisationFactory(kind=Kind.PROVINCE)  # not in the family
    response = client_for(world.office).post(
        url("consultation:roundtable-create"), form_data(world)
    )
    round_table = RoundTable.objects.get()
    assert response.status_code == 302
    assert response["Location"] == round_table.get_absolute_url()
    assert set(round_table.invited.all()) == {world.organisation, world.other_organisation}
    assert gone not in round_table.invited.all()
    assert round_table.starts_at == timezone.make_aware(datetime.datetime(2030, 5, 12, 13, 30))
    assert round_table.history.first().history_user == world.office


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"ends_at": "2030-05-12 12:00"}, "ends_at", "Het einde ligt niet na het begin."),
        ({"ends_at": "2030-05-12 13:30"}, "ends_at", "Het einde ligt niet na het begin."),
        (
            {"location": "", "online_url": ""},
            "__all__",
            "Vul een plaats of een link om online deel te nemen in.",
        ),
        ({"starts_at": "12 mei"}, "starts_at", "Vul datum en tijd in als DD-MM-JJJJ UU:MM"),
        ({"families": []}, "families", "Kies ten minste één familie."),
        ({"online_url": "vergader"}, "online_url", "Vul een volledige link in"),
        ({"title": ""}, "title", "Geef de ronde tafel een titel."),
    ],
)
def test_it_refuses_an_invalid_meeting_and_keeps_what_was_typed(
    world, client_for, overrides, field, message
):
    data = form_data(world, **overrides)
    response = client_for(world.office).post(url("consultation:roundtable-create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in e for e in errors[field]), errors
    content = response.content.decode()
    assert message in content
    assert 'value="Utrecht, Stadskantoor"' in content or data["location"] == ""
    assert "* De voorzet" in content
    assert not RoundTable.objects.exists()


def test_it_accepts_an_online_only_meeting(world, client_for):
    data = form_data(world, location="", online_url="https://vergader.example/d2017")
    response = client_for(world.office).post(url("consultation:roundtable-create"), data)
    assert response.status_code == 302
    assert RoundTable.objects.get().online_url == "https://vergader.example/d2017"


def test_it_takes_a_link_typed_without_its_scheme_as_https(world, client_for):
    data = form_data(world, location="", online_url="vergader.example/d2017")
    response = client_for(world.office).post(url("consultation:roundtable-create"), data)
    assert response.status_code == 302
    assert RoundTable.objects.get().online_url == "https://vergader.example/d2017"


def test_it_keeps_a_coordinator_to_their_own_families(world, client_for):
    other_family = FamilyFactory(programme=world.programme, kinds=[Kind.PROVINCE])
    data = form_data(world, families=[str(other_family.pk)])
    response = client_for(world.coordinator).post(url("consultation:roundtable-create"), data)
    assert response.status_code == 200
    assert "Kies ten minste één familie waarvoor u ronde tafels organiseert." in (
        response.content.decode()
    )
    data["families"] = [str(other_family.pk), str(world.family.pk)]
    assert (
        client_for(world.coordinator).post(url("consultation:roundtable-create"), data).status_code
        == 302
    )


def test_it_lets_only_organisers_of_the_meeting_edit_it(world, client_for):
    round_table = make_round_table(world)
    provinces = FamilyFactory(programme=world.programme, kinds=[Kind.PROVINCE])
    other_meeting = make_round_table(world, families=[provinces])
    for name, user in world.personas():
        client = client_for(user)
        expected = 200 if name in EDITORS else (302 if user is None else 403)
        for view in [
            "consultation:roundtable-edit",
            "consultation:roundtable-invitations",
            "consultation:roundtable-attendance",
            "consultation:roundtable-minutes",
        ]:
            assert client.get(url(view, round_table)).status_code == expected, (view, name)
    # The coordinator of gemeenten does not organise the provinces' meeting.
    assert (
        client_for(world.coordinator)
        .get(url("consultation:roundtable-edit", other_meeting))
        .status_code
        == 403
    )
    coordinator = UserFactory()
    RoleFactory(
        user=coordinator, programme=world.programme, kind=RoleKind.COORDINATOR, family=provinces
    )
    assert (
        client_for(coordinator).get(url("consultation:roundtable-edit", other_meeting)).status_code
        == 200
    )
    assert (
        client_for(coordinator).get(url("consultation:roundtable-edit", round_table)).status_code
        == 403
    )


def test_it_edits_a_meeting(world, client_for):
    round_table = make_round_table(world)
    data = form_data(world, title="Nieuwe titel")
    response = client_for(world.coordinator).post(
        url("consultation:roundtable-edit", round_table), data
    )
    assert response.status_code == 302
    round_table.refresh_from_db()
    assert round_table.title == "Nieuwe titel"


def test_it_follows_the_families_when_they_change(world, client_for):
    round_table = make_round_table(world)
    round_table.invited.set([world.organisation])  # the office unticked Amsterdam
    provinces = FamilyFactory(programme=world.programme, kinds=[Kind.PROVINCE])
    province = OrganisationFactory(kind=Kind.PROVINCE, official_name="provincie Utrecht")
    data = form_data(world, families=[str(world.family.pk), str(provinces.pk)])
    client_for(world.office).post(url("consultation:roundtable-edit", round_table), data)
    assert set(round_table.invited.all()) == {world.organisation, province}
    data = form_data(world, families=[str(provinces.pk)])
    client_for(world.office).post(url("consultation:roundtable-edit", round_table), data)
    assert set(round_table.invited.all()) == {province}


def test_it_narrows_the_invitations_and_ticks_groups_without_javascript(world, client_for):
    round_table = make_round_table(world)
    client = client_for(world.office)
    page = url("consultation:roundtable-invitations", round_table)
    response = client.get(page)
    content = response.content.decode()
    assert "Gemeenten: 2 van 2 gekozen" in content
    # "untick all" shows the choice again, not yet saved.
    response = client.post(
        page,
        {"organisations": [world.organisation.pk], "tick": f"geen:{world.family.pk}"},
    )
    assert response.status_code == 200
    assert "Gemeenten: 0 van 2 gekozen" in response.content.decode()
    assert "nog niet bewaard" in response.content.decode()
    assert round_table.invited.count() == 2
    response = client.post(page, {"tick": f"alle:{world.family.pk}"})
    assert "Gemeenten: 2 van 2 gekozen" in response.content.decode()
    response = client.post(page, {"organisations": [world.organisation.pk]})
    assert response.status_code == 302
    assert list(round_table.invited.all()) == [world.organisation]


def test_it_refuses_organisations_outside_the_list(world, client_for):
    round_table = make_round_table(world)
    outside = OrganisationFactory(kind=Kind.PROVINCE)
    response = client_for(world.office).post(
        url("consultation:roundtable-invitations", round_table), {"organisations": [outside.pk]}
    )
    assert response.status_code == 200
    assert "kies organisaties uit de lijst" in response.content.decode()
    assert round_table.invited.count() == 2


def test_it_records_attendance(world, client_for):
    round_table = make_round_table(world)
    page = url("consultation:roundtable-attendance", round_table)
    response = client_for(world.coordinator).post(page, {"organisations": [world.organisation.pk]})
    assert response.status_code == 302
    assert list(round_table.attended.all()) == [world.organisation]
    content = client_for(None).get(round_table.get_absolute_url()).content.decode()
    assert "2 organisaties uitgenodigd, 1 aanwezig." in content


def test_it_saves_the_minutes_and_shows_them_to_who_reads_input(world, client_for):
    round_table = make_round_table(world)
    client_for(world.office).post(
        url("consultation:roundtable-minutes", round_table),
        {"minutes": "Iedereen **eens** over stap 1."},
    )
    round_table.refresh_from_db()
    assert round_table.minutes == "Iedereen **eens** over stap 1."
    for name, user in world.personas():
        content = client_for(user).get(round_table.get_absolute_url()).content.decode()
        shown = name in {"office", "coordinator", "council_member"}
        assert ("<strong>eens</strong>" in content) == shown, name


def test_it_escapes_markup_in_the_agenda(world, client_for):
    round_table = make_round_table(world, agenda="<script>alert(1)</script> *Opening*")
    content = client_for(None).get(round_table.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_it_uses_the_same_number_of_queries_for_5_and_50_meetings(world, client_for):
    client = client_for(world.office)
    for days in [-10, -5, 3, 5, 8]:
        make_round_table(world, days=days)
    few = _queries(client, url("consultation:roundtable-list"))
    for days in range(45):
        make_round_table(world, days=days - 20)
    assert _queries(client, url("consultation:roundtable-list")) == few


def test_it_uses_the_same_number_of_queries_for_5_and_50_organisations(world, client_for):
    round_table = make_round_table(world)
    client = client_for(world.office)
    paths = [
        round_table.get_absolute_url(),
        url("consultation:roundtable-invitations", round_table),
        url("consultation:roundtable-attendance", round_table),
    ]
    OrganisationFactory.create_batch(3)
    round_table.invited.set(world.family.members())
    round_table.attended.set(world.family.members()[:2])
    few = [_queries(client, p) for p in paths]
    OrganisationFactory.create_batch(45)
    round_table.invited.set(world.family.members())
    round_table.attended.set(world.family.members()[:30])
    assert [_queries(client, p) for p in paths] == few


def test_it_offers_a_coordinator_only_the_versions_they_may_read(world, client_for):
    from koers.agenda.models import AgendaVersion

    AgendaVersion.objects.create(programme=world.programme, number=1, title="Voorzet in de maak")
    AgendaVersion.objects.create(
        programme=world.programme,
        number=2,
        title="Voorzet open voor reacties",
        consultation_opens_at=timezone.now() - datetime.timedelta(days=1),
    )
    coordinator_page = (
        client_for(world.coordinator).get(url("consultation:roundtable-create")).content.decode()
    )
    assert "Voorzet open voor reacties" in coordinator_page
    assert "Voorzet in de maak" not in coordinator_page
    office_page = (
        client_for(world.office).get(url("consultation:roundtable-create")).content.decode()
    )
    assert "Voorzet in de maak" in office_page
