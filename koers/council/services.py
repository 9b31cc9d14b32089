"""The council (regieraad) at work: meetings about a concept, their agenda items, change
recommendations on paragraphs, the decisions, and the adoption of the agenda.

Views check who may do what (koers/accounts/rules.py: council.prepare_meeting,
council.propose_recommendation, council.decide_in_meeting); these functions keep the rules of the
meeting itself and record who did it. Once a meeting has adopted the agenda, it is closed: its
items and recommendations stay as they were decided.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from koers.agenda import services as versions
from koers.agenda.constants import AdoptedBy, VersionState
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.agenda.references import paragraph_numbers
from koers.agenda.signals import version_moved
from koers.core import events
from koers.core.concurrency import assign, lock_parent, next_position
from koers.core.markdown import find_visible, longest_visible_prefix, visible_form
from koers.drafting import services
from koers.organisations.models import Council, Programme

from .constants import Decision, MeetingState, RecommendationAction, RecommendationStatus
from .models import CouncilMeeting, MeetingItem, Recommendation


def _attribute(obj, by):
    if by is not None:
        obj._history_user = by
    return obj


def _person(by):
    return by if by is not None and by.is_authenticated else None


def ensure_open(meeting: CouncilMeeting) -> None:
    """A meeting that adopted the agenda keeps its decisions as they were."""
    if meeting.adopted_version_id is not None:
        raise ValidationError(
            _("Deze vergadering heeft de agenda al vastgesteld; er verandert niets meer aan.")
        )


def adopted_from(concept: AgendaVersion) -> AgendaVersion | None:
    """The version a meeting adopted from this concept, if one did: a concept is adopted once.

    A second adoption would start again from the concept and silently drop the first one's
    changes, while becoming the public agenda."""
    meeting = (
        CouncilMeeting.objects.filter(version=concept, adopted_version__isnull=False)
        .select_related("adopted_version")
        .first()
    )
    return meeting.adopted_version if meeting is not None else None


def _already_adopted_message(adopted: AgendaVersion) -> str:
    return _(
        "Dit concept is al vastgesteld, als versie %(number)s; een concept wordt maar één keer "
        "vastgesteld. Maak een nieuwe voorzet op basis van versie %(number)s om verder te gaan."
    ) % {"number": adopted.number}


# --- planning -------------------------------------------------------------------------------


@transaction.atomic
def plan_meeting(
    programme: Programme,
    *,
    version: AgendaVersion,
    title: str,
    starts_at,
    location: str = "",
    by=None,
) -> CouncilMeeting:
    """A meeting of the programme's council about a concept version."""
    if version.programme_id != programme.pk:
        raise ValidationError({"version": _("Deze versie hoort bij een ander programma.")})
    if version.state != VersionState.CONCEPT:
        raise ValidationError(
            {"version": _("De regieraad bespreekt een concept; kies een versie die concept is.")}
        )
    adopted = adopted_from(version)
    if adopted is not None:
        raise ValidationError({"version": _already_adopted_message(adopted)})
    if not (title or "").strip():
        raise ValidationError({"title": _("Geef de vergadering een titel.")})
    # Every programme has a council in practice; one made without it gets a plain one here.
    council, _created = Council.objects.get_or_create(
        programme=programme, defaults={"name": _("Regieraad")}
    )
    meeting = CouncilMeeting(
        council=council,
        version=version,
        title=title.strip(),
        starts_at=starts_at,
        location=location,
    )
    _attribute(meeting, by).save()
    return meeting


@transaction.atomic
def add_item(
    meeting: CouncilMeeting, *, title: str = "", section: Section | None = None, by=None
) -> MeetingItem:
    """An agenda item: a section of the concept (titled after it unless a title is given), or,
    without a section, a general point."""
    ensure_open(meeting)
    if section is not None and section.version_id != meeting.version_id:
        raise ValidationError({"section": _("Dit hoofdstuk hoort niet bij de besproken versie.")})
    title = (title or "").strip() or (section.title if section is not None else "")
    if not title:
        raise ValidationError(
            {"title": _("Geef een algemeen agendapunt een titel, of kies een hoofdstuk.")}
        )
    lock_parent(meeting)  # two items added at once take two positions
    item = MeetingItem(
        meeting=meeting, title=title, section=section, position=next_position(meeting.items)
    )
    _attribute(item, by).save()
    return item


# --- change recommendations -----------------------------------------------------------------


def _quoted(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def locate_passage(text: str, passage: str) -> str:
    """The passage as the paragraph's Markdown has it: literally, or as a reader copied it from
    the rendered page (emphasis, links and line breaks not visible, whitespace as it came), mapped
    back onto the Markdown. ValidationError naming the part of the passage that is not there."""
    if passage in text:
        return passage
    found = find_visible(text, passage)
    if found is not None:
        return text[found[0] : found[1]]
    wanted = visible_form(passage)
    prefix = longest_visible_prefix(text, passage)
    if not prefix:
        message = _("„%(passage)s” staat niet in de alinea. Kopieer de passage uit de tekst.") % {
            "passage": _quoted(wanted)
        }
    else:
        message = _(
            "Het begin van de passage staat in de alinea, maar vanaf „%(missing)s” niet meer. "
            "Kopieer de passage uit de tekst."
        ) % {"missing": _quoted(wanted[len(prefix) :].strip())}
    raise ValidationError({"passage": message})


def apply_recommendation(text: str, action: str, passage: str, new_text: str) -> str:
    """The paragraph text with the recommendation carried out; ValidationError when the passage
    is not in it (see locate_passage: a passage as the reader sees it counts too).

    Replace and delete act on the first occurrence of the passage. Insert puts the new text
    after the passage, or at the end of the paragraph when no passage is given.
    """
    passage = passage or ""
    if action == RecommendationAction.INSERT and not passage:
        return f"{text.rstrip()} {new_text.strip()}"
    passage = locate_passage(text, passage)
    if action == RecommendationAction.INSERT:
        at = text.index(passage) + len(passage)
        return f"{text[:at]} {new_text.strip()}{text[at:]}"
    if action == RecommendationAction.REPLACE:
        return text.replace(passage, new_text, 1)
    # Deleting leaves no double spaces behind.
    before, after = text.split(passage, 1)
    if before.endswith(" ") and after.startswith(" "):
        after = after[1:]
    return (before + after).strip()


@transaction.atomic
def propose_recommendation(
    meeting: CouncilMeeting,
    *,
    paragraph: Paragraph,
    action: str,
    passage: str = "",
    new_text: str = "",
    motivation: str,
    by=None,
) -> Recommendation:
    """A change recommendation on a paragraph of the concept the meeting discusses."""
    ensure_open(meeting)
    if paragraph.version_id != meeting.version_id:
        raise ValidationError({"paragraph": _("Deze alinea hoort niet bij de besproken versie.")})
    if action not in RecommendationAction.values:
        raise ValidationError({"action": _("Kies vervangen, invoegen of schrappen.")})
    passage, new_text = (passage or "").strip(), (new_text or "").strip()
    errors = {}
    if action in (RecommendationAction.REPLACE, RecommendationAction.DELETE) and not passage:
        errors["passage"] = _("Schrijf de passage uit de alinea over die u wilt wijzigen.")
    if action in (RecommendationAction.REPLACE, RecommendationAction.INSERT) and not new_text:
        errors["new_text"] = _("Schrijf de nieuwe tekst.")
    if not (motivation or "").strip():
        errors["motivation"] = _("Licht toe waarom de tekst zo moet veranderen.")
    if not errors and passage:
        # Stored as the Markdown it stands for, so the decision acts on the text itself.
        try:
            passage = locate_passage(paragraph.text, passage)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    recommendation = Recommendation(
        meeting=meeting,
        paragraph=paragraph,
        action=action,
        passage=passage,
        new_text=new_text,
        motivation=motivation.strip(),
        proposed_by=_person(by),
    )
    _attribute(recommendation, by).save()
    return recommendation


@transaction.atomic
def decide_recommendation(recommendation: Recommendation, *, accept: bool, by=None):
    """Accept or reject one recommendation; a decision stands."""
    ensure_open(recommendation.meeting)
    if recommendation.status != RecommendationStatus.OPEN:
        raise ValidationError(_("Over dit wijzigingsvoorstel is al besloten."))
    recommendation.status = (
        RecommendationStatus.ACCEPTED if accept else RecommendationStatus.REJECTED
    )
    recommendation.decided_by = _person(by)
    recommendation.decided_at = timezone.now()
    _attribute(recommendation, by).save()
    return recommendation


# --- decisions on items, the meeting itself -------------------------------------------------


def section_text(section: Section) -> str:
    """A section's paragraphs as one Markdown text, a blank line between them (the starting
    point of an amended text)."""
    return "\n\n".join(p.text for p in section.paragraphs.all())


@transaction.atomic
def decide_item(
    item: MeetingItem, *, decision: str, amended_text: str = "", minutes: str = "", by=None
) -> MeetingItem:
    """Akkoord, akkoord with an amended text, or deferred (aangehouden), with the minutes. An
    item may be decided again while the meeting has not adopted the agenda (a deferred point
    taken up later)."""
    ensure_open(item.meeting)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Kies akkoord, akkoord met wijziging of aanhouden.")})
    amended_text = (amended_text or "").strip()
    if decision == Decision.AMEND and not amended_text:
        raise ValidationError(
            {"amended_text": _("Schrijf de gewijzigde tekst die de regieraad vaststelt.")}
        )
    changed = assign(
        item,
        decision=decision,
        amended_text=amended_text if decision == Decision.AMEND else "",
        minutes=(minutes or "").strip(),
    )
    if changed:
        item.decided_by = _person(by)
        item.decided_at = timezone.now()
        _attribute(item, by).save(update_fields=[*changed, "decided_by", "decided_at"])
    return item


@transaction.atomic
def hold_meeting(meeting: CouncilMeeting, *, minutes: str = "", by=None) -> CouncilMeeting:
    """Record that the meeting took place, with its minutes (which may be corrected later)."""
    changed = assign(meeting, state=MeetingState.HELD, minutes=(minutes or "").strip())
    if changed:
        _attribute(meeting, by).save(update_fields=changed)
        events.announce(
            meeting.council.programme,
            events.COUNCIL_DECIDED,
            _("Besluiten van de regieraad: %(title)s") % {"title": meeting.title},
            reverse("council:council-decisions", args=[meeting.council.programme.slug]),
        )
    return meeting


# --- adoption -------------------------------------------------------------------------------


def adoption_blockers(meeting: CouncilMeeting) -> list[str]:
    """What stands in the way of adoption, item by item (empty: the meeting may adopt)."""
    blockers = []
    if meeting.adopted_version_id is not None:
        return [_("Deze vergadering heeft de agenda al vastgesteld.")]
    if meeting.version.state != VersionState.CONCEPT:
        blockers.append(_("De besproken versie is geen concept meer."))
    adopted = adopted_from(meeting.version)
    if adopted is not None:
        return [_already_adopted_message(adopted)]
    open_recommendations = list(
        meeting.recommendations.filter(status=RecommendationStatus.OPEN).select_related(
            "paragraph__section"
        )
    )
    numbers = paragraph_numbers([meeting.version_id]) if open_recommendations else {}
    for rec in open_recommendations:
        blockers.append(
            _(
                "Over het wijzigingsvoorstel bij alinea %(number)s (%(section)s) is nog niet "
                "besloten."
            )
            % {"number": numbers.get(rec.paragraph_id, "?"), "section": rec.paragraph.section.title}
        )
    for item in meeting.items.all():
        if not item.decision:
            blockers.append(
                _("Over agendapunt '%(title)s' is nog niet besloten.") % {"title": item.title}
            )
        elif item.decision == Decision.DEFER:
            blockers.append(
                _(
                    "Agendapunt '%(title)s' is aangehouden; neem het eerst weer op en besluit erover."
                )
                % {"title": item.title}
            )
    return blockers


def _decision_summary(meeting: CouncilMeeting, what: str) -> str:
    day = formats.date_format(timezone.localtime(meeting.starts_at), "d-m-Y")
    return _("Besluit regieraad %(date)s: %(what)s") % {"date": day, "what": what}


def _apply_amendment(section: Section, text: str, summary: str, by) -> None:
    """Make a section read as the amended text: paragraph by paragraph (blank lines separate
    them), so the leading paragraphs keep their anchors; extra paragraphs are added, paragraphs
    no longer there are removed. Every change is traced."""
    wanted = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    current = list(section.paragraphs.order_by("position", "pk"))
    for paragraph, new in zip(current, wanted, strict=False):
        if paragraph.text.strip() != new:
            services.change_paragraph(paragraph, new, summary=summary, by=by)
    for new in wanted[len(current) :]:
        services.add_paragraph_traced(section, text=new, summary=summary, by=by)
    for paragraph in current[len(wanted) :]:
        services.remove_paragraph_traced(paragraph, summary=summary, by=by)


@transaction.atomic
def adopt_version(meeting: CouncilMeeting, *, by) -> AgendaVersion:
    """Adopt the agenda: a new, frozen version with the council's decisions carried out.

    Refused (with every reason) while a recommendation is open, an item is undecided, or an item
    is deferred. Otherwise:

    1. the concept is copied (consultation.versions.copy_version; steps and main activities
       follow through version_copied) into a new version based on the concept, so every change
       below is traced against it;
    2. accepted recommendations are carried out on their paragraphs, then amended section texts
       replace their sections (the council's amended text is its last word on a section), each
       as a Change with summary "Besluit regieraad <date>: ...";
    3. the copy is set to adopted (vastgesteld, adopted_at) directly, which freezes it. Not
       through koers.agenda.services.move_version: the copy is a draft, and going through
       concept would mail every reviewer about a concept that never was;
    4. the meeting records it (adopted_version) and counts as held;
    5. after the commit, koers.agenda.signals.version_moved is sent for the copy with
       previous="concept", so listeners (the elaboration's notifications) react to the adoption
       as to any other. The reviewers' mail listens for concepts only and stays silent.
    """
    meeting = (
        CouncilMeeting.objects.select_for_update().select_related("version").get(pk=meeting.pk)
    )
    # Two meetings on one concept adopting at once: the lock on the concept makes the second
    # wait and then find the first adoption (and the constraint one_adoption_per_concept
    # refuses it where row locks do not exist).
    AgendaVersion.objects.select_for_update().filter(pk=meeting.version_id).first()
    blockers = adoption_blockers(meeting)
    if blockers:
        raise ValidationError(blockers)
    concept = meeting.version
    copy = versions.copy_version(concept, by=by)
    paragraphs = {p.anchor: p for p in copy.paragraphs.select_related("section")}
    accepted = meeting.recommendations.filter(status=RecommendationStatus.ACCEPTED).select_related(
        "paragraph"
    )
    for rec in accepted.order_by("paragraph__section__position", "paragraph__position", "pk"):
        paragraph = paragraphs.get(rec.paragraph.anchor)
        what = _("wijzigingsvoorstel aangenomen (%(action)s). %(motivation)s") % {
            "action": rec.get_action_display(),
            "motivation": rec.motivation,
        }
        try:
            if paragraph is None:
                raise ValidationError("removed")
            text = apply_recommendation(paragraph.text, rec.action, rec.passage, rec.new_text)
        except ValidationError:
            raise ValidationError(
                _(
                    "Het wijzigingsvoorstel bij alinea %(number)s past niet meer: de passage staat "
                    "niet (meer) in de alinea, misschien door een eerder aangenomen voorstel."
                )
                % {"number": paragraph_numbers([concept.pk]).get(rec.paragraph_id, "?")}
            ) from None
        summary = _decision_summary(meeting, what)
        if text.strip():
            services.change_paragraph(paragraph, text, summary=summary, by=by)
        else:
            services.remove_paragraph_traced(paragraph, summary=summary, by=by)
            del paragraphs[rec.paragraph.anchor]
    sections = {s.anchor: s for s in copy.sections.all()}
    amended = meeting.items.filter(decision=Decision.AMEND, section__isnull=False).select_related(
        "section"
    )
    for item in amended:
        section = sections[item.section.anchor]
        what = _("hoofdstuk '%(title)s' met wijziging vastgesteld.") % {"title": section.title}
        _apply_amendment(section, item.amended_text, _decision_summary(meeting, what), by)

    copy.state = VersionState.ADOPTED
    copy.adopted_at = timezone.now()
    copy.adopted_by = AdoptedBy.COUNCIL
    copy._change_reason = str(AdoptedBy.COUNCIL.label)
    _attribute(copy, by).save(update_fields=["state", "adopted_at", "adopted_by"])
    meeting.adopted_version = copy
    meeting.state = MeetingState.HELD
    _attribute(meeting, by).save(update_fields=["adopted_version", "state"])
    events.announce(
        copy.programme,
        events.AGENDA_ADOPTED,
        _("Agenda %(number)s vastgesteld door de regieraad") % {"number": copy.number},
        reverse("consultation:version-detail", args=[copy.programme.slug, copy.number]),
    )
    transaction.on_commit(
        lambda: version_moved.send(
            sender=AgendaVersion, version=copy, previous=VersionState.CONCEPT.value, by=by
        )
    )
    return copy
