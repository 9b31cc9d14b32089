from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftingConfig(AppConfig):
    name = "koers.drafting"
    label = "drafting"
    verbose_name = _("Agendatekst")
    # Its part of a contribution's story on the contribution's page (koers.consultation.story).
    contribution_story = "koers.drafting.story.contribution_story"

    def ready(self):
        from koers.agenda.signals import text_moved

        from .services import record_text_move

        # In a version based on another, a change of order is part of the trace.
        text_moved.connect(record_text_move, dispatch_uid="drafting-trace-moves")
