"""Anchors are what reactions hold on to: they survive copies, moves and edits."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from koers.consultation.constants import Channel
from koers.consultation.services import record_contribution
from koers.organisations.tests.factories import without_council

from .. import services as versions
from ..constants import VersionState
from ..models import Paragraph
from ..services import move_version

DOCUMENT = """# Implementatieagenda

Een voorzet van het programma.

## Dienstverlening

Burgers en bedrijven zaken **digitaal** laten doen.

- DigiD
- eHerkenning

## Voorzieningen

Aansluiten op MijnOverheid.

```
code met

een lege regel
```
"""


@pytest.fixture
def version(world):
    version = versions.create_version(world.programme, title="Voorzet", by=world.office)
    versions.import_markdown(version, DOCUMENT, by=world.office)
    return version


def anchors(version):
    return {
        p.anchor: (p.section.anchor, p.text)
        for p in Paragraph.objects.filter(version=version).select_related("section")
    }


def test_it_imports_a_markdown_document_as_sections_and_paragraphs(version):
    sections = list(version.sections.order_by("position"))
    assert [s.title for s in sections] == ["Dienstverlening", "Voorzieningen"]
    first = list(sections[0].paragraphs.order_by("position").values_list("text", flat=True))
    assert first == [
        "Burgers en bedrijven zaken **digitaal** laten doen.",
        "- DigiD\n- eHerkenning",
    ]
    second = list(sections[1].paragraphs.order_by("position").values_list("text", flat=True))
    assert second == ["Aansluiten op MijnOverheid.", "```\ncode met\n\neen lege regel\n```"]
    # Nothing typed is lost: the text above the first section goes to the introduction.
    assert "Een voorzet van het programma." in version.introduction
    assert "# Implementatieagenda" in version.introduction


def test_it_adds_an_imported_document_after_the_existing_text(version):
    document = versions.import_markdown(version, "## Monitoring\n\nVoortgang per familie.")
    assert (len(document.sections), document.paragraph_count) == (1, 1)
    assert list(version.sections.order_by("position").values_list("title", flat=True)) == [
        "Dienstverlening",
        "Voorzieningen",
        "Monitoring",
    ]


def test_it_parses_without_saving():
    document = versions.parse_markdown("Inleiding\r\n\r\n## Een ##\r\nA\r\n\r\nB\r\n## Twee\r\n")
    assert document.preamble == "Inleiding"
    assert [(s.title, s.paragraphs) for s in document.sections] == [
        ("Een", ["A", "B"]),
        ("Twee", []),
    ]


def test_it_keeps_anchors_when_copying_a_version(world, version):
    paragraph = version.paragraphs.first()
    paragraph.families.set([world.family])
    move_version(version, VersionState.CONCEPT)
    without_council(version)
    original = move_version(version, VersionState.ADOPTED)

    copy = versions.copy_version(original, by=world.office)

    assert copy.state == VersionState.DRAFT
    assert copy.based_on == original
    assert copy.number == original.number + 1
    assert anchors(copy) == anchors(original)
    assert set(copy.sections.values_list("anchor", flat=True)) == set(
        original.sections.values_list("anchor", flat=True)
    )
    copied = copy.paragraphs.get(anchor=paragraph.anchor)
    assert copied.pk != paragraph.pk
    assert list(copied.families.all()) == [world.family]
    assert copied.position == paragraph.position


def test_it_keeps_anchors_when_reordering_and_editing(world, version):
    copy = versions.copy_version(version)
    before = set(anchors(copy))
    sections = list(copy.sections.order_by("position"))
    first, second = sections[0].paragraphs.order_by("position")

    assert versions.move_paragraph(first, versions.DOWN)
    assert versions.move_section(sections[1], versions.UP)
    first.refresh_from_db()
    first.text = "Een nieuwe tekst."
    first.save()
    moved = versions.change_paragraph_section(first, sections[1])
    moved.save()

    assert set(anchors(copy)) == before
    assert list(copy.sections.order_by("position")) == [sections[1], sections[0]]
    assert copy.paragraphs.get(anchor=first.anchor).text == "Een nieuwe tekst."
    assert copy.paragraphs.get(anchor=first.anchor).section == sections[1]


def test_it_refuses_moves_past_the_ends(version):
    sections = list(version.sections.order_by("position"))
    assert not versions.move_section(sections[0], versions.UP)
    assert not versions.move_section(sections[-1], versions.DOWN)


def test_it_keeps_a_reaction_on_its_paragraph_in_the_next_version(world, version):
    paragraph = version.paragraphs.first()
    reaction = record_contribution(
        world.programme, text="Eens.", channel=Channel.REVIEWER, paragraphs=[paragraph]
    )
    copy = versions.copy_version(version)
    in_copy = copy.paragraphs.get(anchor=reaction.paragraphs.get().anchor)
    assert in_copy.text == paragraph.text


def test_it_opens_only_a_draft_for_consultation(world, version):
    versions.open_consultation(version, opens_at=timezone.now())
    assert version.is_open_for_consultation()
    move_version(version, VersionState.CONCEPT)
    version.refresh_from_db()
    with pytest.raises(ValidationError):
        versions.open_consultation(version, opens_at=timezone.now())
