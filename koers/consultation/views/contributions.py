"""Consultation views: contributions."""

urlpatterns = []
