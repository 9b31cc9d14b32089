"""Who may change a version's structure and trace: the drafting pages load a version through
the agenda's one version helper (koers/agenda/access.py); the office, which manages the
structure, sees every version of its programme."""

from django.http import HttpRequest

from koers.agenda import access
from koers.organisations.models import Programme

MANAGE = "drafting.manage_structure"


def may_manage(request: HttpRequest, programme: Programme) -> bool:
    return request.user.has_perm(MANAGE, programme)


def get_version(request: HttpRequest, slug: str, number: int, *, manage: bool = False):
    """The version, or 404/403; with `manage`, only for those who manage the structure.

    Sets `version.may_manage` for the templates.
    """
    if manage:
        version = access.get_version(request, slug, number, MANAGE, programme_permission=MANAGE)
    else:
        version = access.get_version(request, slug, number)
    version.may_manage = manage or may_manage(request, version.programme)
    return version
