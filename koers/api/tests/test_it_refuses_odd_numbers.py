"""Numbers in API queries and paths: other scripts' digits and values too large for the database
answer 400 (or 404 for an object that cannot exist) as a problem, never a 500."""

import pytest

from .test_it_answers_problems import assert_problem

HUGE = "9" * 30  # past 2**63 - 1: SQLite raises OverflowError on it


@pytest.mark.parametrize(
    "query, name",
    [
        ({"page": "²"}, "page"),
        ({"page": "٣"}, "page"),
        ({"page": ""}, "page"),
        ({"page": HUGE}, "page"),
        ({"pageSize": "٣"}, "pageSize"),
        ({"pageSize": "²"}, "pageSize"),
        ({"pageSize": "0"}, "pageSize"),
        ({"pageSize": "-1"}, "pageSize"),
        ({"pageSize": ""}, "pageSize"),
        ({"pageSize": "10.0"}, "pageSize"),
        ({"family": "¹"}, "family"),
        ({"family": HUGE}, "family"),
    ],
)
def test_it_refuses_odd_paging_and_filters_on_organisations(client, world, query, name):
    problem = assert_problem(client.get("/api/v1/organisations", query), 400)
    assert [p["name"] for p in problem["invalidParams"]] == [name]


@pytest.mark.parametrize("theme", ["²", "٣", HUGE, str(2**63), "0", "-5", "7.0", " 7"])
def test_it_refuses_odd_theme_ids_on_dispositions(client, world, theme):
    path = "/api/v1/programmes/digitaal-2017/dispositions"
    problem = assert_problem(client.get(path, {"theme": theme}), 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["theme"]


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/programmes/digitaal-2017/versions/{HUGE}",
        f"/api/v1/programmes/digitaal-2017/versions/{HUGE}/steps",
        f"/api/v1/programmes/digitaal-2017/versions/{HUGE}/changes",
        f"/api/v1/programmes/digitaal-2017/themes/{HUGE}",
        f"/api/v1/programmes/digitaal-2017/council-meetings/{HUGE}",
        "/api/v1/programmes/digitaal-2017/themes/²",
    ],
)
def test_it_answers_404_for_ids_that_cannot_exist(client, world, path):
    assert_problem(client.get(path), 404)


def test_it_still_pages_with_plain_numbers(client, world):
    response = client.get("/api/v1/organisations", {"page": "1", "pageSize": "500"})
    assert response.status_code == 200
