"""The tally: a programme's contributions counted per cell (theme, family, outcome, hidden, placed
by a person, consented to publication, approved for the public), kept up to date on every write,
so that the theme and processing overviews and the API's counts of published input read a few
hundred rows whatever the size of the consultation (a million contributions: 2 s, 8 s and 9 s
when counted from the rows, see docs/benchmarks.md).

How it stays true:

- a save or delete of one contribution, assignment or disposition moves that contribution from
  its old cell to its new one (signals, `connect_signals`): the forms, the services one by one,
  and the test factories all go through it;
- a write of many rows at once, which no signal sees, is wrapped in `keeping(contributions)`
  (the same contributions counted before and after) or followed by `counting` (new input) or
  `recount` (a synthesis run, the demo, a restored programme: the whole programme again);
- each change is added to its cell with one upsert, in a fixed order of cells, and the
  contributions are locked before their cells are read (koers/core/counts.py): two writers
  never overwrite each other's count, never deadlock, and of two people changing one
  contribution at once the second counts from the cell the first left.

Beside the cells it keeps the theme voices (`ThemeVoice`): per theme, how many of its
contributions speak for each organisation, hidden or not, so that a theme's page names the
organisations that raise it most without visiting every member. Every write above keeps both.

`recount` makes the tally again from the rows; `koers recount` does that for every programme.
"""

from collections import Counter
from contextlib import contextmanager

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum

from koers.consultation.constants import Publication
from koers.consultation.models import Contribution
from koers.consultation.querysets import APPROVED
from koers.core.counts import add_counts, cell_columns, keep_counted, lock
from koers.core.signals import input_written
from koers.organisations.constants import Moderation
from koers.organisations.models import Family, Organisation

from .models import Disposition, Tally, ThemeAssignment, ThemeVoice

# programme, theme (0: none), family (0: none), outcome ("": open), hidden, placed by a person,
# consented to publication, approved for the public (see `_published` of the contributions)
COLUMNS = cell_columns(Tally)
# programme, theme, organisation, hidden
VOICE_COLUMNS = cell_columns(ThemeVoice)


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def cells(contributions) -> Counter:
    """The cells of `contributions` (a queryset) and how many of them are in each."""
    rows = (
        contributions.order_by()
        .annotate(
            consented=_flag(~Q(publication=Publication.NONE)),
            approved=_flag(APPROVED),
        )
        .values_list(
            "programme_id",
            "theme_assignment__theme_id",
            "family_id",
            "disposition__outcome",
            "is_hidden",
            "theme_assignment__assigned_by_id",
            "consented",
            "approved",
        )
        .annotate(n=Count("pk"))
    )
    found: Counter = Counter()
    for programme, theme, family, outcome, hidden, person, consented, approved, n in rows:
        cell = (programme, theme or 0, family or 0, outcome or "", hidden, person is not None)
        found[(*cell, bool(consented), bool(approved))] += n
    return found


def theme_voices(contributions) -> Counter:
    """{(programme, theme, organisation, hidden): how many of `contributions` (a queryset)}, of
    those in a theme and from an organisation."""
    rows = (
        contributions.filter(theme_assignment__isnull=False, organisation_id__isnull=False)
        .order_by()
        .values_list("programme_id", "theme_assignment__theme_id", "organisation_id", "is_hidden")
        .annotate(n=Count("pk"))
    )
    return Counter({row[:4]: row[4] for row in rows})


def _counted(contributions) -> Counter:
    """Both counts of `contributions`: the tally's cells and the theme voices, each key led by
    its model."""
    found = Counter({(Tally, cell): n for cell, n in cells(contributions).items()})
    found.update({(ThemeVoice, key): n for key, n in theme_voices(contributions).items()})
    return found


def _add(changes: Counter) -> None:
    """Add the changes of `_counted` to their tables, always in the same order of tables."""
    for model in (Tally, ThemeVoice):
        add_counts(model, Counter({k: n for (m, k), n in changes.items() if m is model}))


# Contribution ids per query when cells are read for a list of them.
IDS_AT_ONCE = 5_000


def _parts(contributions) -> list:
    """`contributions` as querysets: itself, or its ids `IDS_AT_ONCE` at a time."""
    if not isinstance(contributions, list):
        return [contributions]
    return [
        Contribution.objects.filter(pk__in=contributions[start : start + IDS_AT_ONCE])
        for start in range(0, len(contributions), IDS_AT_ONCE)
    ]


def _cells_of(parts) -> Counter:
    found: Counter = Counter()
    for part in parts:
        found.update(_counted(part))
    return found


@contextmanager
def keeping(contributions):
    """Around a write of many rows: move `contributions` (a queryset that selects the same
    contributions before and after the write, or a list of their ids) from their old cells to
    their new ones."""
    parts = _parts(contributions)
    for part in parts:
        lock(part)
    before = _cells_of(parts)
    yield
    after = _cells_of(parts)
    after.subtract(before)
    _add(after)


def counting(contributions) -> None:
    """Count new contributions (a queryset of them only)."""
    _add(_counted(contributions))


def recount(programme_id: int) -> None:
    """The programme's tally and theme voices made again from its rows."""
    Tally.objects.filter(programme_key=programme_id).delete()
    ThemeVoice.objects.filter(programme_key=programme_id).delete()
    _add(_counted(Contribution.objects.filter(programme_id=programme_id)))


def read(programme_id: int):
    """The programme's non-empty cells."""
    return Tally.objects.filter(programme_key=programme_id).exclude(n=0)


def _published(programme, **cell):
    """The programme's cells of published contributions (the rule of the contributions'
    `published_in`), of `cell` (theme_key, family_key, outcome) when given."""
    cells = read(programme.pk).filter(hidden=False, consented=True, **cell)
    if programme.moderation != Moderation.POST:
        cells = cells.filter(approved=True)
    return cells


def published_count(programme, *, decided: bool = False, **cell) -> int:
    """How many of the programme's contributions are published: of those, only the ones decided
    on when `decided`, and only those in `cell` (theme_key, family_key, outcome) when given."""
    cells = _published(programme, **cell)
    if decided:
        cells = cells.exclude(outcome="")
    return cells.aggregate(n=Sum("n"))["n"] or 0


def published_per_theme(programme) -> dict[int, int]:
    """{theme id: how many of its contributions are published}, themes without any left out."""
    cells = _published(programme).exclude(theme_key=0).values_list("theme_key")
    return {
        theme: n
        for theme, n in cells.annotate(total=Sum("n")).values_list("theme_key", "total")
        if n
    }


def most_raised_by(theme, limit: int = 5) -> tuple[list, list]:
    """The families and the organisations whose visible input in `theme` is largest, as
    (name, count), the most first and by name among equals: from the cells and the theme
    voices, for readers who read all visible input."""
    per_family = dict(
        read(theme.programme_id)
        .filter(hidden=False, theme_key=theme.pk)
        .exclude(family_key=0)
        .values_list("family_key")
        .annotate(total=Sum("n"))
        .values_list("family_key", "total")
    )
    per_organisation = dict(
        ThemeVoice.objects.filter(theme_key=theme.pk, hidden=False, n__gt=0).values_list(
            "organisation_key", "n"
        )
    )
    return (
        _most(Family, "name", per_family, limit),
        _most(Organisation, "short_name", per_organisation, limit),
    )


def _most(model, name: str, counts: dict[int, int], limit: int) -> list[tuple[str, int]]:
    counts = {pk: n for pk, n in counts.items() if n > 0}
    if not counts:
        return []
    # Names only of those that can be among the first: the counts down to the limit's.
    least = sorted(counts.values(), reverse=True)[:limit][-1]
    named = model.objects.filter(pk__in=[pk for pk, n in counts.items() if n >= least])
    found = [(label, counts[pk]) for pk, label in named.values_list("pk", name)]
    return sorted(found, key=lambda row: (-row[1], row[0]))[:limit]


# -- one row at a time: signals ----------------------------------------------------------------


def _rows_of(instance):
    """The contribution a saved or deleted contribution, assignment or disposition counts."""
    pk = instance.pk if isinstance(instance, Contribution) else instance.contribution_id
    return Contribution.objects.filter(pk=pk) if pk else None


def _count_written(sender, programme_id: int, contributions, **kwargs) -> None:
    counting(contributions)


def connect_signals() -> None:
    input_written.connect(_count_written, dispatch_uid="tally-input-written")
    keep_counted("tally", (Contribution, ThemeAssignment, Disposition), _rows_of, _counted, _add)
