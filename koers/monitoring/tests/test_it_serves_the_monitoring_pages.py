"""The monitoring pages per persona, the report form (kept input, conflicts, odd input), the
round form, and a constant number of queries per page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.accounts.models import RoleKind
from koers.organisations.tests.factories import OrganisationFactory, RoleFactory, UserFactory

from ..constants import ReportStatus
from ..models import ProgressReport, ReportingRound
from .helpers import SLUG, commit, open_round, report

pytest_plugins = ["koers.monitoring.tests.helpers"]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\nxref\n0 1\n0000000000 65535 f \ntrailer<<>>\nstartxref\n9\n%%EOF\n"


def url(name, *args):
    return reverse(f"monitoring:{name}", args=[SLUG, *args])


def _personas(monitored):
    world = monitored.world
    amsterdam = UserFactory(username="bijdrager-amsterdam")
    RoleFactory(
        user=amsterdam,
        programme=world.programme,
        kind=RoleKind.CONTRIBUTOR,
        organisation=world.other_organisation,
    )
    return [*world.personas(), ("other_contributor", amsterdam)]


# persona: home, round, round per family, organisation, report form, risks, slippage, new round
EXPECTED = {
    "office": (200, 200, 200, 200, 403, 200, 200, 200),
    "coordinator": (200, 200, 200, 200, 403, 200, 200, 403),
    "contributor": (200, 200, 403, 200, 200, 403, 403, 403),
    "other_contributor": (200, 200, 403, 403, 403, 403, 403, 403),
    "council_member": (200, 200, 200, 200, 403, 200, 200, 403),
    "reviewer": (200, 200, 403, 403, 403, 403, 403, 403),
    "outsider": (200, 200, 403, 403, 403, 403, 403, 403),
    "public": (200, 200, 302, 302, 302, 302, 302, 302),
}


def test_every_persona_sees_what_it_may(monitored, client_for):
    world = monitored.world
    report(monitored.commitment, monitored.round, status=ReportStatus.AT_RISK, percent=40)
    period = monitored.round.period
    urls = [
        url("monitoring-home"),
        url("round-detail", period),
        url("round-family", period, world.family.slug),
        url("organisation-progress", world.organisation.code),
        url("report-create", world.organisation.code, monitored.commitment.pk, period),
        url("risks"),
        url("slippage"),
        url("round-create"),
    ]
    got = {
        name: tuple(client_for(user).get(u).status_code for u in urls)
        for name, user in _personas(monitored)
    }
    assert got == EXPECTED


def test_what_each_persona_reads_of_an_organisations_report(monitored, client_for):
    world = monitored.world
    report(
        monitored.commitment,
        monitored.round,
        status=ReportStatus.DELAYED,
        percent=40,
        explanation="De leverancier is failliet.",
    )
    # The figures are public, the explanation is not.
    public = client_for(None).get(url("round-detail", monitored.round.period)).content.decode()
    assert "failliet" not in public
    assert "40" in public
    risks = client_for(world.coordinator).get(url("risks")).content.decode()
    assert "De leverancier is failliet." in risks
    own = client_for(world.contributor).get(url("organisation-progress", world.organisation.code))
    assert "De leverancier is failliet." in own.content.decode()


def test_the_pages_state_the_rule_and_show_unknown_not_zero(monitored, client_for):
    report(monitored.commitment, monitored.round, percent=40)
    page = client_for(None).get(url("round-detail", monitored.round.period)).content.decode()
    assert "telt nooit als 0" in page
    assert "onbekend" in page
    home = client_for(None).get(url("monitoring-home")).content.decode()
    assert 'role="img"' in home and '<title id="trend-titel">' in home
    assert "<script" not in home.split("<main", 1)[1]
    assert 'style="' not in home


def _form_data(**overrides):
    data = {
        "status": ReportStatus.ON_TRACK,
        "percent": "50",
        "explanation": "Alles volgens plan.",
        "evidence_url": "https://www.utrecht.nl/digid",
        "milestone-TOTAL_FORMS": "0",
        "milestone-INITIAL_FORMS": "0",
        "milestone-MIN_NUM_FORMS": "0",
        "milestone-MAX_NUM_FORMS": "100",
    }
    data.update(overrides)
    return data


def test_a_contributor_reports_with_evidence_and_a_replan(monitored, client_for):
    world = monitored.world
    client = client_for(world.contributor)
    form_url = url(
        "report-create", world.organisation.code, monitored.commitment.pk, monitored.round.period
    )
    page = client.get(form_url)
    token = page.context["form"].loaded_as
    first, second = monitored.commitment.milestones.order_by("due_on")
    data = _form_data(
        loaded_as=token,
        evidence_file=SimpleUploadedFile("bewijs.pdf", PDF, content_type="application/pdf"),
        **{
            "milestone-TOTAL_FORMS": "2",
            "milestone-INITIAL_FORMS": "2",
            "milestone-0-id": str(first.pk),
            "milestone-0-done_on": "2016-12-01",
            "milestone-1-id": str(second.pk),
            "milestone-1-replanned_to": "2017-11-30",
            "milestone-1-reason": "Leverancier later.",
        },
    )
    response = client.post(form_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = ProgressReport.objects.get()
    assert saved.evidence_file.name.endswith(".pdf")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.done_on == datetime.date(2016, 12, 1)
    assert second.due_on == datetime.date(2017, 11, 30)
    # The evidence is served to those who may read the report, and to nobody else.
    evidence = url("report-evidence", saved.pk)
    assert client_for(world.office).get(evidence).status_code == 200
    assert client_for(world.reviewer).get(evidence).status_code == 403


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(monitored, client_for):
    world = monitored.world
    client = client_for(world.contributor)
    form_url = url(
        "report-create", world.organisation.code, monitored.commitment.pk, monitored.round.period
    )
    for data in (
        _form_data(percent="honderd", explanation="Mijn uitleg blijft staan."),
        _form_data(percent="-5", explanation="Mijn uitleg blijft staan."),
        _form_data(status=ReportStatus.DONE, percent="70", explanation="Mijn uitleg blijft staan."),
        _form_data(status="onzin", explanation="Mijn uitleg blijft staan."),
        _form_data(**{"milestone-TOTAL_FORMS": "x"}, explanation="Mijn uitleg blijft staan."),
        _form_data(
            evidence_file=SimpleUploadedFile("nep.pdf", b"geen pdf"),
            explanation="Mijn uitleg blijft staan.",
        ),
    ):
        response = client.post(form_url, data)
        assert response.status_code == 400, data
        assert "Mijn uitleg blijft staan." in response.content.decode()
    delayed = client.post(form_url, _form_data(status=ReportStatus.DELAYED, explanation=""))
    assert delayed.status_code == 400
    assert "Licht toe" in delayed.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_report_over_one_made_meanwhile_answers_conflict(monitored, client_for):
    world = monitored.world
    client = client_for(world.contributor)
    form_url = url(
        "report-create", world.organisation.code, monitored.commitment.pk, monitored.round.period
    )
    token = client.get(form_url).context["form"].loaded_as
    report(monitored.commitment, monitored.round, percent=35, explanation="Door een collega.")
    response = client.post(form_url, _form_data(loaded_as=token, percent="60"))
    assert response.status_code == 409
    assert "35" in response.content.decode()
    assert ProgressReport.objects.current().get().percent == 35
    # Saving again, now from what is stored, supersedes it on purpose.
    again = client.post(form_url, _form_data(loaded_as=response.context["form"].loaded_as))
    assert again.status_code == 302
    assert ProgressReport.objects.current().get().number == 2


def test_the_office_opens_a_round(monitored, client_for):
    world = monitored.world
    client = client_for(world.office)
    bad = client.post(
        url("round-create"),
        {"period": "2017-Q5", "opens_on": "2017-01-01", "deadline": "2016-12-01", "note": "Let op"},
    )
    assert bad.status_code == 400
    assert "2017-Q5" in bad.content.decode() and "Let op" in bad.content.decode()
    twice = client.post(
        url("round-create"),
        {"period": "2016-q4", "opens_on": "2017-01-01", "deadline": "2017-01-31"},
    )
    assert twice.status_code == 400
    assert "al een rapportageronde" in twice.content.decode()
    made = client.post(
        url("round-create"),
        {"period": "2017-q1", "opens_on": "2017-04-01", "deadline": "2017-04-30"},
    )
    assert made.status_code == 302
    assert ReportingRound.objects.filter(programme=world.programme, period="2017-Q1").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/programmas/digitaal-2017/monitoring/rondes/2016-Q9",
        "/programmas/digitaal-2017/monitoring/rondes/onzin/gemeenten",
        "/programmas/digitaal-2017/monitoring/risicos?ronde=onzin&familie=onzin&pagina=-1",
        "/programmas/digitaal-2017/monitoring/uitloop?familie=&pagina=999",
    ],
)
def test_odd_addresses_never_give_a_server_error(monitored, client_for, path):
    assert client_for(monitored.world.office).get(path).status_code in (200, 404)


def _count(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_pages_read_a_constant_number_of_queries(monitored, adopted, client_for):
    world = monitored.world
    report(monitored.commitment, monitored.round, status=ReportStatus.AT_RISK, percent=40)
    client = client_for(world.office)
    addresses = [
        url("monitoring-home"),
        url("round-detail", monitored.round.period),
        url("round-family", monitored.round.period, world.family.slug),
        url("organisation-progress", world.organisation.code),
        url("risks"),
        url("slippage"),
    ]
    before = [_count(client, a) for a in addresses]
    later = open_round(world, period="2017-Q1")
    for n in range(4):
        organisation = OrganisationFactory(code=f"gm07{n:02d}")
        commitment = commit(adopted, organisation, by=world.office)
        report(
            commitment, monitored.round, status=ReportStatus.DELAYED, percent=5, explanation="Laat."
        )
        report(commitment, later, status=ReportStatus.AT_RISK, percent=15, explanation="Nog laat.")
    commit(adopted, world.organisation, activity=adopted.activities[1], title="Tweede")
    report(monitored.commitment, later, percent=60)
    assert [_count(client, a) for a in addresses] == before


def test_the_slippage_counts_no_further_than_it_needs(monitored, client_for, monkeypatch):
    # Near the deadline nearly every milestone may have slipped: past the cap the page says
    # "meer dan" and numbers its pages without a total, instead of counting them all.
    from koers.core.paging import CappedPaginator

    from .. import views

    # The fixture's baselines lie in 2016 and 2017: by now every open milestone has slipped.
    client = client_for(monitored.world.office)
    whole = client.get(url("slippage")).content.decode()
    monkeypatch.setattr(views, "ROWS_PER_PAGE", 1)
    monkeypatch.setattr(CappedPaginator, "cap", 1)
    capped = client.get(url("slippage")).content.decode()
    assert "mijlpalen die afwijken van de basisplanning" in whole
    assert "Meer dan" not in whole
    assert "Meer dan 2 mijlpalen die afwijken van de basisplanning" in capped
    assert "Pagina 1<" in capped and "Pagina 1 van" not in capped
