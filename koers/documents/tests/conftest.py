"""A small programme whose response report is known by heart.

Two families; a concept version with a chapter, two paragraphs, a step and a main activity per
family; two themes (websites: a common thread by decision; water); five contributions:

  c1 Gemeenten  websites  published with name, a letter with salutation and signature
  c2 Gemeenten  websites  NOT published
  c3 Provincies websites  published without name
  c4 Provincies water     NOT published
  c5 Gemeenten  (no theme), published

Dispositions: c1 and c2 adopted in bulk via the websites theme (one reason); c3 partly adopted
on its own; c4 and c5 not yet. The trace: adding the step cites the websites theme; a change
to paragraph 2 cites c4; the removal of an old paragraph cites c3.
"""

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.utils import timezone

from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution, Reviewer
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change
from koers.organisations.tests.factories import FacilityFactory, FamilyFactory
from koers.synthesis.constants import Outcome
from koers.synthesis.models import Disposition, Theme, ThemeAssignment

LETTER = (
    "Geachte heer,\n\n"
    "Alle websites van gemeenten moeten toegankelijk zijn voor iedereen.\n\n"
    "Met vriendelijke groet,\nJan Jansen"
)
SECRET = "Vertrouwelijk: onze website is nog lang niet toegankelijk."
BULK_REASON = "De toegankelijkheid van websites staat nu in stap 1."
OWN_REASON = "Provincies krijgen een eigen termijn."


@dataclass
class Example:
    world: object
    version: AgendaVersion
    provinces: object
    websites: Theme
    water: Theme
    contributions: dict
    step: Step
    paragraphs: list
    reviewer: Reviewer


def make_version(programme, number=1, state=VersionState.CONCEPT, title="Agenda 2030"):
    version = AgendaVersion.objects.create(
        programme=programme,
        number=number,
        title=title,
        introduction="Deze agenda zegt **wat** we samen doen.\n\n- eerst dit\n- dan dat",
    )
    # Straight to the state: no move, so no signal and no mail in the fixture.
    AgendaVersion.objects.filter(pk=version.pk).update(state=state)
    version.refresh_from_db()
    return version


@pytest.fixture
def example(world) -> Example:
    return build_example(world)


def build_example(world) -> Example:
    """The example in `world` (anything with programme, family, organisation, office, reviewer)."""
    programme = world.programme
    provinces = FamilyFactory(programme=programme, slug="provincies", name="Provincies", position=1)
    version = make_version(programme, state=VersionState.DRAFT)
    section = Section.objects.create(version=version, position=0, title="Dienstverlening")
    paragraphs = [
        Paragraph.objects.create(version=version, section=section, position=n, text=text)
        for n, text in enumerate(
            ["Iedereen kan digitaal zaken doen.", "Websites zijn toegankelijk."]
        )
    ]
    step = Step.objects.create(
        version=version,
        position=0,
        title="Toegankelijke websites",
        description="Elke overheid maakt haar websites toegankelijk.",
    )
    facility = FacilityFactory(name="DigiD")
    for family in (world.family, provinces):
        activity = MainActivity.objects.create(
            version=version,
            step=step,
            family=family,
            title=f"Websites toetsen ({family.name})",
            description="Toets alle websites.",
            intended_outcome="Alle websites voldoen.",
            deadline=datetime.date(2029, 6, 30),
        )
        activity.responsible.add(world.organisation)
        activity.facilities.add(facility)
    websites = Theme.objects.create(
        programme=programme, label="Toegankelijke websites", common_thread_decision=True
    )
    water = Theme.objects.create(programme=programme, label="Waterbeheer")
    reviewer = Reviewer.objects.create(
        programme=programme,
        user=world.reviewer,
        email="meelezer@example.org",
        name="Mees Lezer",
        consent_text="Ik doe mee.",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    now = timezone.now()

    def contribution(key, family, text, publication, theme, **extra):
        # Reactions the office approved, so published as far as consent goes.
        c = Contribution.objects.create(
            programme=programme,
            version=version,
            channel=Channel.REVIEWER,
            family=family,
            text=text,
            publication=publication,
            published_text=text,
            moderated_at=now,
            **extra,
        )
        if theme is not None:
            ThemeAssignment.objects.create(contribution=c, theme=theme, assigned_at=now)
        return key, c

    contributions = dict(
        [
            contribution(
                "c1",
                world.family,
                LETTER,
                Publication.NAMED,
                websites,
                author_name="Jan Jansen",
                reviewer=reviewer,
            ),
            contribution("c2", world.family, SECRET, Publication.NONE, websites),
            contribution(
                "c3",
                provinces,
                "Provincies willen meer tijd voor hun websites.",
                Publication.ANONYMOUS,
                websites,
                reviewer=reviewer,
            ),
            contribution(
                "c4", provinces, "Het waterschap mist in de agenda.", Publication.NONE, water
            ),
            contribution("c5", world.family, "Iets heel anders.", Publication.NAMED, None),
        ]
    )
    for key in ("c1", "c2"):
        Disposition.objects.create(
            contribution=contributions[key],
            outcome=Outcome.ADOPTED,
            reason=BULK_REASON,
            decided_by=world.office,
            decided_at=now,
            via_theme=websites,
        )
    Disposition.objects.create(
        contribution=contributions["c3"],
        outcome=Outcome.PARTLY,
        reason=OWN_REASON,
        decided_by=world.office,
        decided_at=now,
    )
    added = Change.objects.create(
        version=version,
        kind=ItemKind.STEP,
        anchor=step.anchor,
        action=ChangeAction.ADDED,
        summary="Stap toegevoegd.",
        made_by=world.office,
    )
    added.themes.add(websites)
    changed = Change.objects.create(
        version=version,
        kind=ItemKind.PARAGRAPH,
        anchor=paragraphs[1].anchor,
        action=ChangeAction.CHANGED,
        summary="Water genoemd.",
        made_by=world.office,
    )
    changed.contributions.add(contributions["c4"])
    removed = Change.objects.create(
        version=version,
        kind=ItemKind.PARAGRAPH,
        anchor=uuid.uuid4(),
        action=ChangeAction.REMOVED,
        summary="Oude alinea weg.",
        made_by=world.office,
    )
    removed.contributions.add(contributions["c3"])
    AgendaVersion.objects.filter(pk=version.pk).update(state=VersionState.CONCEPT)
    version.refresh_from_db()
    return Example(
        world, version, provinces, websites, water, contributions, step, paragraphs, reviewer
    )
