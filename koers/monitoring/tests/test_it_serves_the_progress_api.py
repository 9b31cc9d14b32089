"""The API's roll-up per reporting round and forecast: aggregate figures only, unknown as null
(never 0), odd input refused with a problem, a constant number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.organisations.tests.factories import OrganisationFactory

from ..constants import ReportStatus
from .helpers import SLUG, commit, open_round, report

pytest_plugins = ["koers.monitoring.tests.helpers"]

SECRET = "De leverancier is failliet."


def test_the_roll_up_per_round_counts_unknown_apart(monitored, client):
    report(
        monitored.commitment,
        monitored.round,
        status=ReportStatus.DELAYED,
        percent=40,
        explanation=SECRET,
    )
    response = client.get(f"/api/v1/programmes/{SLUG}/progress")
    assert response.status_code == 200
    body = response.json()
    assert SECRET not in response.content.decode()
    (round_,) = body["results"]
    assert round_["period"] == monitored.round.period
    assert round_["programme"]["percent"] == 40
    assert round_["programme"]["reported"] == 1
    assert round_["programme"]["unknown"] == round_["programme"]["units"] - 1
    assert round_["programme"]["statuses"]["delayed"] == 1
    families = {f["family"]: f["progress"] for f in round_["families"]}
    assert families[monitored.world.family.slug]["percent"] == 40
    # A family where no one reported: unknown, never 0.
    assert any(f["percent"] is None for f in families.values())
    activity = round_["steps"][0]["mainActivities"][0]
    assert set(activity) == {"mainActivity", "title", "family", "deadline", "progress"}


def test_the_forecast_and_odd_input(monitored, client):
    response = client.get(f"/api/v1/programmes/{SLUG}/forecast?on=2017-01-31")
    assert response.status_code == 200
    body = response.json()
    assert body["on"] == "2017-01-31"
    assert set(body["programme"]) >= {
        "expectedCompletion",
        "earliest",
        "latest",
        "probability",
        "earnedSchedule",
    }
    assert client.get(f"/api/v1/programmes/{SLUG}/forecast?on=²").status_code == 400
    assert client.get(f"/api/v1/programmes/{SLUG}/forecast?familie=x").status_code == 400
    assert client.get(f"/api/v1/programmes/{SLUG}/progress?x=1").status_code == 400
    assert client.get("/api/v1/programmes/bestaat-niet/progress").status_code == 404
    monitored.world.programme.is_public = False
    monitored.world.programme.save()
    assert client.get(f"/api/v1/programmes/{SLUG}/forecast").status_code == 404


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_a_constant_number_of_queries(monitored, adopted, client):
    report(monitored.commitment, monitored.round, percent=40)
    addresses = [f"/api/v1/programmes/{SLUG}/progress", f"/api/v1/programmes/{SLUG}/forecast"]
    before = [_count(client, a) for a in addresses]
    later = open_round(monitored.world, period="2017-Q1")
    for n in range(3):
        commitment = commit(
            adopted, OrganisationFactory(code=f"gm09{n:02d}"), by=monitored.world.office
        )
        report(commitment, monitored.round, percent=10)
        report(commitment, later, status=ReportStatus.AT_RISK, percent=20, explanation="x")
    assert [_count(client, a) for a in addresses] == before
