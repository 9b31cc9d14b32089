import pytest
from django.conf import settings

PROBLEM = "application/problem+json"


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status
    assert problem["type"] == "about:blank"
    assert problem["title"] and problem["detail"]
    return problem


def test_it_answers_an_unknown_object_with_a_problem(client, db):
    problem = assert_problem(client.get("/api/v1/organisations/gm9999"), 404)
    assert problem["title"] == "Not Found"
    assert problem["detail"] == "Niet gevonden."  # not Django's message, which names the model
    assert problem["instance"] == "/api/v1/organisations/gm9999"
    assert_problem(client.get("/api/v1/programmes/onbekend/families"), 404)
    assert_problem(client.get("/api/v1/organisations/gm9999/facility-adoptions"), 404)


def test_it_answers_a_trailing_slash_with_404_not_a_redirect(client, world):
    assert client.get("/api/v1/organisations/gm0344").status_code == 200
    assert_problem(client.get("/api/v1/organisations/"), 404)
    assert_problem(client.get("/api/v1/organisations/gm0344/"), 404)


@pytest.mark.parametrize(
    "path", ["/api/v1/onbekend", "/api/v1/", "/api/v1", "/api/v2/organisations"]
)
def test_it_answers_unknown_routes_with_a_problem(client, db, path):
    assert_problem(client.get(path), 404)


def test_it_leaves_unknown_pages_outside_the_api_alone(client, db):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_it_refuses_writes_with_405(client, world):
    response = client.post("/api/v1/organisations", {}, content_type="application/json")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]
    assert_problem(client.delete("/api/v1/organisations/gm0344"), 405)


def test_it_hides_the_cause_of_a_server_error(client, db, monkeypatch):
    from koers.organisations import api

    def boom(*args, **kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(api.FacilityViewSet, "list", boom)
    client.raise_request_exception = False
    response = client.get("/api/v1/facilities")
    problem = assert_problem(response, 500)
    assert "hunter2" not in response.content.decode()
    assert problem["title"] == "Internal Server Error"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations",
        "/api/v1/organisations/gm0344",
        "/api/v1/organisations/gm9999",
        "/api/v1/organisations?validOn=gisteren",
        "/api/v1/onbekend",
        "/api/v1/openapi.json",
    ],
)
def test_it_sends_the_full_version_on_every_response(client, world, path):
    response = client.get(path)
    assert response["API-Version"] == settings.API_VERSION == "1.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "API-Version" in response["Access-Control-Expose-Headers"]


def test_it_sends_no_api_headers_on_pages(client, db):
    assert "API-Version" not in client.get("/organisaties")
