"""The response report (reactienota) of a version: what was said, what was done with it, and
where it landed in the agenda, per theme, for the whole programme or for one family.

Everything is counted in the database: the number of queries is the same for 100 contributions
as for 100,000 (about fifteen), and only a handful of rows per theme come back to Python
(counts, distinct reasons, the first few quotes and reasons by a window function).

Which input a version answers: the visible input given on this version or on an earlier one
after the last adopted version (a new cycle answers only its own input), and input that names
no version at all (imports, letters).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber

from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.consultation.models import Contribution
from koers.core.markdown import excerpt
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change
from koers.organisations.models import Family
from koers.synthesis.constants import Outcome
from koers.synthesis.models import Disposition, ThemeAssignment
from koers.synthesis.overview import ThemeRow, theme_overview
from koers.text.pipeline import quote

QUOTES = 3  # representative quotes per theme
REASON_SAMPLE = 3  # individual reasons shown per theme beside the bulk ones
EXCERPT_CHARS = 90  # a paragraph has no title: its first words stand for it


@dataclass
class Landing:
    """One change in the agenda that cites a theme or its input."""

    change_id: int
    kind: str
    kind_label: str
    action: str
    action_label: str
    title: str
    anchor: str  # the fragment of the item in the agenda document
    summary: str
    exists: bool  # False for an item the change removed


@dataclass
class Reason:
    outcome_label: str
    text: str
    count: int = 1


@dataclass
class ThemeSection:
    theme: object
    common_thread: bool
    total: int
    per_family: list[tuple[Family, int]]
    quotes: list[str]
    outcomes: list[tuple[str, int]]  # (label, count) in the order of Outcome
    unprocessed: int
    bulk_reasons: list[Reason]
    reasons: list[Reason]
    landings: list[Landing]

    @property
    def anchor(self) -> str:
        return f"thema-{self.theme.pk}"


@dataclass
class Report:
    programme: object
    version: AgendaVersion
    family: Family | None
    families: list[Family]
    themes: list[ThemeSection]
    total: int = 0
    processed: int = 0
    unassigned: int = 0
    outcomes: list[tuple[str, int]] = field(default_factory=list)

    @property
    def unprocessed(self) -> int:
        return self.total - self.processed

    @property
    def common_threads(self) -> list[ThemeSection]:
        return [t for t in self.themes if t.common_thread]

    @property
    def other_themes(self) -> list[ThemeSection]:
        return [t for t in self.themes if not t.common_thread]


def _last_adopted_number(version: AgendaVersion) -> int:
    return (
        AgendaVersion.objects.filter(
            programme_id=version.programme_id,
            state=VersionState.ADOPTED,
            number__lt=version.number,
        ).aggregate(n=Max("number"))["n"]
        or 0
    )


def answered_input_q(
    version: AgendaVersion, prefix: str = "", *, after: int | None = None, family=None
) -> Q:
    """The condition (on `prefix` + contribution fields) that picks the input `version`
    answers; `after` is the number of the last adopted version before it, when known."""
    if after is None:
        after = _last_adopted_number(version)
    cond = Q(**{f"{prefix}programme_id": version.programme_id, f"{prefix}is_hidden": False})
    cond &= Q(**{f"{prefix}version__isnull": True}) | Q(
        **{f"{prefix}version__number__gt": after, f"{prefix}version__number__lte": version.number}
    )
    if family is not None:
        cond &= Q(**{f"{prefix}family_id": family.pk})
    return cond


def _scope(version: AgendaVersion, family: Family | None):
    """answered_input_q for any prefix, reading the last adopted version once."""
    after = _last_adopted_number(version)
    return lambda prefix="": answered_input_q(version, prefix, after=after, family=family)


def item_titles(version: AgendaVersion, anchors: dict[str, set]) -> dict[tuple[str, str], str]:
    """{(kind, anchor as str): title} of the items of `version`, one query per kind."""
    found: dict[tuple[str, str], str] = {}
    if anchors.get(ItemKind.SECTION):
        for anchor, title in Section.objects.filter(
            version=version, anchor__in=anchors[ItemKind.SECTION]
        ).values_list("anchor", "title"):
            found[ItemKind.SECTION, str(anchor)] = title
    if anchors.get(ItemKind.PARAGRAPH):
        for anchor, text, section in Paragraph.objects.filter(
            version=version, anchor__in=anchors[ItemKind.PARAGRAPH]
        ).values_list("anchor", "text", "section__title"):
            found[ItemKind.PARAGRAPH, str(anchor)] = f"{section}: {excerpt(text, EXCERPT_CHARS)}"
    if anchors.get(ItemKind.STEP):
        for anchor, title in Step.objects.filter(
            version=version, anchor__in=anchors[ItemKind.STEP]
        ).values_list("anchor", "title"):
            found[ItemKind.STEP, str(anchor)] = title
    if anchors.get(ItemKind.MAIN_ACTIVITY):
        for anchor, title, family in MainActivity.objects.filter(
            version=version, anchor__in=anchors[ItemKind.MAIN_ACTIVITY]
        ).values_list("anchor", "title", "family__name"):
            found[ItemKind.MAIN_ACTIVITY, str(anchor)] = f"{title} ({family})"
    return found


def item_fragment(kind: str, anchor) -> str:
    """The id of an item in the agenda document (see documents/agenda_document/_body.html)."""
    prefix = {
        ItemKind.SECTION: "hoofdstuk",
        ItemKind.PARAGRAPH: "alinea",
        ItemKind.STEP: "stap",
        ItemKind.MAIN_ACTIVITY: "activiteit",
    }.get(kind, "onderdeel")
    return f"{prefix}-{str(anchor)[:8]}"


def landings_for(version: AgendaVersion, change_ids) -> dict[int, Landing]:
    """The changes with the given ids as landings (two queries plus one per item kind)."""
    changes = list(
        Change.objects.filter(version=version, pk__in=list(change_ids))
        .order_by("made_at", "pk")
        .values("pk", "kind", "anchor", "action", "summary")
    )
    anchors: dict[str, set] = defaultdict(set)
    for change in changes:
        anchors[change["kind"]].add(change["anchor"])
    titles = item_titles(version, anchors)
    kinds, actions = dict(ItemKind.choices), dict(ChangeAction.choices)
    landings = {}
    for change in changes:
        key = (change["kind"], str(change["anchor"]))
        landings[change["pk"]] = Landing(
            change_id=change["pk"],
            kind=change["kind"],
            kind_label=str(kinds.get(change["kind"], change["kind"])),
            action=change["action"],
            action_label=str(actions.get(change["action"], change["action"])),
            title=titles.get(key, ""),
            anchor=item_fragment(change["kind"], change["anchor"]),
            summary=change["summary"],
            exists=key in titles,
        )
    return landings


def build_report(version: AgendaVersion, family: Family | None = None) -> Report:
    """The response report of `version`, for the whole programme or for one `family`."""
    programme = version.programme
    scope = _scope(version, family)
    families = list(programme.families.all()) if family is None else [family]
    # Themes and the reading of common threads come from the synthesis overview, so the report
    # calls a common thread what the overview calls one.
    rows = theme_overview(programme).rows
    totals = _totals(scope(""))
    facts = _theme_facts(version, [r.theme.pk for r in rows], scope("contribution__"))
    return Report(
        programme=programme,
        version=version,
        family=family,
        families=families,
        themes=_theme_sections(rows, facts, families, family),
        total=totals["total"],
        processed=totals["processed"],
        unassigned=totals["unassigned"],
        outcomes=_outcomes(facts.outcome_counts.values()),
    )


@dataclass
class _ThemeFacts:
    """What the report says of each theme, by theme id, read in a fixed number of queries."""

    per_family: dict[int, dict[int, int]]  # family id -> contributions
    outcome_counts: dict[int | None, dict[str, int]]  # outcome -> dispositions
    bulk_reasons: dict[int, list[Reason]]
    reasons: dict[int, list[Reason]]
    quotes: dict[int, list[str]]
    cited: dict[int, set[int]]  # ids of the changes that cite the theme or its input
    landings: dict[int, Landing]  # change id -> landing


def _theme_facts(version: AgendaVersion, theme_ids: list[int], on_contribution: Q) -> _ThemeFacts:
    """Everything the report says per theme, each kind of fact read once for all themes."""
    per_family = _counts_per_family(on_contribution)
    outcome_counts = _outcome_counts(on_contribution)
    bulk_reasons = _bulk_reasons(on_contribution)
    reasons = _individual_reasons(on_contribution)
    quotes = _quotes(on_contribution)
    cited = _cited_changes(version, theme_ids, on_contribution)
    landings = landings_for(version, set().union(*cited.values()) if cited else set())
    return _ThemeFacts(per_family, outcome_counts, bulk_reasons, reasons, quotes, cited, landings)


def _totals(in_scope: Q) -> dict[str, int]:
    """How much input the version answers, how much of it has no theme and how much is
    processed."""
    return Contribution.objects.filter(in_scope).aggregate(
        total=Count("pk"),
        unassigned=Count("pk", filter=Q(theme_assignment__isnull=True)),
        processed=Count("pk", filter=Q(disposition__isnull=False)),
    )


def _counts_per_family(on_contribution: Q) -> dict[int, dict[int, int]]:
    """Per theme how many contributions each family gave."""
    per_family: dict[int, dict] = defaultdict(dict)
    for row in (
        ThemeAssignment.objects.filter(on_contribution)
        .values("theme_id", "contribution__family_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        per_family[row["theme_id"]][row["contribution__family_id"]] = row["n"]
    return per_family


def _outcome_counts(on_contribution: Q) -> dict[int | None, dict[str, int]]:
    """Per theme (None: input without one) how often each outcome was decided."""
    outcome_counts: dict[int | None, dict[str, int]] = defaultdict(dict)
    for row in (
        Disposition.objects.filter(on_contribution)
        .values("contribution__theme_assignment__theme_id", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        theme_id = row["contribution__theme_assignment__theme_id"]
        outcome_counts[theme_id][row["outcome"]] = row["n"]
    return outcome_counts


def _bulk_reasons(on_contribution: Q) -> dict[int, list[Reason]]:
    """The reasons given for a whole theme or campaign at once, each with how many it answers,
    the most used first."""
    labels = dict(Outcome.choices)
    bulk: dict[int, list[Reason]] = defaultdict(list)
    for row in (
        Disposition.objects.filter(on_contribution)
        .filter(Q(via_theme__isnull=False) | Q(via_campaign__isnull=False))
        .values("contribution__theme_assignment__theme_id", "outcome", "reason")
        .annotate(n=Count("pk"))
        .order_by("contribution__theme_assignment__theme_id", "-n", "outcome", "reason")
    ):
        bulk[row["contribution__theme_assignment__theme_id"]].append(
            Reason(str(labels.get(row["outcome"], row["outcome"])), row["reason"], row["n"])
        )
    return bulk


def _individual_reasons(on_contribution: Q) -> dict[int, list[Reason]]:
    """The first few reasons given for one contribution at a time, per theme, oldest first."""
    labels = dict(Outcome.choices)
    theme_column = F("contribution__theme_assignment__theme_id")
    individual: dict[int, list[Reason]] = defaultdict(list)
    for row in (
        Disposition.objects.filter(
            on_contribution, via_theme__isnull=True, via_campaign__isnull=True
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[theme_column],
                order_by=[F("decided_at").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=REASON_SAMPLE)
        .values("contribution__theme_assignment__theme_id", "outcome", "reason")
    ):
        individual[row["contribution__theme_assignment__theme_id"]].append(
            Reason(str(labels.get(row["outcome"], row["outcome"])), row["reason"])
        )
    return individual


def _quotes(on_contribution: Q) -> dict[int, list[str]]:
    """Quotes only from published input, in the text the public may read; the closest to the
    theme first. A few extra are read, as a quote may be empty once salutation and signature
    are gone."""
    quotes: dict[int, list[str]] = defaultdict(list)
    candidates = list(
        ThemeAssignment.objects.filter(on_contribution)
        .filter(contribution__in=Contribution.objects.published().values("pk"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("theme_id")],
                order_by=[F("similarity").desc(nulls_last=True), F("contribution_id").asc()],
            )
        )
        .filter(rank__lte=QUOTES * 2)
        .order_by("theme_id", "rank")
        .values("theme_id", "contribution_id")
    )
    public_texts = {
        c.pk: c.public_text
        for c in Contribution.objects.filter(
            pk__in=[row["contribution_id"] for row in candidates]
        ).only("pk", "text", "published_text", "channel", "publication")
    }
    for row in candidates:
        found = quotes[row["theme_id"]]
        text = quote(public_texts[row["contribution_id"]])
        if text and text not in found and len(found) < QUOTES:
            found.append(text)
    return quotes


def _cited_changes(
    version: AgendaVersion, theme_ids: list[int], on_contribution: Q
) -> dict[int, set[int]]:
    """Where each theme landed: changes of this version citing the theme, or input of it."""
    cited: dict[int, set[int]] = defaultdict(set)
    for theme_id, change_id in Change.themes.through.objects.filter(
        change__version=version, theme_id__in=theme_ids
    ).values_list("theme_id", "change_id"):
        cited[theme_id].add(change_id)
    for theme_id, change_id in (
        Change.contributions.through.objects.filter(change__version=version)
        .filter(on_contribution)
        .filter(contribution__theme_assignment__isnull=False)
        .values_list("contribution__theme_assignment__theme_id", "change_id")
        .distinct()
    ):
        cited[theme_id].add(change_id)
    return cited


def _theme_sections(
    rows: list[ThemeRow], facts: _ThemeFacts, families: list[Family], family: Family | None
) -> list[ThemeSection]:
    """A section per theme of the overview; common threads first, and within each group the
    overview's order (largest first, "Overig" last)."""
    themes = []
    for row in rows:
        tid = row.theme.pk
        counts = facts.per_family.get(tid, {})
        total = sum(counts.values())
        # A family's report leaves out themes the family did not raise and nothing cites.
        if family is not None and not total and not facts.cited.get(tid):
            continue
        decided = facts.outcome_counts.get(tid, {})
        themes.append(
            ThemeSection(
                theme=row.theme,
                common_thread=row.common_thread,
                total=total,
                per_family=[(f, counts.get(f.pk, 0)) for f in families],
                quotes=facts.quotes.get(tid, []),
                outcomes=[(str(label), decided.get(value, 0)) for value, label in Outcome.choices],
                unprocessed=total - sum(decided.values()),
                bulk_reasons=facts.bulk_reasons.get(tid, []),
                reasons=facts.reasons.get(tid, []),
                landings=sorted(
                    (facts.landings[c] for c in facts.cited.get(tid, ()) if c in facts.landings),
                    key=lambda landing: landing.change_id,
                ),
            )
        )
    themes.sort(key=lambda t: not t.common_thread)
    return themes


def _outcomes(per_theme: Iterable[dict[str, int]]) -> list[tuple[str, int]]:
    """(label, count) of every outcome over all themes, in the order of Outcome."""
    all_outcomes: dict[str, int] = defaultdict(int)
    for decided in per_theme:
        for value, n in decided.items():
            all_outcomes[value] += n
    return [(str(label), all_outcomes.get(value, 0)) for value, label in Outcome.choices]
