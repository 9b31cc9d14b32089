"""The maturity pages: the indicator catalogue, an indicator's distribution with why
organisations differ, and an organisation's maturity against its peers.

The figures are public for a public programme (like the roll-up); an organisation's notes and
its comply-or-explain texts are read under the rule of its progress reports
(`monitoring.view_organisation_progress`, koers/accounts/rules.py).
"""

import numpy as np
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.core.access import login_when_anonymous
from koers.elaboration.models import Commitment
from koers.organisations.models import Organisation

from . import explain, periods
from .charts_maturity import group_chart
from .models_maturity import Explanation, Indicator, Observation
from .views import _programme


def _indicator(programme, code: str) -> Indicator:
    indicator = (
        Indicator.objects.filter(programme=programme, code=code)
        .select_related("facility", "programme")
        .order_by("-version")
        .first()
    )
    if indicator is None:
        raise Http404
    return indicator


def _organisation(programme, code: str) -> Organisation:
    return get_object_or_404(Organisation, code=code)


@login_when_anonymous
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    indicators = list(Indicator.objects.filter(programme=programme).current(timezone.localdate()))
    latest = explain.latest_periods(indicators)
    return render(
        request,
        "monitoring/indicators.html",
        {
            "programme": programme,
            "rows": [(i, latest.get(i.pk)) for i in indicators],
        },
    )


def _distribution(indicator, values) -> list[tuple[str, str]]:
    if not values:
        return []
    x = np.array(list(values.values()))
    q = np.percentile(x, [0, 25, 50, 75, 100])
    return [
        (_("Aantal organisaties"), str(x.size)),
        (_("Gemiddelde"), indicator.display(float(x.mean()))),
        (_("Laagste"), indicator.display(float(q[0]))),
        (_("Eerste kwartiel"), indicator.display(float(q[1]))),
        (_("Mediaan"), indicator.display(float(q[2]))),
        (_("Derde kwartiel"), indicator.display(float(q[3]))),
        (_("Hoogste"), indicator.display(float(q[4]))),
    ]


@login_when_anonymous
def indicator_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = _programme(request, slug)
    found = _indicator(programme, code)
    observed = sorted(periods.parse(p) for p in Observation.objects.periods_of(found.pk))
    period = request.GET.get("periode") or explain.latest_periods([found]).get(found.pk)
    if period:
        try:
            period = periods.parse(period).code
        except Exception:  # noqa: BLE001 - an unknown period reads as none
            raise Http404 from None
    values, factors = explain.explanation(found, period) if period else ({}, [])
    charts = []
    for factor in factors:
        if not factor.groups:
            continue
        charts.append(
            (
                factor,
                group_chart(
                    chart_id=f"factor-{factor.key}",
                    title=_("%(indicator)s naar %(factor)s")
                    % {
                        "indicator": found.name,
                        "factor": factor.name.lower(),
                    },
                    description=_(
                        "Staafdiagram: de gemiddelde waarde per groep. De tabel ernaast bevat "
                        "hetzelfde met het aantal organisaties per groep."
                    ),
                    labels=[g.label for g in factor.groups],
                    means=[g.mean for g in factor.groups],
                    maximum=found.maximum,
                ),
            )
        )
    return render(
        request,
        "monitoring/indicator.html",
        {
            "programme": programme,
            "indicator": found,
            "period": period,
            "period_label": periods.parse(period).label if period else "",
            "observed": observed,
            "distribution": _distribution(found, values),
            "factors": charts,
        },
    )


@login_when_anonymous
def organisation_maturity(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = _programme(request, slug)
    organisation = _organisation(programme, code)
    indicators = list(Indicator.objects.filter(programme=programme).current(timezone.localdate()))
    rows, near, profile = explain.peer_rows(programme, organisation, indicators)
    probe = Commitment(organisation=organisation, programme=programme)
    may_read_own = request.user.has_perm("monitoring.view_organisation_progress", probe)
    explanations = (
        list(
            Explanation.objects.filter(
                indicator__programme=programme, organisation=organisation
            ).select_related("indicator")
        )
        if may_read_own
        else []
    )
    return render(
        request,
        "monitoring/maturity.html",
        {
            "programme": programme,
            "organisation": organisation,
            "profile": profile,
            "rows": rows,
            "near": near,
            "may_read_own": may_read_own,
            "explanations": explanations,
            "neighbour_count": explain.NEIGHBOURS,
        },
    )
