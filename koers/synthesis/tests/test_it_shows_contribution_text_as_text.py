"""Processing reads a position paper as text: the open list shows its first words as plain
text, the processing page renders it (sanitised), and the overview says "1 open bijdrage"."""

import pytest
from django.urls import reverse

# The position paper of the consultation's test, a fixture used here too.
from koers.consultation.tests.test_it_shows_contribution_text_as_text import paper  # noqa: F401

pytestmark = pytest.mark.django_db


def get(world, client_for, name, *args) -> str:
    url = reverse(f"synthesis:{name}", args=[world.programme.slug, *args])
    response = client_for(world.office).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_open_input_as_plain_text(world, client_for, paper):  # noqa: F811
    content = get(world, client_for, "processing-open")
    assert "Samenvatting Wij vragen om één loket voor iedereen. eerst de burger" in content
    assert "## " not in content and "**" not in content


def test_it_renders_the_text_on_the_processing_page(world, client_for, paper):  # noqa: F811
    content = get(world, client_for, "contribution-dispose", paper.pk)
    assert "<h3>Samenvatting</h3>" in content
    assert "<strong>één loket</strong>" in content
    assert "<li>eerst de burger</li>" in content
    assert "## " not in content and "**" not in content


def test_it_counts_one_open_contribution_in_the_singular(world, client_for, paper):  # noqa: F811
    content = get(world, client_for, "processing-overview")
    assert '1<span class="visually-hidden"> open bijdrage bekijken</span>' in content
    assert "open bijdragen bekijken" not in content
