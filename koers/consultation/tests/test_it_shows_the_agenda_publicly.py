"""Public pages: a version per section with reaction counts per family, and published reactions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.services import move_version
from koers.agenda.templatetags.koers_agenda import current_version, reviewer_react_url
from koers.consultation.views.reading import REACTIONS_PAGE_SIZE
from koers.organisations.tests.factories import FamilyFactory

from ..constants import Channel, OrganisationClaim, Publication, Stance
from ..models import Reviewer
from ..services import hide_contribution, record_contribution


@pytest.fixture
def provinces(world):
    return FamilyFactory(
        programme=world.programme, name="Provincies", slug="provincies", position=2
    )


@pytest.fixture
def version(world):
    version = versions.create_version(
        world.programme, title="Voorzet implementatieagenda", introduction="Een **voorzet**."
    )
    versions.import_markdown(
        version, "## Dienstverlening\n\nEen.\n\nTwee.\n\n## Voorzieningen\n\nDrie."
    )
    versions.open_consultation(version, opens_at=timezone.now() - timezone.timedelta(days=1))
    return version


def react(
    world, paragraph, family=None, publication=Publication.ANONYMOUS, approved=True, **fields
):
    """A reviewer's reaction, by default one the office approved."""
    contribution = record_contribution(
        world.programme,
        text=fields.pop("text", "Een reactie."),
        channel=Channel.REVIEWER,
        paragraphs=[paragraph],
        family=family,
        publication=publication,
        version=paragraph.version,
        **fields,
    )
    if approved:
        contribution.approve()
        contribution.save()
    return contribution


def speaker(world, name, organisation, claim=OrganisationClaim.CONFIRMED) -> Reviewer:
    return Reviewer.objects.create(
        programme=world.programme,
        email=f"{name.split()[0].lower()}@example.org",
        name=name,
        organisation=organisation,
        organisation_claim=claim,
        consent_text="Ja",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )


def url(version):
    return reverse("consultation:version-detail", args=[version.programme.slug, version.number])


def test_it_shows_sections_paragraphs_and_tailoring(world, client_for, version, provinces):
    paragraph = version.paragraphs.first()
    paragraph.families.set([world.family, provinces])
    response = client_for(None).get(url(version))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('<h1 class="utrecht-heading-1">') == 1
    assert '<h2 class="utrecht-heading-2" id="h-' in content
    assert f'id="p-{paragraph.short_anchor}"' in content
    assert "voor: Gemeenten, Provincies" in content
    assert "Een <strong>voorzet</strong>." in content
    assert "nu open" in content


def test_it_counts_reactions_per_family_per_paragraph(world, client_for, version, provinces):
    one, two, three = version.paragraphs.order_by("section__position", "position")
    react(world, one, world.family)
    react(world, one, world.family)
    react(world, one, provinces)
    react(world, one, None)
    hide_contribution(react(world, one, provinces), reason="persoonsgegevens", by=world.office)
    react(world, three, provinces, publication=Publication.NONE)

    response = client_for(None).get(url(version))
    by_anchor = {p.anchor: p for s in response.context["sections"] for p in s.paragraphs.all()}
    assert by_anchor[one.anchor].family_counts == [(world.family, 2), (provinces, 1)]
    assert by_anchor[one.anchor].other_count == 1
    assert by_anchor[one.anchor].reaction_total == 4
    assert by_anchor[two.anchor].reaction_total == 0
    assert by_anchor[three.anchor].family_counts == [(provinces, 1)]
    content = response.content.decode()
    assert "4 reacties: Gemeenten 2, Provincies 1; zonder familie 1" in content


def test_it_puts_separators_only_between_the_counts_shown(world, client_for, version, provinces):
    one, two, three = version.paragraphs.order_by("section__position", "position")
    react(world, one, world.family)  # Provincies, the last family, has none here
    react(world, two, None)  # no family at all
    react(world, three, world.family)
    react(world, three, None)

    content = client_for(None).get(url(version)).content.decode()
    assert "1 reactie: Gemeenten 1</p>" in content
    assert "1 reactie: zonder familie 1</p>" in content
    assert "2 reacties: Gemeenten 1; zonder familie 1</p>" in content
    assert ", </p>" not in content
    assert ": ;" not in content


def test_it_counts_reactions_on_the_same_paragraph_in_an_earlier_version(
    world, client_for, version
):
    paragraph = version.paragraphs.first()
    react(world, paragraph, world.family)
    move_version(version, VersionState.CONCEPT)
    copy = versions.copy_version(version)
    move_version(copy, VersionState.CONCEPT)
    response = client_for(None).get(url(copy))
    counts = {
        p.anchor: p.reaction_total for s in response.context["sections"] for p in s.paragraphs.all()
    }
    assert counts[paragraph.anchor] == 1


def test_it_uses_the_same_number_of_queries_for_more_paragraphs_and_reactions(
    world, client_for, version, provinces, django_assert_num_queries
):
    client = client_for(world.reviewer)
    Reviewer.objects.create(
        programme=world.programme,
        user=world.reviewer,
        consent_text="Ja",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    paragraph = version.paragraphs.first()
    paragraph.families.set([world.family])
    react(world, paragraph, world.family)
    client.get(url(version))
    with CaptureQueriesContext(connection) as few:
        client.get(url(version))
    versions.import_markdown(version, "\n\n".join(f"## H{i}\n\nA{i}\n\nB{i}" for i in range(8)))
    for p in version.paragraphs.all():
        p.families.set([world.family, provinces])
        react(world, p, provinces)
        react(world, p, world.family, publication=Publication.NAMED, author_name="Jan")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url(version))
    assert response.context["may_react"]


def test_it_hides_a_draft_until_its_consultation_is_set(world, client_for):
    draft = versions.create_version(world.programme, title="Werk in uitvoering")
    assert client_for(None).get(url(draft)).status_code == 302
    assert client_for(world.outsider).get(url(draft)).status_code == 403
    assert client_for(world.office).get(url(draft)).status_code == 200
    listing = client_for(None).get(
        reverse("consultation:version-list", args=[world.programme.slug])
    )
    assert "Werk in uitvoering" not in listing.content.decode()
    assert current_version(world.programme) is None


def test_it_lists_readable_versions_and_finds_the_current_one(world, client_for, version):
    listing = client_for(None).get(
        reverse("consultation:version-list", args=[world.programme.slug])
    )
    assert "Voorzet implementatieagenda" in listing.content.decode()
    assert current_version(world.programme) == version


def test_it_refuses_private_programmes(world, client_for, version):
    world.programme.is_public = False
    world.programme.save()
    assert client_for(world.outsider).get(url(version)).status_code == 403
    assert client_for(None).get(url(version)).status_code == 302
    assert client_for(world.office).get(url(version)).status_code == 200


def test_it_answers_404_for_unknown_versions_and_paragraphs(world, client_for, version):
    client = client_for(None)
    assert (
        client.get(
            reverse("consultation:version-detail", args=[world.programme.slug, 99])
        ).status_code
        == 404
    )
    unknown = reverse(
        "consultation:version-paragraph-reactions",
        args=[world.programme.slug, version.number, "00000000-0000-0000-0000-000000000000"],
    )
    assert client.get(unknown).status_code == 404


def test_it_offers_confirmed_reviewers_a_react_link_while_open(world, client_for, version):
    paragraph = version.paragraphs.first()
    link = reviewer_react_url(world.programme.slug, version.number, paragraph.anchor)
    assert link
    assert link not in client_for(world.reviewer).get(url(version)).content.decode()

    reviewer = Reviewer.objects.create(
        programme=world.programme,
        user=world.reviewer,
        consent_text="Ja",
        consented_at=timezone.now(),
    )
    assert link not in client_for(world.reviewer).get(url(version)).content.decode()
    reviewer.confirmed_at = timezone.now()
    reviewer.save()
    content = client_for(world.reviewer).get(url(version)).content.decode()
    assert link in content
    # Keyboard users meet each paragraph's react link before its reactions link, in text order.
    react_at = content.index(f'href="{link}"')
    reactions = reverse(
        "consultation:version-paragraph-reactions",
        args=[world.programme.slug, version.number, paragraph.anchor],
    )
    reactions_at = content.index(f'href="{reactions}"')
    assert react_at < reactions_at
    assert link not in client_for(world.outsider).get(url(version)).content.decode()

    version.consultation_closes_at = timezone.now() - timezone.timedelta(minutes=1)
    version.save()
    content = client_for(world.reviewer).get(url(version)).content.decode()
    assert link not in content and "nu gesloten" in content


def test_it_leaves_out_the_react_link_while_no_reaction_form_exists(world, version, monkeypatch):
    from django.urls import NoReverseMatch

    from koers.agenda.templatetags import koers_agenda

    def refuse(*args, **kwargs):
        raise NoReverseMatch

    monkeypatch.setattr(koers_agenda, "reverse", refuse)
    assert (
        reviewer_react_url(world.programme.slug, version.number, version.paragraphs.first().anchor)
        == ""
    )


def reactions_url(paragraph):
    return reverse(
        "consultation:version-paragraph-reactions",
        args=[paragraph.version.programme.slug, paragraph.version.number, paragraph.anchor],
    )


def test_it_lists_only_published_reactions(world, client_for, version):
    paragraph = version.paragraphs.first()
    react(
        world,
        paragraph,
        world.family,
        Publication.NAMED,
        author_name="Anna de Vries",
        text="Met naam gepubliceerd.",
        stance=Stance.CONCERN,
        organisation=world.organisation,
        reviewer=speaker(world, "Anna de Vries", world.organisation),
    )
    react(
        world,
        paragraph,
        world.family,
        Publication.ANONYMOUS,
        author_name="Bram Geheim",
        text="Zonder naam gepubliceerd.",
    )
    react(world, paragraph, world.family, Publication.NONE, text="Niet voor publicatie.")
    hidden = react(world, paragraph, world.family, Publication.NAMED, text="Verborgen tekst.")
    hide_contribution(hidden, reason="persoonsgegevens", by=world.office)
    react(world, version.paragraphs.last(), world.family, text="Andere alinea.")

    response = client_for(None).get(reactions_url(paragraph))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Met naam gepubliceerd." in content and "Anna de Vries" in content
    assert "gemeente Utrecht" in content
    assert "Zonder naam gepubliceerd." in content and "Bram Geheim" not in content
    assert "Niet voor publicatie." not in content
    assert "Verborgen tekst." not in content
    assert "Andere alinea." not in content
    assert "2 openbare reacties" in content


def test_it_paginates_reactions_in_constant_queries(
    world, client_for, version, django_assert_num_queries
):
    paragraph = version.paragraphs.first()
    react(
        world,
        paragraph,
        world.family,
        organisation=world.organisation,
        reviewer=speaker(world, "Eerste Lezer", world.organisation),
    )
    client = client_for(None)
    client.get(reactions_url(paragraph))
    with CaptureQueriesContext(connection) as few:
        client.get(reactions_url(paragraph))
    for i in range(REACTIONS_PAGE_SIZE + 5):
        react(
            world,
            paragraph,
            world.family,
            Publication.NAMED,
            author_name=f"Persoon {i}",
            organisation=world.other_organisation,
            reviewer=speaker(
                world,
                f"Persoon{i} Lezer",
                world.other_organisation,
                claim=(OrganisationClaim.CLAIMED, OrganisationClaim.CONFIRMED)[i % 2],
            ),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reactions_url(paragraph))
    assert len(response.context["page"].object_list) == REACTIONS_PAGE_SIZE
    assert 'rel="next"' in response.content.decode()
    second = client.get(reactions_url(paragraph) + "?pagina=2")
    assert len(second.context["page"].object_list) == 6


def test_it_links_the_agenda_from_the_programme_page(world, client_for, version):
    programme_url = world.programme.get_absolute_url()
    manage_url = reverse("drafting:version-manage", args=[world.programme.slug])
    public = client_for(None).get(programme_url).content.decode()
    assert f'href="{url(version)}"' in public
    assert "Agenda: Voorzet implementatieagenda (voorzet)" in public
    assert manage_url not in public
    assert manage_url not in client_for(world.council_member).get(programme_url).content.decode()
    assert manage_url in client_for(world.office).get(programme_url).content.decode()


POSITION_PAPER = (
    "## Samenvatting\n\nWij vragen om **één loket**.\n\n- eerst de burger\n- dan de balie"
)


def test_it_shows_a_reaction_as_text_and_its_organisation_once(world, client_for, version):
    paragraph = version.paragraphs.first()
    react(
        world,
        paragraph,
        world.family,
        Publication.NAMED,
        author_name="gemeentesecretaris, gemeente Utrecht",
        text=POSITION_PAPER,
        organisation=world.organisation,
        reviewer=speaker(world, "Gea Secretaris", world.organisation),
    )
    content = client_for(None).get(reactions_url(paragraph)).content.decode()
    assert "gemeentesecretaris, gemeente Utrecht (Gemeenten)" in content
    assert content.count("gemeente Utrecht") == 1
    assert "<h3>Samenvatting</h3>" in content
    assert "<strong>één loket</strong>" in content
    assert "<li>eerst de burger</li>" in content
    assert "## " not in content and "**" not in content
