"""Access helpers shared by the views of every app."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


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
