"""Writes of the consultation that span models, send mail or must be audited."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations.constants import Moderation
from koers.organisations.models import Family, Organisation, Programme

from .constants import PUBLIC_CHANNELS, OrganisationClaim, Publication
from .models import Contribution, Reviewer


def family_of(programme: Programme, organisation: Organisation | None) -> Family | None:
    """The programme family an organisation belongs to (first by position), in one query."""
    if organisation is None:
        return None
    families = list(programme.families.all())
    counts = Organisation.objects.filter(pk=organisation.pk).count_per_family(families)
    return next((f for f in families if counts.get(f.pk)), None)


@transaction.atomic
def record_contribution(
    programme: Programme, *, text: str, channel: str, by=None, paragraphs=(), **fields
) -> Contribution:
    """Store one piece of input; the family follows from the organisation when not given."""
    if fields.get("organisation") and not fields.get("family"):
        fields["family"] = family_of(programme, fields["organisation"])
    contribution = Contribution(programme=programme, text=text, channel=channel, **fields)
    if channel in PUBLIC_CHANNELS and programme.moderation == Moderation.POST:
        # Post-moderation: public at once; the office looks at it afterwards (it is queued).
        contribution.published_text = text
    if by is not None:
        contribution._history_user = by
    contribution.full_clean(exclude=["paragraphs", "attachment"])
    contribution.save()
    if paragraphs:
        contribution.paragraphs.set(paragraphs)
    return contribution


class ModerationConflict(Exception):
    """The contribution is no longer what the moderator judged: its text changed since."""


def approve_contribution(
    contribution: Contribution, *, by, seen: str | None = None
) -> Contribution:
    """Looked at and fine: it leaves the queue and history records who judged it. `seen` is the
    text digest the moderator read; a text changed since is not approved unseen (the row is
    locked while this is checked, so whoever clicks first decides)."""
    with transaction.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if seen is not None and seen != contribution.text_digest:
            raise ModerationConflict(contribution)
        contribution.approve()
        contribution._history_user = by
        contribution.save()
    return contribution


def reject_contribution(contribution: Contribution, *, reason: str, by) -> Contribution:
    """Looked at and not fit to be read: judged now, and hidden with the reason."""
    contribution.moderated_at = timezone.now()
    return hide_contribution(contribution, reason=reason, by=by)


class Moderated(NamedTuple):
    """What a moderation in bulk did: the ids changed, and those skipped because they changed
    (were judged by someone else, edited or flagged again) since the page was shown."""

    changed: list[int]
    skipped: list[int]


@transaction.atomic
def moderate_contributions(
    programme: Programme, seen: dict[int, str], *, approve: bool, by, reason: str = ""
) -> Moderated:
    """Approve, or hide with `reason`, several contributions of the moderation queue at once,
    each as approve_contribution and reject_contribution do it one by one (a history row for
    each). `seen` maps each chosen id to its `moderation_digest` on the page the moderator
    read: a contribution whose judgement or text changed since, or that is no longer in the
    queue, is skipped and named, not overwritten."""
    if not approve and not reason.strip():
        raise ValidationError(_("Geef een reden om te verbergen."), code="reason")
    found = {
        c.pk: c
        for c in Contribution.objects.select_for_update().filter(
            programme=programme, pk__in=list(seen)
        )
    }
    changed, skipped = [], []
    for pk in sorted(seen):
        contribution = found.get(pk)
        if (
            contribution is None
            or contribution.moderation_digest != seen[pk]
            or not contribution.awaits_moderation
        ):
            skipped.append(pk)
        elif approve:
            approve_contribution(contribution, by=by)
            changed.append(pk)
        else:
            reject_contribution(contribution, reason=reason.strip(), by=by)
            changed.append(pk)
    return Moderated(changed, skipped)


def hide_contribution(contribution: Contribution, *, reason: str, by) -> Contribution:
    """Moderation hides text; nothing is deleted and history keeps the original."""
    contribution.is_hidden = True
    contribution.hidden_reason = reason
    contribution.hidden_by = by
    contribution.hidden_at = timezone.now()
    contribution._history_user = by
    contribution.save()
    return contribution


def unhide_contribution(contribution: Contribution, *, by) -> Contribution:
    contribution.is_hidden = False
    contribution.hidden_reason = ""
    contribution.hidden_by = None
    contribution.hidden_at = None
    contribution._history_user = by
    contribution.save()
    return contribution


def revise_reaction(
    reaction: Contribution, *, stance: str, text: str, publication: str, author_name: str, by
) -> Contribution:
    """A reviewer's change to their own reaction; the caller holds the row locked and saves.

    A new text, or consent to publish what was not public, goes back to the moderation queue.
    Under pre-moderation the text approved before stays what the public reads until the office
    approves the new one; under post-moderation the new text is public at once. Withdrawing
    consent (to publication, or to the name) takes effect at once: it never waits for anyone.
    """
    widens = reaction.publication == Publication.NONE and publication != Publication.NONE
    if text != reaction.text or widens:
        reaction.moderated_at = None
        if reaction.programme.moderation == Moderation.POST:
            reaction.published_text = text
        elif widens:
            # Approved while nobody but the office would read it: judged again for the public.
            reaction.published_text = ""
    reaction.stance = stance
    reaction.text = text
    reaction.publication = publication
    reaction.author_name = author_name
    reaction._history_user = by
    return reaction


@transaction.atomic
def judge_reviewer_organisation(reviewer: Reviewer, *, confirmed: bool, by) -> Reviewer:
    """Confirm or reject that a reviewer is from the organisation they named, recording who
    and when. Their reactions count for that organisation (coverage, public pages) only while
    the claim is confirmed; a rejected claim keeps the name on record but counts nowhere."""
    reviewer = Reviewer.objects.select_for_update().get(pk=reviewer.pk)
    if reviewer.organisation_id is None:
        raise ValidationError(_("Deze meelezer heeft geen organisatie opgegeven."))
    reviewer.organisation_claim = (
        OrganisationClaim.CONFIRMED if confirmed else OrganisationClaim.REJECTED
    )
    reviewer.organisation_checked_at = timezone.now()
    reviewer.organisation_checked_by = by
    reviewer.save(
        update_fields=["organisation_claim", "organisation_checked_at", "organisation_checked_by"]
    )
    return reviewer
