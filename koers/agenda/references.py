"""How people refer to a paragraph: by its number in the text as they read it ("alinea 2.3":
the second section's third paragraph), never by its anchor. Anchors stay for links and ids."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from koers.core.markdown import excerpt

from .models import Paragraph, Section


def paragraph_numbers(version_ids: Iterable[int]) -> dict[int, str]:
    """{paragraph pk: "2.3"} for every paragraph of the versions, numbered as the reading page
    numbers them (sections and paragraphs by position); two queries, whatever the size."""
    ids = {v for v in version_ids if v}
    if not ids:
        return {}
    section_numbers: dict[int, int] = {}
    counters: dict[int, int] = {}
    for pk, version_id in (
        Section.objects.filter(version__in=ids)
        .order_by("position", "pk")
        .values_list("pk", "version_id")
    ):
        counters[version_id] = counters.get(version_id, 0) + 1
        section_numbers[pk] = counters[version_id]
    numbers: dict[int, str] = {}
    in_section: dict[int, int] = {}
    for pk, section_id in (
        Paragraph.objects.filter(version__in=ids)
        .order_by("position", "pk")
        .values_list("pk", "section_id")
    ):
        in_section[section_id] = in_section.get(section_id, 0) + 1
        numbers[pk] = f"{section_numbers.get(section_id, 0)}.{in_section[section_id]}"
    return numbers


def paragraph_label(paragraph: Paragraph, number: str, words: int = 70) -> str:
    """ "Alinea 3.2 (Section title): first words", the words as a reader sees them (no
    Markdown); `paragraph` with its section loaded."""
    return _("Alinea %(number)s (%(section)s): %(start)s") % {
        "number": number,
        "section": paragraph.section.title,
        "start": excerpt(paragraph.text, words),
    }


def paragraph_choices(paragraphs: list[Paragraph]) -> list[tuple[str, str]]:
    """Choices (pk, label) naming each paragraph by its number in its version; `paragraphs`
    in reading order with their section loaded."""
    numbers = paragraph_numbers({p.version_id for p in paragraphs})
    return [(str(p.pk), paragraph_label(p, numbers.get(p.pk, "?"))) for p in paragraphs]
