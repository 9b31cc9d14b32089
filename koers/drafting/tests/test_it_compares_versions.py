"""Two versions compared item by item, by anchor, with word-level highlights and the trace."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.agenda import services as versions
from koers.agenda.tests.fixtures import build_structure

from .. import services
from ..diff import ADDED, CHANGED, MOVED, REMOVED, UNCHANGED, compare, word_diff

pytestmark = pytest.mark.django_db


def by_anchor(items):
    return {item.anchor: item for item in items}


def test_it_finds_added_removed_changed_moved_and_unchanged_paragraphs(agenda):
    concept = agenda.concept
    first, second, third = concept.paragraphs.order_by("section__position", "position")
    why = {
        "summary": "Uit de consultatie.",
        "contributions": [agenda.published],
        "themes": [agenda.theme],
        "by": agenda.world.office,
    }
    services.change_paragraph(first, "Burgers kunnen in 2018 al hun zaken digitaal doen.", **why)
    services.remove_paragraph_traced(second, **why)
    added = services.add_paragraph_traced(third.section, text="Nieuw: eHerkenning.", **why)
    services.change_paragraph(third, third.text, section=first.section, **why)  # moved only
    comparison = compare(agenda.draft, concept)
    paragraphs = by_anchor(comparison.paragraphs)
    assert paragraphs[first.anchor].status == CHANGED
    assert paragraphs[second.anchor].status == REMOVED
    assert paragraphs[added.anchor].status == ADDED
    assert paragraphs[third.anchor].status == MOVED
    # The removed paragraph stays where it was: after the one that preceded it.
    order = [item.anchor for item in comparison.paragraphs]
    assert order.index(second.anchor) == order.index(first.anchor) + 1
    text = paragraphs[first.anchor].changed_fields[0]
    old, new = text.sides
    assert "<del" in old and "2017" in old and "<ins" not in old
    assert "<ins" in new and "2018" in new and "<del" not in new
    assert "[toegevoegd: " in new  # said in words, not only by the element
    # The trace beside the change: the newer version's Change rows for that anchor.
    [change] = paragraphs[first.anchor].changes
    assert change.summary == "Uit de consultatie."
    assert list(change.contributions.all()) == [agenda.published]
    assert comparison.counts()[UNCHANGED] == 0 or all(
        item.status == UNCHANGED for item in comparison.sections
    )


def test_it_compares_steps_and_main_activities_field_by_field(agenda):
    concept = agenda.concept
    first, second = concept.steps.order_by("position")
    activity = concept.main_activities.filter(step=first).first()
    services.move_step(second, services.UP, summary="Eerst dit.")
    services.update_main_activity(
        activity,
        intended_outcome="Alles digitaal en toegankelijk.",
        responsible=[],
        summary="Scherper.",
    )
    new_step = services.add_step(concept, title="Monitoring", summary="Gevraagd.")
    comparison = compare(agenda.draft, concept)
    steps = by_anchor(comparison.steps)
    assert steps[second.anchor].status == MOVED and steps[first.anchor].status == MOVED
    assert steps[new_step.anchor].status == ADDED
    activities = by_anchor(comparison.main_activities)
    changed = activities[activity.anchor]
    assert changed.status == CHANGED
    assert {f.name for f in changed.changed_fields} == {"intended_outcome", "responsible"}
    assert "toegankelijk" in changed.changed_fields[0].sides[1]
    assert [c.summary for c in changed.changes] == ["Scherper."]
    others = [a for a in comparison.main_activities if a.anchor != activity.anchor]
    assert {a.status for a in others} == {UNCHANGED}


def test_it_escapes_everything_it_shows():
    html = word_diff("Een <script>alert(1)</script> tekst", "Een <b>vette</b> & tekst")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;vette&lt;/b&gt;" in html and "&amp;" in html
    assert html.count("<del") == 1 and html.count("<ins") == 1


def test_it_marks_only_the_words_that_changed():
    html = word_diff("de snelle bruine vos", "de trage bruine vos")
    assert "de " in html and " bruine vos" in html
    assert "snelle" in html.split("<del")[1] and "trage" in html.split("<ins")[1]
    assert "bruine" not in html.split("<del")[1].split("</del>")[0]


def test_it_compares_in_a_constant_number_of_queries(agenda):
    def count():
        with CaptureQueriesContext(connection) as queries:
            compare(agenda.draft, agenda.concept)
        return len(queries)

    # One change with input and a theme, so the small side reads the trace's relations too.
    services.change_paragraph(
        agenda.concept.paragraphs.first(),
        "Anders.",
        summary="Waarom.",
        contributions=[agenda.published],
        themes=[agenda.theme],
    )
    small = count()
    build_structure(
        agenda.concept,
        agenda.world,
        [agenda.world.family, agenda.provinces],
        agenda.facility,
        agenda.logius,
        steps=1,
        activities=3,
        summary="Meer.",
    )
    versions.import_markdown(agenda.concept, "## Extra\n\nEen.\n\nTwee.\n\nDrie.")
    assert count() == small
