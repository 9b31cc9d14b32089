"""The demo's synthesis: the analysis of the demo consultation and the office's curation of it.

The programme office (the demo account "bureau") ran the analysis, gave the themes it
recognised a name of its own, decided on two common threads the case names (other channels stay
needed; user-friendly websites and forms), then ran the analysis again: the second run kept
every one of those decisions. Every theme of the demo has a name the office gave it, as a
published response report would. The names and threads are data/synthesis.yaml, and so are the
moments of 17 August 2015 at which each step is dated (koers/demo/clock.py).
"""

import datetime
import re
from collections import defaultdict

import numpy
from django.contrib.auth import get_user_model
from scipy.optimize import linear_sum_assignment

from koers.consultation.models import Contribution
from koers.organisations.models import Programme
from koers.synthesis.constants import RunMode
from koers.synthesis.models import SynthesisRun, Theme, ThemeAssignment
from koers.synthesis.overview import theme_overview
from koers.synthesis.services import decide_common_thread, perform_run, rename_theme

from .clock import told_at
from .texts import moment, texts

# The name the office gave a theme -> the words by which it recognised that theme.
NAMES: dict[str, list[str]] = texts("synthesis")["names"]
# A theme takes a name only when at least this share of its input uses the name's words.
MIN_SHARE = 0.5
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
    themes = [row.theme for row in theme_overview(programme).rows if not row.theme.is_other]
    labels = list(NAMES)
    shares = name_shares(themes, labels)
    named = []
    # One name per theme and one theme per name, by the most input recognised in all: a name
    # the office gave by the order of a list went to whichever theme happened to mention its
    # word first, and a topic that the analysis split or joined took a neighbour's name.
    # A pair below the threshold counts for nothing, so that it never costs another theme its name.
    eligible = numpy.where(shares >= MIN_SHARE, shares, 0.0)
    for row, column in zip(*linear_sum_assignment(eligible, maximize=True), strict=True):
        if eligible[row, column] > 0:
            named.append(rename_theme(themes[row], labels[column], by=office))
    return named


def name_shares(themes: list[Theme], labels: list[str]) -> numpy.ndarray:
    """For each theme (row) and name (column): the share of the theme's input that uses one of
    the name's words."""
    patterns = [
        re.compile(r"\b(?:" + "|".join(re.escape(word) for word in NAMES[label]) + ")", re.I)
        for label in labels
    ]
    texts = defaultdict(list)
    rows = ThemeAssignment.objects.filter(theme__in=themes).values_list(
        "theme_id", "contribution__text"
    )
    for theme_id, text in rows.iterator():
        texts[theme_id].append(text)
    shares = numpy.zeros((len(themes), len(labels)))
    for row, theme in enumerate(themes):
        own = texts[theme.pk]
        for column, pattern in enumerate(patterns):
            shares[row, column] = sum(1 for text in own if pattern.search(text)) / max(len(own), 1)
    return shares
