from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.organisations.constants import SuccessionKind
from koers.organisations.models import Succession
from koers.organisations.tests.factories import FamilyFactory, OrganisationFactory

URL = "/api/v1/organisations"


@pytest.fixture
def organisations(db):
    orgs = [OrganisationFactory(code=f"gm{n:04d}", sort_name=f"g{n:04d}") for n in range(1, 31)]
    # Successions on every row, so that a query per row would show in the count.
    for predecessor, successor in zip(orgs, orgs[1:], strict=False):
        Succession.objects.create(
            predecessor=predecessor,
            successor=successor,
            date="2010-01-01",
            kind=SuccessionKind.RENAME,
        )
    return orgs


def links(response) -> dict[str, tuple[str, dict]]:
    """rel -> (path, query) from the Link header."""
    found = {}
    for part in response["Link"].split(", "):
        url, rel = part.split("; ")
        parts = urlsplit(url.strip("<>"))
        found[rel.removeprefix('rel="').removesuffix('"')] = (
            f"{parts.scheme}://{parts.netloc}{parts.path}",
            parse_qs(parts.query),
        )
    return found


def test_it_announces_pages_in_a_link_header(client, organisations):
    response = client.get(URL, {"pageSize": 10, "page": 2})
    body = response.json()
    assert [o["code"] for o in body["results"]] == [f"gm{n:04d}" for n in range(11, 21)]
    assert body["count"] == 30
    assert response["X-Total-Count"] == "30"
    here = "http://testserver/api/v1/organisations"
    assert links(response) == {
        "first": (here, {"pageSize": ["10"]}),
        "prev": (here, {"pageSize": ["10"]}),
        "next": (here, {"pageSize": ["10"], "page": ["3"]}),
        "last": (here, {"pageSize": ["10"], "page": ["3"]}),
    }
    assert body["next"].startswith(here)


def test_it_leaves_out_prev_and_next_at_the_ends(client, organisations):
    assert links(client.get(URL, {"pageSize": 10})).keys() == {"first", "next", "last"}
    assert links(client.get(URL, {"pageSize": 10, "page": "last"})).keys() == {
        "first",
        "prev",
        "last",
    }


def test_it_rejects_malformed_paging_and_answers_404_past_the_end(client, organisations):
    for params in [{"page": "0"}, {"page": "twee"}, {"pageSize": "0"}, {"pageSize": "501"}]:
        response = client.get(URL, params)
        assert response.status_code == 400, params
        assert [p["name"] for p in response.json()["invalidParams"]] == list(params)
    response = client.get(URL, {"page": 99})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("params", [{}, {"programme": "digitaal-2017", "family": "gemeenten"}])
def test_it_lists_organisations_in_a_constant_number_of_queries(client, organisations, params):
    FamilyFactory(programme__slug="digitaal-2017", slug="gemeenten")
    counts = []
    for size in (2, 25):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {**params, "pageSize": size})
        assert len(response.json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # count, page, successors, predecessors; and the programme and family behind a filter.
    assert counts[0] <= 6
