"""Forms of the campaign pages and the common-thread overview."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.core.forms import NLDesignFormMixin
from koers.organisations.models import Programme

from .models import SynthesisSettings, Theme


class CampaignMoveForm(NLDesignFormMixin, forms.Form):
    """All members of a campaign to one theme of the same programme."""

    theme = forms.ModelChoiceField(
        label=_("Naar thema"),
        queryset=Theme.objects.none(),
        empty_label=_("Kies een thema"),
        error_messages={
            "required": _("Kies het thema waar de campagne naartoe gaat."),
            "invalid_choice": _("Kies een thema uit de lijst; dit thema bestaat niet (meer)."),
        },
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        # Only themes that still stand: a merged theme holds nothing any more.
        self.fields["theme"].queryset = Theme.objects.active().filter(programme=programme)


class ThreadThresholdForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = SynthesisSettings
        fields = ["common_thread_share"]
        labels = {"common_thread_share": _("Drempel rode draad (% van de families)")}
        help_texts = {
            "common_thread_share": _(
                "Een getal van 50 tot en met 100. Een thema is een rode draad als ten minste dit "
                "deel van de families die inbreng gaven het noemt."
            )
        }
        error_messages = {
            "common_thread_share": {
                "required": _("Vul een percentage in."),
                "invalid": _("Vul een heel getal in, zoals 80."),
                "min_value": _("De drempel is ten minste %(limit_value)s %%."),
                "max_value": _("De drempel is ten hoogste %(limit_value)s %%."),
            }
        }
