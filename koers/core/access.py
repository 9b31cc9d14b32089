"""Access helpers shared by the views of every app."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404


def login_when_anonymous(view):
    """Ask a visitor who is refused to log in first: only logged-in roles are ever granted more.

    Logged-in users who are refused still get 403, so a contributor of another organisation is
    told no rather than shown a login form for an account they already use.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapper


def get_programme(request: HttpRequest, slug: str, permission: str):
    """The programme of `slug` when the user holds `permission` on it; 404 or 403 otherwise."""
    from koers.organisations.models import Programme

    programme = get_object_or_404(Programme, slug=slug)
    if not request.user.has_perm(permission, programme):
        raise PermissionDenied
    return programme
