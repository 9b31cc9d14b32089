"""Routes of the elaboration: commitments and milestones per organisation, family overviews and reminders (namespace `elaboration`)."""

from django.urls import path

from .views import (
    commitment_create,
    commitment_edit,
    elaboration_family,
    elaboration_home,
    organisation_commitments,
    reminders_send,
)

app_name = "elaboration"

urlpatterns = [
    # views
    path("programmas/<slug:slug>/uitwerking", elaboration_home, name="elaboration-home"),
    path(
        "programmas/<slug:slug>/uitwerking/<slug:family_slug>",
        elaboration_family,
        name="elaboration-family",
    ),
    path(
        "programmas/<slug:slug>/uitwerking/<slug:family_slug>/herinneren",
        reminders_send,
        name="reminders-send",
    ),
    path(
        "programmas/<slug:slug>/organisaties/<str:code>/toezeggingen",
        organisation_commitments,
        name="organisation-commitments",
    ),
    path(
        "programmas/<slug:slug>/organisaties/<str:code>/toezeggingen/nieuw",
        commitment_create,
        name="commitment-create",
    ),
    path(
        "programmas/<slug:slug>/organisaties/<str:code>/toezeggingen/<int:pk>",
        commitment_edit,
        name="commitment-edit",
    ),
]
