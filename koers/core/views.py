from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .workers import readiness


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness for a load balancer or orchestrator: 200 when the database answers and a task
    worker had a heartbeat within TASK_WORKER_TIMEOUT, else 503; the body says which, with the
    worker's last heartbeat and the length of the queue. (/healthz only says the process lives.)"""
    ready, report = readiness()
    response = JsonResponse(
        {"status": "ready" if ready else "not ready", **report},
        status=200 if ready else 503,
        headers={"Cache-Control": "no-store"},
    )
    # A probe asks every few seconds: no "Service Unavailable" line in the log each time.
    response._has_been_logged = True
    return response


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
