"""The language a contribution is written in, as a Dutch name: `{{ text|language }}`.

Detected from the text when the page is drawn (koers.text.language: a few microseconds a text),
so it is right for every contribution, also one a person placed in a theme by hand.
"""

from django import template
from django.utils.translation import gettext_lazy as _

from koers.text.language import detect

register = template.Library()

NAMES = {
    "nl": _("Nederlands"),
    "en": _("Engels"),
    "de": _("Duits"),
    "fr": _("Frans"),
    "es": _("Spaans"),
    "it": _("Italiaans"),
    "pt": _("Portugees"),
    "pl": _("Pools"),
    "da": _("Deens"),
    "sv": _("Zweeds"),
}


@register.filter(name="language")
def language_filter(text: str) -> str:
    return str(NAMES.get(detect(text), _("onbekend")))
