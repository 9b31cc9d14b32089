"""Placeholder: document pages."""

urlpatterns = []
