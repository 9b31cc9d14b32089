from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}

# The browser's date picker, with the value in the one format the browser reads (ISO). A browser
# without a picker shows a text box: the field then accepts what people type in Dutch
# (31-12-2017, 31-12-2017 17:00) as well, and gives back what was typed next to the error.
PICKERS = [
    (forms.DateTimeInput, "datetime-local", "%Y-%m-%dT%H:%M"),
    (forms.DateInput, "date", "%Y-%m-%d"),
]
# What date fields accept and say: the picker's ISO value, and what people type in Dutch. The
# picker shows dd-mm-jjjj, so help and errors give examples in that order.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]
DATE_HELP = _("Kies een datum; u kunt ook typen als 26-06-2015.")
DATETIME_HELP = _(
    "Kies een datum en tijd; u kunt ook typen als 26-06-2015 13:30 (Nederlandse tijd)."
)
DATE_INVALID = _("Vul een datum in als DD-MM-JJJJ, bijvoorbeeld 26-06-2015.")
DATETIME_INVALID = _("Vul datum en tijd in als DD-MM-JJJJ UU:MM, bijvoorbeeld 26-06-2015 13:30.")


class NLDesignFormMixin:
    """Give every widget its NL Design System class and tie errors and help to the field.

    aria-describedby and aria-invalid let screen readers announce what is wrong and where.
    Browsers' own `required` checks are off: the NL Design System styles `:invalid`, which
    would paint every empty required field red before anyone typed, and the server's messages
    say more. aria-required keeps the requirement known to screen readers.
    """

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next(
                (c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind)),
                "utrecht-textbox utrecht-textbox--html-input",
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            for kind, input_type, iso in PICKERS:
                if isinstance(widget, kind):
                    widget.input_type, widget.format = input_type, iso
                    break
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_help"
            # Radio buttons and checkboxes take no aria-required; their group carries it.
            if (
                field.required
                and not getattr(widget, "allow_multiple_selected", False)
                and (not isinstance(widget, forms.RadioSelect | forms.CheckboxInput))
            ):
                widget.attrs["aria-required"] = "true"

    def full_clean(self):
        super().full_clean()
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                field = self.fields[name]
                auto_id = self[name].auto_id
                ids = [f"{auto_id}_help"] if field.help_text else []
                field.widget.attrs["aria-describedby"] = " ".join([*ids, f"{auto_id}_error"])
                field.widget.attrs["aria-invalid"] = "true"


class LoginForm(NLDesignFormMixin, AuthenticationForm):
    pass


def add_errors(error: ValidationError, *forms) -> None:
    """Put each message of a service's refusal on the form that has that field."""
    forms = [f for f in forms if f is not None]
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for name, errors in by_field.items():
        target = next((f for f in forms if name in f.fields), forms[0])
        for message in errors:
            target.add_error(name if name in target.fields else None, message)


def id_filter(label: str) -> forms.TypedChoiceField:
    """A filter on one object chosen by its id; empty filters nothing (None)."""
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None)


def offer_filter_choices(field: forms.ChoiceField, everything: str, choices) -> None:
    """The choices of a filter, after a first one (`everything`) that filters nothing. A value
    that is none of them (typed into an address, tampered with) is refused at the field."""
    field.choices = [("", everything), *((str(value), label) for value, label in choices)]
    field.error_messages["invalid_choice"] = _("Kies een waarde uit de lijst.")


def formfield_with_https(field: models.Field, **kwargs) -> forms.Field | None:
    """A model form's field, a link typed without its scheme taken as https (`Meta.
    formfield_callback`), as Django takes it from version 6 on."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)
