from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "koers.agenda"
    label = "agenda"
    verbose_name = _("Agenda")
    # Where the programme stands in its cycle, on the programme page (koers.organisations.cockpit).
    programme_cockpit = "koers.agenda.cockpit.programme_cockpit"
