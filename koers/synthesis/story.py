"""The synthesis's part of a contribution's story (koers.consultation.story): its theme, its
campaign, and what was decided about it, with the way to process it for who may."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.accounts.work import Item, Section

from .models import Disposition, ThemeAssignment


def contribution_story(user, contribution) -> Section | None:
    programme = contribution.programme
    if not user.has_perm("synthesis.view_synthesis", programme):
        return None
    slug = programme.slug
    items = []
    assignment = (
        ThemeAssignment.objects.select_related("theme", "campaign")
        .filter(contribution=contribution)
        .first()
    )
    if assignment is None:
        items.append(Item(_("Nog niet in een thema ingedeeld."), ""))
    else:
        theme = assignment.theme
        url = reverse("synthesis:theme-detail", args=[slug, theme.pk])
        items.append(Item(_("Thema: %(theme)s") % {"theme": theme.label}, url))
        if assignment.campaign is not None:
            campaign = assignment.campaign
            items.append(
                Item(
                    ngettext(
                        "Campagne %(number)s: %(size)s gelijke tekst",
                        "Campagne %(number)s: %(size)s gelijke teksten",
                        campaign.size,
                    )
                    % {"number": campaign.number, "size": campaign.size},
                    reverse("synthesis:campaign-detail", args=[slug, campaign.pk]),
                )
            )
    dispose = reverse("synthesis:contribution-dispose", args=[slug, contribution.pk])
    disposition = (
        Disposition.objects.select_related("decided_by").filter(contribution=contribution).first()
    )
    if disposition is None:
        items.append(Item(_("Nog niet verwerkt."), ""))
    else:
        when = date_format(localtime(disposition.decided_at), "j F Y")
        items.append(
            Item(
                _("Verwerkt als “%(outcome)s”") % {"outcome": disposition.get_outcome_display()},
                dispose,
                detail=_("%(reason)s (%(who)s, %(when)s)")
                % {"reason": disposition.reason, "who": disposition.decided_by, "when": when},
            )
        )
    if user.has_perm("synthesis.dispose_contributions", programme):
        label = _("Verwerken") if disposition is None else _("Verwerking wijzigen")
        items.append(Item(label, dispose))
    return Section(_("Verwerking"), items)
