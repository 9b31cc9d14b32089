"""The introduction of the response report, as the office would write it: how the input came
in and how it is counted, how it was processed, and how to read the rest. The web page, the PDF
and the ODT print the same sections and tables, so their words and figures cannot drift apart.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.agenda.constants import VersionState

from .report import Report, number


@dataclass
class Table:
    """A table of counts whose rows add up to its total."""

    number: int
    caption: str
    column: str  # the heading of the first column; the second is "Bijdragen"
    rows: list[tuple[str, int]]
    total: int

    @property
    def title(self) -> str:
        return _("Tabel %(number)s. %(caption)s") % {"number": self.number, "caption": self.caption}

    @property
    def anchor(self) -> str:
        return f"tabel-{self.number}"


@dataclass
class IntroSection:
    number: str
    title: str
    anchor: str
    paragraphs: list[str]
    tables: list[Table] = field(default_factory=list)


def _day(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def introduction(report: Report) -> list[IntroSection]:
    """The sections of chapter 1, with their tables numbered in order."""
    tables = _tables(report)
    by_name = {name: table for name, table in tables}
    return [
        IntroSection(
            "1.1",
            _("Hoe de inbreng binnenkwam"),
            "inbreng",
            _gathered(report, by_name),
            [by_name["channels"]] + ([by_name["families"]] if "families" in by_name else []),
        ),
        IntroSection(
            "1.2",
            _("Hoe de inbreng is verwerkt"),
            "verwerking",
            _processed(report, by_name["outcomes"]),
            [by_name["outcomes"]],
        ),
        IntroSection("1.3", _("Leeswijzer"), "leeswijzer", _reading(report)),
    ]


def _tables(report: Report) -> list[tuple[str, Table]]:
    tables: list[tuple[str, Table]] = []

    def add(name, caption, column, rows):
        tables.append((name, Table(len(tables) + 1, caption, column, rows, report.total)))

    add("channels", _("Inbreng per kanaal"), _("Kanaal"), report.channels)
    if report.family is None:
        add(
            "families",
            _("Inbreng per familie"),
            _("Familie"),
            [
                (family.name if family else _("Zonder familie (burgers, bedrijven, anderen)"), n)
                for family, n in report.per_family
            ],
        )
    add(
        "outcomes",
        _("Verwerking van de bijdragen"),
        _("Verwerking"),
        [(label[:1].upper() + label[1:], n) for label, n in report.outcomes]
        + [(_("Nog niet verwerkt"), report.unprocessed)],
    )
    return tables


def _gathered(report: Report, tables: dict[str, Table]) -> list[str]:
    if report.first_day and report.first_day != report.last_day:
        came = ngettext(
            "Tussen %(first)s en %(last)s kwam %(count)s bijdrage binnen",
            "Tussen %(first)s en %(last)s kwamen %(count)s bijdragen binnen",
            report.total,
        ) % {
            "first": _day(report.first_day),
            "last": _day(report.last_day),
            "count": number(report.total),
        }
    else:
        came = ngettext(
            "Er kwam %(count)s bijdrage binnen",
            "Er kwamen %(count)s bijdragen binnen",
            report.total,
        ) % {"count": number(report.total)}
    if report.family is not None:
        came += " " + _("uit de familie %(family)s") % {"family": report.family.name}
    first = _(
        "In deze reactienota legt %(body)s verantwoording af over wat er is gedaan met de "
        "inbreng op de implementatieagenda van %(programme)s. %(came)s: tijdens ronde tafels "
        "met de families, van meelezers en als brief, e-mail of position paper (tabel "
        "%(table)s)."
    ) % {
        "body": report.programme.coordinating_body or report.programme.name,
        "programme": report.programme.name,
        "came": came,
        "table": tables["channels"].number,
    }
    if "families" in tables:
        first += " " + _(
            "Tabel %(table)s laat zien uit welke familie de inbreng kwam; burgers, bedrijven "
            "en andere indieners horen bij geen familie."
        ) % {"table": tables["families"].number}
    counted = _(
        "Elke bijdrage telt één keer, in elke tabel en bij elk thema. Een brief die velen "
        "gelijkluidend instuurden (een campagne), telt per afzender."
    )
    if report.campaigns:
        counted += " " + ngettext(
            "%(campaigns)s campagne, samen %(count)s bijdragen, kreeg één antwoord voor alle "
            "afzenders.",
            "%(campaigns)s campagnes, samen %(count)s bijdragen, kregen elk één antwoord voor "
            "alle afzenders.",
            report.campaigns,
        ) % {"campaigns": number(report.campaigns), "count": number(report.campaign_contributions)}
    return [first, counted]


def _processed(report: Report, outcomes: Table) -> list[str]:
    themes, threads = len(report.themes), len(report.common_threads)
    if not themes:
        grouped = _("De inbreng is nog niet in thema's ingedeeld.")
    elif report.family is not None:
        grouped = ngettext(
            "Het programmabureau heeft alle inbreng met hulp van tekstanalyse in thema's "
            "ingedeeld; de inbreng van %(family)s valt in %(count)s daarvan.",
            "Het programmabureau heeft alle inbreng met hulp van tekstanalyse in thema's "
            "ingedeeld; de inbreng van %(family)s valt in %(count)s daarvan.",
            themes,
        ) % {"family": report.family.name, "count": number(themes)}
    else:
        grouped = ngettext(
            "Het programmabureau heeft de inbreng met hulp van tekstanalyse in %(count)s thema "
            "ingedeeld.",
            "Het programmabureau heeft de inbreng met hulp van tekstanalyse in %(count)s "
            "thema's ingedeeld.",
            themes,
        ) % {"count": number(themes)}
    if threads:
        grouped += " " + ngettext(
            "%(count)s daarvan is een rode draad: een onderwerp dat (bijna) alle families noemen.",
            "%(count)s daarvan zijn rode draden: onderwerpen die (bijna) alle families noemen.",
            threads,
        ) % {"count": number(threads)}
    if report.machine_named:
        grouped += " " + ngettext(
            "%(count)s thema heeft nog de naam die de analyse voorstelde; die naam is "
            "gemarkeerd als (automatisch benoemd).",
            "%(count)s thema's hebben nog de naam die de analyse voorstelde; die namen zijn "
            "gemarkeerd als (automatisch benoemd).",
            report.machine_named,
        ) % {"count": number(report.machine_named)}
    if report.unassigned:
        grouped += " " + ngettext(
            "%(count)s bijdrage hoort bij geen thema.",
            "%(count)s bijdragen horen bij geen thema.",
            report.unassigned,
        ) % {"count": number(report.unassigned)}
    decided = _(
        "Over elke bijdrage is besloten wat ermee gebeurt, met een toelichting: overgenomen, "
        "deels overgenomen, niet overgenomen, staat al in de agenda of valt buiten de agenda "
        "(tabel %(table)s)."
    ) % {"table": outcomes.number}
    if report.unprocessed:
        decided += " " + ngettext(
            "%(count)s bijdrage is nog niet verwerkt.",
            "%(count)s bijdragen zijn nog niet verwerkt.",
            report.unprocessed,
        ) % {"count": number(report.unprocessed)}
    else:
        decided += " " + _("Alle bijdragen zijn verwerkt.")
    return [grouped, decided]


def _reading(report: Report) -> list[str]:
    version = report.version
    belongs = {
        VersionState.ADOPTED: _(
            "Deze nota hoort bij de vastgestelde implementatieagenda, versie %(number)s van "
            "%(date)s."
        ),
        VersionState.CONCEPT: _(
            "Deze nota hoort bij het concept van de implementatieagenda, versie %(number)s van "
            "%(date)s."
        ),
    }.get(
        version.state,
        _(
            "Deze nota hoort bij de voorzet voor de implementatieagenda, versie %(number)s van %(date)s."
        ),
    ) % {"number": version.number, "date": _day(report.date)}
    chapters = report.chapters
    if len(chapters) == 2:
        order = _(
            "Hoofdstuk %(first)s bespreekt de rode draden en hoofdstuk %(second)s de overige "
            "thema's, de grootste eerst."
        ) % {"first": chapters[0].number, "second": chapters[1].number}
    elif chapters:
        order = _("Hoofdstuk %(number)s bespreekt de thema's, de grootste eerst.") % {
            "number": chapters[0].number
        }
    if report.family is None:
        contents = _(
            "Per thema staat hoeveel bijdragen erover gingen en uit welke families; enkele "
            "citaten die de kern van het thema weergeven; wat er met de bijdragen is gedaan, "
            "waarbij een antwoord dat voor veel bijdragen geldt één keer staat, met het aantal "
            "bijdragen waarvoor het geldt; en wat er daardoor veranderde in de "
            "implementatieagenda, met het nummer van de alinea of stap."
        )
    else:
        contents = _(
            "Per thema staat hoeveel bijdragen erover gingen; enkele citaten die de kern van het "
            "thema weergeven; wat er met de bijdragen is gedaan, waarbij een antwoord dat voor "
            "veel bijdragen geldt één keer staat, met het aantal bijdragen waarvoor het geldt; "
            "en wat er daardoor veranderde in de implementatieagenda, met het nummer van de "
            "alinea of stap."
        )
    per_theme = f"{order} {contents}" if chapters else ""
    quotes = _(
        "Citaten komen alleen uit bijdragen waarvan de indiener toestemming gaf om ze te "
        "publiceren, zonder aanhef en ondertekening. Een naam staat erbij alleen als de "
        "indiener daarvoor toestemming gaf."
    )
    return [p for p in (belongs, per_theme, quotes) if p]
