from django.db import models


class ThemeQuerySet(models.QuerySet):
    def active(self):
        """Themes that still stand: not merged into another one."""
        return self.filter(merged_into__isnull=True)

    def of_programme(self, programme):
        return self.filter(programme=programme)


class AssignmentQuerySet(models.QuerySet):
    def by_machine(self):
        return self.filter(assigned_by__isnull=True)

    def by_people(self):
        return self.filter(assigned_by__isnull=False)

    def counted(self):
        """Assignments of input that counts: not hidden by moderation."""
        return self.filter(contribution__is_hidden=False)
