import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.core.tests.documents import minimal_pdf

from ..constants import Channel
from ..models import Contribution, ImportBatch


@pytest.fixture(autouse=True)
def uploads_elsewhere(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, world, content: bytes, name="inbreng.csv"):
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    return client.post(url, {"step": "upload", "file": SimpleUploadedFile(name, content)})


def test_it_lets_only_the_office_import(world, client_for):
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    for persona, user in world.personas():
        response = client_for(user).get(url)
        if persona == "office":
            assert response.status_code == 200
        elif user is None:
            assert response.status_code == 302
        else:
            assert response.status_code == 403, persona
        post = upload(client_for(user), world, b"text\nx\n")
        assert post.status_code == (200 if persona == "office" else 302 if user is None else 403)
    assert not Contribution.objects.exists()


def test_it_checks_then_imports_without_a_second_upload(world, client_for):
    client = client_for(world.office)
    response = upload(client, world, b"text,organisation,source_id\nEen,gm0344,a\nTwee,,b\n")
    assert response.status_code == 200
    assert response.context["result"].created == 2 and not Contribution.objects.exists()
    confirm = {"step": "bevestig", "file": response.context["sha"], "name": "inbreng.csv"}
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    done = client.post(url, confirm)
    batch = ImportBatch.objects.get()
    assert done.url == reverse(
        "consultation:contribution-import-result", args=[world.programme.slug, batch.pk]
    )
    assert Contribution.objects.count() == 2 and batch.imported_by == world.office
    assert "Nieuw" in client.get(done.url).content.decode()


def test_it_shows_problems_and_downloads_the_full_report(world, client_for):
    client = client_for(world.office)
    rows = "".join(f"Tekst {n},gm9999\n" for n in range(120))
    response = upload(client, world, ("text,organisation\nGoed,gm0344\n" + rows).encode())
    assert len(response.context["problems"]) == 100
    assert response.context["more_problems"] == 20
    page = response.content.decode()
    assert "gm9999" in page and "Onbekende organisatie" in page
    query = response.context["report_query"]
    report = client.get(
        reverse("consultation:contribution-import-report", args=[world.programme.slug]), query
    )
    lines = report.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 121 and lines[1].startswith("3,organisation,")
    # Without skipping nothing is written; with it the good row is.
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    state = {"file": response.context["sha"], "name": "inbreng.csv", "step": "bevestig"}
    again = client.post(url, state)
    assert again.status_code == 200 and not Contribution.objects.exists()
    client.post(url, state | {"skip_invalid": "1"})
    assert list(Contribution.objects.values_list("text", flat=True)) == ["Goed"]
    assert ImportBatch.objects.get().skipped == 120


def test_it_asks_which_header_is_which(world, client_for):
    client = client_for(world.office)
    response = upload(client, world, "Opmerking;Wie\nMeer balies;gm0344\n".encode("cp1252"))
    assert response.templates[0].name.endswith("import_mapping.html")
    assert response.context["headers"] == ["Opmerking", "Wie"]
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    state = {"file": response.context["sha"], "name": "inbreng.csv"}
    missing = client.post(url, state | {"step": "mapping", "map_text": ""})
    assert missing.status_code == 400 and "id_map_text_error" in missing.content.decode()
    mapped = state | {"map_text": "Opmerking", "map_organisation": "Wie"}
    report = client.post(url, mapped | {"step": "mapping"})
    assert report.context["result"].created == 1
    # The report download is a link: the mapping travels in its address, in Dutch.
    query = report.context["report_query"]
    assert query["kolom_text"] == "Opmerking" and "map_text" not in query
    download = reverse("consultation:contribution-import-report", args=[world.programme.slug])
    assert client.get(download, query)["Content-Type"].startswith("text/csv")
    client.post(url, mapped | {"step": "bevestig"})
    assert Contribution.objects.get().organisation == world.organisation


def test_it_refuses_files_it_cannot_read(world, client_for):
    client = client_for(world.office)
    assert upload(client, world, b"%PDF-1.4", name="brief.pdf").status_code == 400
    broken = upload(client, world, b"PK\x03\x04kapot", name="kapot.xlsx")
    assert broken.status_code == 400 and "XLSX" in broken.content.decode()
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    gone = client.post(url, {"step": "bevestig", "file": "0" * 64, "name": "x.csv"})
    assert gone.status_code == 404


def test_it_lets_only_the_office_enter_position_papers(world, client_for):
    url = reverse("consultation:contribution-position-paper", args=[world.programme.slug])
    for persona, user in world.personas():
        response = client_for(user).get(url)
        expected = 200 if persona == "office" else 302 if user is None else 403
        assert response.status_code == expected, persona


def test_it_enters_a_position_paper_with_its_attachment(world, client_for, settings):
    client = client_for(world.office)
    url = reverse("consultation:contribution-position-paper", args=[world.programme.slug])
    paper = SimpleUploadedFile("visie.pdf", minimal_pdf("de visie van Utrecht"))
    response = client.post(
        url,
        {
            "channel": Channel.POSITION_PAPER,
            "text": "Onze visie op digitaal 2017",
            "organisation": "gm0344",
            "author_name": "Wethouder",
            "submitted_on": "15-06-2016",
            "stance": "suggestie",
            "attachment": paper,
        },
    )
    contribution = Contribution.objects.get()
    assert response.url == contribution.get_absolute_url()
    assert contribution.family == world.family and contribution.channel == "position-paper"
    assert contribution.attachment.name.endswith(".pdf")
    assert contribution.history.first().history_user == world.office
    download = client.get(
        reverse(
            "consultation:contribution-attachment", args=[world.programme.slug, contribution.pk]
        )
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    council = client_for(world.council_member).get(download.request["PATH_INFO"])
    assert council.status_code == 200
    outsider = client_for(world.outsider).get(download.request["PATH_INFO"])
    assert outsider.status_code == 403


def test_it_keeps_what_was_typed_when_the_paper_is_wrong(world, client_for):
    client = client_for(world.office)
    url = reverse("consultation:contribution-position-paper", args=[world.programme.slug])
    fake = SimpleUploadedFile("visie.pdf", b"MZ not a pdf")
    response = client.post(
        url,
        {
            "channel": "e-mail",
            "text": "Mijn tekst",
            "organisation": "gm9999",
            "submitted_on": "2016-13-01",
            "stance": "eens",
            "attachment": fake,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    for field in ("organisation", "submitted_on", "attachment"):
        assert f"id_{field}_error" in page
    assert "Mijn tekst" in page and "2016-13-01" in page
    assert not Contribution.objects.exists()


def test_it_lists_every_column_it_accepts_and_names_the_paragraph_key(world, client_for):
    from ..importing import ALL_COLUMNS

    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    html = client_for(world.office).get(url).content.decode()
    assert [c for c in ALL_COLUMNS if f"<dt>{c}</dt>" not in html] == []
    # One name for the paragraph's identifier, the one its version's edit page shows.
    assert "kenmerk van de alinea" in html and "anker" not in html.lower()
