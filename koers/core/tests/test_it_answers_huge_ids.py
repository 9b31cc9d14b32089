"""Every address with a number in it, given one too large for any database column (30 digits):
an answer, never a 500 (SQLite raises OverflowError past 2**63 - 1 when it reaches a query)."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

HUGE = "9" * 30


def patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def with_numbers() -> list[str]:
    found = []
    for pattern in patterns():
        if "<int:" not in pattern or pattern.startswith("^") or "(?P" in pattern:
            continue
        path = re.sub(r"<int:\w+>", HUGE, pattern)
        path = re.sub(r"<slug:\w+>", "digitaal-2017", path)
        path = re.sub(r"<uuid:\w+>", str(uuid.uuid4()), path)
        path = re.sub(r"<(?:str|path):\w+>", "x", path)
        found.append("/" + path)
    return sorted(set(found))


def test_it_finds_the_numbered_addresses():
    assert len(with_numbers()) > 30


@pytest.mark.parametrize("persona", ["office", "public"])
def test_it_answers_a_huge_number_in_every_address(world, persona):
    client = Client(raise_request_exception=False)
    if persona == "office":
        client.force_login(world.office)
    failures = []
    for path in with_numbers():
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {path}: {response.status_code}")
    assert not failures
