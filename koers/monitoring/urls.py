"""Routes of the monitoring: reporting rounds, the roll-up, an organisation's progress and its
reports, what is late or at risk, slippage (namespace `monitoring`)."""

from django.urls import path

from .views import (
    forecast_page,
    monitoring_home,
    organisation_progress,
    reminders_send,
    report_create,
    report_evidence,
    risks,
    round_close,
    round_create,
    round_detail,
    round_family,
    slippage_list,
)
from .views_maturity import indicator_detail, indicator_list, organisation_maturity  # noqa: E402

app_name = "monitoring"

urlpatterns = [
    path("programmas/<slug:slug>/monitoring", monitoring_home, name="monitoring-home"),
    path("programmas/<slug:slug>/monitoring/rondes/nieuw", round_create, name="round-create"),
    path(
        "programmas/<slug:slug>/monitoring/rondes/<str:period>", round_detail, name="round-detail"
    ),
    path(
        "programmas/<slug:slug>/monitoring/rondes/<str:period>/sluiten",
        round_close,
        name="round-close",
    ),
    path(
        "programmas/<slug:slug>/monitoring/rondes/<str:period>/<slug:family_slug>",
        round_family,
        name="round-family",
    ),
    path(
        "programmas/<slug:slug>/monitoring/rondes/<str:period>/<slug:family_slug>/herinneren",
        reminders_send,
        name="reminders-send",
    ),
    path("programmas/<slug:slug>/monitoring/risicos", risks, name="risks"),
    path("programmas/<slug:slug>/monitoring/uitloop", slippage_list, name="slippage"),
    path("programmas/<slug:slug>/monitoring/prognose", forecast_page, name="forecast"),
    path(
        "programmas/<slug:slug>/organisaties/<str:code>/voortgang",
        organisation_progress,
        name="organisation-progress",
    ),
    path(
        "programmas/<slug:slug>/organisaties/<str:code>/voortgang/<int:pk>/<str:period>",
        report_create,
        name="report-create",
    ),
    path(
        "programmas/<slug:slug>/voortgang/bewijs/<int:pk>", report_evidence, name="report-evidence"
    ),
    path("programmas/<slug:slug>/monitoring/indicatoren", indicator_list, name="indicator-list"),
    path(
        "programmas/<slug:slug>/monitoring/indicatoren/<str:code>",
        indicator_detail,
        name="indicator-detail",
    ),
    path(
        "programmas/<slug:slug>/organisaties/<str:code>/volwassenheid",
        organisation_maturity,
        name="organisation-maturity",
    ),
]
