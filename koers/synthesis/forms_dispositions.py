"""Forms of the processing pages: deciding what was done with input, one by one or in bulk.

Field names are English, as in every posted form, and match the Disposition they fill. The
services refuse what makes no sense (DispositionRefused); the forms check what was typed, with
the same words.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.core.forms import NLDesignFormMixin

from .constants import Outcome


class DispositionForm(NLDesignFormMixin, forms.Form):
    """One decision: the outcome and why."""

    outcome = forms.ChoiceField(
        label=_("Wat is er met de inbreng gedaan?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat er met de inbreng is gedaan."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom is de inbreng zo verwerkt? Deze tekst komt in de reactienota."),
        error_messages={"required": _("Geef een toelichting: waarom is de inbreng zo verwerkt?")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(self.fields["reason"].error_messages["required"])
        return reason


class BulkDispositionForm(DispositionForm):
    """A decision for a whole theme or campaign, leaving out the chosen exceptions."""

    overwrite = forms.BooleanField(
        label=_("Ook losse besluiten overschrijven"),
        required=False,
        help_text=_(
            "Niet aangevinkt: inbreng waarover al één voor één is besloten, houdt dat besluit."
        ),
    )


class SelectionDispositionForm(DispositionForm):
    """The same decision for the open contributions chosen on a page of the list."""

    contributions = forms.TypedMultipleChoiceField(
        label=_("Inbreng"),
        coerce=int,
        error_messages={
            "required": _("Kies ten minste één bijdrage."),
            "invalid_choice": _("Deze bijdrage is niet (meer) open; laad de pagina opnieuw."),
        },
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributions"].choices = [(pk, str(pk)) for pk in choices]
