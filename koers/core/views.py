from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koers.organisations.models import Programme


def home(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.public().select_related("council")
    return render(request, "core/home.html", {"programmes": programmes})


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The page django-axes shows instead of a login form past AXES_FAILURE_LIMIT failures.

    The same for /inloggen and /beheer/; it says how long to wait, in minutes, and Retry-After
    says the same to programs.
    """
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
