"""`koers run` on a database made before the apps were rearranged says what to do, instead of
taking the old history for the new one (docs/adr/0011-apps-follow-the-cycle.md)."""

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from koers.core.migrations_check import refuse_an_earlier_layout, unknown_migrations


@pytest.mark.django_db
def test_it_accepts_the_database_the_tests_migrated():
    assert unknown_migrations() == []
    refuse_an_earlier_layout()


@pytest.mark.django_db
def test_it_names_the_migrations_of_an_earlier_layout():
    MigrationRecorder(connection).record_applied(
        "consultation", "0009_t10_moderation_and_organisation_claims"
    )
    MigrationRecorder(connection).record_applied("django_tasks_db", "9999_not_ours")
    assert unknown_migrations() == ["consultation.0009_t10_moderation_and_organisation_claims"]
    with pytest.raises(CommandError, match="earlier version of Koers.*consultation.0009"):
        refuse_an_earlier_layout()
