"""Forms of the synthesis pages: starting a run and curating themes.

Field names are English: they are posted, not shown in the address bar (CONTRIBUTING.md).
The services judge whether a curation makes sense (CurationRefused); the forms only check what
was typed, so that the same refusal reads the same on every page.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koers.core.forms import NLDesignFormMixin
from koers.core.numbers import ModelIdsChoiceField, parse_positive_int
from koers.text.embeddings import is_available as embeddings_available

from .constants import RunMode
from .models import Theme

MAX_THEMES = 100


class RunForm(NLDesignFormMixin, forms.Form):
    mode = forms.ChoiceField(
        label=_("Wat moet de analyse doen?"),
        choices=RunMode.choices,
        initial=RunMode.FULL,
        error_messages={"invalid_choice": _("Kies een van de mogelijkheden.")},
    )
    theme_count = forms.IntegerField(
        label=_("Aantal thema's (niet verplicht)"),
        required=False,
        min_value=2,
        max_value=MAX_THEMES,
        help_text=_("Leeg: de analyse kiest zelf. Alleen bij het opnieuw analyseren van alles."),
        error_messages={
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Kies ten minste 2 thema's."),
            "max_value": _("Kies ten hoogste %(limit_value)s thema's."),
        },
    )
    # Themes are formed by meaning unless the office asks for the fast analysis on words.
    lexical = forms.BooleanField(
        label=_("Snelle analyse op woorden in plaats van op betekenis"),
        required=False,
        help_text=_(
            "Voor zeer grote aantallen (honderdduizenden bijdragen): enkele keren sneller, "
            "maar inbreng in andere woorden of in een andere taal komt minder goed bij elkaar. "
            "Alleen bij het opnieuw analyseren van alles."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not embeddings_available():
            del self.fields["lexical"]

    def by_meaning(self) -> bool:
        """Whether the run groups by meaning: the default, where the model is installed."""
        return embeddings_available() and not self.cleaned_data.get("lexical", False)


class RenameForm(NLDesignFormMixin, forms.Form):
    label = forms.CharField(
        label=_("Nieuwe naam"),
        max_length=200,
        error_messages={
            "required": _("Geef het thema een naam."),
            "max_length": _("Houd de naam korter dan %(limit_value)s tekens."),
        },
    )


class _ThemeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.label


class _ThemesChoice(ModelIdsChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.label


def _other_themes(theme: Theme):
    """The programme's other themes that still stand, the place a curation can lead to."""
    return Theme.objects.active().filter(programme_id=theme.programme_id).exclude(pk=theme.pk)


class MergeForm(NLDesignFormMixin, forms.Form):
    themes = _ThemesChoice(
        label=_("Thema's die in dit thema opgaan"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies ten minste één thema om samen te voegen."),
            "invalid_choice": _("Dat thema bestaat niet (meer); kies opnieuw."),
            "invalid_pk_value": _("Dat thema bestaat niet (meer); kies opnieuw."),
        },
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        # "Overig" is never folded into another theme: its input is moved out one by one.
        self.fields["themes"].queryset = _other_themes(theme).filter(is_other=False)


class _IdsField(forms.Field):
    """Contribution numbers ticked in the table (any number of them, as whole numbers)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        ids = [parse_positive_int(v) for v in value]
        if None in ids:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return sorted(set(ids))


class MoveForm(NLDesignFormMixin, forms.Form):
    """Move ticked contributions to another theme, or split them off into a new one."""

    contributions = _IdsField(
        label=_("Gekozen inbreng"),
        error_messages={
            "required": _("Kies de inbreng die u wilt verplaatsen."),
            "invalid": _("Kies de inbreng met de vakjes in de tabel."),
        },
    )
    target = _ThemeChoice(
        label=_("Naar het thema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("— kies een thema —"),
        error_messages={"invalid_choice": _("Dat thema bestaat niet (meer); kies opnieuw.")},
    )
    new_label = forms.CharField(
        label=_("Of: naam van een nieuw thema"),
        required=False,
        max_length=200,
        help_text=_("Met een naam hier wordt de gekozen inbreng een nieuw thema (afsplitsen)."),
        error_messages={"max_length": _("Houd de naam korter dan %(limit_value)s tekens.")},
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme = theme
        self.fields["target"].queryset = _other_themes(theme)

    def clean_contributions(self) -> list[int]:
        ids = self.cleaned_data["contributions"]
        # Only input that is in this theme now: a stale page must not move other input.
        present = list(
            self.theme.assignments.filter(contribution_id__in=ids).values_list(
                "contribution_id", flat=True
            )
        )
        if not present:
            raise ValidationError(
                _("De gekozen inbreng staat niet (meer) in dit thema."), code="gone"
            )
        return sorted(present)

    def clean(self):
        data = super().clean()
        target, label = data.get("target"), (data.get("new_label") or "").strip()
        if "target" in self.errors or "new_label" in self.errors:
            return data
        if target and label:
            self.add_error(
                "new_label", _("Kies een bestaand thema óf geef een nieuwe naam, niet allebei.")
            )
        elif not target and not label:
            self.add_error(
                "target", _("Kies een thema, of geef hieronder een naam voor een nieuw thema.")
            )
        data["new_label"] = label
        return data


class ThreadForm(NLDesignFormMixin, forms.Form):
    YES, NO, MACHINE = "ja", "nee", "analyse"
    decision = forms.ChoiceField(
        label=_("Is dit thema een rode draad?"),
        choices=[
            (YES, _("Ja, markeer het als rode draad")),
            (NO, _("Nee, het is geen rode draad")),
            (MACHINE, _("Laat het aan de analyse over")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een van de mogelijkheden."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )

    @classmethod
    def initial_for(cls, theme: Theme) -> str:
        return {True: cls.YES, False: cls.NO, None: cls.MACHINE}[theme.common_thread_decision]

    def common_thread(self) -> bool | None:
        return {self.YES: True, self.NO: False, self.MACHINE: None}[self.cleaned_data["decision"]]
