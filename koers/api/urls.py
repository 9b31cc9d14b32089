"""Version 1 of the API, mounted at /api/v1/.

Paths have no trailing slash (API-48). The last route answers every other path under /api/v1/,
a trailing-slash variant included, with a 404 problem instead of Django's HTML page or redirect.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from koers.agenda import api as agenda
from koers.agenda import api_council as agenda_council
from koers.agenda import api_elaboration as elaboration
from koers.consultation import api as consultation
from koers.organisations import api as organisations
from koers.synthesis import api as synthesis

from .problems import unknown_route

# SimpleRouter rather than DefaultRouter: the latter adds an API root at "/api/v1/", with a slash.
router = SimpleRouter(trailing_slash=False)
router.register("programmes", organisations.ProgrammeViewSet, basename="api-programme")
router.register("organisations", organisations.OrganisationViewSet, basename="api-organisation")
router.register("facilities", organisations.FacilityViewSet, basename="api-facility")

families = organisations.FamilyViewSet

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api-openapi"),
    *router.urls,
    path(
        "programmes/<slug:slug>/families",
        families.as_view({"get": "list"}),
        name="api-family-list",
    ),
    path(
        "programmes/<slug:slug>/families/<slug:familySlug>",
        families.as_view({"get": "retrieve"}),
        name="api-family-detail",
    ),
    path(
        "organisations/<str:code>/facility-adoptions",
        organisations.FacilityAdoptionList.as_view(),
        name="api-facility-adoption-list",
    ),
    path(
        "programmes/<slug:slug>/versions",
        consultation.VersionList.as_view(),
        name="api-version-list",
    ),
    path(
        "programmes/<slug:slug>/versions/<int:number>",
        consultation.VersionDetail.as_view(),
        name="api-version-detail",
    ),
    path(
        "programmes/<slug:slug>/round-tables",
        consultation.RoundTableList.as_view(),
        name="api-roundtable-list",
    ),
    path(
        "programmes/<slug:slug>/contributions",
        consultation.ContributionList.as_view(),
        name="api-contribution-list",
    ),
    path(
        "programmes/<slug:slug>/themes",
        synthesis.ThemeList.as_view(),
        name="api-theme-list",
    ),
    path(
        "programmes/<slug:slug>/themes/<int:id>",
        synthesis.ThemeDetail.as_view(),
        name="api-theme-detail",
    ),
    path(
        "programmes/<slug:slug>/campaigns",
        synthesis.CampaignList.as_view(),
        name="api-campaign-list",
    ),
    path(
        "programmes/<slug:slug>/synthesis-runs",
        synthesis.SynthesisRunList.as_view(),
        name="api-synthesis-run-list",
    ),
    path(
        "programmes/<slug:slug>/dispositions",
        synthesis.DispositionList.as_view(),
        name="api-disposition-list",
    ),
    path(
        "programmes/<slug:slug>/versions/<int:number>/steps",
        agenda.StepList.as_view(),
        name="api-step-list",
    ),
    path(
        "programmes/<slug:slug>/versions/<int:number>/changes",
        agenda.ChangeList.as_view(),
        name="api-change-list",
    ),
    path(
        "programmes/<slug:slug>/commitments",
        elaboration.CommitmentList.as_view(),
        name="api-commitment-list",
    ),
    path(
        "programmes/<slug:slug>/council-meetings",
        agenda_council.MeetingList.as_view(),
        name="api-council-meeting-list",
    ),
    path(
        "programmes/<slug:slug>/council-meetings/<int:id>",
        agenda_council.MeetingDetail.as_view(),
        name="api-council-meeting-detail",
    ),
    # Not the empty path: "/api/v1/" resolving would make APPEND_SLASH redirect "/api/v1" there.
    re_path(r".", unknown_route),
]
