"""A reaction published without name shows no name: salutation and signature are cut from the
text the public sees (pages, API, documents), as they are from quotes. With consent to publish
with name the text stays whole."""

import pytest
from django.urls import reverse

from koers.agenda.models import Paragraph

from ..constants import Channel, Publication
from ..models import Contribution
from .test_it_signs_up_reviewers import make_draft

API = "/api/v1/programmes/digitaal-2017"
ANONYMOUS_LETTER = (
    "Beste programmabureau,\n\nDe agenda moet ook aan mensen zonder computer denken."
    "\n\nGroet, Esther Meijer"
)
NAMED_LETTER = "Goed dat dit er komt.\n\nMet vriendelijke groet,\nJan de Vries"


def approved(world, paragraph: Paragraph, text: str, publication: str, author: str):
    contribution = Contribution.objects.create(
        programme=world.programme,
        version=paragraph.version,
        channel=Channel.REVIEWER,
        text=text,
        publication=publication,
        author_name=author,
    )
    contribution.paragraphs.add(paragraph)
    contribution.approve()
    contribution.save()
    return contribution


@pytest.fixture
def letters(world):
    return make_letters(world)


def make_letters(world):
    """An approved reaction published without name and one with name, on one paragraph."""
    _version, paragraph = make_draft(world)
    anonymous = approved(
        world, paragraph, ANONYMOUS_LETTER, Publication.ANONYMOUS, author="Esther Meijer"
    )
    named = approved(world, paragraph, NAMED_LETTER, Publication.NAMED, author="Jan de Vries")
    return paragraph, anonymous, named


@pytest.mark.parametrize(
    "text, publication, expected",
    [
        (
            ANONYMOUS_LETTER,
            Publication.ANONYMOUS,
            "De agenda moet ook aan mensen zonder computer denken.",
        ),
        ("Prima.\nMet vriendelijke groet,\nJan de Vries", Publication.ANONYMOUS, "Prima."),
        (NAMED_LETTER, Publication.NAMED, NAMED_LETTER),
        # Nothing but a greeting stays as it is: cutting would leave nothing to read.
        ("Groet, Esther", Publication.ANONYMOUS, "Groet, Esther"),
    ],
)
def test_it_cuts_salutation_and_signature_without_consent_to_the_name(text, publication, expected):
    contribution = Contribution(channel=Channel.IMPORT, text=text, publication=publication)
    assert contribution.public_text == expected


def test_it_shows_no_name_on_the_public_page(world, letters, client_for):
    paragraph, _anonymous, _named = letters
    version = paragraph.version
    url = reverse(
        "consultation:version-paragraph-reactions",
        args=[world.programme.slug, version.number, paragraph.anchor],
    )
    page = client_for(None).get(url).content.decode()
    assert "mensen zonder computer" in page
    assert "Esther Meijer" not in page and "Beste programmabureau" not in page
    assert "Jan de Vries" in page  # consented to publication with name


def test_it_shows_no_name_in_the_api(world, letters, client):
    _paragraph, anonymous, named = letters
    results = {c["id"]: c for c in client.get(f"{API}/contributions").json()["results"]}
    assert results[anonymous.pk]["text"] == "De agenda moet ook aan mensen zonder computer denken."
    assert results[anonymous.pk]["author"] is None
    assert results[named.pk]["text"] == NAMED_LETTER
