from django.db import models

from koers.organisations.models import Organisation

from .querysets import readable_organisations


class IndicatorQuerySet(models.QuerySet):
    def current(self, day):
        """Per code the latest version valid on `day` (a programme's catalogue on that day)."""
        valid = self.filter(valid_from__lte=day)
        latest = (
            valid.filter(programme=models.OuterRef("programme"), code=models.OuterRef("code"))
            .order_by("-version")
            .values("pk")[:1]
        )
        return valid.filter(pk=models.Subquery(latest))


class ObservationQuerySet(models.QuerySet):
    def with_notes_visible_to(self, user, programme):
        """The observations of `programme` whose note `user` may read: the rule of the progress
        reports (ProgressReport.objects.visible_to). The values themselves are figures, public
        for a public programme."""
        mine = self.filter(indicator__programme=programme)
        allowed = readable_organisations(user, programme)
        if allowed is None:
            return mine
        return mine.filter(organisation__in=Organisation.objects.filter(allowed))
