"""The common-thread overview: families x themes, what the analysis proposes and what people
decided, the threshold the office sets, and the downloads of its table."""

import csv
import datetime
import io
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from odf import teletype
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.text import P

from koers.consultation.models import Contribution

from ..models import SynthesisSettings, Theme, ThemeAssignment
from ..services import decide_common_thread, request_run, split_theme
from .conftest import analysed_fixtures

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"
VIEWERS = {"office", "council_member"}
FAMILY_NAMES = ["Gemeenten", "Provincies", "Waterschappen", "Uitvoeringsorganisaties"]
# 00:13 on 6 December in Amsterdam, while it is still the 5th in UTC: a day taken in the wrong
# time zone shows.
PAST_MIDNIGHT = datetime.datetime(2026, 12, 5, 23, 13, tzinfo=datetime.UTC)


def analyse(consulted):
    request_run(consulted.world.programme, by=consulted.world.office)


analysed_in_module, analysed = analysed_fixtures(analyse)


def page(name, *args):
    return reverse(name, args=[SLUG, *args])


def majority_theme(consulted, planted: str) -> Theme:
    counts = Counter(
        ThemeAssignment.objects.filter(contribution_id__in=consulted.ids(planted)).values_list(
            "theme_id", flat=True
        )
    )
    return Theme.objects.get(pk=counts.most_common(1)[0][0])


def shown(response, section: str) -> set[int]:
    return {line.row.theme.pk for line in response.context[section]}


def split_by_family(consulted, planted: str, families: list[str], label: str) -> Theme:
    """A new theme of what some families said about a planted theme: raised by those families
    only, so it is divisive at 80% and a common thread at 50% (two of four families)."""
    ids = list(
        Contribution.objects.filter(
            pk__in=consulted.ids(planted), family__slug__in=families
        ).values_list("pk", flat=True)
    )
    return split_theme(majority_theme(consulted, planted), ids, label, by=consulted.world.office)


def test_it_shows_the_overview_to_office_and_council_only(analysed, client_for):
    for name, user in analysed.world.personas():
        client = client_for(user)
        for path in [
            page("synthesis:common-threads"),
            page("synthesis:common-threads-export", "csv"),
            page("synthesis:common-threads-export", "ods"),
        ]:
            response = client.get(path)
            expected = 200 if name in VIEWERS else (302 if user is None else 403)
            assert response.status_code == expected, (name, path)
            if user is None:
                assert reverse("login") in response["Location"]


def test_it_lets_only_the_office_change_the_threshold(analysed, client_for):
    programme = analysed.world.programme
    others = [(name, user) for name, user in analysed.world.personas() if name != "office"]
    for name, user in others:
        response = client_for(user).post(
            page("synthesis:common-threads-settings"), {"common_thread_share": 60}
        )
        assert response.status_code == (302 if user is None else 403), name
    assert not SynthesisSettings.objects.filter(programme=programme).exists()
    response = client_for(analysed.world.office).post(
        page("synthesis:common-threads-settings"), {"common_thread_share": 60}
    )
    assert response.status_code == 302 and response["Location"] == page("synthesis:common-threads")
    assert SynthesisSettings.of(programme).common_thread_share == 60
    assert SynthesisSettings.history.get().history_user == analysed.world.office
    # The form is offered to the office only.
    office = (
        client_for(analysed.world.office).get(page("synthesis:common-threads")).content.decode()
    )
    council = (
        client_for(analysed.world.council_member)
        .get(page("synthesis:common-threads"))
        .content.decode()
    )
    assert page("synthesis:common-threads-settings") in office
    assert page("synthesis:common-threads-settings") not in council


def test_it_reads_threads_and_family_specific_themes(analysed, client_for):
    response = client_for(analysed.world.office).get(page("synthesis:common-threads"))
    content = response.content.decode()
    big = {majority_theme(analysed, t).pk for t in ("websites", "portalen", "kanalen")}
    water = majority_theme(analysed, "water")
    letter = majority_theme(analysed, "campagne")
    assert shown(response, "threads") == big
    assert shown(response, "specific") == {water.pk, letter.pk}
    assert shown(response, "divisive") == set()
    specific = {
        line.row.theme.pk: line.row.specific_to.name for line in response.context["specific"]
    }
    assert specific == {water.pk: "Waterschappen", letter.pk: "Gemeenten"}
    # Threads first on the table too; "Overig" comes last.
    lines = response.context["lines"]
    assert {line.row.theme.pk for line in lines[:3]} == big
    assert lines[-1].row.theme.is_other
    assert "voorgesteld door de analyse van" in content
    assert "Geen thema verdeelt de families." in content
    assert "ten minste 80 % van de families" in content


def test_it_shows_a_heat_map_beside_a_table_with_the_same_figures(analysed, client_for):
    response = client_for(analysed.world.office).get(page("synthesis:common-threads"))
    content = response.content.decode()
    themes = Theme.objects.active().filter(programme=analysed.world.programme).count()
    heatmap = response.context["heatmap"]
    assert len(heatmap.rows) == themes and all(len(r.cells) == 4 for r in heatmap.rows)
    assert 'role="img" aria-labelledby="heatmap-title heatmap-desc"' in content
    assert content.count("<rect ") == themes * 4
    # The water theme: 7 of the water boards' 49 contributions (14,3 %), none elsewhere.
    water = majority_theme(analysed, "water")
    (line,) = [line for line in response.context["lines"] if line.row.theme == water]
    assert line.percents == [0.0, 0.0, 14.3, 0.0]
    cells = [c.text for r in heatmap.rows if r.label == water.label for c in r.cells]
    assert cells == ["0,0 %", "0,0 %", "14,3 %", "0,0 %"]
    assert '7 <span class="koers-share">(14,3&nbsp;%)</span>' in content
    # SVG coordinates are never written with a decimal comma.
    svg = content[content.index("<svg") : content.index("</svg>")]
    assert 'x="' in svg and not any(f'x="{n},' in svg for n in range(10))


def test_it_lets_a_persons_decision_win_over_the_proposal(analysed, client_for):
    office = analysed.world.office
    portals = majority_theme(analysed, "portalen")
    water = majority_theme(analysed, "water")
    decide_common_thread(portals, False, by=office)
    decide_common_thread(water, True, by=office)

    response = client_for(analysed.world.council_member).get(page("synthesis:common-threads"))

    content = response.content.decode()
    threads = shown(response, "threads")
    assert portals.pk not in threads and water.pk in threads
    assert shown(response, "overruled") == {portals.pk}
    assert water.pk not in shown(response, "specific")  # a thread is not "specific" as well
    assert f"als rode draad gemarkeerd door {office.username}," in content
    assert "(de analyse stelde het niet voor)" in content
    assert f"niet als rode draad gezien door {office.username}," in content
    assert "(de analyse stelde het wel voor)" in content

    decide_common_thread(portals, None, by=office)  # back to the analysis
    response = client_for(analysed.world.office).get(page("synthesis:common-threads"))
    assert portals.pk in shown(response, "threads")


def test_it_moves_a_divisive_theme_to_the_threads_when_the_threshold_drops(analysed, client_for):
    split = split_by_family(
        analysed,
        "websites",
        ["provincies", "uitvoeringsorganisaties"],
        "Websites van de rijksdienst",
    )
    client = client_for(analysed.world.office)
    response = client.get(page("synthesis:common-threads"))
    assert split.pk in shown(response, "divisive")
    assert split.pk not in shown(response, "threads")

    response = client.post(
        page("synthesis:common-threads-settings"), {"common_thread_share": "50"}, follow=True
    )

    assert "De drempel voor een rode draad is nu 50 % van de families." in response.content.decode()
    assert split.pk in shown(response, "threads")
    assert split.pk not in shown(response, "divisive")
    assert "ten minste 50 % van de families" in response.content.decode()


@pytest.mark.parametrize(
    "value, message",
    [
        ("49", "De drempel is ten minste 50 %."),
        ("101", "De drempel is ten hoogste 100 %."),
        ("veel", "Vul een heel getal in, zoals 80."),
        ("", "Vul een percentage in."),
    ],
)
def test_it_explains_a_wrong_threshold_and_keeps_what_was_typed(
    analysed, client_for, value, message
):
    response = client_for(analysed.world.office).post(
        page("synthesis:common-threads-settings"), {"common_thread_share": value}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content
    if value:
        assert f'value="{value}"' in content
    assert SynthesisSettings.objects.filter(programme=analysed.world.programme).count() == 0
    # The overview itself is still shown, with the stored threshold.
    assert "ten minste 80 % van de families" in content


def csv_cells(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def ods_cells(content: bytes) -> list[list[str]]:
    (sheet,) = load(io.BytesIO(content)).spreadsheet.getElementsByType(Table)
    return [
        [
            "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P))
            for cell in row.getElementsByType(TableCell)
        ]
        for row in sheet.getElementsByType(TableRow)
    ]


def test_it_downloads_the_table_as_csv_and_ods(analysed, client_for, time_machine):
    time_machine.move_to(PAST_MIDNIGHT, tick=False)
    office = analysed.world.office
    water = majority_theme(analysed, "water")
    decide_common_thread(water, True, by=office)
    client = client_for(analysed.world.council_member)

    response = client.get(page("synthesis:common-threads-export", "csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="rode-draden-digitaal-2017.csv"' in response["Content-Disposition"]
    rows = csv_cells(response.content)
    family_columns = [
        c
        for name in FAMILY_NAMES
        for c in (f"{name}: aantal", f"{name}: % van de inbreng van de familie")
    ]
    assert rows[0] == [
        "Thema",
        "Lezing",
        "Rode draad volgens de analyse",
        "Rode draad besloten door",
        "Datum besluit",
        "Inbreng",
        "Door mensen ingedeeld",
        *family_columns,
    ]
    by_label = {row[0]: row for row in rows[1:]}
    assert len(by_label) == Theme.objects.active().count()
    websites = majority_theme(analysed, "websites")
    assert by_label[websites.label][1:4] == ["rode draad", "ja", "analyse"]
    assert by_label[websites.label][5:] == [
        "56",
        "0",
        "14",
        "20.9",
        "14",
        "33.3",
        "14",
        "28.6",
        "14",
        "33.3",
    ]
    water_row = by_label[water.label]
    assert water_row[1:4] == ["rode draad", "nee", office.username]
    # The day of the decision in Amsterdam.
    assert water_row[4] == "2026-12-06"
    assert water_row[7:] == ["0", "0.0", "0", "0.0", "7", "14.3", "0", "0.0"]
    letter = majority_theme(analysed, "campagne")
    assert by_label[letter.label][1] == "specifiek voor Gemeenten"
    # Threads first, as on the page.
    assert [row[1] for row in rows[1:5]] == ["rode draad"] * 4

    ods = client.get(page("synthesis:common-threads-export", "ods"))
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert ods_cells(ods.content) == rows
    assert client.get(page("synthesis:common-threads-export", "xls")).status_code == 404


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_it_uses_the_same_number_of_queries_for_few_and_many_themes(analysed, client_for):
    office = analysed.world.office
    client = client_for(office)
    paths = [
        page("synthesis:common-threads"),
        page("synthesis:common-threads-export", "csv"),
        page("synthesis:common-threads-export", "ods"),
    ]
    decide_common_thread(majority_theme(analysed, "water"), True, by=office)
    few = [_queries(client, p) for p in paths]

    for planted in ("websites", "portalen", "kanalen"):
        theme = split_by_family(analysed, planted, ["gemeenten"], f"{planted} (gemeenten)")
        decide_common_thread(theme, False, by=office)

    assert [_queries(client, p) for p in paths] == few
