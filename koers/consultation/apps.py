from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "koers.consultation"
    label = "consultation"
    verbose_name = _("Consultatie")
    # The section of links this stage adds to the programme page.
    programme_links = "consultation/programme_links.html"
    # What waits for people on their start page ("Mijn werk", koers.accounts.work).
    my_work = "koers.consultation.work.my_work"
    # Its stage on the programme's cockpit (koers.organisations.cockpit).
    programme_cockpit = "koers.consultation.cockpit.programme_cockpit"

    def ready(self):
        from . import reactions, voices
        from .search import on_post_migrate

        voices.connect_signals()
        reactions.connect_signals()

        post_migrate.connect(
            on_post_migrate, sender=self, dispatch_uid="consultation-search-triggers"
        )
