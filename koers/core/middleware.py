from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


def healthz_middleware(get_response):
    """Answer /healthz before sessions, auth or the database are touched.

    It sits first in MIDDLEWARE so that load tests measure the bare server. /readyz (the
    readiness of database and task worker, koers.core.views.readyz) is answered here too: a
    probe gets its answer directly, never a redirect to https or a session cookie.
    """

    def middleware(request):
        if request.path == "/healthz":
            return HttpResponse(b"ok\n", content_type="text/plain")
        if request.path == "/readyz":
            from .views import readyz

            return readyz(request)
        return get_response(request)

    return middleware


def language_middleware(get_response):
    """Dutch first: the interface language is Dutch unless the user chose another.

    Django's LocaleMiddleware would follow the browser's Accept-Language and greet most visitors
    in English; here only the language switch (its cookie) changes the language.
    """

    available = {code for code, _name in settings.LANGUAGES}

    def middleware(request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response

    return middleware


def private_cache_middleware(get_response):
    """Keep pages with personal data out of shared caches and off the disk.

    A response to a logged-in user, or to a request that carries a session (or is given one),
    may show names, roles and unpublished input: `Cache-Control: private, no-store` keeps proxies
    from handing it to the next visitor and the browser from keeping it on a shared computer.
    It sits outside the session middleware, so that it sees the session cookie a login sets.
    """

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or settings.SESSION_COOKIE_NAME in response.cookies
            or (user is not None and user.is_authenticated)
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind a proxy the header the operator named.

    The same setting as the rate limits (RATELIMIT_IP_META_KEY), so that the login lockout and
    the rate limits count the same client. A request without that header did not come through
    the proxy; it is counted by the address it came from.
    """
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header, "").strip():
        # X-Forwarded-For lists every hop; the proxy appends the address it saw last, and only
        # that one is not the client's own say.
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"
