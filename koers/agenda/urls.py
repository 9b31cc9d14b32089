"""Agenda pages; each part keeps its views and routes in its own module."""

from .views import council, elaboration, structure, text, trace

urlpatterns = [
    *structure.urlpatterns,
    *trace.urlpatterns,
    *text.urlpatterns,
    *council.urlpatterns,
    *elaboration.urlpatterns,
]
