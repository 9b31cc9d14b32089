"""Monitoring's writes: opening a reporting round, reporting progress, the milestones' plans
(baselines and re-plans) and the reminders of a round.

Baselines. A milestone's date becomes its baseline at the first of these moments, and stays it:
the agenda is adopted (every milestone that exists then), the commitment is committed (status
toegezegd or gereed: the plan the organisation elaborated), a reporting round opens (reporting
measures against a plan), or progress is first reported on the commitment. Every later change
of the date is a re-plan, recorded beside the baseline with its date, reason and author: through
a progress report, or in the elaboration's form (the signal below notices it). Slippage is
always measured against the baseline (models.MilestonePlan).

Reports are append-only (models.ProgressReport): `submit_report` adds one that supersedes the
current one, and refuses when another report was made since the form was loaded.

Reminders: once per round per organisation, to the contributors of the organisations that have
not reported on every commitment; the mail goes through the task queue.
"""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.agenda.constants import VersionState
from koers.core import events
from koers.core.concurrency import lock_parent
from koers.core.tasks import send_email
from koers.elaboration.constants import CommitmentStatus
from koers.elaboration.models import Commitment, Milestone
from koers.elaboration.services import contributor_emails
from koers.organisations.models import Family, Organisation

from . import periods
from .constants import EXPLAINED, FrozenBecause, PlanKind, ReportStatus
from .models import (
    MilestonePlan,
    ProgressReport,
    ReportedMilestone,
    ReportingRound,
    RoundReminder,
)
from .rollup import unreported
from .tasks import store_roll_up


class StaleReport(ValidationError):
    """Another report on the commitment was made since the form was loaded."""

    def __init__(self, current: ProgressReport | None):
        super().__init__(
            _(
                "Intussen is er een nieuwere rapportage over deze uitwerking; uw rapportage is "
                "niet opgeslagen."
            )
        )
        self.current = current


@dataclass
class MilestoneReport:
    milestone: Milestone
    done_on: datetime.date | None = None
    replanned_to: datetime.date | None = None
    reason: str = ""


# --- rounds ------------------------------------------------------------------------------------


@transaction.atomic
def open_round(
    programme,
    *,
    period: str,
    deadline: datetime.date,
    opens_on: datetime.date | None = None,
    note: str = "",
    by,
) -> ReportingRound:
    """Ask every organisation for its progress over `period`; freezes the baselines of every
    milestone that has none yet."""
    try:
        period = periods.parse(period).code
    except ValidationError as error:
        raise ValidationError({"period": error.messages}) from None
    # Two people opening the same period at once: the second waits here, then finds the first.
    lock_parent(programme)
    if ReportingRound.objects.filter(programme=programme, period=period).exists():
        raise ValidationError(
            {"period": _("Er is al een rapportageronde over %(period)s.") % {"period": period}}
        )
    opening = ReportingRound(
        programme=programme,
        period=period,
        deadline=deadline,
        opens_on=opens_on or timezone.localdate(),
        note=note,
        opened_by=by,
    )
    opening.full_clean(exclude=["opened_by"])
    opening._history_user = by
    opening.save()
    freeze_baselines(programme=programme, because=FrozenBecause.ROUND, by=by)
    events.announce(
        programme,
        events.PROGRESS_ROUND,
        _("Voortgang over %(period)s: rapportageronde geopend") % {"period": period},
        reverse("monitoring:round-detail", args=[programme.slug, period]),
    )
    return opening


class RoundClosed(ValidationError):
    """The round is closed: its reports are final."""


def closed_message(round_: ReportingRound) -> str:
    return _(
        "De rapportageronde over %(period)s is gesloten op %(day)s; er kan niet meer over "
        "worden gerapporteerd."
    ) % {"period": round_.label, "day": date_format(timezone.localtime(round_.closed_at), "j F Y")}


@transaction.atomic
def close_round(round_: ReportingRound, *, by) -> ReportingRound:
    """Close `round_`: no reports after this, and its progress report counts as published
    (announced to the news stream). Stored with who and when, in the round's history. Closing a
    closed round is refused."""
    # Reports lock the commitment, closing locks the round: read it again under the lock so two
    # closings (or a closing beside a report) see each other.
    round_ = ReportingRound.objects.select_for_update().get(pk=round_.pk)
    if round_.is_closed:
        raise RoundClosed(closed_message(round_))
    round_.closed_at = timezone.now()
    round_.closed_by = by
    round_._history_user = by
    round_.save(update_fields=["closed_at", "closed_by"])
    programme = round_.programme
    events.announce(
        programme,
        events.PROGRESS_PUBLISHED,
        _("Voortgangsrapportage over %(period)s gepubliceerd") % {"period": round_.label},
        reverse("documents:progress-report", args=[programme.slug, round_.period]),
    )
    return round_


# --- plans of milestones -----------------------------------------------------------------------


def freeze_baselines(*, programme=None, commitment=None, because: str, by=None) -> int:
    """Record the date of every milestone (of the programme, or of one commitment) that has no
    baseline yet as its baseline. Returns how many; running it again records none."""
    milestones = Milestone.objects.exclude(
        Exists(MilestonePlan.objects.baselines().filter(milestone=OuterRef("pk")))
    )
    if commitment is not None:
        milestones = milestones.filter(commitment=commitment)
    else:
        milestones = milestones.filter(commitment__programme=programme)
    now = timezone.now()
    plans = [
        MilestonePlan(
            commitment_id=commitment_id,
            milestone_id=pk,
            title=title,
            kind=PlanKind.BASELINE,
            due_on=due_on,
            frozen_because=because,
            recorded_by=by,
            recorded_at=now,
        )
        for pk, commitment_id, title, due_on in milestones.values_list(
            "pk", "commitment_id", "title", "due_on"
        )
    ]
    # A writer at the same moment may freeze the same milestone: the constraint keeps one.
    MilestonePlan.objects.bulk_create(plans, ignore_conflicts=True)
    return len(plans)


def planned_dates(milestone_ids) -> dict[int, datetime.date]:
    """Per milestone, the date of its latest plan (baseline or re-plan); one query."""
    latest: dict[int, datetime.date] = {}
    rows = (
        MilestonePlan.objects.filter(milestone_id__in=list(milestone_ids))
        .order_by("milestone_id", "recorded_at", "pk")
        .values_list("milestone_id", "due_on")
    )
    for milestone_id, due_on in rows:
        latest[milestone_id] = due_on
    return latest


def _record_replan(milestone: Milestone, due_on, *, reason: str, by, report=None) -> MilestonePlan:
    return MilestonePlan.objects.create(
        commitment_id=milestone.commitment_id,
        milestone=milestone,
        title=milestone.title,
        kind=PlanKind.REPLAN,
        due_on=due_on,
        reason=reason[:500],
        report=report,
        recorded_by=by,
    )


def on_milestone_saved(sender, instance: Milestone, created=False, raw=False, **kwargs):
    """A milestone saved in the elaboration: its baseline once its commitment is committed, a
    re-plan when its date moved away from the latest plan."""
    if raw:
        return
    latest = planned_dates([instance.pk]).get(instance.pk)
    by = getattr(instance, "_history_user", None)
    if latest is None:
        if instance.commitment.status != CommitmentStatus.DRAFT:
            freeze_baselines(commitment=instance.commitment, because=FrozenBecause.COMMITTED, by=by)
    elif latest != instance.due_on:
        _record_replan(
            instance, instance.due_on, reason=_("Datum gewijzigd in de uitwerking."), by=by
        )


def on_commitment_saved(sender, instance: Commitment, created=False, raw=False, **kwargs):
    """A commitment committed: its milestones' dates become their baselines once the save,
    milestones included, is committed (the form saves the commitment before its milestones)."""
    if raw or instance.status == CommitmentStatus.DRAFT:
        return
    by = getattr(instance, "_history_user", None)
    pk = instance.pk
    transaction.on_commit(
        lambda: freeze_baselines(
            commitment=Commitment(pk=pk), because=FrozenBecause.COMMITTED, by=by
        )
    )


def on_version_moved(sender, version=None, previous=None, by=None, **kwargs):
    if version is not None and version.state == VersionState.ADOPTED and previous != version.state:
        freeze_baselines(programme=version.programme, because=FrozenBecause.ADOPTION, by=by)


def connect_signals() -> None:
    """Called from MonitoringConfig.ready()."""
    from django.db.models.signals import post_save

    from koers.agenda.signals import version_moved

    version_moved.connect(on_version_moved, dispatch_uid="monitoring-freeze-baselines")
    post_save.connect(on_milestone_saved, sender=Milestone, dispatch_uid="monitoring-milestone")
    post_save.connect(on_commitment_saved, sender=Commitment, dispatch_uid="monitoring-commitment")


# --- reports -----------------------------------------------------------------------------------


def current_report(round_: ReportingRound, commitment: Commitment) -> ProgressReport | None:
    return ProgressReport.objects.current().filter(round=round_, commitment=commitment).first()


def _check_report(round_, commitment, status, percent, explanation, milestones, today):
    errors: dict[str | None, list[str]] = {}
    if commitment.programme_id != round_.programme_id:
        errors.setdefault(None, []).append(_("Deze uitwerking hoort bij een ander programma."))
    if round_.is_closed:
        raise RoundClosed(closed_message(round_))
    if not round_.is_open(today):
        errors.setdefault(None, []).append(
            _("De rapportageronde opent op %(day)s.")
            % {"day": date_format(round_.opens_on, "j F Y")}
        )
    if not 0 <= percent <= 100:
        errors.setdefault("percent", []).append(_("Kies een percentage van 0 tot en met 100."))
    elif status == ReportStatus.DONE and percent != 100:
        errors.setdefault("percent", []).append(
            _("Een uitwerking die gereed is, staat op 100 procent; kies 100 of een andere status.")
        )
    if status in EXPLAINED and not explanation.strip():
        errors.setdefault("explanation", []).append(
            _("Licht toe waarom de status “%(status)s” is.")
            % {"status": ReportStatus(status).label}
        )
    for item in milestones:
        if item.milestone.commitment_id != commitment.pk:
            errors.setdefault("milestones", []).append(
                _("Mijlpaal “%(title)s” hoort niet bij deze uitwerking.")
                % {"title": item.milestone.title}
            )
        if item.done_on and item.done_on > today:
            errors.setdefault("milestones", []).append(
                _("Mijlpaal “%(title)s” kan niet gereed zijn op een dag die nog moet komen.")
                % {"title": item.milestone.title}
            )
        if item.replanned_to and not item.reason.strip():
            errors.setdefault("milestones", []).append(
                _("Geef de reden van de nieuwe datum van mijlpaal “%(title)s”.")
                % {"title": item.milestone.title}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_report(
    commitment: Commitment,
    round_: ReportingRound,
    *,
    status: str,
    percent: int,
    explanation: str = "",
    evidence_url: str = "",
    evidence_file=None,
    milestones: list[MilestoneReport] = (),
    based_on: int | None = None,
    by,
) -> ProgressReport:
    """Report how far `commitment` is in `round_`: a new report that supersedes the current
    one. `based_on` is the number of the report the person saw (0 for none); when another was
    made since, StaleReport is raised and nothing is saved. None skips that check (a script)."""
    today = timezone.localdate()
    milestones = [m for m in milestones if m.done_on or m.replanned_to]
    _check_report(round_, commitment, status, percent, explanation, milestones, today)
    # The commitment's row orders the writers: the second one waits here, then sees the first.
    Commitment.objects.select_for_update().filter(pk=commitment.pk).values_list("pk").first()
    if ReportingRound.objects.filter(pk=round_.pk, closed_at__isnull=False).exists():
        round_.refresh_from_db(fields=["closed_at", "closed_by"])
        raise RoundClosed(closed_message(round_))
    current = current_report(round_, commitment)
    number = current.number if current else 0
    if based_on is not None and based_on != number:
        raise StaleReport(current)
    freeze_baselines(commitment=commitment, because=FrozenBecause.REPORT, by=by)
    try:
        with transaction.atomic():
            if current is not None:
                current.is_current = False
                current.save(update_fields=["is_current"])
            report = ProgressReport(
                round=round_,
                commitment=commitment,
                organisation_id=commitment.organisation_id,
                number=number + 1,
                status=status,
                percent=percent,
                explanation=explanation.strip(),
                evidence_url=evidence_url,
                reported_by=by,
            )
            if evidence_file:
                report.evidence_file = evidence_file
            elif current is not None and current.evidence_file:
                # A new report without a new file keeps showing the evidence given before.
                report.evidence_file = current.evidence_file.name
            report.save()
    except IntegrityError:
        # Another writer got there first despite the lock (a database without row locks).
        raise StaleReport(current_report(round_, commitment)) from None
    _record_milestones(report, milestones, by)
    # The round's roll-up is stored again in the background once the report is committed.
    transaction.on_commit(
        functools.partial(store_roll_up.enqueue, round_id=round_.pk, report_id=report.pk)
    )
    return report


def _record_milestones(report: ProgressReport, milestones: list[MilestoneReport], by) -> None:
    for item in milestones:
        milestone = item.milestone
        ReportedMilestone.objects.create(
            report=report,
            milestone=milestone,
            title=milestone.title,
            done_on=item.done_on,
            replanned_to=item.replanned_to,
            reason=item.reason.strip()[:500],
        )
        changed = []
        if item.replanned_to and item.replanned_to != milestone.due_on and not item.done_on:
            # The plan first: the milestone's own save then finds nothing new to record.
            _record_replan(milestone, item.replanned_to, reason=item.reason, by=by, report=report)
            milestone.due_on = item.replanned_to
            changed.append("due_on")
        if item.done_on and item.done_on != milestone.done_on:
            milestone.done_on = item.done_on
            changed.append("done_on")
        if changed:
            milestone._history_user = by
            milestone.save(update_fields=changed)


# --- who has not reported, reminders ----------------------------------------------------------


def _absolute(path: str) -> str:
    # SITE_URL, never a request's Host header: a forged Host must not end up in a mail.
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def send_round_reminders(round_: ReportingRound, family: Family, *, by) -> list[RoundReminder]:
    """Mail the contributors of the family's members that have not reported on every commitment
    in the round and were not reminded in it yet; each organisation once per round."""
    # Two people pressing at once: the second waits, then finds the first one's reminders.
    Family.objects.select_for_update().filter(pk=family.pk).values_list("pk").first()
    members = family.members(timezone.localdate()).values_list("pk", flat=True)
    missing = unreported(round_, members)
    reminded = set(
        RoundReminder.objects.filter(round=round_, organisation_id__in=missing).values_list(
            "organisation_id", flat=True
        )
    )
    due = [pk for pk in missing if pk not in reminded]
    emails = contributor_emails(round_.programme, due)
    organisations = Organisation.objects.filter(pk__in=due).order_by("sort_name", "code")
    programme = round_.programme
    subject = _("Herinnering: rapporteer de voortgang over %(period)s in %(programme)s") % {
        "period": round_.label,
        "programme": programme.name,
    }
    reminders = []
    for organisation in organisations:
        link = _absolute(
            reverse("monitoring:organisation-progress", args=[programme.slug, organisation.code])
        )
        context = {
            "programme": programme,
            "round": round_,
            "organisation": organisation,
            "count": missing[organisation.pk],
            "link": link,
        }
        addresses = emails.get(organisation.pk, [])
        body = render_to_string("monitoring/email/reminder.txt", context)
        for address in addresses:
            # The database queue stores the mail in this transaction: no reminder without mail.
            send_email.enqueue(subject=subject, body=body, to=[address])
        reminders.append(
            RoundReminder.objects.create(
                round=round_, organisation=organisation, sent_by=by, recipients=len(addresses)
            )
        )
    return reminders
