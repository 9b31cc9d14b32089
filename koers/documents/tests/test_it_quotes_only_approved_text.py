"""The response report quotes input in the text the public may read: the approved text, not a
change still waiting for moderation."""

from django.utils import timezone

from koers.consultation.tests.test_it_shows_no_names_where_none_were_consented import make_letters
from koers.synthesis.models import Theme, ThemeAssignment

from ..report import build_report


def test_it_quotes_the_approved_text_in_the_response_report(world):
    paragraph, anonymous, _named = make_letters(world)
    theme = Theme.objects.create(programme=world.programme, label="Inclusie")
    ThemeAssignment.objects.create(contribution=anonymous, theme=theme, assigned_at=timezone.now())
    # A change after approval waits for moderation and is not quoted.
    anonymous.text = "Iets wat nog niemand bekeek."
    anonymous.moderated_at = None
    anonymous.save()
    report = build_report(paragraph.version)
    [section] = [s for s in report.themes if s.theme.pk == theme.pk]
    assert [q.text for q in section.quotes] == [
        "De agenda moet ook aan mensen zonder computer denken."
    ]
