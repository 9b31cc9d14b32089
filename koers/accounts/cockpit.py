"""The viewer's next actions on a programme's cockpit (koers.organisations.cockpit): the items
their start page ("Mijn werk") already computes, those of this programme, per app."""

from .work import for_programme, providers, roles


def programme_actions(programme, user) -> dict[str, list]:
    """Per app label, the start-page items of `user`'s roles in `programme`."""
    if not user.is_authenticated:
        return {}
    found: dict[str, list] = {}
    # Each provider reads for the roles it is given: those in this programme only, not the work
    # of every programme of the user filtered afterwards.
    with for_programme(programme.pk):
        if not roles(user):
            return found
        for provide in providers():
            label = provide.__module__.split(".")[1]
            for section in provide(user):
                if section.key and section.key[1] == programme.pk:
                    found.setdefault(label, []).extend(section.items)
    return found
