"""Routes of the synthesis: runs, themes, campaigns, common threads and the processing of input (namespace `synthesis`)."""

from django.urls import path

from .views.campaigns import campaign_detail, campaign_list, campaign_move
from .views.dispositions import (
    campaign_dispose,
    contribution_dispose,
    export,
    open_list,
    overview,
    theme_dispose,
)
from .views.runs import run_cancel, run_detail, runs
from .views.themes import (
    theme_detail,
    theme_list,
    theme_merge,
    theme_move,
    theme_rename,
    theme_thread,
)
from .views.threads import common_threads, common_threads_export, common_threads_settings

app_name = "synthesis"

urlpatterns = [
    # views.runs
    # The same address under two names, so templates say which of the two they mean.
    path("programmas/<slug:slug>/analyses", runs, name="synthesis-run-list"),
    path("programmas/<slug:slug>/analyses", runs, name="synthesis-run-start"),
    path("programmas/<slug:slug>/analyses/<int:pk>", run_detail, name="synthesis-run"),
    path(
        "programmas/<slug:slug>/analyses/<int:pk>/afbreken", run_cancel, name="synthesis-run-cancel"
    ),
    # views.themes
    path("programmas/<slug:slug>/themas", theme_list, name="theme-list"),
    path("programmas/<slug:slug>/themas/<int:pk>", theme_detail, name="theme-detail"),
    path("programmas/<slug:slug>/themas/<int:pk>/naam", theme_rename, name="theme-rename"),
    path("programmas/<slug:slug>/themas/<int:pk>/samenvoegen", theme_merge, name="theme-merge"),
    path("programmas/<slug:slug>/themas/<int:pk>/verplaatsen", theme_move, name="theme-move"),
    path("programmas/<slug:slug>/themas/<int:pk>/rode-draad", theme_thread, name="theme-thread"),
    # views.campaigns
    path("programmas/<slug:slug>/campagnes", campaign_list, name="campaign-list"),
    path("programmas/<slug:slug>/campagnes/<int:pk>", campaign_detail, name="campaign-detail"),
    path(
        "programmas/<slug:slug>/campagnes/<int:pk>/verplaatsen",
        campaign_move,
        name="campaign-move",
    ),
    # views.threads
    path("programmas/<slug:slug>/rode-draden", common_threads, name="common-threads"),
    path(
        "programmas/<slug:slug>/rode-draden/drempel",
        common_threads_settings,
        name="common-threads-settings",
    ),
    path(
        "programmas/<slug:slug>/rode-draden.<str:fmt>",
        common_threads_export,
        name="common-threads-export",
    ),
    # views.dispositions
    path("programmas/<slug:slug>/verwerking", overview, name="processing-overview"),
    path("programmas/<slug:slug>/verwerking/open", open_list, name="processing-open"),
    path("programmas/<slug:slug>/verwerking.<str:fmt>", export, name="dispositions-export"),
    path("programmas/<slug:slug>/themas/<int:pk>/verwerken", theme_dispose, name="theme-dispose"),
    path(
        "programmas/<slug:slug>/campagnes/<int:pk>/verwerken",
        campaign_dispose,
        name="campaign-dispose",
    ),
    path(
        "programmas/<slug:slug>/inbreng/<int:pk>/verwerking",
        contribution_dispose,
        name="contribution-dispose",
    ),
]
