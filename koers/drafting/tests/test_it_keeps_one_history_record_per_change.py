"""One change, one history record: a main activity saved with its responsible organisations and
facilities is one entry in its history, with both lists as they were, and a change that changes
nothing adds none."""

import pytest

from koers.organisations.tests.factories import FacilityFactory

from .. import services

pytestmark = pytest.mark.django_db


def snapshot(record) -> tuple[set, set]:
    return (
        {row.organisation_id for row in record.responsible.all()},
        {row.facility_id for row in record.facilities.all()},
    )


def test_it_records_a_new_main_activity_once_with_its_lists(agenda):
    activity = agenda.concept.main_activities.order_by("pk").first()
    [record] = activity.history.all()
    assert record.history_type == "+"
    assert snapshot(record) == ({agenda.logius.pk}, {agenda.facility.pk})


def test_it_records_a_change_of_fields_and_lists_once(agenda):
    activity = agenda.concept.main_activities.order_by("pk").first()
    mijn_overheid = FacilityFactory(name="MijnOverheid")
    services.update_main_activity(
        activity,
        title="Alle diensten digitaal",
        responsible=[agenda.world.organisation],
        facilities=[agenda.facility, mijn_overheid],
        summary="Uit de rondetafel.",
        by=agenda.world.office,
    )
    latest, first = activity.history.order_by("-history_id")
    assert (first.history_type, latest.history_type) == ("+", "~")
    assert latest.title == "Alle diensten digitaal"
    assert latest.history_user == agenda.world.office
    assert snapshot(latest) == (
        {agenda.world.organisation.pk},
        {agenda.facility.pk, mijn_overheid.pk},
    )
    assert snapshot(first) == ({agenda.logius.pk}, {agenda.facility.pk})


def test_it_records_nothing_when_nothing_changed(agenda):
    activity = agenda.concept.main_activities.order_by("pk").first()
    services.update_main_activity(
        activity,
        title=activity.title,
        responsible=[agenda.logius],
        facilities=[agenda.facility],
        summary="Niets.",
        by=agenda.world.office,
    )
    assert activity.history.count() == 1


def test_it_records_a_change_of_a_list_alone(agenda):
    activity = agenda.concept.main_activities.order_by("pk").first()
    services.update_main_activity(
        activity, facilities=[], summary="DigiD valt af.", by=agenda.world.office
    )
    latest = activity.history.order_by("-history_id").first()
    assert latest.history_type == "~"
    assert snapshot(latest) == ({agenda.logius.pk}, set())
    assert activity.history.count() == 2
