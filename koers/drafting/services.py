"""Writes of the structured agenda that span models or must be audited.

Every change to a version that is based on another version records a Change (the trace): what
changed, why (`summary`, required), which contributions and themes caused it, and who made it.
A first version has nothing to be traced against, so its writes record nothing.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.agenda import services as versions
from koers.agenda.constants import ItemKind
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.consultation.models import Contribution
from koers.core.concurrency import assign, lock_parent, next_position
from koers.core.history import one_record
from koers.synthesis.models import Theme

from .constants import ChangeAction
from .models import Change

UP, DOWN = versions.UP, versions.DOWN


def _attribute(obj, by):
    if by is not None:
        obj._history_user = by
    return obj


# --- the trace ------------------------------------------------------------------------------


def is_traced(version: AgendaVersion) -> bool:
    """Whether changes to this version must say why: it is based on another version."""
    return version.based_on_id is not None


def _check_trace(
    version: AgendaVersion, summary: str, contributions: Iterable, themes: Iterable
) -> tuple[list, list]:
    """Validate the why before anything is written, so a refused change leaves no half."""
    version.ensure_editable()
    contributions, themes = list(contributions or ()), list(themes or ())
    if not is_traced(version):
        return contributions, themes
    if not (summary or "").strip():
        raise ValidationError(
            {
                "summary": _(
                    "Schrijf waarom dit verandert; elke wijziging in deze versie heeft een reden."
                )
            }
        )
    if any(c.programme_id != version.programme_id for c in contributions):
        raise ValidationError({"contributions": _("Deze inbreng hoort bij een ander programma.")})
    if any(t.programme_id != version.programme_id for t in themes):
        raise ValidationError({"themes": _("Dit thema hoort bij een ander programma.")})
    return contributions, themes


def _record(
    version: AgendaVersion,
    *,
    kind: str,
    anchor,
    action: str,
    summary: str,
    contributions: list[Contribution],
    themes: list[Theme],
    by,
) -> Change | None:
    if not is_traced(version):
        return None
    change = Change(
        version=version,
        kind=kind,
        anchor=anchor,
        action=action,
        summary=summary.strip(),
        made_by=by if by is not None and by.is_authenticated else None,
    )
    with one_record(_attribute(change, by)):
        change.save()
        if contributions:
            change.contributions.set(contributions)
        if themes:
            change.themes.set(themes)
    return change


# --- steps ----------------------------------------------------------------------------------


def _end(queryset, parent) -> int:
    """The position after the last one; `parent`'s row stays locked until the write is done,
    so two additions at once do not take the same position."""
    lock_parent(parent)
    return next_position(queryset)


@transaction.atomic
def add_step(
    version: AgendaVersion,
    *,
    title: str,
    description: str = "",
    summary: str = "",
    contributions=(),
    themes=(),
    by=None,
) -> Step:
    contributions, themes = _check_trace(version, summary, contributions, themes)
    step = Step(
        version=version, title=title, description=description, position=_end(version.steps, version)
    )
    step.full_clean(exclude=["version"])
    _attribute(step, by).save()
    _record(
        version,
        kind=ItemKind.STEP,
        anchor=step.anchor,
        action=ChangeAction.ADDED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )
    return step


@transaction.atomic
def update_step(
    step: Step,
    *,
    title: str | None = None,
    description: str | None = None,
    summary: str = "",
    contributions=(),
    themes=(),
    by=None,
) -> Step:
    contributions, themes = _check_trace(step.version, summary, contributions, themes)
    # What is not given stays as it is; what is given is saved only where it differs.
    given = {"title": title, "description": description}
    changed = assign(step, **{k: v for k, v in given.items() if v is not None})
    step.full_clean(exclude=["version"])
    if changed:
        _attribute(step, by).save(update_fields=changed)
    _record(
        step.version,
        kind=ItemKind.STEP,
        anchor=step.anchor,
        action=ChangeAction.CHANGED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )
    return step


def _move(item, siblings, direction: str, by) -> bool:
    """Swap an item with its neighbour and number the siblings 0, 1, 2, ... again (positions may
    have gaps or ties after deletes; the current order is what counts)."""
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
    item.position = items.index(item) if item in items else item.position
    return True


@transaction.atomic
def move_step(
    step: Step, direction: str, *, summary: str = "", contributions=(), themes=(), by=None
) -> bool:
    if direction not in (UP, DOWN):
        raise ValidationError(_("Kies omhoog of omlaag."))
    contributions, themes = _check_trace(step.version, summary, contributions, themes)
    lock_parent(step.version)
    moved = _move(step, step.version.steps.all(), direction, by)
    if moved:
        _record(
            step.version,
            kind=ItemKind.STEP,
            anchor=step.anchor,
            action=ChangeAction.CHANGED,
            summary=summary,
            contributions=contributions,
            themes=themes,
            by=by,
        )
    return moved


@transaction.atomic
def remove_step(step: Step, *, summary: str = "", contributions=(), themes=(), by=None) -> None:
    """A step with main activities stays: removing it would silently take those along."""
    contributions, themes = _check_trace(step.version, summary, contributions, themes)
    if step.main_activities.exists():
        raise ValidationError(
            _("Deze stap heeft hoofdactiviteiten; verplaats of verwijder die eerst.")
        )
    anchor = step.anchor
    _attribute(step, by).delete()
    _record(
        step.version,
        kind=ItemKind.STEP,
        anchor=anchor,
        action=ChangeAction.REMOVED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )


# --- main activities ------------------------------------------------------------------------

ACTIVITY_FIELDS = ("step", "family", "title", "description", "intended_outcome", "deadline")


def _save_activity(activity: MainActivity, responsible, facilities, by, fields=None) -> None:
    """`fields`: the ones to save (None: a new activity, all of them)."""
    # clean() checks the deadline, the family's programme and the step's version.
    activity.full_clean(exclude=["version"])
    with one_record(_attribute(activity, by)):
        if fields is None or fields:
            activity.save(update_fields=fields)
        if responsible is not None:
            activity.responsible.set(responsible)
        if facilities is not None:
            activity.facilities.set(facilities)


@transaction.atomic
def add_main_activity(
    version: AgendaVersion,
    *,
    step: Step,
    family,
    title: str,
    deadline,
    description: str = "",
    intended_outcome: str = "",
    responsible=(),
    facilities=(),
    summary: str = "",
    contributions=(),
    themes=(),
    by=None,
) -> MainActivity:
    contributions, themes = _check_trace(version, summary, contributions, themes)
    activity = MainActivity(
        version=version,
        step=step,
        family=family,
        title=title,
        description=description,
        intended_outcome=intended_outcome,
        deadline=deadline,
        position=_end(MainActivity.objects.filter(step=step, family=family), step),
    )
    _save_activity(activity, responsible, facilities, by)
    _record(
        version,
        kind=ItemKind.MAIN_ACTIVITY,
        anchor=activity.anchor,
        action=ChangeAction.ADDED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )
    return activity


@transaction.atomic
def update_main_activity(
    activity: MainActivity,
    *,
    responsible=None,
    facilities=None,
    summary: str = "",
    contributions=(),
    themes=(),
    by=None,
    **fields,
) -> MainActivity:
    """Change any of ACTIVITY_FIELDS (and the M2Ms when given). Moving it under another step or
    family puts it last there."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    contributions, themes = _check_trace(activity.version, summary, contributions, themes)
    regrouped = ("step" in fields and fields["step"].pk != activity.step_id) or (
        "family" in fields and fields["family"].pk != activity.family_id
    )
    changed = assign(activity, **fields)
    if regrouped:
        activity.position = _end(
            MainActivity.objects.filter(step=activity.step, family=activity.family).exclude(
                pk=activity.pk
            ),
            activity.step,
        )
        changed.append("position")
    _save_activity(activity, responsible, facilities, by, changed)
    _record(
        activity.version,
        kind=ItemKind.MAIN_ACTIVITY,
        anchor=activity.anchor,
        action=ChangeAction.CHANGED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )
    return activity


@transaction.atomic
def move_main_activity(
    activity: MainActivity,
    direction: str,
    *,
    summary: str = "",
    contributions=(),
    themes=(),
    by=None,
) -> bool:
    """Up or down among the activities of the same family under the same step."""
    if direction not in (UP, DOWN):
        raise ValidationError(_("Kies omhoog of omlaag."))
    contributions, themes = _check_trace(activity.version, summary, contributions, themes)
    lock_parent(activity.step)
    siblings = MainActivity.objects.filter(step_id=activity.step_id, family_id=activity.family_id)
    moved = _move(activity, siblings, direction, by)
    if moved:
        _record(
            activity.version,
            kind=ItemKind.MAIN_ACTIVITY,
            anchor=activity.anchor,
            action=ChangeAction.CHANGED,
            summary=summary,
            contributions=contributions,
            themes=themes,
            by=by,
        )
    return moved


@transaction.atomic
def remove_main_activity(
    activity: MainActivity, *, summary: str = "", contributions=(), themes=(), by=None
) -> None:
    contributions, themes = _check_trace(activity.version, summary, contributions, themes)
    anchor = activity.anchor
    _attribute(activity, by).delete()
    _record(
        activity.version,
        kind=ItemKind.MAIN_ACTIVITY,
        anchor=anchor,
        action=ChangeAction.REMOVED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )


# --- the concept and its text ---------------------------------------------------------------


def make_concept(draft: AgendaVersion, *, by=None) -> AgendaVersion:
    """The next version to edit, based on `draft`: the text with its anchors, and (through
    copy_version) the steps and main activities with theirs. Every
    change to it is then traced against the draft."""
    return versions.copy_version(draft, by=by)


@transaction.atomic
def change_paragraph(
    paragraph: Paragraph,
    text: str,
    *,
    families=None,
    section: Section | None = None,
    summary: str = "",
    contributions=(),
    themes=(),
    by=None,
) -> Paragraph:
    """Change a paragraph's text (and optionally its families or section); the anchor stays."""
    version = paragraph.version
    contributions, themes = _check_trace(version, summary, contributions, themes)
    if not (text or "").strip():
        raise ValidationError({"text": _("Een alinea heeft tekst.")})
    changed = assign(paragraph, text=text)
    if section is not None:
        if section.version_id != version.pk:
            raise ValidationError(_("Dit hoofdstuk hoort bij een andere versie."))
        if section.pk != paragraph.section_id:
            versions.change_paragraph_section(paragraph, section, by=by)
            changed += ["section", "position"]
    with one_record(_attribute(paragraph, by)):
        if changed:
            paragraph.save(update_fields=changed)
        if families is not None:
            paragraph.families.set(families)
    _record(
        version,
        kind=ItemKind.PARAGRAPH,
        anchor=paragraph.anchor,
        action=ChangeAction.CHANGED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )
    return paragraph


@transaction.atomic
def add_paragraph_traced(
    section: Section,
    *,
    text: str,
    families=(),
    summary: str = "",
    contributions=(),
    themes=(),
    by=None,
) -> Paragraph:
    contributions, themes = _check_trace(section.version, summary, contributions, themes)
    if not (text or "").strip():
        raise ValidationError({"text": _("Een alinea heeft tekst.")})
    paragraph = versions.add_paragraph(section, text=text, families=families, by=by)
    _record(
        section.version,
        kind=ItemKind.PARAGRAPH,
        anchor=paragraph.anchor,
        action=ChangeAction.ADDED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )
    return paragraph


@transaction.atomic
def remove_paragraph_traced(
    paragraph: Paragraph, *, summary: str = "", contributions=(), themes=(), by=None
) -> None:
    """Reactions hold on to their paragraph: one with reactions stays (change its text)."""
    version = paragraph.version
    contributions, themes = _check_trace(version, summary, contributions, themes)
    if paragraph.contributions.exists():
        raise ValidationError(_("Deze alinea heeft reacties en blijft daarom staan."))
    anchor = paragraph.anchor
    _attribute(paragraph, by).delete()
    _record(
        version,
        kind=ItemKind.PARAGRAPH,
        anchor=anchor,
        action=ChangeAction.REMOVED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )


# --- sections -------------------------------------------------------------------------------


@transaction.atomic
def add_section_traced(
    version: AgendaVersion,
    *,
    title: str,
    summary: str = "",
    contributions=(),
    themes=(),
    by=None,
) -> Section:
    contributions, themes = _check_trace(version, summary, contributions, themes)
    if not (title or "").strip():
        raise ValidationError({"title": _("Een hoofdstuk heeft een titel.")})
    section = versions.add_section(version, title=title, by=by)
    _record(
        version,
        kind=ItemKind.SECTION,
        anchor=section.anchor,
        action=ChangeAction.ADDED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )
    return section


@transaction.atomic
def rename_section_traced(
    section: Section, *, title: str, summary: str = "", contributions=(), themes=(), by=None
) -> Section:
    contributions, themes = _check_trace(section.version, summary, contributions, themes)
    if not (title or "").strip():
        raise ValidationError({"title": _("Een hoofdstuk heeft een titel.")})
    changed = assign(section, title=title)
    if changed:
        _attribute(section, by).save(update_fields=changed)
    _record(
        section.version,
        kind=ItemKind.SECTION,
        anchor=section.anchor,
        action=ChangeAction.CHANGED,
        summary=summary,
        contributions=contributions,
        themes=themes,
        by=by,
    )
    return section


@transaction.atomic
def remove_section_traced(
    section: Section, *, summary: str = "", contributions=(), themes=(), by=None
) -> None:
    """The section goes with its paragraphs; each of them is recorded as removed too, so the
    trace of a paragraph does not end without a word. Reactions hold on to their paragraph: a
    section with reactions on any of its paragraphs stays."""
    version = section.version
    contributions, themes = _check_trace(version, summary, contributions, themes)
    if Contribution.objects.filter(paragraphs__section=section).exists():
        raise ValidationError(_("Dit hoofdstuk heeft reacties en blijft daarom staan."))
    removed = [(ItemKind.PARAGRAPH, a) for a in section.paragraphs.values_list("anchor", flat=True)]
    removed.append((ItemKind.SECTION, section.anchor))
    _attribute(section, by).delete()
    for kind, anchor in removed:
        _record(
            version,
            kind=kind,
            anchor=anchor,
            action=ChangeAction.REMOVED,
            summary=summary,
            contributions=contributions,
            themes=themes,
            by=by,
        )


def record_text_move(sender, *, item, direction: str, by=None, **kwargs) -> None:
    """The trace of a move of a section or paragraph (the receiver of consultation's
    `text_moved`): in a version based on another, the order is part of what changed."""
    version = item.version
    if not version.based_on_id:
        return
    kind = ItemKind.SECTION if isinstance(item, Section) else ItemKind.PARAGRAPH
    Change.objects.create(
        version=version,
        kind=kind,
        anchor=item.anchor,
        action=ChangeAction.CHANGED,
        summary=(
            _("Eén plaats omhoog verplaatst.")
            if direction == versions.UP
            else _("Eén plaats omlaag verplaatst.")
        ),
        made_by=by,
    )
