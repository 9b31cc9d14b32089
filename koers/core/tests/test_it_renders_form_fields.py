"""One include renders every form field the NL Design System way, tied to its help and errors."""

from django import forms
from django.template.loader import render_to_string

from ..forms import NLDesignFormMixin


class ExampleForm(NLDesignFormMixin, forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals in het register.")
    agree = forms.BooleanField(label="Ik ga akkoord")


def render(field):
    return render_to_string("includes/field.html", {"field": field})


def test_it_puts_label_help_and_error_before_a_text_box():
    form = ExampleForm(data={"name": ""})
    form.is_valid()
    html = render(form["name"])

    assert "utrecht-form-field--text utrecht-form-field--invalid" in html
    order = [html.index(s) for s in ("<label", 'id="id_name_help"', 'id="id_name_error"', "<input")]
    assert order == sorted(order)
    assert 'aria-describedby="id_name_help id_name_error"' in html
    assert 'aria-invalid="true"' in html


def test_it_puts_a_checkbox_before_its_label():
    html = render(ExampleForm()["agree"])

    assert "utrecht-form-field--checkbox" in html
    assert html.index('type="checkbox"') < html.index(
        '<label class="utrecht-form-label utrecht-form-label--checkbox" for="id_agree"'
    )
    assert "aria-invalid" not in html
