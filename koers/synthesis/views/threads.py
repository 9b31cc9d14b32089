"""The common-thread overview: families x themes, and what that says about the whole programme.

Per theme the share of each family's own input (a family of 400 municipalities is not louder
than one of 12 provinces), read into common threads, family-specific and divisive themes. The
page says for every reading whether the analysis proposed it or a person decided, shows a heat
map with the same figures as the data table beside it, and lets the office set the threshold.
The downloads hold exactly the rows and columns of that table.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.consultation.exports import TABLE_FORMATS, table_response
from koers.core.access import login_when_anonymous
from koers.organisations.access import get_programme
from koers.organisations.models import Programme
from koers.text.threads import ThreadSettings

from ..constants import RunState
from ..forms_overview import ThreadThresholdForm
from ..models import SynthesisRun, SynthesisSettings
from ..overview import Overview, ThemeRow, theme_overview

RULES = ThreadSettings()  # the parts of the reading the office does not set
# Where a theme stands on the page: common threads first, then what sets families apart.
THREAD, SPECIFIC, DIVISIVE, OTHER = "thread", "specific", "divisive", "other"

# Heat map geometry (px): cell size, room for theme labels on the left and family names on top.
CELL_W, CELL_H, LEFT, TOP = 96, 28, 330, 110
LABEL_CHARS = 40
# Darkest cell colour (the share of the largest cell); lighter cells mix it with white.
DARK = (21, 66, 115)


@dataclass
class Line:
    """One theme as the page, the heat map and the downloads show it."""

    row: ThemeRow
    reading: str
    percents: list[float]  # per family: share of that family's input, in percent

    @property
    def cells(self):
        return [(cell, pct) for cell, pct in zip(self.row.cells, self.percents, strict=True)]


@dataclass
class HeatCell:
    x: int
    y: int
    fill: str
    ink: str
    text: str
    text_x: int
    text_y: int


@dataclass
class HeatRow:
    label: str
    text_y: int
    cells: list[HeatCell]


@dataclass
class HeatColumn:
    name: str
    x: int
    y: int


@dataclass
class HeatMap:
    width: int
    height: int
    columns: list[HeatColumn]
    rows: list[HeatRow]
    label_x: int = LEFT - 8
    cell_w: int = CELL_W - 2
    cell_h: int = CELL_H - 2


def _latest_run(programme: Programme) -> SynthesisRun | None:
    """The analysis whose proposals the page shows (the latest that finished)."""
    return (
        SynthesisRun.objects.filter(programme=programme, state=RunState.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )


def _reading(row: ThemeRow) -> str:
    if row.common_thread:
        return THREAD
    if row.specific_to is not None:
        return SPECIFIC
    if row.divisive:
        return DIVISIVE
    return OTHER


def _lines(overview: Overview) -> list[Line]:
    """Every theme, common threads first, then family-specific, divisive and the rest (in the
    overview's own order within each: largest first, "Overig" last)."""
    order = [THREAD, SPECIFIC, DIVISIVE, OTHER]
    lines = [
        Line(row, _reading(row), [round(cell.share * 100, 1) for cell in row.cells])
        for row in overview.rows
    ]
    return sorted(lines, key=lambda line: order.index(line.reading))


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(rgb: tuple[int, ...]) -> str:
    """Black or white, whichever contrasts more with the cell (always at least 4.5:1 here)."""
    lum = _luminance(rgb)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def _heatmap(overview: Overview, lines: list[Line]) -> HeatMap | None:
    families = overview.families
    if not families or not lines:
        return None
    top = max([pct for line in lines for pct in line.percents] + [0.1])
    columns = [
        HeatColumn(family.name, LEFT + j * CELL_W + CELL_W // 2, TOP - 8)
        for j, family in enumerate(families)
    ]
    rows = []
    for i, line in enumerate(lines):
        y = TOP + i * CELL_H
        label = line.row.theme.label
        if len(label) > LABEL_CHARS:
            label = label[: LABEL_CHARS - 1] + "…"
        cells = []
        for j, pct in enumerate(line.percents):
            strength = min(1.0, pct / top)
            rgb = tuple(round(255 - strength * (255 - c)) for c in DARK)
            x = LEFT + j * CELL_W
            cells.append(
                HeatCell(
                    x=x,
                    y=y,
                    fill="#{:02x}{:02x}{:02x}".format(*rgb),
                    ink=_ink(rgb),
                    text=f"{formats.number_format(pct, 1)} %",
                    text_x=x + (CELL_W - 2) // 2,
                    text_y=y + CELL_H // 2 + 5,
                )
            )
        rows.append(HeatRow(label, y + CELL_H // 2 + 5, cells))
    width = LEFT + CELL_W * len(families) + 100  # room for the slanted family names
    return HeatMap(width, TOP + CELL_H * len(lines) + 10, columns, rows)


def _page(
    request: HttpRequest,
    programme: Programme,
    *,
    form: ThreadThresholdForm | None = None,
    status: int = 200,
) -> HttpResponse:
    overview = theme_overview(programme)
    lines = _lines(overview)
    may_set = request.user.has_perm("synthesis.curate_themes", programme)
    if may_set and form is None:
        form = ThreadThresholdForm(
            instance=SynthesisSettings(
                programme=programme, common_thread_share=overview.thread_share
            )
        )
    return render(
        request,
        "synthesis/threads/overview.html",
        {
            "programme": programme,
            "overview": overview,
            "lines": lines,
            "threads": [line for line in lines if line.reading == THREAD],
            "specific": [line for line in lines if line.reading == SPECIFIC],
            "divisive": [line for line in lines if line.reading == DIVISIVE],
            # Proposed by the analysis, but a person decided otherwise: said, not hidden.
            "overruled": [
                line for line in lines if line.row.proposed_thread and line.reading != THREAD
            ],
            "heatmap": _heatmap(overview, lines),
            "run": _latest_run(programme),
            "form": form if may_set else None,
            "family_totals": [overview.family_totals.get(f.pk, 0) for f in overview.families],
            "min_share": round(RULES.min_share * 100),
            "lift": formats.number_format(RULES.specific_lift, 0),
        },
        status=status,
    )


def _reading_text(line: Line) -> str:
    if line.reading == THREAD:
        return _("rode draad")
    if line.reading == SPECIFIC:
        return _("specifiek voor %(family)s") % {"family": line.row.specific_to.name}
    if line.reading == DIVISIVE:
        return _("verdeeld")
    return _("overig") if line.row.theme.is_other else ""


def _decided_by(theme) -> str:
    """Who decides whether it is a common thread: the analysis, or the person who decided."""
    if theme.common_thread_decision is None:
        return _("analyse")
    user = theme.common_thread_by
    return (user.get_full_name() or user.username) if user else _("onbekend")


def _table(overview: Overview, lines: list[Line]):
    headers = [
        _("Thema"),
        _("Lezing"),
        _("Rode draad volgens de analyse"),
        _("Rode draad besloten door"),
        _("Datum besluit"),
        _("Inbreng"),
        _("Door mensen ingedeeld"),
    ]
    for family in overview.families:
        headers += [
            _("%(family)s: aantal") % {"family": family.name},
            _("%(family)s: %% van de inbreng van de familie") % {"family": family.name},
        ]
    rows = []
    for line in lines:
        theme = line.row.theme
        decided_at = theme.common_thread_at if theme.common_thread_decision is not None else None
        row = [
            theme.label,
            _reading_text(line),
            line.row.proposed_thread,
            _decided_by(theme),
            timezone.localtime(decided_at).date() if decided_at else None,
            line.row.size,
            line.row.by_people,
        ]
        for cell, pct in line.cells:
            row += [cell.count, pct]
        rows.append(row)
    return headers, rows


@require_GET
@login_when_anonymous
def common_threads(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.view_synthesis")
    return _page(request, programme)


@require_POST
@login_when_anonymous
def common_threads_settings(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.curate_themes")
    form = ThreadThresholdForm(request.POST, instance=SynthesisSettings.of(programme))
    if not form.is_valid():
        return _page(request, programme, form=form, status=400)
    # The history middleware records who changed it in the settings' history.
    form.save()
    messages.success(
        request,
        _("De drempel voor een rode draad is nu %(share)s %% van de families.")
        % {"share": form.instance.common_thread_share},
    )
    return redirect("synthesis:common-threads", programme.slug)


@require_GET
@login_when_anonymous
def common_threads_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in TABLE_FORMATS:
        raise Http404
    programme = get_programme(request, slug, "synthesis.view_synthesis")
    overview = theme_overview(programme)
    headers, rows = _table(overview, _lines(overview))
    return table_response(
        fmt, f"rode-draden-{programme.slug}", headers, rows, sheet=_("Rode draden")
    )
