from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404


def get_programme(request: HttpRequest, slug: str, permission: str):
    """The programme of `slug` when the user holds `permission` on it; 404 or 403 otherwise."""
    from .models import Programme

    programme = get_object_or_404(Programme, slug=slug)
    if not request.user.has_perm(permission, programme):
        raise PermissionDenied
    return programme
