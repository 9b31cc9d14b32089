"""Writes of the processing (verwerking): what was done with each contribution, and why.

A disposition is always a person's decision with a reason. It is made one by one, or in bulk for
all counted contributions of a theme or a campaign, leaving out the exceptions the person names.
A bulk decision never overwrites one made one by one (that one is an exception on purpose),
unless the person explicitly asks for it; a one-by-one decision on a contribution that had a bulk
disposition makes it an exception (via_theme and via_campaign are cleared).

Bulk writes go through koers.core.bulk: one prepared statement per row kind and one
INSERT ... SELECT for the history rows, so a theme of 20,000 contributions takes well under a
second instead of minutes of save() calls.
"""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.consultation.models import Contribution
from koers.core.bulk import copy_to_history, insert_rows, update_rows

from . import tally
from .constants import Outcome
from .models import Campaign, Disposition, Theme, ThemeAssignment

# simple_history's change reason column holds 100 characters.
REASON_CHARS = 100
HISTORY_CHUNK = 500


def undisposed(contributions):
    """Of `contributions`, the visible ones nobody decided on yet: the processing still to do."""
    # NOT EXISTS, not NOT IN: PostgreSQL turns it into an anti-join whatever the size, where
    # NOT IN over a million dispositions no longer fit its memory for a hash and it compared
    # every contribution with every disposition (over a minute for one page).
    decided = Disposition.objects.filter(contribution_id=OuterRef("pk"))
    return contributions.visible().filter(~Exists(decided))


def disposed(contributions, outcome: str | None = None):
    """Of `contributions`, those with a disposition (with `outcome`, when given)."""
    dispositions = Disposition.objects.all()
    if outcome is not None:
        dispositions = dispositions.filter(outcome=outcome)
    return contributions.filter(pk__in=dispositions.values("contribution_id"))


class DispositionRefused(ValidationError):
    """A disposition that cannot be recorded as asked (no reason, unknown outcome, nothing chosen)."""


class Disposed(NamedTuple):
    """What a bulk disposition did."""

    created: int  # contributions that had no disposition yet
    changed: int  # earlier dispositions replaced
    kept: int  # one-by-one decisions left as they were


def _checked(outcome: str, reason: str) -> str:
    if outcome not in Outcome.values:
        raise DispositionRefused(_("Kies wat er met de inbreng is gedaan."), code="outcome")
    reason = (reason or "").strip()
    if not reason:
        raise DispositionRefused(
            _("Geef een toelichting: waarom is de inbreng zo verwerkt?"), code="reason"
        )
    return reason


def _history_reason(text: str) -> str:
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


def _copy_history(contribution_ids: list[int], *, history_type: str, why: str, by, now) -> None:
    """History rows of the dispositions of these contributions, found through the unique index
    on the contribution (a few hundred at a time, well under every database's parameter limit)."""
    for start in range(0, len(contribution_ids), HISTORY_CHUNK):
        chunk = contribution_ids[start : start + HISTORY_CHUNK]
        copy_to_history(
            Disposition,
            "contribution_id IN ({})".format(", ".join(["%s"] * len(chunk))),
            chunk,
            history_type=history_type,
            reason=why,
            user=by,
            date=now,
        )


def _write(
    targets: list[tuple[int, int | None]],
    outcome: str,
    reason: str,
    *,
    by,
    via_theme: Theme | None,
    via_campaign: Campaign | None,
    why: str,
) -> int:
    """Record the decision for (contribution id, existing disposition id or None) pairs, each with
    a history row by `by`; returns how many rows were written."""
    now = timezone.now()
    common = {
        "outcome": outcome,
        "reason": reason,
        "decided_by_id": by.pk,
        "decided_at": now,
        "via_theme_id": via_theme.pk if via_theme else None,
        "via_campaign_id": via_campaign.pk if via_campaign else None,
    }
    new = [{"contribution_id": c, **common} for c, d in targets if d is None]
    changed = [{"id": d, **common} for _c, d in targets if d is not None]
    why = _history_reason(why)
    with tally.keeping([c for c, _d in targets]):
        insert_rows(Disposition, new)
        update_rows(Disposition, list(common), changed)
    _copy_history([c for c, d in targets if d is None], history_type="+", why=why, by=by, now=now)
    _copy_history(
        [c for c, d in targets if d is not None], history_type="~", why=why, by=by, now=now
    )
    return len(targets)


@transaction.atomic
def dispose(contribution_ids, outcome: str, reason: str, *, by, programme=None) -> int:
    """Decide on contributions one by one (the same decision for each one chosen); an earlier
    bulk disposition of any of them becomes this person's own decision. `programme`, when given,
    keeps contributions of other programmes out. Returns how many were disposed."""
    reason = _checked(outcome, reason)
    contributions = Contribution.objects.filter(pk__in=list(contribution_ids))
    if programme is not None:
        contributions = contributions.filter(programme=programme)
    targets = list(contributions.values_list("pk", "disposition__id"))
    if not targets:
        raise DispositionRefused(_("Kies ten minste één bijdrage."), code="empty")
    return _write(
        targets, outcome, reason, by=by, via_theme=None, via_campaign=None, why=_("verwerkt")
    )


def _dispose_members(
    members,
    outcome,
    reason,
    *,
    by,
    except_ids,
    overwrite,
    via_theme=None,
    via_campaign=None,
    why: str,
) -> Disposed:
    reason = _checked(outcome, reason)
    excepted = {int(pk) for pk in except_ids}
    rows = (
        members.filter(contribution__is_hidden=False)
        .values_list(
            "contribution_id",
            "contribution__disposition__id",
            "contribution__disposition__via_theme_id",
            "contribution__disposition__via_campaign_id",
        )
        .order_by()
    )
    targets, kept, created = [], 0, 0
    for contribution_id, disposition_id, theme_id, campaign_id in rows.iterator(chunk_size=5000):
        if contribution_id in excepted:
            continue
        one_by_one = disposition_id is not None and theme_id is None and campaign_id is None
        if one_by_one and not overwrite:
            kept += 1
            continue
        created += disposition_id is None
        targets.append((contribution_id, disposition_id))
    if not targets and not kept:
        raise DispositionRefused(
            _("Er is geen inbreng om te verwerken: alles is uitgezonderd of er is niets."),
            code="empty",
        )
    _write(targets, outcome, reason, by=by, via_theme=via_theme, via_campaign=via_campaign, why=why)
    return Disposed(created, len(targets) - created, kept)


@transaction.atomic
def dispose_theme(
    theme: Theme, outcome: str, reason: str, *, by, except_ids=(), overwrite: bool = False
) -> Disposed:
    """Decide for every counted contribution of a theme at once, except `except_ids`. Decisions
    made one by one stay, unless `overwrite` (the person chose to also overwrite those)."""
    if theme.merged_into_id is not None:
        raise DispositionRefused(
            _("Dit thema is samengevoegd; verwerk het thema waarin het opging."), code="merged"
        )
    return _dispose_members(
        ThemeAssignment.objects.filter(theme=theme),
        outcome,
        reason,
        by=by,
        except_ids=except_ids,
        overwrite=overwrite,
        via_theme=theme,
        why=_("verwerkt per thema “%(label)s”") % {"label": theme.label},
    )


@transaction.atomic
def dispose_campaign(
    campaign: Campaign, outcome: str, reason: str, *, by, except_ids=(), overwrite: bool = False
) -> Disposed:
    """Decide for every counted letter of a campaign at once, except `except_ids` (same rules
    as dispose_theme)."""
    return _dispose_members(
        ThemeAssignment.objects.filter(campaign=campaign),
        outcome,
        reason,
        by=by,
        except_ids=except_ids,
        overwrite=overwrite,
        via_campaign=campaign,
        why=_("verwerkt per campagne %(number)s") % {"number": campaign.number},
    )
