"""Two people on one form of the synthesis: a theme's name and a contribution's disposition.
The later save of an older form answers 409 with both texts and keeps what was typed."""

from django.urls import reverse

from koers.core.tests.stale import assert_refuses_lost_update

from ..constants import Outcome
from ..dispositions import dispose
from ..models import Disposition, Theme

SLUG = "digitaal-2017"


def test_it_refuses_a_stale_theme_name(sorted_input, client_for):
    theme = sorted_input.websites
    page = reverse("synthesis:theme-detail", args=[SLUG, theme.pk])
    action = reverse("synthesis:theme-rename", args=[SLUG, theme.pk])

    def colleague():
        Theme.objects.filter(pk=theme.pk).update(label="Naam van de collega")

    def edit(data):
        data["label"] = "Mijn naam"

    response = assert_refuses_lost_update(
        client_for(sorted_input.world.office),
        page,
        action=action,
        colleague=colleague,
        edit=edit,
        typed="Mijn naam",
        kept=lambda: Theme.objects.get(pk=theme.pk).label == "Naam van de collega",
    )
    # "Take the stored text" leads back to the theme page, which the rename URL is not.
    assert f'href="{page}"' in response.content.decode()


def test_it_refuses_a_disposition_made_meanwhile(sorted_input, client_for):
    office = sorted_input.world.office
    pk = sorted_input.loose_id
    url = reverse("synthesis:contribution-dispose", args=[SLUG, pk])

    def colleague():
        dispose([pk], Outcome.ADOPTED, "Van de collega.", by=office)

    def edit(data):
        data.update(outcome=Outcome.NOT_ADOPTED, reason="Mijn toelichting.")

    assert_refuses_lost_update(
        client_for(office),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn toelichting.",
        kept=lambda: Disposition.objects.get(contribution_id=pk).reason == "Van de collega.",
    )
