"""Accounts, roles and login lockouts in the admin, in Dutch.

Django's user and group pages are translated by Django itself, except the permissions, which
Django stores with English names ("Can add rol"): here they are named in Dutch and limited to the
models the admin manages. django-axes's pages, which have no Dutch translation, give way to one
page of failed logins (`LoginAttempt`); its logs of logins and failures are not kept
(settings.AXES_DISABLE_ACCESS_LOG), so their pages go. The task queue of django-tasks-db is the
operator's, not the functional administrator's: `koers db_worker` and the health check show it.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from koers.core.admin import HistoryAdmin

from .models import LoginAttempt, Role

# What a permission allows, by the start of its code name (Django's four for every model).
ACTIONS = {
    "add": _("toevoegen"),
    "change": _("wijzigen"),
    "delete": _("verwijderen"),
    "view": _("bekijken"),
}


def permission_label(permission) -> str:
    """ "Organisaties | organisatie | wijzigen" for Django's "Can change organisatie"."""
    action = ACTIONS.get(permission.codename.split("_", 1)[0])
    return f"{permission.content_type} | {action}" if action else str(permission)


class PermissionsInDutch:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            managed = ContentType.objects.get_for_models(
                *self.admin_site._registry, for_concrete_models=False
            )
            field.queryset = field.queryset.filter(content_type__in=managed.values())
            field.label_from_instance = permission_label
        return field


for model in (get_user_model(), Group, AccessAttempt, AccessLog, AccessFailureLog, DBTaskResult):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(get_user_model())
class KoersUserAdmin(PermissionsInDutch, UserAdmin):
    add_form_template = "admin/accounts/user_add_form.html"


@admin.register(Group)
class KoersGroupAdmin(PermissionsInDutch, GroupAdmin):
    pass


@admin.register(Role)
class RoleAdmin(HistoryAdmin):
    list_display = ["user", "programme", "kind", "family", "organisation"]
    list_filter = ["programme", "kind"]
    list_select_related = ["user", "programme", "family", "organisation"]
    autocomplete_fields = ["user", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


class LockedOutFilter(admin.SimpleListFilter):
    title = _("geblokkeerd")
    parameter_name = "geblokkeerd"

    def lookups(self, request, model_admin):
        return [("ja", _("ja")), ("nee", _("nee"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
        if self.value() == "nee":
            return queryset.filter(failures_since_start__lt=settings.AXES_FAILURE_LIMIT)
        return queryset


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    """Read only; deleting an attempt lifts its lockout at once."""

    list_display = ["last_attempt", "user_name", "address", "failures", "state"]
    list_filter = [LockedOutFilter]
    search_fields = ["username", "ip_address"]
    fields = ["user_name", "address", "failures", "state", "last_attempt", "page", "browser"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("laatste poging"), ordering="attempt_time")
    def last_attempt(self, attempt):
        return attempt.attempt_time

    @admin.display(description=_("gebruikersnaam"), ordering="username")
    def user_name(self, attempt):
        return attempt.username

    @admin.display(description=_("IP-adres"), ordering="ip_address")
    def address(self, attempt):
        return attempt.ip_address

    @admin.display(description=_("mislukte pogingen"), ordering="failures_since_start")
    def failures(self, attempt):
        return attempt.failures_since_start

    @admin.display(description=_("stand"))
    def state(self, attempt):
        left = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        if left <= 0:
            return _("geblokkeerd")
        return ngettext("nog %(n)d poging", "nog %(n)d pogingen", left) % {"n": left}

    @admin.display(description=_("pagina"))
    def page(self, attempt):
        return attempt.path_info

    @admin.display(description=_("browser"))
    def browser(self, attempt):
        return attempt.user_agent
