"""Forms of the structured agenda and of the trace (why a change is made)."""

import re
from functools import cached_property

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.agenda.references import paragraph_choices
from koers.consultation.models import Contribution
from koers.core.forms import NLDesignFormMixin, id_filter, offer_filter_choices
from koers.core.numbers import ASCII_NUMBER, ModelIdsChoiceField, parse_positive_int, positive_ints
from koers.organisations.forms import OrganisationFilterForm
from koers.organisations.models import Facility, Family, Organisation
from koers.synthesis.models import Theme

# How many contributions a search on the form offers at most; the form says how many it found.
SEARCH_LIMIT = 25
# How many organisations a filter of responsible organisations offers at most.
RESPONSIBLE_LIMIT = 50


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

    Contributions are chosen by number, or found with a filter (text, theme, paragraph,
    family) and ticked; the filter's button is a submit button of the same form, so the page
    works without JavaScript and keeps what was typed and ticked.
    """

    # The fields that narrow the contributions offered; any of them filled makes the search
    # button search.
    FILTERS = ("query", "filter_theme", "filter_paragraph", "filter_family")

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
    query = forms.CharField(label=_("Zoek inbreng op tekst"), required=False, max_length=200)
    filter_theme = id_filter(_("Thema"))
    filter_paragraph = id_filter(_("Over alinea"))
    filter_family = id_filter(_("Familie"))
    themes = ModelIdsChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, version: AgendaVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        programme_id = version.programme_id
        self.fields["contributions"].queryset = Contribution.objects.filter(
            programme_id=programme_id
        )
        themes = Theme.objects.active().filter(programme_id=programme_id)
        self.fields["themes"].queryset = themes
        _unclass(self.fields["contributions"])
        _unclass(self.fields["themes"])
        self._paragraphs = list(
            Paragraph.objects.filter(version=version)
            .select_related("section")
            .order_by("section__position", "position", "pk")
        )
        families = Family.objects.filter(programme_id=programme_id).values_list("pk", "name")
        theme_choices = [(t.pk, t.label) for t in themes]
        offer_filter_choices(self.fields["filter_theme"], _("Alle thema's"), theme_choices)
        paragraphs = paragraph_choices(self._paragraphs)
        offer_filter_choices(self.fields["filter_paragraph"], _("Alle alinea's"), paragraphs)
        offer_filter_choices(self.fields["filter_family"], _("Alle families"), families)

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

    def filters(self) -> dict:
        """The filters given and valid; one with an odd value counts as not given (its field
        says why)."""
        if not self.is_bound:
            return {}
        self.is_valid()  # an invalid form keeps its valid fields in cleaned_data
        data = self.cleaned_data
        found = {n: data[n] for n in self.FILTERS if data.get(n) not in (None, "")}
        if "query" in found and not found["query"].strip():
            del found["query"]
        return found

    @cached_property
    def contribution_choice(self) -> dict:
        """What the form offers to tick: the ones chosen so far, and up to SEARCH_LIMIT of
        those the filter finds (the newest first), with how many it found in all."""
        chosen = self.chosen_ids()
        mine = Contribution.objects.filter(programme_id=self.version.programme_id)
        shown = mine.select_related("family", "theme_assignment__theme")
        options = list(shown.filter(pk__in=chosen).order_by("pk"))
        for option in options:
            option.is_chosen = True
        filters = self.filters()
        found, total = [], 0
        if filters:
            matches = self._matching(mine, filters).exclude(pk__in=chosen)
            total = matches.count()
            if total:
                newest = matches.select_related("family", "theme_assignment__theme")
                found = list(newest.order_by("-submitted_at", "-pk")[:SEARCH_LIMIT])
        return {
            "chosen": options,
            "found": found,
            "total": total,
            "is_filtering": bool(filters),
            "is_capped": total > len(found),
        }

    def contribution_options(self) -> list[Contribution]:
        """The ones chosen so far, then what the filter found."""
        choice = self.contribution_choice
        return choice["chosen"] + choice["found"]

    def _matching(self, contributions, filters: dict):
        if "query" in filters:
            contributions = contributions.search(filters["query"])
        if "filter_theme" in filters:
            contributions = contributions.filter(theme_assignment__theme_id=filters["filter_theme"])
        if "filter_family" in filters:
            contributions = contributions.filter(family_id=filters["filter_family"])
        if "filter_paragraph" in filters:
            # Input cites the paragraph of the version it was given on: the same anchor.
            paragraph = next(p for p in self._paragraphs if p.pk == filters["filter_paragraph"])
            cited = Contribution.paragraphs.through.objects.filter(
                paragraph__anchor=paragraph.anchor
            )
            contributions = contributions.filter(pk__in=cited.values("contribution_id"))
        return contributions


class StepForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Step
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"description": _("In Markdown.")}


class MainActivityForm(NLDesignFormMixin, forms.ModelForm):
    """A main activity; the model's clean() checks the deadline, the family and the step.

    Responsible organisations are ticked (the page offers those a filter finds, see
    `responsible_choice`) or typed as register codes; both count.
    """

    responsible = ModelIdsChoiceField(
        label=_("Verantwoordelijke organisaties"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Organisatie %(value)s staat niet in het register.")},
    )
    responsible_codes = forms.CharField(
        label=_("Of vul codes in"),
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
        _unclass(self.fields["responsible"])
        # Only the organisations ticked and stored are choices: the register may hold 100,000,
        # and a conflict page names the choices that differ.
        stored = MainActivity.responsible.through.objects.filter(mainactivity_id=self.instance.pk)
        self.fields["responsible"].queryset = Organisation.objects.filter(
            Q(pk__in=self.ticked_ids()) | Q(pk__in=stored.values("organisation_id"))
        ).order_by("sort_name", "code")
        # Also when bound: what was stored is what a save over a newer version is checked against.
        if self.instance.pk:
            self.initial["responsible"] = list(stored.values_list("organisation_id", flat=True))

    def ticked_ids(self) -> set[int]:
        """The organisations ticked so far, as posted; ids that cannot exist are left out."""
        return positive_ints(self.data.getlist("responsible")) if self.is_bound else set()

    def clean_responsible_codes(self) -> list[Organisation]:
        return organisations_from_codes(self.cleaned_data["responsible_codes"])

    def clean(self):
        data = super().clean()
        ticked = list(data.get("responsible") or [])
        typed = [o for o in data.get("responsible_codes") or [] if o not in ticked]
        data["responsible"] = ticked + typed
        return data

    def responsible_choice(self, finder: OrganisationFilterForm, *, tick_found=False) -> dict:
        """What the page offers to tick: the organisations ticked (or stored) so far, and up to
        RESPONSIBLE_LIMIT current ones the filter `finder` finds, with how many it found."""
        if self.is_bound:
            chosen_ids = self.ticked_ids()
        else:
            chosen_ids = set(self.initial.get("responsible") or ())
        listed = Organisation.objects.select_related("province").order_by("sort_name", "code")
        chosen = list(listed.filter(pk__in=chosen_ids))
        found, total = [], 0
        if finder.is_filtering:
            matches = Organisation.objects.current().filter(finder.matching())
            matches = matches.exclude(pk__in=chosen_ids)
            total = matches.count()
            if total:
                found = list(listed.filter(pk__in=matches.values("pk"))[:RESPONSIBLE_LIMIT])
        if tick_found:
            chosen, found = sorted(chosen + found, key=lambda o: (o.sort_name, o.code)), []
        return {
            "chosen": chosen,
            "found": found,
            "total": total,
            "is_filtering": finder.is_filtering,
            "is_capped": total > len(found) and not tick_found,
        }


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
