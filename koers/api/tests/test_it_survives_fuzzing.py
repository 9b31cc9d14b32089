"""Schemathesis runs every operation of /api/v1/openapi.json against the WSGI application.

Each operation gets schema-valid requests (positive) and schema-violating ones (negative), both
with generated path parameters and with those of real objects, so the requests reach the views
and not only the 404. It asserts 0 server errors, 0 responses that break the document (status,
content type, headers, body) and 0 schema-violating requests accepted (negative data must be a
4xx). Bounded and derandomised: the same cases on every run, well under a minute on two cores.

Run only this: `pytest -m api_fuzz`. FUZZ_EXAMPLES=50 explores more (and the report counts).
"""

import datetime
import os
import time
from collections import Counter

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from koers.agenda import services as agenda_services
from koers.agenda.constants import VersionState
from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.council import services as council
from koers.council.constants import Decision
from koers.elaboration.models import Commitment
from koers.synthesis.constants import Outcome, RunMode, RunState
from koers.synthesis.dispositions import dispose
from koers.synthesis.models import Campaign, SynthesisRun, ThemeAssignment

pytestmark = [pytest.mark.api_fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def published(agenda, settings):  # noqa: F811
    """A public programme with every kind of object the API shows: versions with steps and a
    trace, contributions, a theme with a campaign and a disposition, a council meeting with a
    decision, and a commitment."""
    settings.ALLOWED_HOSTS = ["*"]
    world = agenda.world
    programme = agenda.programme
    programme.is_public = True
    programme.save()
    agenda_services.move_version(agenda.concept, VersionState.CONCEPT, by=world.office)
    agenda.concept.refresh_from_db()
    meeting = council.plan_meeting(
        programme,
        version=agenda.concept,
        title="Regieraad juni",
        location="Den Haag",
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    section = agenda.concept.sections.order_by("position").first()
    item = council.add_item(meeting, section=section)
    council.decide_item(item, decision=Decision.AGREE, minutes="Akkoord.", by=world.council_member)
    letters = [
        Contribution.objects.create(
            programme=programme,
            channel=Channel.IMPORT,
            text="Zelfde brief.",
            publication=Publication.ANONYMOUS,
            family=world.family,
            organisation=world.organisation,
        )
        for _ in range(3)
    ]
    run = SynthesisRun.objects.create(programme=programme, mode=RunMode.FULL, state=RunState.DONE)
    campaign = Campaign.objects.create(
        programme=programme,
        run=run,
        number=1,
        representative=letters[0],
        text="Zelfde brief.",
        size=3,
    )
    for letter in [*letters, agenda.published]:
        ThemeAssignment.objects.create(
            contribution=letter,
            theme=agenda.theme,
            run=run,
            assigned_at=timezone.now(),
            campaign=campaign if letter in letters else None,
        )
    dispose([agenda.published.pk], Outcome.ADOPTED, "Staat erin.", by=world.office)
    Commitment.objects.create(
        organisation=world.organisation,
        programme=programme,
        title="DigiD overal",
        what="Alle diensten met DigiD.",
        owner="CIO",
    )
    return {
        "slug": programme.slug,
        "familySlug": world.family.slug,
        "code": world.organisation.code,
        "number": agenda.concept.number,
        "id": agenda.theme.pk,
        "meeting": meeting.pk,
        "facility": agenda.facility.slug,
    }


@pytest.fixture
def wsgi_app():
    """The application as a server runs it, minus closing the database connection after each
    request (what Django's own test client leaves out too): that would end the test's
    transaction on PostgreSQL."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def real_path_parameters(operation, known: dict) -> dict:
    """The parameters of a real object for this operation's path."""
    path = operation.path
    wanted = {}
    for name in ("slug", "familySlug", "code", "number", "id"):
        if "{" + name + "}" in path:
            wanted[name] = known[name]
    if path.startswith("/facilities/"):
        wanted["slug"] = known["facility"]
    if "council-meetings/{id}" in path:
        wanted["id"] = known["meeting"]
    return wanted


def nothing_to_break(operation, path_parameters: dict) -> bool:
    """Whether no request to this operation can violate the document: no query parameter, header
    or body, and every path parameter fixed or a string of any form (every path segment is one).

    Hypothesis would try a thousand times to draw a violation before it gives up (Unsatisfiable):
    seconds for each such operation, without a single request."""
    if list(operation.query) or list(operation.headers) or list(operation.body):
        return False
    return all(
        parameter.name in path_parameters
        or parameter.definition.get("schema") == {"type": "string"}
        for parameter in operation.path_parameters
    )


def fuzz(operation, mode, path_parameters, cases: Counter, statuses: Counter) -> None:
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters or None)

    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate, hypothesis.Phase.shrink],
    )
    @hypothesis.given(case=strategy)
    def run(case):
        response = case.call()
        cases[(operation.label, mode.value)] += 1
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    run()


def test_it_survives_fuzzing_of_every_operation(published, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    cases: Counter = Counter()
    statuses: Counter = Counter()
    failures = []
    unbreakable = set()
    started = time.monotonic()
    for operation in operations:
        variants = [{}, real_path_parameters(operation, published)]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for path_parameters in variants if operation.path_parameters else [{}]:
                if mode == GenerationMode.NEGATIVE and nothing_to_break(operation, path_parameters):
                    unbreakable.add(operation.label)
                    continue
                try:
                    fuzz(operation, mode, path_parameters, cases, statuses)
                except hypothesis.errors.Unsatisfiable:
                    # Nothing to break: only free-form path strings, or every parameter fixed.
                    assert mode == GenerationMode.NEGATIVE, operation.label
                    unbreakable.add(operation.label)
                except Exception as failure:  # every operation's failure, not only the first
                    failures.append(f"{operation.label} ({mode.value}): {failure}")

    total = sum(cases.values())
    print(
        f"\nSchemathesis {schemathesis.__version__}: {total} cases "
        f"({sum(n for (_, mode), n in cases.items() if mode == 'negative')} negative) over "
        f"{len(operations)} operations in {time.monotonic() - started:.1f} s; "
        f"statuses {dict(sorted(statuses.items()))}; no negative data possible for "
        f"{len(unbreakable)} operations"
    )
    assert not failures, "\n\n".join(failures)
    assert statuses[500] == 0
    # Both kinds really ran for every operation.
    assert {label for label, _ in cases} == {op.label for op in operations}


def test_it_refuses_every_empty_query_parameter_the_document_forbids(published, client):
    """An empty value (`?q=`, `?page=`) breaks minLength, minimum or the type of every query
    parameter the document declares; each must be a 400 that names it, not a silent default."""
    document = client.get("/api/v1/openapi.json").json()
    tried = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            url = "/api/v1" + path
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    known = {"id": published["id"], "slug": published["slug"]}
                    if path.startswith("/facilities/"):
                        known["slug"] = published["facility"]
                    if "council:council-meetings" in path:
                        known["id"] = published["meeting"]
                    value = known.get(parameter["name"], published.get(parameter["name"]))
                    url = url.replace("{" + parameter["name"] + "}", str(value))
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "query":
                    continue
                response = getattr(client, method)(url, {parameter["name"]: ""})
                assert response.status_code == 400, (url, parameter["name"])
                names = [p["name"] for p in response.json()["invalidParams"]]
                assert names == [parameter["name"]], (url, names)
                tried += 1
    assert tried >= 40
