"""The access helpers for a version of the agenda and for a contribution: every page, of this
app and of the apps after it (agenda, synthesis, documents), loads them through these.

The rules themselves live in koers/accounts/rules.py; these only find the object and ask.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from koers.core.access import get_programme

from .models import AgendaVersion, Contribution

VIEW_VERSION = "consultation.view_version"
VIEW_CONTRIBUTION = "consultation.view_contribution"


def get_version(
    request: HttpRequest,
    slug: str,
    number: int,
    permission: str = VIEW_VERSION,
    *,
    programme_permission: str = "organisations.view_programme",
) -> AgendaVersion:
    """The version `number` of programme `slug` when the user holds `permission` on it.

    The programme is checked first (`programme_permission`; the office's pages pass their own),
    so a refused reader learns nothing about which version numbers exist: 404 for an unknown
    programme or version, 403 when refused.
    """
    programme = get_programme(request, slug, programme_permission)
    version = get_object_or_404(
        AgendaVersion.objects.select_related("based_on"), programme=programme, number=number
    )
    version.programme = programme
    if not request.user.has_perm(permission, version):
        raise PermissionDenied
    return version


def get_contribution(
    request: HttpRequest,
    slug: str,
    pk: int,
    programme_permission: str,
    permission: str = VIEW_CONTRIBUTION,
    *,
    queryset=None,
) -> Contribution:
    """The contribution `pk` of programme `slug`: the page's own permission on the programme
    first (`programme_permission`), then `permission` on the contribution itself."""
    programme = get_programme(request, slug, programme_permission)
    contribution = get_object_or_404(
        queryset if queryset is not None else Contribution.objects, programme=programme, pk=pk
    )
    contribution.programme = programme
    if not request.user.has_perm(permission, contribution):
        raise PermissionDenied
    return contribution
