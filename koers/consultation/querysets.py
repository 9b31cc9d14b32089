import re

from django.db import connection, models
from django.db.models import Expression, F, Q
from django.db.models.expressions import RawSQL

from koers.core.conditions import Inlined
from koers.organisations.constants import Moderation

from .constants import PUBLIC_CHANNELS, Channel, OrganisationClaim, Publication


def reads_all_visible(user, programme) -> bool:
    """Whether `user` reads every contribution of `programme` that moderation did not hide (and
    those who moderate, the hidden ones too; see `visible_to`): counts kept over all visible
    input (the tally) are then theirs to read."""
    return user.has_perm("consultation.moderate_contribution", programme) or user.has_perm(
        "consultation.view_contributions", programme
    )


# The rule of publication in two parts, each the condition of a partial index of the
# contributions (Contribution.Meta.indexes) and written into a query as the index writes it.
# Visible, and the author consented to publication:
CONSENTED = Q(is_hidden=False) & ~Q(publication=Publication.NONE)
# Approved: not from a public channel, or the office approved a text of it.
APPROVED = ~Q(channel__in=PUBLIC_CHANNELS) | ~Q(published_text="")


class _MatchesDutch(Expression):
    """On PostgreSQL: the contribution's search vector (`text_nl`, a column the migrations add)
    matches `words`, as a condition on the row itself. As `id IN (SELECT id … WHERE text_nl @@
    …)` the database joined the matches with every row of the other conditions: a month and a
    word at a million took 290 ms to count instead of 90."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, words: str, alias: str | None = None):
        super().__init__()
        self.words, self.alias = words, alias

    def resolve_expression(self, query=None, *args, **kwargs):
        if self.alias is not None:
            return self
        return _MatchesDutch(self.words, query.get_initial_alias())

    def relabeled_clone(self, change_map):
        return _MatchesDutch(self.words, change_map.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        column = f"{compiler.quote_name_unless_alias(self.alias)}.text_nl"
        return f"{column} @@ websearch_to_tsquery('dutch', %s)", [self.words]


class ContributionQuerySet(models.QuerySet):
    def visible(self):
        """Not hidden by moderation."""
        return self.filter(is_hidden=False)

    def published(self):
        """What may appear on public pages: visible, the author consented to publication, and
        input from a public channel approved by the office (once, for some text) unless its
        programme moderates afterwards. Show it with `Contribution.public_text`."""
        return self._published(Q(programme__moderation=Moderation.POST))

    def published_in(self, programme):
        """`published()` of one programme's input, with the programme's way of moderating read
        from `programme` instead of joined for every row. Without the join the database reads
        the published input along its own index in the order of a list, where with it (once the
        programme table has planner statistics) SQLite sorted all input."""
        moderated_after = programme.moderation == Moderation.POST
        return self.filter(programme=programme)._published(moderated_after)

    def _published(self, moderated_after: Q | bool):
        """The rule of `published()`; `moderated_after` says (or, as a condition, asks) whether
        the programme publishes a reaction before the office has looked at it."""
        consented = self.filter(Inlined(CONSENTED))
        if moderated_after is True:
            return consented
        if moderated_after is False:
            return consented.filter(Inlined(APPROVED))
        return consented.filter(APPROVED | moderated_after)

    def speaking_for_organisation(self):
        """Input that counts as its organisation's: all of it, except reviewers' reactions
        while nobody confirmed that the reviewer is from that organisation."""
        return self.filter(
            ~Q(channel=Channel.REVIEWER)
            | Q(
                reviewer__organisation_claim=OrganisationClaim.CONFIRMED,
                reviewer__organisation_id=F("organisation_id"),
            )
        )

    def awaiting_moderation(self):
        """The moderation queue: unjudged input from public channels, and anything flagged since
        it was last judged."""
        # Two small sets found through their own indexes (channel; flagged_at), as one UNION.
        # Written as one OR over the columns, or as an OR of two IN, PostgreSQL walks every
        # contribution of the programme instead (4 s at a million).
        unjudged = self.filter(channel=Channel.REVIEWER, moderated_at__isnull=True)
        flagged = self.filter(flagged_at__isnull=False).filter(
            Q(moderated_at__isnull=True) | Q(flagged_at__gt=F("moderated_at"))
        )
        return self.model.objects.filter(
            pk__in=unjudged.order_by().values("pk").union(flagged.order_by().values("pk"))
        )

    def of_programme(self, programme):
        return self.filter(programme=programme)

    def visible_to(self, user, programme):
        """The contributions of `programme` whose text `user` may read: the list form of the rule
        `consultation.view_contribution` (koers/accounts/rules.py). Those who moderate read all,
        hidden input included; council members what moderation did not hide; a reviewer their
        own reactions; everyone the published input of a public programme."""
        mine = self.filter(programme=programme)
        if user.has_perm("consultation.moderate_contribution", programme):
            return mine
        if reads_all_visible(user, programme):
            return mine.visible()
        allowed = mine.published_in(programme) if programme.is_public else mine.none()
        if user.is_authenticated:
            allowed = allowed | mine.filter(reviewer__user=user)
        return allowed

    def search(self, text: str):
        """Full-text search: Dutch stemming on PostgreSQL, prefix matching with FTS5 on SQLite.

        Both run against an index (migrations 0002 and 0007; on PostgreSQL a stored vector
        column, so a row checked for the words is not analysed again), so search stays fast at a
        million rows.
        """
        words = re.findall(r"\w+", text or "")
        if not words:
            return self
        if connection.vendor == "postgresql":
            return self.filter(_MatchesDutch(" ".join(words)))
        if connection.vendor == "sqlite":
            query = " ".join(f'"{w}"*' for w in words)
            ids = RawSQL(
                "SELECT rowid FROM consultation_contribution_fts WHERE consultation_contribution_fts MATCH %s",
                [query],
            )
        else:
            return self.filter(text__icontains=" ".join(words))
        return self.filter(pk__in=ids)
