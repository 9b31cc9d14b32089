"""A programme with a consultation whose right answer is known (see koers/text/tests/conftest.py):
three themes every family raises, one only the water boards raise, and a campaign letter."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from koers.conftest import add_to_module_data
from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.organisations.tests.factories import FamilyFactory
from koers.text.tests.conftest import FAMILIES, build_consultation

from .. import tally


@dataclass
class Consulted:
    world: object
    families: dict  # slug -> Family
    planted: dict  # contribution pk -> planted theme ("websites", "water", "campagne", ...)

    def ids(self, planted: str) -> list[int]:
        return sorted(pk for pk, theme in self.planted.items() if theme == planted)


@pytest.fixture(scope="module")
def consulted_once(request, module_data, django_db_blocker):
    """`consulted`, made once for a module whose every test starts from it (koers/conftest.py,
    `add_to_module_data`); each test still gets its own copy. None otherwise."""
    if add_to_module_data(request, module_data, django_db_blocker, "consulted", build_consulted):
        return module_data
    return None


@pytest.fixture
def consulted(consulted_once, shared_copy, world) -> Consulted:
    if shared_copy is not None and "consulted" in shared_copy:
        return shared_copy["consulted"]
    return make_consulted(world)


def build_consulted(module_data) -> Consulted:
    return make_consulted(module_data["world"])


def analysed_fixtures(analyse):
    """The `analysed` fixture of a module that analyses its consultation with `analyse` before
    each test: run once for the module when every test of it starts from the consultation
    (`add_to_module_data`), else for each test. Assign both to the module's names:

        analysed_in_module, analysed = analysed_fixtures(analyse)
    """

    @pytest.fixture(scope="module")
    def analysed_in_module(request, consulted_once, django_db_blocker) -> bool:
        if consulted_once is None:
            return False
        return add_to_module_data(
            request,
            consulted_once,
            django_db_blocker,
            "analysed",
            lambda d: analyse(d["consulted"]),
        )

    @pytest.fixture
    def analysed(analysed_in_module, consulted) -> Consulted:
        if not analysed_in_module:
            analyse(consulted)
        return consulted

    return analysed_in_module, analysed


def make_consulted(world) -> Consulted:
    families = {"gemeenten": world.family}
    for position, slug in enumerate(FAMILIES[1:], start=1):
        families[slug] = FamilyFactory(
            programme=world.programme, slug=slug, name=slug.capitalize(), position=position
        )
    rows = [r for r in build_consultation() if r[0]]
    now = timezone.now()
    made = Contribution.objects.bulk_create(
        Contribution(
            programme=world.programme,
            channel=Channel.IMPORT,
            text=text,
            family=families[family],
            submitted_at=now,
        )
        for text, family, _planted in rows
    )
    tally.recount(world.programme.pk)  # written in bulk, as an import counts it
    return Consulted(world, families, {c.pk: r[2] for c, r in zip(made, rows, strict=True)})


@dataclass
class Sorted:
    """A small programme whose input is already in themes (no analysis needed): "Websites" with
    six visible contributions (four of the municipalities, two of the provinces, two of them a
    campaign) and a hidden one, "Water" with three of the provinces, and one in no theme."""

    world: object
    provinces: object
    websites: object
    water: object
    campaign: object
    website_ids: list
    water_ids: list
    campaign_ids: list
    loose_id: int
    hidden_id: int


@pytest.fixture
def sorted_input(world) -> Sorted:
    from ..constants import RunMode, RunState
    from ..models import Campaign, SynthesisRun, Theme, ThemeAssignment

    programme = world.programme
    provinces = FamilyFactory(programme=programme, slug="provincies", name="Provincies", position=1)
    now = timezone.now()

    def made(family, text, **extra):
        return Contribution.objects.create(
            programme=programme,
            channel=Channel.IMPORT,
            text=text,
            family=family,
            submitted_at=now,
            **extra,
        )

    run = SynthesisRun.objects.create(programme=programme, mode=RunMode.FULL, state=RunState.DONE)
    websites = Theme.objects.create(programme=programme, label="Websites", proposed_by_run=run)
    water = Theme.objects.create(programme=programme, label="Water", proposed_by_run=run)
    site = [made(world.family, f"Websites moeten toegankelijk zijn ({n})") for n in range(4)]
    site += [made(provinces, f"Provinciale websites verbeteren ({n})") for n in range(2)]
    hidden = made(world.family, "Verborgen tekst", is_hidden=True)
    wet = [made(provinces, f"Waterbeheer digitaal ({n})") for n in range(3)]
    loose = made(world.family, "Iets heel anders")
    campaign = Campaign.objects.create(
        programme=programme, run=run, number=1, representative=site[0], text=site[0].text, size=2
    )
    for contribution in [*site, hidden]:
        ThemeAssignment.objects.create(
            contribution=contribution,
            theme=websites,
            run=run,
            assigned_at=now,
            campaign=campaign if contribution in site[:2] else None,
        )
    for contribution in wet:
        ThemeAssignment.objects.create(
            contribution=contribution, theme=water, run=run, assigned_at=now
        )
    return Sorted(
        world,
        provinces,
        websites,
        water,
        campaign,
        [c.pk for c in site],
        [c.pk for c in wet],
        [c.pk for c in site[:2]],
        loose.pk,
        hidden.pk,
    )
