"""The response report (reactienota) of a version: what was said, what was done with it, and
where it landed in the agenda, per theme, for the whole programme or for one family.

It is written to be published as it is: an introduction that says how the input came in, from
whom and how it was processed; per theme its name as the office gave it, its figures, a few quotes
central to it, every distinct answer once with the number of contributions it answers, and the
changes in the implementation agenda that cite the theme or its input, by number.

What is counted is the contribution: each letter of a campaign counts once per sender, and every
table adds up to the total it shows (input without a family is a row of its own).

Everything is counted in the database: the number of queries is the same for 100 contributions
as for 100,000 and for 2 themes as for 200, and only a handful of rows per theme come back to
Python (counts, the most used answers and the best quotes by a window function).

Which input a version answers: the visible input given on this version or on an earlier one
after the last adopted version (a new cycle answers only its own input), and input that names
no version at all (imports, letters). Its changes are those of the same versions: what a concept
changed stays what the adopted version changed.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, CharField, Count, F, IntegerField, Max, Min, Q, Value, When
from django.db.models.expressions import RawSQL, Window
from django.db.models.functions import Length, Lower, RowNumber, StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.core.markdown import excerpt, plain_text
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change
from koers.organisations.models import Family
from koers.synthesis.constants import Outcome
from koers.synthesis.models import Disposition, Theme, ThemeAssignment
from koers.synthesis.overview import ThemeRow, theme_overview
from koers.text.normalise import stopwords, strip_letter

from .agenda_document import item_fragment, version_date

QUOTES = 3  # quotes per theme
QUOTE_CANDIDATES = QUOTES * 6  # read per theme: copies of one letter count once
QUOTE_CHARS = 240  # a quote is a sentence or two, not the whole letter
QUOTE_MIN_CHARS = 40  # "Eens." says nothing about the theme
QUOTE_HEAD_CHARS = 400  # the part of a text its quote comes from, and that is scored
TERMS = 12  # words per theme that score a quote
ANSWERS = 5  # distinct answers shown per theme, the most used first
EXCERPT_CHARS = 90  # a paragraph has no title: its first words stand for it
ADOPTED = (Outcome.ADOPTED, Outcome.PARTLY)
KIND_ORDER = [ItemKind.SECTION, ItemKind.PARAGRAPH, ItemKind.STEP, ItemKind.MAIN_ACTIVITY]


@dataclass
class Landing:
    """One change in the agenda that cites a theme or its input."""

    change_id: int
    kind: str
    kind_label: str
    action: str
    action_label: str
    label: str  # the item by its number: "Alinea 2.3", "Stap 4", "Hoofdstuk 2"
    title: str  # the item's own title (a paragraph: its chapter and first words)
    anchor: str  # the fragment of the item in the agenda document
    summary: str
    exists: bool  # False for an item the change removed
    order: tuple = ()  # where the item stands in the agenda


@dataclass
class Quote:
    text: str
    source: str  # who said it, as far as they consented to be named


@dataclass
class Answer:
    """One answer text and how many contributions of the theme it answers."""

    outcome_label: str
    text: str
    count: int = 1

    @property
    def covers(self) -> str:
        return ngettext(
            "Dit antwoord geldt voor %(count)s bijdrage.",
            "Dit antwoord geldt voor %(count)s bijdragen.",
            self.count,
        ) % {"count": number(self.count)}


@dataclass
class ThemeSection:
    theme: Theme
    common_thread: bool
    total: int
    per_family: list[tuple[Family | None, int]]  # None: input without a family
    quotes: list[Quote]
    outcomes: list[tuple[str, int]]  # (label, count) in the order of Outcome
    unprocessed: int
    answers: list[Answer]
    landings: list[Landing]
    adopted: int = 0  # contributions adopted in whole or in part
    number: str = ""

    @property
    def anchor(self) -> str:
        return f"thema-{self.theme.pk}"

    @property
    def machine_named(self) -> bool:
        """The name is still the one the analysis proposed: nobody in the office gave one."""
        return not (self.theme.label_by_id or self.theme.created_by_id or self.theme.is_other)

    @property
    def name(self) -> str:
        label = self.theme.label
        return capfirst(label) if self.machine_named else label

    @property
    def other_answers(self) -> int:
        """Contributions answered with a text not shown (each of them less used)."""
        decided = sum(n for _label, n in self.outcomes)
        return decided - sum(a.count for a in self.answers)

    @property
    def other_answers_line(self) -> str:
        if not self.other_answers:
            return ""
        return ngettext(
            "Daarnaast kreeg %(count)s bijdrage een ander antwoord.",
            "Daarnaast kregen %(count)s bijdragen andere, minder vaak gegeven antwoorden.",
            self.other_answers,
        ) % {"count": number(self.other_answers)}

    @property
    def counts_line(self) -> str:
        """The count and how it splits over the families, adding up to the total: "163
        bijdragen: Gemeenten 27, …, zonder familie 116"."""
        said = ngettext("%(count)s bijdrage", "%(count)s bijdragen", self.total) % {
            "count": number(self.total)
        }
        parts = [f"{family_name(f)} {number(n)}" for f, n in self.per_family if n]
        # A family's own report has one family: its figure is the total.
        return f"{said}: {', '.join(parts)}." if parts and len(self.per_family) > 1 else f"{said}."

    @property
    def outcomes_line(self) -> str:
        parts = [f"{label}: {number(n)}" for label, n in self.outcomes if n]
        if self.unprocessed:
            parts.append(f"{_('nog niet verwerkt')}: {number(self.unprocessed)}")
        return capfirst("; ".join(parts) + ".") if parts else ""

    @property
    def changes_note(self) -> str:
        """What the section says when no change in the trace cites the theme: never "no
        change" when part of its input was adopted."""
        if self.landings:
            return ""
        if self.adopted:
            return ngettext(
                "%(count)s bijdrage is (deels) overgenomen; de antwoorden hierboven zeggen waar. "
                "Geen afzonderlijke wijziging in de implementatieagenda verwijst naar dit thema.",
                "%(count)s bijdragen zijn (deels) overgenomen; de antwoorden hierboven zeggen "
                "waar. Geen afzonderlijke wijziging in de implementatieagenda verwijst naar dit "
                "thema.",
                self.adopted,
            ) % {"count": number(self.adopted)}
        return _("Dit thema heeft niet tot een wijziging in de implementatieagenda geleid.")


@dataclass
class Chapter:
    number: int
    title: str
    anchor: str
    themes: list[ThemeSection]


@dataclass
class Report:
    programme: object
    version: AgendaVersion
    family: Family | None
    families: list[Family]
    themes: list[ThemeSection]
    date: object = None  # the version's date
    total: int = 0
    processed: int = 0
    unassigned: int = 0
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    per_family: list[tuple[Family | None, int]] = field(default_factory=list)
    channels: list[tuple[str, int]] = field(default_factory=list)
    first_day: object = None
    last_day: object = None
    campaigns: int = 0  # campaign letters answered as one
    campaign_contributions: int = 0

    @property
    def unprocessed(self) -> int:
        return self.total - self.processed

    @property
    def common_threads(self) -> list[ThemeSection]:
        return [t for t in self.themes if t.common_thread]

    @property
    def other_themes(self) -> list[ThemeSection]:
        return [t for t in self.themes if not t.common_thread]

    @property
    def machine_named(self) -> int:
        return sum(t.machine_named for t in self.themes)

    @property
    def title(self) -> str:
        return report_title(self.family)

    @property
    def subtitle(self) -> str:
        """What the report answers, by the state of the agenda it belongs to."""
        return agenda_name(self.version)

    @property
    def chapters(self) -> list[Chapter]:
        """Introduction first (1), then the common threads and the other themes, numbered."""
        chapters = []
        for title, anchor, themes in (
            (_("Rode draden"), "rode-draden", self.common_threads),
            (_("Overige thema's"), "overige-themas", self.other_themes),
        ):
            if themes:
                chapters.append(Chapter(len(chapters) + 2, title, anchor, themes))
        return chapters


def number(n: int) -> str:
    """A count as the active language writes it (1.234 in Dutch)."""
    return formats.number_format(n, 0, force_grouping=True)


def family_name(family: Family | None) -> str:
    return family.name if family is not None else _("zonder familie")


def report_title(family: Family | None) -> str:
    if family:
        return _("Reactienota voor %(family)s") % {"family": family.name}
    return _("Reactienota")


def agenda_name(version: AgendaVersion) -> str:
    if version.state == VersionState.ADOPTED:
        return _("Verantwoording van de inbreng op de vastgestelde implementatieagenda")
    if version.state == VersionState.CONCEPT:
        return _("Verantwoording van de inbreng op het concept van de implementatieagenda")
    return _("Verantwoording van de inbreng op de voorzet voor de implementatieagenda")


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


@dataclass
class _Scope:
    """The input a report answers and the versions whose changes answer it."""

    version: AgendaVersion
    after: int  # the number of the last adopted version before it
    family: Family | None

    def on(self, prefix: str = "") -> Q:
        return answered_input_q(self.version, prefix, after=self.after, family=self.family)

    def changes(self) -> Q:
        """The changes made in this cycle, up to and including this version."""
        return Q(
            change__version__programme_id=self.version.programme_id,
            change__version__number__gt=self.after,
            change__version__number__lte=self.version.number,
        )


# --- the agenda's items, by number -------------------------------------------------------------


def item_names(version: AgendaVersion, anchors: dict[str, set]) -> dict[tuple[str, str], tuple]:
    """{(kind, anchor as str): (label, title, order)} of the items of `version`, numbered as the
    agenda document numbers them (chapters and paragraphs in order, steps in order); one query
    per kind asked for."""
    found: dict[tuple[str, str], tuple] = {}
    if anchors.get(ItemKind.SECTION) or anchors.get(ItemKind.PARAGRAPH):
        sections = list(
            Section.objects.filter(version=version)
            .order_by("position", "pk")
            .values_list("pk", "anchor", "title")
        )
        chapter = {pk: (n, title) for n, (pk, _anchor, title) in enumerate(sections, 1)}
        for n, (_pk, anchor, title) in enumerate(sections, 1):
            if str(anchor) in anchors.get(ItemKind.SECTION, ()):
                label = _("Hoofdstuk %(number)s") % {"number": n}
                found[ItemKind.SECTION, str(anchor)] = (label, title, (n,))
    if anchors.get(ItemKind.PARAGRAPH):
        wanted = {str(a) for a in anchors[ItemKind.PARAGRAPH]}
        seen: dict[int, int] = defaultdict(int)
        for anchor, text, section_id in (
            Paragraph.objects.filter(version=version)
            .order_by("position", "pk")
            .values_list("anchor", "text", "section_id")
        ):
            seen[section_id] += 1
            if str(anchor) not in wanted or section_id not in chapter:
                continue
            n, section = chapter[section_id]
            label = _("Alinea %(number)s") % {"number": f"{n}.{seen[section_id]}"}
            title = f"{section}: {excerpt(text, EXCERPT_CHARS)}"
            found[ItemKind.PARAGRAPH, str(anchor)] = (label, title, (n, seen[section_id]))
    if anchors.get(ItemKind.STEP):
        wanted = {str(a) for a in anchors[ItemKind.STEP]}
        for n, (anchor, title) in enumerate(
            Step.objects.filter(version=version)
            .order_by("position", "pk")
            .values_list("anchor", "title"),
            1,
        ):
            if str(anchor) in wanted:
                found[ItemKind.STEP, str(anchor)] = (
                    _("Stap %(number)s") % {"number": n},
                    title,
                    (n,),
                )
    if anchors.get(ItemKind.MAIN_ACTIVITY):
        for anchor, title, family, position in MainActivity.objects.filter(
            version=version, anchor__in=anchors[ItemKind.MAIN_ACTIVITY]
        ).values_list("anchor", "title", "family__name", "family__position"):
            found[ItemKind.MAIN_ACTIVITY, str(anchor)] = (
                _("Hoofdactiviteit"),
                f"{title} ({family})",
                (position, title),
            )
    return found


def landings_for(version: AgendaVersion, change_ids) -> dict[int, Landing]:
    """The changes with the given ids as landings, their items named and numbered as in
    `version` (two queries plus one per item kind)."""
    changes = list(
        Change.objects.filter(version__programme_id=version.programme_id, pk__in=list(change_ids))
        .order_by("made_at", "pk")
        .values("pk", "kind", "anchor", "action", "summary")
    )
    anchors: dict[str, set] = defaultdict(set)
    for change in changes:
        anchors[change["kind"]].add(str(change["anchor"]))
    names = item_names(version, anchors)
    kinds, actions = dict(ItemKind.choices), dict(ChangeAction.choices)
    landings = {}
    for change in changes:
        key = (change["kind"], str(change["anchor"]))
        kind_label = str(kinds.get(change["kind"], change["kind"]))
        label, title, order = names.get(key, (capfirst(kind_label), "", ()))
        landings[change["pk"]] = Landing(
            change_id=change["pk"],
            kind=change["kind"],
            kind_label=kind_label,
            action=change["action"],
            action_label=str(actions.get(change["action"], change["action"])),
            label=label,
            title=title,
            anchor=item_fragment(change["kind"], change["anchor"]),
            summary=plain_text(change["summary"]),
            exists=key in names,
            # In the order of the agenda; removed items last.
            order=(
                key not in names,
                KIND_ORDER.index(change["kind"]) if change["kind"] in KIND_ORDER else 9,
                order,
            ),
        )
    return landings


# --- the report ------------------------------------------------------------------------------


def build_report(version: AgendaVersion, family: Family | None = None) -> Report:
    """The response report of `version`, for the whole programme or for one `family`."""
    programme = version.programme
    scope = _Scope(version, _last_adopted_number(version), family)
    # Themes and the reading of common threads come from the synthesis overview, so the report
    # calls a common thread what the overview calls one; its families are the programme's, read
    # once for both.
    overview = theme_overview(programme)
    rows = overview.rows
    families = list(overview.families) if family is None else [family]
    totals = _totals(scope.on(""))
    facts = _theme_facts([r.theme for r in rows], scope)
    # Campaign letters answered as one, each sender counted.
    campaigns = Disposition.objects.filter(
        scope.on("contribution__"), via_campaign__isnull=False
    ).aggregate(campaigns=Count("via_campaign", distinct=True), contributions=Count("pk"))
    report = Report(
        programme=programme,
        version=version,
        family=family,
        families=families,
        themes=_theme_sections(rows, facts, families, family),
        date=version_date(version),
        total=totals["total"],
        processed=totals["processed"],
        unassigned=totals["unassigned"],
        outcomes=_outcomes(facts.outcome_counts.values()),
        per_family=_per_family(scope.on(""), families),
        channels=_channels(scope.on("")),
        first_day=timezone.localdate(totals["first"]) if totals["first"] else None,
        last_day=timezone.localdate(totals["last"]) if totals["last"] else None,
        campaigns=campaigns["campaigns"],
        campaign_contributions=campaigns["contributions"],
    )
    for chapter in report.chapters:
        for n, section in enumerate(chapter.themes, 1):
            section.number = f"{chapter.number}.{n}"
    return report


@dataclass
class _ThemeFacts:
    """What the report says of each theme, by theme id, read in a fixed number of queries."""

    per_family: dict[int, dict[int | None, int]]  # family id (None: none) -> contributions
    outcome_counts: dict[int | None, dict[str, int]]  # outcome -> dispositions
    answers: dict[int, list[Answer]]
    quotes: dict[int, list[Quote]]
    cited: dict[int, set[int]]  # ids of the changes that cite the theme or its input
    landings: dict[int, Landing]  # change id -> landing


def _theme_facts(themes: list[Theme], scope: _Scope) -> _ThemeFacts:
    """Everything the report says per theme, each kind of fact read once for all themes."""
    on_contribution = scope.on("contribution__")
    cited = _cited_changes([t.pk for t in themes], scope)
    return _ThemeFacts(
        per_family=_counts_per_family(on_contribution),
        outcome_counts=_outcome_counts(on_contribution),
        answers=_answers(on_contribution),
        quotes=_quotes(themes, on_contribution),
        cited=cited,
        landings=landings_for(scope.version, set().union(*cited.values()) if cited else set()),
    )


def _totals(in_scope: Q) -> dict:
    """How much input the version answers, how much of it has no theme and how much is
    processed, and when it came in."""
    return Contribution.objects.filter(in_scope).aggregate(
        total=Count("pk"),
        unassigned=Count("pk", filter=Q(theme_assignment__isnull=True)),
        processed=Count("pk", filter=Q(disposition__isnull=False)),
        first=Min("submitted_at"),
        last=Max("submitted_at"),
    )


def _per_family(in_scope: Q, families: list[Family]) -> list[tuple[Family | None, int]]:
    """The input per family, and the input without one when there is any: adds up to the
    total."""
    counts = dict(
        Contribution.objects.filter(in_scope)
        .values_list("family_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows: list[tuple[Family | None, int]] = [(f, counts.get(f.pk, 0)) for f in families]
    if counts.get(None):
        rows.append((None, counts[None]))
    return rows


def _channels(in_scope: Q) -> list[tuple[str, int]]:
    """(label, contributions) per channel that brought input, in the order of Channel; round
    tables and reviewers say how many there were."""
    rows = {
        row["channel"]: row
        for row in Contribution.objects.filter(in_scope)
        .values("channel")
        .annotate(
            n=Count("pk"),
            round_tables=Count("round_table", distinct=True),
            reviewers=Count("reviewer", distinct=True),
        )
        .order_by()
    }
    out = []
    for value, label in Channel.choices:
        row = rows.get(value)
        if row is None:
            continue
        if value == Channel.ROUND_TABLE and row["round_tables"]:
            label = ngettext(
                "Ronde tafels (%(count)s bijeenkomst)",
                "Ronde tafels (%(count)s bijeenkomsten)",
                row["round_tables"],
            ) % {"count": number(row["round_tables"])}
        elif value == Channel.REVIEWER and row["reviewers"]:
            label = ngettext(
                "Meelezers (%(count)s persoon)", "Meelezers (%(count)s personen)", row["reviewers"]
            ) % {"count": number(row["reviewers"])}
        out.append((capfirst(str(label)), row["n"]))
    return out


def _counts_per_family(on_contribution: Q) -> dict[int, dict[int | None, int]]:
    """Per theme how many contributions each family gave (None: without a family)."""
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


def _answers(on_contribution: Q) -> dict[int, list[Answer]]:
    """Per theme its most used answers: each distinct outcome and reason once, with how many
    contributions it answers, whether it was given in bulk or one by one; the most used
    first."""
    labels = dict(Outcome.choices)
    theme_column = "contribution__theme_assignment__theme_id"
    answers: dict[int, list[Answer]] = defaultdict(list)
    for row in (
        Disposition.objects.filter(on_contribution)
        .values(theme_column, "outcome", "reason")
        .annotate(n=Count("pk"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F(theme_column)],
                order_by=[F("n").desc(), F("outcome").asc(), F("reason").asc()],
            )
        )
        .filter(rank__lte=ANSWERS)
        .order_by(theme_column, "rank")
    ):
        label = str(labels.get(row["outcome"], row["outcome"]))
        answers[row[theme_column]].append(
            Answer(label, answer_text(row["reason"], label), row["n"])
        )
    return answers


def _theme_terms(theme: Theme) -> list[tuple[str, int]]:
    """The words that say what a theme is about, with a weight: the words of the name the
    office gave it count double, then the keywords of the analysis. Cut to a stem, so that
    "loket" finds "loketten"."""
    terms: dict[str, int] = {}
    named = bool(theme.label_by_id or theme.created_by_id)
    for source, weight in ((theme.label if named else "", 2), (" ".join(theme.keywords), 1)):
        for word in re.findall(r"[^\W_]+", source.lower()):
            if len(word) < 4 or word in stopwords():
                continue
            stem = word[: max(4, len(word) - 2)]
            terms.setdefault(stem, weight)
    return list(terms.items())[:TERMS]


def _per_theme(values: dict[int, object], output_field) -> RawSQL:
    """The value for the row's theme: one CASE over the assignment's own theme column, written
    as SQL, since a CASE of a few hundred ORM expressions takes longer to build than to run."""
    column = "{}.{}".format(
        connection.ops.quote_name(ThemeAssignment._meta.db_table),
        connection.ops.quote_name("theme_id"),
    )
    if not values:
        return RawSQL("NULL", [], output_field=output_field)
    whens = " ".join("WHEN %s THEN %s" for _ in values)
    params = [p for pair in values.items() for p in pair]
    return RawSQL(f"(CASE {column} {whens} END)", params, output_field=output_field)


def _term_score(themes: list[Theme]):
    """An expression that scores a theme member by how many of its theme's words the start of
    its text holds, weighted: per slot the row's own theme's word and weight."""
    words: dict[int, dict[int, str]] = defaultdict(dict)
    weights: dict[int, dict[int, int]] = defaultdict(dict)
    for theme in themes:
        for i, (term, weight) in enumerate(_theme_terms(theme)):
            words[i][theme.pk] = term
            weights[i][theme.pk] = weight
    score = Value(0)
    for i, slot in words.items():
        found = GreaterThan(StrIndex("head", _per_theme(slot, CharField())), 0)
        score = score + Case(
            When(found, then=_per_theme(weights[i], IntegerField())),
            default=Value(0),
            output_field=IntegerField(),
        )
    return score


def _quotes(themes: list[Theme], on_contribution: Q) -> dict[int, list[Quote]]:
    """Per theme a few quotes central to it: from published input only, in the text the public
    may read; the members that use most of the theme's words first (the analysis stores no
    distance to the theme's centre for most input), long enough to say something, one per
    campaign."""
    quotes: dict[int, list[Quote]] = defaultdict(list)
    if not themes:
        return quotes
    candidates = list(
        ThemeAssignment.objects.filter(on_contribution, theme_id__in=[t.pk for t in themes])
        .filter(contribution__in=Contribution.objects.published().values("pk"))
        # Aliases, not annotations: each is written once in the SQL, in the window's order.
        .alias(
            length=Length("contribution__text"),
            head=Lower(Substr("contribution__text", 1, QUOTE_HEAD_CHARS)),
        )
        .alias(
            long_enough=Case(
                When(length__gte=QUOTE_MIN_CHARS, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            score=_term_score(themes),
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("theme_id")],
                order_by=[
                    F("long_enough").desc(),
                    F("score").desc(),
                    F("similarity").desc(nulls_last=True),
                    F("contribution_id").asc(),
                ],
            )
        )
        .filter(rank__lte=QUOTE_CANDIDATES)
        .order_by("theme_id", "rank")
        .values("theme_id", "contribution_id", "campaign_id")
    )
    contributions = {
        c.pk: c
        for c in Contribution.objects.filter(
            pk__in=[row["contribution_id"] for row in candidates]
        ).select_related("family", "organisation", "reviewer")
    }
    campaigns: dict[int, set] = defaultdict(set)
    for row in candidates:
        found = quotes[row["theme_id"]]
        if len(found) == QUOTES or (
            row["campaign_id"] and row["campaign_id"] in campaigns[row["theme_id"]]
        ):
            continue
        contribution = contributions[row["contribution_id"]]
        text = short_quote(contribution.public_text)
        if text and not any(_alike(text, q.text) for q in found):
            found.append(Quote(text, quote_source(contribution)))
            campaigns[row["theme_id"]].add(row["campaign_id"])
    return quotes


def _alike(a: str, b: str) -> bool:
    """Two quotes say much the same: most of their words are shared, or a run of words (letters
    sent with small edits or a sentence added, which the analysis did not count as one
    campaign)."""
    words_a, words_b = _content_words(a), _content_words(b)
    if len(words_a & words_b) >= 0.6 * len(words_a | words_b):
        return True
    return bool(_runs(a) & _runs(b))


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2 and w not in stopwords()}


def _runs(text: str, length: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


# A cover letter's first sentence ("Namens gemeente X reageren wij graag op de voorzet.") says
# who writes, not what: a quote starts after it.
_OPENER = re.compile(
    r"^[^.!?]*\b(?:namens|hierbij|dankt|danken|bedankt|belangstelling|gelegenheid)\b[^.!?]*[.!?]\s+",
    re.IGNORECASE,
)
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s.*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A contribution as a report quotes it: without salutation or signature (no names of
    senders), without headings and markup, and cut after a sentence (or else at a word) when
    long."""
    body = plain_text(_HEADING_LINE.sub("", strip_letter(text or "")))
    opener = _OPENER.match(body)
    if opener and len(body) - opener.end() >= QUOTE_MIN_CHARS:
        body = body[opener.end() :]
    if len(body) <= limit:
        return body
    ends = [m.end() for m in _SENTENCE_END.finditer(body, 0, limit)]
    if ends and ends[-1] > limit // 3:
        return body[: ends[-1]] + " …"
    cut = body.rfind(" ", 0, limit)
    return body[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


def quote_source(contribution: Contribution) -> str:
    """Who said it, as far as they consented: a name and organisation only with consent to
    publication with name; without an organisation also the family, or else the channel."""
    author = contribution.public_author
    organisation = contribution.public_organisation
    parts = [author] if author else []
    # "secretaris, waterschap Aa en Maas" already names its organisation.
    if organisation is not None and organisation.short_name not in author:
        parts.append(organisation.official_name)
    if organisation is not None:
        return ", ".join(parts)
    channels = {
        Channel.ROUND_TABLE: _("ronde tafel"),
        Channel.REVIEWER: _("meelezer"),
        Channel.EMAIL: _("per e-mail"),
        Channel.POSITION_PAPER: _("position paper"),
    }
    where = (
        contribution.family.name
        if contribution.family is not None
        else channels.get(contribution.channel, "")
    )
    who = ", ".join(parts) or _("Anoniem")
    return f"{who} ({where})" if where else who


_LEADING_OUTCOME = re.compile(r"^\s*([^.:]{3,40})[.:]\s+")


def answer_text(reason: str, outcome_label: str) -> str:
    """A reason as the report prints it under its outcome: plain text, without the outcome
    repeated at its start ("Overgenomen. Stap 4 …" under "Overgenomen")."""
    text = plain_text(reason, lines=True)
    start = _LEADING_OUTCOME.match(text)
    if start and start.group(1).strip().lower() == outcome_label.lower():
        rest = text[start.end() :]
        text = capfirst(rest) if rest else text
    return text


def _cited_changes(theme_ids: list[int], scope: _Scope) -> dict[int, set[int]]:
    """Where each theme landed: changes of this cycle citing the theme, or input of it."""
    cited: dict[int, set[int]] = defaultdict(set)
    for theme_id, change_id in Change.themes.through.objects.filter(
        scope.changes(), theme_id__in=theme_ids
    ).values_list("theme_id", "change_id"):
        cited[theme_id].add(change_id)
    for theme_id, change_id in (
        Change.contributions.through.objects.filter(scope.changes())
        .filter(scope.on("contribution__"))
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
        per_family: list[tuple[Family | None, int]] = [(f, counts.get(f.pk, 0)) for f in families]
        if family is None and counts.get(None):
            per_family.append((None, counts[None]))
        decided = facts.outcome_counts.get(tid, {})
        themes.append(
            ThemeSection(
                theme=row.theme,
                common_thread=row.common_thread,
                total=total,
                per_family=per_family,
                quotes=facts.quotes.get(tid, []),
                outcomes=[(str(label), decided.get(value, 0)) for value, label in Outcome.choices],
                unprocessed=total - sum(decided.values()),
                answers=facts.answers.get(tid, []),
                adopted=sum(decided.get(value, 0) for value in ADOPTED),
                landings=sorted(
                    (facts.landings[c] for c in facts.cited.get(tid, ()) if c in facts.landings),
                    key=lambda landing: (landing.order, landing.change_id),
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
