"""A programme moved out of one database and into an empty one comes back whole: every row of
every table, every text, its history and its files; a damaged archive or a database that holds
the programme already is refused with a message, and nothing is written."""

import datetime
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from koers.accounts.tests.matrix_world import build_world
from koers.conftest import FAST_HASHERS
from koers.consultation.models import Contribution
from koers.organisations.models import Organisation, Programme
from koers.transfer import archive
from koers.transfer.archive import TransferError, canonical, import_programme, uncovered_models

# Each test in a savepoint of the module's transaction (and the test database made at all).
pytestmark = pytest.mark.django_db

SLUGS = ("digitaal-2017", "interne-agenda")
EXACT = datetime.datetime(2016, 5, 1, 10, 0, 0, 123, tzinfo=datetime.UTC)
KEPT = {"contenttypes.contenttype", "auth.permission"}


def counted_models():
    """Every table of Koers (history and many-to-many tables included) and every table of the
    installation's users."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if (m.__module__.startswith("koers.") or m is get_user_model())
        and (archive._base(m) or m)._meta.label_lower not in archive.INSTALLATION
    ]


def first_contribution():
    return Contribution.objects.order_by("pk").first()


def counts():
    return {m._meta.label_lower: m._base_manager.count() for m in counted_models()}


def wipe():
    """The database emptied, as a fresh installation is (its migrations' rows aside)."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower not in KEPT and not model._meta.proxy:
            model._base_manager.all()._raw_delete(model._base_manager.db)


def media_files(root):
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def moved(django_db_setup, django_db_blocker, tmp_path_factory):
    """Build the world of the URL matrix, export both programmes, empty the database and the
    media, import both; what was seen before and after."""
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        build_world()
        # A moment within the first millisecond of its second: it must come back exactly.
        Contribution.objects.filter(pk=first_contribution().pk).update(submitted_at=EXACT)
        before = {"counts": counts(), "media": media_files(media)}
        archives = {}
        for slug in SLUGS:
            path = tmp_path_factory.mktemp("archives") / f"{slug}.zip"
            call_command("export_programme", slug, str(path), stdout=io.StringIO())
            archives[slug] = path.read_bytes()
        before["programmes"] = {slug: canonical(data=archives[slug]) for slug in SLUGS}
        wipe()
        for path in list(media.rglob("*")):
            if path.is_file():
                path.unlink()
        assert not Programme.objects.exists() and not Organisation.objects.exists()
        for slug in SLUGS:
            import_programme(io.BytesIO(archives[slug]))
        after = {"counts": counts(), "media": media_files(media)}
        after["programmes"] = {slug: canonical(slug) for slug in SLUGS}
        yield {"before": before, "after": after, "archives": archives, "media": media}
        transaction.set_rollback(True)


def test_every_model_is_carried_or_left_out_on_purpose():
    assert uncovered_models() == []


def test_every_table_has_as_many_rows_after_the_move(moved):
    before, after = dict(moved["before"]["counts"]), dict(moved["after"]["counts"])
    # Users without a role or a trace in a programme stay behind (an administrator, an outsider).
    assert after.pop("auth.user") < before.pop("auth.user")
    assert after == before
    # The world has rows in the tables that matter; a table left out would show above.
    for label in ("consultation.contribution", "consultation.historicalcontribution"):
        assert before[label] > 0


def first_difference(before: dict, after: dict) -> str:
    """Where two canonical archives first differ: the member, and the first row that does."""
    for name in sorted(before.keys() | after.keys()):
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        if isinstance(was, list) and isinstance(now, list):
            for row_before, row_after in zip(was, now, strict=False):
                if row_before != row_after:
                    return f"{name}:\n  before {row_before}\n  after  {row_after}"
            return f"{name}: {len(was)} rows before, {len(now)} after"
        return f"{name}:\n  before {was}\n  after  {now}"
    return "no difference"


def test_every_text_and_file_comes_back(moved):
    before, after = moved["before"], moved["after"]
    for slug in SLUGS:
        was, now = before["programmes"][slug], after["programmes"][slug]
        assert now == was, first_difference(was, now)
    assert before["media"] and after["media"] == before["media"]


def test_a_moment_comes_back_to_the_microsecond(moved):
    assert first_contribution().submitted_at == EXACT


def test_users_come_without_a_password(moved):
    users = get_user_model().objects.all()
    assert users and not any(u.has_usable_password() or u.is_superuser for u in users)


def test_the_manifest_says_what_is_in_it(moved):
    with zipfile.ZipFile(io.BytesIO(moved["archives"]["digitaal-2017"])) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        names = set(zipped.namelist())
    assert manifest["format"] == "koers-programme" and manifest["format_version"] == 1
    assert manifest["programme"] == "digitaal-2017"
    assert names == {"manifest.json", *manifest["members"]}
    assert manifest["counts"]["organisations.programme"] == 1
    assert "password" not in json.dumps(json.loads(zipped_member(moved, "data/auth.user.json")))


def zipped_member(moved, name):
    with zipfile.ZipFile(io.BytesIO(moved["archives"]["digitaal-2017"])) as zipped:
        return zipped.read(name)


def rewritten(data, change):
    """The archive with its members passed through `change(name, bytes) -> bytes`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))
    return out.getvalue()


def test_a_programme_that_is_there_already_is_refused(moved):
    rows = counts()
    with pytest.raises(TransferError, match="already exists"):
        import_programme(io.BytesIO(moved["archives"]["digitaal-2017"]))
    assert counts() == rows


def test_a_damaged_archive_is_refused_with_a_message(moved, tmp_path):
    data = moved["archives"]["interne-agenda"]

    def tamper(name, content):
        return content.replace(b"Interne", b"Externe") if name.startswith("data/") else content

    def version_2(name, content):
        if name != "manifest.json":
            return content
        return json.dumps(dict(json.loads(content), format_version=2)).encode()

    cases = {
        "damaged or incomplete": data[: len(data) // 2],
        "checksum does not match": rewritten(data, tamper),
        "unknown format version 2": rewritten(data, version_2),
        "not a Koers programme archive": rewritten(
            data, lambda n, c: b"[]" if "manifest" in n else c
        ),
    }
    rows = counts()
    for message, content in cases.items():
        path = tmp_path / "archive.zip"
        path.write_bytes(content)
        with pytest.raises(CommandError, match=message):
            call_command("import_programme", str(path))
    assert counts() == rows
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_programme", str(tmp_path / "missing.zip"))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_programme", "geen-programma", str(tmp_path / "out.zip"))
