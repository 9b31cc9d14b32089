"""Version 1 of the API, mounted at /api/v1/.

Paths have no trailing slash (API-48). The last route answers every other path under /api/v1/,
a trailing-slash variant included, with a 404 problem instead of Django's HTML page or redirect.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from koers.agenda import api as agenda
from koers.consultation import api as consultation
from koers.core.problems import unknown_route
from koers.council import api as council
from koers.drafting import api as drafting
from koers.elaboration import api as elaboration
from koers.monitoring import api as monitoring
from koers.monitoring import api_maturity as maturity
from koers.news import api as news
from koers.organisations import api as organisations
from koers.synthesis import api as synthesis
from koers.synthesis import tally

# SimpleRouter rather than DefaultRouter: the latter adds an API root at "/api/v1/", with a slash.
router = SimpleRouter(trailing_slash=False)
router.register("programmes", organisations.ProgrammeViewSet, basename="programme")
router.register("organisations", organisations.OrganisationViewSet, basename="organisation")
router.register("facilities", organisations.FacilityViewSet, basename="facility")

families = organisations.FamilyViewSet

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    *router.urls,
    path(
        "programmes/<slug:slug>/families",
        families.as_view({"get": "list"}),
        name="family-list",
    ),
    path(
        "programmes/<slug:slug>/families/<slug:familySlug>",
        families.as_view({"get": "retrieve"}),
        name="family-detail",
    ),
    path(
        "organisations/<str:code>/facility-adoptions",
        organisations.FacilityAdoptionList.as_view(),
        name="facility-adoption-list",
    ),
    path(
        "programmes/<slug:slug>/versions",
        consultation.VersionList.as_view(),
        name="version-list",
    ),
    path(
        "programmes/<slug:slug>/versions/<int:number>",
        consultation.VersionDetail.as_view(),
        name="version-detail",
    ),
    path(
        "programmes/<slug:slug>/round-tables",
        consultation.RoundTableList.as_view(),
        name="roundtable-list",
    ),
    path(
        "programmes/<slug:slug>/contributions",
        consultation.ContributionList.as_view(count_published=tally.published_count),
        name="contribution-list",
    ),
    path(
        "programmes/<slug:slug>/themes",
        synthesis.ThemeList.as_view(),
        name="theme-list",
    ),
    path(
        "programmes/<slug:slug>/themes/<int:id>",
        synthesis.ThemeDetail.as_view(),
        name="theme-detail",
    ),
    path(
        "programmes/<slug:slug>/campaigns",
        synthesis.CampaignList.as_view(),
        name="campaign-list",
    ),
    path(
        "programmes/<slug:slug>/synthesis-runs",
        synthesis.SynthesisRunList.as_view(),
        name="synthesis-run-list",
    ),
    path(
        "programmes/<slug:slug>/dispositions",
        synthesis.DispositionList.as_view(),
        name="disposition-list",
    ),
    path(
        "programmes/<slug:slug>/versions/<int:number>/steps",
        agenda.StepList.as_view(),
        name="step-list",
    ),
    path(
        "programmes/<slug:slug>/versions/<int:number>/changes",
        drafting.ChangeList.as_view(),
        name="change-list",
    ),
    path(
        "programmes/<slug:slug>/commitments",
        elaboration.CommitmentList.as_view(),
        name="commitment-list",
    ),
    path(
        "programmes/<slug:slug>/council-meetings",
        council.MeetingList.as_view(),
        name="council-meeting-list",
    ),
    path(
        "programmes/<slug:slug>/council-meetings/<int:id>",
        council.MeetingDetail.as_view(),
        name="council-meeting-detail",
    ),
    path(
        "programmes/<slug:slug>/news",
        news.NewsList.as_view(),
        name="news-list",
    ),
    path(
        "programmes/<slug:slug>/indicators",
        maturity.IndicatorList.as_view(),
        name="indicator-list",
    ),
    path(
        "programmes/<slug:slug>/indicators/<str:code>/observations",
        maturity.ObservationList.as_view(),
        name="indicator-observation-list",
    ),
    path(
        "programmes/<slug:slug>/indicators/<str:code>/explanation",
        maturity.IndicatorExplanation.as_view(),
        name="indicator-explanation",
    ),
    # monitoring: the roll-up per reporting round and the forecast
    path(
        "programmes/<slug:slug>/progress",
        monitoring.ProgressList.as_view(),
        name="progress-list",
    ),
    path(
        "programmes/<slug:slug>/forecast",
        monitoring.ForecastDetail.as_view(),
        name="forecast-detail",
    ),
    path(
        "programmes/<slug:slug>/newsletters",
        news.NewsletterList.as_view(),
        name="newsletter-list",
    ),
    # Not the empty path: "/api/v1/" resolving would make APPEND_SLASH redirect "/api/v1" there.
    re_path(r".", unknown_route),
]
