"""Importing observations: every bad row named with its row, column and what is wrong; all or
nothing unless --skip-invalid; a dry run writes nothing; a re-import replaces."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from ..importing import ImportFileError, import_observations
from ..models_maturity import Observation
from .maturity_helpers import catalogue, digid_indicator

pytestmark = pytest.mark.django_db

HEADER = "organisation,indicator,period,value,source,note\n"


def run(world, text, **options):
    return import_observations(world.programme, text.encode(), "waarnemingen.csv", **options)


def test_a_good_file_is_imported_and_a_second_time_replaces(world):
    share, scale = catalogue(world)
    text = HEADER + (
        "gm0344,digitaal-aanvraagbaar,2016,73.5,gemeten,Eigen telling\n"
        'gm0363,digitaal-aanvraagbaar,2016-Q2,"81,0",,\n'
        "gm0344,toegankelijkheid,2016-05,b,zelf,\n"
    )
    result = run(world, text)
    assert (result.rows, result.created, result.problems) == (3, 3, [])
    stored = {
        (o.organisation.code, o.indicator.code, o.period): (o.value, o.source)
        for o in Observation.objects.select_related("organisation", "indicator")
    }
    assert stored == {
        ("gm0344", "digitaal-aanvraagbaar", "2016"): (73.5, "gemeten"),
        ("gm0363", "digitaal-aanvraagbaar", "2016-Q2"): (81.0, "import"),
        ("gm0344", "toegankelijkheid", "2016-05"): (1.0, "zelf"),  # B is the second level
    }
    again = run(world, HEADER + "gm0344,digitaal-aanvraagbaar,2016,75,gemeten,\n")
    assert (again.created, again.replaced) == (0, 1)
    assert Observation.objects.get(period="2016", indicator=share).value == 75
    assert Observation.objects.count() == 3
    assert scale.display(1.0) == "B"


def test_every_bad_row_is_named_and_nothing_is_written(world):
    catalogue(world)
    digid_indicator(world)
    text = HEADER + (
        "gm0344,digitaal-aanvraagbaar,2016,²,,\n"  # row 2
        "gm0344,digitaal-aanvraagbaar,2017,123456789012345678901234567890,,\n"
        "gm9999,digitaal-aanvraagbaar,2016,50,,\n"
        "gm0344,onbekend,2016,50,,\n"
        "gm0344,toegankelijkheid,2016,F,,\n"
        "gm0344,digitaal-aanvraagbaar,2016-Q5,50,,\n"
        "gm0344,digitaal-aanvraagbaar,2015,101,,\n"
        "gm0344,digitaal-aanvraagbaar,2014,50,geraden,\n"
        "gm0344,digid,2016,100,,\n"
        "gm0363,digitaal-aanvraagbaar,2016,50,,\n"  # row 11: good
        "gm0363,digitaal-aanvraagbaar,2016,60,,\n"  # the same again
    )
    result = run(world, text)
    problems = [(p.row, p.column) for p in result.problems]
    assert problems == [
        (2, "value"),
        (3, "value"),
        (4, "organisation"),
        (5, "indicator"),
        (6, "value"),
        (7, "period"),
        (8, "value"),
        (9, "source"),
        (10, "indicator"),
        (12, "organisation"),
    ]
    messages = {p.row: p.message for p in result.problems}
    assert messages[2].startswith("Geen getal")
    assert messages[6] == "Kies een van de niveaus: A, B, C, D, E."
    assert messages[8] == "Een percentage ligt tussen 0 en 100."
    assert Observation.objects.count() == 0
    skipped = run(world, text, skip_invalid=True)
    assert (skipped.created, skipped.skipped) == (1, 10)
    assert Observation.objects.count() == 1


def test_a_bad_row_after_written_batches_leaves_nothing(world, monkeypatch):
    # The good rows are written while the file is read (in batches, or on PostgreSQL copied
    # into a temporary table); a bad row further on still takes all of them back.
    from .. import importing

    catalogue(world)
    monkeypatch.setattr(importing, "WRITE_BATCH", 2)
    monkeypatch.setattr(importing, "ANALYZE_AFTER", 1)  # PostgreSQL: statistics after writing
    good = "".join(f"gm0344,digitaal-aanvraagbaar,{year},50,,\n" for year in range(2010, 2016))
    result = run(world, HEADER + good + "gm0344,digitaal-aanvraagbaar,2016,²,,\n")
    assert [(p.row, p.column) for p in result.problems] == [(8, "value")]
    assert not Observation.objects.exists()
    assert run(world, HEADER + good).created == 6
    assert Observation.objects.count() == 6


def test_a_dry_run_counts_and_writes_nothing(world):
    catalogue(world)
    result = run(world, HEADER + "gm0344,digitaal-aanvraagbaar,2016,50,,\n", dry_run=True)
    assert result.created == 1
    assert not Observation.objects.exists()


def test_a_broken_file_or_missing_columns_is_refused_in_words(world):
    catalogue(world)
    with pytest.raises(ImportFileError, match="Kolommen ontbreken: value"):
        run(world, "organisation,indicator,period\ngm0344,x,2016\n")
    with pytest.raises(ImportFileError):
        import_observations(world.programme, b"PK\x03\x04kapot", "kapot.xlsx")


def test_an_xlsx_file_reads_like_a_csv(world):
    catalogue(world)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Organisatie", "Indicator", "Periode", "Waarde"])
    sheet.append(["gm0344", "digitaal-aanvraagbaar", 2016, 64])
    data = io.BytesIO()
    book.save(data)
    result = import_observations(world.programme, data.getvalue(), "w.xlsx")
    assert (result.created, result.problems) == (1, [])
    assert Observation.objects.get().period == "2016"


def test_the_command_names_the_bad_rows_without_a_traceback(world, tmp_path, capsys):
    catalogue(world)
    path = tmp_path / "w.csv"
    path.write_text(HEADER + "gm0344,digitaal-aanvraagbaar,2016,²,,\n")
    with pytest.raises(CommandError, match="nothing was imported: 1 of 1 rows"):
        call_command("import_observations", str(path), programme=world.programme.slug)
    assert "row 2, value: " in capsys.readouterr().err
    path.write_text(HEADER + "gm0344,digitaal-aanvraagbaar,2016,12,,\n")
    call_command("import_observations", str(path), programme=world.programme.slug, dry_run=True)
    assert "1 would be written" in capsys.readouterr().out
    assert not Observation.objects.exists()
