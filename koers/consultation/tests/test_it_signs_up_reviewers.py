"""Reviewer sign-up: double opt-in with signed, expiring, single-use links, and login links."""

import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from koers.accounts.models import Role, RoleKind
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.organisations.tests.factories import OrganisationFactory

from ..forms_reviewers import form_stamp
from ..models import EmailToken, Reviewer

LINK = re.compile(r"http://[^/\s]+(/\S+)")


@pytest.fixture(autouse=True)
def _fresh_counters():
    """Rate-limit counters live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


def stamp() -> str:
    """A form shown a minute ago: long enough for a person to fill it in."""
    return form_stamp(time.time() - 60)


def signup_url(world) -> str:
    return f"/programmas/{world.programme.slug}/meelezen"


def sign_up(client, world, **fields):
    data = {
        "email": "lezer@example.org",
        "name": "Lies Lezer",
        "organisation_name": "",
        "consent": "on",
        "shown_at": stamp(),
        "leave_empty": "",
        **fields,
    }
    return client.post(signup_url(world), data)


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def confirmed_reviewer(world, client=None, email="lezer@example.org", **fields):
    """Sign up and confirm through the pages; returns (reviewer, logged-in client)."""
    client = client or Client()
    sign_up(client, world, email=email, **fields)
    path = link_in(mail.outbox[-1])
    client.post(path)
    return Reviewer.objects.get(programme=world.programme, email=email), client


def make_draft(world, *, open_=True, number=1):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    version = AgendaVersion.objects.create(
        programme=world.programme,
        number=number,
        title="Voorzet Digitaal 2017",
        consultation_opens_at=now - datetime.timedelta(days=1),
        consultation_closes_at=now + datetime.timedelta(days=1 if open_ else -1 / 24),
    )
    section = Section.objects.create(version=version, title="Digitaal als kwaliteitssprong")
    paragraph = Paragraph.objects.create(
        version=version,
        section=section,
        text="Maak je eigen **websites** gebruiksvriendelijker. <script>alert(1)</script>",
    )
    return version, paragraph


def test_it_shows_the_consent_text_in_full(world, client):
    response = client.get(signup_url(world))
    assert response.status_code == 200
    page = response.content.decode()
    for part in ("Waarvoor", "Wat we bewaren", "Wie het ziet", "365 dagen", "Digitaal 2017"):
        assert part in page
    assert 'aria-hidden="true"' in page and 'tabindex="-1"' in page


def test_it_signs_up_with_double_opt_in(world):
    client = Client()
    response = sign_up(client, world, organisation_name="gemeente Utrecht")
    assert response.status_code == 302
    reviewer = Reviewer.objects.get(email="lezer@example.org")
    assert reviewer.confirmed_at is None
    assert reviewer.organisation == world.organisation
    assert "Waarvoor" in reviewer.consent_text
    # The mail went through the task queue (immediate in tests) into the outbox.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Digitaal 2017" in message.subject and message.to == ["lezer@example.org"]
    assert "Digitaal 2017" in message.body
    assert message.alternatives and "<a href=" in message.alternatives[0][0]
    path = link_in(message)

    # Opening the link shows a button and uses nothing up (mail scanners open links too).
    assert client.get(path).status_code == 200
    assert Reviewer.objects.get(pk=reviewer.pk).confirmed_at is None

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"].endswith("/meelezen/profiel")
    reviewer.refresh_from_db()
    assert reviewer.confirmed_at is not None and reviewer.user is not None
    assert not reviewer.user.has_usable_password()
    assert Role.objects.filter(
        user=reviewer.user, programme=world.programme, kind=RoleKind.REVIEWER
    ).exists()
    profile = client.get(response["Location"])
    assert profile.status_code == 200
    assert "gemeente Utrecht" in profile.content.decode()
    assert "Gemeenten" in profile.content.decode()


def test_it_refuses_a_replayed_link(world):
    client = Client()
    sign_up(client, world)
    path = link_in(mail.outbox[0])
    assert client.post(path).status_code == 302
    again = Client().get(path)
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    assert Client().post(path).status_code == 410
    assert "nieuwe link" in again.content.decode()


def test_it_refuses_an_expired_link(world):
    client = Client()
    sign_up(client, world)
    path = link_in(mail.outbox[0])
    four_days_later = time.time() + 4 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=four_days_later):
        response = client.get(path)
        assert response.status_code == 410
        assert "verlopen" in response.content.decode()
        assert client.post(path).status_code == 410
    assert Reviewer.objects.get().confirmed_at is None
    assert EmailToken.objects.get().used_at is None


def test_it_refuses_a_tampered_link(world):
    client = Client()
    sign_up(client, world)
    path = link_in(mail.outbox[0])
    tampered = path[:-3] + ("abc" if not path.endswith("abc") else "xyz")
    response = client.get(tampered)
    assert response.status_code == 400
    assert "werkt niet" in response.content.decode()
    assert client.post(tampered).status_code == 400
    # A login link is no sign-up link: the purpose is part of the signature.
    login_path = path.replace("/bevestigen/", "/inloggen/")
    assert client.get(login_path).status_code == 400
    assert Reviewer.objects.get().confirmed_at is None


def test_it_refuses_a_link_for_another_programme(world):
    from koers.organisations.tests.factories import ProgrammeFactory

    other = ProgrammeFactory(slug="ander-programma")
    client = Client()
    sign_up(client, world)
    path = link_in(mail.outbox[0]).replace(world.programme.slug, other.slug)
    assert client.get(path).status_code == 400


def test_it_keeps_what_was_typed_and_asks_for_consent(world, client):
    response = sign_up(client, world, consent="", name="Lies Lezer", email="geen-adres")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zonder uw toestemming" in page
    assert 'value="Lies Lezer"' in page and 'value="geen-adres"' in page
    assert not Reviewer.objects.exists() and not mail.outbox


def test_it_offers_a_choice_when_the_organisation_is_ambiguous(world, client):
    OrganisationFactory(code="gm0345", official_name="gemeente Utrechtse Heuvelrug")
    response = sign_up(client, world, organisation_name="Utrecht")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies de jouwe" in page
    assert "gemeente Utrechtse Heuvelrug (gm0345)" in page
    assert not Reviewer.objects.exists()
    sign_up(client, world, organisation_name="Utrecht", organisation=world.organisation.pk)
    assert Reviewer.objects.get().organisation == world.organisation


def test_it_says_when_no_organisation_matches(world, client):
    response = sign_up(client, world, organisation_name="Gemeente Atlantis")
    assert "We vinden geen huidige organisatie" in response.content.decode()
    assert 'value="Gemeente Atlantis"' in response.content.decode()


def test_it_offers_the_programme_families_while_typing(world, client):
    page = client.get(signup_url(world)).content.decode()
    assert '<datalist id="organisaties">' in page
    assert '<option value="gemeente Utrecht">' in page


def test_it_does_not_change_a_confirmed_reviewer_by_signing_up_again(world):
    reviewer, _client = confirmed_reviewer(world)
    mail.outbox.clear()
    sign_up(Client(), world, name="Iemand Anders")
    reviewer.refresh_from_db()
    assert reviewer.name == "Lies Lezer"
    # The owner of the address gets a login link instead.
    assert "/meelezen/inloggen/" in mail.outbox[0].body


def test_it_mails_a_login_link_without_telling_who_is_known(world):
    reviewer, _client = confirmed_reviewer(world)
    mail.outbox.clear()
    client = Client()
    url = f"/programmas/{world.programme.slug}/meelezen/inloglink"
    known = client.post(url, {"email": "LEZER@example.org", "shown_at": stamp()}, follow=True)
    unknown = client.post(url, {"email": "niemand@example.org", "shown_at": stamp()}, follow=True)
    assert len(mail.outbox) == 1

    def main(response) -> str:
        page = response.content.decode()
        page = page[page.index("<main") : page.index("</main>")]
        return page.lower().replace("lezer@example.org", "X").replace("niemand@example.org", "X")

    assert main(known) == main(unknown)
    path = link_in(mail.outbox[0])
    assert "/meelezen/inloggen/" in path
    fresh = Client()
    assert fresh.get(path).status_code == 200
    response = fresh.post(path)
    assert response.status_code == 302
    assert fresh.get(response["Location"]).context["reviewer"] == reviewer
    assert Client().post(path).status_code == 410


def test_it_sends_a_new_confirmation_to_an_unconfirmed_address(world):
    sign_up(Client(), world)
    mail.outbox.clear()
    Client().post(
        f"/programmas/{world.programme.slug}/meelezen/inloglink",
        {"email": "lezer@example.org", "shown_at": stamp()},
    )
    assert "/meelezen/bevestigen/" in mail.outbox[0].body


def test_it_has_no_sign_up_for_a_programme_that_is_not_public(world, client):
    world.programme.is_public = False
    world.programme.save()
    assert client.get(signup_url(world)).status_code == 404


def test_it_queues_the_mail_for_the_worker(world, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sign_up(Client(), world)
    # Nothing is sent during the request; the worker sends it.
    assert not mail.outbox
    task = DBTaskResult.objects.get()
    assert task.task_path == "koers.core.tasks.send_email"
    assert task.args_kwargs["kwargs"]["to"] == ["lezer@example.org"]


def test_it_is_linked_from_the_programme_page(world, client):
    page = client.get(world.programme.get_absolute_url()).content.decode()
    assert f'href="{signup_url(world)}"' in page
    assert f'href="/programmas/{world.programme.slug}/nieuwsbrief"' in page


def test_it_leads_a_logged_in_reviewer_to_the_profile_instead_of_a_second_sign_up(world, client):
    _reviewer, reviewer_client = confirmed_reviewer(world)
    signup = f"/programmas/{world.programme.slug}/meelezen"
    profile = f"{signup}/profiel"
    page = reviewer_client.get(signup).content.decode()
    assert "U bent al meelezer van dit programma." in page
    assert f'href="{profile}"' in page
    assert 'name="email"' not in page
    assert reviewer_client.get(profile).status_code == 200
    # Anyone else (anonymous, or logged in without being a reviewer) gets the form.
    client.force_login(world.contributor)
    for other in (Client(), client):
        page = other.get(signup).content.decode()
        assert 'name="email"' in page and f'href="{profile}"' not in page
