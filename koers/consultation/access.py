"""The access helpers for a version of the agenda, a contribution and a reader-reviewer: every
page, of this app and of the apps after it (agenda, synthesis, documents), loads them through
these.

The rules themselves live in koers/accounts/rules.py; these only find the object and ask.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from .models import Contribution, Reviewer

VIEW_CONTRIBUTION = "consultation.view_contribution"


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


def get_reviewer_for_user(request: HttpRequest, slug: str) -> Reviewer:
    """The confirmed reviewer the logged-in user is in this programme, or 403."""
    programme = get_object_or_404(Programme, slug=slug)
    reviewer = current_reviewer(request, programme)
    if reviewer is None:
        raise PermissionDenied
    return reviewer


def current_reviewer(request: HttpRequest, programme: Programme) -> Reviewer | None:
    """The confirmed reviewer the logged-in user is in this programme, if any."""
    if not request.user.is_authenticated:
        return None
    if not request.user.has_perm("consultation.react_as_reviewer", programme):
        return None
    return (
        Reviewer.objects.select_related("programme", "organisation")
        .filter(
            programme=programme,
            user=request.user,
            confirmed_at__isnull=False,
            anonymised_at__isnull=True,
        )
        .first()
    )


def reviewers_only(view):
    """Anonymous visitors get the page that mails a login link; others who are refused, 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, slug, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            messages.info(request, _("Log in als meelezer met een link die we u mailen."))
            return redirect("consultation:reviewer-login-link", slug)

    return wrapper
