"""The response report reads as a document the office would publish: themes by the names the
office gave them (a machine's name marked), quotes central to each theme as plain text and
attributed as consent allows, every answer text once with the number of contributions it
answers, counts that add up, and the changes in the agenda that cite each theme by number, also
in the adopted version."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.models import AgendaVersion
from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.council import services as council
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change
from koers.synthesis.constants import Outcome
from koers.synthesis.models import Disposition, Theme, ThemeAssignment
from koers.synthesis.services import rename_theme

from ..report import build_report
from .conftest import BULK_REASON, OWN_REASON

SLUG = "digitaal-2017"
SHARED = "Uw reactie is meegenomen in de nieuwe alinea over websites."


def _section(report, theme):
    return next(s for s in report.themes if s.theme.pk == theme.pk)


def _page(client, number=1) -> str:
    response = client.get(reverse("documents:response-report", args=[SLUG, number]))
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    """The page's visible text, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _add(example, theme, text, *, family=None, publication=Publication.ANONYMOUS, **extra):
    c = Contribution.objects.create(
        programme=example.world.programme,
        version=example.version,
        channel=Channel.EMAIL,
        family=family,
        text=text,
        publication=publication,
        **extra,
    )
    if theme is not None:
        ThemeAssignment.objects.create(contribution=c, theme=theme, assigned_at=timezone.now())
    return c


def _decide(example, contribution, reason, outcome=Outcome.ADOPTED):
    return Disposition.objects.create(
        contribution=contribution,
        outcome=outcome,
        reason=reason,
        decided_by=example.world.office,
        decided_at=timezone.now(),
    )


def test_one_answer_text_appears_once_with_the_number_it_answers(example, client_for):
    # The same reason decided one by one for three contributions (no bulk decision).
    for n in range(3):
        c = _add(example, example.websites, f"Maak websites toegankelijk, punt {n}.")
        _decide(example, c, SHARED)
    websites = _section(build_report(example.version), example.websites)
    assert [(a.text, a.count) for a in websites.answers] == [
        (SHARED, 3),
        (BULK_REASON, 2),
        (OWN_REASON, 1),
    ]
    text = _text(_page(client_for(None)))
    assert text.count(SHARED) == 1
    assert "Dit antwoord geldt voor 3 bijdragen." in text
    assert "Dit antwoord geldt voor 1 bijdrage." in text


def test_an_answer_does_not_repeat_its_outcome(example):
    c = _add(example, example.water, "Het waterschap hoort erbij.")
    _decide(example, c, "Overgenomen. Stap 1 noemt nu ook de waterschappen.")
    water = _section(build_report(example.version), example.water)
    assert [(a.outcome_label, a.text) for a in water.answers] == [
        ("overgenomen", "Stap 1 noemt nu ook de waterschappen.")
    ]


def test_counts_add_up_per_family_and_in_total(example, client_for):
    # Input without a family (a citizen's e-mail) counts too, in its own row.
    _add(example, example.websites, "Als burger wil ik een toegankelijke website.")
    report = build_report(example.version)
    assert report.total == 6
    assert sum(n for _family, n in report.per_family) == report.total
    assert [(f.slug if f else None, n) for f, n in report.per_family] == [
        ("gemeenten", 3),
        ("provincies", 2),
        (None, 1),
    ]
    assert sum(n for _label, n in report.channels) == report.total
    for section in report.themes:
        assert sum(n for _family, n in section.per_family) == section.total
    assert sum(s.total for s in report.themes) + report.unassigned == report.total
    assert sum(n for _label, n in report.outcomes) + report.unprocessed == report.total
    websites = _section(report, example.websites)
    assert websites.counts_line == "4 bijdragen: Gemeenten 2, Provincies 1, zonder familie 1."
    text = _text(_page(client_for(None)))
    assert "Tabel 2. Inbreng per familie" in text
    assert re.search(r"Zonder familie \([^)]*\) 1 Totaal 6", text)


def test_large_counts_are_written_the_dutch_way(example):
    section = _section(build_report(example.version), example.websites)
    section.total = 1234
    assert section.counts_line.startswith("1.234 bijdragen")


def test_a_theme_the_office_named_is_headed_by_that_name(example, client_for):
    machine = Theme.objects.create(programme=example.world.programme, label="water, dijk, heffing")
    _add(example, machine, "De dijk en de heffing van het waterschap.")
    rename_theme(example.water, "Waterbeheer en de waterschappen", by=example.world.office)
    report = build_report(example.version)
    assert _section(report, example.water).name == "Waterbeheer en de waterschappen"
    assert not _section(report, example.water).machine_named
    assert _section(report, machine).machine_named
    html = _page(client_for(None))
    assert re.search(r"\d\.\d Waterbeheer en de waterschappen</h3>", html)
    assert re.search(
        r"\d\.\d Water, dijk, heffing <span[^>]*>\(automatisch benoemd\)</span></h3>", html
    )
    assert "Waterbeheer en de waterschappen (automatisch benoemd)" not in _text(html)


def test_quotes_are_central_to_the_theme_plain_and_attributed_as_consented(example, client_for):
    theme = Theme.objects.create(
        programme=example.world.programme,
        label="Loket en telefoon blijven",
        label_by=example.world.office,
    )
    # The oldest member is off the theme's point; it is not what the report quotes.
    _add(example, theme, "De parkeerboetes in onze binnenstad zijn veel te hoog geworden.")
    _add(
        example,
        theme,
        "**Het loket** moet blijven, en de _telefoon_ ook, voor wie niet digitaal kan.",
    )
    _add(example, theme, "Houd het loket open en de telefoon bereikbaar, ook na 2017 graag.")
    _add(
        example,
        theme,
        "Niet iedereen kan digitaal: laat de telefoon en het loket bestaan voor ouderen.",
        publication=Publication.NAMED,
        author_name="Els de Vries",
        family=example.world.family,
    )
    _add(
        example,
        theme,
        "Mijn moeder belt liever: het loket en de telefoon zijn voor haar onmisbaar.",
        author_name="Geheime Naam",  # no consent to be named
    )
    quotes = _section(build_report(example.version), theme).quotes
    assert len(quotes) == 3
    joined = " ".join(q.text for q in quotes)
    assert "parkeerboetes" not in joined
    assert "*" not in joined and "_" not in joined
    sources = [q.source for q in quotes]
    assert "Els de Vries (Gemeenten)" in sources
    assert all("Geheime Naam" not in s for s in sources)
    assert "Anoniem (per e-mail)" in sources
    html = _page(client_for(None))
    assert "Het loket moet blijven, en de telefoon ook" in html
    assert "Geheime Naam" not in html


def test_quotes_are_short_and_start_after_a_cover_sentence(example):
    letter = (
        "Namens gemeente Utrecht reageren wij graag op de voorzet. "
        + "Toegankelijke websites zijn voor iedereen nodig. " * 12
    )
    _add(example, example.websites, letter, family=example.world.family)
    quotes = _section(build_report(example.version), example.websites).quotes
    long_one = next(q.text for q in quotes if q.text.startswith("Toegankelijke websites zijn"))
    assert len(long_one) <= 250
    assert long_one.endswith("nodig. …")
    assert all("Namens" not in q.text for q in quotes)


def test_the_changes_of_a_theme_come_from_its_trace_by_number(example):
    report = build_report(example.version)
    water = _section(report, example.water)
    assert [(x.label, x.action) for x in water.landings] == [("Alinea 1.2", "gewijzigd")]
    websites = _section(report, example.websites)
    assert [(x.label, x.exists) for x in websites.landings] == [
        ("Stap 1", True),
        ("Alinea", False),
    ]


def test_the_adopted_version_names_the_changes_its_concept_made(example, client_for):
    meeting = council.plan_meeting(
        example.world.programme,
        version=example.version,
        title="Regieraad",
        starts_at=timezone.make_aware(datetime.datetime(2016, 6, 14, 10, 0)),
    )
    adopted = council.adopt_version(meeting, by=example.world.council_member)
    report = build_report(adopted)
    websites = _section(report, example.websites)
    # Adopted in bulk; the trace lies in the concept, and still answers the adopted version.
    assert [x.label for x in websites.landings] == ["Stap 1", "Alinea"]
    assert [x.label for x in _section(report, example.water).landings] == ["Alinea 1.2"]
    text = _text(_page(client_for(None), adopted.number))
    assert "Stap 1 toegevoegd" in text
    assert "niet tot een wijziging" not in text
    # It calls itself what it is.
    assert "vastgestelde implementatieagenda" in text
    assert "conceptagenda" not in text.lower()
    assert "concept van de implementatieagenda" not in text


def test_a_theme_with_adopted_input_never_says_the_agenda_did_not_change(example):
    Change.objects.filter(version=example.version).delete()
    report = build_report(example.version)
    websites = _section(report, example.websites)
    assert websites.landings == []
    assert websites.adopted == 3
    assert "niet tot een wijziging" not in websites.changes_note
    assert "3 bijdragen zijn (deels) overgenomen" in websites.changes_note
    water = _section(report, example.water)  # nothing adopted, nothing changed
    assert "niet tot een wijziging" in water.changes_note


def _grow(example, themes: int, per_theme: int):
    """More themes, each with input from both families, answered and cited in the trace (made
    while the version was a draft, as the trace of a concept is)."""
    step = example.step
    AgendaVersion.objects.filter(pk=example.version.pk).update(state=VersionState.DRAFT)
    example.version.refresh_from_db()
    for t in range(themes):
        theme = Theme.objects.create(
            programme=example.world.programme, label=f"Thema {t}", keywords=["thema", "extra"]
        )
        members = []
        for n in range(per_theme):
            family = example.world.family if n % 2 else example.provinces
            c = _add(
                example, theme, f"Extra thema {t} bijdrage {n} met genoeg tekst.", family=family
            )
            _decide(example, c, f"Reden {n % 3}", Outcome.ADOPTED if n % 2 else Outcome.PARTLY)
            members.append(c)
        change = Change.objects.create(
            version=example.version,
            kind=ItemKind.PARAGRAPH if t % 2 else ItemKind.STEP,
            anchor=example.paragraphs[0].anchor if t % 2 else step.anchor,
            action=ChangeAction.CHANGED,
            summary=f"Wijziging {t}.",
            made_by=example.world.office,
        )
        change.themes.add(theme)
        change.contributions.add(*members[:2])
    AgendaVersion.objects.filter(pk=example.version.pk).update(state=VersionState.CONCEPT)
    example.version.refresh_from_db()


def test_the_page_takes_as_many_queries_for_many_themes_as_for_few(example, client_for):
    client = client_for(None)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _page(client)
        return len(captured)

    few = queries()
    _grow(example, themes=6, per_theme=8)
    assert len(build_report(example.version).themes) == 8
    assert queries() == few


@pytest.mark.parametrize("family", [None, "provincies"])
def test_the_odt_has_the_same_structure(example, client_for, family):
    import io
    import zipfile

    args = [SLUG, 1, "odt"] if family is None else [SLUG, 1, family, "odt"]
    name = (
        "documents:response-report-download"
        if family is None
        else ("documents:response-report-family-download")
    )
    response = client_for(None).get(reverse(name, args=args))
    with zipfile.ZipFile(io.BytesIO(response.content)) as odt:
        content = odt.read("content.xml").decode()
    assert "1.1 Hoe de inbreng binnenkwam" in content
    assert "Dit antwoord geldt voor" in content
    assert "Wat veranderde in de implementatieagenda" in content
    assert ("Tabel 2. Inbreng per familie" in content) == (family is None)
