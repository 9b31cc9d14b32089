"""Commitments: the family rule, the milestone rule, facility adoptions (never set back),
successions that move commitments, reminders, the adoption mail and the overview's queries."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.services import move_version
from koers.organisations.constants import AdoptionState
from koers.organisations.models import FacilityAdoption, Succession
from koers.organisations.tests.factories import (
    FacilityAdoptionFactory,
    OrganisationFactory,
    RoleFactory,
    UserFactory,
    without_council,
)

from .. import overview as overview_module
from .. import services as elaboration
from ..constants import CommitmentStatus
from ..models import Commitment, Reminder
from ..overview import family_overview
from ..services import MilestoneInput

# The `adopted` fixture; loaded as a plugin, so nothing is imported from it here.
pytest_plugins = ["koers.elaboration.tests.helpers"]


def milestone(title="Eerste oplevering", day=datetime.date(2017, 6, 30)):
    return elaboration.MilestoneInput(title, day)


def commit(adopted, organisation=None, activity=None, **kwargs):
    world = adopted.world
    defaults = {
        "programme": world.programme,
        "main_activity": activity if activity is not None else adopted.activities[0],
        "title": "DigiD voor alle diensten",
        "what": "Wij sluiten alle e-diensten aan.",
        "owner": "Afdeling Dienstverlening",
        "milestones": [milestone()],
        "by": world.contributor,
    }
    defaults.update(kwargs)
    return elaboration.create_commitment(organisation or world.organisation, **defaults)


def test_it_creates_a_commitment_with_milestones_and_dependencies(adopted):
    logius = adopted.agenda.logius
    commitment = commit(
        adopted,
        milestones=[milestone("Plan", datetime.date(2017, 3, 1)), milestone()],
        depends_on=[logius],
        dependency_note="Koppelvlak van Logius.",
    )
    assert commitment.main_activity_anchor == adopted.activities[0].anchor
    assert [m.title for m in commitment.milestones.all()] == ["Plan", "Eerste oplevering"]
    assert list(commitment.depends_on.all()) == [logius]
    assert commitment.history.first().history_user == adopted.world.contributor


def test_it_refuses_organisations_outside_the_family(adopted):
    with pytest.raises(ValidationError, match="hoort niet bij de familie"):
        commit(adopted, organisation=adopted.outsider_organisation)
    assert not Commitment.objects.exists()


def test_it_refuses_main_activities_of_a_version_not_adopted(adopted):
    draft_activity = adopted.agenda.draft.main_activities.filter(
        family=adopted.world.family
    ).first()
    with pytest.raises(ValidationError, match="vastgestelde agenda"):
        commit(adopted, activity=draft_activity)


def test_it_refuses_a_second_commitment_for_the_same_main_activity(adopted):
    commit(adopted)
    with pytest.raises(ValidationError, match="al uitgewerkt"):
        commit(adopted)


def test_it_keeps_milestones_within_the_main_activity_deadline(adopted):
    late = MilestoneInput("Te laat", datetime.date(2018, 1, 1))  # deadline 31-12-2017
    with pytest.raises(ValidationError) as refused:
        commit(adopted, milestones=[late])
    assert "31 december 2017" in refused.value.message_dict["milestones"][0]
    # An own commitment has the programme's deadline (31-12-2030).
    own = commit(adopted, activity=None, main_activity=None, milestones=[late])
    assert own.main_activity_anchor is None


def test_it_plans_facility_adoptions_and_never_downgrades_them(adopted):
    world, facility = adopted.world, adopted.agenda.facility
    other = OrganisationFactory(code="gm0999")
    connected = FacilityAdoptionFactory(
        organisation=other,
        facility=facility,
        state=AdoptionState.CONNECTED,
        date=datetime.date(2016, 5, 1),
    )
    commit(
        adopted,
        facilities=[facility],
        milestones=[milestone("Start"), milestone("Klaar", datetime.date(2017, 11, 1))],
    )
    planned = FacilityAdoption.objects.get(organisation=world.organisation, facility=facility)
    assert planned.state == AdoptionState.PLANNED
    assert planned.date == datetime.date(2017, 11, 1)  # the last milestone
    assert planned.history.first().history_user == world.contributor

    commit(adopted, organisation=other, facilities=[facility])
    connected.refresh_from_db()
    assert connected.state == AdoptionState.CONNECTED
    assert connected.date == datetime.date(2016, 5, 1)


def test_it_updates_a_commitment_and_its_milestones(adopted):
    commitment = commit(adopted, milestones=[milestone("Oud")])
    old = commitment.milestones.get()
    elaboration.update_commitment(
        commitment,
        title="Nieuw",
        what="Meer.",
        owner="Team",
        status=CommitmentStatus.COMMITTED,
        milestones=[
            MilestoneInput("Oud hernoemd", old.due_on, pk=old.pk),
            milestone("Erbij", datetime.date(2017, 9, 1)),
        ],
        by=adopted.world.contributor,
    )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.COMMITTED
    titles = list(commitment.milestones.values_list("pk", "title"))
    assert titles == [(old.pk, "Oud hernoemd"), (titles[1][0], "Erbij")]


def test_it_moves_commitments_to_the_successor_with_a_trail(adopted):
    world = adopted.world
    old = OrganisationFactory(code="gm0001", official_name="gemeente Oud")
    new = OrganisationFactory(code="gm0002", official_name="gemeente Nieuw")
    Succession.objects.create(
        predecessor=old, successor=new, date=datetime.date(2019, 1, 1), kind="samenvoeging"
    )
    first = commit(adopted, organisation=old, milestones=[milestone("A"), milestone("B")])
    second = commit(adopted, organisation=old, activity=None, main_activity=None)
    old.valid_until = datetime.date(2019, 1, 1)  # merged after it elaborated
    old.save()

    moved = elaboration.transfer_commitments(old, new, by=world.office)

    assert moved == 2
    for commitment in (first, second):
        commitment.refresh_from_db()
        assert commitment.organisation == new
        assert commitment.transferred_from == old
        assert commitment.transferred_at is not None
        assert "overgenomen van gm0001" in commitment.history.first().history_change_reason
        assert commitment.history.count() == 2  # made, then moved: nothing lost
    assert first.milestones.count() == 2
    assert elaboration.transfer_commitments(old, new, by=world.office) == 0  # idempotent


def test_the_command_applies_due_mergers_and_leaves_splits_to_a_person(adopted):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    merged = OrganisationFactory(code="gm0011", valid_until=yesterday - datetime.timedelta(1))
    split = OrganisationFactory(code="gm0012", valid_until=yesterday - datetime.timedelta(1))
    future = OrganisationFactory(code="gm0013")
    into = OrganisationFactory(code="gm0014")
    Succession.objects.create(
        predecessor=merged, successor=into, date=yesterday, kind="samenvoeging"
    )
    for code in ("gm0015", "gm0016"):
        Succession.objects.create(
            predecessor=split,
            successor=OrganisationFactory(code=code),
            date=yesterday,
            kind="opsplitsing",
        )
    Succession.objects.create(
        predecessor=future,
        successor=into,
        date=timezone.localdate() + datetime.timedelta(days=30),
        kind="samenvoeging",
    )
    for organisation in (merged, split, future):
        Commitment.objects.create(
            organisation=organisation,
            programme=adopted.world.programme,
            title="Iets",
            what="Iets.",
            owner="Team",
        )

    out = io.StringIO()
    call_command("transfer_commitments", stdout=out)
    call_command("transfer_commitments", stdout=out)
    # In English, as the whole command line: the kind of succession too.
    assert "left to a person (split): gm0012" in out.getvalue()
    assert "\n1 commitment moved\n" in out.getvalue()
    assert out.getvalue().endswith("\n0 commitments moved\n")

    assert Commitment.objects.filter(organisation=into).count() == 1
    assert Commitment.objects.filter(organisation=split).count() == 1
    assert Commitment.objects.filter(organisation=future).count() == 1


def contributor_of(programme, organisation, email):
    user = UserFactory(email=email)
    RoleFactory(
        user=user, programme=programme, kind=RoleKind.CONTRIBUTOR, organisation=organisation
    )
    return user


def test_it_reminds_only_the_organisations_still_missing_once_a_day(adopted):
    world = adopted.world
    family, version = world.family, adopted.version
    contributor_of(world.programme, world.organisation, "utrecht@example.org")
    contributor_of(world.programme, world.other_organisation, "amsterdam@example.org")
    for activity in adopted.activities:  # Utrecht elaborates everything
        commit(adopted, activity=activity)
    commit(adopted, organisation=world.other_organisation)  # Amsterdam only the first

    reminder = elaboration.send_reminders(family, version, by=world.coordinator)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["amsterdam@example.org"]
    assert "/organisaties/gm0363/toezeggingen" in mail.outbox[0].body
    assert world.organisation not in reminder.organisations.all()
    assert world.other_organisation in reminder.organisations.all()
    assert reminder.recipients == 1 and reminder.sent_by == world.coordinator

    with pytest.raises(ValidationError, match="volgende kan vanaf"):
        elaboration.send_reminders(family, version, by=world.coordinator)
    assert Reminder.objects.count() == 1 and len(mail.outbox) == 1

    Reminder.objects.update(sent_at=timezone.now() - datetime.timedelta(hours=25))
    elaboration.send_reminders(family, version, by=world.coordinator)
    assert Reminder.objects.count() == 2


def test_it_mails_the_contributors_when_the_agenda_is_adopted(
    agenda, django_capture_on_commit_callbacks
):
    elaboration.connect_signals()
    world = agenda.world
    contributor_of(world.programme, world.organisation, "utrecht@example.org")
    contributor_of(world.programme, agenda.logius, "logius@example.org")
    move_version(agenda.concept, VersionState.CONCEPT, by=world.office)
    without_council(agenda.concept)
    with django_capture_on_commit_callbacks(execute=True):
        move_version(agenda.concept, VersionState.ADOPTED, by=world.office)
    to = sorted(address for message in mail.outbox for address in message.to)
    # Logius and Utrecht are in both families (the fixture's families take every municipality).
    assert to == ["logius@example.org"] * 2 + ["utrecht@example.org"] * 2
    assert "/programmas/digitaal-2017/organisaties/gm0344/toezeggingen" in "".join(
        m.body for m in mail.outbox
    )

    mail.outbox.clear()
    copy = versions.copy_version(agenda.concept, by=world.office)
    with django_capture_on_commit_callbacks(execute=True):
        move_version(copy, VersionState.CONCEPT, by=world.office)  # not an adoption: no mail
    assert not [m for m in mail.outbox if "vastgesteld" in m.subject]


def test_the_overview_shows_each_cell_in_constant_queries(adopted):
    world = adopted.world
    first, second = adopted.activities
    commit(adopted, activity=first, status=CommitmentStatus.COMMITTED)
    commit(adopted, organisation=world.other_organisation, activity=second)

    overview = family_overview(world.family, adopted.version)
    cells = {row.code: [cell.status for cell in row.cells] for row in overview.rows}
    assert cells["gm0344"] == [CommitmentStatus.COMMITTED, None]
    assert cells["gm0363"] == [None, CommitmentStatus.DRAFT]
    assert cells["oin-logius"] == [None, None]
    assert [c.elaborated for c in overview.activities] == [1, 1]
    assert overview.complete == 0 and len(overview.missing()) == 3

    with CaptureQueriesContext(connection) as small:
        family_overview(world.family, adopted.version)
    for _n in range(30):
        organisation = OrganisationFactory()
        commit(adopted, organisation=organisation, activity=first)
    with CaptureQueriesContext(connection) as large:
        overview = family_overview(world.family, adopted.version)
    assert len(large) == len(small)
    assert overview.members == 33


# 1: every membership check a query of its own, the complete ones left out by a grouping query.
@pytest.mark.parametrize("member_check", [overview_module.MEMBER_CHECK, 1])
def test_the_overview_counts_in_the_database_and_builds_only_the_rows_read(
    adopted, member_check, monkeypatch
):
    monkeypatch.setattr(overview_module, "MEMBER_CHECK", member_check)
    world = adopted.world
    first, second = adopted.activities
    for activity in (first, second):
        commit(adopted, activity=activity)
    # gm0363 holds two commitments for the first activity after a merger: one cell, the furthest.
    commit(adopted, organisation=world.other_organisation, activity=first)
    merged = OrganisationFactory(code="gm0001", official_name="gemeente Oud")
    commit(adopted, organisation=merged, activity=first, status=CommitmentStatus.COMMITTED)
    elaboration.transfer_commitments(merged, world.other_organisation)
    merged.valid_until = datetime.date(2016, 12, 31)
    merged.save()
    # The commitment of an organisation taken out of the family since counts nowhere in it.
    left = OrganisationFactory()
    commit(adopted, organisation=left, activity=second)
    world.family.excluded.add(left)

    overview = family_overview(world.family, adopted.version)

    assert (overview.members, overview.started, overview.complete) == (3, 2, 1)
    assert [c.elaborated for c in overview.activities] == [2, 1]
    assert overview.percent == 33
    missing = overview.missing()
    assert len(missing) == 2 and missing.count() == 2
    assert [row.code for row in missing] == ["gm0363", "oin-logius"]
    with CaptureQueriesContext(connection) as queries:
        (row,) = overview.rows[0:1]
    assert len(queries) == 2
    assert row.code == "gm0363"  # by name: Amsterdam, Logius, Utrecht
    assert [cell.status for cell in row.cells] == [CommitmentStatus.COMMITTED, None]
    assert overview.rows[2].code == "gm0344" and overview.rows[2].complete and not row.complete
