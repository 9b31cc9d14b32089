from django import forms
from django.utils.translation import gettext_lazy as _

from koers.core.forms import NLDesignFormMixin

from .constants import AdoptionState, Kind
from .models import Facility, FacilityAdoption, Family


class RegisterFilterForm(NLDesignFormMixin, forms.Form):
    zoek = forms.CharField(label=_("Zoeken op naam of code"), required=False, max_length=100)
    familie = forms.ModelChoiceField(
        label=_("Familie"),
        queryset=Family.objects.none(),
        required=False,
        empty_label=_("Alle families"),
    )
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Kind.choices]
    )
    peildatum = forms.DateField(
        label=_("Geldig op"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("Bijvoorbeeld 2015-06-26. Leeg: vandaag."),
        widget=forms.DateInput(attrs={"autocomplete": "off"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2015-06-26.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        families = Family.objects.select_related("programme").order_by(
            "programme__name", "position"
        )
        self.fields["familie"].queryset = families
        self.fields["familie"].label_from_instance = lambda f: f"{f.programme.name}: {f.name}"


class AdoptionForm(NLDesignFormMixin, forms.ModelForm):
    facility = forms.ModelChoiceField(label=_("Voorziening"), queryset=Facility.objects.all())

    class Meta:
        model = FacilityAdoption
        fields = ["facility", "state", "date", "note"]
        labels = {"state": _("Stand"), "date": _("Datum"), "note": _("Toelichting")}
        widgets = {"date": forms.DateInput(attrs={"autocomplete": "off"}, format="%Y-%m-%d")}
        error_messages = {
            "date": {"invalid": _("Vul een datum in als JJJJ-MM-DD.")},
        }

    state = forms.ChoiceField(label=_("Stand"), choices=AdoptionState.choices)
