"""Writes of the consultation that span models, send mail or must be audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations.models import Family, Organisation, Programme

from .constants import VersionState
from .models import AgendaVersion, Contribution
from .signals import version_moved


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
    if by is not None:
        contribution._history_user = by
    contribution.full_clean(exclude=["paragraphs", "attachment"])
    contribution.save()
    if paragraphs:
        contribution.paragraphs.set(paragraphs)
    return contribution


@transaction.atomic
def move_version(version: AgendaVersion, state: str, by=None) -> AgendaVersion:
    """Move a version along draft -> concept -> adopted; adopted freezes it."""
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
    previous = version.state
    version.state = state
    if state == VersionState.ADOPTED:
        version.adopted_at = timezone.now()
    if by is not None:
        version._history_user = by
    version.save()
    # After the commit: listeners send mail (through the task queue) about what really happened.
    transaction.on_commit(
        lambda: version_moved.send(sender=AgendaVersion, version=version, previous=previous, by=by)
    )
    return version


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
