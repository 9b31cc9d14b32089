"""The reactions per paragraph (koers/consultation/reactions.py) hold, after every kind of write,
exactly what counting the links of visible contributions to the programme's paragraphs gives:
reactions recorded on paragraphs of two versions, links added and removed from either side,
hidden and shown again, moved to another family, a paragraph and a contribution deleted, an
import, and a change by hand counted again by `koers recount`. The draft's public page shows
them."""

import io
from collections import Counter, defaultdict

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from koers.agenda.models import Paragraph

from ..constants import Channel
from ..importing import import_contributions
from ..models import Contribution, ParagraphReactions
from ..reactions import per_anchor
from ..services import hide_contribution, record_contribution, unhide_contribution


def kept(programme) -> Counter:
    return Counter(
        {
            (anchor, family): n
            for anchor, per_family in per_anchor(programme.pk).items()
            for family, n in per_family.items()
        }
    )


def linked(programme) -> Counter:
    """Counted from the rows, not by the module under test: each visible contribution once per
    anchor of the programme's paragraphs it is linked to."""
    found = defaultdict(set)
    for contribution in Contribution.objects.filter(is_hidden=False):
        for paragraph in contribution.paragraphs.select_related("version"):
            if paragraph.version.programme_id == programme.pk:
                found[paragraph.anchor, contribution.family_id].add(contribution.pk)
    return Counter({cell: len(pks) for cell, pks in found.items()})


def assert_true(programme) -> None:
    assert kept(programme) == linked(programme)


def test_it_counts_every_write_as_counting_the_links_would(agenda):
    programme, office = agenda.programme, agenda.world.office
    first, second, third = Paragraph.objects.filter(version=agenda.draft).order_by("pk")[:3]
    first_in_concept = Paragraph.objects.get(version=agenda.concept, anchor=first.anchor)
    family, provinces = agenda.world.family, agenda.provinces

    reaction = record_contribution(
        programme,
        text="Papier blijft nodig voor wie niet digitaal kan.",
        channel=Channel.EMAIL,
        by=office,
        family=family,
        paragraphs=[first, second],
    )
    assert kept(programme) == Counter({(first.anchor, family.pk): 1, (second.anchor, family.pk): 1})
    # The same paragraph in the concept: still one reaction to it.
    reaction.paragraphs.add(first_in_concept)
    assert kept(programme)[first.anchor, family.pk] == 1
    third.contributions.add(agenda.published, agenda.private)  # from the paragraph's side
    assert kept(programme)[third.anchor, provinces.pk] == 1
    assert_true(programme)

    hide_contribution(reaction, reason="Bevat een naam.", by=office)
    assert kept(programme)[first.anchor, family.pk] == 0
    assert_true(programme)
    reaction = unhide_contribution(Contribution.objects.get(pk=reaction.pk), by=office)
    assert_true(programme)

    reaction.family = provinces
    reaction.save()
    assert kept(programme)[second.anchor, provinces.pk] == 1
    assert_true(programme)
    reaction.family = None
    reaction.save()
    assert kept(programme)[second.anchor, None] == 1
    assert_true(programme)

    reaction.paragraphs.remove(first)
    assert kept(programme)[first.anchor, None] == 1  # still linked to it in the concept
    assert_true(programme)
    third.contributions.clear()
    assert kept(programme)[third.anchor, provinces.pk] == 0
    assert_true(programme)
    third.contributions.set([agenda.private])
    first_in_concept.delete()  # its links go with it
    assert kept(programme)[first.anchor, None] == 0
    assert_true(programme)
    reaction.paragraphs.clear()
    assert_true(programme)
    reaction.paragraphs.set([second])
    reaction.delete()
    assert_true(programme)

    data = (
        "tekst,familie,paragraaf\n"
        f"Sluit aan op MijnOverheid,gemeenten,{second.anchor}\n"
        f"Meer tijd voor de aansluiting,,{second.short_anchor}\n"
    ).encode()
    assert import_contributions(programme, data, "inbreng.csv", by=office).created == 2
    assert sum(n for (anchor, _f), n in kept(programme).items() if anchor == second.anchor) == 2
    assert_true(programme)

    # A change by hand in the database, made right by `koers recount`.
    ParagraphReactions.objects.update(n=99)
    call_command("recount", stdout=io.StringIO())
    assert_true(programme)
    assert kept(programme)


def test_the_public_page_shows_the_counts_per_family(agenda):
    programme, office = agenda.programme, agenda.world.office
    first = Paragraph.objects.filter(version=agenda.draft).order_by("pk").first()
    for family in (agenda.world.family, agenda.world.family, agenda.provinces, None):
        record_contribution(
            programme,
            text="Eens met deze alinea.",
            channel=Channel.EMAIL,
            by=office,
            family=family,
            paragraphs=[first],
        )
    page = Client().get(
        reverse("consultation:version-detail", args=[programme.slug, agenda.draft.number])
    )
    text = page.content.decode()
    assert "4 reacties: Gemeenten 2, Provincies 1; zonder familie 1" in " ".join(text.split())
