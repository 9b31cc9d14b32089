"""A person's own start page ("Mijn werk"): what waits for them in each of their roles.

The register and the accounts come before the stages of the cycle, so they import none of them.
Each later app that has work for people names a function in its AppConfig (`my_work`, a dotted
path); it is called with the user and returns `Section`s built from that app's own QuerySets and
permissions. Sections with the same `key` (one role in one programme) are shown as one, so the
office sees its moderation queue, its open input and its next meeting together.

A provider reads its data for all of the user's programmes at once (grouped counts, one query
per kind of thing), so the page costs the same for one programme as for ten.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.core.hooks import app_hooks

from .models import Role, RoleKind


@dataclass
class Item:
    """One line of a section: a link, with how many things wait there, and a short detail."""

    text: str
    url: str
    count: int | None = None
    detail: str = ""


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    # Sections with the same key are one role in one programme, shown together.
    key: tuple = ()


# The programme whose cockpit asks for its viewer's work (koers.accounts.cockpit): while it is
# set, `roles` gives the roles in that programme only, so every provider reads and counts that
# programme alone instead of all the user's programmes.
_programme: ContextVar[int | None] = ContextVar("koers_work_programme", default=None)


@contextmanager
def for_programme(programme_id: int):
    """The providers, called within, see the user's roles in one programme only."""
    token = _programme.set(programme_id)
    try:
        yield
    finally:
        _programme.reset(token)


def roles(user, *kinds: str) -> list[Role]:
    """The user's roles of `kinds` (all when none), with their programme, family and
    organisation, in one programme within `for_programme`; read once per request whichever
    provider asks first."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_koers_work_roles", None)
    if cached is None:
        cached = list(
            Role.objects.filter(user=user)
            .select_related("programme", "family", "organisation")
            .order_by("programme__name", "programme_id", "kind", "pk")
        )
        user._koers_work_roles = cached
    scope = _programme.get()
    return [
        role
        for role in cached
        if (not kinds or role.kind in kinds) and (scope is None or role.programme_id == scope)
    ]


def _key(role: Role) -> tuple:
    return (role.kind, role.programme_id, role.family_id, role.organisation_id)


def role_section(role: Role, items: list[Item]) -> Section:
    """A section for one role: its title names the role, its scope and the programme."""
    programme = role.programme.name
    if role.kind == RoleKind.OFFICE:
        title = _("Programmabureau van %(programme)s") % {"programme": programme}
    elif role.kind == RoleKind.COORDINATOR:
        title = _("Familiecoördinator van %(family)s in %(programme)s") % {
            "family": role.family.name if role.family else "",
            "programme": programme,
        }
    elif role.kind == RoleKind.CONTRIBUTOR:
        title = _("Bijdrager namens %(organisation)s in %(programme)s") % {
            "organisation": role.organisation.official_name if role.organisation else "",
            "programme": programme,
        }
    elif role.kind == RoleKind.COUNCIL_MEMBER:
        title = _("Lid van de regieraad van %(programme)s") % {"programme": programme}
    else:
        title = _("Meelezer bij %(programme)s") % {"programme": programme}
    return Section(title=title, items=items, key=_key(role))


def providers() -> list:
    """The `my_work` functions of the apps, in the order of the cycle (INSTALLED_APPS)."""
    return app_hooks("my_work")


def my_work(user) -> list[Section]:
    """Every section with something in it, those of one role in one programme merged, in the
    order of the user's roles."""
    merged: dict[tuple, Section] = {}
    order: list[Section] = []
    for provide in providers():
        for section in provide(user):
            if not section.items:
                continue
            held = merged.get(section.key) if section.key else None
            if held is None:
                section = Section(section.title, list(section.items), section.key)
                order.append(section)
                if section.key:
                    merged[section.key] = section
            else:
                held.items.extend(section.items)
    rank = {_key(role): position for position, role in enumerate(roles(user))}
    return sorted(order, key=lambda section: rank.get(section.key, len(rank)))


def counted_sections(office: list[Role], rows, text: str, url_name: str) -> list[Section]:
    """For each role in `office`, a section with one line: how many of `rows` (a QuerySet with a
    `programme_id`) belong to its programme, linked to `url_name` of that programme; none where
    nothing waits. One grouped query for all the programmes."""
    waiting = dict(
        rows.filter(programme_id__in=[role.programme_id for role in office])
        .order_by()
        .values_list("programme_id")
        .annotate(n=Count("pk"))
        .values_list("programme_id", "n")
    )
    return waiting_sections(office, waiting, text, url_name)


def waiting_sections(
    office: list[Role], waiting: dict[int, int], text: str, url_name: str
) -> list[Section]:
    """As `counted_sections`, from counts already made ({programme id: how many})."""
    return [
        role_section(role, [Item(text, reverse(url_name, args=[role.programme.slug]), count)])
        for role in office
        if (count := waiting.get(role.programme_id, 0))
    ]
