"""The response report says what was said, what was done with it and where it landed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.core.bulk import insert_rows
from koers.synthesis.constants import Outcome
from koers.synthesis.models import Disposition, ThemeAssignment

from ..report import ANSWERS, build_report
from .conftest import BULK_REASON, OWN_REASON, SECRET


def _section(report, theme):
    return next(s for s in report.themes if s.theme.pk == theme.pk)


def test_it_counts_what_was_said_per_family(example):
    report = build_report(example.version)
    websites = _section(report, example.websites)
    assert websites.total == 3
    assert [(f.slug, n) for f, n in websites.per_family] == [("gemeenten", 2), ("provincies", 1)]
    assert report.total == 5
    assert report.processed == 3
    assert report.unprocessed == 2
    assert report.unassigned == 1


def test_it_puts_common_threads_first(example):
    report = build_report(example.version)
    assert [s.theme.label for s in report.themes] == ["Toegankelijke websites", "Waterbeheer"]
    assert [s.common_thread for s in report.themes] == [True, False]


def test_it_quotes_only_authors_who_consented_without_salutation_or_signature(example):
    websites = _section(build_report(example.version), example.websites)
    assert websites.quotes  # the two published ones
    joined = " ".join(q.text for q in websites.quotes)
    assert "toegankelijk zijn voor iedereen" in joined
    assert "Provincies willen meer tijd" in joined
    assert "vertrouwelijk" not in joined.lower()  # c2 did not consent
    assert SECRET not in joined
    assert "Geachte" not in joined and "Jan Jansen" not in joined and "groet" not in joined
    # The water theme has input only from someone who did not consent: no quote at all.
    assert _section(build_report(example.version), example.water).quotes == []


def test_it_says_what_was_done_and_why(example):
    report = build_report(example.version)
    websites = _section(report, example.websites)
    outcomes = dict(websites.outcomes)
    assert outcomes[str(Outcome.ADOPTED.label)] == 2
    assert outcomes[str(Outcome.PARTLY.label)] == 1
    assert websites.unprocessed == 0
    assert [(a.text, a.count) for a in websites.answers] == [(BULK_REASON, 2), (OWN_REASON, 1)]
    water = _section(report, example.water)
    assert water.unprocessed == 1
    assert dict(report.outcomes)[str(Outcome.ADOPTED.label)] == 2


def test_it_says_where_input_landed(example):
    report = build_report(example.version)
    websites = _section(report, example.websites)
    # Cited through the theme (the step) and through c3 (a removed paragraph).
    assert [(x.kind, x.action, x.exists) for x in websites.landings] == [
        ("stap", "toegevoegd", True),
        ("alinea", "verwijderd", False),
    ]
    assert websites.landings[0].title == "Toegankelijke websites"
    assert websites.landings[0].anchor == f"stap-{str(example.step.anchor)[:8]}"
    water = _section(report, example.water)
    assert [x.summary for x in water.landings] == ["Water genoemd."]
    assert "Websites zijn toegankelijk" in water.landings[0].title


def test_a_family_report_holds_only_that_family(example):
    report = build_report(example.version, example.provinces)
    assert report.total == 2  # c3 and c4
    assert report.processed == 1
    websites = _section(report, example.websites)
    assert websites.total == 1
    assert [q.text for q in websites.quotes] == ["Provincies willen meer tijd voor hun websites."]
    # The bulk decision was on Gemeenten.
    assert [a.text for a in websites.answers] == [OWN_REASON]


def test_hidden_input_is_not_counted(example):
    Contribution.objects.filter(pk=example.contributions["c2"].pk).update(is_hidden=True)
    websites = _section(build_report(example.version), example.websites)
    assert websites.total == 2
    assert dict(websites.outcomes)[str(Outcome.ADOPTED.label)] == 1


def _add_input(example, n):
    """n more published contributions on the websites theme, decided in bulk."""
    world, now = example.world, timezone.now()
    start = Contribution.objects.order_by("-pk").values_list("pk", flat=True).first()
    insert_rows(
        Contribution,
        [
            dict(
                id=start + i + 1,
                programme_id=world.programme.pk,
                version_id=example.version.pk,
                channel=Channel.IMPORT,
                family_id=example.provinces.pk,
                text=f"Websites nummer {i}.",
                publication=Publication.ANONYMOUS,
                submitted_at=now,
                created_at=now,
                updated_at=now,
                is_hidden=False,
                source_id="",
                stance="algemeen",
                author_name="",
                attachment="",
                hidden_reason="",
                flag_reason="",
                published_text="",
            )
            for i in range(n)
        ],
    )
    ids = range(start + 1, start + n + 1)
    insert_rows(
        ThemeAssignment,
        [dict(contribution_id=i, theme_id=example.websites.pk, assigned_at=now) for i in ids],
    )
    insert_rows(
        Disposition,
        [
            dict(
                contribution_id=i,
                outcome=Outcome.NOT_ADOPTED,
                reason=f"Reden {i % 3}",
                decided_by_id=world.office.pk,
                decided_at=now,
            )
            for i in ids
        ],
    )


@pytest.mark.parametrize("family", [False, True])
def test_it_takes_as_many_queries_for_many_contributions_as_for_few(example, family):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            build_report(example.version, example.provinces if family else None)
        return len(captured)

    assert example.version.programme  # the view hands the version over with its programme
    few = queries()
    _add_input(example, 300)
    report = build_report(example.version, example.provinces if family else None)
    assert _section(report, example.websites).total == (301 if family else 303)
    # The most used answers, not all 300.
    assert len(_section(report, example.websites).answers) <= ANSWERS
    assert queries() == few
