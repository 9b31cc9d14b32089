"""Routes of the documents: the response report, the agenda document and the reviewer's answers (namespace `documents`)."""

from django.urls import path

from .progress_views import progress_report, progress_report_download
from .views import (
    agenda_document,
    agenda_document_download,
    response_report,
    response_report_download,
    response_report_family,
    response_report_family_download,
    reviewer_dispositions,
)

VERSION = "programmas/<slug:slug>/versies/<int:number>"
PROGRESS = "programmas/<slug:slug>/monitoring/voortgangsrapportage/<str:period>"
PROGRESS_FAMILY = PROGRESS + "/familie/<slug:family_slug>"

app_name = "documents"

urlpatterns = [
    # views
    path(VERSION + "/reactienota", response_report, name="response-report"),
    path(
        VERSION + "/reactienota.<str:fmt>",
        response_report_download,
        name="response-report-download",
    ),
    path(
        VERSION + "/reactienota/<slug:family_slug>",
        response_report_family,
        name="response-report-family",
    ),
    path(
        VERSION + "/reactienota/<slug:family_slug>.<str:fmt>",
        response_report_family_download,
        name="response-report-family-download",
    ),
    path(VERSION + "/document", agenda_document, name="agenda-document"),
    path(
        VERSION + "/document.<str:fmt>", agenda_document_download, name="agenda-document-download"
    ),
    # the progress report of a reporting round, for the programme and per family
    path(PROGRESS, progress_report, name="progress-report"),
    path(
        PROGRESS + "/document.<str:fmt>",
        progress_report_download,
        name="progress-report-download",
    ),
    path(PROGRESS_FAMILY, progress_report, name="progress-report-family"),
    path(
        PROGRESS_FAMILY + "/document.<str:fmt>",
        progress_report_download,
        name="progress-report-family-download",
    ),
    path(
        "programmas/<slug:slug>/meelezen/mijn-reacties/verwerking",
        reviewer_dispositions,
        name="reviewer-dispositions",
    ),
]
