"""What every page of Koers's admin (/beheer/) shares: a model's history in Dutch.

django-simple-history's admin pages have no Dutch translation, and their titles, buttons, column
headers and kinds of change ("Created", "Changed") would show in English in a Dutch admin. The
admin classes of Koers derive from `HistoryAdmin`, which gives those pages Dutch titles and
templates (koers/templates/admin/history/) and shows the changed values as the rest of the admin
does: a choice by its label, yes and no, a Dutch date, a dash for nothing.
"""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


class _DutchValues(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "j F Y H:i")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "j F Y")
        return value


class HistoryAdmin(SimpleHistoryAdmin):
    # A link typed without its scheme is taken as https, as the forms of Koers take it (and
    # as Django takes it from version 6 on).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    object_history_template = "admin/history/object_history.html"
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"

    def history_view_title(self, request, obj):
        return _("Geschiedenis van %s") % obj

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("Eerdere versie van %s bekijken") % obj
        return _("Eerdere versie van %s terugzetten") % obj

    def get_historical_record_context_helper(self, request, historical_record):
        return _DutchValues(self.model, historical_record)
