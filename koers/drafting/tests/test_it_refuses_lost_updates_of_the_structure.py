"""Two people on one form of the agenda, the council and the elaboration: the later save of an
older form answers 409 with both texts and keeps what was typed; milestones a colleague added
meanwhile stay; a save writes only the fields the form changed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as agenda_services
from koers.agenda.constants import VersionState
from koers.agenda.models import MainActivity, Paragraph, Section, Step
from koers.core.tests.stale import assert_refuses_lost_update, form_data
from koers.council import services as council
from koers.council.constants import Decision
from koers.council.models import CouncilMeeting, MeetingItem
from koers.elaboration import services as elaboration
from koers.elaboration.models import Commitment, Milestone

pytest_plugins = ["koers.elaboration.tests.helpers"]

SLUG = "digitaal-2017"


def office(agenda, client_for):
    return client_for(agenda.world.office)


# --- the text of a version based on another (the traced pages) -------------------------------


def test_it_refuses_a_stale_traced_section(agenda, client_for):
    section = agenda.concept.sections.order_by("position").first()
    url = reverse(
        "drafting:section-edit-traced", args=[SLUG, agenda.concept.number, section.anchor]
    )

    def colleague():
        Section.objects.filter(pk=section.pk).update(title="Titel van de collega")

    def edit(data):
        data.update(title="Mijn titel", summary="Beter zo.")

    assert_refuses_lost_update(
        office(agenda, client_for),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn titel",
        kept=lambda: Section.objects.get(pk=section.pk).title == "Titel van de collega",
    )


def test_it_refuses_a_stale_traced_paragraph(agenda, client_for):
    paragraph = agenda.concept.paragraphs.order_by("section__position", "position").first()
    url = reverse(
        "drafting:paragraph-change-traced", args=[SLUG, agenda.concept.number, paragraph.anchor]
    )

    def colleague():
        Paragraph.objects.filter(pk=paragraph.pk).update(text="Tekst van de collega.")

    def edit(data):
        data.update(text="Mijn tekst.", summary="Duidelijker.")

    assert_refuses_lost_update(
        office(agenda, client_for),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn tekst.",
        kept=lambda: Paragraph.objects.get(pk=paragraph.pk).text == "Tekst van de collega.",
    )


# --- steps and main activities ------------------------------------------------------------------


def test_it_refuses_a_stale_step(agenda, client_for):
    step = agenda.draft.steps.order_by("position").first()
    url = reverse("drafting:step-edit", args=[SLUG, agenda.draft.number, step.anchor])

    def colleague():
        Step.objects.filter(pk=step.pk).update(description="Van de collega.")

    def edit(data):
        data["description"] = "Mijn omschrijving."

    assert_refuses_lost_update(
        office(agenda, client_for),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn omschrijving.",
        kept=lambda: Step.objects.get(pk=step.pk).description == "Van de collega.",
    )


def test_it_refuses_a_stale_main_activity(agenda, client_for):
    activity = agenda.draft.main_activities.order_by("pk").first()
    url = reverse("drafting:main-activity-edit", args=[SLUG, agenda.draft.number, activity.anchor])

    def colleague():
        MainActivity.objects.filter(pk=activity.pk).update(intended_outcome="Van de collega.")

    def edit(data):
        data["intended_outcome"] = "Mijn beoogd resultaat."

    assert_refuses_lost_update(
        office(agenda, client_for),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn beoogd resultaat.",
        kept=lambda: MainActivity.objects.get(pk=activity.pk).intended_outcome == "Van de collega.",
    )


def test_a_step_save_writes_only_the_changed_field(agenda, client_for):
    step = agenda.draft.steps.order_by("position").first()
    client = office(agenda, client_for)
    url = reverse("drafting:step-edit", args=[SLUG, agenda.draft.number, step.anchor])
    data = form_data(client.get(url))
    data["title"] = "Andere titel"
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, data).status_code == 302
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "agenda_step"')]
    assert len(updates) == 1
    assert '"title"' in updates[0]
    assert '"description"' not in updates[0] and '"position"' not in updates[0]


def test_a_paragraph_save_writes_only_the_changed_field(agenda, client_for):
    paragraph = agenda.draft.paragraphs.order_by("section__position", "position").first()
    client = office(agenda, client_for)
    url = reverse(
        "drafting:version-paragraph-edit", args=[SLUG, agenda.draft.number, paragraph.anchor]
    )
    data = form_data(client.get(url))
    data["text"] = "Een andere tekst."
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, data).status_code == 302
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "agenda_paragraph"')]
    assert len(updates) == 1
    assert '"text"' in updates[0] and '"position"' not in updates[0]


# --- the council ---------------------------------------------------------------------------------


@pytest.fixture
def meeting(agenda):
    agenda_services.move_version(agenda.concept, VersionState.CONCEPT, by=agenda.world.office)
    agenda.concept.refresh_from_db()
    return council.plan_meeting(
        agenda.programme,
        version=agenda.concept,
        title="Regieraad juni",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        by=agenda.world.office,
    )


def test_it_refuses_a_stale_decision_on_a_meeting_item(agenda, meeting, client_for):
    item = council.add_item(meeting, section=agenda.concept.sections.order_by("position").first())
    page = reverse("council:council-meeting", args=[SLUG, meeting.pk])
    action = reverse("council:council-item-decide", args=[SLUG, meeting.pk, item.pk])

    def colleague():
        MeetingItem.objects.filter(pk=item.pk).update(minutes="Notulen van de collega.")

    def edit(data):
        data[f"item-{item.pk}-decision"] = Decision.AGREE
        data[f"item-{item.pk}-minutes"] = "Mijn notulen."

    assert_refuses_lost_update(
        client_for(agenda.world.council_member),
        page,
        action=action,
        colleague=colleague,
        edit=edit,
        typed="Mijn notulen.",
        kept=lambda: MeetingItem.objects.get(pk=item.pk).minutes == "Notulen van de collega.",
    )


def test_it_refuses_stale_meeting_minutes(agenda, meeting, client_for):
    page = reverse("council:council-meeting", args=[SLUG, meeting.pk])
    action = reverse("council:council-meeting-hold", args=[SLUG, meeting.pk])

    def colleague():
        CouncilMeeting.objects.filter(pk=meeting.pk).update(minutes="Verslag van de collega.")

    def edit(data):
        data["meeting-minutes"] = "Mijn verslag."

    assert_refuses_lost_update(
        office(agenda, client_for),
        page,
        action=action,
        colleague=colleague,
        edit=edit,
        typed="Mijn verslag.",
        kept=lambda: CouncilMeeting.objects.get(pk=meeting.pk).minutes == "Verslag van de collega.",
    )


# --- commitments and their milestones -----------------------------------------------------------


@pytest.fixture
def commitment(adopted):
    world = adopted.world
    return elaboration.create_commitment(
        world.organisation,
        programme=world.programme,
        main_activity=adopted.activities[0],
        title="DigiD overal",
        what="Alle diensten met DigiD.",
        owner="Team",
        milestones=[elaboration.MilestoneInput("Plan klaar", datetime.date(2017, 6, 30))],
        by=world.contributor,
    )


def edit_url(commitment):
    return reverse(
        "elaboration:commitment-edit", args=[SLUG, commitment.organisation.code, commitment.pk]
    )


def test_it_refuses_a_stale_commitment(adopted, commitment, client_for):
    def colleague():
        Commitment.objects.filter(pk=commitment.pk).update(what="Van de collega.")

    def edit(data):
        data["what"] = "Mijn beschrijving."

    assert_refuses_lost_update(
        client_for(adopted.world.contributor),
        edit_url(commitment),
        colleague=colleague,
        edit=edit,
        typed="Mijn beschrijving.",
        kept=lambda: Commitment.objects.get(pk=commitment.pk).what == "Van de collega.",
    )


def test_it_refuses_a_stale_milestone(adopted, commitment, client_for):
    shown = commitment.milestones.get()

    def colleague():
        Milestone.objects.filter(pk=shown.pk).update(title="Mijlpaal van de collega")

    def edit(data):
        data["milestone-0-title"] = "Mijn mijlpaal"

    assert_refuses_lost_update(
        client_for(adopted.world.contributor),
        edit_url(commitment),
        colleague=colleague,
        edit=edit,
        typed="Mijn mijlpaal",
        kept=lambda: Milestone.objects.get(pk=shown.pk).title == "Mijlpaal van de collega",
    )


def test_a_stale_form_keeps_the_milestones_added_meanwhile(adopted, commitment, client_for):
    client = client_for(adopted.world.contributor)
    shown = commitment.milestones.get()
    data = form_data(client.get(edit_url(commitment)))
    added = Milestone.objects.create(
        commitment=commitment, title="Erbij van de collega", due_on=datetime.date(2017, 5, 1)
    )
    data["milestone-0-title"] = "Plan echt klaar"
    assert client.post(edit_url(commitment), data).status_code == 302
    titles = set(commitment.milestones.values_list("title", flat=True))
    assert titles == {"Plan echt klaar", "Erbij van de collega"}

    # Removing the one it showed removes only that one.
    data = form_data(client.get(edit_url(commitment)))
    Milestone.objects.create(
        commitment=commitment, title="Nog een van de collega", due_on=datetime.date(2017, 5, 2)
    )
    row = next(
        k[: -len("-id")] for k, v in data.items() if k.endswith("-id") and v == str(shown.pk)
    )
    data[f"{row}-DELETE"] = "on"
    assert client.post(edit_url(commitment), data).status_code == 302
    titles = set(commitment.milestones.values_list("title", flat=True))
    assert titles == {"Erbij van de collega", "Nog een van de collega"}
    assert Milestone.objects.filter(pk=added.pk).exists()


@pytest.mark.parametrize("odd_id", ["²", "٣", "9" * 30, "-1"])
def test_it_reads_an_odd_milestone_id_as_no_milestone(adopted, commitment, client_for, odd_id):
    client = client_for(adopted.world.contributor)
    data = form_data(client.get(edit_url(commitment)))
    data["milestone-0-id"] = odd_id
    response = client.post(edit_url(commitment), data)
    assert response.status_code in (200, 302, 400, 409)
