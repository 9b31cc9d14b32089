"""Consultation views: agenda."""

urlpatterns = []
