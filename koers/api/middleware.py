from django.conf import settings


def api_version_middleware(get_response):
    """Headers that the NL API Design Rules ask of every API response.

    The full version (API-57), because the URI only carries the major version. CORS open to every
    origin, because the read API serves public data and the OpenAPI document must be readable
    from any browser (/core/publish-openapi); no credentials are allowed cross-origin, so a
    visitor's session never travels along. And the API security headers that Django's own
    middleware does not already send (/core/transport/security-headers).
    """

    def middleware(request):
        response = get_response(request)
        if request.path_info.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "API-Version, Link, X-Total-Count"
            response.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        return response

    return middleware
