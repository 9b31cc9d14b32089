import datetime

from django.db import models
from django.db.models import Q

from koers.accounts.models import RoleKind
from koers.accounts.work import roles
from koers.organisations.models import Organisation

from .constants import PlanKind


def readable_organisations(user, programme) -> Q | None:
    """The organisations whose progress reports `user` may read in `programme`, as a condition
    on `organisation`: the list form of `monitoring.view_organisation_progress`
    (koers/accounts/rules.py). None means all of them; an empty Q() never occurs (nothing is
    `Q(pk__in=[])`)."""
    if user.has_perm("monitoring.view_all_progress", programme):
        return None
    mine = Q(pk__in=[])
    for role in roles(user, RoleKind.CONTRIBUTOR, RoleKind.COORDINATOR):
        if role.programme_id != programme.pk:
            continue
        if role.kind == RoleKind.CONTRIBUTOR and role.organisation_id:
            mine |= Q(pk=role.organisation_id)
        elif role.kind == RoleKind.COORDINATOR and role.family is not None:
            # Members today, as the rule for one organisation asks.
            members = Organisation.objects.current().filter(role.family.membership_q())
            mine |= Q(pk__in=members.values("pk"))
    return mine


class ReportingRoundQuerySet(models.QuerySet):
    def opened(self, day: datetime.date):
        """Rounds organisations may report in on `day`."""
        return self.filter(opens_on__lte=day)

    def in_order(self):
        return self.order_by("period_ends_on", "period")


class ProgressReportQuerySet(models.QuerySet):
    def current(self):
        """The report that counts for each commitment and round: the latest one."""
        return self.filter(is_current=True)

    def visible_to(self, user, programme):
        """The reports of `programme` whose explanation and evidence `user` may read."""
        mine = self.filter(round__programme=programme)
        allowed = readable_organisations(user, programme)
        if allowed is None:
            return mine
        return mine.filter(organisation__in=Organisation.objects.filter(allowed))


class MilestonePlanQuerySet(models.QuerySet):
    def baselines(self):
        return self.filter(kind=PlanKind.BASELINE)

    def replans(self):
        return self.filter(kind=PlanKind.REPLAN)
