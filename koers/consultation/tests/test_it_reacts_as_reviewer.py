"""Reviewers react per paragraph while the consultation is open, and edit until it closes."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.agenda.models import AgendaVersion

from ..constants import Channel, Publication
from ..models import Contribution, Reviewer
from .test_it_signs_up_reviewers import confirmed_reviewer, make_draft


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def draft(world):
    return make_draft(world)


def react_url(world, paragraph) -> str:
    return (
        f"/programmas/{world.programme.slug}/agenda/{paragraph.version.number}"
        f"/alinea/{paragraph.anchor}/reageren"
    )


REACTION = {
    "stance": "zorg",
    "text": "Kleine gemeenten hebben hier hulp bij nodig.",
    "publication": "met-naam",
}


@pytest.fixture
def reviewer_persona(world):
    """The world's reviewer persona, confirmed as a reviewer of the programme."""
    return Reviewer.objects.create(
        programme=world.programme,
        user=world.reviewer,
        email="persona@example.org",
        name="Rita Reviewer",
        organisation=world.organisation,
        consent_text="Toestemming",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )


@pytest.mark.parametrize(
    "persona, get, post",
    [
        ("office", 403, 403),
        ("coordinator", 403, 403),
        ("contributor", 403, 403),
        ("council_member", 403, 403),
        ("reviewer", 200, 302),
        ("outsider", 403, 403),
        ("public", 302, 302),
    ],
)
def test_it_lets_only_confirmed_reviewers_react(
    world, draft, reviewer_persona, client_for, persona, get, post
):
    user = dict(world.personas())[persona]
    client = client_for(user)
    _version, paragraph = draft
    response = client.get(react_url(world, paragraph))
    assert response.status_code == get
    if persona == "public":
        assert "/meelezen/inloglink" in response["Location"]
    response = client.post(react_url(world, paragraph), REACTION)
    assert response.status_code == post
    assert Contribution.objects.count() == (1 if persona == "reviewer" else 0)


def test_it_refuses_a_reviewer_with_the_role_but_no_confirmed_sign_up(world, draft, client_for):
    _version, paragraph = draft
    assert client_for(world.reviewer).get(react_url(world, paragraph)).status_code == 403


def test_it_refuses_a_reviewer_of_another_programme(world, draft, reviewer_persona, client_for):
    from koers.organisations.tests.factories import ProgrammeFactory

    other = ProgrammeFactory(slug="ander")
    reviewer_persona.programme = other
    reviewer_persona.save()
    _version, paragraph = draft
    assert client_for(world.reviewer).get(react_url(world, paragraph)).status_code == 403


def test_it_records_a_reaction_with_organisation_and_family(world, draft):
    version, paragraph = draft
    reviewer, client = confirmed_reviewer(world, organisation_name="gm0344")
    page = client.get(react_url(world, paragraph)).content.decode()
    # The paragraph is shown as Markdown, made safe.
    assert "<strong>websites</strong>" in page and "<script>alert" not in page
    response = client.post(react_url(world, paragraph), REACTION)
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.channel == Channel.REVIEWER
    assert contribution.reviewer == reviewer
    assert contribution.organisation == world.organisation
    assert contribution.family == world.family
    assert contribution.version == version
    assert list(contribution.paragraphs.all()) == [paragraph]
    assert contribution.author_name == "Lies Lezer"
    assert contribution.history.first().history_user == reviewer.user


def test_it_keeps_what_was_typed_when_a_choice_is_missing(world, draft):
    _version, paragraph = draft
    _reviewer, client = confirmed_reviewer(world)
    response = client.post(react_url(world, paragraph), {**REACTION, "stance": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kleine gemeenten hebben hier hulp bij nodig." in page
    assert 'id="id_stance_error"' in page
    assert not Contribution.objects.exists()


def test_it_offers_no_publication_with_name_without_a_name(world, draft):
    _version, paragraph = draft
    _reviewer, client = confirmed_reviewer(world, name="")
    response = client.post(react_url(world, paragraph), REACTION)
    assert response.status_code == 200
    assert 'value="met-naam"' not in response.content.decode()


def test_it_refuses_reactions_when_the_consultation_is_not_open(world):
    _version, paragraph = make_draft(world, open_=False)
    _reviewer, client = confirmed_reviewer(world)
    response = client.get(react_url(world, paragraph))
    assert response.status_code == 403
    assert "staat nu niet open" in response.content.decode()
    assert client.post(react_url(world, paragraph), REACTION).status_code == 403
    assert not Contribution.objects.exists()


def test_it_gives_404_for_an_unknown_paragraph(world, draft):
    _reviewer, client = confirmed_reviewer(world)
    url = f"/programmas/{world.programme.slug}/agenda/1/alinea/00000000-0000-0000-0000-000000000000/reageren"
    assert client.get(url).status_code == 404


def test_it_reflects_the_publication_choice(world, draft):
    _version, paragraph = draft
    reviewer, client = confirmed_reviewer(world)
    for choice in ("met-naam", "anoniem", "niet"):
        client.post(react_url(world, paragraph), {**REACTION, "publication": choice})
    assert not Contribution.objects.published().exists()  # the office looks first
    for contribution in Contribution.objects.all():
        contribution.approve()
        contribution.save()
    published = Contribution.objects.published()
    assert sorted(c.publication for c in published) == ["anoniem", "met-naam"]
    assert {c.public_author for c in published} == {"Lies Lezer", ""}


def edit_url(world, contribution) -> str:
    return f"/programmas/{world.programme.slug}/meelezen/reacties/{contribution.pk}"


def test_it_edits_until_the_consultation_closes(world, draft):
    version, paragraph = draft
    _reviewer, client = confirmed_reviewer(world)
    client.post(react_url(world, paragraph), REACTION)
    contribution = Contribution.objects.get()
    page = client.get(edit_url(world, contribution))
    assert page.status_code == 200
    loaded = page.context["form"]["loaded_as"].value()
    response = client.post(
        edit_url(world, contribution),
        {**REACTION, "text": "Beter verwoord.", "publication": "anoniem", "loaded_as": loaded},
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.text, contribution.publication) == ("Beter verwoord.", "anoniem")

    AgendaVersion.objects.filter(pk=version.pk).update(
        consultation_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = client.get(edit_url(world, contribution))
    assert page.status_code == 200
    assert "De consultatie is gesloten" in page.content.decode()
    assert "<textarea" not in page.content.decode()
    response = client.post(
        edit_url(world, contribution),
        {**REACTION, "text": "Te laat.", "loaded_as": loaded},
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.text == "Beter verwoord."


def test_it_detects_a_conflicting_edit_and_keeps_what_was_typed(world, draft):
    _version, paragraph = draft
    _reviewer, client = confirmed_reviewer(world)
    client.post(react_url(world, paragraph), REACTION)
    contribution = Contribution.objects.get()
    loaded = client.get(edit_url(world, contribution)).context["form"]["loaded_as"].value()
    # Another tab saves first.
    client.post(
        edit_url(world, contribution),
        {**REACTION, "text": "Uit het andere venster.", "loaded_as": loaded},
    )
    response = client.post(
        edit_url(world, contribution),
        {**REACTION, "text": "Mijn nieuwe tekst.", "loaded_as": loaded},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "is gewijzigd nadat u haar opende" in page
    assert "Mijn nieuwe tekst." in page and "Uit het andere venster." in page
    contribution.refresh_from_db()
    assert contribution.text == "Uit het andere venster."
    # Sending again is a deliberate choice and now succeeds.
    fresh = response.context["form"].data["loaded_as"]
    response = client.post(
        edit_url(world, contribution),
        {**REACTION, "text": "Mijn nieuwe tekst.", "loaded_as": fresh},
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.text == "Mijn nieuwe tekst."


def test_it_shows_nobody_else_a_reaction_to_edit(world, draft, reviewer_persona, client_for):
    _version, paragraph = draft
    _reviewer, client = confirmed_reviewer(world)
    client.post(react_url(world, paragraph), REACTION)
    contribution = Contribution.objects.get()
    assert client_for(world.reviewer).get(edit_url(world, contribution)).status_code == 404
    assert client_for(world.office).get(edit_url(world, contribution)).status_code == 403


@pytest.mark.parametrize(
    "persona, status",
    [
        ("office", 403),
        ("coordinator", 403),
        ("contributor", 403),
        ("council_member", 403),
        ("reviewer", 200),
        ("outsider", 403),
        ("public", 302),
    ],
)
def test_it_shows_the_profile_only_to_the_reviewer(
    world, reviewer_persona, client_for, persona, status
):
    user = dict(world.personas())[persona]
    response = client_for(user).get(f"/programmas/{world.programme.slug}/meelezen/profiel")
    assert response.status_code == status


def test_it_lists_reactions_on_the_profile_in_constant_queries(world, draft):
    _version, paragraph = draft
    _reviewer, client = confirmed_reviewer(world, organisation_name="gm0344")
    url = f"/programmas/{world.programme.slug}/meelezen/profiel"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.post(react_url(world, paragraph), REACTION)
    one = count()
    for _ in range(5):
        client.post(react_url(world, paragraph), REACTION)
    assert count() == one
    page = client.get(url).content.decode()
    assert page.count("/meelezen/reacties/") == 6
    assert Contribution.objects.filter(publication=Publication.NAMED).count() == 6
