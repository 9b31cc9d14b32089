"""Processing (verwerking): what was done with every contribution, and why.

The overview shows per family and per theme how much input has a disposition and what is still
open; the office, the council and (for their own family) coordinators read it. The office
decides: for one contribution, for the open contributions it ticks on a page of the open list,
or for a whole theme or campaign at once with exceptions left out. A bulk decision never
overwrites a decision made one by one unless the person ticks that it should. Every decision
names the person, and the download holds every disposition with its reason.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from koers.consultation.constants import Channel, Publication
from koers.consultation.exports import TABLE_FORMATS, table_response
from koers.consultation.filters import contribution_filter_form, filtered_contributions
from koers.consultation.models import Contribution
from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, lock_parent, track
from koers.core.numbers import positive_ints
from koers.organisations.access import get_programme
from koers.organisations.models import Family, Programme

from ..access import get_theme
from ..constants import Outcome
from ..dispositions import (
    DispositionRefused,
    dispose,
    dispose_campaign,
    dispose_theme,
    undisposed,
)
from ..filters import dispose_url, next_open
from ..forms_dispositions import BulkDispositionForm, DispositionForm, SelectionDispositionForm
from ..models import Campaign, Disposition, Theme, ThemeAssignment
from ..processing import Counts, open_count, processing_overview

PAGE_SIZE = 50
NO_THEME = "geen"


def _scope(request: HttpRequest, programme: Programme) -> list[Family] | None:
    """The families whose processing the user reads: None for all input (the office and the
    council), otherwise a coordinator's own families (403 when there are none)."""
    user = request.user
    if user.has_perm("synthesis.dispose_contributions", programme) or user.has_perm(
        "consultation.view_contributions", programme
    ):
        return None
    families = [
        f for f in programme.families.all() if user.has_perm("synthesis.view_family_processing", f)
    ]
    if not families:
        raise PermissionDenied
    return families


def _in_scope(contributions, families: list[Family] | None):
    if families is None:
        return contributions
    return contributions.filter(family__in=[f.pk for f in families])


def _refusal_to_form(form, refusal: DispositionRefused) -> None:
    field = refusal.code if refusal.code in ("outcome", "reason") else None
    form.add_error(field, refusal)


# -- the overview -----------------------------------------------------------------------------


@require_GET
@login_when_anonymous
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.view_processing")
    families = _scope(request, programme)
    processing = processing_overview(programme, families)
    for row in processing.themes:
        if row.subject is not None:
            row.subject.programme = programme  # its address needs the slug: no query per theme
    return render(
        request,
        "synthesis/dispositions/overview.html",
        {
            "programme": programme,
            "processing": processing,
            "whole": families is None,
            "may_dispose": request.user.has_perm("synthesis.dispose_contributions", programme),
            "no_theme": NO_THEME,
        },
    )


# -- the open contributions -------------------------------------------------------------------


def _open_filters(params, programme: Programme, families):
    """The family and theme chosen in the address (unknown values are ignored, not an error),
    and the open contributions they keep."""
    choices = families if families is not None else list(programme.families.all())
    family = next((f for f in choices if f.slug == params.get("familie")), None)
    themes = list(Theme.objects.active().filter(programme=programme))
    wanted = params.get("thema", "")
    theme = (
        NO_THEME if wanted == NO_THEME else next((t for t in themes if str(t.pk) == wanted), None)
    )
    contributions = _in_scope(
        undisposed(Contribution.objects.filter(programme=programme)),
        families,
    )
    if family is not None:
        contributions = contributions.filter(family=family)
    if theme == NO_THEME:
        contributions = contributions.filter(theme_assignment__isnull=True)
    elif theme is not None:
        contributions = contributions.filter(theme_assignment__theme=theme)
    return choices, family, themes, theme, contributions


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def open_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.view_processing")
    families = _scope(request, programme)
    choices, family, themes, theme, contributions = _open_filters(request.GET, programme, families)
    may_dispose = request.user.has_perm("synthesis.dispose_contributions", programme)
    form = None
    status = 200
    if request.method == "POST":
        if not may_dispose:
            raise PermissionDenied
        posted = positive_ints(request.POST.getlist("contributions"))
        form = SelectionDispositionForm(
            request.POST,
            choices=contributions.filter(pk__in=posted).values_list("pk", flat=True),
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                count = dispose(
                    data["contributions"],
                    data["outcome"],
                    data["reason"],
                    by=request.user,
                    programme=programme,
                )
            except DispositionRefused as refusal:
                _refusal_to_form(form, refusal)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s bijdrage verwerkt als “%(outcome)s”.",
                        "%(count)s bijdragen verwerkt als “%(outcome)s”.",
                        count,
                    )
                    % {"count": count, "outcome": Outcome(data["outcome"]).label},
                )
                return redirect(request.get_full_path())
        status = 400
    elif may_dispose:
        form = SelectionDispositionForm()
    # Whose text the reader may see (consultation.view_contribution): a coordinator only the
    # published input of their family.
    readable = Contribution.objects.visible_to(request.user, programme).filter(pk=OuterRef("pk"))
    paginator = Paginator(
        contributions.select_related("family", "organisation", "theme_assignment__theme")
        .annotate(is_readable=Exists(readable))
        .order_by("-submitted_at", "-pk"),
        PAGE_SIZE,
    )
    # Counted from the tally: the open input of a million is not counted again for its pages.
    paginator.count = open_count(
        programme,
        families,
        family,
        None if theme is None else 0 if theme == NO_THEME else theme.pk,
    )
    page = paginator.get_page(request.GET.get("pagina"))
    query = {}
    if family is not None:
        query["familie"] = family.slug
    if theme is not None:
        query["thema"] = theme if theme == NO_THEME else theme.pk
    selected = set()
    if form is not None and form.is_bound:
        selected = positive_ints(form.data.getlist("contributions"))
    return render(
        request,
        "synthesis/dispositions/open.html",
        {
            "programme": programme,
            "page": page,
            "families": choices,
            "themes": themes,
            "family": family,
            "theme": theme,
            "no_theme": NO_THEME,
            "query": urlencode(query),
            "form": form,
            "selected": selected,
            "may_read": request.user.has_perm("consultation.view_contributions", programme),
        },
        status=status,
    )


# -- a whole theme or campaign ----------------------------------------------------------------


def _group_counts(members) -> tuple[Counts, int]:
    """The group's counted input per outcome, and how many were decided one by one."""
    counts = Counts()
    one_by_one = 0
    for outcome, bulk, n in (
        members.values_list("contribution__disposition__outcome")
        .annotate(
            bulk=Count(
                "pk",
                filter=Q(contribution__disposition__via_theme__isnull=False)
                | Q(contribution__disposition__via_campaign__isnull=False),
            ),
            n=Count("pk"),
        )
        .values_list("contribution__disposition__outcome", "bulk", "n")
        .order_by()
    ):
        counts.add(outcome, n)
        if outcome is not None:
            one_by_one += n - bulk
    return counts, one_by_one


def _group_page(request: HttpRequest, programme: Programme, group, kind: str) -> HttpResponse:
    """The bulk form for a theme or a campaign, with its input and a box per item to leave it
    out. Moving to another page of the list posts the form, so ticked boxes and typed text stay."""
    members = ThemeAssignment.objects.filter(
        **{kind: group}, contribution__is_hidden=False
    ).order_by("contribution_id")
    exceptions = positive_ints(request.POST.getlist("exceptions"))
    to_page = request.POST.get("to_page")
    status = 200
    if request.method == "POST" and to_page is None:
        form = BulkDispositionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            act = dispose_theme if kind == "theme" else dispose_campaign
            try:
                done = act(
                    group,
                    data["outcome"],
                    data["reason"],
                    by=request.user,
                    except_ids=exceptions,
                    overwrite=data["overwrite"],
                )
            except DispositionRefused as refusal:
                _refusal_to_form(form, refusal)
            else:
                messages.success(
                    request,
                    " ".join(
                        [
                            ngettext(
                                "%(count)s bijdrage verwerkt.",
                                "%(count)s bijdragen verwerkt.",
                                done.created + done.changed,
                            )
                            % {"count": done.created + done.changed},
                            ngettext(
                                "%(count)s los besluit bleef staan.",
                                "%(count)s losse besluiten bleven staan.",
                                done.kept,
                            )
                            % {"count": done.kept},
                            ngettext(
                                "%(count)s bijdrage is uitgezonderd.",
                                "%(count)s bijdragen zijn uitgezonderd.",
                                len(exceptions),
                            )
                            % {"count": len(exceptions)},
                        ]
                    ),
                )
                return redirect(request.path)
        status = 400
    elif request.method == "POST":
        # Paging: show the typed choices again without judging them yet.
        form = BulkDispositionForm(
            initial={
                "outcome": request.POST.get("outcome"),
                "reason": request.POST.get("reason", ""),
                "overwrite": bool(request.POST.get("overwrite")),
            }
        )
    else:
        form = BulkDispositionForm()
    page = Paginator(
        members.select_related(
            "contribution__family",
            "contribution__organisation",
            "contribution__disposition__decided_by",
        ),
        PAGE_SIZE,
    ).get_page(to_page or request.GET.get("pagina"))
    on_page = {a.contribution_id for a in page.object_list}
    counts, one_by_one = _group_counts(members)
    return render(
        request,
        "synthesis/dispositions/group.html",
        {
            "programme": programme,
            "group": group,
            "kind": kind,
            "form": form,
            "page": page,
            "counts": counts,
            "one_by_one": one_by_one,
            "exceptions": exceptions,
            "hidden_exceptions": sorted(exceptions - on_page),
            # A contribution processed on its own goes on to the next open one of the group.
            "list_url": reverse("consultation:contribution-list", args=[programme.slug])
            + "?"
            + urlencode({"thema" if kind == "theme" else "campagne": group.pk}),
            "may_read": True,  # only the office reaches this page
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def theme_dispose(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, theme = get_theme(
        request, slug, pk, "synthesis.dispose_contributions", queryset=Theme.objects.active()
    )
    return _group_page(request, programme, theme, "theme")


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def campaign_dispose(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.dispose_contributions")
    campaign = get_object_or_404(Campaign, programme=programme, pk=pk)
    campaign.programme = programme
    return _group_page(request, programme, campaign, "campaign")


# -- one contribution -------------------------------------------------------------------------


def _get_contribution(request: HttpRequest, slug: str, pk: int) -> tuple[Programme, Contribution]:
    """A contribution whose processing the user may read: the office and the council any, a
    coordinator those of their own family."""
    programme = get_object_or_404(Programme, slug=slug)
    contribution = get_object_or_404(
        Contribution.objects.select_related(
            "family",
            "organisation",
            "theme_assignment__theme",
            "disposition__decided_by",
            "disposition__via_theme",
            "disposition__via_campaign",
        ),
        programme=programme,
        pk=pk,
    )
    user = request.user
    allowed = user.has_perm("synthesis.dispose_contributions", programme) or user.has_perm(
        "consultation.view_contributions", programme
    )
    if not allowed and contribution.family is not None:
        allowed = user.has_perm("synthesis.view_family_processing", contribution.family)
    # Hidden input is for those who moderate only: not even its existence for anyone else.
    contribution.programme = programme
    if contribution.is_hidden and not user.has_perm("consultation.view_contribution", contribution):
        allowed = False
    if not allowed:
        raise PermissionDenied
    return programme, contribution


# The lists a contribution's processing page may be opened from (its `lijst` parameter), whose
# open input "Opslaan en volgende" works through.
ORIGINS = {"consultation:contribution-list", "synthesis:processing-open"}


def _origin(request: HttpRequest, programme: Programme) -> tuple[str, object] | None:
    """The list this page was opened from: its address (path and query, on this site, of this
    programme) and the contributions it shows. None without one, or for any other address."""
    parts = urlsplit(request.GET.get("lijst", ""))
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name not in ORIGINS or match.kwargs.get("slug") != programme.slug:
        return None
    params = QueryDict(parts.query)
    if match.view_name == "synthesis:processing-open":
        contributions = _open_filters(params, programme, _scope(request, programme))[-1]
    else:
        form = contribution_filter_form(params, user=request.user, programme=programme)
        contributions = filtered_contributions(request.user, programme, form)
    return parts.path + (f"?{parts.query}" if parts.query else ""), contributions


def _save_and_next(request, programme, contribution, origin) -> HttpResponse:
    """After "Opslaan en volgende": the next open contribution of the list the page was opened
    from (of all the input the user reads, without one), or that list when none is left."""
    if origin is None:
        url = reverse("consultation:contribution-list", args=[programme.slug])
        origin = url, Contribution.objects.visible_to(request.user, programme)
    url, contributions = origin
    following = next_open(contributions, after=contribution)
    if following is None:
        messages.success(
            request,
            _("De verwerking is opgeslagen. Er is geen open bijdrage meer in deze lijst."),
        )
        return redirect(url)
    messages.success(
        request,
        _("De verwerking van bijdrage %(number)s is opgeslagen. Dit is de volgende open bijdrage.")
        % {"number": contribution.pk},
    )
    return redirect(dispose_url(programme, following, url))


def _disposition_initial(current: Disposition | None) -> dict:
    return {"outcome": current.outcome, "reason": current.reason} if current else {}


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def contribution_dispose(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, contribution = _get_contribution(request, slug, pk)
    may_dispose = request.user.has_perm("synthesis.dispose_contributions", programme)
    current = getattr(contribution, "disposition", None)
    origin = _origin(request, programme)
    status = 200
    form = None
    if request.method == "POST":
        if not may_dispose:
            raise PermissionDenied
        with transaction.atomic():
            # The contribution's row guards its one disposition, which may not exist yet.
            lock_parent(contribution)
            current = Disposition.objects.filter(contribution=contribution).first()
            form = track(DispositionForm(request.POST, initial=_disposition_initial(current)))
            if not form.stale and form.is_valid():
                data = form.cleaned_data
                try:
                    dispose(
                        [contribution.pk],
                        data["outcome"],
                        data["reason"],
                        by=request.user,
                        programme=programme,
                    )
                except DispositionRefused as refusal:
                    _refusal_to_form(form, refusal)
                else:
                    if request.POST.get("then") == "next":
                        return _save_and_next(request, programme, contribution, origin)
                    messages.success(request, _("De verwerking is opgeslagen."))
                    return redirect(request.get_full_path())
        status = CONFLICT if form.stale else 400
    elif may_dispose:
        form = track(DispositionForm(initial=_disposition_initial(current)))
    history = []
    if current is not None:
        history = list(
            Disposition.history.filter(id=current.pk)
            .select_related("history_user", "via_theme", "via_campaign")
            .order_by("-history_date", "-history_id")
        )
    return render(
        request,
        "synthesis/dispositions/contribution.html",
        {
            "programme": programme,
            "contribution": contribution,
            "current": current,
            "history": history,
            "form": form,
            "may_read": request.user.has_perm("consultation.view_contributions", programme),
            "may_read_text": request.user.has_perm("consultation.view_contribution", contribution),
            "list_url": origin[0] if origin else "",
            "open_in_list": undisposed(origin[1]).count() if origin and may_dispose else None,
        },
        status=status,
    )


# -- the download -----------------------------------------------------------------------------


def _person(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


@require_GET
@login_when_anonymous
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in TABLE_FORMATS:
        raise Http404
    programme = get_programme(request, slug, "synthesis.view_processing")
    families = _scope(request, programme)
    dispositions = Disposition.objects.filter(
        contribution__programme=programme, contribution__is_hidden=False
    )
    if families is not None:
        dispositions = dispositions.filter(contribution__family__in=[f.pk for f in families])
    # Translated once, not once per row: a download may hold 100,000 rows.
    outcomes = {value: str(label) for value, label in Outcome.choices}
    channels = {value: str(label) for value, label in Channel.choices}
    by_theme, by_campaign, single = (
        _("thema “%(label)s”"),
        _("campagne %(number)s"),
        _("deze bijdrage"),
    )
    zone = timezone.get_current_timezone()
    headers = [
        _("Inbreng"),
        _("Datum"),
        _("Kanaal"),
        _("Familie"),
        _("Organisatie"),
        _("Thema"),
        _("Verwerking"),
        _("Toelichting"),
        _("Besloten door"),
        _("Besloten op"),
        _("Besloten voor"),
        _("Auteur"),
    ]
    rows = []
    for values in (
        dispositions.order_by("contribution_id")
        .values_list(
            "contribution_id",
            "contribution__submitted_at",
            "contribution__channel",
            "contribution__family__name",
            "contribution__organisation__official_name",
            "contribution__theme_assignment__theme__label",
            "outcome",
            "reason",
            "decided_by__first_name",
            "decided_by__last_name",
            "decided_by__username",
            "decided_at",
            "via_theme__label",
            "via_campaign__number",
            "contribution__publication",
            "contribution__author_name",
        )
        .iterator(chunk_size=5000)
    ):
        (
            pk,
            submitted,
            channel,
            family,
            organisation,
            theme,
            outcome,
            reason,
            first,
            last,
            username,
            decided_at,
            via_theme,
            via_campaign,
            publication,
            author,
        ) = values
        if via_theme:
            via = by_theme % {"label": via_theme}
        elif via_campaign is not None:
            via = by_campaign % {"number": via_campaign}
        else:
            via = single
        rows.append(
            [
                pk,
                submitted.astimezone(zone).date(),
                channels.get(channel, channel),
                family or "",
                organisation or "",
                theme or "",
                outcomes.get(outcome, outcome),
                reason,
                _person(first, last, username),
                decided_at.astimezone(zone),
                via,
                author if publication == Publication.NAMED else "",
            ]
        )
    return table_response(fmt, f"verwerking-{programme.slug}", headers, rows, sheet=_("Verwerking"))
