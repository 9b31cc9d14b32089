"""What happened in a programme that its readers may want to hear about, told by the app where it
happened to whoever listens (the news stream, koers/news), without the one importing the other.

`announce(...)` sends `programme_event` once the transaction commits (what did not happen is
never announced), with: programme, kind (one of the constants below), title (a sentence in the
interface language), url (the page's path, may be empty) and date (an aware datetime).
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

programme_event = Signal()

CONSULTATION_OPENED = "consultatie-geopend"
CONCEPT_PUBLISHED = "concept-gepubliceerd"
COUNCIL_DECIDED = "besluiten-regieraad"
AGENDA_ADOPTED = "agenda-vastgesteld"
PROGRESS_ROUND = "voortgangsronde"
PROGRESS_PUBLISHED = "voortgangsrapportage-gepubliceerd"

KINDS = (
    CONSULTATION_OPENED,
    CONCEPT_PUBLISHED,
    COUNCIL_DECIDED,
    AGENDA_ADOPTED,
    PROGRESS_ROUND,
    PROGRESS_PUBLISHED,
)


def announce(programme, kind: str, title: str, url: str = "", date=None) -> None:
    """Send `programme_event` after the commit of the transaction in which it happened."""
    date = date or timezone.now()
    transaction.on_commit(
        lambda: programme_event.send(
            sender=kind, programme=programme, kind=kind, title=str(title), url=url, date=date
        )
    )
