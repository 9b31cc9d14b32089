"""The agenda document of a version: title page, contents, introduction, the text, the
government-wide steps and a chapter per family with its main activities.

Reproducible: everything comes from the version itself, in a stable order, and the date on the
title page is the version's own (adopted, or when it became a concept), never "now".
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Step
from koers.organisations.models import Family


def item_fragment(kind: str, anchor) -> str:
    """The id of an item in the agenda document (see documents/agenda_document/_body.html)."""
    prefix = {
        ItemKind.SECTION: "hoofdstuk",
        ItemKind.PARAGRAPH: "alinea",
        ItemKind.STEP: "stap",
        ItemKind.MAIN_ACTIVITY: "activiteit",
    }.get(kind, "onderdeel")
    return f"{prefix}-{str(anchor)[:8]}"


@dataclass
class Chapter:
    """A numbered chapter, as the table of contents lists it."""

    number: int
    title: str
    anchor: str


@dataclass
class FamilyChapter:
    chapter: Chapter
    family: Family
    activities: list[MainActivity]


@dataclass
class AgendaDocument:
    programme: object
    version: AgendaVersion
    date: object  # a date, or None when the version has none yet
    sections: list  # Section, with .chapter and .numbered_paragraphs
    steps: list[Step]
    families: list[FamilyChapter]
    steps_chapter: Chapter | None = None
    contents: list[Chapter] = field(default_factory=list)


def version_date(version: AgendaVersion):
    """The date that belongs on the version: adopted, became a concept, or was made.

    The day in Amsterdam (TIME_ZONE): a version adopted at 00:30 there was adopted on that day,
    while in UTC it is still the day before."""
    if version.adopted_at:
        return timezone.localdate(version.adopted_at)
    if version.state == VersionState.CONCEPT:
        record = version.history.filter(state=VersionState.CONCEPT).order_by("history_date").first()
        if record:
            return timezone.localdate(record.history_date)
    return timezone.localdate(version.created_at) if version.created_at else None


def build_agenda_document(version: AgendaVersion) -> AgendaDocument:
    programme = version.programme
    sections = list(
        version.sections.prefetch_related(
            Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position", "pk"))
        ).order_by("position", "pk")
    )
    steps = list(Step.objects.filter(version=version).order_by("position", "pk"))
    activities = list(
        MainActivity.objects.filter(version=version)
        .select_related("step")
        .prefetch_related("responsible", "facilities")
        .order_by("family__position", "family__name", "step__position", "position", "pk")
    )
    families = list(programme.families.order_by("position", "name", "pk"))

    contents: list[Chapter] = []
    for section in sections:
        section.chapter = Chapter(
            len(contents) + 1, section.title, item_fragment("hoofdstuk", section.anchor)
        )
        contents.append(section.chapter)
        section.numbered_paragraphs = [
            (f"{section.chapter.number}.{n}", item_fragment("alinea", p.anchor), p)
            for n, p in enumerate(section.paragraphs.all(), 1)
        ]
    steps_chapter = None
    if steps:
        steps_chapter = Chapter(len(contents) + 1, _("Stappen voor de hele overheid"), "stappen")
        contents.append(steps_chapter)
    for activity in activities:
        activity.fragment = item_fragment("hoofdactiviteit", activity.anchor)
    chapters = []
    for family in families:
        own = [a for a in activities if a.family_id == family.pk]
        if not own:
            continue
        chapter = Chapter(
            len(contents) + 1,
            _("Hoofdactiviteiten: %(family)s") % {"family": family.name},
            f"familie-{family.slug}",
        )
        contents.append(chapter)
        chapters.append(FamilyChapter(chapter, family, own))
    for step in steps:
        step.fragment = item_fragment("stap", step.anchor)
    return AgendaDocument(
        programme=programme,
        version=version,
        date=version_date(version),
        sections=sections,
        steps=steps,
        families=chapters,
        steps_chapter=steps_chapter,
        contents=contents,
    )
