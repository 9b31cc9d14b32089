"""Two confirmations of one checked import (a double click, or two colleagues at once): the
first writes, the second is told it was done already; no second batch, no duplicates, no 500."""

import io
import os
import threading
import time

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse

from koers.accounts.models import RoleKind
from koers.organisations.tests.factories import RoleFactory, UserFactory

from ..importing import ImportAlreadyConfirmed, import_contributions, upload_path
from ..models import Contribution, ImportBatch

DATA = b"text,source_id\nEen,a\nTwee,b\n"


@pytest.fixture(autouse=True)
def uploads_elsewhere(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"


def checked(client, world) -> dict:
    """Upload and check the file; the confirmation form's fields."""
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    upload = SimpleUploadedFile("inbreng.csv", DATA)
    report = client.post(url, {"step": "upload", "file": upload})
    assert report.status_code == 200
    return {
        "step": "bevestig",
        "file": report.context["sha"],
        "name": "inbreng.csv",
        "checked_after": str(report.context["checked_after"]),
    }


def test_it_tells_the_second_confirmation_it_was_done(world, client_for):
    colleague = UserFactory(username="collega")
    RoleFactory(user=colleague, programme=world.programme, kind=RoleKind.OFFICE)
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    mine, theirs = client_for(world.office), client_for(colleague)
    my_form, their_form = checked(mine, world), checked(theirs, world)
    first = mine.post(url, my_form)
    batch = ImportBatch.objects.get()
    result_url = reverse(
        "consultation:contribution-import-result", args=[world.programme.slug, batch.pk]
    )
    assert first.status_code == 302 and first["Location"] == result_url
    # The colleague's form still points at the upload, which the first confirmation removed.
    second = theirs.post(url, their_form)
    assert second.status_code == 302 and second["Location"] == result_url
    [message] = [str(m) for m in get_messages(second.wsgi_request)]
    assert "al geïmporteerd door" in message and "niets dubbel" in message
    # A double click that still finds the upload (both read it before either wrote).
    upload_path(my_form["file"], "inbreng.csv").write_bytes(DATA)
    again = mine.post(url, my_form)
    assert again.status_code == 302 and again["Location"] == result_url
    assert not upload_path(my_form["file"], "inbreng.csv").exists()
    assert ImportBatch.objects.count() == 1
    assert Contribution.objects.count() == 2


def test_it_imports_the_same_file_again_when_asked_after_seeing_the_first(world, client_for):
    """Checking the file anew is a new decision: it shows the earlier batch and goes ahead."""
    client = client_for(world.office)
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    client.post(url, checked(client, world))
    form = checked(client, world)
    assert form["checked_after"] == str(ImportBatch.objects.get().pk)
    assert client.post(url, form).status_code == 302
    assert ImportBatch.objects.count() == 2 and Contribution.objects.count() == 2
    assert ImportBatch.objects.order_by("pk").last().unchanged == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writing transaction at a time"
)
def test_it_writes_once_when_two_confirmations_race(world):
    """Both checked the file before either wrote; both confirm at the same moment."""
    start = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            start.wait()
            result = import_contributions(world.programme, DATA, "inbreng.csv", checked_after=0)
            outcomes.append(("written", result.created))
        except ImportAlreadyConfirmed:
            outcomes.append(("already", 0))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [("already", 0), ("written", 2)]
    assert ImportBatch.objects.count() == 1 and Contribution.objects.count() == 2


def test_it_purges_uploads_that_were_never_confirmed(world, client_for):
    client = client_for(world.office)
    form = checked(client, world)  # checked, never confirmed
    stored = upload_path(form["file"], "inbreng.csv")
    fresh = upload_path("f" * 64, "vers.xlsx")
    fresh.write_bytes(b"nog in gebruik")
    two_days_ago = time.time() - 49 * 3600
    os.utime(stored, (two_days_ago, two_days_ago))
    out = io.StringIO()
    call_command("purge_imports", "--dry-run", stdout=out)
    assert "would delete unconfirmed import uploads: 1" in out.getvalue() and stored.exists()
    call_command("purge_imports", stdout=out)
    assert "deleted unconfirmed import uploads: 1" in out.getvalue()
    assert not stored.exists() and fresh.exists()
    # The page then says the file is gone rather than failing.
    url = reverse("consultation:contribution-import", args=[world.programme.slug])
    assert client.post(url, form).status_code == 404
    assert not Contribution.objects.exists()
