"""A person's own pages."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.core.access import login_when_anonymous

from . import work
from .work import Item, Section


@require_GET
@login_when_anonymous
def my_work(request: HttpRequest) -> HttpResponse:
    """What waits for the user in each of their roles, with links to where it is done."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    sections = work.my_work(user)
    if user.is_staff:
        sections.append(
            Section(
                _("Functioneel beheer"),
                [
                    Item(
                        _("Beheer"),
                        reverse("admin:index"),
                        detail=_("Register, programma's, families, voorzieningen en rollen"),
                    )
                ],
            )
        )
    # Where to look when nothing waits: the programmes of the user's roles they may open.
    programmes = [
        programme
        for programme in {role.programme_id: role.programme for role in work.roles(user)}.values()
        if user.has_perm("organisations.view_programme", programme)
    ]
    return render(
        request,
        "accounts/my_work.html",
        {"sections": sections, "programmes": programmes},
    )
