import pytest
from django.db import connection

from ..constants import Channel
from ..models import Contribution
from ..search import TRIGGERS, ensure_search_triggers

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers only")


@pytest.mark.django_db
def test_it_puts_back_triggers_a_table_rebuild_dropped(world):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER consultation_contribution_fts_ai")
    Contribution.objects.create(
        programme=world.programme, channel=Channel.EMAIL, text="Berichtenbox voor waterschappen"
    )
    assert not Contribution.objects.search("berichtenbox").exists()

    assert ensure_search_triggers() == ["consultation_contribution_fts_ai"]

    assert Contribution.objects.search("berichtenbox").count() == 1
    Contribution.objects.create(
        programme=world.programme, channel=Channel.EMAIL, text="Berichtenbox ook voor provincies"
    )
    assert Contribution.objects.search("berichtenbox").count() == 2
    assert ensure_search_triggers() == []
    assert len(TRIGGERS) == 3
