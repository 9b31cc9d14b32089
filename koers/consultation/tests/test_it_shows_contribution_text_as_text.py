"""A contribution written in Markdown (a position paper with headings and lists) reads as text:
its own page renders it, sanitised; lists show its first words as plain text."""

import pytest
from django.urls import reverse

from koers.consultation.constants import Channel
from koers.consultation.services import record_contribution

pytestmark = pytest.mark.django_db

PAPER = (
    "## Samenvatting\n\nWij vragen om **één loket** voor iedereen.\n\n"
    "- eerst de burger\n- dan de balie\n\n<script>alert(1)</script>"
)


@pytest.fixture
def paper(world):
    return record_contribution(
        world.programme,
        text=PAPER,
        channel=Channel.POSITION_PAPER,
        family=world.family,
        organisation=world.organisation,
    )


def assert_no_markdown(content: str) -> None:
    assert "## " not in content
    assert "**" not in content
    assert "<script>alert" not in content


def test_it_renders_the_text_on_the_contribution_page(world, client_for, paper):
    content = client_for(world.office).get(paper.get_absolute_url()).content.decode()
    assert "<h3>Samenvatting</h3>" in content
    assert "<strong>één loket</strong>" in content
    assert "<li>eerst de burger</li>" in content
    assert_no_markdown(content)


def test_it_lists_the_first_words_as_plain_text(world, client_for, paper):
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    content = client_for(world.office).get(url).content.decode()
    assert "Samenvatting Wij vragen om één loket voor iedereen. eerst de burger" in content
    assert_no_markdown(content)
