"""The progress report (voortgangsrapportage) of one reporting round, for the programme or for
one family: the document a council receives, as web page, PDF and ODT, and its tables as
CSV/ODS.

Nothing is computed here that the monitoring computes already: the figures come from
koers/monitoring/rollup.py (the roll-up and its rule), slippage.py (against the baseline) and
forecast.py (expected completion, range, probability, earned schedule).

What a reader gets is decided by the monitoring's rules (koers/accounts/rules.py, "Monitoring"),
never here:

- The aggregate figures — the roll-up per step, main activity and family, the trend, the count
  of milestones per slippage state, the forecast and how many organisations did not report —
  are what everyone with `monitoring.view_progress` reads on the monitoring pages, so they are
  in every version of the report (the public one of a public programme included).
- Anything that names an organisation — what is late or at risk with its explanation, slipped
  milestones, who has not reported — is in the report only for a reader with
  `monitoring.view_risks`, and then only for the organisations whose reports that reader may
  read (`ProgressReport.objects.visible_to` / `readable_organisations`). The public version has
  none of it: the section says so instead.

The document is made for its reader; the PDF is rendered once per content (pdf.render_pdf), so
every reader with the same rights shares one rendering.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.contrib.staticfiles import finders
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.core.paging import read_in_two_steps
from koers.elaboration import services as elaboration
from koers.monitoring import charts, slippage
from koers.monitoring.constants import WORRYING, ReportStatus
from koers.monitoring.forecast import Forecast, stored_forecast
from koers.monitoring.models import ProgressReport, ReportingRound
from koers.monitoring.querysets import readable_organisations
from koers.monitoring.rollup import (
    ROLL_UP_RULE,
    RoundRollup,
    StepRow,
    Tally,
    stored_roll_up,
    unreported,
)
from koers.organisations.models import Family, Organisation, Programme

# Rows of a named list in the document; the CSV/ODS tables have them all.
LIST_LIMIT = 200


@dataclass
class Risk:
    family: str
    organisation: str
    code: str
    commitment: str
    status: str
    percent: int
    explanation: str


@dataclass
class Missing:
    organisation: str
    code: str
    commitments: int


class ProgressDocument:
    """The report of `round` for the programme or `family`, as `user` may read it. Each part is
    computed when it is first read: the page, the PDF and the ODT read them all, the CSV/ODS of
    one table only what that table is made of (no forecast, no charts for the roll-up). The
    lists of what is late, at risk or not reported name at most `limit` rows (None: all)."""

    def __init__(
        self,
        programme: Programme,
        round_: ReportingRound,
        family: Family | None,
        user,
        limit: int | None = LIST_LIMIT,
    ):
        self.programme = programme
        self.round = round_
        self.family = family
        self.user = user
        self.limit = limit
        self.date = as_of(round_)
        self.rule = str(ROLL_UP_RULE)
        # The figures as they stood at the end of the period (or today, while it runs).
        self.on = round_.figures_on()

    @cached_property
    def version(self):
        return elaboration.adopted_version(self.programme)

    @cached_property
    def rollups(self) -> list[RoundRollup]:
        """The roll-up of every round up to this one (the trend), this one last."""
        rounds = list(
            ReportingRound.objects.filter(
                programme=self.programme, period_ends_on__lte=self.round.period_ends_on
            ).in_order()
        )
        return stored_roll_up(self.programme, self.version, rounds)

    @cached_property
    def rollup(self) -> RoundRollup | None:
        return next((r for r in self.rollups if r.round.pk == self.round.pk), None)

    @cached_property
    def steps(self) -> list[StepRow]:
        return _family_steps(self.rollup, self.family) if self.rollup else []

    @cached_property
    def scope(self) -> Tally:
        return _scope_tally(self.rollup, self.family) if self.rollup else Tally()

    @cached_property
    def history(self) -> list[tuple[ReportingRound, Tally]]:
        return [(r.round, _scope_tally(r, self.family)) for r in self.rollups]

    @cached_property
    def families(self) -> list[tuple[Family, Tally]]:
        return self.rollup.families if self.rollup and self.family is None else []

    @cached_property
    def slip(self) -> slippage.SlipSummary:
        overall, per_family = slippage.stored_summary(self.programme, today=self.on)
        if self.family:
            return per_family.get(self.family.pk, slippage.SlipSummary())
        return overall

    @cached_property
    def _forecasts(self) -> tuple[Forecast | None, list]:
        families = list(self.programme.families.order_by("position", "name"))
        outlook = stored_forecast(self.programme, self.version, families, self.on)
        if self.family is None:
            return outlook.programme, outlook.activities
        scope = next((f for fam, f in outlook.families if fam.pk == self.family.pk), None)
        return scope, [(a, f) for a, f in outlook.activities if a.family_id == self.family.pk]

    @property
    def outlook(self) -> Forecast | None:
        return self._forecasts[0]

    @cached_property
    def at_risk(self) -> list[Forecast]:
        """Main activities, least likely first."""
        activities = self._forecasts[1]
        return [f for _a, f in activities if f.probability is not None and f.probability < 0.7][:10]

    @cached_property
    def _missing_counts(self) -> dict[int, int]:
        family, round_ = self.family, self.round
        return unreported(
            round_,
            family.members(round_.period_ends_on).values_list("pk", flat=True) if family else None,
        )

    @property
    def unreported_organisations(self) -> int:
        return len(self._missing_counts)

    @property
    def unreported_commitments(self) -> int:
        return sum(self._missing_counts.values())

    @cached_property
    def restricted(self) -> bool:
        """Whether the named lists are in (not the public version)."""
        return self.user.has_perm("monitoring.view_risks", self.programme)

    # None: the reader may not read them (the public version).
    @cached_property
    def risks(self) -> list[Risk] | None:
        if not self.restricted:
            return None
        return _risks(self.user, self.programme, self.round, self.family, self.limit)

    @cached_property
    def slipped(self) -> list[slippage.MilestoneSlip] | None:
        if not self.restricted:
            return None
        return _slipped(self.user, self.programme, self.family, self.on, self.limit)

    @cached_property
    def missing(self) -> list[Missing] | None:
        if not self.restricted:
            return None
        return _missing(self.user, self.programme, self._missing_counts, self.limit)

    @cached_property
    def trend_chart(self) -> SafeString:
        return _trend_chart(self.history, self.scope_name) if self.history else mark_safe("")

    @cached_property
    def status_chart(self) -> SafeString:
        return _status_chart(self.steps, self.round.label) if self.steps else mark_safe("")

    @property
    def title(self) -> str:
        if self.family:
            return _("Voortgangsrapportage %(period)s voor %(family)s") % {
                "period": self.round.label,
                "family": self.family.name,
            }
        return _("Voortgangsrapportage %(period)s") % {"period": self.round.label}

    @property
    def scope_name(self) -> str:
        return self.family.name if self.family else self.programme.name

    @property
    def statuses(self):
        return ReportStatus.choices

    def introduction(self) -> list[str]:
        r, tally = self.round, self.scope
        return [
            _(
                "Deze voortgangsrapportage beschrijft de stand van %(scope)s in de "
                "rapportageronde %(period)s. De ronde opende op %(opens)s; de uiterste datum "
                "om te rapporteren is %(deadline)s. De deadline van het programma is "
                "%(programme_deadline)s."
            )
            % {
                "scope": self.scope_name,
                "period": r.label,
                "opens": dutch_date(r.opens_on),
                "deadline": dutch_date(r.deadline),
                "programme_deadline": dutch_date(self.programme.deadline),
            },
            _(
                "Van de %(total)s combinaties van organisatie en hoofdactiviteit rapporteerden "
                "er %(known)s; %(unknown)s zijn onbekend, waarvan %(not_elaborated)s nog niet "
                "uitgewerkt. %(organisations)s"
            )
            % {
                "total": intcomma(tally.total),
                "known": intcomma(tally.known),
                "unknown": intcomma(tally.unknown),
                "not_elaborated": intcomma(tally.not_elaborated),
                "organisations": ngettext(
                    "%(count)s organisatie heeft nog niet over al haar uitwerkingen gerapporteerd.",
                    "%(count)s organisaties hebben nog niet over al hun uitwerkingen "
                    "gerapporteerd.",
                    self.unreported_organisations,
                )
                % {"count": intcomma(self.unreported_organisations)},
            },
            str(self.rule),
        ]


def dutch_date(day: datetime.date | None) -> str:
    """A date as the templates write it ("1 juli 2016"), in the active language."""
    from django.utils import formats

    return formats.date_format(day, "j F Y") if day else "–"


def _scope_tally(rollup: RoundRollup, family: Family | None) -> Tally:
    if family is None:
        return rollup.programme
    return next((t for f, t in rollup.families if f.pk == family.pk), Tally())


def _family_steps(rollup: RoundRollup, family: Family | None) -> list[StepRow]:
    if family is None:
        return rollup.steps
    steps = []
    for step in rollup.steps:
        rows = [row for row in step.activities if row.activity.family_id == family.pk]
        if rows:
            tally = Tally()
            for row in rows:
                tally.add(row.tally)
            steps.append(StepRow(step.step_id, step.title, tally, rows))
    return steps


def _trend_chart(history, scope_name: str) -> SafeString:
    return charts.line_chart(
        chart_id="verloop-voortgang",
        title=_("Voortgang per rapportageronde: %(scope)s") % {"scope": scope_name},
        description=_(
            "Lijndiagram: het gemiddelde percentage gereed in elke rapportageronde tot en met "
            "deze, over de organisaties die rapporteerden. Een onderbreking is een ronde zonder "
            "rapportages (onbekend). De tabel ernaast bevat dezelfde cijfers."
        ),
        labels=[r.label for r, _t in history],
        series=[(scope_name, [t.percent for _r, t in history])],
        y_title=_("percentage gereed"),
    )


def _status_chart(steps: list[StepRow], period: str) -> SafeString:
    def share(n, total):
        return round(100 * n / total, 1) if total else 0

    series = [
        (label, [share(s.tally.by_status.get(value, 0), s.tally.total) for s in steps])
        for value, label in ReportStatus.choices
    ]
    series.append((_("onbekend"), [share(s.tally.unknown, s.tally.total) for s in steps]))
    return charts.share_chart(
        chart_id="status-per-stap",
        title=_("Status per stap in %(period)s") % {"period": period},
        description=_(
            "Gestapeld staafdiagram: per stap welk deel van de organisaties × "
            "hoofdactiviteiten elke status meldde, en welk deel onbekend is. De tabel ernaast "
            "bevat de aantallen."
        ),
        labels=[s.title for s in steps],
        series=series,
        x_title=_("% van de organisaties × hoofdactiviteiten"),
        variant="koers-chart--status",
    )


def _organisations_filter(user, programme) -> Q | None:
    return readable_organisations(user, programme)


def _risks(user, programme, round_, family, limit: int | None) -> list[Risk]:
    reports = (
        ProgressReport.objects.visible_to(user, programme)
        .current()
        .filter(round=round_, status__in=WORRYING)
        .select_related("commitment__main_activity__family", "organisation")
        .order_by("commitment__main_activity__family__position", "organisation__sort_name", "pk")
    )
    if family is not None:
        reports = reports.filter(commitment__main_activity__family=family)
    if limit is not None:
        reports = read_in_two_steps(reports, 0, limit)
    return [
        Risk(
            family=(
                r.commitment.main_activity.family.name
                if r.commitment.main_activity and r.commitment.main_activity.family
                else _("eigen uitwerking")
            ),
            organisation=r.organisation.official_name,
            code=r.organisation.code,
            commitment=r.commitment.title,
            status=r.get_status_display(),
            percent=r.percent,
            explanation=r.explanation,
        )
        for r in reports
    ]


def _slipped(user, programme, family, on, limit: int | None) -> list[slippage.MilestoneSlip]:
    milestones = slippage.slipped_milestones(programme, today=on)
    allowed = _organisations_filter(user, programme)
    if allowed is not None:
        milestones = milestones.filter(
            commitment__organisation__in=Organisation.objects.filter(allowed)
        )
    if family is not None:
        milestones = milestones.filter(commitment__main_activity__family=family)
    if limit is not None:
        milestones = milestones[:limit]
    return slippage.with_plans(milestones, today=on)


def _missing(user, programme, counts: dict[int, int], limit: int | None) -> list[Missing]:
    organisations = Organisation.objects.filter(pk__in=list(counts))
    allowed = _organisations_filter(user, programme)
    if allowed is not None:
        organisations = organisations.filter(allowed)
    organisations = organisations.order_by("sort_name", "code")
    if limit is not None:
        organisations = organisations[:limit]
    return [
        Missing(name, code, counts[pk])
        for pk, code, name in organisations.values_list("pk", "code", "official_name")
    ]


def as_of(round_: ReportingRound) -> datetime.date:
    """The date the report's story stands at: the day the round closed, or its deadline while
    it is open (never the day of rendering)."""
    return timezone.localdate(round_.closed_at) if round_.closed_at else round_.deadline


def build_progress_report(
    programme: Programme,
    round_: ReportingRound,
    family: Family | None,
    user,
    limit: int | None = LIST_LIMIT,
) -> ProgressDocument:
    """The report of `round_` for the programme or `family`, as `user` may read it. The lists
    of what is late, at risk or not reported name at most `limit` rows (what the page, the PDF
    and the ODT show); the CSV/ODS of a table asks for all of them (`limit=None`). Its parts are
    computed as they are read (ProgressDocument)."""
    return ProgressDocument(programme, round_, family, user, limit)


# The PDF's own additions: wide tables in a smaller type so that every column fits on A4.
PRINT_STYLE = (
    ".koers-doc-table--wide { width: 100%; font-size: 8pt; }"
    ".koers-doc-table--wide th, .koers-doc-table--wide td { padding: 1mm 1.5mm 1mm 0; }"
    ".koers-chart { margin: 3mm 0; } .koers-chart svg { width: 100%; height: auto; }"
)
_SVG_ROOT = re.compile(r"(<svg\b[^>]*>)")


def for_print(doc: ProgressDocument) -> SafeString:
    """What the PDF adds to the page body: its style, and the charts' style sheet inside each
    chart. The web page links koers/monitoring.css, but WeasyPrint styles an inline SVG only
    with a <style> of its own; a PDF has no Content-Security-Policy to refuse it."""
    path = finders.find("koers/monitoring.css")
    css = ""
    if path:
        with open(path, encoding="utf-8") as sheet:
            css = sheet.read()
    for name in ("trend_chart", "status_chart"):
        chart = getattr(doc, name)
        if chart:
            setattr(
                doc,
                name,
                mark_safe(_SVG_ROOT.sub(lambda m: f"{m.group(1)}<style>{css}</style>", chart, 1)),  # noqa: S308
            )
    return mark_safe(f"<style>{PRINT_STYLE}</style>")  # noqa: S308 - our own style


# --- the tables, as CSV/ODS ------------------------------------------------------------------


def _percent(tally: Tally):
    return tally.percent  # None stays empty: unknown, never 0


def _tally_cells(tally: Tally) -> list:
    return [
        _percent(tally),
        tally.known,
        tally.total,
        tally.unknown,
        tally.not_elaborated,
        *(n for _v, _l, n in tally.statuses()),
    ]


def _tally_headers() -> list[str]:
    return [
        _("percentage gereed"),
        _("gerapporteerd"),
        _("totaal"),
        _("onbekend"),
        _("nog niet uitgewerkt"),
        *(str(label) for _v, label in ReportStatus.choices),
    ]


TABLES = {
    "voortgang": "roll-up",
    "verloop": "trend",
    "uitloop": "slippage",
    "risico": "late or at risk",
    "niet-gerapporteerd": "not reported",
}


def table(doc: ProgressDocument, name: str) -> tuple[list[str], list[list]] | None:
    """One table of the report as headers and rows; None when the reader may not have it."""
    if name == "voortgang":
        rows = []
        for step in doc.steps:
            rows.append([step.title, "", "", *_tally_cells(step.tally)])
            for row in step.activities:
                rows.append(
                    [
                        step.title,
                        row.activity.title,
                        row.activity.family_name,
                        *_tally_cells(row.tally),
                    ]
                )
        rows.append([_("Totaal"), "", "", *_tally_cells(doc.scope)])
        return [_("stap"), _("hoofdactiviteit"), _("familie"), *_tally_headers()], rows
    if name == "verloop":
        return [_("ronde"), _("periode"), *_tally_headers()], [
            [r.label, r.period, *_tally_cells(t)] for r, t in doc.history
        ]
    if name == "uitloop" and doc.slipped is not None:
        return [
            _("organisatie"),
            _("code"),
            _("uitwerking"),
            _("mijlpaal"),
            _("basisdatum"),
            _("laatste planning"),
            _("gereed op"),
            _("dagen na de basisdatum"),
            _("herplanningen"),
            _("stand"),
        ], [
            [
                s.milestone.commitment.organisation.official_name,
                s.milestone.commitment.organisation.code,
                s.milestone.commitment.title,
                s.title,
                s.baseline,
                s.planned,
                s.done_on,
                s.slip_days,
                len(s.replans),
                str(s.state_label),
            ]
            for s in doc.slipped
        ]
    if name == "risico" and doc.risks is not None:
        return [
            _("familie"),
            _("organisatie"),
            _("code"),
            _("uitwerking"),
            _("status"),
            _("percentage gereed"),
            _("toelichting"),
        ], [
            [r.family, r.organisation, r.code, r.commitment, r.status, r.percent, r.explanation]
            for r in doc.risks
        ]
    if name == "niet-gerapporteerd" and doc.missing is not None:
        return [_("organisatie"), _("code"), _("uitwerkingen zonder rapportage")], [
            [m.organisation, m.code, m.commitments] for m in doc.missing
        ]
    return None


def available_tables(doc: ProgressDocument) -> list[tuple[str, str]]:
    """(name, Dutch label) of the tables this reader may download."""
    labels = {
        "voortgang": _("Stand per stap en hoofdactiviteit"),
        "verloop": _("Verloop over de rondes"),
        "uitloop": _("Uitloop tegen de basisplanning"),
        "risico": _("Wat te laat is of risico loopt"),
        "niet-gerapporteerd": _("Wie nog niet rapporteerde"),
    }
    public = ("voortgang", "verloop")
    return [(n, labels[n]) for n in TABLES if n in public or doc.restricted]


# --- the ODT ---------------------------------------------------------------------------------


def _tally_line(tally: Tally) -> list:
    return [
        _("onbekend") if tally.percent is None else f"{tally.percent} %",
        _("%(known)s van %(total)s")
        % {"known": intcomma(tally.known), "total": intcomma(tally.total)},
        *(n for _v, _l, n in tally.statuses()),
        tally.unknown,
    ]


def _tally_head() -> list[str]:
    return [
        _("Gereed"),
        _("Gerapporteerd"),
        *(str(label).capitalize() for _v, label in ReportStatus.choices),
        _("Onbekend"),
    ]


def progress_odt(doc: ProgressDocument) -> bytes:
    """The report as the web page and the PDF have it, with tables where those have charts."""
    from .odt import _Writer

    w = _Writer(doc.title)
    facts = [(_("Programma"), doc.programme.name)]
    if doc.programme.coordinating_body:
        facts.append((_("Uitgegeven door"), doc.programme.coordinating_body))
    facts.append((_("Rapportageronde"), doc.round.label))
    if doc.family:
        facts.append((_("Familie"), doc.family.name))
    facts.append((_("Deadline van het programma"), dutch_date(doc.programme.deadline)))
    facts.append((_("Stand per"), dutch_date(doc.date)))
    if not doc.restricted:
        facts.append((_("Versie"), _("openbaar: alleen totalen, geen gegevens per organisatie")))
    w.title_page(_("Hoe ver het programma is op weg naar de deadline"), facts)
    chapters = [
        _("Inleiding"),
        _("Stand per stap en hoofdactiviteit"),
        _("Verloop over de rondes"),
        _("Uitloop tegen de basisplanning"),
        _("Wat te laat is of risico loopt"),
        _("Prognose"),
    ]
    w.contents([f"{n} {title}" for n, title in enumerate(chapters, 1)])
    w.heading(1, f"1 {chapters[0]}")
    for paragraph in doc.introduction():
        w.paragraph(paragraph)
    w.heading(1, f"2 {chapters[1]}")
    for n, step in enumerate(doc.steps, 1):
        w.heading(2, f"2.{n} {step.title}")
        rows = [[row.activity.title, *_tally_line(row.tally)] for row in step.activities]
        rows.append([_("Stap totaal"), *_tally_line(step.tally)])
        w.table([_("Hoofdactiviteit"), *_tally_head()], rows)
    if doc.families:
        w.paragraph(_("Per familie"), w.label_style)
        rows = [[family.name, *_tally_line(tally)] for family, tally in doc.families]
        rows.append([_("Programma"), *_tally_line(doc.scope)])
        w.table([_("Familie"), *_tally_head()], rows)
    w.heading(1, f"3 {chapters[2]}")
    w.table([_("Ronde"), *_tally_head()], [[r.label, *_tally_line(t)] for r, t in doc.history])
    w.heading(1, f"4 {chapters[3]}")
    w.paragraph(
        _(
            "Uitloop wordt altijd gemeten tegen de basisplanning: de datum die vastlag toen de "
            "agenda werd vastgesteld, de uitwerking werd toegezegd of de eerste ronde opende. Een "
            "herplanning verschuift de basis niet; de herplanningen staan ernaast."
        )
    )
    w.table(
        [_("Stand"), _("Mijlpalen")],
        [[str(label).capitalize(), count] for _k, label, count in doc.slip.rows()],
    )
    if doc.slipped:
        w.table(
            [_("Mijlpaal"), _("Basisdatum"), _("Herplanningen"), _("Stand")],
            [
                [
                    f"{s.title} ({s.milestone.commitment.organisation.official_name})",
                    dutch_date(s.baseline),
                    "; ".join(dutch_date(p.due_on) for p in s.replans) or "–",
                    str(s.state_label).capitalize(),
                ]
                for s in doc.slipped[:LIST_LIMIT]
            ],
        )
    w.heading(1, f"5 {chapters[4]}")
    if doc.risks is None:
        w.paragraph(
            _(
                "Welke uitwerkingen van welke organisatie te laat zijn of risico lopen, met hun "
                "toelichting, en wie nog niet rapporteerde, staat in de versie voor het "
                "programmabureau, de coördinatoren en de raad."
            )
        )
    else:
        if doc.risks:
            w.table(
                [_("Uitwerking"), _("Status"), _("Toelichting")],
                [
                    [
                        f"{r.commitment} ({r.organisation})",
                        f"{r.status} {r.percent} %",
                        r.explanation or "–",
                    ]
                    for r in doc.risks[:LIST_LIMIT]
                ],
            )
        w.heading(2, _("Wie nog niet rapporteerde"))
        if doc.missing:
            w.table(
                [_("Organisatie"), _("Uitwerkingen")],
                [[m.organisation, m.commitments] for m in doc.missing[:LIST_LIMIT]],
            )
        else:
            w.paragraph(_("Elke organisatie rapporteerde over al haar uitwerkingen."))
    w.heading(1, f"6 {chapters[5]}")
    f = doc.outlook
    if f and f.total:
        w.table(
            [_("Onderdeel"), _("Waarde")],
            [
                [_("Mijlpalen gereed"), f"{f.done} / {f.total}"],
                [
                    _("Verwachte afronding"),
                    f"{dutch_date(f.expected)} ({dutch_date(f.earliest)} – {dutch_date(f.latest)})"
                    if f.expected
                    else _("niet te voorspellen"),
                ],
                [
                    _("Kans de deadline te halen"),
                    f"{f.words} ({f.percent} %)" if f.percent is not None else _("onbekend"),
                ],
                [_("Earned schedule"), dutch_date(f.earned_schedule)],
            ],
        )
    else:
        w.paragraph(
            _(
                "Er zijn nog geen mijlpalen met een basisplanning; een prognose is nog niet te maken."
            )
        )
    return w.save(doc.date)
