from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElaborationConfig(AppConfig):
    name = "koers.elaboration"
    label = "elaboration"
    # What waits for people on their start page ("Mijn werk", koers.accounts.work).
    my_work = "koers.elaboration.work.my_work"
    # Its stage on the programme's cockpit (koers.organisations.cockpit).
    programme_cockpit = "koers.elaboration.cockpit.programme_cockpit"
    verbose_name = _("Uitwerking")
    # The section on an organisation's page in the register (koers.organisations.views).
    organisation_links = "elaboration/organisation_links.html"

    def ready(self):
        from .services import connect_signals

        # Contributors are mailed when a version is adopted and elaboration opens.
        connect_signals()
