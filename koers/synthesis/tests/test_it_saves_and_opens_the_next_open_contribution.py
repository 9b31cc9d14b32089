""" "Opslaan en volgende" on a contribution's processing page: it saves, then opens the next open
contribution of the list the page was opened from (the contribution list with its filters, or the
open list), and returns to that list with a message when nothing is left open in it."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from ..constants import Outcome
from ..dispositions import dispose
from ..models import Disposition

pytestmark = pytest.mark.django_db

SLUG = "digitaal-2017"


def dispose_url(pk: int, list_url: str = "") -> str:
    url = reverse("synthesis:contribution-dispose", args=[SLUG, pk])
    return f"{url}?{urlencode({'lijst': list_url})}" if list_url else url


def save_and_next(client, url: str, outcome=Outcome.ADOPTED):
    return client.post(url, {"outcome": outcome, "reason": "Verwerkt.", "then": "next"})


def walk(client, url: str) -> tuple[list[int], str]:
    """Save and go on from `url` until the list comes back: the contributions processed in
    order, and the address the walk ended at."""
    done = []
    while "/inbreng/" in url:
        response = save_and_next(client, url)
        assert response.status_code == 302, response.content.decode()[:500]
        done.append(int(url.split("/inbreng/")[1].split("/")[0]))
        url = response["Location"]
        assert len(done) < 20
    return done, url


def test_it_works_through_the_open_input_of_a_filtered_list(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    # One of the theme is already processed: the walk passes it by.
    dispose(
        sorted_input.website_ids[2:3], Outcome.COVERED, "Al gedaan.", by=sorted_input.world.office
    )
    list_url = (
        reverse("consultation:contribution-list", args=[SLUG])
        + "?"
        + urlencode({"thema": sorted_input.websites.pk})
    )
    # The list offers to start with its first open contribution (the newest).
    content = client.get(list_url).content.decode()
    first = max(sorted_input.website_ids)
    start = dispose_url(first, list_url)
    assert f'href="{start}"' in content
    page = client.get(start).content.decode()
    assert "Opslaan en volgende" in page and "nog 5 open bijdragen in deze lijst" in page
    done, end = walk(client, start)
    # Newest first, as the list shows them; the hidden one and other themes are not visited.
    assert done == sorted(
        set(sorted_input.website_ids) - {sorted_input.website_ids[2]}, reverse=True
    )
    assert end == list_url
    response = client.get(end)
    assert "Er is geen open bijdrage meer in deze lijst." in response.content.decode()
    assert set(
        Disposition.objects.filter(reason="Verwerkt.").values_list("contribution_id", flat=True)
    ) == set(done)
    assert not Disposition.objects.filter(contribution_id__in=sorted_input.water_ids).exists()


def test_it_goes_on_after_the_current_one_and_then_from_the_top(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    list_url = (
        reverse("consultation:contribution-list", args=[SLUG])
        + "?thema="
        + str(sorted_input.water.pk)
    )
    newest, middle, oldest = sorted(sorted_input.water_ids, reverse=True)
    response = save_and_next(client, dispose_url(middle, list_url))
    assert response["Location"] == dispose_url(oldest, list_url)
    response = save_and_next(client, response["Location"])
    assert response["Location"] == dispose_url(newest, list_url)
    response = save_and_next(client, response["Location"])
    assert response["Location"] == list_url


def test_it_follows_the_open_list_and_its_family(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    open_url = reverse("synthesis:processing-open", args=[SLUG]) + "?familie=provincies"
    content = client.get(open_url).content.decode()
    provinces = sorted([*sorted_input.website_ids[4:], *sorted_input.water_ids], reverse=True)
    assert f'href="{dispose_url(provinces[0], open_url)}"' in content
    done, end = walk(client, dispose_url(provinces[0], open_url))
    assert done == provinces
    assert end == open_url


def test_it_saves_with_the_list_kept_and_ends_at_the_list_without_one(sorted_input, client_for):
    client = client_for(sorted_input.world.office)
    list_url = reverse("consultation:contribution-list", args=[SLUG]) + "?verwerking=open"
    url = dispose_url(sorted_input.loose_id, list_url)
    response = client.post(url, {"outcome": Outcome.OUT_OF_SCOPE, "reason": "Elders."})
    assert response["Location"] == url  # plain "Opslaan" stays, with its list
    # Opened without a list: all open input, and the whole list at the end.
    open_ids = [*sorted_input.website_ids, *sorted_input.water_ids]
    for pk in open_ids[1:]:
        dispose([pk], Outcome.ADOPTED, "Ja.", by=sorted_input.world.office)
    response = save_and_next(client, dispose_url(sorted_input.loose_id))
    assert response["Location"] == dispose_url(
        open_ids[0], reverse("consultation:contribution-list", args=[SLUG])
    )
    response = save_and_next(client, response["Location"])
    assert response["Location"] == reverse("consultation:contribution-list", args=[SLUG])


@pytest.mark.parametrize(
    "elsewhere",
    [
        "https://elders.example/programmas/digitaal-2017/inbreng",
        "//elders.example/programmas/digitaal-2017/inbreng",
        "/programmas/een-ander-programma/inbreng",
        "/programmas/digitaal-2017/themas",
        "/bestaat/niet",
        "programmas/digitaal-2017/inbreng",
    ],
)
def test_it_ignores_a_list_that_is_not_one(sorted_input, client_for, elsewhere):
    client = client_for(sorted_input.world.office)
    url = dispose_url(sorted_input.loose_id, elsewhere)
    page = client.get(url)
    assert page.status_code == 200 and "Terug naar de lijst" not in page.content.decode()
    response = save_and_next(client, url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/programmas/{SLUG}/inbreng/")


def test_it_refuses_who_may_not_decide(sorted_input, client_for):
    world = sorted_input.world
    url = dispose_url(sorted_input.loose_id, reverse("consultation:contribution-list", args=[SLUG]))
    page = client_for(world.council_member).get(url).content.decode()
    assert "Opslaan en volgende" not in page
    for persona in ("council_member", "coordinator", "contributor", "outsider"):
        response = save_and_next(client_for(getattr(world, persona)), url)
        assert response.status_code == 403, persona
    assert not Disposition.objects.exists()
