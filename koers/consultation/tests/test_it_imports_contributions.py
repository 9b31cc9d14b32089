import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from openpyxl import Workbook

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.organisations.tests.factories import FamilyFactory

from ..constants import Channel
from ..importing import ImportFileError, import_contributions, parse_date, row_hash
from ..models import Contribution, ImportBatch

HEADER = "text,organisation,family,paragraph,channel,date,author,source_id\n"


@pytest.fixture
def paragraph(world):
    version = AgendaVersion.objects.create(
        programme=world.programme,
        number=1,
        title="Voorzet",
        state=VersionState.DRAFT,
        consultation_opens_at=timezone.now() - datetime.timedelta(days=1),
    )
    section = Section.objects.create(version=version, position=1, title="Digitaal als standaard")
    return Paragraph.objects.create(version=version, section=section, text="Alles digitaal.")


def csv_bytes(*rows: str, header: str = HEADER, encoding="utf-8") -> bytes:
    return (header + "\n".join(rows) + "\n").encode(encoding)


def test_it_imports_the_default_columns(world, paragraph):
    data = csv_bytes(
        f"Maak websites gebruiksvriendelijker,gm0344,,{paragraph.anchor},,2016-03-01,Jan,r1",
        f"Sluit aan op MijnOverheid,gemeente Amsterdam,gemeenten,{paragraph.short_anchor},e-mail,"
        "01-04-2016 14:30,,r2",
        "Digitaal is de kwaliteitssprong,,,,,,,",
    )
    result = import_contributions(world.programme, data, "inbreng.csv", by=world.office)
    assert (result.rows, result.created, result.unchanged, result.problems) == (3, 3, 0, [])
    first = Contribution.objects.get(source_id="r1")
    assert first.organisation == world.organisation
    assert first.family == world.family  # follows from the organisation
    assert list(first.paragraphs.all()) == [paragraph]
    assert first.version == paragraph.version
    assert first.channel == Channel.IMPORT
    assert first.author_name == "Jan"
    assert timezone.localtime(first.submitted_at).date() == datetime.date(2016, 3, 1)
    second = Contribution.objects.get(source_id="r2")
    assert second.organisation == world.other_organisation and second.channel == Channel.EMAIL
    assert timezone.localtime(second.submitted_at).strftime("%Y-%m-%d %H:%M") == (
        "2016-04-01 14:30"
    )
    third = Contribution.objects.get(text="Digitaal is de kwaliteitssprong")
    assert third.source_id == row_hash("inbreng.csv", {"text": third.text})
    batch = ImportBatch.objects.get()
    assert (batch.rows, batch.created, batch.imported_by) == (3, 3, world.office)
    assert set(batch.contributions.values_list("pk", flat=True)) == {first.pk, second.pk, third.pk}
    # Every imported row has its '+' history row, attributed to the importer.
    history = Contribution.history.filter(id=first.pk).get()
    assert (history.history_type, history.history_user) == ("+", world.office)


def test_it_finds_imported_rows_with_search(world):
    data = csv_bytes("Het loket moet toegankelijk blijven,,,,,,,a", "Iets anders,,,,,,,b")
    import_contributions(world.programme, data, "zoek.csv")
    found = Contribution.objects.search("toegankelijk")
    assert [c.source_id for c in found] == ["a"]
    # The trigger is back after the import: later contributions are found too.
    Contribution.objects.create(programme=world.programme, channel="import", text="toegankelijk")
    assert Contribution.objects.search("toegankelijk").count() == 2


def test_it_reports_bad_rows_and_writes_nothing(world, paragraph):
    data = csv_bytes(
        "Goed,gm0344,,,,2016-03-01,,r1",
        "Onbekend,gm9999,,,,,,r2",
        "Datum,,,,,31-02-2016,,r3",
        ",gm0344,,,,,,r4",
        "Paragraaf,,,deadbeef,,,,r5",
        "Kanaal,,,,fax,,,r6",
        "Familie,,bestaat-niet,,,,,r7",
    )
    result = import_contributions(world.programme, data, "fout.csv")
    found = {(p.row, p.column) for p in result.problems}
    assert found == {
        (3, "organisation"),
        (4, "date"),
        (5, "text"),
        (6, "paragraph"),
        (7, "channel"),
        (8, "family"),
    }
    problem = next(p for p in result.problems if p.column == "organisation")
    assert problem.value == "gm9999" and "Onbekende organisatie" in problem.message
    assert result.failed_rows == 6 and not result.written
    assert not Contribution.objects.exists() and not ImportBatch.objects.exists()


def test_it_imports_the_good_rows_when_asked_to_skip_the_bad(world):
    data = csv_bytes("Goed,gm0344,,,,,,r1", "Fout,gm9999,,,,,,r2", "Ook goed,,,,,,,r3")
    result = import_contributions(world.programme, data, "deels.csv", skip_invalid=True)
    assert (result.created, result.skipped, result.failed_rows) == (2, 1, 1)
    assert set(Contribution.objects.values_list("source_id", flat=True)) == {"r1", "r3"}
    assert ImportBatch.objects.get().skipped == 1


def test_it_changes_nothing_when_the_same_file_comes_again(world):
    data = csv_bytes("Met id,,,,,,,r1", "Zonder id,gm0344,,,,2016-01-01,,")
    import_contributions(world.programme, data, "twee.csv")
    contribution = Contribution.objects.get(source_id="r1")
    contribution.text = "Met id, aangepast door het bureau"
    contribution.save()
    again = import_contributions(world.programme, data, "twee.csv")
    assert (again.created, again.unchanged) == (0, 2)
    assert Contribution.objects.count() == 2
    contribution.refresh_from_db()
    assert contribution.text == "Met id, aangepast door het bureau"
    # The same rows in a file with another name are other input, unless they carry a source id.
    other = import_contributions(world.programme, data, "ander.csv")
    assert (other.created, other.unchanged) == (1, 1)


def test_it_counts_a_row_repeated_in_one_file_once(world):
    data = csv_bytes("Dubbel,,,,,,,", "Dubbel,,,,,,,")
    result = import_contributions(world.programme, data, "dubbel.csv")
    assert (result.created, result.unchanged) == (1, 1)


def test_it_refuses_a_source_id_used_twice(world):
    data = csv_bytes("Een,,,,,,,r1", "Twee,,,,,,,r1")
    result = import_contributions(world.programme, data, "id.csv")
    assert [(p.row, p.column) for p in result.problems] == [(3, "source_id")]


@pytest.mark.parametrize(
    "encoding,delimiter",
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8", "\t")],
)
def test_it_reads_encodings_and_delimiters(world, encoding, delimiter):
    header = delimiter.join(["text", "organisation", "source_id"]) + "\n"
    row = delimiter.join(["Café-overleg: één loket", "gemeente Utrecht", "r1"])
    result = import_contributions(
        world.programme, csv_bytes(row, header=header, encoding=encoding), "nl.csv"
    )
    assert result.problems == [] and result.created == 1
    contribution = Contribution.objects.get()
    assert contribution.text == "Café-overleg: één loket"
    assert contribution.organisation == world.organisation


def xlsx_bytes(rows, sheet="Reacties", extra_sheet_first=False) -> bytes:
    workbook = Workbook()
    first = workbook.active
    if extra_sheet_first:
        first.title = "Toelichting"
        first.append(["Dit werkblad is uitleg"])
        worksheet = workbook.create_sheet(sheet)
    else:
        first.title = sheet
        worksheet = first
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_reads_xlsx_with_date_cells_and_a_named_sheet(world):
    data = xlsx_bytes(
        [
            ["text", "organisation", "date", "source_id"],
            ["Uit Excel", "GM0344", datetime.datetime(2016, 5, 2, 9, 15), 17],
            [None, None, None, None],  # empty rows are not rows
        ],
        extra_sheet_first=True,
    )
    with pytest.raises(ImportFileError):
        import_contributions(world.programme, data, "excel.xlsx")  # the first sheet has no text
    result = import_contributions(world.programme, data, "excel.xlsx", sheet="Reacties")
    assert (result.rows, result.created, result.problems) == (1, 1, [])
    contribution = Contribution.objects.get()
    assert contribution.source_id == "17"  # not "17.0"
    assert contribution.organisation == world.organisation
    assert timezone.localtime(contribution.submitted_at).strftime("%H:%M") == "09:15"
    with pytest.raises(ImportFileError, match="bestaat niet"):
        import_contributions(world.programme, data, "excel.xlsx", sheet="Blad9")


def test_it_maps_other_headers(world):
    FamilyFactory(programme=world.programme, slug="provincies", name="Provincies")
    data = csv_bytes(
        "Graag meer aandacht voor de balie;Provincies;1-1-2016;X",
        header="Opmerking;Groep;Ingediend;Onbekend\n",
    )
    with pytest.raises(ImportFileError, match="geen kolom met de tekst"):
        import_contributions(world.programme, data, "eigen.csv")
    result = import_contributions(
        world.programme,
        data,
        "eigen.csv",
        mapping={"text": "Opmerking", "family": "Groep", "date": "Ingediend"},
    )
    assert result.problems == [] and result.ignored_headers == ["Onbekend"]
    assert Contribution.objects.get().family.slug == "provincies"
    with pytest.raises(ImportFileError, match="geen kolom 'Tekst'"):
        import_contributions(world.programme, data, "eigen.csv", mapping={"text": "Tekst"})


def test_it_reads_dutch_headers_without_a_mapping(world):
    data = csv_bytes("Dit is inbreng;gm0344", header="Tekst;Organisatie\n")
    result = import_contributions(world.programme, data, "nl.csv")
    assert result.created == 1 and Contribution.objects.get().organisation == world.organisation


def test_it_counts_without_writing_on_a_dry_run(world):
    result = import_contributions(world.programme, csv_bytes("Een,,,,,,,"), "d.csv", dry_run=True)
    assert result.created == 1 and not result.written and not Contribution.objects.exists()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2016-06-26", (2016, 6, 26, 12, 0)),
        ("26-06-2016", (2016, 6, 26, 12, 0)),
        ("26-6-2016 9:05", (2016, 6, 26, 9, 5)),
        ("2016-06-26T09:05:30", (2016, 6, 26, 9, 5)),
        ("2016-02-30", None),
        ("26/06/2016", None),
        ("2016-06-26 late", None),
    ],
)
def test_it_parses_dates(text, expected):
    moment = parse_date(text)
    if expected is None:
        assert moment is None
    else:
        local = timezone.localtime(moment)
        assert (local.year, local.month, local.day, local.hour, local.minute) == expected


def test_it_runs_from_the_command_line(world, tmp_path, capsys):
    good = tmp_path / "goed.csv"
    good.write_bytes(csv_bytes("Reactie,,,,,,,r1"))
    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_bytes("Goed,,,,,,,r2", "Fout,gm9999,,,,,,r3"))
    mapped = tmp_path / "eigen.csv"
    mapped.write_bytes(csv_bytes("Mijn inbreng;gm0344", header="Opmerking;Wie\n"))

    call_command("import_contributions", str(good), "--programme", "digitaal-2017", "--dry-run")
    assert "1 would be created" in capsys.readouterr().out and not Contribution.objects.exists()
    call_command("import_contributions", str(good), "--programme", "digitaal-2017")
    assert "1 created" in capsys.readouterr().out
    with pytest.raises(CommandError, match="1 of 2 rows have problems"):
        call_command("import_contributions", str(bad), "--programme", "digitaal-2017")
    # In English, as the rest of the command line.
    assert "row 3, organisation: Unknown organisation" in capsys.readouterr().err
    assert Contribution.objects.count() == 1
    call_command("import_contributions", str(bad), "--programme", "digitaal-2017", "--skip-invalid")
    assert "1 created, 0 unchanged, 1 skipped" in capsys.readouterr().out
    call_command(
        "import_contributions",
        str(mapped),
        "--programme",
        "digitaal-2017",
        "--map",
        "text=Opmerking",
        "--map",
        "organisation=Wie",
    )
    assert Contribution.objects.filter(organisation=world.organisation).count() == 1
    with pytest.raises(CommandError, match="no programme"):
        call_command("import_contributions", str(good), "--programme", "bestaat-niet")


def test_it_exits_non_zero_from_the_console_script(world, tmp_path):
    from koers.cli import main

    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_bytes("Fout,gm9999,,,,,,r3"))
    with pytest.raises(SystemExit) as exit_info:
        main(["koers", "import-contributions", str(bad), "--programme", "digitaal-2017"])
    assert exit_info.value.code != 0
