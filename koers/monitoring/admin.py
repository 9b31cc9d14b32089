"""The functional administrator reads the monitoring's records; reports and plans are
append-only, so nothing here changes or deletes them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import MilestonePlan, ProgressReport, ReportingRound, RoundReminder


@admin.register(ReportingRound)
class ReportingRoundAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "period", "opens_on", "deadline"]
    list_filter = ["programme"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["commitment", "organisation", "round", "number", "is_current", "status"]
    list_filter = ["round__programme", "status", "is_current"]
    list_select_related = ["commitment", "organisation", "round"]
    raw_id_fields = ["commitment", "organisation"]


@admin.register(MilestonePlan)
class MilestonePlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "due_on", "recorded_at"]
    list_filter = ["kind"]


@admin.register(RoundReminder)
class RoundReminderAdmin(ReadOnlyAdmin):
    list_display = ["round", "organisation", "sent_at", "recipients"]
