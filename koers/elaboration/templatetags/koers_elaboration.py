"""Template tags of the elaboration, for the pages of earlier stages that link to it (named in
the AppConfig, so those stages import nothing of it)."""

from django import template

from koers.agenda.constants import VersionState
from koers.organisations.models import Family, Organisation

from ..models import Commitment

register = template.Library()


@register.simple_tag(takes_context=True)
def commitment_programmes(context, organisation: Organisation) -> list:
    """The programmes, with an adopted agenda, in whose families the organisation is a member
    today and whose commitments of it the user may read (`elaboration.view_commitments`)."""
    user = context["request"].user
    families = list(
        Family.objects.filter(programme__versions__state=VersionState.ADOPTED)
        .select_related("programme")
        .distinct()
        .order_by("programme__name", "position", "name")
    )
    membership = (
        Organisation.objects.current().filter(pk=organisation.pk).count_per_family(families)
    )
    programmes = {f.programme.pk: f.programme for f in families if membership[f.pk]}
    return [
        programme
        for programme in programmes.values()
        if user.has_perm(
            "elaboration.view_commitments",
            Commitment(organisation=organisation, programme=programme),
        )
    ]
