import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.core.paging import CappedPaginator

from ..constants import Channel
from ..models import Contribution

MOMENT = timezone.make_aware(datetime.datetime(2016, 5, 1, 12))


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr("koers.consultation.views.contributions.PAGE_SIZE", 5)
    monkeypatch.setattr(CappedPaginator, "cap", 10)


def contribute(world, n, start=0, minutes=None):
    """n contributions, two by two at the same moment so that ties need the id to order."""
    return [
        Contribution.objects.create(
            programme=world.programme,
            channel=Channel.IMPORT,
            text=f"Bijdrage {start + i}",
            organisation=world.organisation,
            family=world.family,
            submitted_at=MOMENT - datetime.timedelta(minutes=minutes or (start + i) // 2),
        )
        for i in range(n)
    ]


def link(response, rel):
    found = re.search(rf'rel="{rel}" href="([^"]+)"', response.content.decode())
    return html.unescape(found[1]) if found else None


def walk(client, url, rel="next", first=None, between=None):
    """The ids on each page following `rel` links from `first` (the list itself by default)."""
    pages = []
    response = client.get(url + (first or ""))
    while True:
        assert response.status_code == 200
        pages.append([c.pk for c in response.context["page"].object_list])
        if between:
            between(len(pages))
        following = link(response, rel)
        if following is None:
            return pages
        response = client.get(url + following)


def newest_first(world):
    return list(
        Contribution.objects.filter(programme=world.programme)
        .order_by("-submitted_at", "-pk")
        .values_list("pk", flat=True)
    )


def test_it_reaches_every_contribution_once_forward_and_back(world, client_for):
    contribute(world, 23)
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    pages = walk(client, url)
    assert [pk for page in pages for pk in page] == newest_first(world)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    last = client.get(url, {"pagina": 5})
    assert [c.pk for c in last.context["page"].object_list] == pages[-1]
    back = walk(client, url, rel="prev", first=link(client.get(url + link(last, "prev")), "next"))
    assert back == pages[::-1]


def test_it_neither_repeats_nor_skips_when_input_arrives_while_reading(world, client_for):
    contribute(world, 23)
    before = newest_first(world)
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    added = []

    def arrive(page_number):
        # Newer input, and input at the very moment of rows already shown.
        added.extend(contribute(world, 2, start=100 + page_number, minutes=-page_number))
        added.extend(contribute(world, 1, start=200 + page_number, minutes=page_number))

    seen = [pk for page in walk(client, url, between=arrive) for pk in page]
    assert len(seen) == len(set(seen)), "a row was shown twice"
    assert set(before) <= set(seen), "a row that was there from the start was skipped"


def test_it_says_more_than_the_cap_instead_of_counting_everything(world, client_for):
    contribute(world, 23)
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    first = client.get(url)
    text = first.content.decode()
    assert "Meer dan 10 bijdragen gevonden." in text
    assert "Pagina 1</li>" in text and "Pagina 1 van" not in text
    # Asked for page 4 by number, it counts to the page after that: all 23, exactly.
    deep = client.get(url, {"pagina": 4}).content.decode()
    assert "23 bijdragen gevonden." in deep and "Pagina 4 van 5" in deep
    # A page past the end shows the last page, as before.
    assert client.get(url, {"pagina": 99}).context["page"].number == 5


@pytest.mark.parametrize("cursor", ["na=x", "na=99999999999999999999-1", "voor=-1-2", "na=1-0"])
def test_it_reads_a_broken_link_as_the_first_page(world, client_for, cursor):
    contribute(world, 7)
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    response = client.get(f"{url}?{cursor}")
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"].object_list] == newest_first(world)[:5]


def test_it_asks_the_same_queries_at_any_size_and_depth(world, client_for):
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])

    def counts():
        result = []
        response = client.get(url)
        for query in ("", link(response, "next"), "?pagina=3"):
            with CaptureQueriesContext(connection) as queries:
                client.get(url + query)
            result.append(len(queries))
        return result

    contribute(world, 16)
    small = counts()
    contribute(world, 60, start=16)
    assert counts() == small
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"zoek": "bijdrage", "familie": world.family.pk})
    searched = len(queries)
    contribute(world, 20, start=76)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"zoek": "bijdrage", "familie": world.family.pk})
    assert len(queries) == searched


@pytest.mark.parametrize("rows, queries, count", [(3, 1, 3), (5, 1, 5), (7, 2, 7)])
def test_a_first_page_that_is_not_full_is_its_own_count(world, rows, queries, count):
    # Where few rows match, the database may read every row to find them: reading the first
    # page before counting saves the second pass whenever that page is not full.
    contribute(world, rows)
    paginator = CappedPaginator(Contribution.objects.order_by("-submitted_at", "-pk"), 5)
    with CaptureQueriesContext(connection) as captured:
        page = paginator.get_page(None)
        assert paginator.count == count
    assert len(captured) == queries
    assert [c.text for c in page.object_list] == [
        c.text for c in Contribution.objects.order_by("-submitted_at", "-pk")[:5]
    ]
    assert page.has_next() == (rows > 5)


@pytest.mark.parametrize("rows, number", [(0, 1), (3, 1), (23, 5)])
def test_a_last_page_asked_by_number_is_its_own_count(world, client_for, rows, number):
    # What is before the last page and on it is all there is: a search that finds little (the
    # database may read every row to find it) is not done a second time to count.
    contribute(world, rows)
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"pagina": number})
    assert response.context["page"].count_only() == rows
    assert f"{rows} bijdragen gevonden." in response.content.decode()
    assert not [q for q in captured.captured_queries if "COUNT(*)" in q["sql"]]


def test_a_page_of_a_search_is_read_whole_without_searching_again(world, client_for):
    # The ids of the page are found by the search; its rows are then read by id among what the
    # reader may read, not with the search again (a third pass over the matches, after the
    # page's ids and the count).
    contribute(world, 23)
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"zoek": "bijdrage"})
    assert len(response.context["page"].object_list) == 5
    searches = [q for q in captured.captured_queries if re.search("MATCH|tsquery", q["sql"])]
    assert len(searches) == 2  # the page's ids, and the count
