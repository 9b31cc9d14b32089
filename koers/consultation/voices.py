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

from django.db import connection
from django.db.models import Count
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from koers.core.counts import add_counts
from koers.core.signals import input_written

from .models import Contribution, Reviewer, Voice

COLUMNS = ("programme_key", "organisation_key")


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
    add_counts(Voice, COLUMNS, counted(Contribution.objects.filter(programme_id=programme_id)))


def spoken(programme):
    """The voices of the organisations that spoke in `programme`."""
    return Voice.objects.filter(programme_key=programme.pk, n__gt=0)


# -- one row at a time: signals ----------------------------------------------------------------


def _contributions_of(instance):
    if isinstance(instance, Reviewer):
        return Contribution.objects.filter(reviewer_id=instance.pk)
    return Contribution.objects.filter(pk=instance.pk)


def _before(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the voices are recounted after a restore
        return
    if not instance.pk:
        instance._voices_before = Counter()
        return
    contributions = _contributions_of(instance)
    if connection.in_atomic_block and connection.features.has_select_for_update:
        # Of two people changing one contribution at once, the second counts from what the
        # first left (see koers/synthesis/tally.py).
        list(contributions.select_for_update(of=("self",)).order_by("pk").values_list("pk"))
    instance._voices_before = counted(contributions)


def _after(sender, instance, raw=False, **kwargs) -> None:
    before = instance.__dict__.pop("_voices_before", None)
    if before is None:
        return
    after = counted(_contributions_of(instance))
    after.subtract(before)
    add_counts(Voice, COLUMNS, after)


def _count_written(sender, programme_id: int, contributions, **kwargs) -> None:
    add_counts(Voice, COLUMNS, counted(contributions))


def connect_signals() -> None:
    input_written.connect(_count_written, dispatch_uid="voices-input-written")
    for model in (Contribution, Reviewer):
        uid = f"voices-{model._meta.label_lower}"
        pre_save.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_after, sender=model, dispatch_uid=f"{uid}-post-delete")
