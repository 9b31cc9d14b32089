"""Hidden means hidden in what the synthesis derives from input, too. A run stores keywords and
quotes per theme from all input it read; input hidden afterwards, and input nobody consented to
publish, must not speak through them: the theme pages show quotes and keywords only from input
the reader may read (never hidden input, except to those who moderate: not even to them, as it
does not count), the public API serves keywords only from published input, the response report
quotes only published input, the trace masks hidden text, and the processing download (CSV and
ODS) leaves hidden input out."""

import io
import uuid
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as versions
from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.services import move_version
from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution
from koers.consultation.services import hide_contribution
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change

from ..constants import Outcome
from ..models import Disposition, Theme, ThemeAssignment

pytestmark = pytest.mark.django_db

HIDDEN_WORD = "zeppelinkwestie"  # only in the hidden contribution
PRIVATE_WORD = "vertrouwelijkheidje"  # only in input whose author did not consent
PUBLIC_WORD = "gebruiksvriendelijker"  # in published input


@pytest.fixture
def theme(world):
    """A theme as a run left it, before moderation hid one of its contributions."""
    texts = {
        "published": (f"Maak de websites {PUBLIC_WORD}.", Publication.ANONYMOUS, 0.5),
        "private": (f"Een {PRIVATE_WORD} over de websites.", Publication.NONE, 0.7),
        "hidden": (f"De websites en de {HIDDEN_WORD}, bel 06-12345678.", Publication.NAMED, 0.9),
    }
    theme = Theme.objects.create(
        programme=world.programme,
        label="Websites",
        keywords=[HIDDEN_WORD, PRIVATE_WORD, PUBLIC_WORD, "websites"],
        quotes=[text for text, _p, _s in texts.values()],
    )
    made = {}
    for key, (text, publication, similarity) in texts.items():
        made[key] = Contribution.objects.create(
            programme=world.programme,
            channel=Channel.IMPORT,
            text=text,
            publication=publication,
            family=world.family,
        )
        ThemeAssignment.objects.create(
            contribution=made[key],
            theme=theme,
            similarity=similarity,
            assigned_at=timezone.now(),
        )
    hide_contribution(made["hidden"], reason="persoonsgegevens", by=world.office)
    theme.contributions = made
    return theme


def test_it_shows_theme_quotes_and_keywords_without_hidden_text(world, client_for, theme):
    detail = reverse("synthesis:theme-detail", args=[world.programme.slug, theme.pk])
    listing = reverse("synthesis:theme-list", args=[world.programme.slug])
    for user in (world.office, world.council_member):
        for url in (detail, listing):
            html = client_for(user).get(url).content.decode()
            assert HIDDEN_WORD not in html, (user, url)
            assert PUBLIC_WORD in html, (user, url)
        # The council reads input without consent to publication (not hidden): its words stay.
        assert PRIVATE_WORD in client_for(user).get(detail).content.decode()


def test_it_serves_public_keywords_only_from_published_input(world, client, theme):
    api = f"/api/v1/programmes/{world.programme.slug}/themes"
    for response in (client.get(api), client.get(f"{api}/{theme.pk}")):
        assert response.status_code == 200, response.content
        body = response.content.decode()
        assert HIDDEN_WORD not in body and PRIVATE_WORD not in body
        assert PUBLIC_WORD in body and "websites" in body


def test_it_quotes_only_published_input_in_the_response_report(world, client_for, theme):
    concept = versions.create_version(world.programme, title="Concept", by=world.office)
    versions.import_markdown(concept, "# Hoofdstuk\n\nEen alinea.\n")
    move_version(concept, VersionState.CONCEPT)
    url = reverse("documents:response-report", args=[world.programme.slug, concept.number])
    for user in (None, world.office):
        response = client_for(user).get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"Maak de websites {PUBLIC_WORD}." in html
        assert HIDDEN_WORD not in html and PRIVATE_WORD not in html


def test_it_masks_hidden_text_in_the_trace_for_the_council(world, client_for, theme):
    draft = versions.create_version(world.programme, title="Voorzet", by=world.office)
    versions.import_markdown(draft, "# Hoofdstuk\n\nEen alinea.\n")
    move_version(draft, VersionState.CONCEPT)
    change = Change.objects.create(
        version=draft,
        kind=ItemKind.PARAGRAPH,
        anchor=uuid.uuid4(),
        action=ChangeAction.CHANGED,
        summary="Naar aanleiding van de inbreng.",
    )
    change.contributions.add(theme.contributions["hidden"])
    url = reverse("drafting:version-trace", args=[world.programme.slug, draft.number])
    assert HIDDEN_WORD in client_for(world.office).get(url).content.decode()
    assert HIDDEN_WORD not in client_for(world.council_member).get(url).content.decode()


@pytest.mark.parametrize("fmt", ["csv", "ods"])
def test_it_leaves_hidden_input_out_of_the_processing_download(world, client_for, theme, fmt):
    for contribution in theme.contributions.values():
        Contribution.objects.filter(pk=contribution.pk).update(author_name="Xandra Verborgenheim")
        Disposition.objects.create(
            contribution=contribution,
            outcome=Outcome.ADOPTED,
            reason=f"Reden {contribution.pk}",
            decided_by=world.office,
            decided_at=timezone.now(),
        )
    hidden = theme.contributions["hidden"]
    url = reverse("synthesis:dispositions-export", args=[world.programme.slug, fmt])
    for user in (world.office, world.council_member):
        response = client_for(user).get(url)
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if fmt == "ods":
            with zipfile.ZipFile(io.BytesIO(content)) as ods:
                content = ods.read("content.xml")
        text = content.decode()
        assert f"Reden {hidden.pk}" not in text
        assert f"Reden {theme.contributions['published'].pk}" in text
