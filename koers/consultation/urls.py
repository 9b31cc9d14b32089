"""Consultation pages; each part of the cycle keeps its views and routes in its own module."""

from .views import agenda, claims, contributions, coverage, reviewers, roundtables

urlpatterns = [
    *agenda.urlpatterns,
    *roundtables.urlpatterns,
    *reviewers.urlpatterns,
    *contributions.urlpatterns,
    *coverage.urlpatterns,
    *claims.urlpatterns,
]
