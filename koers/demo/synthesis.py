"""The demo's synthesis: the analysis of the demo consultation and the office's curation of it.

The programme office (the demo account "bureau") ran the analysis, gave the themes it
recognised a name of its own, decided on two common threads the case names (other channels stay
needed; user-friendly websites and forms), then ran the analysis again: the second run kept
every one of those decisions. Every theme of the demo has a name the office gave it, as a
published response report would. The names and threads are data/synthesis.yaml, and so are the
moments of 17 August 2015 at which each step is dated (koers/demo/clock.py).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count

from koers.consultation.models import Contribution
from koers.organisations.models import Programme
from koers.synthesis.constants import RunMode
from koers.synthesis.models import SynthesisRun, Theme
from koers.synthesis.overview import theme_overview
from koers.synthesis.services import decide_common_thread, perform_run, rename_theme

from .clock import told_at
from .texts import moment, texts

# A keyword the analysis shows for a theme -> the name the office gave that theme.
NAMES: dict[str, str] = texts("synthesis")["names"]
# Themes the office decided are common threads whatever the coverage says (case, step 5).
THREADS: list[str] = texts("synthesis")["threads"]
ANALYSED_AT = moment(texts("synthesis")["analysed_at"])
NAMED_AT = moment(texts("synthesis")["named_at"])
THEMES_REQUESTED: int = texts("synthesis")["themes_requested"]
REANALYSED_AT = moment(texts("synthesis")["reanalysed_at"])


def load_synthesis_demo(programme: Programme) -> int:
    """Analyse and curate once; later, place input added since (a larger demo) in the curated
    themes. Returns the number of runs added."""
    office = get_user_model().objects.filter(username="bureau").first()
    if SynthesisRun.objects.filter(programme=programme).exists():
        waiting = Contribution.objects.visible().filter(
            programme=programme, theme_assignment__isnull=True
        )
        if not waiting.exists():
            return 0
        with told_at(REANALYSED_AT + datetime.timedelta(hours=1)):
            run = SynthesisRun.objects.create(
                programme=programme, mode=RunMode.NEW, requested_by=office
            )
            perform_run(run)
        return 1
    with told_at(ANALYSED_AT):
        first = SynthesisRun.objects.create(
            programme=programme,
            mode=RunMode.FULL,
            requested_by=office,
            themes_requested=THEMES_REQUESTED,
        )
        perform_run(first)
    with told_at(NAMED_AT):
        named = _name_themes(programme, office)
        for theme in named:
            if theme.label in THREADS:
                decide_common_thread(theme, True, by=office)
    with told_at(REANALYSED_AT):
        second = SynthesisRun.objects.create(
            programme=programme,
            mode=RunMode.FULL,
            requested_by=office,
            themes_requested=THEMES_REQUESTED,
        )
        perform_run(second)
    return 2


def _name_themes(programme: Programme, office) -> list[Theme]:
    # Biggest first: a keyword names the main theme about it, not a small one that mentions it.
    themes = [row.theme for row in theme_overview(programme).rows if not row.theme.is_other]
    named = []
    for keyword, label in NAMES.items():
        match = next(
            (
                t
                for t in themes
                if t not in named and keyword.lower() in [k.lower() for k in t.keywords]
            ),
            None,
        )
        if match is None:
            match = _theme_saying(keyword, [t for t in themes if t not in named])
        if match is not None:
            named.append(rename_theme(match, label, by=office))
    return named


def _theme_saying(word: str, themes: list[Theme]) -> Theme | None:
    """The theme among `themes` whose input uses `word` most, for a topic the analysis put
    beside another one's keywords: the office still recognises it by what its input says."""
    counts = (
        Theme.objects.filter(pk__in=[t.pk for t in themes])
        .filter(assignments__contribution__text__icontains=word)
        .annotate(n=Count("assignments"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
    )
    best = counts.first()
    return next((t for t in themes if t.pk == best), None)
