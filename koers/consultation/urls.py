"""Routes of the consultation: reading a version and its reactions, round tables, reviewers and the newsletter, contributions, coverage and organisation claims (namespace `consultation`)."""

from django.urls import path

from .views.claims import claim_judge, claim_list
from .views.contributions import (
    contribution_approve,
    contribution_attachment,
    contribution_detail,
    contribution_export,
    contribution_hide,
    contribution_import,
    contribution_import_report,
    contribution_import_result,
    contribution_list,
    contribution_moderation,
    contribution_unhide,
    position_paper,
)
from .views.coverage import (
    coverage_family,
    coverage_family_export,
    coverage_programme,
    coverage_programme_export,
)
from .views.reading import paragraph_reactions, version_detail, version_list
from .views.reviewers import (
    confirm,
    data_download,
    delete_account,
    edit_reaction,
    login_link,
    login_link_sent,
    login_with_link,
    newsletter,
    newsletter_confirm,
    newsletter_sent,
    newsletter_unsubscribe,
    profile,
    react,
    signup_page,
    signup_sent,
)
from .views.roundtables import (
    ROUND_TABLE,
    roundtable_attendance,
    roundtable_create,
    roundtable_detail,
    roundtable_edit,
    roundtable_ics,
    roundtable_invitations,
    roundtable_list,
    roundtable_minutes,
    roundtable_record,
)

AGENDA = "programmas/<slug:slug>/agenda"

app_name = "consultation"

urlpatterns = [
    # views.reading
    path(AGENDA, version_list, name="version-list"),
    path(AGENDA + "/<int:number>", version_detail, name="version-detail"),
    path(
        AGENDA + "/<int:number>/alinea/<uuid:anchor>",
        paragraph_reactions,
        name="version-paragraph-reactions",
    ),
    # views.roundtables
    path("programmas/<slug:slug>/ronde-tafels", roundtable_list, name="roundtable-list"),
    path("programmas/<slug:slug>/ronde-tafels/nieuw", roundtable_create, name="roundtable-create"),
    path(ROUND_TABLE, roundtable_detail, name="roundtable-detail"),
    path(f"{ROUND_TABLE}.ics", roundtable_ics, name="roundtable-ics"),
    path(f"{ROUND_TABLE}/bewerken", roundtable_edit, name="roundtable-edit"),
    path(f"{ROUND_TABLE}/uitnodigingen", roundtable_invitations, name="roundtable-invitations"),
    path(f"{ROUND_TABLE}/aanwezigheid", roundtable_attendance, name="roundtable-attendance"),
    path(f"{ROUND_TABLE}/verslag", roundtable_minutes, name="roundtable-minutes"),
    path(f"{ROUND_TABLE}/inbreng", roundtable_record, name="roundtable-record"),
    # views.reviewers
    path("programmas/<slug:slug>/meelezen", signup_page, name="reviewer-signup"),
    path("programmas/<slug:slug>/meelezen/verstuurd", signup_sent, name="reviewer-signup-sent"),
    path(
        "programmas/<slug:slug>/meelezen/bevestigen/<str:token>", confirm, name="reviewer-confirm"
    ),
    path("programmas/<slug:slug>/meelezen/inloglink", login_link, name="reviewer-login-link"),
    path(
        "programmas/<slug:slug>/meelezen/inloglink/verstuurd",
        login_link_sent,
        name="reviewer-login-link-sent",
    ),
    path(
        "programmas/<slug:slug>/meelezen/inloggen/<str:token>",
        login_with_link,
        name="reviewer-login",
    ),
    path("programmas/<slug:slug>/meelezen/profiel", profile, name="reviewer-profile"),
    path(
        "programmas/<slug:slug>/meelezen/profiel/gegevens.json",
        data_download,
        name="reviewer-data",
    ),
    path(
        "programmas/<slug:slug>/meelezen/profiel/verwijderen",
        delete_account,
        name="reviewer-delete",
    ),
    path(
        "programmas/<slug:slug>/agenda/<int:number>/alinea/<uuid:anchor>/reageren",
        react,
        name="reviewer-react",
    ),
    path(
        "programmas/<slug:slug>/meelezen/reacties/<int:pk>",
        edit_reaction,
        name="reviewer-reaction-edit",
    ),
    path("programmas/<slug:slug>/nieuwsbrief", newsletter, name="newsletter-subscribe"),
    path("programmas/<slug:slug>/nieuwsbrief/verstuurd", newsletter_sent, name="newsletter-sent"),
    path(
        "programmas/<slug:slug>/nieuwsbrief/bevestigen/<str:token>",
        newsletter_confirm,
        name="newsletter-confirm",
    ),
    path(
        "programmas/<slug:slug>/nieuwsbrief/afmelden/<str:value>",
        newsletter_unsubscribe,
        name="newsletter-unsubscribe",
    ),
    # views.contributions
    path("programmas/<slug:slug>/inbreng", contribution_list, name="contribution-list"),
    path("programmas/<slug:slug>/inbreng.csv", contribution_export, name="contribution-export"),
    path(
        "programmas/<slug:slug>/inbreng/moderatie",
        contribution_moderation,
        name="contribution-moderation",
    ),
    path(
        "programmas/<slug:slug>/inbreng/importeren",
        contribution_import,
        name="contribution-import",
    ),
    path(
        "programmas/<slug:slug>/inbreng/importeren/controle.csv",
        contribution_import_report,
        name="contribution-import-report",
    ),
    path(
        "programmas/<slug:slug>/inbreng/importeren/<int:batch>",
        contribution_import_result,
        name="contribution-import-result",
    ),
    path(
        "programmas/<slug:slug>/inbreng/position-paper",
        position_paper,
        name="contribution-position-paper",
    ),
    path(
        "programmas/<slug:slug>/inbreng/<int:pk>", contribution_detail, name="contribution-detail"
    ),
    path(
        "programmas/<slug:slug>/inbreng/<int:pk>/bijlage",
        contribution_attachment,
        name="contribution-attachment",
    ),
    path(
        "programmas/<slug:slug>/inbreng/<int:pk>/verbergen",
        contribution_hide,
        name="contribution-hide",
    ),
    path(
        "programmas/<slug:slug>/inbreng/<int:pk>/herstellen",
        contribution_unhide,
        name="contribution-unhide",
    ),
    path(
        "programmas/<slug:slug>/inbreng/<int:pk>/in-orde",
        contribution_approve,
        name="contribution-approve",
    ),
    # views.coverage
    path("programmas/<slug:slug>/dekking", coverage_programme, name="coverage-programme"),
    path(
        "programmas/<slug:slug>/dekking.<str:fmt>",
        coverage_programme_export,
        name="coverage-programme-export",
    ),
    path(
        "programmas/<slug:slug>/dekking/<slug:family_slug>",
        coverage_family,
        name="coverage-family",
    ),
    path(
        "programmas/<slug:slug>/dekking/<slug:family_slug>.<str:fmt>",
        coverage_family_export,
        name="coverage-family-export",
    ),
    # views.claims
    path("programmas/<slug:slug>/meelezers/organisaties", claim_list, name="reviewer-claims"),
    path(
        "programmas/<slug:slug>/meelezers/<int:pk>/organisatie",
        claim_judge,
        name="reviewer-claim-judge",
    ),
]
