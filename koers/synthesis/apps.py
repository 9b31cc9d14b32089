from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynthesisConfig(AppConfig):
    name = "koers.synthesis"
    label = "synthesis"
    verbose_name = _("Synthese")
