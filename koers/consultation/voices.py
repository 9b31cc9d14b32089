"""The voices: how many of a programme's contributions speak for each organisation, kept up to
date on every write, so that coverage (who took part, and how often) reads a row per organisation
that spoke instead of a million contributions (1.3 s and 1.5 s for the coverage pages at a
million when read from the rows, see docs/benchmarks.md).

How they stay true, as the synthesis's tally does (koers/synthesis/tally.py):

- a save or delete of one contribution moves it from the organisation it spoke for to the one it
  speaks for now; a save of a reviewer does the same for all their reactions, since a confirmed
  or withdrawn claim decides whether those speak for the organisation (model signals);
- a write of many contributions at once (an import, the demo) sends `input_written`, and the new
  ones are counted;
- `recount` makes a programme's voices again from its rows (a restored programme,
  `koers recount`).
"""

from collections import Counter

from django.db.models import Count

from koers.core.counts import add_counts, keep_counted
from koers.core.signals import input_written

from .models import Contribution, Reviewer, Voice


def counted(contributions) -> Counter:
    """{(programme, organisation): how many of `contributions` speak for it}."""
    rows = (
        contributions.filter(organisation_id__isnull=False)
        .speaking_for_organisation()
        .order_by()
        .values_list("programme_id", "organisation_id")
        .annotate(n=Count("pk"))
    )
    return Counter({(programme, organisation): n for programme, organisation, n in rows})


def recount(programme_id: int) -> None:
    """The programme's voices made again from its rows, in one grouped query."""
    Voice.objects.filter(programme_key=programme_id).delete()
    _add(counted(Contribution.objects.filter(programme_id=programme_id)))


def spoken(programme):
    """The voices of the organisations that spoke in `programme`."""
    return Voice.objects.filter(programme_key=programme.pk, n__gt=0)


# -- one row at a time: signals ----------------------------------------------------------------


def _rows_of(instance):
    """The contributions whose voice a saved or deleted contribution or reader moves: a
    reader's claim decides for all their reactions."""
    if not instance.pk:
        return None
    if isinstance(instance, Reviewer):
        return Contribution.objects.filter(reviewer_id=instance.pk)
    return Contribution.objects.filter(pk=instance.pk)


def _add(changes: Counter) -> None:
    add_counts(Voice, changes)


def _count_written(sender, programme_id: int, contributions, **kwargs) -> None:
    _add(counted(contributions))


def connect_signals() -> None:
    input_written.connect(_count_written, dispatch_uid="voices-input-written")
    keep_counted("voices", (Contribution, Reviewer), _rows_of, counted, _add)
