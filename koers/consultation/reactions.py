"""The reactions per paragraph: how many visible contributions of a programme react to each
paragraph (by anchor, over all versions) from each family, kept up to date on every write, so
that the agenda's public pages read a row per paragraph and family instead of every link of a
contribution to a paragraph (0.8 s for a draft's page at a million, see docs/benchmarks.md).

A contribution counts once for an anchor however many of its paragraphs carry it (a reaction
linked to a paragraph of the draft and of the concept is one reaction).

How they stay true, as the voices do (koers/consultation/voices.py):

- a save or delete of one contribution moves it from its old cells to its new ones (hidden,
  another family); a change of its paragraphs does the same (m2m_changed, either side);
- a delete of a paragraph moves the contributions linked to it (its links go with it);
- a write of many contributions at once (an import, the demo) sends `input_written` once their
  links are written, and the new ones are counted;
- `recount` makes a programme's counts again from its rows (a restored programme,
  `koers recount`).
"""

from collections import Counter

from django.db import connection
from django.db.models import Count
from django.db.models.signals import m2m_changed, post_delete, pre_delete

from koers.agenda.models import Paragraph
from koers.core.counts import add_counts, add_difference, count_before, keep_counted
from koers.core.signals import input_written

from .models import Contribution, ParagraphReactions

NO_FAMILY = 0


def counted(contributions) -> Counter:
    """{(programme, anchor, family or 0): how many of `contributions`, visible, react to it}."""
    rows = (
        Contribution.paragraphs.through.objects.filter(
            contribution__in=contributions.order_by().values("pk"),
            contribution__is_hidden=False,
        )
        .order_by()
        .values_list(
            "paragraph__version__programme_id", "paragraph__anchor", "contribution__family_id"
        )
        .annotate(n=Count("contribution_id", distinct=True))
    )
    return Counter(
        {(programme, anchor, family or NO_FAMILY): n for programme, anchor, family, n in rows}
    )


def recount(programme_id: int) -> None:
    """The programme's counts made again from its rows, in one grouped query."""
    ParagraphReactions.objects.filter(programme_key=programme_id).delete()
    _add(counted(Contribution.objects.filter(paragraphs__version__programme_id=programme_id)))


def per_anchor(programme_id: int) -> dict:
    """{anchor: {family id or None: count}} of the programme's visible reactions: a row per
    paragraph and family that reacted."""
    counts: dict = {}
    rows = ParagraphReactions.objects.filter(programme_key=programme_id, n__gt=0).values_list(
        "anchor", "family_key", "n"
    )
    for anchor, family, n in rows:
        counts.setdefault(anchor, {})[None if family == NO_FAMILY else family] = n
    return counts


# -- one row at a time: signals ----------------------------------------------------------------


def _add(changes: Counter) -> None:
    anchor = ParagraphReactions._meta.get_field("anchor")
    add_counts(
        ParagraphReactions,
        Counter(
            {
                (programme, anchor.get_db_prep_value(key, connection), family): n
                for (programme, key, family), n in changes.items()
            }
        ),
    )


def _rows_of(instance):
    """The contribution a save or delete of a contribution moves (none before its first save)."""
    return Contribution.objects.filter(pk=instance.pk) if instance.pk else None


# A paragraph's anchor and version never change once it is saved, so only its delete, which
# takes its links with it, moves counts. Links change through m2m_changed, on either side. In
# both the contributions are named before the write (after it their links may be gone) and
# counted before and after it. Noted under a name of its own: a contribution's own save is
# counted under "reactions".
LINKS = "reaction_links"


def _counting_before(instance, pks) -> None:
    rows = Contribution.objects.filter(pk__in=pks)
    instance.__dict__[f"_{LINKS}_rows"] = rows
    count_before(instance, LINKS, rows, counted)


def _counting_after(instance) -> None:
    rows = instance.__dict__.pop(f"_{LINKS}_rows", None)
    if rows is not None:
        add_difference(instance, LINKS, rows, counted, _add)


def _paragraph_deleting(sender, instance, **kwargs) -> None:
    _counting_before(instance, list(instance.contributions.values_list("pk", flat=True)))


def _paragraph_deleted(sender, instance, **kwargs) -> None:
    _counting_after(instance)


def _links_changing(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Before and after paragraphs are added to, removed from or cleared off contributions."""
    if action.startswith("pre_"):
        if not reverse:
            pks = [instance.pk]
        elif pk_set:  # paragraph.contributions.add(...) names contributions
            pks = sorted(pk_set)
        else:  # paragraph.contributions.clear()
            pks = list(instance.contributions.values_list("pk", flat=True))
        _counting_before(instance, pks)
    else:
        _counting_after(instance)


def _count_written(sender, programme_id: int, contributions, **kwargs) -> None:
    _add(counted(contributions))


def connect_signals() -> None:
    input_written.connect(_count_written, dispatch_uid="reactions-input-written")
    keep_counted("reactions", (Contribution,), _rows_of, counted, _add)
    pre_delete.connect(_paragraph_deleting, sender=Paragraph, dispatch_uid="reactions-pre-delete")
    post_delete.connect(_paragraph_deleted, sender=Paragraph, dispatch_uid="reactions-post-delete")
    m2m_changed.connect(
        _links_changing,
        sender=Contribution.paragraphs.through,
        weak=False,
        dispatch_uid="reactions-links",
    )
