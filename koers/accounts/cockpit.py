"""The viewer's next actions on a programme's cockpit (koers.organisations.cockpit): the items
their start page ("Mijn werk") already computes, those of this programme, per app."""

from .work import providers


def programme_actions(programme, user) -> dict[str, list]:
    """Per app label, the start-page items of `user`'s roles in `programme`."""
    if not user.is_authenticated:
        return {}
    found: dict[str, list] = {}
    for provide in providers():
        label = provide.__module__.split(".")[1]
        for section in provide(user):
            if section.key and section.key[1] == programme.pk:
                found.setdefault(label, []).extend(section.items)
    return found
