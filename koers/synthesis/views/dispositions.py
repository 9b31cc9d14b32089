"""Placeholder: routes of this part of the synthesis pages."""

urlpatterns = []
