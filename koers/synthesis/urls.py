"""Synthesis pages; each part keeps its views and routes in its own module."""

from .views import campaigns, dispositions, runs, themes, threads

urlpatterns = [
    *runs.urlpatterns,
    *themes.urlpatterns,
    *campaigns.urlpatterns,
    *threads.urlpatterns,
    *dispositions.urlpatterns,
]
