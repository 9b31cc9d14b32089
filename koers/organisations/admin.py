from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Council, Facility, FacilityAdoption, Family, Organisation, Programme, Succession


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    autocomplete_fields = ["successor"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["official_name", "code", "kind", "valid_from", "valid_until", "staff"]
    list_filter = ["kind"]
    search_fields = ["official_name", "short_name", "abbreviation", "code"]
    autocomplete_fields = ["province"]
    inlines = [SuccessionInline]


class CouncilInline(admin.StackedInline):
    model = Council


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "deadline", "is_public", "moderation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CouncilInline]


@admin.register(Family)
class FamilyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "slug", "min_staff", "max_staff"]
    list_filter = ["programme"]
    autocomplete_fields = ["included", "excluded"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "for_citizens", "for_businesses"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FacilityAdoption)
class FacilityAdoptionAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "facility", "state", "date"]
    list_filter = ["facility", "state"]
    autocomplete_fields = ["organisation"]
    search_fields = ["organisation__official_name"]
