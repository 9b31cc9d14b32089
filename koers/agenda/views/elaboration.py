"""Placeholder: routes of this part of the agenda pages."""

urlpatterns = []
