"""Agenda text is Markdown, but people read it as text: every page that shows it renders it (or
strips it to a plain line), and names a paragraph by its number and section, never by its anchor.
A council member may paste the text of a passage as the page shows it into a recommendation."""

import datetime
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as agenda_services
from koers.agenda.constants import VersionState
from koers.drafting import services as drafting

from .. import services as council
from ..constants import RecommendationAction

STARTS = timezone.make_aware(datetime.datetime(2016, 6, 14, 10, 0))
MARKDOWN = (
    "Alle teksten zijn op **vet** geschreven, zie [tekst](https://example.org) voor de regels "
    "van taalniveau B1."
)
# What a reader copies from the page: no markup, and a line break where the browser wrapped.
VISIBLE = "op vet geschreven, zie tekst\nvoor de regels"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def visible_text(html: str) -> str:
    """What a person reads of a page: the text between the tags, not the attributes."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return unescape(re.sub(r"<[^>]+>", " ", body))


def assert_reads_as_text(html: str, anchors=()):
    text = visible_text(html)
    assert "**" not in text and "](" not in text
    assert not UUID.search(text), UUID.search(text)
    for anchor in anchors:
        assert str(anchor)[:8] not in text


def plan_meeting_on_markdown(agenda):
    """The concept's first paragraph in Markdown, the concept public, a meeting planned on it."""
    paragraph, other = agenda.concept.paragraphs.order_by("section__position", "position")[:2]
    drafting.change_paragraph(paragraph, MARKDOWN, summary="Eenvoudiger.", by=agenda.world.office)
    # A paragraph the council leaves as it is: the comparison shows it rendered.
    drafting.change_paragraph(other, "Ook **vet** en [tekst](https://example.org).", summary="Ook.")
    agenda_services.move_version(agenda.concept, VersionState.CONCEPT, by=agenda.world.office)
    agenda.concept.refresh_from_db()
    meeting = council.plan_meeting(
        agenda.programme,
        version=agenda.concept,
        title="Regieraad juni",
        starts_at=STARTS,
        by=agenda.world.office,
    )
    paragraph.refresh_from_db()
    return meeting, paragraph


@pytest.fixture
def adopted(agenda):
    """The concept's first paragraph in Markdown, a recommendation on it pasted as the reader
    sees it, accepted, and the agenda adopted."""
    meeting, paragraph = plan_meeting_on_markdown(agenda)
    rec = council.propose_recommendation(
        meeting,
        paragraph=paragraph,
        action=RecommendationAction.REPLACE,
        passage=VISIBLE,
        new_text="op **taalniveau B1** geschreven",
        motivation="Korter.",
        by=agenda.world.council_member,
    )
    council.decide_recommendation(rec, accept=True, by=agenda.world.council_member)
    for section in agenda.concept.sections.all():
        item = council.add_item(meeting, section=section, by=agenda.world.office)
        council.decide_item(item, decision="akkoord", by=agenda.world.council_member)
    version = council.adopt_version(meeting, by=agenda.world.council_member)
    meeting.refresh_from_db()
    return meeting, paragraph, rec, version


def test_a_pasted_visible_passage_is_mapped_onto_the_markdown(adopted):
    meeting, paragraph, rec, version = adopted
    assert rec.passage == "op **vet** geschreven, zie [tekst](https://example.org) voor de regels"
    adopted_text = version.paragraphs.get(anchor=paragraph.anchor).text
    assert adopted_text == "Alle teksten zijn op **taalniveau B1** geschreven van taalniveau B1."


def test_a_passage_that_is_not_in_the_paragraph_is_refused_by_name(agenda, meeting_on_markdown):
    meeting, paragraph = meeting_on_markdown
    with pytest.raises(ValidationError) as error:
        council.propose_recommendation(
            meeting,
            paragraph=paragraph,
            action=RecommendationAction.DELETE,
            passage="op vet gedrukt",
            motivation="Weg.",
            by=agenda.world.council_member,
        )
    message = error.value.message_dict["passage"][0]
    assert "vanaf „gedrukt” niet meer" in message
    with pytest.raises(ValidationError) as error:
        council.propose_recommendation(
            meeting,
            paragraph=paragraph,
            action=RecommendationAction.DELETE,
            passage="Geheel andere woorden",
            motivation="Weg.",
            by=agenda.world.council_member,
        )
    assert (
        "„Geheel andere woorden” staat niet in de alinea" in error.value.message_dict["passage"][0]
    )


@pytest.fixture
def meeting_on_markdown(agenda):
    return plan_meeting_on_markdown(agenda)


def test_the_meeting_page_form_accepts_the_visible_text_and_names_what_is_missing(
    agenda, meeting_on_markdown, client_for
):
    meeting, paragraph = meeting_on_markdown
    member = client_for(agenda.world.council_member)
    address = reverse(
        "council:council-recommendation-add", args=[agenda.programme.slug, meeting.pk]
    )
    data = {
        "recommendation-paragraph": paragraph.pk,
        "recommendation-action": RecommendationAction.DELETE,
        "recommendation-passage": "zie tekst voor de reglementen",
        "recommendation-motivation": "Weg.",
    }
    response = member.post(address, data)
    assert response.status_code == 400
    assert "vanaf „reglementen” niet meer" in response.content.decode()
    response = member.post(address, data | {"recommendation-passage": "zie tekst voor"})
    assert response.status_code == 302
    rec = meeting.recommendations.get()
    assert rec.passage == "zie [tekst](https://example.org) voor"

    page = member.get(reverse("council:council-meeting", args=[agenda.programme.slug, meeting.pk]))
    html = page.content.decode()
    assert "<strong>vet</strong>" in html
    assert "Alinea 1.1 (Dienstverlening)" in visible_text(html)
    assert "Alinea 1.1 (Dienstverlening): Alle teksten zijn op vet geschreven" in visible_text(html)
    assert_reads_as_text(html, [paragraph.anchor])


def test_the_decision_list_reads_as_text_and_links_the_paragraph(agenda, adopted, client):
    meeting, paragraph, _rec, _version = adopted
    response = client.get(reverse("council:council-decisions", args=[agenda.programme.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert_reads_as_text(html, [paragraph.anchor])
    assert "in alinea 1.1 (Dienstverlening)" in visible_text(html)
    assert f'href="{meeting.version.get_absolute_url()}#p-{paragraph.short_anchor}"' in html
    assert "„op vet geschreven, zie tekst voor de regels” → „op taalniveau B1 geschreven”" in (
        " ".join(visible_text(html).split())
    )


def test_the_trace_reads_as_text_and_names_items_by_number(agenda, adopted, client_for):
    _meeting, paragraph, _rec, version = adopted
    office = client_for(agenda.world.office)
    for number in (agenda.concept.number, version.number):
        response = office.get(
            reverse("drafting:version-trace", args=[agenda.programme.slug, number])
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "Alinea 1.1 (Dienstverlening)" in visible_text(html)
        assert f"#p-{paragraph.short_anchor}" in html  # linked to the reading page
        assert_reads_as_text(html, [paragraph.anchor])
    assert "Alle teksten zijn op vet geschreven, zie tekst" in visible_text(
        office.get(
            reverse("drafting:version-trace", args=[agenda.programme.slug, agenda.concept.number])
        ).content.decode()
    )


def test_the_comparison_reads_as_text(agenda, adopted, client_for):
    _meeting, paragraph, _rec, version = adopted
    office = client_for(agenda.world.office)
    address = reverse("drafting:version-compare", args=[agenda.programme.slug])
    for query in (
        {"van": agenda.draft.number, "naar": agenda.concept.number},
        {"van": agenda.draft.number, "naar": agenda.concept.number, "alles": "1"},
        {"van": agenda.concept.number, "naar": version.number, "alles": "1"},
    ):
        html = office.get(address, query).content.decode()
        assert_reads_as_text(html, [paragraph.anchor])
        assert "Alinea 1.1" in visible_text(html)
    assert "<strong>vet</strong>" in html  # an unchanged row renders its Markdown
    assert 'href="https://example.org"' in html


def test_the_public_pages_and_the_agenda_document_render_the_markdown(agenda, adopted, client):
    _meeting, paragraph, _rec, _version = adopted
    slug, number = agenda.programme.slug, agenda.concept.number
    for name in ("consultation:version-detail", "documents:agenda-document"):
        html = client.get(reverse(name, args=[slug, number])).content.decode()
        assert "<strong>vet</strong>" in html and 'href="https://example.org"' in html
        assert_reads_as_text(html, [paragraph.anchor])
