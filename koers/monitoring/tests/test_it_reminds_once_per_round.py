"""Organisations that have not reported are reminded through the task queue, each once per
round."""

from django.core import mail

from koers.accounts.models import RoleKind
from koers.organisations.tests.factories import RoleFactory, UserFactory

from .. import services as monitoring
from ..models import RoundReminder
from .helpers import open_round, report

pytest_plugins = ["koers.monitoring.tests.helpers"]


def test_it_reminds_who_has_not_reported_once_per_round(monitored):
    world = monitored.world
    world.contributor.email = "utrecht@example.org"
    world.contributor.save()
    amsterdam = UserFactory(username="amsterdam", email="amsterdam@example.org")
    RoleFactory(
        user=amsterdam,
        programme=world.programme,
        kind=RoleKind.CONTRIBUTOR,
        organisation=world.other_organisation,
    )
    report(monitored.commitment, monitored.round, percent=40)
    assert monitoring.unreported(monitored.round) == {world.other_organisation.pk: 1}

    sent = monitoring.send_round_reminders(monitored.round, world.family, by=world.coordinator)
    assert [r.organisation for r in sent] == [world.other_organisation]
    assert [m.to for m in mail.outbox] == [["amsterdam@example.org"]]
    assert "2016" in mail.outbox[0].subject
    assert f"/organisaties/{world.other_organisation.code}/voortgang" in mail.outbox[0].body

    # Pressed again (by the office this time): nobody is reminded twice in a round.
    assert monitoring.send_round_reminders(monitored.round, world.family, by=world.office) == []
    assert len(mail.outbox) == 1
    assert RoundReminder.objects.filter(round=monitored.round).count() == 1

    # A new round asks again.
    later = open_round(world, period="2017-Q1")
    sent = monitoring.send_round_reminders(later, world.family, by=world.office)
    assert {r.organisation for r in sent} == {world.organisation, world.other_organisation}
    assert len(mail.outbox) == 3
