from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynthesisConfig(AppConfig):
    name = "koers.synthesis"
    label = "synthesis"
    verbose_name = _("Synthese")
    # The section of links this stage adds to the programme page.
    programme_links = "synthesis/programme_links.html"
    # What waits for people on their start page ("Mijn werk", koers.accounts.work).
    my_work = "koers.synthesis.work.my_work"
    # Its stage on the programme's cockpit (koers.organisations.cockpit).
    programme_cockpit = "koers.synthesis.cockpit.programme_cockpit"
    # Its part of a contribution's story on the contribution's page (koers.consultation.story).
    contribution_story = "koers.synthesis.story.contribution_story"
    # Its filters of the contribution list (koers.consultation.filters).
    contribution_filters = "koers.synthesis.filters.contribution_filters"

    def ready(self):
        from koers.core.signals import recovering

        from .services import fail_stale_runs_on_recovery
        from .tally import connect_signals

        connect_signals()  # every saved contribution, assignment and disposition is counted

        # Every task worker looks for runs whose worker died (koers.core.workers.recover).
        recovering.connect(fail_stale_runs_on_recovery, dispatch_uid="synthesis-stale-runs")
