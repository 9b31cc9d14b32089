"""Every API error is an RFC 9457 problem (application/problem+json), as the NL API Design Rules ask.

Errors raised inside DRF views pass through `problem_exception_handler`, unhandled ones too
(also with DEBUG on, where Django would answer with its HTML page); everything that never
reaches a DRF view (an unknown route, a refused Host header, an exception in a middleware) goes
through `bad_request`, `permission_denied`, `not_found` and `server_error`, which the root
URLconf installs for paths under /api/.
"""

import logging
from http import HTTPStatus

from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

PROBLEM_CONTENT_TYPE = "application/problem+json"

logger = logging.getLogger("django.request")


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def problem(request: HttpRequest, status: int, detail: str, **extra) -> dict:
    # With type "about:blank" RFC 9457 wants the title to be the HTTP status phrase; what went
    # wrong in this particular request belongs in `detail`.
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.get_full_path(),
        **extra,
    }


def invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested validation errors into the NL list of {name, code, reason}."""
    if isinstance(detail, dict):
        return [
            param
            for key, value in detail.items()
            for param in invalid_params(value, f"{prefix}.{key}" if prefix else str(key))
        ]
    if isinstance(detail, list):
        params = []
        for index, value in enumerate(detail):
            # A list of messages belongs to the field itself; a list of objects has positions.
            name = f"{prefix}[{index}]" if isinstance(value, dict | list) else prefix
            params.extend(invalid_params(value, name))
        return params
    return [{"name": prefix, "code": getattr(detail, "code", "invalid"), "reason": str(detail)}]


def problem_exception_handler(exc, context):
    """Turn DRF errors into problem details, and any other exception into a 500 problem."""
    if isinstance(exc, Http404):
        # Django's message names the model class ("No Organisation matches the given query."):
        # an implementation detail, and untranslated.
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    request = context["request"]
    if response is None:
        return _server_error_problem(request, exc)
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            request,
            response.status_code,
            _("Een of meer parameters zijn ongeldig."),
            invalidParams=invalid_params(exc.detail),
        )
    else:
        detail = response.data.get("detail") if isinstance(response.data, dict) else None
        body = problem(request, response.status_code, str(detail or exc))
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


SERVER_ERROR_DETAIL = gettext_lazy("Er ging iets mis aan onze kant.")


def _server_error_problem(request, exc: Exception) -> Response:
    """What Django does for an unhandled exception (log it, tell the test client and error
    reporters), but answered as a problem even with DEBUG on: API clients parse the body."""
    django_request = getattr(request, "_request", request)
    set_rollback()  # what a raised exception would have done to an atomic request
    got_request_exception.send(sender=None, request=django_request)
    logger.error(
        "Internal Server Error: %s",
        django_request.path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": django_request},
    )
    # Say nothing about the cause: internal details must not leak to API clients.
    return Response(
        problem(request, 500, str(SERVER_ERROR_DETAIL)),
        status=500,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def problem_response(request: HttpRequest, status: int, detail: str) -> JsonResponse:
    return JsonResponse(
        problem(request, status, detail),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        # The same compact UTF-8 JSON as DRF's renderer writes for the other problems.
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


def unknown_route(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The last route under /api/v1/: also catches a trailing slash, which is a 404, not a redirect."""
    return problem_response(request, 404, _("Deze URL bestaat niet in de API."))


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return unknown_route(request)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        # A refused Host header, too many fields, a body too large: say so, not why exactly.
        return problem_response(request, 400, _("Dit verzoek kan niet worden verwerkt."))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return problem_response(request, 403, _("U hebt geen toegang tot deze bron."))
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api_request(request):
        # Say nothing about the cause: internal details must not leak to API clients.
        return problem_response(request, 500, str(SERVER_ERROR_DETAIL))
    return defaults.server_error(request)
