from django.http import HttpResponse


def healthz_middleware(get_response):
    """Answer /healthz before sessions, auth or the database are touched.

    It sits first in MIDDLEWARE so that load tests measure the bare server.
    """

    def middleware(request):
        if request.path == "/healthz":
            return HttpResponse(b"ok\n", content_type="text/plain")
        return get_response(request)

    return middleware
