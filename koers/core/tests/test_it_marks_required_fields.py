from django import forms

from ..forms import NLDesignFormMixin


class ReactionForm(NLDesignFormMixin, forms.Form):
    text = forms.CharField(widget=forms.Textarea)
    stance = forms.ChoiceField(
        choices=[("eens", "eens"), ("zorg", "zorg")], widget=forms.RadioSelect
    )
    note = forms.CharField(required=False)


def test_it_leaves_empty_required_fields_unpainted_but_announced():
    html = str(ReactionForm())
    # No `required` attribute: the design system would style the empty field :invalid at once.
    assert " required" not in html
    assert 'aria-required="true"' in str(ReactionForm()["text"])
    assert "aria-required" not in str(ReactionForm()["stance"])
    assert "aria-required" not in str(ReactionForm()["note"])


def test_it_still_refuses_an_empty_required_field_on_the_server():
    form = ReactionForm(data={"text": "", "stance": "eens"})
    assert not form.is_valid()
    assert 'aria-invalid="true"' in str(form["text"])
