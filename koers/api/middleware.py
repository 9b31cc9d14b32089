from django.conf import settings


def api_version_middleware(get_response):
    """Every API response carries the full API version (NL API Design Rules, API-57)."""

    def middleware(request):
        response = get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response

    return middleware
