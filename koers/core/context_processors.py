from django.conf import settings


def navigation(request):
    return {"SITE_NAME": "Koers", "LANGUAGES": settings.LANGUAGES}
