"""Coverage: per family and per organisation, who attended, who reacted, who has not taken part.

The office sees every family; a family coordinator sees their own family. Every table can be
downloaded as CSV or ODS with exactly the rows and columns of the page (all pages of it).
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from koers.core.access import login_when_anonymous
from koers.core.forms import NLDesignFormMixin
from koers.organisations.models import Family, Programme

from ..coverage import FamilyCoverage, Participation, families_coverage, organisations_coverage
from ..exports import TABLE_FORMATS, table_response

PAGE_SIZE = 50


class ParticipationFilterForm(NLDesignFormMixin, forms.Form):
    deelname = forms.ChoiceField(
        label=gettext_lazy("Toon"),
        choices=Participation.choices,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies een van de mogelijkheden.")},
    )


def _coverage_families(request: HttpRequest, slug: str) -> tuple[Programme, list[Family]]:
    """The programme and the families whose coverage the user may see (403 when none)."""
    programme = get_object_or_404(Programme, slug=slug)
    families = [
        f
        for f in programme.families.all()
        if request.user.has_perm("consultation.view_coverage", f)
    ]
    if not families:
        raise PermissionDenied
    return programme, families


def _get_family_for_coverage(request: HttpRequest, slug: str, family_slug: str):
    programme = get_object_or_404(Programme, slug=slug)
    family = get_object_or_404(Family, programme=programme, slug=family_slug)
    if not request.user.has_perm("consultation.view_coverage", family):
        raise PermissionDenied
    return programme, family


def _check_format(fmt: str) -> None:
    if fmt not in TABLE_FORMATS:
        raise Http404


# -- programme: one row per family ------------------------------------------------------------


def _families_table(rows: list[FamilyCoverage]):
    headers = [
        _("Familie"),
        _("Leden"),
        _("Uitgenodigd"),
        _("% uitgenodigd"),
        _("Aanwezig"),
        _("% aanwezig"),
        _("Gereageerd"),
        _("% gereageerd"),
        _("Deelgenomen"),
        _("% deelgenomen"),
        _("Nog niet deelgenomen"),
        _("% nog niet deelgenomen"),
        _("Peildatum"),
    ]
    table = [
        [
            row.family.name,
            row.members,
            row.invited,
            row.invited_share,
            row.attended,
            row.attended_share,
            row.reacted,
            row.reacted_share,
            row.took_part,
            row.took_part_share,
            row.not_yet,
            row.not_yet_share,
            row.counted_on,
        ]
        for row in rows
    ]
    return headers, table


@require_GET
@login_when_anonymous
def coverage_programme(request: HttpRequest, slug: str) -> HttpResponse:
    programme, families = _coverage_families(request, slug)
    return render(
        request,
        "consultation/coverage/programme.html",
        {"programme": programme, "rows": families_coverage(programme, families)},
    )


@require_GET
@login_when_anonymous
def coverage_programme_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    _check_format(fmt)
    programme, families = _coverage_families(request, slug)
    headers, rows = _families_table(families_coverage(programme, families))
    return table_response(
        fmt, f"dekking-{programme.slug}", headers, rows, sheet=_("Dekking per familie")
    )


# -- family: one row per organisation ---------------------------------------------------------


def _filtered_organisations(
    request: HttpRequest, programme: Programme, family: Family, on: datetime.date | None = None
):
    form = ParticipationFilterForm(request.GET or None)
    participation = Participation.ALL
    if form.is_valid():
        participation = form.cleaned_data["deelname"]
    organisations = organisations_coverage(programme, family, participation=participation, on=on)
    if form.is_bound and not form.is_valid():
        organisations = organisations.none()
    return form, organisations


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _organisations_table(organisations):
    headers = [
        _("Organisatie"),
        _("Code"),
        _("Uitgenodigd"),
        _("Aanwezig"),
        _("Gereageerd"),
        _("Bijdragen"),
        _("Deelgenomen"),
    ]
    rows = (
        [
            o.official_name,
            o.code,
            _yes_no(o.was_invited),
            _yes_no(o.attended),
            _yes_no(o.reacted),
            o.contribution_count,
            _yes_no(o.attended or o.reacted),
        ]
        for o in organisations.iterator(chunk_size=2000)
    )
    return headers, rows


@require_GET
@login_when_anonymous
def coverage_family(request: HttpRequest, slug: str, family_slug: str) -> HttpResponse:
    programme, family = _get_family_for_coverage(request, slug, family_slug)
    summary = families_coverage(programme, [family])[0]
    form, organisations = _filtered_organisations(request, programme, family, on=summary.counted_on)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "consultation/coverage/family.html",
        {
            "programme": programme,
            "family": family,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "summary": summary,
        },
    )


@require_GET
@login_when_anonymous
def coverage_family_export(
    request: HttpRequest, slug: str, family_slug: str, fmt: str
) -> HttpResponse:
    _check_format(fmt)
    programme, family = _get_family_for_coverage(request, slug, family_slug)
    _form, organisations = _filtered_organisations(request, programme, family)
    headers, rows = _organisations_table(organisations)
    return table_response(
        fmt, f"dekking-{programme.slug}-{family.slug}", headers, rows, sheet=family.name
    )
