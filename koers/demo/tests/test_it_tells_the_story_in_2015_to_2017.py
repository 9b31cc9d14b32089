"""The demo tells the programme's story in the dates of 2015–2017, not on the day it was loaded.

Every date and time the demo wrote — creation and change times, history records, analysis runs,
theme assignments, moderation, dispositions, decisions, commitments — lies between the start of
the programme and its deadline, and the pages that show history or dates show no date of today.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import DateField, DateTimeField, Max, Min
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from koers.consultation.models import Contribution
from koers.demo.clock import STORY_APPS
from koers.demo.texts import TZ
from koers.synthesis.models import Theme

from .test_it_shows_dutch_dates import pages, visible_text

FIRST = datetime.date(2015, 1, 1)
LAST = datetime.date(2017, 12, 31)  # the programme's deadline
# Dates that are not the demo's story, and why.
LEFT_AS_THEY_ARE = {
    # The real register: validity periods up to today, and the day it was imported.
    "organisations.Organisation": None,
    "organisations.HistoricalOrganisation": None,
    "organisations.Succession": None,
    # The draft stays open for reactions for 90 days after loading, so anyone can try it.
    "agenda.AgendaVersion": {"consultation_closes_at"},
    "agenda.HistoricalAgendaVersion": {"consultation_closes_at"},
    # A re-plan may move a milestone past the deadline: the slippage the monitoring shows.
    "elaboration.Milestone": {"due_on"},
    "monitoring.MilestonePlan": {"due_on"},
    "monitoring.ReportedMilestone": {"replanned_to"},
}


def _day(value) -> datetime.date:
    return value.astimezone(TZ).date() if isinstance(value, datetime.datetime) else value


def _dated_fields():
    models = [m for label in STORY_APPS for m in apps.get_app_config(label).get_models()]
    for model in [*models, get_user_model()]:
        left = LEFT_AS_THEY_ARE.get(model._meta.label, set())
        if left is None:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, DateField | DateTimeField) and field.name not in left:
                yield model, field.name


@pytest.mark.django_db
def test_it_dates_everything_between_the_start_and_the_deadline(demo):
    outside, checked = [], 0
    for model, name in _dated_fields():
        span = model._base_manager.aggregate(first=Min(name), last=Max(name))
        if span["first"] is None:
            continue
        checked += 1
        first, last = _day(span["first"]), _day(span["last"])
        if first < FIRST or last > LAST:
            outside.append(f"{model._meta.label}.{name}: {first} – {last}")
    assert not outside, "\n".join(outside)
    assert checked > 40  # the history of every kind of row, not only a few fields


@pytest.mark.django_db
def test_it_dates_each_step_in_the_order_of_the_story(demo):
    round_table = demo.round_tables.order_by("starts_at").first()
    planned = round_table.history.order_by("history_date").first().history_date
    assert planned < round_table.starts_at
    assert round_table.history.order_by("history_date").last().history_date > round_table.ends_at
    run = demo.synthesis_runs.order_by("requested_at").first()
    closes = datetime.datetime(2015, 8, 16, tzinfo=TZ)
    assert closes < run.requested_at < run.finished_at
    concept = demo.versions.get(number=2)
    assert run.finished_at < concept.created_at
    # Each contribution is recorded when it came in, or when its file was imported.
    imported = Contribution.objects.filter(programme=demo, import_batch__isnull=False)
    assert imported.exists()
    for contribution in imported.select_related("import_batch")[:200]:
        assert contribution.submitted_at < contribution.import_batch.imported_at
        assert contribution.created_at == contribution.import_batch.imported_at


@pytest.mark.django_db
def test_it_shows_no_date_of_today_on_its_pages(demo):
    today = formats.date_format(timezone.localdate(), "j F Y")
    contribution = Contribution.objects.filter(programme=demo).order_by("pk").first()
    theme = Theme.objects.filter(programme=demo, is_other=False).exclude(label="").first()
    office = [
        theme.get_absolute_url(),
        reverse("synthesis:contribution-dispose", args=[demo.slug, contribution.pk]),
        reverse("elaboration:elaboration-home", args=[demo.slug]),
    ]
    shown = []
    for username, url in [*pages(demo), *(("bureau", url) for url in office)]:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, url
        # The programme page counts its families in today's register, and says so.
        text = visible_text(response.content.decode()).replace(f"aantal leden op {today}", "")
        if today in text:
            shown.append(url)
    assert not shown, f"{today} on {shown}"
