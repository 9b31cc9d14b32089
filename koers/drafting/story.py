"""The agenda's part of a contribution's story (koers.consultation.story): the changes to the
agenda that cite it, in the versions the reader may open."""

from django.urls import reverse
from django.utils.translation import gettext as _

from koers.accounts.work import Item, Section

from .models import Change


def contribution_story(user, contribution) -> Section | None:
    changes = [
        change
        for change in Change.objects.filter(contributions=contribution)
        .select_related("version__programme")
        .order_by("version__number", "pk")
        if user.has_perm("agenda.view_version", change.version)
    ]
    if not changes:
        return None
    items = [
        Item(
            _("Versie %(number)s: %(kind)s %(action)s")
            % {
                "number": change.version.number,
                "kind": change.get_kind_display(),
                "action": change.get_action_display(),
            },
            reverse(
                "drafting:version-trace",
                args=[change.version.programme.slug, change.version.number],
            )
            + f"#c-{change.pk}",
            detail=change.summary,
        )
        for change in changes
    ]
    return Section(_("Waar het in de agenda landde"), items)
