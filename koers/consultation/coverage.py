"""Coverage: which organisations of each family have taken part in the consultation, and which not.

An organisation *took part* when it attended a round table of the programme or reacted through
any channel (round table, reviewer, import, e-mail, position paper). A contribution hidden by
moderation still counts: the organisation did speak, only its text is withheld. A reviewer's
reaction counts for the organisation they named only once that claim was confirmed: anyone can
type an organisation's name at sign-up.

A family is counted as it was on its *counting day*: the day of its latest round table that has
begun, so that a consultation held in 2015 counts the 393 municipalities of 2015, not the fewer,
larger ones that later mergers left; a family without such a round table is counted as it is
today. The pages show that day.

Who reacted, and how often, is read from the voices (koers/consultation/voices.py): a count per
organisation that spoke, kept on every write, so a million contributions are never read here.
Everything is computed in the database with EXISTS subqueries, so the number of queries
depends on neither the number of organisations nor the number of contributions:
`families_coverage` is one query for all families, `organisations_coverage` one query for a page.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Family, Organisation, Programme
from koers.organisations.querysets import valid_on_q

from . import voices
from .models import RoundTable

# Organisations whose participation flags are read per query (within SQLite's parameter limit).
PARTICIPANTS_BATCH = 5000


class Participation:
    """Filters for the organisation list, by value in the URL (?deelname=...)."""

    ALL = ""
    NOT_YET = "nog-niet"
    INVITED_ABSENT = "uitgenodigd-afwezig"
    ATTENDED = "aanwezig"
    REACTED = "gereageerd"

    choices = [
        (ALL, _("Alle organisaties")),
        (NOT_YET, _("Nog niet deelgenomen")),
        (INVITED_ABSENT, _("Uitgenodigd, niet aanwezig")),
        (ATTENDED, _("Aanwezig bij een ronde tafel")),
        (REACTED, _("Gereageerd (elk kanaal)")),
    ]


def _invited(programme: Programme):
    return Exists(
        RoundTable.invited.through.objects.filter(
            organisation_id=OuterRef("pk"), roundtable__programme=programme
        )
    )


def _attended(programme: Programme):
    return Exists(
        RoundTable.attended.through.objects.filter(
            organisation_id=OuterRef("pk"), roundtable__programme=programme
        )
    )


def _voice(programme: Programme):
    """The organisation's voice in `programme`: how many contributions speak for it (see
    `speaking_for_organisation`), counted on every write (koers/consultation/voices.py)."""
    return voices.spoken(programme).filter(organisation_key=OuterRef("pk"))


def _participants(through, programme: Programme):
    """The ids of the organisations in a round table's `invited` or `attended` (its through)."""
    return through.objects.filter(roundtable__programme=programme).values("organisation_id")


def _spoken_by(programme: Programme):
    """The ids of the organisations that reacted in `programme`."""
    return voices.spoken(programme).values("organisation_key")


def _reacted(programme: Programme):
    return Exists(_voice(programme))


def _contribution_count(programme: Programme):
    counted = _voice(programme).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_participation(organisations: QuerySet, programme: Programme) -> QuerySet:
    """Annotate organisations with was_invited, attended, reacted and contribution_count."""
    return organisations.annotate(
        was_invited=_invited(programme),
        attended=_attended(programme),
        reacted=_reacted(programme),
        contribution_count=_contribution_count(programme),
    )


def counting_days(programme: Programme, families) -> dict[int, datetime.date]:
    """{family id: the day its members are counted on}: the day of the family's latest round
    table of `programme` that has begun, else today."""
    families = list(families)
    latest = dict(
        RoundTable.objects.filter(
            programme=programme, families__in=families, starts_at__lte=timezone.now()
        )
        .order_by()
        .values("families")
        .annotate(latest=Max("starts_at"))
        .values_list("families", "latest")
    )
    today = timezone.localdate()
    return {f.pk: timezone.localdate(latest[f.pk]) if f.pk in latest else today for f in families}


def organisations_coverage(
    programme: Programme,
    family: Family,
    *,
    participation: str = Participation.ALL,
    on: datetime.date | None = None,
) -> QuerySet:
    """The family's members on `on` (default its counting day), each with its participation,
    by name.

    `participation` narrows the list to one of `Participation`'s filters.
    """
    on = on or counting_days(programme, [family])[family.pk]
    members = Organisation.objects.in_family(family).valid_on(on)
    members = with_participation(members, programme)
    if participation == Participation.NOT_YET:
        members = members.filter(attended=False, reacted=False)
    elif participation == Participation.INVITED_ABSENT:
        members = members.filter(was_invited=True, attended=False)
    elif participation == Participation.ATTENDED:
        members = members.filter(attended=True)
    elif participation == Participation.REACTED:
        members = members.filter(reacted=True)
    return members.order_by("sort_name", "code")


@dataclass(frozen=True)
class FamilyCoverage:
    family: Family
    members: int
    invited: int
    attended: int
    reacted: int
    took_part: int
    # The day the members were counted on (see `counting_days`).
    counted_on: datetime.date | None = None

    @property
    def not_yet(self) -> int:
        return self.members - self.took_part

    def share(self, count: int) -> float | None:
        """`count` as a percentage of the members, or None for a family without members."""
        return round(100 * count / self.members, 1) if self.members else None

    @property
    def invited_share(self):
        return self.share(self.invited)

    @property
    def attended_share(self):
        return self.share(self.attended)

    @property
    def reacted_share(self):
        return self.share(self.reacted)

    @property
    def took_part_share(self):
        return self.share(self.took_part)

    @property
    def not_yet_share(self):
        return self.share(self.not_yet)


def families_coverage(
    programme: Programme, families=None, *, on: datetime.date | None = None
) -> list[FamilyCoverage]:
    """Members, invited, attended, reacted and took part per family, in one query; each family's
    members are those on `on`, or by default on the family's counting day.

    Family membership is a rule rather than a join table, and families overlap, so the query
    returns one small row of flags per organisation (member of which family; invited, attended,
    reacted) and the counting happens here. Counting in SQL with a filtered COUNT per family and
    measure was slower: SQLite evaluates every EXISTS again for each of those counts.
    Members are counted with `count_per_family`; the flags are read only for the organisations
    that take part, so 100,000 organisations in the register cost little.
    """
    families = list(programme.families.all() if families is None else families)
    if not families:
        return []
    days = {f.pk: on for f in families} if on else counting_days(programme, families)
    # Members: each family on its own counting day, with the register's aggregate.
    totals = {f.pk: [0, 0, 0, 0, 0] for f in families}
    members = Organisation.objects.count_per_family(families, on=days)
    for family in families:
        totals[family.pk][0] = members[family.pk]
    # Participation: only the few organisations that were invited, attended or reacted are read,
    # with a flag per family; the register's other rows are never visited.
    member_on_day = {f.pk: f.membership_q() & valid_on_q(days[f.pk]) for f in families}
    membership = {
        f"in_family_{pk}": ExpressionWrapper(q, output_field=BooleanField())
        for pk, q in member_on_day.items()
    }
    # The ids first (one small query), then their flags in batches: given as one OR of three
    # IN-subqueries, PostgreSQL walked all 100,000 organisations (1.5 s).
    taking_part = sorted(
        set(
            _participants(RoundTable.invited.through, programme)
            .order_by()
            .values_list("organisation_id")
            .union(
                _participants(RoundTable.attended.through, programme).values_list("organisation_id")
            )
            .union(_spoken_by(programme).order_by().values_list("organisation_key"))
            .values_list("organisation_id", flat=True)
        )
    )
    rows = (
        row
        for start in range(0, len(taking_part), PARTICIPANTS_BATCH)
        for row in Organisation.objects.filter(
            pk__in=taking_part[start : start + PARTICIPANTS_BATCH]
        )
        .order_by()
        .annotate(
            was_invited=_invited(programme),
            attended=_attended(programme),
            reacted=_reacted(programme),
            **membership,
        )
        .values_list("was_invited", "attended", "reacted", *membership)
    )
    for was_invited, attended, reacted, *member_of in rows:
        counts = (was_invited, attended, reacted, attended or reacted)
        for family, is_member in zip(families, member_of, strict=True):
            if is_member:
                total = totals[family.pk]
                for i, value in enumerate(counts, start=1):
                    total[i] += bool(value)
    return [FamilyCoverage(f, *totals[f.pk], counted_on=days[f.pk]) for f in families]
