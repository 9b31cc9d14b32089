"""Coverage: which organisations of each family have taken part in the consultation, and which not.

An organisation *took part* when it attended a round table of the programme or reacted through
any channel (round table, reviewer, import, e-mail, position paper). A contribution hidden by
moderation still counts: the organisation did speak, only its text is withheld. A reviewer's
reaction counts for the organisation they named only once that claim was confirmed: anyone can
type an organisation's name at sign-up.

Everything is computed in the database with EXISTS and COUNT subqueries, so the number of queries
depends on neither the number of organisations nor the number of contributions:
`families_coverage` is one query for all families, `organisations_coverage` one query for a page.
"""

import datetime
import functools
import operator
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Family, Organisation, Programme

from .models import Contribution, RoundTable


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


def _spoken(programme: Programme):
    return Contribution.objects.filter(
        programme=programme, organisation_id=OuterRef("pk")
    ).speaking_for_organisation()


def _reacted(programme: Programme):
    return Exists(_spoken(programme))


def _contribution_count(programme: Programme):
    counted = (
        _spoken(programme).order_by().values("organisation_id").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_participation(organisations: QuerySet, programme: Programme) -> QuerySet:
    """Annotate organisations with was_invited, attended, reacted and contribution_count."""
    return organisations.annotate(
        was_invited=_invited(programme),
        attended=_attended(programme),
        reacted=_reacted(programme),
        contribution_count=_contribution_count(programme),
    )


def organisations_coverage(
    programme: Programme,
    family: Family,
    *,
    participation: str = Participation.ALL,
    on: datetime.date | None = None,
) -> QuerySet:
    """The family's members on `on` (default today), each with its participation, by name.

    `participation` narrows the list to one of `Participation`'s filters.
    """
    members = Organisation.objects.in_family(family).valid_on(on or timezone.localdate())
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
    """Members, invited, attended, reacted and took part per family, in one query.

    Family membership is a rule rather than a join table, and families overlap, so the query
    returns one small row of flags per organisation (member of which family; invited, attended,
    reacted) and the counting happens here. Counting in SQL with a filtered COUNT per family and
    measure was slower: SQLite evaluates every EXISTS again for each of those counts.
    """
    families = list(programme.families.all() if families is None else families)
    if not families:
        return []
    membership = {
        f"in_family_{f.pk}": ExpressionWrapper(f.membership_q(), output_field=BooleanField())
        for f in families
    }
    in_any_family = functools.reduce(operator.or_, (f.membership_q() for f in families))
    rows = (
        Organisation.objects.valid_on(on or timezone.localdate())
        .filter(in_any_family)
        .order_by()
        .annotate(
            was_invited=_invited(programme),
            attended=_attended(programme),
            reacted=_reacted(programme),
            **membership,
        )
        .values_list("was_invited", "attended", "reacted", *membership)
    )
    totals = {f.pk: [0, 0, 0, 0, 0] for f in families}
    for was_invited, attended, reacted, *member_of in rows.iterator(chunk_size=5000):
        counts = (1, was_invited, attended, reacted, attended or reacted)
        for family, is_member in zip(families, member_of, strict=True):
            if is_member:
                total = totals[family.pk]
                for i, value in enumerate(counts):
                    total[i] += bool(value)
    return [FamilyCoverage(f, *totals[f.pk]) for f in families]
