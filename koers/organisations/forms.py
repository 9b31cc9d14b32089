from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.core.forms import (
    DATE_HELP,
    DATE_INPUT_FORMATS,
    DATE_INVALID,
    NLDesignFormMixin,
    id_filter,
    offer_filter_choices,
)

from .constants import AdoptionState, Kind, SizeClass
from .countries import country_choices
from .models import Facility, FacilityAdoption, Family, Organisation
from .querysets import province_q, search_q, size_class_q


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
    land = forms.ChoiceField(
        label=_("Land"), required=False, choices=[("", _("Alle landen")), *country_choices()]
    )
    peildatum = forms.DateField(
        label=_("Geldig op"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Kies een datum; u kunt ook typen als 26-06-2015. Leeg: vandaag."),
        widget=forms.DateInput(attrs={"autocomplete": "off"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID},
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
        help_texts = {"date": DATE_HELP}
        error_messages = {
            "date": {"invalid": DATE_INVALID},
        }

    state = forms.ChoiceField(label=_("Stand"), choices=AdoptionState.choices)


class OrganisationFilterForm(NLDesignFormMixin, forms.Form):
    """Narrow a long list of organisations to choose from: by name, family, province and size.

    It is part of the form it narrows (its fields are posted with it), so filtering keeps what
    was ticked. The filter narrows what a page shows, never what was chosen. A value that is none of the
    choices (typed into the address, or tampered with) is refused at its field, and the
    filters that are valid still apply. Without `families` there is no family filter.
    """

    search = forms.CharField(label=_("Zoek op naam of code"), required=False, max_length=100)
    family = id_filter(_("Familie"))
    province = id_filter(_("Provincie"))
    size_class = forms.ChoiceField(
        label=_("Grootteklasse"),
        required=False,
        help_text=_("Naar het aantal inwoners, in de klassen van het CBS."),
    )

    FIELDS = ("search", "family", "province", "size_class")

    def __init__(self, *args, families=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.families = {f.pk: f for f in families or ()}
        if self.families:
            choices = [(pk, f.name) for pk, f in self.families.items()]
            offer_filter_choices(self.fields["family"], _("Alle families"), choices)
        else:
            del self.fields["family"]
        provinces = (
            Organisation.objects.of_kind(Kind.PROVINCE)
            .current()
            .order_by("sort_name")
            .values_list("pk", "short_name")
        )
        offer_filter_choices(self.fields["province"], _("Alle provincies"), provinces)
        offer_filter_choices(self.fields["size_class"], _("Alle grootteklassen"), SizeClass.choices)

    def chosen(self) -> dict:
        """The filters given and valid; an invalid one counts as not given."""
        if not self.is_bound:
            return {}
        self.is_valid()  # an invalid form keeps its valid fields in cleaned_data
        data = self.cleaned_data
        return {n: data[n] for n in self.FIELDS if data.get(n) not in (None, "")}

    @property
    def is_filtering(self) -> bool:
        return bool(self.chosen())

    def matching(self) -> Q:
        """One condition for everything chosen; Q() when nothing is."""
        chosen, q = self.chosen(), Q()
        if "search" in chosen:
            q &= search_q(chosen["search"])
        if "family" in chosen:
            q &= self.families[chosen["family"]].membership_q()
        if "province" in chosen:
            q &= province_q(chosen["province"])
        if "size_class" in chosen:
            q &= size_class_q(chosen["size_class"])
        return q

    def count_choices(self, counts: dict[str, dict]) -> None:
        """Add to each choice how many organisations of the list it holds: {field: {value: n}}."""
        for name, per_value in counts.items():
            if name in self.fields:
                field = self.fields[name]
                field.choices = [
                    (value, f"{label} ({per_value.get(value, 0)})" if value else label)
                    for value, label in field.choices
                ]
