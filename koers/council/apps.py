from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "koers.council"
    label = "council"
    verbose_name = _("Regieraad")
    # The section of links this stage adds to the programme page.
    programme_links = "council/programme_links.html"
    # What waits for people on their start page ("Mijn werk", koers.accounts.work).
    my_work = "koers.council.work.my_work"
    # Its stage on the programme's cockpit (koers.organisations.cockpit).
    programme_cockpit = "koers.council.cockpit.programme_cockpit"
