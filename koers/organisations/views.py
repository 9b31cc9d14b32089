from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, is_stale, lock_parent, track

from .cockpit import cockpit
from .countries import DEFAULT_COUNTRY
from .forms import AdoptionForm, RegisterFilterForm
from .models import Facility, FacilityAdoption, Family, Organisation, Programme, Succession
from .services import record_adoption

PAGE_SIZE = 50


def _get_programme_for_user(request: HttpRequest, slug: str) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("council"), slug=slug)
    if not request.user.has_perm("organisations.view_programme", programme):
        raise PermissionDenied
    return programme


def _get_organisation_for_change(request: HttpRequest, code: str) -> Organisation:
    """The organisation whose own data (facility adoption) the user may change, or 403/404."""
    organisation = get_object_or_404(Organisation, code=code)
    if not request.user.has_perm("organisations.change_facilityadoption", organisation):
        raise PermissionDenied
    return organisation


def _stage_links() -> list[str]:
    """The link sections of the later stages, in the order of INSTALLED_APPS. Each app names its
    partial in its AppConfig (`programme_links`), so the register imports none of them."""
    configs = apps.get_app_configs()
    return [config.programme_links for config in configs if getattr(config, "programme_links", "")]


def _organisation_links() -> list[str]:
    """The sections of the later stages on an organisation's page, named like `_stage_links`
    (AppConfig `organisation_links`)."""
    configs = apps.get_app_configs()
    return [c.organisation_links for c in configs if getattr(c, "organisation_links", "")]


@login_when_anonymous
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _get_programme_for_user(request, slug)
    today = timezone.localdate()
    families = list(programme.families.all())
    # Membership is a rule, not a join table: one aggregate counts every family at once.
    counts = Organisation.objects.valid_on(today).count_per_family(families)
    return render(
        request,
        "organisations/programme_detail.html",
        {
            "programme": programme,
            "families": [(f, counts[f.pk]) for f in families],
            "today": today,
            "stage_links": _stage_links(),
            # Where the programme stands in its cycle, for this viewer (koers.organisations.cockpit).
            "cockpit": cockpit(programme, request.user),
        },
    )


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    organisations = Organisation.objects.select_related("province")
    day = timezone.localdate()
    family = None
    if form.is_valid():
        data = form.cleaned_data
        day = data["peildatum"] or day
        organisations = organisations.search(data["zoek"])
        if data["soort"]:
            organisations = organisations.of_kind(data["soort"])
        if data["land"]:
            organisations = organisations.in_country(data["land"])
        family = data["familie"]
        if family:
            organisations = organisations.in_family(family)
    elif form.is_bound:
        organisations = organisations.none()
    organisations = organisations.valid_on(day)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "page": page,
            "day": day,
            "family": family,
            "query": query.urlencode(),
            # A Dutch register needs no country column; an EU-wide one does.
            "several_countries": Organisation.objects.exclude(country=DEFAULT_COUNTRY).exists(),
        },
    )


def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("province").prefetch_related(
            Prefetch(
                "successions_out",
                queryset=Succession.objects.select_related("successor"),
                to_attr="succession_list",
            ),
            Prefetch(
                "successions_in",
                queryset=Succession.objects.select_related("predecessor"),
                to_attr="predecession_list",
            ),
            Prefetch(
                "facility_adoptions",
                queryset=FacilityAdoption.objects.select_related("facility"),
                to_attr="adoption_list",
            ),
        ),
        code=code,
    )
    public_families = list(
        Family.objects.select_related("programme").filter(programme__is_public=True)
    )
    membership = Organisation.objects.filter(pk=organisation.pk).count_per_family(public_families)
    families = [family for family in public_families if membership[family.pk]]
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "families": families,
            "stage_links": _organisation_links(),
            "may_change": request.user.has_perm(
                "organisations.change_facilityadoption", organisation
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def adoption_edit(request: HttpRequest, code: str) -> HttpResponse:
    organisation = _get_organisation_for_change(request, code)
    initial_facility = Facility.objects.filter(slug=request.GET.get("voorziening")).first()
    # Not `request.POST or None`: an empty submission must be validated, not shown as new.
    submitted = request.POST if request.method == "POST" else None
    with transaction.atomic():
        if submitted is not None:
            # The organisation's row guards its adoptions, which may not exist yet.
            lock_parent(organisation)
        existing = (
            FacilityAdoption.objects.filter(
                organisation=organisation, facility=initial_facility
            ).first()
            if initial_facility
            else None
        )
        form = AdoptionForm(submitted, instance=existing, initial={"facility": initial_facility})
        if initial_facility is not None:
            track(form)  # the stand of this facility as it was shown
        if request.method == "POST" and not is_stale(form) and form.is_valid():
            data = form.cleaned_data
            record_adoption(
                organisation,
                data["facility"],
                state=data["state"],
                date=data["date"],
                note=data["note"],
                by=request.user,
            )
            messages.success(
                request, _("De aansluiting op %s is bijgewerkt.") % data["facility"].name
            )
            return redirect(organisation)
    return render(
        request,
        "organisations/adoption_form.html",
        {"organisation": organisation, "form": form},
        status=CONFLICT if is_stale(form) else 200,
    )


def facility_list(request: HttpRequest) -> HttpResponse:
    facilities = Facility.objects.annotate(
        connected=Count("adoptions", filter=Q(adoptions__state="aangesloten"))
    )
    return render(request, "organisations/facility_list.html", {"facilities": facilities})


def home(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.public().select_related("council")
    return render(request, "organisations/home.html", {"programmes": programmes})
