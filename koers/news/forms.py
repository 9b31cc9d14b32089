from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.accounts.models import MailFormat
from koers.core.forms import (
    DATETIME_HELP,
    DATETIME_INPUT_FORMATS,
    DATETIME_INVALID,
    NLDesignFormMixin,
)

from .constants import IMAGE_KINDS, IMAGE_MAX_BYTES, PostState, Publication
from .models import Issue, Post


def _publication_of(post: Post) -> str:
    if post.pk is None or post.state in (PostState.DRAFT, PostState.SUGGESTED):
        return Publication.DRAFT
    return Publication.SCHEDULED if post.is_scheduled else Publication.NOW


class PostForm(NLDesignFormMixin, forms.ModelForm):
    publication = forms.ChoiceField(
        label=gettext_lazy("Publicatie"),
        choices=Publication.choices,
        widget=forms.RadioSelect,
    )
    when = forms.DateTimeField(
        label=gettext_lazy("Verschijnt op"),
        required=False,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=forms.DateTimeInput,
        help_text=DATETIME_HELP,
        error_messages={"invalid": DATETIME_INVALID},
    )
    tags_text = forms.CharField(
        label=gettext_lazy("Onderwerpen"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Gescheiden door komma's, bijvoorbeeld: consultatie, regieraad."),
    )

    class Meta:
        model = Post
        fields = ["title", "summary", "body", "image", "image_alt", "families"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "families": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {}).update(
                {
                    "publication": _publication_of(instance),
                    "when": instance.published_at if instance.is_scheduled else None,
                    "tags_text": ", ".join(t.name for t in instance.tags.all()),
                }
            )
        super().__init__(*args, **kwargs)
        self.fields["families"].queryset = programme.families.order_by("name")
        self.fields["families"].required = False
        self.fields["image"].help_text = _("JPEG, PNG of WebP van hoogstens 5 MB.")

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not image or image == getattr(self.instance, "image", None):
            return image
        name = image.name.lower()
        if not name.endswith(IMAGE_KINDS):
            raise forms.ValidationError(_("Kies een JPEG-, PNG- of WebP-afbeelding."))
        if image.size > IMAGE_MAX_BYTES:
            raise forms.ValidationError(_("De afbeelding is groter dan 5 MB."))
        return image

    def clean(self):
        data = super().clean()
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error(
                "image_alt",
                _("Beschrijf wat op de afbeelding staat, voor wie haar niet ziet."),
            )
        if data.get("publication") == Publication.SCHEDULED:
            when = data.get("when")
            if when is None and "when" not in self.errors:
                self.add_error("when", _("Kies wanneer het bericht verschijnt."))
            elif when is not None and when <= timezone.now():
                self.add_error(
                    "when", _("Kies een moment in de toekomst, of kies 'Nu publiceren'.")
                )
        return data


class SubscriptionForm(forms.Form):
    families = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Families die u volgt"),
        help_text=gettext_lazy("Niets aangevinkt: u ontvangt elke nieuwsbrief van het programma."),
    )
    format = forms.ChoiceField(
        choices=MailFormat.choices, widget=forms.RadioSelect, label=gettext_lazy("Vorm")
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["families"].queryset = programme.families.order_by("name")


class IssueForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["subject", "intro", "posts", "families"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 10}),
            "posts": forms.CheckboxSelectMultiple,
            "families": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        newest = Post.objects.filter(programme=programme).published().newest_first()
        chosen = self.instance.posts.all() if self.instance.pk else Post.objects.none()
        ids = [*newest.values_list("pk", flat=True)[:50], *chosen.values_list("pk", flat=True)]
        self.fields["posts"].queryset = Post.objects.filter(pk__in=ids).newest_first()
        self.fields["posts"].required = False
        self.fields["posts"].help_text = _("De vijftig nieuwste gepubliceerde berichten.")
        self.fields["families"].queryset = programme.families.order_by("name")
        self.fields["families"].required = False
