from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Role


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "programme", "kind", "family", "organisation"]
    list_filter = ["programme", "kind"]
    autocomplete_fields = ["user", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
