"""Consultation views: reviewers."""

urlpatterns = []
