"""The structure, family chapter, trace and compare pages, tried with every persona, and the
office's forms that ask why."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.models import MainActivity, Step
from koers.agenda.services import move_version
from koers.agenda.tests.fixtures import build_structure
from koers.organisations.tests.factories import without_council

from .. import services
from ..models import Change

pytestmark = pytest.mark.django_db


def url(name, agenda, version=None, *args):
    version = version or agenda.concept
    return reverse(name, args=[agenda.programme.slug, version.number, *args])


def compare_url(agenda, van, naar):
    return (
        reverse("drafting:version-compare", args=[agenda.programme.slug])
        + f"?van={van}&naar={naar}"
    )


def read_urls(agenda, version):
    family = agenda.world.family.slug
    return [
        url("drafting:agenda-structure", agenda, version),
        url("drafting:agenda-family-chapter", agenda, version, family),
        url("drafting:version-trace", agenda, version),
    ]


def office_urls(agenda):
    step = agenda.concept.steps.first()
    activity = agenda.concept.main_activities.first()
    paragraph = agenda.concept.paragraphs.first()
    return [
        ("get", url("drafting:step-create", agenda)),
        ("get", url("drafting:step-edit", agenda, None, step.anchor)),
        ("get", url("drafting:step-delete", agenda, None, step.anchor)),
        ("post", url("drafting:step-move", agenda, None, step.anchor)),
        ("get", url("drafting:main-activity-create", agenda)),
        ("get", url("drafting:main-activity-edit", agenda, None, activity.anchor)),
        ("get", url("drafting:main-activity-delete", agenda, None, activity.anchor)),
        ("post", url("drafting:main-activity-move", agenda, None, activity.anchor)),
        ("get", url("drafting:paragraph-change-traced", agenda, None, paragraph.anchor)),
        ("post", url("drafting:version-make-concept", agenda)),
    ]


def test_it_shows_a_public_version_to_everyone(agenda, client_for):
    pages = [*read_urls(agenda, agenda.draft)]
    for _name, user in agenda.world.personas():
        client = client_for(user)
        for page in pages:
            assert client.get(page).status_code == 200, (_name, page)


def test_it_shows_the_offices_working_text_to_the_office_only(agenda, client_for):
    pages = [*read_urls(agenda, agenda.concept), compare_url(agenda, 1, 2)]
    for name, user in agenda.world.personas():
        client = client_for(user)
        for page in pages:
            response = client.get(page)
            expected = {"office": 200, "public": 302}.get(name, 403)
            assert response.status_code == expected, (name, page)


def test_it_lets_only_the_office_change_the_structure(agenda, client_for):
    for name, user in agenda.world.personas():
        client = client_for(user)
        for method, page in office_urls(agenda):
            response = getattr(client, method)(page, {"direction": "omlaag"})
            if name == "office":
                assert response.status_code in (200, 302), (method, page)
            else:
                assert response.status_code == (302 if user is None else 403), (name, page)
                if user is None:
                    assert reverse("login") in response["Location"]
    # Only the office's own POSTs changed anything: one new version, no structure changes by others.
    assert Change.objects.exclude(made_by=agenda.world.office).count() == 0


def test_it_asks_why_and_keeps_the_input(agenda, client_for):
    client = client_for(agenda.world.office)
    create = url("drafting:step-create", agenda)
    response = client.post(create, {"title": "Monitoring", "description": "Per familie."})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Monitoring"' in html and "id_summary_error" in html
    assert not Step.objects.filter(version=agenda.concept, title="Monitoring").exists()

    # The search is a button of the same form: it finds, keeps what was typed, saves nothing.
    response = client.post(
        create,
        {
            "title": "Monitoring",
            "query": "papier",
            "search": "1",
            "summary": "Gevraagd door gemeenten.",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{agenda.published.pk}"' in html and "Gevraagd door gemeenten." in html
    # A contribution's text is shown as the text a reader sees: no markup, none let through.
    assert "Meer aandacht voor papier." in html and "<b>papier</b>" not in html
    assert not Step.objects.filter(version=agenda.concept, title="Monitoring").exists()

    response = client.post(
        create,
        {
            "title": "Monitoring",
            "summary": "Gevraagd door gemeenten.",
            "contributions": [agenda.published.pk],
            "contribution_ids": f"{agenda.private.pk}",
            "themes": [agenda.theme.pk],
        },
    )
    assert response.status_code == 302
    step = Step.objects.get(version=agenda.concept, title="Monitoring")
    change = Change.objects.get(anchor=step.anchor)
    assert change.summary == "Gevraagd door gemeenten." and change.made_by == agenda.world.office
    assert set(change.contributions.all()) == {agenda.published, agenda.private}
    assert list(change.themes.all()) == [agenda.theme]

    response = client.post(create, {"title": "X", "summary": "Y", "contribution_ids": "999999"})
    assert response.status_code == 400 and "999999" in response.content.decode()


def test_it_refuses_a_late_deadline_on_the_form(agenda, client_for):
    client = client_for(agenda.world.office)
    step = agenda.draft.steps.first()
    response = client.post(
        url("drafting:main-activity-create", agenda, agenda.draft),
        {
            "step": step.pk,
            "family": agenda.world.family.pk,
            "title": "Te laat",
            "deadline": (agenda.programme.deadline + datetime.timedelta(days=1)).strftime(
                "%d-%m-%Y"
            ),
        },
    )
    assert response.status_code == 400
    assert "id_deadline_error" in response.content.decode()
    response = client.post(
        url("drafting:main-activity-create", agenda, agenda.draft),
        {
            "step": step.pk,
            "family": agenda.world.family.pk,
            "title": "Op tijd",
            "deadline": "01-06-2017",
            "responsible_codes": "OIN-LOGIUS",
            "facilities": [agenda.facility.pk],
        },
    )
    assert response.status_code == 302
    activity = MainActivity.objects.get(title="Op tijd")
    assert list(activity.responsible.all()) == [agenda.logius]


def test_it_asks_why_before_moving_in_a_traced_version(agenda, client_for):
    client = client_for(agenda.world.office)
    first, second = agenda.concept.steps.order_by("position")
    move = url("drafting:step-move", agenda, None, second.anchor)
    response = client.post(move, {"direction": "omhoog"})
    assert response.status_code == 200 and "id_summary" in response.content.decode()
    assert list(agenda.concept.steps.order_by("position")) == [first, second]
    response = client.post(move, {"direction": "omhoog", "summary": "Eerst dit."})
    assert response.status_code == 302
    assert list(agenda.concept.steps.order_by("position")) == [second, first]
    assert Change.objects.get(anchor=second.anchor).summary == "Eerst dit."
    # In the first version nothing asks why.
    draft_first, draft_second = agenda.draft.steps.order_by("position")
    client.post(
        url("drafting:step-move", agenda, agenda.draft, draft_second.anchor),
        {"direction": "omhoog"},
    )
    assert agenda.draft.steps.order_by("position").first() == draft_second


def test_it_changes_a_paragraph_with_its_why(agenda, client_for):
    client = client_for(agenda.world.office)
    paragraph = agenda.concept.paragraphs.first()
    page = url("drafting:paragraph-change-traced", agenda, None, paragraph.anchor)
    assert client.post(page, {"text": "Nieuw."}).status_code == 400
    response = client.post(
        page, {"text": "Nieuw.", "summary": "Reacties.", "themes": [agenda.theme.pk]}
    )
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.text == "Nieuw."
    trace = client.get(url("drafting:version-trace", agenda)).content.decode()
    assert "Reacties." in trace and "Digitale inclusie" in trace


def test_it_makes_the_next_version_and_opens_its_structure(agenda, client_for):
    client = client_for(agenda.world.office)
    response = client.post(url("drafting:version-make-concept", agenda))
    made = agenda.programme.versions.get(number=agenda.concept.number + 1)
    assert response["Location"] == url("drafting:agenda-structure", agenda, made)
    assert made.based_on == agenda.concept and made.steps.count() == 2


def test_it_shows_an_adopted_version_read_only(agenda, client_for):
    move_version(agenda.concept, VersionState.CONCEPT)
    without_council(agenda.concept)
    move_version(agenda.concept, VersionState.ADOPTED)
    client = client_for(agenda.world.office)
    html = client.get(url("drafting:agenda-structure", agenda)).content.decode()
    assert url("drafting:step-create", agenda) not in html
    response = client.post(
        url("drafting:step-create", agenda), {"title": "Toch", "summary": "Waarom"}
    )
    assert response.status_code == 302
    assert not Step.objects.filter(title="Toch").exists()


def test_it_shows_the_trace_contributions_only_to_who_may_read_them(agenda, client_for):
    services.change_paragraph(
        agenda.concept.paragraphs.first(),
        "Anders.",
        summary="Waarom zo.",
        contributions=[agenda.published, agenda.private],
        themes=[agenda.theme],
        by=agenda.world.office,
    )
    versions.open_consultation(
        agenda.concept, opens_at=timezone.now() - datetime.timedelta(hours=1)
    )
    for name, user in agenda.world.personas():
        client = client_for(user)
        for page in (compare_url(agenda, 1, 2), url("drafting:version-trace", agenda)):
            html = client.get(page).content.decode()
            assert "Waarom zo." in html and "Digitale inclusie" in html, (name, page)
            sees = name in ("office", "council_member")
            assert ("Vertrouwelijk punt." in html) == sees, (name, page)
            assert ("2 stukken inbreng" in html) == (not sees), (name, page)
    compare = client_for(None).get(compare_url(agenda, 1, 2)).content.decode()
    assert "<del" in compare and "<ins" in compare


def test_it_reads_the_pages_in_a_constant_number_of_queries(agenda, client_for):
    client = client_for(agenda.world.office)
    services.change_paragraph(
        agenda.concept.paragraphs.first(),
        "Anders.",
        summary="Waarom.",
        contributions=[agenda.published],
        themes=[agenda.theme],
    )
    pages = [*read_urls(agenda, agenda.concept), compare_url(agenda, 1, 2)]

    def counts():
        result = []
        for page in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page).status_code == 200
            result.append(len(queries))
        return result

    small = counts()
    build_structure(
        agenda.concept,
        agenda.world,
        [agenda.world.family, agenda.provinces],
        agenda.facility,
        agenda.logius,
        steps=3,
        activities=3,
        summary="Meer.",
    )
    for paragraph in agenda.concept.paragraphs.all():
        services.change_paragraph(
            paragraph,
            paragraph.text + " Meer.",
            summary="Waarom.",
            contributions=[agenda.published, agenda.private],
            themes=[agenda.theme],
        )
    assert counts() == small


def test_it_compares_the_newest_version_with_its_base_by_default(agenda, client_for):
    compare = reverse("drafting:version-compare", args=[agenda.programme.slug])
    office = client_for(agenda.world.office).get(compare)
    assert office.status_code == 200
    assert office.context["comparison"].older == agenda.draft
    assert office.context["comparison"].newer == agenda.concept
    # The public sees one version only (the concept is the office's): nothing to compare yet.
    public = client_for(None).get(compare)
    assert public.status_code == 200 and public.context["comparison"] is None
    assert client_for(agenda.world.office).get(compare + "?van=1&naar=99").status_code == 404
