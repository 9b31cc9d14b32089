"""Forms of the elaboration: a commitment with its milestones, and the reminder button."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.core.concurrency import track
from koers.core.forms import (
    DATE_HELP,
    NLDesignFormMixin,
)
from koers.core.numbers import parse_positive_int
from koers.drafting.forms import organisations_from_codes
from koers.organisations.models import Facility, Organisation

from .constants import CommitmentStatus
from .models import Commitment
from .services import MilestoneInput

MILESTONE_ROWS = 3  # empty rows to add milestones without JavaScript


class CommitmentForm(NLDesignFormMixin, forms.ModelForm):
    depends_on_codes = forms.CharField(
        label=_("Afhankelijk van (organisaties)"),
        required=False,
        help_text=_("Codes uit het organisatieregister, bijvoorbeeld: oin-logius, gm0363."),
    )

    class Meta:
        model = Commitment
        fields = ["title", "what", "how", "owner", "status", "facilities", "dependency_note"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 4}),
            "how": forms.Textarea(attrs={"rows": 4}),
            "dependency_note": forms.Textarea(attrs={"rows": 3}),
            "facilities": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "owner": _("Wie in uw organisatie verantwoordelijk is, bijvoorbeeld een afdeling."),
            "facilities": _(
                "Voor elke gekozen voorziening wordt de aansluiting gepland op de datum van de "
                "laatste mijlpaal, tenzij uw organisatie al verder is."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilities"].queryset = Facility.objects.all()
        self.fields["facilities"].required = False
        self.fields["facilities"].widget.attrs.pop("class", None)
        self.fields["status"].choices = CommitmentStatus.choices
        # Also when bound: what was stored is what a save over a newer version is checked against.
        if self.instance.pk:
            self.initial["depends_on_codes"] = ", ".join(
                o.code for o in self.instance.depends_on.order_by("code")
            )

    def clean_depends_on_codes(self) -> list[Organisation]:
        return organisations_from_codes(self.cleaned_data["depends_on_codes"])

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "what": data["what"],
            "how": data["how"],
            "owner": data["owner"],
            "status": data["status"],
            "facilities": list(data["facilities"]),
            "depends_on": data["depends_on_codes"],
            "dependency_note": data["dependency_note"],
        }


class MilestoneForm(NLDesignFormMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Mijlpaal"), max_length=300, required=False)
    due_on = forms.DateField(label=_("Datum"), required=False, help_text=DATE_HELP)
    done_on = forms.DateField(label=_("Gereed op"), required=False)
    DELETE = forms.BooleanField(label=_("Verwijderen"), required=False)

    def clean(self):
        data = super().clean()
        # An empty row is simply not used; a half-filled one asks for the rest.
        if data.get("title") and not data.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", _("Geef de datum van de mijlpaal."))
        if data.get("due_on") and not data.get("title"):
            self.add_error("title", _("Geef de mijlpaal een titel."))
        return data


class BaseMilestoneFormSet(forms.BaseFormSet):
    def milestones(self) -> list[MilestoneInput]:
        found = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("title"):
                continue
            found.append(
                MilestoneInput(data["title"], data["due_on"], data.get("done_on"), data.get("id"))
            )
        return found

    def removed(self) -> list[int]:
        """The shown milestones the person removed (ticked or emptied); only these go."""
        return [
            form.cleaned_data["id"]
            for form in self.forms
            if form.cleaned_data.get("id")
            and (form.cleaned_data.get("DELETE") or not form.cleaned_data.get("title"))
        ]


MilestoneFormSet = forms.formset_factory(
    MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=MILESTONE_ROWS,
    max_num=50,
    validate_max=True,
)


def milestone_formset(request, commitment: Commitment | None) -> BaseMilestoneFormSet:
    initial = []
    if commitment is not None:
        initial = [
            {"id": m.pk, "title": m.title, "due_on": m.due_on, "done_on": m.done_on}
            for m in commitment.milestones.all()
        ]
    formset = MilestoneFormSet(
        request.POST if request.method == "POST" else None, initial=initial, prefix="milestone"
    )
    # Each shown milestone carries the state it was loaded from. A posted row is checked against
    # the milestone it names, not the row at its place: one added meanwhile shifts the places.
    stored = {row["id"]: row for row in initial}
    for form in formset.forms:
        shown = form.data.get(form.add_prefix("id")) if form.is_bound else form.initial.get("id")
        pk = parse_positive_int(shown)
        if pk is not None:
            current = MilestoneForm(initial=stored.get(pk, {"id": pk}), prefix=form.prefix)
            track(form, current)
    return formset


class ReminderForm(forms.Form):
    """Only a button: what is sent follows from the overview, so nothing to fill in."""
