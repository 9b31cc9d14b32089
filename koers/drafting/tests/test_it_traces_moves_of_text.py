"""Moving a section or paragraph in a version based on another is part of its trace."""

import pytest

from koers.agenda import services as versions
from koers.agenda.constants import ItemKind

from ..constants import ChangeAction
from ..models import Change

pytestmark = pytest.mark.django_db


def test_it_records_a_move_in_a_version_based_on_another(agenda):
    office = agenda.world.office
    paragraph = agenda.concept.paragraphs.order_by("section__position", "position").first()
    section = agenda.concept.sections.order_by("position").last()
    before = Change.objects.filter(version=agenda.concept).count()

    assert versions.move_paragraph(paragraph, versions.DOWN, by=office)
    assert versions.move_section(section, versions.UP, by=office)

    moves = Change.objects.filter(version=agenda.concept).order_by("pk")[before:]
    assert [(c.kind, c.anchor, c.action, c.made_by) for c in moves] == [
        (ItemKind.PARAGRAPH, paragraph.anchor, ChangeAction.CHANGED, office),
        (ItemKind.SECTION, section.anchor, ChangeAction.CHANGED, office),
    ]
    assert "verplaatst" in moves[0].summary


def test_it_records_nothing_for_a_first_version_or_a_move_that_did_not_happen(agenda):
    office = agenda.world.office
    draft_paragraph = agenda.draft.paragraphs.first()
    first = agenda.concept.sections.order_by("position").first()
    before = Change.objects.count()

    versions.move_paragraph(draft_paragraph, versions.DOWN, by=office)
    assert not versions.move_section(first, versions.UP, by=office)  # already at the top

    assert Change.objects.count() == before
