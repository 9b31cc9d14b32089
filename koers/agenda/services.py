"""Writing the agenda text: versions, sections and paragraphs.

Anchors are what reactions hold on to, so nothing here ever makes a new anchor for existing text:
a copy keeps them, moving only changes positions, editing only changes text.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.core import events
from koers.core.concurrency import assign, lock_parent, next_position
from koers.core.history import one_record
from koers.organisations.models import Council, Programme

from .constants import AdoptedBy, VersionState
from .models import AgendaVersion, MainActivity, Paragraph, Section, Step
from .signals import text_moved, version_moved

UP, DOWN = "omhoog", "omlaag"


def _attribute(obj, by):
    if by is not None:
        obj._history_user = by
    return obj


def next_version_number(programme: Programme) -> int:
    """The next free number; the caller's transaction holds the programme's row, so two new
    versions at once get two numbers (the unique constraint catches anything else)."""
    lock_parent(programme)
    return (programme.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def create_version(programme: Programme, *, title: str, introduction: str = "", by=None):
    """A new, empty draft (voorzet) with the next free number."""
    version = AgendaVersion(
        programme=programme,
        number=next_version_number(programme),
        title=title,
        introduction=introduction,
        state=VersionState.DRAFT,
    )
    _attribute(version, by).save()
    return version


@transaction.atomic
def copy_version(version: AgendaVersion, by=None) -> AgendaVersion:
    """A new draft from any version, with the same sections and paragraphs and the same anchors.

    This is how an adopted agenda changes: the copy is editable, the original stays frozen, and a
    reaction on a paragraph of the original still finds that paragraph in the copy.
    """
    copy = AgendaVersion(
        programme=version.programme,
        number=next_version_number(version.programme),
        title=version.title,
        introduction=version.introduction,
        state=VersionState.DRAFT,
        based_on=version,
    )
    _attribute(copy, by).save()
    sections = {}
    for section in version.sections.all():
        sections[section.pk] = _attribute(
            Section(
                version=copy, anchor=section.anchor, position=section.position, title=section.title
            ),
            by,
        )
        sections[section.pk].save()
    for paragraph in version.paragraphs.prefetch_related("families"):
        new = Paragraph(
            version=copy,
            section=sections[paragraph.section_id],
            anchor=paragraph.anchor,
            position=paragraph.position,
            text=paragraph.text,
        )
        with one_record(_attribute(new, by)):
            new.save()
            new.families.set(paragraph.families.all())
    copy_structure(original=version, copy=copy, by=by)
    return copy


@transaction.atomic
def update_version(version: AgendaVersion, *, title=None, introduction=None, by=None):
    """Change a version's title and introduction (what is given, and only what differs); an
    adopted version refuses."""
    version.ensure_editable()
    given = {"title": title, "introduction": introduction}
    changed = assign(version, **{k: v for k, v in given.items() if v is not None})
    if changed:
        _attribute(version, by).save(update_fields=changed)
    return version


@transaction.atomic
def add_section(version: AgendaVersion, *, title: str, by=None) -> Section:
    lock_parent(version)
    section = Section(version=version, title=title, position=next_position(version.sections))
    _attribute(section, by).save()
    return section


@transaction.atomic
def add_paragraph(section: Section, *, text: str, families=(), by=None) -> Paragraph:
    lock_parent(section)
    paragraph = Paragraph(
        version=section.version,
        section=section,
        text=text,
        position=next_position(section.paragraphs),
    )
    with one_record(_attribute(paragraph, by)):
        paragraph.save()
        if families:
            paragraph.families.set(families)
    return paragraph


def _move(item, siblings, direction: str, by=None) -> bool:
    """Swap an item with its neighbour and number the siblings 0, 1, 2, ... again.

    Positions may have gaps or ties (imports, deletes), so they are renumbered in their current
    order rather than trusted.
    """
    items = list(siblings.order_by("position", "pk"))
    index = next(i for i, s in enumerate(items) if s.pk == item.pk)
    other = index - 1 if direction == UP else index + 1
    if other < 0 or other >= len(items):
        return False
    items[index], items[other] = items[other], items[index]
    for position, sibling in enumerate(items):
        if sibling.position != position:
            sibling.position = position
            _attribute(sibling, by).save(update_fields=["position"])
    return True


@transaction.atomic
def move_section(section: Section, direction: str, by=None) -> bool:
    section.version.ensure_editable()
    lock_parent(section.version)
    moved = _move(section, section.version.sections.all(), direction, by)
    if moved:
        text_moved.send(sender=Section, item=section, direction=direction, by=by)
    return moved


@transaction.atomic
def move_paragraph(paragraph: Paragraph, direction: str, by=None) -> bool:
    paragraph.version.ensure_editable()
    lock_parent(paragraph.section)
    moved = _move(paragraph, paragraph.section.paragraphs.all(), direction, by)
    if moved:
        text_moved.send(sender=Paragraph, item=paragraph, direction=direction, by=by)
    return moved


def change_paragraph_section(paragraph: Paragraph, section: Section, by=None) -> Paragraph:
    """Put a paragraph at the end of another section of the same version; the anchor stays."""
    if section.pk != paragraph.section_id:
        lock_parent(section)
        paragraph.section = section
        paragraph.position = next_position(section.paragraphs)
    return paragraph


@dataclass
class ParsedSection:
    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ParsedDocument:
    preamble: str
    sections: list[ParsedSection]

    @property
    def paragraph_count(self) -> int:
        return sum(len(s.paragraphs) for s in self.sections)


HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*#*\s*$")
FENCE = re.compile(r"^(```|~~~)")


def parse_markdown(text: str) -> ParsedDocument:
    """Split a Markdown document: '## ' headings open sections, blank lines separate paragraphs.

    Text before the first '## ' heading is the preamble. A blank line inside a fenced code block
    does not split it.
    """
    preamble: list[str] = []
    sections: list[ParsedSection] = []
    block: list[str] = []
    in_fence = False

    def flush():
        content = "\n".join(block).strip("\n")
        block.clear()
        if not content.strip():
            return
        if sections:
            sections[-1].paragraphs.append(content)
        else:
            preamble.append(content)

    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(line)
        if heading:
            flush()
            sections.append(ParsedSection(title=heading["title"][:300]))
        elif not in_fence and not line.strip():
            flush()
        else:
            block.append(line.rstrip())
    flush()
    return ParsedDocument(preamble="\n\n".join(preamble), sections=sections)


@transaction.atomic
def import_markdown(version: AgendaVersion, text: str, by=None) -> ParsedDocument:
    """Add a pasted Markdown document to a version, after what it already holds.

    Nothing typed is lost: text before the first section is added to the introduction.
    """
    version.ensure_editable()
    document = parse_markdown(text)
    if document.preamble:
        version.introduction = "\n\n".join(
            p for p in [version.introduction, document.preamble] if p
        )
        _attribute(version, by).save(update_fields=["introduction"])
    for parsed in document.sections:
        section = add_section(version, title=parsed.title, by=by)
        for position, content in enumerate(parsed.paragraphs):
            _attribute(
                Paragraph(version=version, section=section, text=content, position=position), by
            ).save()
    return document


@transaction.atomic
def open_consultation(version: AgendaVersion, *, opens_at, closes_at=None, by=None):
    """Set the period in which reviewers may react to a draft."""
    version.ensure_editable()
    if version.state != VersionState.DRAFT:
        raise ValidationError(_("Alleen een voorzet gaat open voor consultatie."))
    version.consultation_opens_at = opens_at
    version.consultation_closes_at = closes_at
    _attribute(version, by).save(update_fields=["consultation_opens_at", "consultation_closes_at"])
    events.announce(
        version.programme,
        events.CONSULTATION_OPENED,
        _("Versie %(number)s open voor consultatie") % {"number": version.number},
        reverse("consultation:version-detail", args=[version.programme.slug, version.number]),
        opens_at,
    )
    return version


def council_adopts(programme_id: int) -> bool:
    """Whether the programme has a council: then only the council's adoption (in a meeting,
    koers.agenda.council.adopt_version) makes a version adopted, never the office's state move."""
    return Council.objects.filter(programme_id=programme_id).exists()


@transaction.atomic
def move_version(version: AgendaVersion, state: str, by=None) -> AgendaVersion:
    """Move a version along draft -> concept -> adopted; adopted freezes it.

    The office adopts only in a programme without a council, and the version says so
    (adopted_by, shown in its trace)."""
    version = AgendaVersion.objects.select_for_update().get(pk=version.pk)
    if not version.can_move_to(state):
        raise ValidationError(
            _("Versie %(number)s kan niet van %(from)s naar %(to)s.")
            % {
                "number": version.number,
                "from": version.get_state_display(),
                "to": VersionState(state).label,
            }
        )
    if state == VersionState.ADOPTED and council_adopts(version.programme_id):
        raise ValidationError(
            _(
                "In dit programma stelt de regieraad de agenda vast, in een vergadering over dit "
                "concept; het programmabureau zet een versie niet zelf op vastgesteld."
            )
        )
    previous = version.state
    version.state = state
    if state == VersionState.ADOPTED:
        version.adopted_at = timezone.now()
        version.adopted_by = AdoptedBy.OFFICE
        version._change_reason = str(AdoptedBy.OFFICE.label)
    if by is not None:
        version._history_user = by
    version.save()
    if state in (VersionState.CONCEPT, VersionState.ADOPTED):
        events.announce(
            version.programme,
            events.CONCEPT_PUBLISHED if state == VersionState.CONCEPT else events.AGENDA_ADOPTED,
            (
                _("Concept %(number)s gepubliceerd")
                if state == VersionState.CONCEPT
                else _("Agenda %(number)s vastgesteld")
            )
            % {"number": version.number},
            reverse("consultation:version-detail", args=[version.programme.slug, version.number]),
        )
    # After the commit: listeners send mail (through the task queue) about what really happened.
    transaction.on_commit(
        lambda: version_moved.send(sender=AgendaVersion, version=version, previous=previous, by=by)
    )
    return version


def copy_structure(*, original: AgendaVersion, copy: AgendaVersion, by=None, **kwargs):
    """Copy the steps and main activities of `original` into `copy`, anchors included (the
    part of copy_version, inside the copy's transaction)."""
    steps = {}
    for step in original.steps.all():
        steps[step.pk] = _attribute(
            Step(
                version=copy,
                anchor=step.anchor,
                position=step.position,
                title=step.title,
                description=step.description,
            ),
            by,
        )
        steps[step.pk].save()
    for activity in original.main_activities.prefetch_related("responsible", "facilities"):
        new = _attribute(
            MainActivity(
                version=copy,
                step=steps[activity.step_id],
                family_id=activity.family_id,
                anchor=activity.anchor,
                position=activity.position,
                title=activity.title,
                description=activity.description,
                intended_outcome=activity.intended_outcome,
                deadline=activity.deadline,
            ),
            by,
        )
        with one_record(new):
            new.save()
            new.responsible.set(activity.responsible.all())
            new.facilities.set(activity.facilities.all())
