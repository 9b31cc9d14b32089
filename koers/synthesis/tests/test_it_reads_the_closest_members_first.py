"""A theme's quotes and keyword sample are its readable members closest to the theme: highest
similarity first, members placed by a person (no similarity) last, ties by number; at most the
number asked for per theme, in one query for any number of themes."""

import pytest
from django.utils import timezone

from koers.consultation.constants import Channel, Publication
from koers.consultation.models import Contribution

from ..models import Theme, ThemeAssignment
from ..readable import _closest_texts, readable_quotes

pytestmark = pytest.mark.django_db


def make_theme(world, label, members):
    theme = Theme.objects.create(programme=world.programme, label=label)
    for text, similarity, publication in members:
        contribution = Contribution.objects.create(
            programme=world.programme,
            channel=Channel.EMAIL,
            text=text,
            publication=publication,
            family=world.family,
        )
        ThemeAssignment.objects.create(
            contribution=contribution,
            theme=theme,
            similarity=similarity,
            assigned_at=timezone.now(),
        )
    return theme


def test_closest_first_people_last_at_most_the_number_asked(world, django_assert_num_queries):
    named = Publication.NAMED
    water = make_theme(
        world,
        "Water",
        [
            ("Door een persoon ingedeeld.", None, named),
            ("Dichtbij.", 0.9, named),
            ("Verder weg.", 0.2, named),
            ("Even dichtbij, later nummer.", 0.9, named),
            ("Niet openbaar maar wel dichtbij.", 0.95, Publication.NONE),
        ],
    )
    roads = make_theme(world, "Wegen", [(f"Weg {n}.", n / 10, named) for n in range(6)])
    everything = Contribution.objects.filter(programme=world.programme)
    with django_assert_num_queries(1):
        texts = _closest_texts([water.pk, roads.pk], everything, 4)
    assert texts[water.pk] == [
        "Niet openbaar maar wel dichtbij.",
        "Dichtbij.",
        "Even dichtbij, later nummer.",
        "Verder weg.",
    ]
    assert texts[roads.pk] == ["Weg 5.", "Weg 4.", "Weg 3.", "Weg 2."]
    published = Contribution.objects.published()
    assert _closest_texts([water.pk], published, 10)[water.pk] == [
        "Dichtbij.",
        "Even dichtbij, later nummer.",
        "Verder weg.",
        "Door een persoon ingedeeld.",
    ]
    assert readable_quotes(water, published, n=2) == ["Dichtbij.", "Even dichtbij, later nummer."]


def test_no_themes_or_nothing_readable_asks_nothing(world, django_assert_num_queries):
    theme = make_theme(world, "Water", [("Dichtbij.", 0.9, Publication.NAMED)])
    with django_assert_num_queries(0):
        assert _closest_texts([], Contribution.objects.all(), 5) == {}
        assert _closest_texts([theme.pk], Contribution.objects.none(), 5) == {theme.pk: []}
