"""Campaigns: the same letter sent by many, found by the analysis and counted as one voice.

The list shows every campaign by size with the start of its letter and its theme; one campaign
shows the whole letter and who sent it, and those who curate move the whole campaign to another
theme at once (as their decision, which a new analysis keeps).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.consultation.models import Contribution
from koers.core.access import login_when_anonymous
from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from ..forms_overview import CampaignMoveForm
from ..models import Campaign, Theme, ThemeAssignment
from ..services import CurationRefused, move_campaign

PAGE_SIZE = 50


def _get_campaign(
    request: HttpRequest, slug: str, pk: int, permission: str
) -> tuple[Programme, Campaign]:
    programme = get_programme(request, slug, permission)
    campaign = get_object_or_404(
        _campaigns(programme).select_related(
            "representative__family", "representative__organisation"
        ),
        pk=pk,
    )
    _count_themes([campaign])
    return programme, campaign


def _campaigns(programme: Programme):
    """The programme's campaigns with the theme of the representative (the campaign's theme,
    unless people moved members apart)."""
    return (
        Campaign.objects.filter(programme=programme)
        .select_related(
            "run",
            "representative__theme_assignment__theme",
            "representative__theme_assignment__assigned_by",
            "representative__theme_assignment__run",
        )
        .order_by("-size", "number")
    )


def _count_themes(campaigns) -> None:
    """How many themes each campaign's members are in, for the shown campaigns only: one
    query, where counting for every campaign before paging took seconds at 100,000 rows."""
    counts = dict(
        ThemeAssignment.objects.filter(campaign__in=[c.pk for c in campaigns])
        .values("campaign")
        .annotate(n=Count("theme", distinct=True))
        .values_list("campaign", "n")
    )
    for campaign in campaigns:
        campaign.theme_count = counts.get(campaign.pk, 0)


@require_GET
@login_when_anonymous
def campaign_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.view_synthesis")
    page = Paginator(_campaigns(programme), PAGE_SIZE).get_page(request.GET.get("pagina"))
    _count_themes(page.object_list)
    return render(
        request,
        "synthesis/campaigns/list.html",
        {
            "programme": programme,
            "page": page,
            "may_moderate": request.user.has_perm("consultation.moderate_contribution", programme),
        },
    )


def _detail(
    request: HttpRequest,
    programme: Programme,
    campaign: Campaign,
    *,
    form: CampaignMoveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_curate = request.user.has_perm("synthesis.curate_themes", programme)
    if may_curate and form is None:
        form = CampaignMoveForm(programme=programme)
    readable = Contribution.objects.visible_to(request.user, programme)
    members = (
        ThemeAssignment.objects.filter(campaign=campaign, contribution__in=readable.values("pk"))
        .select_related(
            "contribution__family", "contribution__organisation", "theme", "assigned_by", "run"
        )
        .order_by("contribution__submitted_at", "contribution_id")
    )
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "synthesis/campaigns/detail.html",
        {
            "programme": programme,
            "campaign": campaign,
            "assignment": getattr(campaign.representative, "theme_assignment", None),
            "page": page,
            "form": form if may_curate else None,
            "may_moderate": request.user.has_perm("consultation.moderate_contribution", programme),
        },
        status=status,
    )


@require_GET
@login_when_anonymous
def campaign_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, campaign = _get_campaign(request, slug, pk, "synthesis.view_synthesis")
    return _detail(request, programme, campaign)


@require_POST
@login_when_anonymous
def campaign_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, campaign = _get_campaign(request, slug, pk, "synthesis.curate_themes")
    form = CampaignMoveForm(request.POST, programme=programme)
    if form.is_valid():
        target: Theme = form.cleaned_data["theme"]
        try:
            moved = move_campaign(campaign, target, by=request.user)
        except CurationRefused as refusal:
            form.add_error("theme", refusal)
        else:
            messages.success(
                request,
                _("%(campaign)s staat nu bij “%(theme)s” (%(count)s inbreng verplaatst).")
                % {"campaign": campaign, "theme": target.label, "count": moved},
            )
            return redirect(campaign)
    return _detail(request, programme, campaign, form=form, status=400)
