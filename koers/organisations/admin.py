from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.core.admin import HistoryAdmin

from .models import Council, Facility, FacilityAdoption, Family, Organisation, Programme, Succession


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    autocomplete_fields = ["successor"]
    extra = 0


class ValidityFilter(admin.SimpleListFilter):
    """The register holds every organisation since 2000: most of the time one wants today's."""

    title = _("geldigheid")
    parameter_name = "geldig"

    def lookups(self, request, model_admin):
        return [("nu", _("bestaat nu")), ("opgeheven", _("opgeheven"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "nu":
            return queryset.valid_on(today)
        if self.value() == "opgeheven":
            return queryset.filter(valid_until__lt=today)
        return queryset


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["official_name", "code", "kind", "province", "valid_from", "valid_until"]
    list_filter = ["kind", ValidityFilter, "province"]
    list_select_related = ["province"]
    search_fields = ["official_name", "short_name", "abbreviation", "code"]
    autocomplete_fields = ["province"]
    inlines = [SuccessionInline]


class CouncilInline(admin.StackedInline):
    model = Council


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = ["name", "starts_on", "deadline", "is_public", "moderation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CouncilInline]


@admin.register(Family)
class FamilyAdmin(HistoryAdmin):
    list_display = ["name", "programme", "position", "min_staff", "max_staff"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    autocomplete_fields = ["included", "excluded"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "for_citizens", "for_businesses"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FacilityAdoption)
class FacilityAdoptionAdmin(HistoryAdmin):
    list_display = ["organisation", "facility", "state", "date"]
    list_filter = ["facility", "state", "organisation__kind"]
    list_select_related = ["organisation", "facility"]
    autocomplete_fields = ["organisation"]
    search_fields = ["organisation__official_name"]
