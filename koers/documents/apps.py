from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "koers.documents"
    label = "documents"
    # What waits for people on their start page ("Mijn werk", koers.accounts.work).
    my_work = "koers.documents.work.my_work"
    verbose_name = _("Documenten")

    def ready(self):
        from koers.agenda.signals import version_moved

        from . import stored
        from .notify import on_version_moved

        # A concept is published with its response report: tell the reviewers who reacted.
        version_moved.connect(on_version_moved, dispatch_uid="documents-notify-reviewers")
        # An adopted version keeps its documents as they were: store them now.
        version_moved.connect(stored.on_version_moved, dispatch_uid="documents-store-adopted")
