"""The demo programme: the Digitaal 2017 case, loaded idempotently by `koers demo`.

Each stage of the cycle has its module here, in the order they are loaded: the programme, the
consultation, the synthesis, the agenda (the concept and the answers to the input), the council,
the elaboration, the monitoring to the deadline, and the news and newsletter of those years.
Their texts are the data files in koers/demo/data (koers/demo/texts.py).
Each stage is told at its moment of 2015 (koers/demo/clock.py): what it writes with the clock's
time is dated then, so that pages and history tell the programme's story, not the day of loading.
"""

from django.db import connection, transaction

from koers.core.bulk import analyse
from koers.organisations.models import Programme

from .agenda import AGENDA, load_agenda_demo
from .clock import told_at
from .consultation import DEFAULT_CONTRIBUTIONS, WRITTEN_AT, load_consultation_demo
from .council import TEXTS as COUNCIL
from .council import load_council_demo
from .elaboration import ELABORATED_FROM, load_elaboration_demo
from .monitoring import load_monitoring_demo
from .news import load_news_demo, unannounced
from .programme import SET_UP_AT, load_programme
from .synthesis import load_synthesis_demo
from .texts import moment


def load_demo(contributions: int = DEFAULT_CONTRIBUTIONS) -> Programme:
    # The events Koers announces on the commit would be suggested today: the demo's news tells
    # them with the story's dates instead (koers/demo/news.py).
    with unannounced(), transaction.atomic():
        return _load_demo(contributions)


def _load_demo(contributions: int) -> Programme:
    with told_at(SET_UP_AT):
        programme = load_programme()
    # The consultation needs the families and the office account made above.
    with told_at(WRITTEN_AT):
        load_consultation_demo(programme, contributions=contributions)
    # The synthesis dates each of its steps itself.
    load_synthesis_demo(programme)
    with told_at(moment(AGENDA["copied_at"])):
        load_agenda_demo(programme)
    with told_at(moment(COUNCIL["planned_at"])):
        load_council_demo(programme)
    with told_at(ELABORATED_FROM):
        load_elaboration_demo(programme)
    # Rounds, reports and measurements carry their own dates in 2015–2017.
    load_monitoring_demo(programme)
    # Posts, issues and subscribers carry their own dates in 2015–2017 too.
    load_news_demo(programme)
    # The pages read what the stages above wrote in bulk (a million dispositions and theme
    # assignments in a large demo): PostgreSQL plans for it from fresh statistics (without them
    # the open input took 5.5 s at a million). On SQLite statistics of every table made a
    # theme's page slower (120 → 296 ms at a million), so it keeps those of the input alone.
    if connection.vendor == "postgresql":
        analyse()
    return programme
