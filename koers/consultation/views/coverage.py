"""Consultation views: coverage."""

urlpatterns = []
