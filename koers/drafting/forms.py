"""Forms of the structured agenda and of the trace (why a change is made)."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.consultation.models import Contribution
from koers.core.forms import NLDesignFormMixin
from koers.core.numbers import ASCII_NUMBER, ModelIdsChoiceField, parse_positive_int, positive_ints
from koers.organisations.models import Facility, Family, Organisation
from koers.synthesis.models import Theme

# How many contributions a search on the form offers at most.
SEARCH_LIMIT = 20


def _unclass(field: forms.Field) -> None:
    # A checkbox list is not a text box: NLDesignFormMixin gave it the text box class.
    field.widget.attrs.pop("class", None)


def organisations_from_codes(text: str) -> list[Organisation]:
    """Organisations named by their register codes, separated by commas, semicolons or spaces,
    in the order given; an unknown code is an error that names it."""
    codes = list(dict.fromkeys(c for c in re.split(r"[\s,;]+", text or "") if c))
    if not codes:
        return []
    match = Q()
    for code in codes:
        match |= Q(code__iexact=code)
    found = {o.code.lower(): o for o in Organisation.objects.filter(match)}
    unknown = [c for c in codes if c.lower() not in found]
    if unknown:
        raise forms.ValidationError(_("Onbekende code: %(codes)s.") % {"codes": ", ".join(unknown)})
    return list({found[c.lower()].pk: found[c.lower()] for c in codes}.values())


class TraceForm(NLDesignFormMixin, forms.Form):
    """Why a change is made, and which input and themes caused it.

    Contributions are chosen by number, or found with a search and ticked; the search is a
    submit button of the same form, so the page works without JavaScript and keeps the input.
    """

    summary = forms.CharField(
        label=_("Waarom verandert dit?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt in de herkomst van deze versie en in de reactienota."),
    )
    contributions = ModelIdsChoiceField(
        label=_("Inbreng"),
        queryset=Contribution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contribution_ids = forms.CharField(
        label=_("Nummers van inbreng"),
        required=False,
        help_text=_("Bijvoorbeeld: 12, 40 57. Gescheiden door komma's of spaties."),
    )
    query = forms.CharField(label=_("Zoek inbreng op tekst"), required=False)
    themes = ModelIdsChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, version: AgendaVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["contributions"].queryset = Contribution.objects.filter(
            programme_id=version.programme_id
        )
        self.fields["themes"].queryset = Theme.objects.active().filter(
            programme_id=version.programme_id
        )
        _unclass(self.fields["contributions"])
        _unclass(self.fields["themes"])

    def clean_contribution_ids(self) -> list[int]:
        # ASCII digits only: \d also matches other scripts' digits, which nobody types as a
        # number here. A number too large to be an id is simply an unknown one.
        typed = list(dict.fromkeys(ASCII_NUMBER.findall(self.cleaned_data["contribution_ids"])))
        if not typed:
            return []
        ids = sorted(positive_ints(typed))
        found = set(
            Contribution.objects.filter(
                programme_id=self.version.programme_id, pk__in=ids
            ).values_list("pk", flat=True)
        )
        unknown = [n for n in typed if parse_positive_int(n) not in found]
        if unknown:
            raise forms.ValidationError(
                _("Dit programma heeft geen inbreng met nummer %(ids)s.")
                % {"ids": ", ".join(unknown)}
            )
        return ids

    def clean(self):
        data = super().clean()
        chosen = list(data.get("contributions") or [])
        extra = set(data.get("contribution_ids") or []) - {c.pk for c in chosen}
        if extra:
            chosen += list(Contribution.objects.filter(pk__in=extra))
        data["contributions"] = chosen
        return data

    def trace(self) -> dict:
        """The keyword arguments of the services' traced writes."""
        return {
            "summary": self.cleaned_data["summary"],
            "contributions": self.cleaned_data["contributions"],
            "themes": list(self.cleaned_data["themes"]),
        }

    def chosen_ids(self) -> set[int]:
        """The contributions ticked or typed so far, valid or not, to keep them ticked."""
        ids = set()
        if self.is_bound:
            ids |= positive_ints(self.data.getlist("contributions"))
            ids |= positive_ints(ASCII_NUMBER.findall(self.data.get("contribution_ids", "")))
        return ids

    def contribution_options(self) -> list[Contribution]:
        """What the form offers to tick: the ones chosen so far, then the search results."""
        chosen = self.chosen_ids()
        options = list(
            Contribution.objects.filter(programme_id=self.version.programme_id, pk__in=chosen)
            .select_related("family")
            .order_by("pk")
        )
        query = (self.data.get("query", "") if self.is_bound else "").strip()
        if query:
            found = (
                Contribution.objects.filter(programme_id=self.version.programme_id)
                .search(query)
                .exclude(pk__in=chosen)
                .select_related("family")
                .order_by("-submitted_at", "-pk")[:SEARCH_LIMIT]
            )
            options += list(found)
        for option in options:
            option.is_chosen = option.pk in chosen
        return options


class StepForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Step
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"description": _("In Markdown.")}


class MainActivityForm(NLDesignFormMixin, forms.ModelForm):
    """A main activity; the model's clean() checks the deadline, the family and the step."""

    responsible_codes = forms.CharField(
        label=_("Verantwoordelijke organisaties"),
        required=False,
        help_text=_("Codes uit het organisatieregister, bijvoorbeeld: gm0344, oin-logius."),
    )

    class Meta:
        model = MainActivity
        fields = [
            "step",
            "family",
            "title",
            "description",
            "intended_outcome",
            "deadline",
            "facilities",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "intended_outcome": forms.Textarea(attrs={"rows": 3}),
            "facilities": forms.CheckboxSelectMultiple,
        }
        labels = {"step": _("Stap"), "family": _("Familie")}
        help_texts = {
            "description": _("In Markdown."),
            "deadline": _("Bijvoorbeeld 31-12-2017; niet later dan de deadline van het programma."),
        }

    def __init__(self, *args, version: AgendaVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.version = version
        self.fields["step"].queryset = Step.objects.filter(version=version).order_by(
            "position", "pk"
        )
        self.fields["step"].empty_label = None
        self.fields["family"].queryset = Family.objects.filter(programme_id=version.programme_id)
        self.fields["family"].empty_label = None
        self.fields["facilities"].queryset = Facility.objects.all()
        self.fields["facilities"].required = False
        _unclass(self.fields["facilities"])
        # Also when bound: what was stored is what a save over a newer version is checked against.
        if self.instance.pk:
            self.initial["responsible_codes"] = ", ".join(
                o.code for o in self.instance.responsible.order_by("code")
            )

    def clean_responsible_codes(self) -> list[Organisation]:
        return organisations_from_codes(self.cleaned_data["responsible_codes"])


class ParagraphTracedForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Paragraph
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"text": _("In Markdown.")}


class ParagraphAddTracedForm(NLDesignFormMixin, forms.ModelForm):
    """A new paragraph in a traced version: its text and the families it is meant for."""

    class Meta:
        model = Paragraph
        fields = ["text", "families"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "families": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "text": _("In Markdown."),
            "families": _("Laat leeg als de alinea voor iedereen is."),
        }

    def __init__(self, *args, version: AgendaVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["families"].queryset = Family.objects.filter(programme_id=version.programme_id)
        self.fields["families"].required = False
        _unclass(self.fields["families"])


class SectionTracedForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]


class CompareForm(forms.Form):
    """Which two versions to compare; the choices are the versions the reader may see."""

    van = forms.TypedChoiceField(label=_("Van versie"), coerce=int)
    naar = forms.TypedChoiceField(label=_("Naar versie"), coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        for name in ("van", "naar"):
            self.fields[name].choices = choices
            self.fields[name].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
