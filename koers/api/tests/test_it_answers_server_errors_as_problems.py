"""A fault in an API view answers as a problem (application/problem+json), with DEBUG on too,
and so do requests Django refuses before any view (a foreign Host header)."""

import logging

import pytest
from django.test import Client

from koers.consultation import api as consultation_api
from koers.synthesis import api as synthesis_api

from .test_it_answers_problems import assert_problem


def boom(*args, **kwargs):
    raise RuntimeError("database password is hunter2")


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "view, path",
    [
        (consultation_api.ContributionList, "/api/v1/programmes/digitaal-2017/contributions"),
        (synthesis_api.ThemeDetail, "/api/v1/programmes/digitaal-2017/themes/1"),
    ],
)
def test_it_answers_an_unhandled_exception_with_a_500_problem(
    world, settings, monkeypatch, caplog, debug, view, path
):
    settings.DEBUG = debug
    monkeypatch.setattr(view, "get", boom)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get(path)
    problem = assert_problem(response, 500)
    assert problem["title"] == "Internal Server Error"
    assert problem["detail"] == "Er ging iets mis aan onze kant."
    assert "hunter2" not in response.content.decode()
    # Still logged with its traceback, for the operator.
    assert any(r.exc_info and "hunter2" in str(r.exc_info[1]) for r in caplog.records)


def test_it_still_raises_in_the_test_client_so_tests_show_the_cause(world, monkeypatch):
    monkeypatch.setattr(consultation_api.ContributionList, "get", boom)
    with pytest.raises(RuntimeError, match="hunter2"):
        Client().get("/api/v1/programmes/digitaal-2017/contributions")


def test_it_answers_a_refused_host_with_a_400_problem(db, settings):
    settings.ALLOWED_HOSTS = ["koers.example.org"]
    response = Client(raise_request_exception=False).get(
        "/api/v1/organisations", headers={"host": "evil.example"}
    )
    assert_problem(response, 400)
    page = Client(raise_request_exception=False).get("/", headers={"host": "evil.example"})
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")
