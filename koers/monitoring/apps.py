from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "koers.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")
    # The programme page's link section (koers.organisations.views._stage_links).
    programme_links = "monitoring/programme_links.html"
    # What waits for people on their start page ("Mijn werk", koers.accounts.work).
    my_work = "koers.monitoring.work.my_work"
    # Its stage on the programme's cockpit (koers.organisations.cockpit).
    programme_cockpit = "koers.monitoring.cockpit.programme_cockpit"

    def ready(self):
        from .services import connect_signals

        # Baselines freeze at adoption and when a commitment is committed; a changed date of a
        # frozen milestone is recorded as a re-plan.
        connect_signals()
