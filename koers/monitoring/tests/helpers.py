"""What the monitoring tests share: the adopted agenda of the elaboration's tests, two
municipalities that elaborated its first main activity, and a reporting round that is open.

The test modules import its helpers before `pytest_plugins` is read, too late for pytest to
rewrite asserts here; it has none (PYTEST_DONT_REWRITE)."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from koers.elaboration import services as elaboration
from koers.elaboration.constants import CommitmentStatus

from .. import services as monitoring
from ..constants import ReportStatus

# The `adopted` fixture (koers/elaboration/tests/helpers.py).
pytest_plugins = ["koers.elaboration.tests.helpers"]

SLUG = "digitaal-2017"


@dataclass
class Monitored:
    adopted: object
    round: object
    commitment: object  # Utrecht's, under the first main activity of the municipalities
    other_commitment: object  # Amsterdam's, under the same

    @property
    def world(self):
        return self.adopted.world

    @property
    def activities(self):
        return self.adopted.activities


def commit(
    adopted,
    organisation,
    *,
    activity=None,
    by=None,
    status=CommitmentStatus.COMMITTED,
    milestones=None,
    title="DigiD overal",
):
    world = adopted.world
    return elaboration.create_commitment(
        organisation,
        programme=world.programme,
        main_activity=activity if activity is not None else adopted.activities[0],
        title=title,
        what="Alle diensten met DigiD.",
        owner="Team Dienstverlening",
        status=status,
        milestones=milestones
        if milestones is not None
        else [
            elaboration.MilestoneInput("Plan klaar", datetime.date(2017, 3, 31)),
            elaboration.MilestoneInput("Live", datetime.date(2017, 9, 30)),
        ],
        by=by or world.contributor,
    )


def open_round(world, period="2016-Q4", **kwargs):
    today = timezone.localdate()
    kwargs.setdefault("opens_on", today)
    kwargs.setdefault("deadline", today + datetime.timedelta(days=14))
    return monitoring.open_round(world.programme, period=period, by=world.office, **kwargs)


def report(commitment, round_, status=ReportStatus.ON_TRACK, percent=50, by=None, **kwargs):
    kwargs.setdefault("explanation", "Loopt.")
    return monitoring.submit_report(
        commitment,
        round_,
        status=status,
        percent=percent,
        by=by,
        **kwargs,
    )


@pytest.fixture
def monitored(adopted) -> Monitored:
    world = adopted.world
    commitment = commit(adopted, world.organisation)
    other = commit(adopted, world.other_organisation, by=world.office)
    return Monitored(adopted, open_round(world), commitment, other)
