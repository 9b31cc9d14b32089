"""The theme pages: every curation through the forms, its errors on the page, who may do what,
and a number of queries that does not grow with what the page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.consultation.constants import Channel
from koers.consultation.models import Contribution

from .. import tally
from ..constants import RunMode, RunState
from ..models import SynthesisRun, Theme, ThemeAssignment

pytestmark = pytest.mark.django_db

READERS = {"office", "council_member"}
CURATORS = {"office"}


def _run(world) -> SynthesisRun:
    now = timezone.now()
    return SynthesisRun.objects.create(
        programme=world.programme,
        mode=RunMode.FULL,
        state=RunState.DONE,
        finished_at=now,
        done=100,
        total=100,
    )


def make_theme(world, label, n=3, *, run=None, family=None, **fields) -> Theme:
    """A theme the analysis proposed, with `n` contributions it placed there."""
    run = run or _run(world)
    theme = Theme.objects.create(
        programme=world.programme, label=label, proposed_by_run=run, **fields
    )
    made = Contribution.objects.bulk_create(
        Contribution(
            programme=world.programme,
            channel=Channel.IMPORT,
            family=family or world.family,
            text=f"{label}: bijdrage {i}",
        )
        for i in range(n)
    )
    ThemeAssignment.objects.bulk_create(
        ThemeAssignment(contribution=c, theme=theme, run=run, assigned_at=timezone.now())
        for c in made
    )
    tally.recount(world.programme.pk)  # rows written in bulk are counted as a run counts them
    return theme


def url(name, theme):
    return reverse(name, args=[theme.programme.slug, theme.pk])


def ids(theme) -> list[int]:
    return sorted(theme.assignments.values_list("contribution_id", flat=True))


# -- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["synthesis:theme-list", "synthesis:theme-detail"])
def test_it_shows_the_themes_to_the_office_and_the_council_only(world, client_for, name):
    theme = make_theme(world, "Websites")
    args = [world.programme.slug] + ([theme.pk] if name == "synthesis:theme-detail" else [])
    for persona, user in world.personas():
        response = client_for(user).get(reverse(name, args=args))
        if persona in READERS:
            assert response.status_code == 200, persona
            assert "Websites" in response.content.decode()
        elif user is None:
            assert response.status_code == 302 and "/inloggen" in response.url
        else:
            assert response.status_code == 403, persona


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("synthesis:theme-rename", {"label": "Nieuw"}),
        ("synthesis:theme-thread", {"decision": "ja"}),
        ("synthesis:theme-merge", {"themes": []}),
        ("synthesis:theme-move", {"contributions": [], "new_label": "Apart"}),
    ],
)
def test_it_lets_only_the_office_curate(world, client_for, name, data):
    theme = make_theme(world, "Websites")
    other = make_theme(world, "Portalen")
    if name == "synthesis:theme-merge":
        data = {"themes": [other.pk]}
    if name == "synthesis:theme-move":
        data = {"contributions": ids(theme)[:1], "new_label": "Apart"}
    for persona, user in world.personas():
        if persona in CURATORS:
            continue
        response = client_for(user).post(url(name, theme), data)
        if user is None:
            assert response.status_code == 302 and "/inloggen" in response.url, persona
        else:
            assert response.status_code == 403, persona
    theme.refresh_from_db()
    assert theme.label == "Websites" and theme.common_thread_decision is None
    assert not Theme.objects.filter(merged_into__isnull=False).exists()
    assert not ThemeAssignment.objects.by_people().exists()
    # The office's own attempt goes through.
    response = client_for(world.office).post(url(name, theme), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_it_shows_curation_forms_only_to_the_office(world, client_for):
    theme = make_theme(world, "Websites")
    make_theme(world, "Portalen")
    office = client_for(world.office).get(url("synthesis:theme-detail", theme)).content.decode()
    council = (
        client_for(world.council_member).get(url("synthesis:theme-detail", theme)).content.decode()
    )
    for action in ("naam", "samenvoegen", "verplaatsen", "rode-draad"):
        assert f"/themas/{theme.pk}/{action}" in office
        assert f"/themas/{theme.pk}/{action}" not in council
    assert 'name="contributions"' in office and 'name="contributions"' not in council


def test_it_answers_404_for_a_theme_of_another_programme(world, client_for):
    from koers.organisations.tests.factories import ProgrammeFactory

    theme = make_theme(world, "Websites")
    other = ProgrammeFactory()
    wrong = reverse("synthesis:theme-detail", args=[other.slug, theme.pk])
    assert client_for(world.office).get(wrong).status_code in (403, 404)
    mine = reverse("synthesis:theme-detail", args=[world.programme.slug, 999999])
    assert client_for(world.office).get(mine).status_code == 404


# -- curation -----------------------------------------------------------------------------------


def test_it_renames_and_says_who_named_it(world, client_for):
    theme = make_theme(world, "websites toegankelijk")
    client = client_for(world.office)
    page = client.get(url("synthesis:theme-detail", theme)).content.decode()
    assert "voorgesteld door de analyse van" in page

    response = client.post(
        url("synthesis:theme-rename", theme), {"label": "  Toegankelijke websites "}
    )

    assert response.status_code == 302 and response.url == theme.get_absolute_url()
    theme.refresh_from_db()
    assert theme.label == "Toegankelijke websites" and theme.label_by == world.office
    page = client.get(url("synthesis:theme-detail", theme)).content.decode()
    assert "Het thema heet nu" in page
    assert f"Naam: {world.office.get_full_name() or world.office.username}" in page
    assert "hernoemd tot “Toegankelijke websites”" in page  # the history


def test_it_keeps_a_bad_name_and_says_what_is_wrong(world, client_for):
    theme = make_theme(world, "Websites")
    client = client_for(world.office)
    response = client.post(url("synthesis:theme-rename", theme), {"label": "   "})
    assert response.status_code == 400
    assert "Geef het thema een naam." in response.content.decode()
    assert 'id="id_label_error"' in response.content.decode()
    response = client.post(url("synthesis:theme-rename", theme), {"label": "x" * 201})
    assert response.status_code == 400
    assert response.context["rename_form"]["label"].value() == "x" * 201
    theme.refresh_from_db()
    assert theme.label == "Websites" and theme.label_by is None


def test_it_merges_themes_and_the_merged_page_points_to_the_target(world, client_for):
    websites = make_theme(world, "Websites", 3)
    portals = make_theme(world, "Portalen", 2)
    loket = make_theme(world, "Loket", 1)
    moved = ids(portals) + ids(loket)
    client = client_for(world.office)

    response = client.post(
        url("synthesis:theme-merge", websites), {"themes": [portals.pk, loket.pk]}
    )

    assert response.status_code == 302
    portals.refresh_from_db()
    assert portals.merged_into == websites and portals.merged_by == world.office
    assert set(moved) <= set(ids(websites))
    assert all(
        a.assigned_by == world.office
        for a in ThemeAssignment.objects.filter(contribution_id__in=moved)
    )
    target = client.get(url("synthesis:theme-detail", websites)).content.decode()
    assert "“Portalen” hierin samengevoegd" in target
    merged = client.get(url("synthesis:theme-detail", portals)).content.decode()
    assert "Dit thema is samengevoegd in “Websites”" in merged
    assert websites.get_absolute_url() in merged
    assert f"/themas/{portals.pk}/naam" not in merged  # nothing to curate on a merged theme
    # A merged theme is no longer listed, nor offered as a place to merge or move to.
    listing = client.get(reverse("synthesis:theme-list", args=[world.programme.slug])).context
    assert portals.pk not in [r.theme.pk for r in listing["overview"].rows]
    again = client.post(url("synthesis:theme-rename", portals), {"label": "Terug"})
    assert again.status_code == 302 and again.url == portals.get_absolute_url()
    portals.refresh_from_db()
    assert portals.label == "Portalen"


def test_it_shows_merge_errors_on_the_form(world, client_for):
    websites = make_theme(world, "Websites")
    other = make_theme(world, "Overig", is_other=True)
    client = client_for(world.office)
    response = client.post(url("synthesis:theme-merge", websites), {})
    assert response.status_code == 400
    assert "Kies ten minste één thema om samen te voegen." in response.content.decode()
    # "Overig" is not offered, and a forged post of it is refused.
    assert other.pk not in [t.pk for t in response.context["merge_form"].fields["themes"].queryset]
    response = client.post(url("synthesis:theme-merge", websites), {"themes": [other.pk]})
    assert response.status_code == 400 and 'id="id_themes_error"' in response.content.decode()
    other.refresh_from_db()
    assert other.merged_into is None


def test_it_moves_ticked_contributions_to_another_theme(world, client_for):
    websites = make_theme(world, "Websites", 4)
    portals = make_theme(world, "Portalen", 1)
    chosen = ids(websites)[:2]
    client = client_for(world.office)

    response = client.post(
        url("synthesis:theme-move", websites), {"contributions": chosen, "target": portals.pk}
    )

    assert response.status_code == 302
    assert set(chosen) <= set(ids(portals))
    assert not set(chosen) & set(ids(websites))
    page = client.get(url("synthesis:theme-detail", portals)).content.decode()
    assert "2 bijdragen verplaatst naar “Portalen”" in page
    person = world.office.get_full_name() or world.office.username
    assert page.count(f"{person}, ") >= 2  # who placed each moved contribution


def test_it_splits_ticked_contributions_into_a_new_theme(world, client_for):
    websites = make_theme(world, "Websites", 4)
    chosen = ids(websites)[1:3]
    client = client_for(world.office)

    response = client.post(
        url("synthesis:theme-move", websites), {"contributions": chosen, "new_label": "Hulp"}
    )

    assert response.status_code == 302
    new = Theme.objects.get(label="Hulp")
    assert new.created_by == world.office and new.label_by == world.office
    assert ids(new) == chosen
    assert (
        "aangemaakt als “Hulp”" in client.get(url("synthesis:theme-detail", new)).content.decode()
    )


def test_it_keeps_the_ticks_and_says_what_is_wrong_with_a_move(world, client_for):
    websites = make_theme(world, "Websites", 3)
    portals = make_theme(world, "Portalen", 1)
    chosen = ids(websites)[:1]
    client = client_for(world.office)
    cases = [
        ({"target": portals.pk}, "Kies de inbreng die u wilt verplaatsen."),
        ({"contributions": chosen}, "Kies een thema, of geef hieronder een naam"),
        ({"contributions": chosen, "target": portals.pk, "new_label": "Apart"}, "niet allebei"),
        ({"contributions": ids(portals), "target": portals.pk}, "staat niet (meer) in dit thema"),
        ({"contributions": ["abc"], "target": portals.pk}, "Kies de inbreng met de vakjes"),
        ({"contributions": chosen, "target": websites.pk}, "Dat thema bestaat niet (meer)"),
    ]
    for data, message in cases:
        response = client.post(url("synthesis:theme-move", websites), data)
        assert response.status_code == 400, data
        page = response.content.decode()
        assert message in page, (data, message)
        if "contributions" in data and data["contributions"] == chosen:
            assert f'value="{chosen[0]}" id="inbreng-{chosen[0]}" checked' in page
    assert not ThemeAssignment.objects.by_people().exists()
    assert ids(websites) == sorted(ids(websites))


def test_it_records_the_common_thread_decision_and_gives_it_back(world, client_for):
    theme = make_theme(world, "Websites")
    client = client_for(world.office)
    page = client.get(url("synthesis:theme-detail", theme))
    assert page.context["thread_form"]["decision"].value() == "analyse"

    assert client.post(url("synthesis:theme-thread", theme), {"decision": "nee"}).status_code == 302
    theme.refresh_from_db()
    assert theme.common_thread_decision is False and theme.common_thread_by == world.office
    page = client.get(url("synthesis:theme-detail", theme)).content.decode()
    assert "besloten door" in page and "niet als rode draad gemarkeerd" in page

    assert client.post(url("synthesis:theme-thread", theme), {"decision": "ja"}).status_code == 302
    theme.refresh_from_db()
    assert theme.common_thread_decision is True
    listing = client.get(
        reverse("synthesis:theme-list", args=[world.programme.slug])
    ).content.decode()
    assert "rode draad</span>" in listing

    assert (
        client.post(url("synthesis:theme-thread", theme), {"decision": "analyse"}).status_code
        == 302
    )
    theme.refresh_from_db()
    assert theme.common_thread_decision is None and theme.common_thread_by is None
    assert (
        "rode draad aan de analyse overgelaten"
        in client.get(url("synthesis:theme-detail", theme)).content.decode()
    )

    response = client.post(url("synthesis:theme-thread", theme), {"decision": "misschien"})
    assert response.status_code == 400
    assert "Kies een van de mogelijkheden." in response.content.decode()


def test_it_refuses_a_common_thread_for_other(world, client_for):
    other = make_theme(world, "Overig", is_other=True)
    client = client_for(world.office)
    assert (
        f"/themas/{other.pk}/rode-draad"
        not in client.get(url("synthesis:theme-detail", other)).content.decode()
    )
    response = client.post(url("synthesis:theme-thread", other), {"decision": "ja"})
    assert response.status_code == 400
    assert "“Overig” kan geen rode draad zijn." in response.content.decode()


def test_it_shows_coverage_as_chart_and_table(world, client_for):
    from koers.organisations.tests.factories import FamilyFactory

    water = FamilyFactory(programme=world.programme, slug="water", name="Waterschappen")
    theme = make_theme(world, "Websites", 3)
    make_theme(world, "Dijken", 4, family=water)
    page = client_for(world.office).get(url("synthesis:theme-detail", theme)).content.decode()
    assert '<svg class="koers-chart__svg"' in page
    assert "Dekking van “Websites” per familie" in page
    # All of the municipalities' input is about websites, none of the water boards'.
    assert ">100&nbsp;%</td>" in page and ">0&nbsp;%</td>" in page


# -- the list and the pages' cost ---------------------------------------------------------------


def test_it_lists_themes_with_the_unassigned_count_and_the_latest_run(world, client_for):
    theme = make_theme(world, "Websites", 3)
    Contribution.objects.create(programme=world.programme, channel=Channel.EMAIL, text="Los")
    # Hidden input counts nowhere, whether it is in a theme or not.
    Contribution.objects.create(
        programme=world.programme, channel=Channel.EMAIL, text="Verborgen", is_hidden=True
    )
    Contribution.objects.filter(pk=theme.assignments.first().contribution_id).update(is_hidden=True)
    response = client_for(world.office).get(
        reverse("synthesis:theme-list", args=[world.programme.slug])
    )
    page = response.content.decode()
    assert "1 bijdrage is nog niet ingedeeld." in page
    assert "Laatste analyse" in page
    assert reverse("synthesis:synthesis-run-start", args=[world.programme.slug]) in page
    council = client_for(world.council_member).get(
        reverse("synthesis:theme-list", args=[world.programme.slug])
    )
    assert 'name="mode"' not in council.content.decode()


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_it_asks_the_same_number_of_queries_for_few_and_many(world, client_for):
    client = client_for(world.office)
    listing = reverse("synthesis:theme-list", args=[world.programme.slug])
    run = _run(world)
    small = make_theme(world, "Klein", 2, run=run)
    make_theme(world, "Tweede", 1, run=run)
    few_list, few_detail = (
        _queries(client, listing),
        _queries(client, url("synthesis:theme-detail", small)),
    )

    big = make_theme(world, "Groot", 45, run=run)
    for n in range(8):
        make_theme(world, f"Thema {n}", 2, run=run)
    # A theme with a long history and people's placements among the machine's.
    client.post(url("synthesis:theme-rename", big), {"label": "Groot en hernoemd"})
    client.post(url("synthesis:theme-thread", big), {"decision": "ja"})
    client.post(
        url("synthesis:theme-move", small), {"contributions": ids(small)[:1], "target": big.pk}
    )
    merged = make_theme(world, "Op te gaan", 2, run=run)
    client.post(url("synthesis:theme-merge", big), {"themes": [merged.pk]})

    assert _queries(client, listing) == few_list
    assert _queries(client, url("synthesis:theme-detail", big)) == few_detail
