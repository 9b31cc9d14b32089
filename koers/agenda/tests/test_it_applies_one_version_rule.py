"""Which versions a reader may see is one rule (agenda.view_version in
koers/accounts/rules.py, AgendaVersion.objects.visible_to for lists): the consultation pages, the
agenda pages, the documents and the API give the same answer for every version and persona."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from koers.organisations.tests.factories import ProgrammeFactory

from .. import services as versions
from ..constants import VersionState
from ..models import AgendaVersion
from ..services import move_version

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _version(programme, office, *, opens=None, state=VersionState.DRAFT):
    version = versions.create_version(programme, title="Voorzet", by=office)
    versions.import_markdown(version, "# Hoofdstuk\n\nEen alinea.\n")
    if opens is not None:
        versions.open_consultation(version, opens_at=timezone.now() + opens)
    if state != VersionState.DRAFT:
        move_version(version, state)
        version.refresh_from_db()
    return version


def _pages(version) -> dict[str, str]:
    args = [version.programme.slug, version.number]
    return {
        "consultation page": reverse("consultation:version-detail", args=args),
        "agenda page": reverse("drafting:agenda-structure", args=args),
        "trace page": reverse("drafting:version-trace", args=args),
        "API": f"/api/v1/programmes/{version.programme.slug}/versions/{version.number}",
        "API steps": f"/api/v1/programmes/{version.programme.slug}/versions/{version.number}/steps",
    }


def _reads(response) -> bool:
    """Whether the page let the reader in (login redirects, 403 and 404 all mean no)."""
    return response.status_code == 200


@pytest.mark.parametrize(
    "opens, expected_public",
    [
        (None, False),  # a draft without a consultation period
        (30 * DAY, False),  # a draft whose consultation opens in 30 days
        (-DAY, True),  # a draft whose consultation has opened
    ],
)
def test_it_answers_the_same_for_a_draft_on_every_page_and_the_api(
    world, client_for, opens, expected_public
):
    version = _version(world.programme, world.office, opens=opens)
    for name, user in world.personas():
        client = client_for(user)
        # The API is public: it reads as the public whoever asks.
        expected = expected_public or (name == "office")
        for page, url in _pages(version).items():
            want = expected_public if page.startswith("API") else expected
            assert _reads(client.get(url)) is want, (name, page, opens)
        listed = client.get(reverse("consultation:version-list", args=[world.programme.slug]))
        assert (version in listed.context["versions"]) is expected, name
    # The programme page links its newest public version by the same rule.
    programme_page = client_for(None).get(
        reverse("organisations:programme-detail", args=[world.programme.slug])
    )
    assert (version.get_absolute_url() in programme_page.content.decode()) is expected_public
    api_list = client_for(None).get(f"/api/v1/programmes/{world.programme.slug}/versions")
    numbers = [v["number"] for v in api_list.json()["results"]]
    assert (version.number in numbers) is expected_public


def test_it_shows_concepts_and_adopted_versions_to_all_but_drafts_documents_to_the_office(
    world, client_for
):
    concept = _version(world.programme, world.office, state=VersionState.CONCEPT)
    draft = _version(world.programme, world.office, opens=-DAY)
    for name, user in world.personas():
        client = client_for(user)
        for page, url in _pages(concept).items():
            assert _reads(client.get(url)), (name, page)
        report = reverse("documents:response-report", args=[world.programme.slug, concept.number])
        assert _reads(client.get(report)), name
        # A draft answers no input yet: its documents are the office's preview.
        draft_report = reverse(
            "documents:response-report", args=[world.programme.slug, draft.number]
        )
        assert _reads(client.get(draft_report)) is (name == "office"), name


def test_it_shows_nothing_of_a_programme_that_is_not_public_but_to_its_office(world, client_for):
    world.programme.is_public = False
    world.programme.save()
    concept = _version(world.programme, world.office, state=VersionState.CONCEPT)
    for name, user in world.personas():
        client = client_for(user)
        for page, url in _pages(concept).items():
            want = name == "office" and not page.startswith("API")
            assert _reads(client.get(url)) is want, (name, page)


def test_it_keeps_the_predicate_and_the_list_in_step(world):
    """For every persona and version, has_perm says yes exactly for the versions visible_to
    lists: the two forms of one rule cannot drift apart."""
    other = ProgrammeFactory(slug="ander-programma", is_public=False)
    made = [
        _version(world.programme, world.office),
        _version(world.programme, world.office, opens=30 * DAY),
        _version(world.programme, world.office, opens=-DAY),
        _version(world.programme, world.office, state=VersionState.CONCEPT),
        _version(other, world.office, state=VersionState.CONCEPT),
    ]
    for name, user in world.personas():
        user = user or AnonymousUser()
        for programme in (world.programme, other):
            listed = set(AgendaVersion.objects.visible_to(user, programme))
            for version in made:
                if version.programme_id != programme.pk:
                    continue
                allowed = user.has_perm("agenda.view_version", version)
                assert allowed is (version in listed), (name, version)
