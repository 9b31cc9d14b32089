"""The public API gives a campaign's representative in the text the public may read: its
approved text, without salutation and signature when published without name."""

from koers.consultation.tests.test_it_shows_no_names_where_none_were_consented import (
    API,
    make_letters,
)

from ..constants import RunMode, RunState
from ..models import Campaign, SynthesisRun


def test_it_gives_a_campaign_its_public_text(world, client):
    _paragraph, anonymous, _named = make_letters(world)
    run = SynthesisRun.objects.create(
        programme=world.programme, mode=RunMode.FULL, state=RunState.DONE
    )
    Campaign.objects.create(
        programme=world.programme,
        run=run,
        number=1,
        representative=anonymous,
        text=anonymous.text,
        size=40,
    )
    [campaign] = client.get(f"{API}/campaigns").json()["results"]
    assert campaign["text"] == "De agenda moet ook aan mensen zonder computer denken."
