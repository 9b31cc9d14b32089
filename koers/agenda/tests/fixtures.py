"""An agenda with a draft whose consultation opened, and the next version made from it."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.drafting import services
from koers.organisations.tests.factories import FacilityFactory, FamilyFactory, OrganisationFactory
from koers.synthesis.models import Theme

from .. import services as versions
from ..models import AgendaVersion

DOCUMENT = """## Dienstverlening

Burgers kunnen in 2017 al hun zaken digitaal doen.

Andere kanalen blijven nodig.

## Voorzieningen

Sluit aan op MijnOverheid en DigiD.
"""


@dataclass
class Agenda:
    world: object
    provinces: object
    draft: AgendaVersion
    concept: AgendaVersion
    published: Contribution
    private: Contribution
    theme: Theme
    facility: object
    logius: object

    @property
    def programme(self):
        return self.world.programme


def build_structure(
    version, world, families, facility, organisation, *, steps=2, activities=1, summary=""
):
    """`steps` steps, each with `activities` main activities per family."""
    for s in range(steps):
        step = services.add_step(
            version, title=f"Stap {s}", description="Omschrijving.", summary=summary
        )
        for family in families:
            for a in range(activities):
                services.add_main_activity(
                    version,
                    step=step,
                    family=family,
                    title=f"Activiteit {s}.{a} {family.slug}",
                    deadline=datetime.date(2017, 12, 31),
                    intended_outcome="Alles digitaal.",
                    responsible=[organisation],
                    facilities=[facility],
                    summary=summary,
                )


@pytest.fixture
def agenda(shared_copy, world) -> Agenda:
    """The module's agenda (conftest.py, `module_data`), or a new one."""
    if shared_copy and shared_copy["agenda"]:
        return shared_copy["agenda"]
    return build_agenda(world)


def build_agenda(world) -> Agenda:
    provinces = FamilyFactory(
        programme=world.programme, slug="provincies", name="Provincies", position=1
    )
    facility = FacilityFactory(name="DigiD")
    logius = OrganisationFactory(code="oin-logius", official_name="Logius")
    draft = versions.create_version(world.programme, title="Voorzet", by=world.office)
    versions.import_markdown(draft, DOCUMENT)
    build_structure(draft, world, [world.family, provinces], facility, logius)
    versions.open_consultation(draft, opens_at=timezone.now() - datetime.timedelta(days=1))
    published = Contribution.objects.create(
        programme=world.programme,
        channel=Channel.REVIEWER,
        text="Meer aandacht voor <b>papier</b>.",
        publication=Publication.ANONYMOUS,
        family=world.family,
        published_text="Meer aandacht voor <b>papier</b>.",
        moderated_at=timezone.now(),
    )
    private = Contribution.objects.create(
        programme=world.programme,
        channel=Channel.IMPORT,
        text="Vertrouwelijk punt.",
        family=provinces,
    )
    theme = Theme.objects.create(programme=world.programme, label="Digitale inclusie")
    concept = services.make_concept(draft, by=world.office)
    return Agenda(world, provinces, draft, concept, published, private, theme, facility, logius)
