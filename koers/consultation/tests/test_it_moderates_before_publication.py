"""A reviewer's public reaction reaches the public pages and the API only after the office
approved it; a changed reaction goes back to the queue while its approved text stays public.
A programme may moderate afterwards instead, and the reaction form says which one applies."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from koers.organisations.constants import Moderation

from ..constants import Channel, Publication
from ..forms_reviewers import ReactionForm
from ..models import Contribution
from ..views.contributions import moderation_queue
from .test_it_reacts_as_reviewer import REACTION, edit_url, react_url
from .test_it_signs_up_reviewers import confirmed_reviewer, make_draft

API = "/api/v1/programmes/digitaal-2017/contributions"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def draft(world):
    return make_draft(world)


def reactions_page(paragraph) -> str:
    version = paragraph.version
    url = reverse(
        "consultation:version-paragraph-reactions",
        args=[version.programme.slug, version.number, paragraph.anchor],
    )
    return url


def public_texts(client, paragraph) -> tuple[str, list[str]]:
    """What the public page and the API show."""
    page = client.get(reactions_page(paragraph)).content.decode()
    api = [c["text"] for c in client.get(API).json()["results"]]
    return page, api


def approve(client_for, world, contribution, **data):
    url = reverse("consultation:contribution-approve", args=[world.programme.slug, contribution.pk])
    return client_for(world.office).post(url, data)


def test_it_shows_a_reaction_only_after_the_office_approved_it(world, draft, client_for):
    _version, paragraph = draft
    _reviewer, reviewer_client = confirmed_reviewer(world)
    reviewer_client.post(react_url(world, paragraph), {**REACTION, "text": "Eerst bekijken."})
    reaction = Contribution.objects.get()
    public = client_for(None)

    page, api = public_texts(public, paragraph)
    assert "Eerst bekijken." not in page and api == []
    assert not Contribution.objects.published().exists()
    assert reaction in moderation_queue(world.programme)
    profile = reverse("consultation:reviewer-profile", args=[world.programme.slug])
    assert "wacht op beoordeling" in reviewer_client.get(profile).content.decode()

    queue = client_for(world.office).get(
        reverse("consultation:contribution-moderation", args=[world.programme.slug])
    )
    assert reaction.text_digest in queue.content.decode()  # the form names the text it shows
    assert approve(client_for, world, reaction, seen=reaction.text_digest).status_code == 302

    page, api = public_texts(public, paragraph)
    assert "Eerst bekijken." in page and api == ["Eerst bekijken."]
    assert "wacht op beoordeling" not in reviewer_client.get(profile).content.decode()
    reaction.refresh_from_db()
    assert reaction.published_text == "Eerst bekijken." and reaction.moderated_at
    assert reaction not in moderation_queue(world.programme)
    assert reaction.history.first().history_user == world.office


def test_it_keeps_the_approved_text_public_while_a_change_waits(world, draft, client_for):
    _version, paragraph = draft
    _reviewer, reviewer_client = confirmed_reviewer(world)
    reviewer_client.post(react_url(world, paragraph), {**REACTION, "text": "Goedgekeurd."})
    reaction = Contribution.objects.get()
    approve(client_for, world, reaction)
    loaded = reviewer_client.get(edit_url(world, reaction)).context["form"]["loaded_as"]
    response = reviewer_client.post(
        edit_url(world, reaction),
        {**REACTION, "text": "Scheldwoorden erbij.", "loaded_as": loaded.value()},
    )
    assert response.status_code == 302

    reaction.refresh_from_db()
    assert reaction.text == "Scheldwoorden erbij." and reaction.moderated_at is None
    assert reaction in moderation_queue(world.programme)
    page, api = public_texts(client_for(None), paragraph)
    assert "Goedgekeurd." in page and "Scheldwoorden" not in page
    assert api == ["Goedgekeurd."]
    queue = client_for(world.office).get(
        reverse("consultation:contribution-moderation", args=[world.programme.slug])
    )
    assert "Gewijzigd na goedkeuring" in queue.content.decode()

    approve(client_for, world, reaction)
    page, api = public_texts(client_for(None), paragraph)
    assert "Scheldwoorden erbij." in page and api == ["Scheldwoorden erbij."]


def test_it_does_not_approve_a_text_the_office_did_not_see(world, draft, client_for):
    _version, paragraph = draft
    _reviewer, reviewer_client = confirmed_reviewer(world)
    reviewer_client.post(react_url(world, paragraph), {**REACTION, "text": "Eerste versie."})
    reaction = Contribution.objects.get()
    seen = reaction.text_digest
    # The reviewer changes the text between the office opening the queue and clicking.
    Contribution.objects.filter(pk=reaction.pk).update(text="Tweede versie.")
    office = client_for(world.office)
    url = reverse("consultation:contribution-approve", args=[world.programme.slug, reaction.pk])
    response = office.post(url, {"seen": seen, "back_to": "moderatie"})
    assert response.status_code == 302
    reaction.refresh_from_db()
    assert reaction.moderated_at is None and reaction.published_text == ""
    assert not Contribution.objects.published().exists()
    page = office.get(response.url).content.decode()
    assert "is gewijzigd nadat u haar opende" in page


def test_it_withdraws_consent_at_once_and_judges_new_consent_again(world, draft, client_for):
    _version, paragraph = draft
    _reviewer, reviewer_client = confirmed_reviewer(world)
    reviewer_client.post(react_url(world, paragraph), REACTION)
    reaction = Contribution.objects.get()
    approve(client_for, world, reaction)
    assert Contribution.objects.published().count() == 1

    def edit(publication):
        loaded = reviewer_client.get(edit_url(world, reaction)).context["form"]["loaded_as"]
        reviewer_client.post(
            edit_url(world, reaction),
            {**REACTION, "publication": publication, "loaded_as": loaded.value()},
        )
        reaction.refresh_from_db()

    edit(Publication.NONE)
    assert not Contribution.objects.published().exists()  # no wait for anyone
    edit(Publication.ANONYMOUS)
    # Approved while only the office would read it: the public waits for a second look.
    assert not Contribution.objects.published().exists()
    assert reaction in moderation_queue(world.programme)


def test_it_publishes_at_once_under_post_moderation(world, draft, client_for):
    world.programme.moderation = Moderation.POST
    world.programme.save()
    _version, paragraph = draft
    _reviewer, reviewer_client = confirmed_reviewer(world)
    reviewer_client.post(react_url(world, paragraph), {**REACTION, "text": "Meteen zichtbaar."})
    reaction = Contribution.objects.get()

    page, api = public_texts(client_for(None), paragraph)
    assert "Meteen zichtbaar." in page and api == ["Meteen zichtbaar."]
    assert reaction in moderation_queue(world.programme)  # the office still looks afterwards

    approve(client_for, world, reaction)
    loaded = reviewer_client.get(edit_url(world, reaction)).context["form"]["loaded_as"]
    reviewer_client.post(
        edit_url(world, reaction),
        {**REACTION, "text": "Ook gewijzigd meteen.", "loaded_as": loaded.value()},
    )
    page, api = public_texts(client_for(None), paragraph)
    assert "Ook gewijzigd meteen." in page and api == ["Ook gewijzigd meteen."]
    assert reaction in moderation_queue(world.programme)

    hide = reverse("consultation:contribution-hide", args=[world.programme.slug, reaction.pk])
    client_for(world.office).post(hide, {"reason": "scheldwoord"})
    assert client_for(None).get(API).json()["results"] == []


def test_it_publishes_what_was_waiting_when_a_programme_moves_to_post_moderation(world, draft):
    _version, paragraph = draft
    _reviewer, reviewer_client = confirmed_reviewer(world)
    reviewer_client.post(react_url(world, paragraph), REACTION)
    assert not Contribution.objects.published().exists()
    world.programme.moderation = Moderation.POST
    world.programme.save()
    [reaction] = Contribution.objects.published()
    assert reaction.public_text == REACTION["text"]


def test_it_publishes_input_the_office_recorded_as_before(world):
    for channel in (Channel.ROUND_TABLE, Channel.IMPORT, Channel.EMAIL, Channel.POSITION_PAPER):
        Contribution.objects.create(
            programme=world.programme,
            channel=channel,
            text=f"Via {channel}.",
            publication=Publication.ANONYMOUS,
        )
    assert Contribution.objects.published().count() == 4


@pytest.mark.parametrize(
    "moderation, promise, not_promised",
    [
        (Moderation.PRE, "nadat het programmabureau haar heeft bekeken", "meteen"),
        (Moderation.POST, "verschijnt meteen", "nadat het programmabureau haar heeft bekeken"),
    ],
)
def test_it_promises_what_the_programme_does(world, draft, moderation, promise, not_promised):
    world.programme.moderation = moderation
    world.programme.save()
    _version, paragraph = draft
    _reviewer, reviewer_client = confirmed_reviewer(world)
    page = reviewer_client.get(react_url(world, paragraph)).content.decode()
    assert promise in page and not_promised not in page
    help_text = ReactionForm(moderation=moderation)["publication"].help_text
    assert promise in help_text and "aanhef en ondertekening" in help_text


@pytest.mark.parametrize("moderation", [Moderation.PRE, Moderation.POST])
def test_the_published_input_of_one_programme_is_the_general_rule_for_it(world, moderation):
    """`published_in(programme)` reads the programme's way of moderating from the object
    instead of a join; it must select exactly what `published()` selects of that programme."""
    from koers.organisations.tests.factories import ProgrammeFactory

    world.programme.moderation = moderation
    world.programme.save()
    other = ProgrammeFactory(slug="elders")
    for programme in (world.programme, other):
        for channel in (Channel.REVIEWER, Channel.EMAIL):
            for publication in (Publication.NAMED, Publication.NONE):
                for published_text in ("", "Goedgekeurd."):
                    for is_hidden in (False, True):
                        Contribution.objects.create(
                            programme=programme,
                            channel=channel,
                            text="Tekst.",
                            publication=publication,
                            published_text=published_text,
                            is_hidden=is_hidden,
                        )
    general = Contribution.objects.published().filter(programme=world.programme)
    assert set(Contribution.objects.published_in(world.programme)) == set(general)
    # Visible with consent: two channels, two texts; before moderation the reviewer's unapproved
    # reaction is left out.
    expected = 4 if moderation == Moderation.POST else 3
    assert general.count() == expected


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the bytecode of SQLite's plan; PostgreSQL is sent the SQL",
)
@pytest.mark.parametrize("moderation", [Moderation.PRE, Moderation.POST])
def test_a_deep_page_of_published_input_is_counted_off_in_its_index_alone(world, moderation):
    """The published input is read along the partial index that holds exactly it, without a
    look at the table: SQLite checks a condition of the index again on each row it passes
    unless the query writes it as the index does (koers/core/conditions.py). A deep page of the
    API passed 50,000 rows that way."""
    world.programme.moderation = moderation
    ids = Contribution.objects.published_in(world.programme).values_list("pk", flat=True)
    sql, params = ids[4950:5000].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        (plan,) = [row[3] for row in cursor.fetchall()]
        cursor.execute("EXPLAIN " + sql, params)
        opcodes = [row[1] for row in cursor.fetchall()]
    index = (
        "contribution_published_idx"
        if moderation == Moderation.POST
        else "contribution_approved_idx"
    )
    assert f"USING INDEX {index}" in plan
    # A `Column` reads a column of the table's row; the id comes from the index (`IdxRowid`).
    assert "Column" not in opcodes and "IdxRowid" in opcodes
