"""The progress report of a reporting round: a finished document per persona (the public
version names no organisation), its PDF, ODT and tables, odd input, and a constant number of
queries. One PDF is rendered in this module."""

import io
import shutil
import subprocess
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats

from koers.monitoring.constants import ReportStatus
from koers.monitoring.tests.helpers import SLUG, commit, open_round, report
from koers.organisations.tests.factories import FamilyFactory, OrganisationFactory

pytest_plugins = ["koers.monitoring.tests.helpers"]

SECRET = "De leverancier is failliet."


def url(name, *args, query=""):
    return reverse(f"documents:{name}", args=[SLUG, *args]) + query


@pytest.fixture
def reported(monitored):
    report(
        monitored.commitment,
        monitored.round,
        status=ReportStatus.DELAYED,
        percent=40,
        explanation=SECRET,
    )
    return monitored


def _text(response) -> str:
    return b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode("utf-8-sig")


def test_the_page_reads_as_a_report_with_the_rule_and_unknown_not_zero(reported, client_for):
    page = client_for(None).get(url("progress-report", reported.round.period))
    assert page.status_code == 200
    text = page.content.decode()
    for heading in (
        "Inhoud",
        "1 Inleiding",
        "2 Stand per stap",
        "3 Verloop",
        "4 Uitloop",
        "6 Prognose",
    ):
        assert heading in text
    assert "telt nooit als 0" in text
    # Utrecht reported, the other two municipalities did not: 40 % over the one that did.
    assert "40&nbsp;%" in text and "1 van 3" in text
    assert "None" not in text.split("<main", 1)[1]
    assert 'role="img"' in text  # the charts, with a table beside them
    # The report stands at a date of its story (the round's deadline while it is open), never
    # the day it is read.
    deadline = formats.date_format(reported.round.deadline, "j F Y")
    assert f"<dt>Stand per</dt><dd>{deadline}</dd>" in text


def test_the_public_version_names_no_organisation_but_the_council_reads_them(reported, client_for):
    world = reported.world
    address = url("progress-report", reported.round.period)
    public = client_for(None).get(address).content.decode()
    assert SECRET not in public
    assert world.organisation.official_name not in public
    assert "openbaar: alleen totalen" in public
    council = client_for(world.council_member).get(address).content.decode()
    assert SECRET in council and world.other_organisation.official_name in council
    # The contributor of Utrecht may read Utrecht's reports, but not the list of the others.
    contributor = client_for(world.contributor).get(address).content.decode()
    assert SECRET not in contributor
    # The tables follow the same rule.
    table = url("progress-report-download", reported.round.period, "csv", query="?tabel=risico")
    assert client_for(None).get(table).status_code == 404
    csv = client_for(world.office).get(table)
    assert csv.status_code == 200 and SECRET in _text(csv)


def test_the_tables_download_as_csv_and_ods(reported, client_for):
    period = reported.round.period
    csv = client_for(None).get(url("progress-report-download", period, "csv"))
    assert csv.status_code == 200
    lines = _text(csv).splitlines()
    assert lines[0].startswith("stap,hoofdactiviteit,familie,percentage gereed")
    # Who did not report is unknown: an empty percentage, never 0.
    assert "Stap 0,Activiteit 0.0 provincies,Provincies,,0,3,3,3,0,0,0,0,0" in lines
    assert "Totaal,,,40,1,12,11,10,0,0,1,0,0" in lines
    ods = client_for(None).get(
        url("progress-report-download", period, "ods", query="?tabel=verloop")
    )
    assert ods.status_code == 200
    content = zipfile.ZipFile(io.BytesIO(ods.content)).read("content.xml").decode()
    assert reported.round.label in content


def test_the_family_version_and_the_odt(reported, client_for):
    world = reported.world
    period = reported.round.period
    page = client_for(world.coordinator).get(
        url("progress-report-family", period, world.family.slug)
    )
    assert page.status_code == 200
    assert world.family.name in page.content.decode()
    odt = client_for(world.coordinator).get(
        url("progress-report-family-download", period, world.family.slug, "odt")
    )
    assert odt.status_code == 200
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    doc = load(io.BytesIO(odt.content))
    texts = [teletype.extractText(e) for e in doc.getElementsByType(H) + doc.getElementsByType(P)]
    joined = "\n".join(texts)
    assert "1 Inleiding" in joined and "6 Prognose" in joined
    assert SECRET in joined  # the coordinator reads its family's explanations
    public = client_for(None).get(url("progress-report-download", period, "odt"))
    public_text = "\n".join(
        teletype.extractText(e) for e in load(io.BytesIO(public.content)).getElementsByType(P)
    )
    assert SECRET not in public_text and "openbaar" in public_text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("monitoring/voortgangsrapportage/2030-Q1", 404),
        ("monitoring/voortgangsrapportage/²", 404),
        ("monitoring/voortgangsrapportage/2016-Q4/familie/bestaat-niet", 404),
        ("monitoring/voortgangsrapportage/2016-Q4/document.docx", 404),
        ("monitoring/voortgangsrapportage/2016-Q4/document.csv?tabel=²", 404),
    ],
)
def test_odd_input_is_not_found_not_an_error(reported, client_for, path, status):
    assert client_for(None).get(f"/programmas/{SLUG}/{path}").status_code == status


def test_a_family_of_another_programme_is_not_found(reported, client_for):
    other = FamilyFactory()
    address = url("progress-report-family", reported.round.period, other.slug)
    assert client_for(reported.world.office).get(address).status_code == 404


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_pages_read_a_constant_number_of_queries(reported, adopted, client_for):
    world = reported.world
    client = client_for(world.office)
    period = reported.round.period
    addresses = [
        url("progress-report", period),
        url("progress-report-family", period, world.family.slug),
        url("progress-report-download", period, "csv", query="?tabel=risico"),
    ]
    before = [_count(client, a) for a in addresses]
    later = open_round(world, period="2017-Q1")
    for n in range(4):
        organisation = OrganisationFactory(code=f"gm08{n:02d}")
        commitment = commit(adopted, organisation, by=world.office)
        report(commitment, reported.round, status=ReportStatus.AT_RISK, percent=5, explanation="x")
        report(commitment, later, status=ReportStatus.DELAYED, percent=15, explanation="y")
    assert [_count(client, a) for a in addresses] == before


def test_a_table_is_made_of_its_own_figures_only(reported, client_for, monkeypatch):
    """The CSV/ODS of one table reads what that table holds: no chart is drawn, no forecast,
    no list it does not show; the page still reads everything."""
    from koers.monitoring import charts

    drawn = []
    render = charts._render
    monkeypatch.setattr(charts, "_render", lambda *a, **k: drawn.append(a) or render(*a, **k))
    charts._drawn.cache_clear()
    client = client_for(reported.world.office)
    period = reported.round.period
    tables = {
        name: _count(client, url("progress-report-download", period, "csv", query=f"?tabel={name}"))
        for name in ("voortgang", "verloop", "risico", "uitloop", "niet-gerapporteerd")
    }
    assert drawn == []
    page = _count(client, url("progress-report", period))
    assert len(drawn) == 2  # the trend and the status per step
    for name, queries in tables.items():
        assert queries < page, name


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is missing")
def test_the_pdf_reads_as_a_document(reported, client_for, tmp_path):
    response = client_for(reported.world.office).get(
        url("progress-report-download", reported.round.period, "pdf")
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "rapportage.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Voortgangsrapportage" in text and "Inleiding" in text and "Prognose" in text
    assert "failliet" in text  # the office's version has the explanation
    assert "None" not in text and "**" not in text
