from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
