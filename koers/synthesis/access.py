"""The access helper for a theme: the theme pages and the processing pages load it through this,
after the programme permission the page needs (koers/core/access.py; the rules are in
koers/accounts/rules.py)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from koers.organisations.access import get_programme

from .models import Theme


def get_theme(request: HttpRequest, slug: str, pk: int, permission: str, *, queryset=None):
    """(programme, theme) when the user holds `permission` on the programme; 404/403 otherwise."""
    programme = get_programme(request, slug, permission)
    theme = get_object_or_404(
        queryset if queryset is not None else Theme.objects, programme=programme, pk=pk
    )
    theme.programme = programme  # already loaded; its addresses need the slug
    return programme, theme
