"""The tests of a module share one world, made once (koers/conftest.py, `module_data`), yet what
one test writes or changes never reaches the next."""

import pytest

from koers.organisations.models import Family, Programme

pytestmark = pytest.mark.django_db

seen = []


def test_it_lets_a_test_change_the_world(world, agenda):
    seen.append((world.programme.pk, agenda.concept.pk))
    world.programme.name = "Gewijzigd"
    world.programme.save()
    agenda.concept.title = "Gewijzigd"
    Family.objects.create(programme=world.programme, slug="waterschappen", name="Waterschappen")
    assert agenda.world is world


def test_the_next_test_gets_the_world_as_it_was_made(world, agenda):
    seen.append((world.programme.pk, agenda.concept.pk))
    assert world.programme.name == "Digitaal 2017"
    assert Programme.objects.get(pk=world.programme.pk).name == "Digitaal 2017"
    assert agenda.concept.title != "Gewijzigd"
    assert not Family.objects.filter(slug="waterschappen").exists()
    # The same rows: made once for the module, not again for this test.
    assert seen[0] == seen[1]
