"""Consultation views: roundtables."""

urlpatterns = []
