"""Forms of the reader-reviewers and the newsletter.

Public forms (sign-up, newsletter, login link) carry two quiet checks against bots: a field
people never see but form-filling programs do fill in, and a signed time stamp of when the form
was shown, because nobody reads and fills in a form within a few seconds. A rejected submission
is shown again with everything typed, and a fresh stamp where the old one was unusable.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.core.forms import NLDesignFormMixin
from koers.organisations.constants import Moderation
from koers.organisations.models import Organisation, Programme

from .constants import Publication, Stance

HONEYPOT = "leave_empty"
STAMP = "shown_at"
_STAMP_SALT = "koers.consultation.form-stamp"
# Enough for a programme's families (Digitaal 2017 has about 1,400 organisations) without
# sending an EU-sized register to every visitor; the search step finds the rest.
DATALIST_LIMIT = 3000


def form_stamp(at: float | None = None) -> str:
    return signing.dumps(time.time() if at is None else at, salt=_STAMP_SALT)


def stamp_age(value: str) -> float | None:
    """Seconds since the form was shown, or None when the stamp is missing or forged."""
    try:
        shown = float(signing.loads(value or "", salt=_STAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - shown


class PublicForm(NLDesignFormMixin, forms.Form):
    leave_empty = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    shown_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[STAMP].initial = form_stamp()
        self._honeypot = ""
        self._stamp = ""
        if self.is_bound:
            self._honeypot = self.data.get(self.add_prefix(HONEYPOT), "")
            self._stamp = self.data.get(self.add_prefix(STAMP), "")
            # What is shown again: the trap emptied (a browser's autofill may have filled it)
            # and a usable stamp, so that a person who was turned away can simply send again.
            data = self.data.copy()
            data[self.add_prefix(HONEYPOT)] = ""
            if stamp_age(self._stamp) is None:
                data[self.add_prefix(STAMP)] = form_stamp()
            self.data = data

    def person_fields(self):
        """The fields a person fills in; the trap and the stamp are rendered on their own."""
        return [self[name] for name in self.fields if name not in (HONEYPOT, STAMP)]

    def clean(self):
        cleaned = super().clean()
        if self._honeypot:
            raise forms.ValidationError(
                _(
                    "Het formulier is niet verstuurd: een verborgen controleveld was ingevuld, "
                    "wat meestal een automatisch programma doet. Controleer uw gegevens en "
                    "verstuur het formulier opnieuw."
                ),
                code="honeypot",
            )
        age = stamp_age(self._stamp)
        if age is None or age < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _(
                    "Het formulier is niet verstuurd: het kwam sneller binnen dan iemand het kan "
                    "invullen. Controleer uw gegevens en verstuur het opnieuw."
                ),
                code="too_fast",
            )
        return cleaned


class EmailForm(PublicForm):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ReviewerSignupForm(PublicForm):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Naam (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_(
            "Zichtbaar bij reacties die u openbaar maakt met naam, en voor de organisatie die "
            "u opgeeft."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisatie (niet verplicht)"),
        max_length=300,
        required=False,
        help_text=_(
            "Typ de naam of code van uw organisatie. De familie van organisaties volgt daaruit."
        ),
        widget=forms.TextInput(attrs={"list": "organisaties", "autocomplete": "off"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Kies uw organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("Ik heb de toestemmingstekst gelezen en ga ermee akkoord."),
        error_messages={"required": _("Zonder uw toestemming kunnen we u niet aanmelden.")},
    )

    field_order = ["email", "name", "organisation_name", "organisation", "consent"]

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.candidates: list[Organisation] = []
        self.fields["organisation"].queryset = Organisation.objects.current()

    def person_fields(self):
        # The choice between organisations is a search step, rendered only when needed.
        return [f for f in super().person_fields() if f.name != "organisation"]

    def datalist(self) -> list[str]:
        """Names offered while typing: current organisations of the programme's families."""
        families = list(self.programme.families.all())
        organisations = Organisation.objects.current()
        if families:
            membership = Q(pk__in=[])
            for family in families:
                membership |= family.membership_q()
            organisations = organisations.filter(membership)
        return list(
            organisations.order_by("sort_name").values_list("official_name", flat=True)[
                :DATALIST_LIMIT
            ]
        )

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("organisation")
        name = (cleaned.get("organisation_name") or "").strip()
        if chosen:
            # Shown again as the only choice, ticked, if another field still needs work.
            self.candidates = [chosen]
            return cleaned
        if not name:
            return cleaned
        current = Organisation.objects.current()
        exact = list(current.filter(Q(official_name__iexact=name) | Q(code__iexact=name))[:2])
        if len(exact) == 1:
            cleaned["organisation"] = exact[0]
            return cleaned
        self.candidates = list(current.search(name).order_by("sort_name", "code")[:20])
        if not self.candidates:
            self.add_error(
                "organisation_name",
                _(
                    "We vinden geen huidige organisatie met “%(name)s”. Controleer de spelling, "
                    "typ een deel van de naam, of laat het veld leeg."
                )
                % {"name": name},
            )
        else:
            self.add_error(
                "organisation",
                _("Meer dan één organisatie past bij “%(name)s”. Kies de jouwe.") % {"name": name},
            )
        return cleaned


PUBLICATION_HELP = {
    Moderation.PRE: _(
        "Een openbare reactie verschijnt op de pagina's van de voorzet nadat het "
        "programmabureau haar heeft bekeken. Een gewijzigde reactie wordt opnieuw bekeken; tot "
        "dan blijft de eerder goedgekeurde tekst staan. Bij een reactie zonder naam laten we "
        "aanhef en ondertekening weg. Een niet-openbare reactie lezen alleen het "
        "programmabureau en de leden van de regieraad."
    ),
    Moderation.POST: _(
        "Een openbare reactie verschijnt meteen op de pagina's van de voorzet, ook na een "
        "wijziging; het programmabureau bekijkt haar daarna en kan haar verbergen. Bij een "
        "reactie zonder naam laten we aanhef en ondertekening weg. Een niet-openbare reactie "
        "lezen alleen het programmabureau en de leden van de regieraad."
    ),
}


class ReactionForm(NLDesignFormMixin, forms.Form):
    stance = forms.ChoiceField(
        label=_("Soort reactie"),
        choices=[(s.value, s.label) for s in (Stance.AGREE, Stance.CONCERN, Stance.SUGGESTION)],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Uw reactie"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    publication = forms.ChoiceField(
        label=_("Mag uw reactie openbaar worden?"),
        choices=Publication.choices,
        widget=forms.RadioSelect,
    )
    # The moment the reaction was loaded for editing; a save that finds a later moment stops
    # instead of overwriting what someone else (another tab, another device) saved meanwhile.
    # The same idea as the token of koers.core.concurrency, so the same name.
    loaded_as = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args, reviewer_has_name: bool = True, moderation: str = Moderation.PRE, **kwargs
    ):
        super().__init__(*args, **kwargs)
        # The promise follows the programme's choice, and what published() then does.
        self.fields["publication"].help_text = PUBLICATION_HELP[Moderation(moderation)]
        if not reviewer_has_name:
            # Without a name in the profile "with name" would publish nothing more than anonymous.
            self.fields["publication"].choices = [
                c for c in Publication.choices if c[0] != Publication.NAMED
            ]
        for name in ("stance", "publication"):
            self.fields[name].widget.attrs["class"] = (
                "utrecht-radio-button utrecht-radio-button--html-input"
            )

    def radio_fields(self):
        return [self["stance"], self["publication"]]


class DeleteAccountForm(NLDesignFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens worden verwijderd."),
        error_messages={"required": _("Vink aan dat u uw account wilt verwijderen.")},
    )
