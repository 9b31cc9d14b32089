"""A programme with a consultation whose right answer is known (see koers/text/tests/conftest.py):
three themes every family raises, one only the water boards raise, and a campaign letter."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.organisations.tests.factories import FamilyFactory
from koers.text.tests.conftest import FAMILIES, build_consultation


@dataclass
class Consulted:
    world: object
    families: dict  # slug -> Family
    planted: dict  # contribution pk -> planted theme ("websites", "water", "campagne", ...)

    def ids(self, planted: str) -> list[int]:
        return sorted(pk for pk, theme in self.planted.items() if theme == planted)


@pytest.fixture
def consulted(world) -> Consulted:
    families = {"gemeenten": world.family}
    for position, slug in enumerate(FAMILIES[1:], start=1):
        families[slug] = FamilyFactory(
            programme=world.programme, slug=slug, name=slug.capitalize(), position=position
        )
    rows = [r for r in build_consultation() if r[0]]
    now = timezone.now()
    made = Contribution.objects.bulk_create(
        Contribution(programme=world.programme, channel=Channel.IMPORT, text=text,
                     family=families[family], submitted_at=now)
        for text, family, _planted in rows
    )  # fmt: skip
    return Consulted(world, families, {c.pk: r[2] for c, r in zip(made, rows, strict=True)})
