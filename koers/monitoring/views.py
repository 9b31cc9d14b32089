"""The monitoring pages: the roll-up per reporting round with its trend, a round per family (who
reported what, who has not, reminders), an organisation's progress and its report form, the
list of what is late or at risk, and slippage against the baseline.

Everyone who may read the programme sees the figures (never an organisation's explanation);
an organisation's own reports are read by its contributors, the coordinators of its families,
the council and the office (koers/accounts/rules.py, "Monitoring"); only its contributors
report; the office opens rounds; the office and the family's coordinator send reminders.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, track
from koers.core.forms import add_errors
from koers.core.paging import CappedPaginator, page_in_two_steps
from koers.elaboration import services as elaboration
from koers.elaboration.models import Commitment, Milestone
from koers.organisations.access import get_programme
from koers.organisations.models import Family, Organisation, Programme

from . import charts, slippage
from . import services as monitoring
from .constants import WORRYING, PlanKind, ReportStatus
from .forecast import burn_up, stored_forecast
from .forms import (
    ForecastForm,
    ReportForm,
    RoundForm,
    milestone_report_formset,
    report_initial,
)
from .models import MilestonePlan, ProgressReport, ReportingRound
from .querysets import readable_organisations
from .rollup import ROLL_UP_RULE, family_cells, family_units, stored_roll_up

ROWS_PER_PAGE = 50


# --- access helpers: one per object kind ----------------------------------------------------


def _programme(request: HttpRequest, slug: str, permission="monitoring.view_progress"):
    return get_programme(request, slug, permission)


def _round(programme: Programme, period: str) -> ReportingRound:
    return get_object_or_404(
        ReportingRound.objects.select_related("closed_by"), programme=programme, period=period
    )


def _family(request: HttpRequest, programme: Programme, family_slug: str, permission: str):
    family = get_object_or_404(Family, programme=programme, slug=family_slug)
    if not request.user.has_perm(permission, family):
        raise PermissionDenied
    return family


def _probe(programme: Programme, organisation: Organisation) -> Commitment:
    # Asked about a commitment of this programme: a contributor's role is per programme.
    return Commitment(organisation=organisation, programme=programme)


def _organisation(request: HttpRequest, programme: Programme, code: str, permission: str):
    organisation = get_object_or_404(Organisation, code=code)
    if not request.user.has_perm(permission, _probe(programme, organisation)):
        raise PermissionDenied
    return organisation


def _family_filter(request: HttpRequest, programme: Programme) -> Family | None:
    slug = request.GET.get("familie")
    if not slug:
        return None
    return Family.objects.filter(programme=programme, slug=slug).first()


# --- the roll-up -----------------------------------------------------------------------------


def _trend(rollups, programme_name: str):
    """A line per family and one for the programme over the rounds, with its table."""
    labels = [r.round.label for r in rollups]
    series = [(programme_name, [r.programme.percent for r in rollups])]
    if rollups:
        for index, (family, _tally) in enumerate(rollups[0].families):
            series.append((family.name, [r.families[index][1].percent for r in rollups]))
    chart = charts.line_chart(
        chart_id="trend",
        title=_("Voortgang per rapportageronde"),
        description=_(
            "Lijndiagram: per familie en voor het hele programma het gemiddelde percentage gereed "
            "in elke rapportageronde, over de organisaties die rapporteerden. Een onderbreking is "
            "een ronde zonder rapportages (onbekend). De tabel ernaast bevat dezelfde cijfers en "
            "hoeveel onbekend is."
        ),
        labels=labels,
        series=series,
        y_title=_("percentage gereed"),
    )
    return chart


@login_when_anonymous
def monitoring_home(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    version = elaboration.adopted_version(programme)
    rounds = list(ReportingRound.objects.filter(programme=programme).in_order())
    rollups = stored_roll_up(programme, version, rounds)
    overall, per_family = slippage.stored_summary(programme)
    families = {f.pk: f for f in programme.families.all()}
    return render(
        request,
        "monitoring/home.html",
        {
            "programme": programme,
            "version": version,
            "rounds": rounds,
            "rollups": rollups,
            "latest": rollups[-1] if rollups else None,
            "trend": _trend(rollups, programme.name) if rollups else "",
            "rule": ROLL_UP_RULE,
            "slip": overall,
            "slip_families": [
                (families.get(family_id), summary)
                for family_id, summary in sorted(
                    per_family.items(), key=lambda item: (item[0] is None, item[0] or 0)
                )
            ],
            "today": timezone.localdate(),
            "may_manage": request.user.has_perm("monitoring.manage_rounds", programme),
            "may_see_risks": request.user.has_perm("monitoring.view_risks", programme),
        },
    )


@login_when_anonymous
def round_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "monitoring.manage_rounds")
    form = RoundForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                opened = monitoring.open_round(
                    programme,
                    period=data["period"],
                    opens_on=data["opens_on"],
                    deadline=data["deadline"],
                    note=data["note"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(error, form)
            else:
                messages.success(
                    request,
                    _("De rapportageronde over %(period)s is geopend.") % {"period": opened.label},
                )
                return redirect("monitoring:round-detail", programme.slug, opened.period)
        status = 400
    elif not form.is_bound:
        form = RoundForm(initial={"opens_on": timezone.localdate()})
    return render(
        request, "monitoring/round_form.html", {"programme": programme, "form": form}, status=status
    )


def _share(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0


def _status_chart(rollup):
    families = rollup.families
    series = [
        (label, [_share(tally.by_status.get(value, 0), tally.total) for _f, tally in families])
        for value, label in ReportStatus.choices
    ]
    series.append((_("onbekend"), [_share(tally.unknown, tally.total) for _f, tally in families]))
    return charts.share_chart(
        chart_id="status",
        title=_("Status per familie in %(period)s") % {"period": rollup.round.label},
        description=_(
            "Gestapeld staafdiagram: per familie welk deel van de organisaties × "
            "hoofdactiviteiten elke status meldde, en welk deel onbekend is. De tabel ernaast "
            "bevat de aantallen."
        ),
        labels=[family.name for family, _tally in families],
        series=series,
        x_title=_("% van de organisaties × hoofdactiviteiten"),
        variant="koers-chart--status",
    )


@login_when_anonymous
def round_detail(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    programme = _programme(request, slug)
    round_ = _round(programme, period)
    version = elaboration.adopted_version(programme)
    rollups = stored_roll_up(programme, version, [round_])
    rollup = rollups[0] if rollups else None
    missing = monitoring.unreported(round_)
    families = []
    if rollup is not None:
        for family, tally in rollup.families:
            families.append(
                (
                    family,
                    tally,
                    request.user.has_perm("monitoring.view_family_progress", family),
                )
            )
    return render(
        request,
        "monitoring/round.html",
        {
            "programme": programme,
            "round": round_,
            "version": version,
            "rollup": rollup,
            "families": families,
            "chart": _status_chart(rollup) if rollup and rollup.families else "",
            "rule": ROLL_UP_RULE,
            "statuses": ReportStatus.choices,
            "unreported_organisations": len(missing),
            "unreported_commitments": sum(missing.values()),
            "may_see_risks": request.user.has_perm("monitoring.view_risks", programme),
            "may_close": not round_.is_closed
            and request.user.has_perm("monitoring.manage_rounds", programme),
        },
    )


@require_POST
@login_when_anonymous
def round_close(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """The office closes a round: no reports after this; its progress report is published."""
    programme = _programme(request, slug, "monitoring.manage_rounds")
    round_ = _round(programme, period)
    try:
        closed = monitoring.close_round(round_, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        # Store the round's roll-up now, so its published report reads it at once.
        stored_roll_up(programme, elaboration.adopted_version(programme), [closed])
        messages.success(
            request,
            _(
                "De rapportageronde over %(period)s is gesloten; de voortgangsrapportage is "
                "gepubliceerd."
            )
            % {"period": closed.label},
        )
    return redirect("monitoring:round-detail", programme.slug, round_.period)


# --- a round per family: who reported what, and who has not --------------------------------


@login_when_anonymous
def round_family(request: HttpRequest, slug: str, period: str, family_slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    family = _family(request, programme, family_slug, "monitoring.view_family_progress")
    round_ = _round(programme, period)
    version = elaboration.adopted_version(programme)
    if version is None:
        raise Http404(_("Er is nog geen vastgestelde agenda."))
    # Every unit is counted; only the page's organisations get their cells read.
    activities, organisations, missing = family_units(round_, family, version)
    only_missing = request.GET.get("filter") == "open"
    shown = [o for o in organisations if missing.get(o[0])] if only_missing else organisations
    page = Paginator(shown, ROWS_PER_PAGE).get_page(request.GET.get("pagina"))
    page.object_list = family_cells(round_, activities, list(page.object_list), missing)
    reminded = set(round_.reminders.values_list("organisation_id", flat=True))
    to_remind = [pk for pk, _code, _name in organisations if missing.get(pk) and pk not in reminded]
    return render(
        request,
        "monitoring/round_family.html",
        {
            "programme": programme,
            "round": round_,
            "family": family,
            "activities": activities,
            "page": page,
            "only_missing": only_missing,
            "query": urlencode({"filter": "open"}) if only_missing else "",
            "missing_count": sum(1 for pk, _code, _name in organisations if missing.get(pk)),
            "reminded": reminded,
            "to_remind": len(to_remind),
            "may_remind": request.user.has_perm("monitoring.send_round_reminders", family),
            "may_read_reports": request.user.has_perm("monitoring.view_family_progress", family),
        },
    )


@require_POST
@login_when_anonymous
def reminders_send(request: HttpRequest, slug: str, period: str, family_slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    family = _family(request, programme, family_slug, "monitoring.send_round_reminders")
    round_ = _round(programme, period)
    reminders = monitoring.send_round_reminders(round_, family, by=request.user)
    if reminders:
        recipients = sum(r.recipients for r in reminders)
        messages.success(
            request,
            _("%(organisations)s (%(recipients)s).")
            % {
                "organisations": ngettext(
                    "Herinnering gestuurd aan %(count)s organisatie",
                    "Herinnering gestuurd aan %(count)s organisaties",
                    len(reminders),
                )
                % {"count": len(reminders)},
                "recipients": ngettext("%(count)s ontvanger", "%(count)s ontvangers", recipients)
                % {"count": recipients},
            },
        )
    else:
        messages.info(
            request,
            _(
                "Er is niemand meer te herinneren: elke organisatie die nog niet rapporteerde, "
                "kreeg in deze ronde al een herinnering."
            ),
        )
    return redirect("monitoring:round-family", programme.slug, round_.period, family.slug)


# --- an organisation's progress and its report form ----------------------------------------


def _plans_by_milestone(commitments) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for plan in MilestonePlan.objects.filter(commitment__in=commitments).order_by(
        "recorded_at", "pk"
    ):
        entry = found.setdefault(plan.milestone_id, {"baseline": None, "replans": []})
        if plan.kind == PlanKind.BASELINE:
            entry["baseline"] = plan
        else:
            entry["replans"].append(plan)
    return found


@login_when_anonymous
def organisation_progress(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    organisation = _organisation(request, programme, code, "monitoring.view_organisation_progress")
    may_report = request.user.has_perm(
        "monitoring.report_progress", _probe(programme, organisation)
    )
    today = timezone.localdate()
    rounds = list(ReportingRound.objects.filter(programme=programme).in_order())
    commitments = list(
        Commitment.objects.filter(programme=programme, organisation=organisation)
        .select_related("main_activity")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))
        )
        .order_by("pk")
    )
    reports: dict[tuple[int, int], list[ProgressReport]] = {}
    for report in (
        ProgressReport.objects.filter(commitment__in=commitments)
        .select_related("round", "reported_by")
        .order_by("round__period_ends_on", "number")
    ):
        reports.setdefault((report.commitment_id, report.round_id), []).append(report)
    plans = _plans_by_milestone(commitments)
    lines = []
    for commitment in commitments:
        per_round = []
        for round_ in rounds:
            history = reports.get((commitment.pk, round_.pk), [])
            per_round.append(
                {
                    "round": round_,
                    "current": history[-1] if history else None,
                    "history": history,
                    "may_report": may_report and round_.is_open(today) and not round_.is_closed,
                }
            )
        milestones = []
        for milestone in commitment.milestones.all():
            entry = plans.get(milestone.pk, {"baseline": None, "replans": []})
            baseline = entry["baseline"]
            milestones.append(
                {
                    "milestone": milestone,
                    "baseline": baseline,
                    "replans": entry["replans"],
                    "state": slippage.STATES[
                        slippage.state_of(
                            baseline.due_on, milestone.due_on, milestone.done_on, today
                        )
                    ]
                    if baseline
                    else "",
                }
            )
        lines.append({"commitment": commitment, "rounds": per_round, "milestones": milestones})
    return render(
        request,
        "monitoring/organisation.html",
        {
            "programme": programme,
            "organisation": organisation,
            "rounds": rounds,
            "lines": lines,
            "may_report": may_report,
        },
    )


def _report_page(request, context, form, milestones, *, status=200) -> HttpResponse:
    return render(
        request,
        "monitoring/report_form.html",
        {**context, "form": form, "milestones": milestones},
        status=status,
    )


@login_when_anonymous
def report_create(request: HttpRequest, slug: str, code: str, pk: int, period: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    organisation = _organisation(request, programme, code, "monitoring.report_progress")
    commitment = get_object_or_404(
        Commitment.objects.select_related("main_activity", "organisation"),
        pk=pk,
        programme=programme,
        organisation=organisation,
    )
    round_ = _round(programme, period)
    if not round_.is_open():
        raise Http404(_("Deze rapportageronde is nog niet open."))
    if round_.is_closed:
        messages.error(request, monitoring.closed_message(round_))
        return redirect(
            reverse("monitoring:organisation-progress", args=[programme.slug, organisation.code])
        )
    context = {
        "programme": programme,
        "organisation": organisation,
        "commitment": commitment,
        "round": round_,
        "done": list(commitment.milestones.filter(done_on__isnull=False).order_by("done_on")),
    }
    if request.method != "POST":
        current = monitoring.current_report(round_, commitment)
        open_milestones = list(commitment.milestones.filter(done_on__isnull=True))
        form = track(ReportForm(initial=report_initial(current, open_milestones)))
        context["current"] = current
        return _report_page(request, context, form, milestone_report_formset(None, open_milestones))
    with transaction.atomic():
        # Read under the commitment's lock what is stored now; a form loaded before another
        # report (or a change to a milestone) is stale and answers 409 with both side by side.
        Commitment.objects.select_for_update().filter(pk=commitment.pk).values_list("pk").first()
        current = monitoring.current_report(round_, commitment)
        open_milestones = list(commitment.milestones.filter(done_on__isnull=True))
        initial = report_initial(current, open_milestones)
        form = track(ReportForm(request.POST, request.FILES), ReportForm(initial=initial))
        milestones = milestone_report_formset(request.POST, open_milestones)
        context["current"] = current
        if form.stale:
            return _report_page(request, context, form, milestones, status=CONFLICT)
        if not (form.is_valid() and milestones.is_valid()):
            return _report_page(request, context, form, milestones, status=400)
        try:
            monitoring.submit_report(
                commitment,
                round_,
                milestones=milestones.reports(open_milestones),
                based_on=current.number if current else 0,
                by=request.user,
                **form.service_kwargs(),
            )
        except monitoring.StaleReport as error:
            form.add_error(None, error.messages[0])
            return _report_page(request, context, form, milestones, status=CONFLICT)
        except ValidationError as error:
            by_field = (
                error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            )
            context["milestone_errors"] = by_field.pop("milestones", [])
            if by_field:
                add_errors(ValidationError(by_field), form)
            return _report_page(request, context, form, milestones, status=400)
    messages.success(
        request,
        _("Uw rapportage over “%(title)s” in %(period)s is opgeslagen.")
        % {"title": commitment.title, "period": round_.label},
    )
    return redirect(
        reverse("monitoring:organisation-progress", args=[programme.slug, organisation.code])
        + f"#uitwerking-{commitment.pk}"
    )


@require_GET
@login_when_anonymous
def report_evidence(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Evidence is not public media: served only to those who may read the report."""
    report = get_object_or_404(
        ProgressReport.objects.select_related("round"), pk=pk, round__programme__slug=slug
    )
    if not request.user.has_perm("monitoring.view_organisation_progress", report):
        raise PermissionDenied
    if not report.evidence_file:
        raise Http404
    return FileResponse(
        report.evidence_file.open("rb"),
        as_attachment=True,
        filename=report.evidence_file.name.rsplit("/", 1)[-1],
    )


# --- what is late or at risk, and slippage -------------------------------------------------


def _visible(queryset, request, programme, field: str):
    allowed = readable_organisations(request.user, programme)
    if allowed is None:
        return queryset
    return queryset.filter(**{f"{field}__in": Organisation.objects.filter(allowed)})


@login_when_anonymous
def risks(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "monitoring.view_risks")
    rounds = list(
        ReportingRound.objects.filter(programme=programme).opened(timezone.localdate()).in_order()
    )
    chosen = request.GET.get("ronde")
    round_ = next((r for r in rounds if r.period == chosen), rounds[-1] if rounds else None)
    family = _family_filter(request, programme)
    reports = ProgressReport.objects.none()
    if round_ is not None:
        reports = (
            ProgressReport.objects.visible_to(request.user, programme)
            .current()
            .filter(round=round_, status__in=WORRYING)
            .select_related("commitment__main_activity__family", "organisation", "round")
            .order_by(
                "commitment__main_activity__family__position", "organisation__sort_name", "pk"
            )
        )
        if family is not None:
            reports = reports.filter(commitment__main_activity__family=family)
    page = page_in_two_steps(Paginator(reports, ROWS_PER_PAGE).get_page(request.GET.get("pagina")))
    query = {
        k: v
        for k, v in (
            ("ronde", round_.period if round_ else ""),
            ("familie", family.slug if family else ""),
        )
        if v
    }
    return render(
        request,
        "monitoring/risks.html",
        {
            "programme": programme,
            "rounds": rounds,
            "round": round_,
            "families": list(programme.families.all()),
            "family": family,
            "page": page,
            "query": urlencode(query),
        },
    )


@login_when_anonymous
def slippage_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "monitoring.view_risks")
    family = _family_filter(request, programme)
    milestones = _visible(
        slippage.slipped_milestones(programme), request, programme, "commitment__organisation"
    )
    if family is not None:
        milestones = milestones.filter(commitment__main_activity__family=family)
    # Near the deadline nearly every milestone may have slipped: count no further than needed.
    page = CappedPaginator(milestones, ROWS_PER_PAGE).get_page(request.GET.get("pagina"))
    page.object_list = slippage.with_plans(page.object_list)
    removed = slippage.removed_milestones(programme)
    allowed = readable_organisations(request.user, programme)
    if allowed is not None:
        visible = set(
            Organisation.objects.filter(allowed)
            .filter(pk__in=[p.commitment.organisation_id for p in removed])
            .values_list("pk", flat=True)
        )
        removed = [p for p in removed if p.commitment.organisation_id in visible]
    return render(
        request,
        "monitoring/slippage.html",
        {
            "programme": programme,
            "families": list(programme.families.all()),
            "family": family,
            "page": page,
            "removed": removed,
            "query": urlencode({"familie": family.slug}) if family else "",
        },
    )


# --- the forecast ------------------------------------------------------------------------------


@login_when_anonymous
def forecast_page(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    form = ForecastForm(request.GET or None, programme=programme)
    on, family = timezone.localdate(), None
    if form.is_valid():
        on = form.cleaned_data["peildatum"] or on
        family = form.cleaned_data["familie"]
    families = list(programme.families.order_by("position", "name"))
    version = elaboration.adopted_version(programme)
    outlook = stored_forecast(programme, version, families, on)
    items = [i for i in outlook.items if family is None or i.family_id == family.pk]
    curve = burn_up(items, on, programme.deadline)
    scope = family.name if family else programme.name
    chart = (
        charts.line_chart(
            chart_id="burn-up",
            title=_("Mijlpalen gereed tegen de planning: %(scope)s") % {"scope": scope},
            description=_(
                "Lijndiagram per maand: hoeveel mijlpalen de basisplanning tot dan plande, hoeveel "
                "de planning na herplanningen, en hoeveel er gereed waren (tot de peildatum). De "
                "tabel ernaast bevat dezelfde cijfers."
            ),
            # Dutch month names ("nov 2015"), as the table beside it ("november 2015").
            labels=[date_format(month, "M Y") for month in curve.months],
            series=[
                (_("basisplanning"), curve.baseline),
                (_("planning na herplanningen"), curve.planned),
                (_("gereed"), curve.done),
            ],
            y_title=_("mijlpalen"),
            maximum=None,
        )
        if curve.labels
        else ""
    )
    return render(
        request,
        "monitoring/forecast.html",
        {
            "programme": programme,
            "form": form,
            "on": on,
            "family": family,
            "outlook": outlook,
            "scope": scope,
            "curve": list(
                zip(curve.months, curve.baseline, curve.planned, curve.done, strict=True)
            ),
            "chart": chart,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
