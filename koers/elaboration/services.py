"""Every organisation's elaboration of the adopted agenda (uitwerking): its commitments, what
happens to them when the organisation merges into another, and the mail around them.

A commitment elaborates one main activity of the programme's adopted version for one
organisation, or is a commitment of the organisation's own (no main activity). Only members of
the main activity's family elaborate it.

The milestone rule: a milestone is due on or before the deadline of the main activity it
elaborates, or, for an own commitment, the programme's deadline. The main activity's deadline
is never after the programme's (MainActivity.clean), so it is the stricter of the two and the
one the council adopted for that work; an own commitment only has the programme's.

Facilities: naming a facility in a commitment records the organisation's planned adoption of it
(AdoptionState.PLANNED, dated on the last milestone). An adoption that is already under way or
connected is never set back; a planned one takes the newest plan's date.

Permissions are the views' work (elaboration.change_commitment); these functions keep the rules of
the data and record who did it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.accounts.models import Role, RoleKind
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, MainActivity
from koers.core.concurrency import assign
from koers.core.history import one_record
from koers.core.tasks import send_email
from koers.organisations.constants import AdoptionState
from koers.organisations.models import FacilityAdoption, Family, Organisation, Succession
from koers.organisations.services import record_adoption

from .constants import CommitmentStatus
from .models import Commitment, Milestone, Reminder
from .overview import family_overview

# A family is reminded at most once in this period, so organisations are not flooded.
REMINDER_INTERVAL = datetime.timedelta(hours=24)
# Successions after which the successor simply carries on the predecessor's work. A split or a
# rearrangement divides it over several organisations: a person decides, not this code.
TRANSFERRING_KINDS = {"samenvoeging", "uitbreiding", "naamswijziging"}


@dataclass
class MilestoneInput:
    title: str
    due_on: datetime.date
    done_on: datetime.date | None = None
    pk: int | None = None  # an existing milestone of the commitment, to change in place


def adopted_version(programme) -> AgendaVersion | None:
    """The programme's adopted version that organisations elaborate: the latest one."""
    return (
        AgendaVersion.objects.filter(programme=programme, state=VersionState.ADOPTED)
        .order_by("-number")
        .first()
    )


def milestone_limit(programme, main_activity: MainActivity | None) -> datetime.date:
    return main_activity.deadline if main_activity is not None else programme.deadline


def is_member(organisation: Organisation, family: Family, on: datetime.date | None = None) -> bool:
    return family.members(on or timezone.localdate()).filter(pk=organisation.pk).exists()


def _check(organisation, programme, main_activity, depends_on):
    errors: dict[str, list[str]] = {}
    if main_activity is not None:
        # Read from the database: an activity's cached version may predate its adoption.
        adopted = AgendaVersion.objects.filter(
            pk=main_activity.version_id, programme=programme, state=VersionState.ADOPTED
        ).exists()
        if not adopted:
            errors.setdefault(None, []).append(
                _("Alleen hoofdactiviteiten van de vastgestelde agenda worden uitgewerkt.")
            )
        elif not is_member(organisation, main_activity.family):
            errors.setdefault(None, []).append(
                _(
                    "%(organisation)s hoort niet bij de familie %(family)s en werkt deze "
                    "hoofdactiviteit dus niet uit."
                )
                % {"organisation": organisation, "family": main_activity.family}
            )
    if any(o.pk == organisation.pk for o in depends_on):
        errors.setdefault("depends_on", []).append(
            _("Een organisatie is niet afhankelijk van zichzelf.")
        )
    if errors:
        raise ValidationError(errors)


def _plan_facilities(commitment: Commitment, facilities, milestones, by) -> None:
    """Record the planned adoption of each facility, never setting back one further along."""
    if not facilities:
        return
    dates = [m.due_on for m in milestones]
    planned_on = (
        max(dates) if dates else milestone_limit(commitment.programme, commitment.main_activity)
    )
    existing = {
        a.facility_id: a
        for a in FacilityAdoption.objects.filter(
            organisation=commitment.organisation, facility__in=facilities
        )
    }
    for facility in facilities:
        adoption = existing.get(facility.pk)
        if adoption is not None and adoption.state != AdoptionState.PLANNED:
            continue  # under way or connected: a plan never downgrades it
        if adoption is not None and adoption.date == planned_on:
            continue
        note = (_("Gepland in de uitwerking “%(title)s”.") % {"title": commitment.title})[:500]
        if adoption is None:
            # record_adoption does not name the person on a new row; its history must.
            adoption = FacilityAdoption(
                organisation=commitment.organisation,
                facility=facility,
                state=AdoptionState.PLANNED,
                date=planned_on,
                note=note,
            )
            adoption._history_user = by
            adoption.save()
        else:
            record_adoption(
                commitment.organisation,
                facility,
                state=AdoptionState.PLANNED,
                date=planned_on,
                note=note,
                by=by,
            )


def _save_milestones(
    commitment: Commitment, milestones: list[MilestoneInput], by, removed=None
) -> None:
    """Add and change `milestones`; delete those in `removed`, or, when it is None, every one
    not given. A form passes what it showed and the person removed, so a milestone a colleague
    added meanwhile stays."""
    current = {m.pk: m for m in commitment.milestones.all()}
    kept = set()
    for data in milestones:
        milestone = current.get(data.pk) if data.pk else None
        if milestone is None:
            milestone = Milestone(commitment=commitment)
        elif (milestone.title, milestone.due_on, milestone.done_on) == (
            data.title,
            data.due_on,
            data.done_on,
        ):
            kept.add(milestone.pk)
            continue
        milestone.title, milestone.due_on, milestone.done_on = data.title, data.due_on, data.done_on
        milestone._history_user = by
        milestone.save()
        kept.add(milestone.pk)
    gone = set(current) - kept if removed is None else set(removed) - kept
    for pk, milestone in current.items():
        if pk in gone:
            milestone._history_user = by
            milestone.delete()


@transaction.atomic
def create_commitment(
    organisation: Organisation,
    *,
    programme,
    main_activity: MainActivity | None = None,
    title: str,
    what: str,
    owner: str,
    how: str = "",
    status: str = CommitmentStatus.DRAFT,
    milestones: list[MilestoneInput] = (),
    facilities=(),
    depends_on=(),
    dependency_note: str = "",
    by,
) -> Commitment:
    """Elaborate a main activity of the adopted version (or take on an own commitment)."""
    milestones, facilities, depends_on = list(milestones), list(facilities), list(depends_on)
    _check(organisation, programme, main_activity, depends_on)
    _check_dates(milestones, milestone_limit(programme, main_activity), main_activity is not None)
    if (
        main_activity is not None
        and Commitment.objects.filter(
            organisation=organisation, main_activity_anchor=main_activity.anchor
        ).exists()
    ):
        raise ValidationError(
            _("%(organisation)s heeft deze hoofdactiviteit al uitgewerkt; wijzig die uitwerking.")
            % {"organisation": organisation}
        )
    commitment = Commitment(
        organisation=organisation,
        programme=programme,
        main_activity=main_activity,
        main_activity_anchor=main_activity.anchor if main_activity else None,
        title=title,
        what=what,
        how=how,
        owner=owner,
        status=status,
        dependency_note=dependency_note,
    )
    commitment._history_user = by
    with one_record(commitment):
        commitment.save()
        commitment.facilities.set(facilities)
        commitment.depends_on.set(depends_on)
    _save_milestones(commitment, milestones, by)
    _plan_facilities(commitment, facilities, milestones, by)
    return commitment


@transaction.atomic
def update_commitment(
    commitment: Commitment,
    *,
    title: str,
    what: str,
    owner: str,
    how: str = "",
    status: str = CommitmentStatus.DRAFT,
    milestones: list[MilestoneInput] = (),
    facilities=(),
    depends_on=(),
    dependency_note: str = "",
    removed_milestones=None,
    by,
) -> Commitment:
    """Change a commitment, saving only the fields that differ. `removed_milestones`: see
    _save_milestones."""
    milestones, facilities, depends_on = list(milestones), list(facilities), list(depends_on)
    # The family rule held when it was made; a transferred commitment keeps its place even if
    # the successor is of another family, so only the dates and dependencies are checked again.
    _check(commitment.organisation, commitment.programme, None, depends_on)
    limit = milestone_limit(commitment.programme, commitment.main_activity)
    # A date already stored is not checked again: a re-plan past the deadline, reported in the
    # monitoring, stays as it was reported and does not block changing the rest.
    stored = dict(commitment.milestones.values_list("pk", "due_on"))
    changed_dates = [m for m in milestones if m.pk is None or stored.get(m.pk) != m.due_on]
    _check_dates(changed_dates, limit, commitment.main_activity is not None)
    changed = assign(
        commitment,
        title=title,
        what=what,
        how=how,
        owner=owner,
        status=status,
        dependency_note=dependency_note,
    )
    commitment._history_user = by
    # Saved also when only milestones or links changed: updated_at says it was worked on.
    with one_record(commitment):
        commitment.save(update_fields=[*changed, "updated_at"])
        commitment.facilities.set(facilities)
        commitment.depends_on.set(depends_on)
    _save_milestones(commitment, milestones, by, removed_milestones)
    _plan_facilities(commitment, facilities, milestones, by)
    return commitment


def _check_dates(milestones, limit, for_activity: bool) -> None:
    late = [m for m in milestones if m.due_on > limit]
    if late:
        what = (
            _("de deadline van de hoofdactiviteit")
            if for_activity
            else _("de deadline van het programma")
        )
        raise ValidationError(
            {
                "milestones": _(
                    "Mijlpaal “%(title)s” ligt na %(what)s (%(date)s); kies %(date)s of eerder."
                )
                % {"title": late[0].title, "what": what, "date": date_format(limit, "j F Y")}
            }
        )


# --- successions -------------------------------------------------------------------------


@transaction.atomic
def transfer_commitments(predecessor: Organisation, successor: Organisation, *, by=None) -> int:
    """Move the commitments of an organisation that merged into `successor` to it.

    Milestones and history go along (they hang on the commitment); each moved commitment records
    where it came from and when, and its history says so. Running it again moves nothing."""
    now = timezone.now()
    moved = 0
    for commitment in Commitment.objects.select_for_update().filter(organisation=predecessor):
        commitment.organisation = successor
        commitment.transferred_from = predecessor
        commitment.transferred_at = now
        commitment._history_user = by
        commitment._change_reason = (
            f"overgenomen van {predecessor.code} ({predecessor}) door {successor.code}"
        )
        commitment.save()
        moved += 1
    return moved


def due_successions(
    today: datetime.date | None = None,
) -> tuple[list[Succession], list[Succession]]:
    """(to apply, to leave to a person): successions on or before today of organisations that
    no longer exist. A predecessor that still exists (a part went elsewhere) keeps its work; one
    that went into several organisations, or was split, is left to a person."""
    today = today or timezone.localdate()
    due = list(
        Succession.objects.filter(date__lte=today)
        .filter(Q(predecessor__valid_until__lt=today))
        .select_related("predecessor", "successor")
        .order_by("date", "pk")
    )
    outgoing: dict[int, int] = {}
    for succession in due:
        outgoing[succession.predecessor_id] = outgoing.get(succession.predecessor_id, 0) + 1
    apply, leave = [], []
    for succession in due:
        if succession.kind in TRANSFERRING_KINDS and outgoing[succession.predecessor_id] == 1:
            apply.append(succession)
        else:
            leave.append(succession)
    return apply, leave


# --- mail ----------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    # SITE_URL, never a request's Host header: a forged Host must not end up in a mail.
    return settings.SITE_URL.rstrip("/") + path


def contributor_emails(programme, organisation_ids) -> dict[int, list[str]]:
    """Per organisation, the e-mail addresses of its contributors in the programme (one query)."""
    found: dict[int, list[str]] = {}
    roles = (
        Role.objects.filter(
            programme=programme, kind=RoleKind.CONTRIBUTOR, organisation_id__in=organisation_ids
        )
        .exclude(user__email="")
        .filter(user__is_active=True)
        .values_list("organisation_id", "user__email")
        .order_by("organisation_id", "user__email")
    )
    for organisation_id, email in roles:
        if email not in found.setdefault(organisation_id, []):
            found[organisation_id].append(email)
    return found


def _mail(subject: str, template: str, context: dict, to: list[str]) -> None:
    send_email.enqueue(subject=subject, body=render_to_string(template, context), to=to)


def notify_elaboration_open(version: AgendaVersion) -> int:
    """Tell the contributors of every member organisation of a family with main activities in
    the adopted version that they can elaborate it; one message per person. Returns how many."""
    programme = version.programme
    families = Family.objects.filter(
        pk__in=MainActivity.objects.filter(version=version).values("family_id")
    ).order_by("position", "name")
    subject = _("De agenda van %(programme)s is vastgesteld: werk uw hoofdactiviteiten uit") % {
        "programme": programme.name
    }
    sent = 0
    today = timezone.localdate()
    for family in families:
        members = family.members(today).values_list("pk", flat=True)
        emails = contributor_emails(programme, members)
        if not emails:
            continue
        names = dict(Organisation.objects.filter(pk__in=emails).values_list("pk", "code"))
        for organisation_id, addresses in emails.items():
            link = _absolute(
                reverse(
                    "elaboration:organisation-commitments",
                    args=[programme.slug, names[organisation_id]],
                )
            )
            context = {"programme": programme, "version": version, "family": family, "link": link}
            for address in addresses:
                _mail(subject, "elaboration/email/open.txt", context, [address])
                sent += 1
    return sent


def on_version_moved(sender, version=None, previous=None, by=None, **kwargs):
    if version is not None and version.state == VersionState.ADOPTED and previous != version.state:
        notify_elaboration_open(version)


def connect_signals() -> None:
    """Called from AgendaConfig.ready(): mail the contributors once a version is adopted."""
    from koers.agenda.signals import version_moved

    version_moved.connect(on_version_moved, dispatch_uid="agenda-elaboration-open")


def missing_organisations(family: Family, version: AgendaVersion) -> list[Organisation]:
    """Member organisations that have not elaborated every main activity of their family: the
    rows the overview's filter shows."""
    return list(family_overview(family, version).missing().members)


def last_reminder(family: Family, version: AgendaVersion) -> Reminder | None:
    return Reminder.objects.filter(family=family, version=version).order_by("-sent_at").first()


def next_reminder_at(family: Family, version: AgendaVersion) -> datetime.datetime | None:
    """When the next reminder may go out, or None when it may now."""
    last = last_reminder(family, version)
    if last is None or timezone.now() >= last.sent_at + REMINDER_INTERVAL:
        return None
    return last.sent_at + REMINDER_INTERVAL


@transaction.atomic
def send_reminders(family: Family, version: AgendaVersion, *, by) -> Reminder:
    """Mail the contributors of the members that have not elaborated every main activity of the
    family, and record it. Refused within 24 hours of the previous reminder."""
    # Lock the family's row so that two coordinators pressing at once send one reminder.
    Family.objects.select_for_update().filter(pk=family.pk).first()
    later = next_reminder_at(family, version)
    if later is not None:
        raise ValidationError(
            _("Er is al een herinnering gestuurd; de volgende kan vanaf %(when)s.")
            % {"when": date_format(timezone.localtime(later), "j F Y H:i")}
        )
    missing = missing_organisations(family, version)
    emails = contributor_emails(version.programme, [o.pk for o in missing])
    reminder = Reminder.objects.create(family=family, version=version, sent_by=by)
    reminder.organisations.set(missing)
    programme = version.programme
    subject = _("Herinnering: werk de hoofdactiviteiten van %(family)s uit") % {
        "family": family.name
    }
    recipients = 0
    for organisation in missing:
        link = _absolute(
            reverse(
                "elaboration:organisation-commitments", args=[programme.slug, organisation.code]
            )
        )
        context = {
            "programme": programme,
            "version": version,
            "family": family,
            "organisation": organisation,
            "link": link,
        }
        for address in emails.get(organisation.pk, []):
            # The database queue stores the mail in this transaction: no reminder without mail.
            _mail(subject, "elaboration/email/reminder.txt", context, [address])
            recipients += 1
    reminder.recipients = recipients
    reminder.save(update_fields=["recipients"])
    return reminder
