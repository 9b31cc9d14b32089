from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "koers.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from koers.consultation.signals import text_moved, version_copied

        from .services import copy_structure, record_text_move

        version_copied.connect(copy_structure, dispatch_uid="agenda-copy-structure")
        text_moved.connect(record_text_move, dispatch_uid="agenda-trace-moves")

        from .elaboration import connect_signals

        # Contributors are mailed when a version is adopted and elaboration opens.
        connect_signals()
