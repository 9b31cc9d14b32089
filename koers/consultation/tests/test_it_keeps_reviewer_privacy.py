"""Privacy: reviewers download their data, delete their account; retention is enforced."""

import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from koers.agenda.models import AgendaVersion

from ..constants import Publication
from ..models import Contribution, EmailToken, NewsletterSubscription, Reviewer
from .test_it_signs_up_reviewers import confirmed_reviewer, make_draft, sign_up

REACTION = {"stance": "suggestie", "text": "Koppel aan MijnOverheid.", "publication": "met-naam"}


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reacted(world):
    version, paragraph = make_draft(world)
    reviewer, client = confirmed_reviewer(world, organisation_name="gm0344")
    url = f"/programmas/{world.programme.slug}/agenda/1/alinea/{paragraph.anchor}/reageren"
    client.post(url, REACTION)
    client.post(url, {**REACTION, "publication": "niet", "text": "Alleen voor het bureau."})
    return version, reviewer, client


def test_it_downloads_all_data_of_the_reviewer(world, reacted, client_for):
    _version, reviewer, client = reacted
    response = client.get(f"/programmas/{world.programme.slug}/meelezen/profiel/gegevens.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profiel"]["e-mailadres"] == "lezer@example.org"
    assert data["profiel"]["naam"] == "Lies Lezer"
    assert data["profiel"]["organisatie"] == "gemeente Utrecht"
    assert data["toestemming"]["tekst"] == reviewer.consent_text
    assert data["toestemming"]["gegeven_op"]
    assert [r["tekst"] for r in data["reacties"]] == [
        "Koppel aan MijnOverheid.",
        "Alleen voor het bureau.",
    ]
    assert all(r["ingediend_op"] and r["alineas"] for r in data["reacties"])
    # Nobody else gets it.
    for _name, user in world.personas():
        other = client_for(user).get(
            f"/programmas/{world.programme.slug}/meelezen/profiel/gegevens.json"
        )
        assert other.status_code in (302, 403)


def test_it_deletes_the_account_and_keeps_the_reactions_anonymous(world, reacted):
    _version, reviewer, client = reacted
    url = f"/programmas/{world.programme.slug}/meelezen/profiel/verwijderen"
    assert client.get(url).status_code == 200
    response = client.post(url, {})
    assert "Vink aan" in response.content.decode()
    user_pk = reviewer.user_id
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    reviewer.refresh_from_db()
    assert (reviewer.email, reviewer.name, reviewer.user) == ("", "", None)
    assert reviewer.anonymised_at is not None
    contributions = Contribution.objects.filter(reviewer=reviewer)
    assert contributions.count() == 2
    assert set(contributions.values_list("author_name", flat=True)) == {""}
    assert sorted(contributions.values_list("publication", flat=True)) == [
        Publication.ANONYMOUS,
        Publication.NONE,
    ]
    # The history keeps what changed, without the name.
    history = Contribution.history.filter(id__in=contributions.values("pk"))
    assert history.count() == 4
    assert set(history.values_list("author_name", flat=True)) == {""}
    assert not EmailToken.objects.filter(email="lezer@example.org").exists()
    # Logged out, and the profile is gone.
    assert client.get(f"/programmas/{world.programme.slug}/meelezen/profiel").status_code == 302


def test_it_lets_the_address_sign_up_again_after_deletion(world, reacted):
    _version, reviewer, client = reacted
    client.post(
        f"/programmas/{world.programme.slug}/meelezen/profiel/verwijderen", {"confirm": "on"}
    )
    again, _client = confirmed_reviewer(world)
    assert again.pk != reviewer.pk and again.is_confirmed


def run_purge() -> str:
    out = StringIO()
    call_command("purge_reviewers", stdout=out)
    return out.getvalue()


def test_it_purges_after_the_retention_period(world, reacted, settings):
    version, reviewer, _client = reacted
    settings.REVIEWER_RETENTION_DAYS = 30
    # An abandoned sign-up and old links, older than the link lifetime.
    sign_up(Client(), world, email="vergeten@example.org")
    NewsletterSubscription.objects.create(programme=world.programme, email="nooit@example.org")
    old = timezone.now() - datetime.timedelta(days=4)
    Reviewer.objects.filter(email="vergeten@example.org").update(created_at=old)
    NewsletterSubscription.objects.update(created_at=old)
    EmailToken.objects.update(created_at=old)

    output = run_purge()
    assert "anonymised reviewers: 0" in output
    assert "deleted unconfirmed sign-ups: 1" in output
    assert "deleted unconfirmed newsletter subscriptions: 1" in output
    assert "deleted spent or expired links: 2" in output
    reviewer.refresh_from_db()
    assert reviewer.anonymised_at is None

    AgendaVersion.objects.filter(pk=version.pk).update(
        consultation_closes_at=timezone.now() - datetime.timedelta(days=31)
    )
    output = run_purge()
    assert "anonymised reviewers: 1" in output
    reviewer.refresh_from_db()
    assert reviewer.anonymised_at is not None and reviewer.email == ""
    assert Contribution.objects.filter(reviewer=reviewer, author_name="").count() == 2

    # Idempotent.
    assert run_purge().count(": 0") == 4


def test_it_keeps_reviewers_while_a_draft_is_open_without_end(world, reacted, settings):
    version, reviewer, _client = reacted
    settings.REVIEWER_RETENTION_DAYS = 1
    AgendaVersion.objects.filter(pk=version.pk).update(
        consultation_closes_at=timezone.now() - datetime.timedelta(days=400)
    )
    second, _paragraph = make_draft(world, number=2)
    AgendaVersion.objects.filter(pk=second.pk).update(consultation_closes_at=None)
    assert "anonymised reviewers: 0" in run_purge()
