"""Documents: the response report, the agenda document, exports (routes in views.py)."""

from .views import urlpatterns  # noqa: F401
