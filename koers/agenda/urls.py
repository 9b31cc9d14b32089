"""Agenda pages; each part keeps its views and routes in its own module."""

from .views import structure, trace

urlpatterns = [
    *structure.urlpatterns,
    *trace.urlpatterns,
]
