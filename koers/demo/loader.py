"""The demo programme: the Digitaal 2017 case, loaded idempotently by `koers demo`.

Each stage of the cycle has its module here, in the order they are loaded: the programme, the
consultation, the synthesis, the agenda (the concept and the answers to the input), the council
and the elaboration. Their texts are the data files in koers/demo/data (koers/demo/texts.py).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from koers.organisations.models import Programme

from .agenda import load_agenda_demo
from .consultation import DEFAULT_CONTRIBUTIONS, load_consultation_demo
from .council import load_council_demo
from .elaboration import load_elaboration_demo
from .programme import load_programme
from .synthesis import load_synthesis_demo


@transaction.atomic
def load_demo(
    today: datetime.date | None = None, contributions: int = DEFAULT_CONTRIBUTIONS
) -> Programme:
    programme = load_programme(today or timezone.localdate())
    # The consultation needs the families and the office account made above.
    load_consultation_demo(programme, contributions=contributions)
    load_synthesis_demo(programme)
    load_agenda_demo(programme)
    load_council_demo(programme)
    load_elaboration_demo(programme)
    return programme
