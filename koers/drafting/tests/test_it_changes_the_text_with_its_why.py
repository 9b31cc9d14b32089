"""The text of a version based on another one changes only with its why: the agenda's traced
pages add and remove paragraphs and sections, and the consultation's own text pages send the
office there instead of changing such a version without a trace."""

import re

import pytest
from django.urls import reverse

from koers.agenda.constants import ItemKind
from koers.agenda.models import Paragraph, Section

from ..constants import ChangeAction
from ..models import Change

pytestmark = pytest.mark.django_db


def url(name, agenda, version=None, *args):
    version = version or agenda.concept
    return reverse(name, args=[agenda.programme.slug, version.number, *args])


def edit_url(agenda, version=None):
    return url("drafting:version-edit", agenda, version)


def why(agenda, **extra):
    return {
        "summary": "Gevraagd door gemeenten.",
        "contributions": [agenda.published.pk],
        "themes": [agenda.theme.pk],
        **extra,
    }


def traced_urls(agenda):
    section = agenda.concept.sections.first()
    paragraph = agenda.concept.paragraphs.first()
    return [
        url("drafting:paragraph-add-traced", agenda, None, section.anchor),
        url("drafting:paragraph-remove-traced", agenda, None, paragraph.anchor),
        url("drafting:section-add-traced", agenda),
        url("drafting:section-edit-traced", agenda, None, section.anchor),
        url("drafting:section-remove-traced", agenda, None, section.anchor),
    ]


def test_it_lets_only_the_office_open_the_traced_text_pages(agenda, client_for):
    for name, user in agenda.world.personas():
        client = client_for(user)
        for page in traced_urls(agenda):
            response = client.get(page)
            expected = {"office": 200, "public": 302}.get(name, 403)
            assert response.status_code == expected, (name, page)
            if user is None:
                assert reverse("login") in response["Location"]
            # Nobody but the office changes anything by posting.
            if name != "office":
                assert client.post(page, why(agenda, text="X", title="X")).status_code in (302, 403)
    assert not Change.objects.exists()
    assert agenda.concept.sections.count() == agenda.draft.sections.count()


def test_it_adds_a_paragraph_with_its_why(agenda, client_for):
    client = client_for(agenda.world.office)
    section = agenda.concept.sections.order_by("position").first()
    page = url("drafting:paragraph-add-traced", agenda, None, section.anchor)
    before = section.paragraphs.count()

    response = client.post(page, {"text": "Ook papier blijft.", "families": [agenda.provinces.pk]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "id_summary_error" in html and "Ook papier blijft." in html
    assert section.paragraphs.count() == before

    response = client.post(
        page, why(agenda, text="Ook papier blijft.", families=[agenda.provinces.pk])
    )
    added = Paragraph.objects.get(version=agenda.concept, text="Ook papier blijft.")
    assert response.status_code == 302
    assert response["Location"] == f"{edit_url(agenda)}#p-{added.short_anchor}"
    assert added.section == section and list(added.families.all()) == [agenda.provinces]
    change = Change.objects.get(anchor=added.anchor)
    assert (change.kind, change.action) == (ItemKind.PARAGRAPH, ChangeAction.ADDED)
    assert change.summary == "Gevraagd door gemeenten." and change.made_by == agenda.world.office
    assert list(change.contributions.all()) == [agenda.published]
    assert list(change.themes.all()) == [agenda.theme]


def test_it_removes_a_paragraph_with_its_why_but_keeps_one_with_reactions(agenda, client_for):
    client = client_for(agenda.world.office)
    first, second = agenda.concept.paragraphs.order_by("section__position", "position")[:2]
    page = url("drafting:paragraph-remove-traced", agenda, None, second.anchor)
    assert second.text in client.get(page).content.decode()
    assert client.post(page, {"summary": ""}).status_code == 400
    assert Paragraph.objects.filter(pk=second.pk).exists()
    response = client.post(page, why(agenda))
    assert response.status_code == 302 and response["Location"].startswith(edit_url(agenda))
    assert not Paragraph.objects.filter(pk=second.pk).exists()
    change = Change.objects.get(anchor=second.anchor)
    assert change.action == ChangeAction.REMOVED and change.summary == "Gevraagd door gemeenten."

    agenda.published.paragraphs.add(first)
    page = url("drafting:paragraph-remove-traced", agenda, None, first.anchor)
    assert "1 reactie op deze tekst" in client.get(page).content.decode()
    response = client.post(page, why(agenda))
    assert response.status_code == 400 and "1 reactie op deze tekst" in response.content.decode()
    assert Paragraph.objects.filter(pk=first.pk).exists()
    assert not Change.objects.filter(anchor=first.anchor).exists()


def test_it_adds_renames_and_removes_a_section_with_its_why(agenda, client_for):
    client = client_for(agenda.world.office)
    assert (
        client.post(url("drafting:section-add-traced", agenda), {"title": "Monitoring"}).status_code
        == 400
    )
    assert not Section.objects.filter(title="Monitoring").exists()
    response = client.post(
        url("drafting:section-add-traced", agenda), why(agenda, title="Monitoring")
    )
    assert response.status_code == 302
    section = Section.objects.get(version=agenda.concept, title="Monitoring")
    assert Change.objects.get(anchor=section.anchor).action == ChangeAction.ADDED

    response = client.post(
        url("drafting:section-edit-traced", agenda, None, section.anchor),
        why(agenda, title="Meten en weten", summary="Betere titel."),
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.title == "Meten en weten"
    assert Change.objects.get(anchor=section.anchor, action=ChangeAction.CHANGED).summary == (
        "Betere titel."
    )

    # Removing a section removes its paragraphs: each of them is in the trace too.
    old = agenda.concept.sections.order_by("position").first()
    paragraphs = list(old.paragraphs.values_list("anchor", flat=True))
    assert paragraphs
    response = client.post(
        url("drafting:section-remove-traced", agenda, None, old.anchor), why(agenda)
    )
    assert response.status_code == 302
    assert not Section.objects.filter(pk=old.pk).exists()
    removed = Change.objects.filter(version=agenda.concept, action=ChangeAction.REMOVED)
    assert {c.anchor for c in removed} == {old.anchor, *paragraphs}


def test_it_asks_no_why_in_a_first_version(agenda, client_for):
    client = client_for(agenda.world.office)
    section = agenda.draft.sections.first()
    page = url("drafting:paragraph-add-traced", agenda, agenda.draft, section.anchor)
    assert "id_summary" not in client.get(page).content.decode()
    assert client.post(page, {"text": "Zonder reden."}).status_code == 302
    assert Paragraph.objects.filter(version=agenda.draft, text="Zonder reden.").exists()
    assert not Change.objects.exists()


def consultation_pages(agenda, version):
    section = version.sections.first()
    paragraph = version.paragraphs.first()
    return [
        (
            "drafting:version-paragraph-edit",
            [paragraph.anchor],
            "drafting:paragraph-change-traced",
            [paragraph.anchor],
        ),
        (
            "drafting:version-paragraph-add",
            [section.anchor],
            "drafting:paragraph-add-traced",
            [section.anchor],
        ),
        (
            "drafting:version-paragraph-delete",
            [paragraph.anchor],
            "drafting:paragraph-remove-traced",
            [paragraph.anchor],
        ),
        ("drafting:version-section-add", [], "drafting:section-add-traced", []),
        (
            "drafting:version-section-edit",
            [section.anchor],
            "drafting:section-edit-traced",
            [section.anchor],
        ),
        (
            "drafting:version-section-delete",
            [section.anchor],
            "drafting:section-remove-traced",
            [section.anchor],
        ),
    ]


def test_it_sends_the_office_from_the_untraced_pages_to_the_traced_ones(agenda, client_for):
    client = client_for(agenda.world.office)
    texts = sorted(Paragraph.objects.filter(version=agenda.concept).values_list("text", flat=True))
    sections = sorted(agenda.concept.sections.values_list("title", flat=True))
    for name, args, traced, traced_args in consultation_pages(agenda, agenda.concept):
        page = url(name, agenda, None, *args)
        response = client.get(page)
        assert response.status_code == 302, name
        assert response["Location"] == url(traced, agenda, None, *traced_args), name
        response = client.post(
            page,
            {
                "text": "Zonder reden.",
                "title": "Zonder reden.",
                "section": agenda.concept.sections.first().pk,
            },
        )
        assert response.status_code == 400, name
        assert "Er is niets opgeslagen." in response.content.decode()
    # Pasting a whole document would add text without a why.
    page = url("drafting:version-import", agenda)
    assert client.get(page)["Location"] == edit_url(agenda)
    assert client.post(page, {"text": "## Nieuw\n\nZonder reden."}).status_code == 400
    assert client.get(url("drafting:version-import", agenda, agenda.draft)).status_code == 200
    after = sorted(Paragraph.objects.filter(version=agenda.concept).values_list("text", flat=True))
    assert after == texts
    assert sorted(agenda.concept.sections.values_list("title", flat=True)) == sections
    # A first version has nothing to trace against: its own pages still work.
    for name, args, _traced, _args in consultation_pages(agenda, agenda.draft):
        assert client.get(url(name, agenda, agenda.draft, *args)).status_code == 200, name


def test_it_links_the_edit_page_of_a_traced_version_to_the_traced_pages(agenda, client_for):
    client = client_for(agenda.world.office)
    html = client.get(edit_url(agenda)).content.decode()
    assert "worden vastgelegd met hun herkomst" in html
    for name, args, traced, traced_args in consultation_pages(agenda, agenda.concept):
        assert f'href="{url(traced, agenda, None, *traced_args)}"' in html, traced
        assert f'href="{url(name, agenda, None, *args)}"' not in html, name
    assert f'href="{url("drafting:version-import", agenda)}"' not in html
    draft = client.get(edit_url(agenda, agenda.draft)).content.decode()
    assert f'href="{url("drafting:version-import", agenda, agenda.draft)}"' in draft
    assert "worden vastgelegd met hun herkomst" not in draft
    for name, args, traced, traced_args in consultation_pages(agenda, agenda.draft):
        assert f'href="{url(name, agenda, agenda.draft, *args)}"' in draft, name
        assert f'href="{url(traced, agenda, agenda.draft, *traced_args)}"' not in draft, traced


def test_the_edit_page_shows_each_paragraphs_key_for_the_import(agenda, client_for):
    """The import of contributions names a paragraph by its key (kenmerk); the office reads it,
    small and copyable, beside each paragraph of the version it edits."""
    html = client_for(agenda.world.office).get(edit_url(agenda, agenda.draft)).content.decode()
    paragraphs = list(Paragraph.objects.filter(version=agenda.draft))
    assert paragraphs
    shown = re.findall(r"kenmerk van de alinea: <code>([0-9a-f]{8})</code>", html)
    assert sorted(shown) == sorted(p.short_anchor for p in paragraphs)
