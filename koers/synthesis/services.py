"""Writes of the synthesis: running the text engine on a programme's input, and curation.

A run proposes; people decide. Every write here records who made it (a person, or the machine
with its run) and why, in the history tables. A run never changes a person's decision: an
assignment a person made keeps its theme, a label a person gave stays, a merged theme stays
merged, and a common-thread decision stays until a person takes it back.
"""

import datetime
import logging
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from typing import NamedTuple

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from simple_history.utils import bulk_create_with_history

from koers.consultation.models import Contribution
from koers.core.bulk import copy_to_history, insert_rows, update_rows
from koers.core.concurrency import assign
from koers.organisations.models import Programme
from koers.text import OTHER, Settings, ThemeModel, ThemeSettings, analyse

from . import tally
from .constants import ACTIVE_RUN_STATES, RunMode, RunState
from .models import OTHER_LABEL, Campaign, SynthesisRun, Theme, ThemeAssignment

log = logging.getLogger(__name__)

# Where each stage of a run sits on the progress bar (percent at its start, percent at its end).
STAGES = {
    "laden": (0, 5),
    "lezen": (5, 15),
    "campagnes": (15, 45),
    "betekenis": (45, 70),
    "thema's": (45, 75),
    "uitvoer": (75, 80),
    "indelen": (5, 80),
    "opslaan": (80, 100),
}
# Members per theme that describe it when new input is placed (enough for a stable centroid).
EXAMPLES_PER_THEME = 400
BATCH = 2000
# Proposals written while the result is read, so that they never pile up as millions of dicts.
WRITE_BATCH = 50_000
_MOVED = ["theme_id", "campaign_id", "run_id", "assigned_at"]


class _Current(NamedTuple):
    pk: int
    contribution_id: int
    theme_id: int
    campaign_id: int | None
    assigned_by_id: int | None


class RunRefused(ValidationError):
    """A run cannot start now (another one is still going)."""


class RunStopped(Exception):
    """The run was cancelled, or marked failed while it worked: it stops and changes nothing."""


class CurationRefused(ValidationError):
    """A curation step that would lose or confuse something."""


# -- runs ---------------------------------------------------------------------------------------


def request_run(
    programme: Programme,
    *,
    by,
    mode: str = RunMode.FULL,
    themes: int | None = None,
    seed: int = 0,
    deep: bool = False,
) -> SynthesisRun:
    """Queue a run for the task worker; one run per programme at a time."""

    fail_stale_runs(programme)  # a run whose worker died blocks nobody
    with transaction.atomic():
        # Lock the programme row so two people pressing the button at once get one run.
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        if SynthesisRun.objects.filter(programme=programme, state__in=ACTIVE_RUN_STATES).exists():
            raise RunRefused(
                _("Er loopt al een analyse voor dit programma; wacht tot die klaar is.")
            )
        run = SynthesisRun.objects.create(
            programme=programme,
            mode=mode,
            requested_by=by,
            themes_requested=themes,
            seed=seed,
            deep=deep and mode == RunMode.FULL,
        )
    run_synthesis.enqueue(run.pk)
    return run


def cancel_run(run: SynthesisRun, *, by) -> SynthesisRun:
    """Stop a queued or working run. The worker notices at its next step (between stages and
    batches) and stops; like a failure, a cancelled run changes nothing."""
    with transaction.atomic():
        # A run that is saving its results holds its row (PostgreSQL) until it is done.
        current = (
            SynthesisRun.objects.select_for_update(skip_locked=True)
            .filter(pk=run.pk)
            .values_list("state", flat=True)
            .first()
        )
        if current is None:
            raise RunRefused(
                _("De analyse slaat haar resultaten al op en kan niet meer worden afgebroken.")
            )
        if current not in ACTIVE_RUN_STATES:
            raise RunRefused(_("Deze analyse loopt niet meer; er is niets af te breken."))
        SynthesisRun.objects.filter(pk=run.pk).update(
            state=RunState.CANCELLED, finished_at=timezone.now(), cancelled_by=by, stage=""
        )
    log.info("synthesis run %s cancelled by %s", run.pk, by)
    run.refresh_from_db()
    return run


def fail_stale_runs(programme: Programme | None = None) -> int:
    """Mark working runs without a heartbeat for SYNTHESIS_RUN_TIMEOUT failed: their worker died
    (killed, out of memory), and "one run at a time" must not wait for them forever. Checked when
    someone looks at runs or starts one, and by every task worker (koers.core.workers)."""
    now = timezone.now()
    cutoff = now - datetime.timedelta(seconds=django_settings.SYNTHESIS_RUN_TIMEOUT)
    stale = SynthesisRun.objects.stale(cutoff)
    if programme is not None:
        stale = stale.filter(programme=programme)
    # Read first: pages that look at runs write only when a run actually died.
    if not stale.exists():
        return 0
    with transaction.atomic():
        # A run that is saving its results holds its row (PostgreSQL): it lives.
        ids = list(stale.select_for_update(skip_locked=True).values_list("pk", flat=True))
        failed = SynthesisRun.objects.filter(pk__in=ids, state=RunState.RUNNING).update(
            state=RunState.FAILED, finished_at=now, stage="", error=_interrupted()
        )
    if failed:
        log.warning("synthesis runs %s had no heartbeat since %s; marked failed", ids, cutoff)
    return failed


def fail_stale_runs_on_recovery(sender, **kwargs) -> None:
    """Receiver of koers.core.signals.recovering (connected in apps.py)."""
    fail_stale_runs()


def _interrupted() -> str:
    return _(
        "De verwerking is onderbroken: de taakverwerker die de analyse uitvoerde, gaf geen "
        "teken van leven meer. Start de analyse opnieuw."
    )


@contextmanager
def _heartbeat(run: SynthesisRun):
    """Write the run's heartbeat from a thread while it works: a stage of the engine may compute
    for minutes without reporting progress, and the run must not look dead meanwhile."""
    if connection.in_atomic_block:
        # Nobody else sees the run before the surrounding transaction commits (the demo loader).
        yield
        return
    stopped = threading.Event()

    def beat() -> None:
        try:
            while not stopped.wait(django_settings.TASK_HEARTBEAT_SECONDS):
                try:
                    SynthesisRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:  # busy (SQLite while the run saves): the next beat
                    log.warning("heartbeat of synthesis run %s not written", run.pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=beat, name=f"synthesis-run-{run.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stopped.set()
        thread.join(timeout=60)


def _finish(run: SynthesisRun, **fields) -> None:
    """Mark the run done inside the transaction that saves its results, only if it still works:
    a run cancelled (or given up for dead) meanwhile rolls its results back."""
    done = SynthesisRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(
        state=RunState.DONE,
        finished_at=timezone.now(),
        stage="",
        done=100,
        total=100,
        heartbeat_at=timezone.now(),
        **fields,
    )
    if not done:
        raise RunStopped


class _Progress:
    """Writes the run's progress (and so its heartbeat) at most twice a second, so the page can
    show it; finds out there whether the run was cancelled, and then stops it."""

    def __init__(self, run: SynthesisRun):
        self.run = run
        self.last = 0.0
        self.stage = ""
        self.percent = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        start, end = STAGES.get(stage, (0, 100))
        # Never backwards: stages of the two modes overlap on the bar.
        percent = max(self.percent, int(start + (end - start) * (done / total if total else 1)))
        self.percent = percent
        now = time.monotonic()
        if stage == self.stage and now - self.last < 0.5 and done < total:
            return
        self.stage, self.last = stage, now
        working = SynthesisRun.objects.filter(pk=self.run.pk, state=RunState.RUNNING).update(
            stage=stage, done=int(percent), total=100, heartbeat_at=timezone.now()
        )
        if not working:
            raise RunStopped


def perform_run(run: SynthesisRun) -> SynthesisRun:
    """Do the work of a queued run (called by the task worker); failures end up on the run.

    Only a queued run starts: the task may run a second time after its worker died (see
    koers.core.workers), and a cancelled run stays cancelled. Whatever stops a run — an error,
    a cancellation, a worker that is told to stop — it changes nothing: its results are written
    in one transaction, together with its state "done".
    """
    now = timezone.now()
    started = SynthesisRun.objects.filter(pk=run.pk, state=RunState.QUEUED).update(
        state=RunState.RUNNING, started_at=now, heartbeat_at=now, error=""
    )
    if not started:
        log.info("synthesis run %s is no longer queued; not started", run.pk)
        run.refresh_from_db()
        return run
    progress = _Progress(run)
    working = SynthesisRun.objects.filter(pk=run.pk, state=RunState.RUNNING)
    try:
        with _heartbeat(run):
            base = _latest_model_run(run)
            if run.mode == RunMode.NEW and base is not None:
                _assign_new(run, base, progress)
            else:
                _analyse_all(run, progress)
    except RunStopped:
        log.info("synthesis run %s stopped (cancelled or given up); nothing changed", run.pk)
    except Exception as exc:  # the worker must survive; the run shows what went wrong
        log.exception("synthesis run %s failed", run.pk)
        working.update(state=RunState.FAILED, finished_at=timezone.now(), error=str(exc)[:2000])
    except BaseException:
        # The worker is being stopped (a second Ctrl+C, SIGTERM): say so rather than leave the
        # run working until the timeout.
        working.update(state=RunState.FAILED, finished_at=timezone.now(), error=_interrupted())
        raise
    run.refresh_from_db()
    return run


def _latest_model_run(run: SynthesisRun) -> SynthesisRun | None:
    return (
        SynthesisRun.objects.filter(
            programme=run.programme, state=RunState.DONE, model__isnull=False
        )
        .exclude(pk=run.pk)
        .order_by("-finished_at", "-pk")
        .first()
    )


def _other_theme(programme: Programme) -> Theme:
    theme, _created = Theme.objects.get_or_create(
        programme=programme, is_other=True, defaults={"label": str(OTHER_LABEL)}
    )
    return theme


def _analyse_all(run: SynthesisRun, progress) -> None:
    programme = run.programme
    progress("laden", 0, 1)
    # Three lists rather than a list of rows: at millions of contributions a tuple per row,
    # and a string per row for the name of its family, cost gigabytes.
    ids, texts, families = [], [], []
    names: dict[str, str] = {}
    for pk, text, family in (
        Contribution.objects.visible()
        .filter(programme=programme)
        .order_by("pk")
        .values_list("pk", "text", "family__name")
        .iterator(chunk_size=BATCH)
    ):
        ids.append(pk)
        texts.append(text)
        families.append(names.setdefault(family, family) if family is not None else None)
    progress("laden", 1, 1)
    settings = Settings(
        seed=run.seed,
        themes=ThemeSettings(n_themes=run.themes_requested),
        mode="deep" if run.deep else "fast",
        # Embeddings of texts seen before are kept here: a re-run embeds only new texts.
        cache_dir=str(django_settings.VAR_DIR / "embeddings"),
    )
    analysis = analyse(texts, ids, families, settings, progress)
    result = analysis.result
    progress("opslaan", 0, 4)

    with transaction.atomic():
        current = {
            row[1]: _Current(*row)
            for row in ThemeAssignment.objects.filter(contribution__programme=programme)
            .values_list("pk", "contribution_id", "theme_id", "campaign_id", "assigned_by_id")
            .iterator(chunk_size=BATCH)
        }
        other = _other_theme(programme)
        engine_themes = {t["id"]: t for t in result["themes"]}
        members: dict[int, list[int]] = defaultdict(list)
        for item in result["items"]:
            members[item["theme"]].append(item["id"])
        theme_of = _match_themes(run, engine_themes, members, current, other)
        progress("opslaan", 1, 4)
        earlier = list(Campaign.objects.filter(programme=programme).values_list("pk", flat=True))
        campaign_of = _store_campaigns(run, analysis, texts, ids, result["items"])
        progress("opslaan", 2, 4)
        kept = _store_assignments(run, result["items"], theme_of, campaign_of, current)
        # Campaigns are a machine finding: this run's replace the earlier ones (deleted only now,
        # when no counted assignment points at them any more).
        Campaign.objects.filter(pk__in=earlier).delete()
        progress("opslaan", 3, 4)
        _retire_empty_themes(programme)
        tally.recount(programme.pk)
        model = analysis.model
        model.themes, model.campaigns = [], []  # rebuilt from the curated state when used
        _finish(
            run,
            contributions=len(ids),
            campaigns_found=len(result["campaigns"]),
            decisions_kept=kept,
            model=model.to_dict(),
        )


# A stored theme continues in the engine theme whose members overlap most with its own (Jaccard:
# shared members / members of either), one to one, best overlap first, when that overlap is at
# least this: most of its contributions stay together. Stated in docs/adr/0017.
KEEP_OVERLAP = 0.5


def _match_themes(run, engine_themes, members, current, other) -> dict[int, Theme]:
    """Engine theme id -> stored theme, by the rule of KEEP_OVERLAP. An engine theme without
    such a match continues the stored theme that holds most of its members when a person
    merged themes into it (the engine may find the parts again); otherwise it is a new theme
    (split off from the stored theme most of its members came from, if any). A stored theme
    most of whose members went to another theme's match was merged into it. Labels a person
    gave are kept; keywords, quotes and summary are refreshed. The changes are kept on the run."""
    existing = {
        t.pk: t for t in Theme.objects.active().filter(programme=run.programme, is_other=False)
    }
    curated_merges = set(
        Theme.objects.filter(merged_into__in=list(existing)).values_list("merged_into", flat=True)
    )
    stored_members: dict[int, set[int]] = defaultdict(set)
    for contribution_id, row in current.items():
        if row.theme_id in existing:
            stored_members[row.theme_id].add(contribution_id)
    overlap: dict[int, Counter] = {}
    pairs = []
    for engine_id in engine_themes:
        if engine_id == OTHER:
            continue
        held = Counter(
            current[c].theme_id
            for c in members[engine_id]
            if c in current and current[c].theme_id in existing
        )
        overlap[engine_id] = held
        for theme_id, shared in held.items():
            union = len(members[engine_id]) + len(stored_members[theme_id]) - shared
            pairs.append((shared / union, engine_id, theme_id))
    continued: dict[int, int] = {}  # engine id -> stored theme id
    taken: set[int] = set()
    for jaccard, engine_id, theme_id in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if jaccard < KEEP_OVERLAP:
            break
        if engine_id in continued or theme_id in taken:
            continue
        continued[engine_id] = theme_id
        taken.add(theme_id)
    changes = {"kept": [], "split": [], "merged": [], "new": []}
    theme_of: dict[int, Theme] = {OTHER: other}
    described: dict[int, int] = {}  # stored theme -> size of the engine theme that describes it
    created = 0
    for engine_id, engine in sorted(engine_themes.items()):
        if engine_id == OTHER:
            other.quotes = engine["quotes"]
            other.save(update_fields=["quotes"])
            continue
        source = overlap[engine_id].most_common(1)
        majority = source[0][0] if source and source[0][1] * 2 > len(members[engine_id]) else None
        if engine_id in continued:
            theme = existing[continued[engine_id]]
            changes["kept"].append(theme.label)
        elif majority is not None and majority in curated_merges:
            theme = existing[majority]
        else:
            theme = Theme(programme=run.programme, label=engine["label"][:200], proposed_by_run=run)
            created += 1
            if majority is not None:
                changes["split"].append([existing[majority].label, theme.label])
            else:
                changes["new"].append(theme.label)
        theme_of[engine_id] = theme
        if engine["size"] > described.get(theme.pk or id(theme), -1):
            described[theme.pk or id(theme)] = engine["size"]
            if theme.label_by_id is None:
                theme.label = engine["label"][:200]
            theme.keywords = engine["keywords"]
            theme.quotes = engine["quotes"]
            theme.summary = "\n".join(engine.get("summary") or [])
            theme._change_reason = _("analyse")
            theme.save()
    for theme_id, theme in existing.items():
        if theme_id in taken or not stored_members[theme_id]:
            continue
        went = Counter(
            theme_of[e].pk for e, held in overlap.items() for _ in range(held.get(theme_id, 0))
        )
        into = went.most_common(1)
        if into and into[0][1] * 2 > len(stored_members[theme_id]) and into[0][0] != theme_id:
            target = next(t for t in theme_of.values() if t.pk == into[0][0])
            changes["merged"].append([target.label, theme.label])
    SynthesisRun.objects.filter(pk=run.pk).update(themes_created=created, changes=changes)
    return theme_of


def _store_campaigns(run, analysis, texts, ids, items) -> dict[int, Campaign]:
    """Store this run's campaigns: engine campaign number -> Campaign."""
    first_row: dict[int, list[int]] = defaultdict(list)
    for row, item in enumerate(items):
        if item["campaign"] is not None:
            first_row[item["campaign"]].append(row)
    campaigns = []
    for engine, model_campaign in zip(
        analysis.result["campaigns"], analysis.model.campaigns, strict=True
    ):
        rows = first_row[engine["id"]]
        # The representative is the member whose text the engine chose.
        rep = next((r for r in rows if texts[r] == model_campaign["representative"]), rows[0])
        campaigns.append(
            Campaign(
                programme=run.programme,
                run=run,
                number=engine["id"],
                representative_id=ids[rep],
                text=engine["representative"],
                size=engine["size"],
            )
        )
    Campaign.objects.bulk_create(campaigns, batch_size=BATCH)
    return {c.number: c for c in Campaign.objects.filter(run=run)}


def _store_assignments(run, items, theme_of, campaign_of, current) -> int:
    """Write the machine's proposal where no person decided; returns how many decisions of people
    differ from the proposal (and were kept)."""
    now = timezone.now()
    # Moved rows get a moment of their own, so their history rows can be told from the new ones.
    moved_at = now + datetime.timedelta(microseconds=1)
    new, moved, recampaigned = [], [], []
    kept = 0
    for item in items:
        theme_id = theme_of[item["theme"]].pk
        campaign = campaign_of.get(item["campaign"]) if item["campaign"] else None
        campaign_id = campaign.pk if campaign else None
        known = current.get(item["id"])
        if known is None:
            new.append(
                {
                    "contribution_id": item["id"],
                    "theme_id": theme_id,
                    "campaign_id": campaign_id,
                    "assigned_by_id": None,
                    "run_id": run.pk,
                    "similarity": None,
                    "assigned_at": now,
                }
            )
            if len(new) == WRITE_BATCH:
                insert_rows(ThemeAssignment, new)
                new.clear()
        elif known.assigned_by_id is None and known.theme_id != theme_id:
            moved.append(
                {
                    "id": known.pk,
                    "theme_id": theme_id,
                    "campaign_id": campaign_id,
                    "run_id": run.pk,
                    "assigned_at": moved_at,
                }
            )
            if len(moved) == WRITE_BATCH:
                update_rows(ThemeAssignment, _MOVED, moved)
                moved.clear()
        else:
            # A person's decision keeps its theme; an unchanged proposal needs no new state.
            kept += known.assigned_by_id is not None and known.theme_id != theme_id
            if known.campaign_id != campaign_id:
                recampaigned.append({"id": known.pk, "campaign_id": campaign_id})
    reason = _("analyse")
    at = connection.ops.adapt_datetimefield_value
    insert_rows(ThemeAssignment, new)
    copy_to_history(
        ThemeAssignment,
        "run_id = %s AND assigned_at = %s",
        [run.pk, at(now)],
        history_type="+",
        reason=reason,
        user=None,
        date=now,
    )
    update_rows(ThemeAssignment, _MOVED, moved)
    copy_to_history(
        ThemeAssignment,
        "run_id = %s AND assigned_at = %s",
        [run.pk, at(moved_at)],
        history_type="~",
        reason=reason,
        user=None,
        date=now,
    )
    # Campaign membership is a machine finding beside the theme: no history row of its own.
    update_rows(ThemeAssignment, ["campaign_id"], recampaigned)
    return kept


def _retire_empty_themes(programme: Programme) -> None:
    """Machine themes nobody touched and that no longer hold anything go; curated ones stay."""
    empty = (
        Theme.objects.active()
        .filter(programme=programme, is_other=False, assignments__isnull=True)
        .filter(created_by=None, label_by=None, common_thread_by=None, merged_themes=None)
    )
    for theme in empty:
        theme._change_reason = _("leeg na analyse")
        theme.delete()


def _examples(theme: Theme) -> list[str]:
    """Texts that show what `theme` is about, at most EXAMPLES_PER_THEME: those a person placed
    in it first (their judgement is the clearest example), then the analysis's, oldest first.

    Two reads along the theme's indexes. One list ordered on who placed each text sorted all of
    a theme's members (0.3 s for each theme at a million), and PostgreSQL, which sorts a missing
    value first when descending, put the analysis's placements before the people's."""
    members = (
        theme.assignments.counted()
        .order_by("contribution_id")
        .values_list("contribution__text", flat=True)
    )
    chosen = list(members.filter(assigned_by__isnull=False)[:EXAMPLES_PER_THEME])
    left = EXAMPLES_PER_THEME - len(chosen)
    return chosen + (list(members.filter(assigned_by=None)[:left]) if left else [])


def _assign_new(run: SynthesisRun, base: SynthesisRun, progress) -> None:
    """Place input that has no theme yet in the current themes, without clustering again."""
    programme = run.programme
    progress("laden", 0, 1)
    rows = list(
        Contribution.objects.visible()
        .filter(programme=programme, theme_assignment__isnull=True)
        .order_by("pk")
        .values_list("pk", "text")
    )
    model = ThemeModel.from_dict(base.model)
    model.themes, model.campaigns = [], []
    themes = list(Theme.objects.active().filter(programme=programme, is_other=False))
    for theme in themes:
        examples = _examples(theme)
        if examples:
            model.set_theme(theme.pk, theme.label, examples)
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(programme=programme).select_related(
            "representative__theme_assignment"
        )
    }
    model.campaigns = [
        {
            "id": c.pk,
            "representative": c.representative.text,
            "theme": c.representative.theme_assignment.theme_id,
        }
        for c in campaigns.values()
        if c.representative is not None and hasattr(c.representative, "theme_assignment")
    ]
    progress("laden", 1, 1)
    progress("indelen", 0, 1)
    placed = model.assign([r[1] for r in rows]) if rows else []
    progress("indelen", 1, 1)
    progress("opslaan", 0, 1)
    now = timezone.now()
    with transaction.atomic():
        other = _other_theme(programme)
        by_pk = {t.pk: t for t in themes}
        grown: Counter = Counter()
        new = []
        for (pk, _text), place in zip(rows, placed, strict=True):
            if place.campaign is not None:
                grown[place.campaign] += 1
            new.append(
                {
                    "contribution_id": pk,
                    "theme_id": by_pk.get(place.theme, other).pk,
                    "campaign_id": place.campaign,
                    "assigned_by_id": None,
                    "run_id": run.pk,
                    "similarity": place.similarity,
                    "assigned_at": now,
                }
            )
        # Only the new input moves in the tally: counting the whole programme again held its
        # cells locked for seconds at a million, and every reaction posted meanwhile waited.
        with tally.keeping([pk for pk, _text in rows]):
            insert_rows(ThemeAssignment, new)
        copy_to_history(
            ThemeAssignment,
            "run_id = %s AND assigned_at = %s",
            [run.pk, connection.ops.adapt_datetimefield_value(now)],
            history_type="+",
            reason=_("nieuwe inbreng"),
            user=None,
            date=now,
        )
        for pk, count in grown.items():
            campaign = campaigns[pk]
            campaign.size += count
            campaign.save(update_fields=["size"])
        _finish(run, contributions=len(rows))


# -- curation -----------------------------------------------------------------------------------


def rename_theme(theme: Theme, label: str, *, by) -> Theme:
    label = label.strip()
    if not label:
        raise CurationRefused(_("Geef het thema een naam."))
    changed = assign(theme, label=label[:200], label_by=by)
    if changed:
        theme._history_user = by
        theme._change_reason = _("hernoemd")
        theme.save(update_fields=changed)
    return theme


def _reassign(assignments: list[ThemeAssignment], target: Theme, *, by, reason: str) -> int:
    """Move assignments to `target` as this person's decision, each with its history row."""
    now = timezone.now()
    update_rows(
        ThemeAssignment,
        ["theme_id", "assigned_by_id", "assigned_at"],
        [
            {"id": a.pk, "theme_id": target.pk, "assigned_by_id": by.pk, "assigned_at": now}
            for a in assignments
        ],
    )
    copy_to_history(
        ThemeAssignment,
        "assigned_by_id = %s AND assigned_at = %s",
        [by.pk, connection.ops.adapt_datetimefield_value(now)],
        history_type="~",
        reason=reason,
        user=by,
        date=now,
    )
    return len(assignments)


def _check_same_programme(target: Theme, themes) -> None:
    if any(t.programme_id != target.programme_id for t in themes):
        raise CurationRefused(_("Thema's van verschillende programma's kunnen niet samen."))
    if target.merged_into_id:
        raise CurationRefused(
            _("Het thema “%(label)s” is al samengevoegd; kies het thema waarin het opging.")
            % {"label": target.label}
        )


@transaction.atomic
def merge_themes(target: Theme, others: list[Theme], *, by) -> int:
    """Fold themes into `target`; their contributions move there as this person's decision.
    The merged themes stay on record (with their history), pointing at the target."""
    others = [t for t in others if t.pk != target.pk]
    if not others:
        raise CurationRefused(_("Kies ten minste één ander thema om samen te voegen."))
    _check_same_programme(target, others)
    if any(t.is_other for t in others):
        raise CurationRefused(_("“Overig” kan niet worden samengevoegd; verplaats inbreng eruit."))
    assignments = list(ThemeAssignment.objects.filter(theme__in=others))
    # The same contributions before and after: those of the target and of the merged themes.
    with tally.keeping(Contribution.objects.filter(theme_assignment__theme__in=[target, *others])):
        moved = _reassign(assignments, target, by=by, reason=_("samengevoegd"))
    now = timezone.now()
    for theme in others:
        theme.merged_into, theme.merged_by, theme.merged_at = target, by, now
        theme._history_user = by
        theme._change_reason = _("samengevoegd in “%(label)s”") % {"label": target.label}
        theme.save()
        # Themes merged into this one earlier now point at the new target as well.
        Theme.objects.filter(merged_into=theme).update(merged_into=target)
    return moved


@transaction.atomic
def move_contributions(contribution_ids, target: Theme, *, by) -> int:
    """Put contributions in `target` as this person's decision (their current theme aside)."""
    _check_same_programme(target, [])
    assignments = list(
        ThemeAssignment.objects.filter(
            contribution_id__in=list(contribution_ids),
            contribution__programme_id=target.programme_id,
        ).exclude(theme=target)
    )
    missing = set(contribution_ids) - set(
        ThemeAssignment.objects.filter(contribution_id__in=list(contribution_ids)).values_list(
            "contribution_id", flat=True
        )
    )
    now = timezone.now()
    new = [
        ThemeAssignment(contribution_id=c.pk, theme=target, assigned_by=by, assigned_at=now)
        for c in Contribution.objects.filter(pk__in=missing, programme_id=target.programme_id)
    ]
    with tally.keeping(list(contribution_ids)):
        bulk_create_with_history(
            new,
            ThemeAssignment,
            default_user=by,
            default_change_reason=_("ingedeeld"),
            default_date=now,
        )
        moved = _reassign(assignments, target, by=by, reason=_("verplaatst"))
    return moved + len(new)


@transaction.atomic
def split_theme(theme: Theme, contribution_ids, label: str, *, by) -> Theme:
    """Make a new theme of some of a theme's contributions."""
    label = label.strip()
    if not label:
        raise CurationRefused(_("Geef het nieuwe thema een naam."))
    ids = list(
        theme.assignments.filter(contribution_id__in=list(contribution_ids)).values_list(
            "contribution_id", flat=True
        )
    )
    if not ids:
        raise CurationRefused(_("Kies de inbreng die naar het nieuwe thema gaat."))
    new = Theme(programme=theme.programme, label=label[:200], label_by=by, created_by=by)
    new._history_user = by
    new._change_reason = _("afgesplitst van “%(label)s”") % {"label": theme.label}
    new.save()
    move_contributions(ids, new, by=by)
    return new


@transaction.atomic
def move_campaign(campaign: Campaign, target: Theme, *, by) -> int:
    """All members of a campaign to one theme, as this person's decision."""
    ids = list(campaign.members.values_list("contribution_id", flat=True))
    return move_contributions(ids, target, by=by)


def decide_common_thread(theme: Theme, decision: bool | None, *, by) -> Theme:
    """Mark (True) or unmark (False) a theme as a common thread, or (None) leave it to the
    machine's reading of the coverage again."""
    if theme.is_other and decision:
        raise CurationRefused(_("“Overig” kan geen rode draad zijn."))
    theme.common_thread_decision = decision
    theme.common_thread_by = by if decision is not None else None
    theme.common_thread_at = timezone.now() if decision is not None else None
    theme._history_user = by
    theme._change_reason = {
        True: _("als rode draad gemarkeerd"),
        False: _("niet als rode draad gemarkeerd"),
        None: _("rode draad aan de analyse overgelaten"),
    }[decision]
    theme.save()
    return theme


@task()
def run_synthesis(run_id: int) -> str:
    """The background work of a run (in the task worker): it takes minutes at a million
    contributions."""
    run = SynthesisRun.objects.select_related("programme").get(pk=run_id)
    return perform_run(run).state
