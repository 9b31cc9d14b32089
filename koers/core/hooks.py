"""How an app earlier in the cycle lets the later ones add to its pages.

An app imports only the apps before it (docs/adr/0011-apps-follow-the-cycle.md). Where a page of
an earlier app shows what later stages know (a person's work, a contribution's story, the filters
of the contribution list), the earlier app names an attribute, and each later app that has
something to add sets that attribute on its AppConfig to the dotted path of a function.
"""

from collections.abc import Callable

from django.apps import apps
from django.utils.module_loading import import_string


def app_hooks(attribute: str) -> list[Callable]:
    """The functions the apps name in `attribute`, in the order of the cycle (INSTALLED_APPS)."""
    return [
        import_string(getattr(config, attribute))
        for config in apps.get_app_configs()
        if getattr(config, attribute, "")
    ]
