"""`koers analyse` end to end, through call_command (no database is touched)."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from koers.text.tests.conftest import build_consultation


def write_csv(path, rows, encoding="utf-8", delimiter=";"):
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(["nr", "familie", "reactie"])
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def consultation_rows():
    return [(f"R{i}", family, text) for i, (text, family, _) in enumerate(build_consultation())]


def analyse(*args, **options):
    call_command("analyse", *args, verbosity=0, **options)


def test_it_writes_json_report_and_model(tmp_path, consultation_rows):
    source = write_csv(tmp_path / "in.csv", consultation_rows)
    out, report, model = tmp_path / "r.json", tmp_path / "r.html", tmp_path / "m.json"
    analyse(
        source,
        text_column="reactie",
        id_column="nr",
        group_column="familie",
        out=out,
        report=report,
        model=model,
    )
    result = json.loads(out.read_text("utf-8"))
    assert set(result) >= {"items", "themes", "campaigns", "common_threads", "groups"}
    assert [i["id"] for i in result["items"]] == [r[0] for r in consultation_rows]
    assert set(result["items"][0]) == {"id", "theme", "campaign", "group"}
    assert set(result["themes"][0]) == {
        "id",
        "label",
        "summary",
        "keywords",
        "size",
        "quotes",
        "coverage",
        "common_thread",
        "specific_to",
    }
    assert result["groups"]["waterschappen"] == 49
    html = report.read_text("utf-8")
    assert '<html lang="nl">' in html and "<svg" in html and "<table>" in html
    assert "Rode draden" in html
    assert "gevormd op betekenis" in html and "automatisch gekozen" in html
    assert json.loads(model.read_text("utf-8"))["version"] == 1


def test_the_report_says_how_the_themes_were_formed_and_counted(tmp_path, consultation_rows):
    source = write_csv(tmp_path / "in.csv", consultation_rows)
    report = tmp_path / "r.html"
    analyse(
        source, text_column="reactie", mode="fast", themes=3, out=tmp_path / "r.json", report=report
    )
    html = report.read_text("utf-8")
    assert "gevormd uit de woorden" in html and "op betekenis" not in html
    assert "Het aantal thema's is vastgezet op 3." in html and "automatisch" not in html


def test_it_reads_windows_1252_and_a_bom(tmp_path):
    rows = [(str(i), "gemeenten", f"Café en één loket voor burgers, nummer {i}.") for i in range(5)]
    for name, encoding in (("cp.csv", "cp1252"), ("bom.csv", "utf-8-sig")):
        source = write_csv(tmp_path / name, rows, encoding=encoding, delimiter=",")
        analyse(source, text_column="reactie", out=tmp_path / "r.json")
        result = json.loads((tmp_path / "r.json").read_text("utf-8"))
        assert len(result["items"]) == 5
        assert "Café" in " ".join(q for t in result["themes"] for q in t["quotes"])


def test_it_reads_a_large_file_as_windows_1252_for_one_byte_far_into_it(tmp_path):
    # The file is read a chunk at a time: a byte that is not UTF-8 after the first megabyte
    # still decides the encoding of the whole file, before any row is read.
    letter = "Café en één loket voor iedereen in onze gemeente, ook op zaterdag open."
    rows = [(str(i), "gemeenten", f"Digitaal loket, reactie nummer {i}.") for i in range(60_000)]
    rows += [("60000", "gemeenten", letter), ("60001", "provincies", letter)]
    source = write_csv(tmp_path / "cp.csv", rows, encoding="cp1252", delimiter=",")
    assert source.stat().st_size > 2**21
    assert "é".encode("cp1252") not in source.read_bytes()[: 2**20]
    analyse(source, text_column="reactie", id_column="nr", mode="fast", out=tmp_path / "r.json")
    result = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert len(result["items"]) == 60_002
    assert letter in [c["representative"] for c in result["campaigns"]]


def test_it_reads_xlsx_and_asks_which_sheet(tmp_path, consultation_rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "Reacties"
    sheet.append(["nr", "familie", "reactie"])
    for row in consultation_rows[:60]:
        sheet.append(list(row))
    notes = book.create_sheet("Toelichting")
    notes.append(["Dit blad is uitleg"])
    book.save(tmp_path / "in.xlsx")
    with pytest.raises(CommandError, match="2 sheets with data.*--sheet"):
        analyse(tmp_path / "in.xlsx", text_column="reactie", out=tmp_path / "r.json")
    analyse(tmp_path / "in.xlsx", text_column="reactie", sheet="Reacties", out=tmp_path / "r.json")
    assert len(json.loads((tmp_path / "r.json").read_text("utf-8"))["items"]) == 60


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        (b"", {}, "empty"),
        (b"nr;familie;reactie\n", {}, "no rows"),
        (b"nr;reactie\n1;hallo\n", {"text_column": "tekst"}, "no such column.*'reactie'"),
        (b"nr;reactie\n1;a\n1;b\n", {"id_column": "nr"}, "id '1' occurs in data rows 1 and 2"),
        (b"nr;reactie\n1;" + b"x" * 150_000 + b"\n", {}, "data row 1.*150,000 characters"),
        (b"nr;reactie\n1;\n2; \n", {}, "holds no text"),
        (b"\x00\x01\x02binary", {}, "not a text"),
        (b"nr;reactie\n1;\xff\xfe\x81 kapot\n", {}, "not UTF-8 and not Windows-1252.*position 15"),
    ],
)
def test_it_names_the_problem_with_bad_input(tmp_path, content, options, message):
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    options = {"text_column": "reactie", "out": tmp_path / "r.json"} | options
    with pytest.raises(CommandError, match=message):
        analyse(source, **options)
    assert not (tmp_path / "r.json").exists()


def test_it_names_a_missing_file_and_folder(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        analyse(tmp_path / "nope.csv", text_column="t", out=tmp_path / "r.json")
    source = write_csv(tmp_path / "in.csv", [("1", "g", "tekst")])
    with pytest.raises(CommandError, match="does not exist"):
        analyse(source, text_column="reactie", out=tmp_path / "no" / "r.json")


def test_it_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys

    source = tmp_path / "empty.csv"
    source.write_text("")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "koers.cli",
            "analyse",
            str(source),
            "--text-column",
            "t",
            "--out",
            str(tmp_path / "r.json"),
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://nowhere/none"},
    )
    assert done.returncode != 0
    assert "empty" in done.stderr
