"""New version numbers and positions are max + 1: two writers at once must not take the same one.

Shown with real concurrent transactions, so only on PostgreSQL (SQLite takes its write lock when
a transaction begins, and the in-memory test database is one connection):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koers_concurrency \\
        python -m pytest koers/agenda/tests/test_it_numbers_without_collisions.py

Each test widens the race on purpose: the number is computed, then the writer waits before it
inserts. Without the lock on the parent row every writer computes the same number.
"""

import datetime
import threading
import time

import pytest
from django.db import connection

from koers.council import services as council
from koers.drafting import services

from .. import services as versions
from ..constants import VersionState
from ..models import AgendaVersion
from ..services import move_version

WRITERS = 4
PAUSE = 0.3  # seconds between computing the number and inserting the row

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
    ),
]


def slowed(function):
    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        time.sleep(PAUSE)
        return result

    return wrapper


def at_once(write) -> list[Exception]:
    """Run `write(i)` in WRITERS threads that start together; the errors they raised."""
    barrier = threading.Barrier(WRITERS)
    errors = []

    def run(i):
        try:
            barrier.wait()
            write(i)
        except Exception as error:  # noqa: BLE001 - what went wrong is the test's result
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_new_versions_get_distinct_numbers(world, monkeypatch):
    monkeypatch.setattr(versions, "next_version_number", slowed(versions.next_version_number))
    errors = at_once(lambda i: versions.create_version(world.programme, title=f"Voorzet {i}"))
    assert errors == []
    numbers = sorted(
        AgendaVersion.objects.filter(programme=world.programme).values_list("number", flat=True)
    )
    assert numbers == list(range(1, WRITERS + 1))


def test_new_sections_and_paragraphs_get_distinct_positions(world, monkeypatch):
    version = versions.create_version(world.programme, title="Voorzet")
    section = versions.add_section(version, title="Eerste")
    monkeypatch.setattr(versions, "next_position", slowed(versions.next_position))

    assert at_once(lambda i: versions.add_section(version, title=f"Hoofdstuk {i}")) == []
    positions = sorted(version.sections.values_list("position", flat=True))
    assert positions == list(range(WRITERS + 1))

    assert at_once(lambda i: versions.add_paragraph(section, text=f"Alinea {i}.")) == []
    positions = sorted(section.paragraphs.values_list("position", flat=True))
    assert positions == list(range(WRITERS))


def test_new_steps_main_activities_and_meeting_items_get_distinct_positions(world, monkeypatch):
    version = versions.create_version(world.programme, title="Voorzet")
    step = services.add_step(version, title="Stap")
    monkeypatch.setattr(services, "next_position", slowed(services.next_position))
    monkeypatch.setattr(council, "next_position", slowed(council.next_position))

    assert at_once(lambda i: services.add_step(version, title=f"Stap {i}")) == []
    assert sorted(version.steps.values_list("position", flat=True)) == list(range(WRITERS + 1))

    assert (
        at_once(
            lambda i: services.add_main_activity(
                version,
                step=step,
                family=world.family,
                title=f"Activiteit {i}",
                deadline=world.programme.deadline or datetime.date(2030, 1, 1),
            )
        )
        == []
    )
    positions = sorted(step.main_activities.values_list("position", flat=True))
    assert positions == list(range(WRITERS))

    move_version(version, VersionState.CONCEPT, by=world.office)
    version.refresh_from_db()
    meeting = council.plan_meeting(
        world.programme,
        version=version,
        title="Regieraad",
        starts_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    )
    assert at_once(lambda i: council.add_item(meeting, title=f"Punt {i}")) == []
    positions = sorted(meeting.items.values_list("position", flat=True))
    assert positions == list(range(WRITERS))
