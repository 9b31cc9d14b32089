"""Who may see or change a version's structure and trace: one helper for every agenda page.

A version is public when its programme is readable and the version is (see
AgendaVersion.is_public: a draft is the office's working text until its consultation opens).
The office, which manages the structure, sees every version of its programme.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from koers.consultation.models import AgendaVersion
from koers.organisations.models import Programme


def may_manage(request: HttpRequest, programme: Programme) -> bool:
    return request.user.has_perm("agenda.manage_structure", programme)


def get_version(request: HttpRequest, slug: str, number: int, *, manage: bool = False):
    """The version, or 404/403; with `manage`, only for those who manage the structure.

    Sets `version.may_manage` for the templates.
    """
    programme = get_object_or_404(Programme, slug=slug)
    managing = may_manage(request, programme)
    if not managing and (
        manage or not request.user.has_perm("organisations.view_programme", programme)
    ):
        raise PermissionDenied
    version = get_object_or_404(
        AgendaVersion.objects.select_related("based_on"), programme=programme, number=number
    )
    version.programme = programme
    if not managing and not version.is_public():
        raise PermissionDenied
    version.may_manage = managing
    return version
