"""Progress reports are append-only: a new one supersedes, never overwrites, and two made from
the same state never both count."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .. import services as monitoring
from ..constants import ReportStatus
from ..models import ProgressReport
from .helpers import report

pytest_plugins = ["koers.monitoring.tests.helpers"]


def test_a_new_report_supersedes_the_current_one_and_keeps_it(monitored):
    world = monitored.world
    first = report(monitored.commitment, monitored.round, percent=20, by=world.contributor)
    second = report(
        monitored.commitment,
        monitored.round,
        status=ReportStatus.AT_RISK,
        percent=25,
        explanation="Budget onzeker.",
        based_on=1,
        by=world.contributor,
    )
    first.refresh_from_db()
    assert (first.number, first.is_current, first.percent, first.status) == (
        1,
        False,
        20,
        ReportStatus.ON_TRACK,
    )
    assert (second.number, second.is_current, second.percent) == (2, True, 25)
    assert list(
        ProgressReport.objects.current()
        .filter(commitment=monitored.commitment)
        .values_list("pk", flat=True)
    ) == [second.pk]
    assert ProgressReport.objects.filter(commitment=monitored.commitment).count() == 2


def test_a_report_is_never_changed(monitored):
    first = report(monitored.commitment, monitored.round, percent=20)
    first.percent = 90
    with pytest.raises(ValidationError):
        first.save()
    first.refresh_from_db()
    assert first.percent == 20


def test_a_report_made_from_an_older_state_is_refused(monitored):
    report(monitored.commitment, monitored.round, percent=20, based_on=0)
    # A colleague loaded the form before that first report and sends it now.
    with pytest.raises(monitoring.StaleReport) as refused:
        report(monitored.commitment, monitored.round, percent=60, based_on=0)
    assert refused.value.current.percent == 20
    assert ProgressReport.objects.filter(commitment=monitored.commitment).count() == 1


def test_the_database_refuses_two_current_reports(monitored):
    first = report(monitored.commitment, monitored.round, percent=20)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.objects.create(
            round=first.round,
            commitment=first.commitment,
            organisation=first.organisation,
            number=2,
            status=ReportStatus.ON_TRACK,
            percent=30,
        )


@pytest.mark.parametrize(
    "status,percent,explanation,field",
    [
        (ReportStatus.DONE, 80, "", "percent"),
        (ReportStatus.DELAYED, 40, "  ", "explanation"),
        (ReportStatus.ON_TRACK, 101, "", "percent"),
    ],
)
def test_it_refuses_a_report_that_contradicts_itself(
    monitored, status, percent, explanation, field
):
    with pytest.raises(ValidationError) as refused:
        report(
            monitored.commitment,
            monitored.round,
            status=status,
            percent=percent,
            explanation=explanation,
        )
    assert field in refused.value.message_dict
    assert not ProgressReport.objects.exists()


def test_a_reported_commitment_is_never_deleted_with_its_reports(monitored):
    from django.db.models import ProtectedError

    report(monitored.commitment, monitored.round, percent=20)
    with pytest.raises(ProtectedError), transaction.atomic():
        monitored.commitment.delete()
    assert ProgressReport.objects.filter(commitment=monitored.commitment).exists()
