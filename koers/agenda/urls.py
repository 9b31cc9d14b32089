"""Agenda pages; each part keeps its views and routes in its own module."""

from .views import council, elaboration, structure, trace

urlpatterns = [
    *structure.urlpatterns,
    *trace.urlpatterns,
    *council.urlpatterns,
    *elaboration.urlpatterns,
]
