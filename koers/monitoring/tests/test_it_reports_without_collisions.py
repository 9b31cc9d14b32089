"""Two people reporting on one commitment at once, or reminding one family at once: one wins,
the other is told, and nothing counts twice. Shown with real concurrent transactions, so only on
PostgreSQL (SQLite takes its write lock when a transaction begins):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koers_concurrency \\
        python -m pytest koers/monitoring/tests/test_it_reports_without_collisions.py
"""

import pytest
from django.db import connection

from koers.agenda.tests.test_it_numbers_without_collisions import WRITERS, at_once, slowed

from .. import services as monitoring
from ..models import ProgressReport, RoundReminder
from .helpers import report

pytest_plugins = ["koers.monitoring.tests.helpers"]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
    ),
]


def test_of_reports_made_from_the_same_state_one_counts(monitored, monkeypatch):
    monkeypatch.setattr(monitoring, "current_report", slowed(monitoring.current_report))
    errors = at_once(
        lambda i: report(monitored.commitment, monitored.round, percent=10 * i, based_on=0)
    )
    assert len(errors) == WRITERS - 1
    assert all(isinstance(error, monitoring.StaleReport) for error in errors)
    assert ProgressReport.objects.filter(commitment=monitored.commitment).count() == 1


def test_a_family_pressed_twice_at_once_is_reminded_once(monitored, monkeypatch):
    world = monitored.world
    monkeypatch.setattr(monitoring, "unreported", slowed(monitoring.unreported))
    errors = at_once(
        lambda i: monitoring.send_round_reminders(monitored.round, world.family, by=world.office)
    )
    assert errors == []
    reminded = list(
        RoundReminder.objects.filter(round=monitored.round).values_list("organisation", flat=True)
    )
    assert sorted(reminded) == sorted({world.organisation.pk, world.other_organisation.pk})
