import re

from django.conf import settings

HTTP_METHODS = {"get", "put", "post", "patch", "delete"}


def test_it_serves_a_parseable_openapi_3_document(client, db):
    response = client.get("/api/v1/openapi.json", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == settings.API_VERSION
    assert set(document["info"]["contact"]) >= {"name", "email", "url"}
    assert any(server["url"].endswith("/api/v1") for server in document["servers"])


def test_it_documents_kebab_case_paths_without_trailing_slashes(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/programmes",
        "/programmes/{slug}",
        "/programmes/{slug}/families",
        "/programmes/{slug}/families/{familySlug}",
        "/organisations",
        "/organisations/{code}",
        "/organisations/{code}/facility-adoptions",
        "/facilities",
        "/facilities/{slug}",
    } <= set(paths)
    for path in paths:
        assert re.fullmatch(r"(/([a-z0-9-]+|\{[A-Za-z]+\}))+", path), path


def test_it_documents_headers_and_problems_on_every_operation(client, db):
    document = client.get("/api/v1/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation["responses"]
            assert "API-Version" in responses["200"]["headers"], path
            if "{" not in path:
                assert "Link" in responses["200"]["headers"], path
            assert responses["400"] == {"$ref": "#/components/responses/BadRequest"}
            for parameter in operation["parameters"]:
                if parameter["in"] == "query":
                    assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", parameter["name"]), parameter
    problem = document["components"]["responses"]["BadRequest"]["content"]
    assert set(problem) == {"application/problem+json"}
