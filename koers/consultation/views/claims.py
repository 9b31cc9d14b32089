"""Who speaks for an organisation: the reviewers' claims to be from an organisation.

A reviewer who names an organisation at sign-up is shown as "zegt te zijn van" it until someone
who may speak for that organisation confirms: a contributor of that organisation in the
programme, or the office. Contributors see only the claims on their own organisations, and of
each reviewer only what they need to recognise a colleague: the name and the domain of the
e-mail address (the address itself stays with the office, as the consent text promises).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.accounts.models import Role, RoleKind
from koers.core.access import login_when_anonymous
from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from ..constants import OrganisationClaim
from ..models import Reviewer
from ..services import judge_reviewer_organisation

PAGE_SIZE = 50
PERMISSION = "consultation.confirm_reviewer_organisation"


def claims_for(user, programme: Programme) -> QuerySet:
    """The claims the user may judge: all of the programme for the office, otherwise those on
    the organisations the user contributes for in this programme."""
    claims = Reviewer.objects.filter(
        programme=programme,
        organisation__isnull=False,
        confirmed_at__isnull=False,
        anonymised_at__isnull=True,
    )
    if not user.has_perm(PERMISSION, programme):
        own = Role.objects.filter(
            user=user, programme=programme, kind=RoleKind.CONTRIBUTOR, organisation__isnull=False
        ).values("organisation_id")
        claims = claims.filter(organisation_id__in=own)
    return claims


@require_GET
@login_when_anonymous
def claim_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "consultation.view_reviewer_claims")
    status = request.GET.get("status", OrganisationClaim.CLAIMED)
    if status not in OrganisationClaim.values:
        status = OrganisationClaim.CLAIMED
    claims = (
        claims_for(request.user, programme)
        .filter(organisation_claim=status)
        .select_related("organisation", "organisation_checked_by")
        .order_by("organisation__sort_name", "name", "pk")
    )
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "consultation/reviewers/claims.html",
        {
            "programme": programme,
            "page": page,
            "status": status,
            "statuses": OrganisationClaim.choices,
            "query": f"status={status}",
            "may_see_email": request.user.has_perm(PERMISSION, programme),
        },
    )


@require_POST
@login_when_anonymous
def claim_judge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = get_programme(request, slug, "consultation.view_reviewer_claims")
    reviewer = get_object_or_404(
        Reviewer, programme=programme, pk=pk, confirmed_at__isnull=False, anonymised_at__isnull=True
    )
    if not request.user.has_perm(PERMISSION, reviewer):
        raise PermissionDenied
    decision = request.POST.get("decision")
    if decision not in ("bevestigen", "afwijzen"):
        messages.error(request, _("Kies of u de organisatie bevestigt of afwijst."))
        return redirect("consultation:reviewer-claims", programme.slug)
    try:
        reviewer = judge_reviewer_organisation(
            reviewer, confirmed=decision == "bevestigen", by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("consultation:reviewer-claims", programme.slug)
    values = {"reviewer": reviewer, "organisation": reviewer.organisation.official_name}
    if decision == "bevestigen":
        messages.success(request, _("%(reviewer)s is bevestigd als van %(organisation)s.") % values)
    else:
        messages.success(request, _("%(reviewer)s is afgewezen als van %(organisation)s.") % values)
    return redirect("consultation:reviewer-claims", programme.slug)
