"""The demo's concept agenda: the structure of the draft, the concept the office made from it, the
trace of every change and the answer to (nearly) every contribution.

Loaded by `koers demo` after the synthesis demo. The draft (version 1) gets its steps and main
activities, the office copies it into version 2, rewrites it to answer the input (each change
recorded with the themes and contributions behind it) and moves it to concept. Then every
visible contribution gets a disposition: per named theme in bulk, the campaign letters their own
answer, short and misdirected messages and position papers an individual one, and a small,
fixed share is left open, so the processing overview shows work still to do.

The texts are data/agenda.yaml (the concept) and data/response.yaml (the answers). Only models
are used here (and consultation's copy_version), with the dates of 2015 set directly; moving the
version with move_version would e-mail every reviewer on each `make run`. Running it again adds
nothing, except answers for input that a larger demo added since.
"""

import datetime
import zlib
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from koers.agenda.constants import ItemKind, VersionState
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.agenda.services import copy_version
from koers.consultation.constants import Channel
from koers.consultation.models import Contribution
from koers.core.bulk import copy_to_history, insert_rows
from koers.drafting.constants import ChangeAction
from koers.drafting.models import Change
from koers.organisations.models import Facility, Family, Organisation, Programme
from koers.synthesis import tally
from koers.synthesis.models import Campaign, Disposition, Theme

from .synthesis import NAMES
from .texts import TZ, markdown, moment, texts

AGENDA = texts("agenda")
RESPONSE = texts("response")
CONTRIBUTIONS_PER_CHANGE = 5
CAMPAIGN_DAYS = [19, 20, 21, 24]  # working days of August 2015, one campaign each


def load_agenda_demo(programme: Programme) -> dict[str, int]:
    """Build the concept once and answer the input not answered yet; returns what was added."""
    office = get_user_model().objects.filter(username="bureau").first()
    draft = AgendaVersion.objects.filter(programme=programme, number=1).first()
    if office is None or draft is None:
        return {"versions": 0, "dispositions": 0}
    with transaction.atomic():
        versions = 0
        if not AgendaVersion.objects.filter(programme=programme, number=2).exists():
            _Concept(programme, draft, office).build()
            versions = 1
        dispositions = _dispose(programme, draft, office)
    return {"versions": versions, "dispositions": dispositions}


class _Concept:
    def __init__(self, programme: Programme, draft: AgendaVersion, office):
        self.programme = programme
        self.draft = draft
        self.office = office
        self.families = {f.slug: f for f in Family.objects.filter(programme=programme)}
        codes = {
            code
            for key in ("main_activities", "changed_activities", "added_activities")
            for spec in AGENDA[key]
            for code in spec.get("responsible", ())
        }
        self.organisations = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        self.facilities = {f.slug: f for f in Facility.objects.all()}
        self.themes = list(
            Theme.objects.filter(programme=programme, merged_into=None, is_other=False)
        )
        self.changes = 0

    def _save(self, obj, at: datetime.datetime):
        obj._history_user = self.office
        obj._history_date = at
        obj.save()
        return obj

    # -- the draft's structure -----------------------------------------------------------------

    def build(self):
        if not self.draft.steps.exists():
            self._structure(self.draft)
        copied_at = moment(AGENDA["copied_at"])
        concept = copy_version(self.draft, by=self.office)
        self._date_copy(concept, copied_at)
        concept.title = AGENDA["concept_title"]
        concept.introduction = markdown("concept-introduction")
        self._save(concept, copied_at)
        self.concept = concept
        self._edit_paragraphs()
        self._edit_steps()
        self._edit_activities()
        # Concept: set directly (no move_version, which would mail every reviewer).
        concept.state = VersionState.CONCEPT
        self._save(concept, moment(AGENDA["concept_at"]))
        # After the last save, which would write the in-memory creation time back.
        AgendaVersion.objects.filter(pk=concept.pk).update(created_at=copied_at)
        AgendaVersion.history.filter(id=concept.pk).update(created_at=copied_at)

    def _structure(self, version: AgendaVersion):
        at = moment(AGENDA["structure_at"])
        steps = {}
        for position, spec in enumerate(AGENDA["steps"]):
            step = Step(
                version=version,
                position=position,
                title=spec["title"],
                description=spec["description"],
            )
            steps[spec["key"]] = self._save(step, at)
        positions = Counter()
        for spec in AGENDA["main_activities"]:
            self._add_activity(version, steps, spec, positions, at)

    def _add_activity(self, version, steps, spec, positions, at) -> MainActivity | None:
        family = self.families.get(spec["family"])
        if family is None or spec["step"] not in steps:
            return None
        step = steps[spec["step"]]
        deadline = min(spec["deadline"], self.programme.deadline)
        activity = MainActivity(
            version=version,
            step=step,
            family=family,
            position=positions[(family.pk, step.pk)],
            title=spec["title"],
            description=spec["description"],
            intended_outcome=spec["outcome"],
            deadline=deadline,
        )
        positions[(family.pk, step.pk)] += 1
        activity.full_clean()
        self._save(activity, at)
        self._set_links(activity, spec)
        return activity

    def _set_links(self, activity: MainActivity, spec: dict):
        if "responsible" in spec:
            activity.responsible.set(
                [self.organisations[c] for c in spec["responsible"] if c in self.organisations]
            )
        if "facilities" in spec:
            activity.facilities.set(
                [self.facilities[s] for s in spec["facilities"] if s in self.facilities]
            )

    def _date_copy(self, concept: AgendaVersion, at: datetime.datetime):
        """The copy's rows are dated now; in the demo the office made it in August 2015."""
        AgendaVersion.history.filter(id=concept.pk).update(history_date=at)
        for model in (Section, Paragraph, Step, MainActivity):
            model.history.filter(version_id=concept.pk).update(history_date=at)

    # -- the concept's edits -------------------------------------------------------------------

    def _when(self) -> datetime.datetime:
        """Changes are spread over the working days after the copy, three a day."""
        day, slot = divmod(self.changes, 3)
        when = moment(AGENDA["copied_at"])
        while day >= 0:
            when += datetime.timedelta(days=1)
            day -= when.weekday() < 5
        return when + datetime.timedelta(hours=1 + slot * 2, minutes=17 * slot)

    def _edit_paragraphs(self):
        paragraphs = list(self.concept.paragraphs.select_related("section", "version"))
        sections = {s.title: s for s in self.concept.sections.all()}

        def find(prefix):
            return next((p for p in paragraphs if p.text.startswith(prefix)), None)

        for spec in AGENDA["changed_paragraphs"]:
            paragraph = find(spec["find"])
            if paragraph is None:
                continue
            at = self._when()
            paragraph.text = spec["text"]
            self._save(paragraph, at)
            self._record(ItemKind.PARAGRAPH, paragraph.anchor, ChangeAction.CHANGED, spec, at)
        for spec in AGENDA["added_paragraphs"]:
            section = sections.get(spec["section"])
            if section is None:
                continue
            at = self._when()
            end = max((p.position for p in paragraphs if p.section_id == section.pk), default=-1)
            paragraph = self._save(
                Paragraph(
                    version=self.concept, section=section, position=end + 1, text=spec["text"]
                ),
                at,
            )
            self._record(ItemKind.PARAGRAPH, paragraph.anchor, ChangeAction.ADDED, spec, at)
        for spec in AGENDA["removed_paragraphs"]:
            paragraph = find(spec["find"])
            if paragraph is None:
                continue
            at = self._when()
            anchor = paragraph.anchor
            paragraph._history_user = self.office
            paragraph._history_date = at
            paragraph.delete()
            self._record(ItemKind.PARAGRAPH, anchor, ChangeAction.REMOVED, spec, at)

    def _edit_steps(self):
        titles = {spec["key"]: spec["title"] for spec in AGENDA["steps"]}
        steps = {s.title: s for s in self.concept.steps.all()}
        for spec in AGENDA["changed_steps"]:
            step = steps.get(titles[spec["step"]])
            if step is None:
                continue
            at = self._when()
            step.title = spec["title"]
            step.description = spec["description"]
            self._save(step, at)
            self._record(ItemKind.STEP, step.anchor, ChangeAction.CHANGED, spec, at)

    def _edit_activities(self):
        by_title = {spec["key"]: spec["title"] for spec in AGENDA["main_activities"]}
        activities = {
            (a.family.slug, a.title): a
            for a in self.concept.main_activities.select_related("family", "version__programme")
        }
        for spec in AGENDA["changed_activities"]:
            family = next(s["family"] for s in AGENDA["main_activities"] if s["key"] == spec["key"])
            activity = activities.get((family, by_title[spec["key"]]))
            if activity is None:
                continue
            at = self._when()
            activity.title = spec.get("title", activity.title)
            activity.description = spec.get("description", activity.description)
            activity.intended_outcome = spec.get("outcome", activity.intended_outcome)
            activity.full_clean()
            self._save(activity, at)
            self._set_links(activity, spec)
            self._record(ItemKind.MAIN_ACTIVITY, activity.anchor, ChangeAction.CHANGED, spec, at)
        # Steps by their key: the copy keeps the draft's positions, whatever the titles now are.
        by_position = {s.position: s for s in self.concept.steps.all()}
        step_of = {
            key: by_position[position]
            for position, key in enumerate(spec["key"] for spec in AGENDA["steps"])
            if position in by_position
        }
        positions = Counter((a.family_id, a.step_id) for a in self.concept.main_activities.all())
        for spec in AGENDA["added_activities"]:
            at = self._when()
            activity = self._add_activity(self.concept, step_of, spec, positions, at)
            if activity is not None:
                self._record(ItemKind.MAIN_ACTIVITY, activity.anchor, ChangeAction.ADDED, spec, at)

    # -- the trace -----------------------------------------------------------------------------

    def _record(self, kind, anchor, action, spec, at):
        themes = self._themes(spec["themes"])
        if not themes and kind == ItemKind.PARAGRAPH and spec["themes"]:
            themes = self._paragraph_theme(anchor)
        change = Change(
            version=self.concept,
            kind=kind,
            anchor=anchor,
            action=action,
            summary=spec["summary"],
            made_by=self.office,
        )
        self._save(change, at)
        change.themes.set(themes)
        change.contributions.set(
            self._contributions(themes, anchor if kind == ItemKind.PARAGRAPH else None)
        )
        Change.objects.filter(pk=change.pk).update(made_at=at)
        Change.history.filter(id=change.pk).update(history_date=at, made_at=at)
        self.changes += 1
        return change

    def _themes(self, references: list[str]) -> list[Theme]:
        """Themes by the label the office gave them, else by a keyword the analysis shows (one
        of the words by which the office recognised that theme, or the reference itself)."""
        found = []
        for reference in references:
            theme = next((t for t in self.themes if t.label == reference), None)
            words = {word.lower() for word in NAMES.get(reference, [reference])}
            if theme is None:
                theme = next(
                    (
                        t
                        for t in self.themes
                        if t not in found and words & {k.lower() for k in t.keywords}
                    ),
                    None,
                )
            if theme is not None and theme not in found:
                found.append(theme)
        return found

    def _paragraph_theme(self, anchor) -> list[Theme]:
        """The theme most input on this paragraph is in, when no named theme was found."""
        counts = Counter(
            Contribution.objects.visible()
            .filter(programme=self.programme, paragraphs__anchor=anchor)
            .exclude(theme_assignment__theme__is_other=True)
            .exclude(theme_assignment=None)
            .values_list("theme_assignment__theme_id", flat=True)
        )
        current = {t.pk: t for t in self.themes}
        return [current[pk] for pk, _n in counts.most_common() if pk in current][:1]

    def _contributions(self, themes: list[Theme], anchor) -> list[int]:
        """A handful of the themes' input: about the same paragraph first, published first."""
        if not themes:
            return []
        base = Contribution.objects.filter(
            programme=self.programme, theme_assignment__theme__in=themes
        )
        queries = []
        if anchor is not None:
            queries += [
                base.published().filter(paragraphs__anchor=anchor),
                base.visible().filter(paragraphs__anchor=anchor),
            ]
        queries += [base.published(), base.visible()]
        chosen: list[int] = []
        for query in queries:
            for pk in query.order_by("pk").values_list("pk", flat=True)[:CONTRIBUTIONS_PER_CHANGE]:
                if pk not in chosen:
                    chosen.append(pk)
            if len(chosen) >= CONTRIBUTIONS_PER_CHANGE:
                break
        return chosen[:CONTRIBUTIONS_PER_CHANGE]


# -- dispositions ----------------------------------------------------------------------------


def _stable(value: str, modulo: int) -> int:
    """The same number for the same value in every run (hash() differs per process)."""
    return zlib.crc32(value.encode()) % modulo


def _decision_day(key: str, hour: int | None = None) -> datetime.datetime:
    start = RESPONSE["decisions_from"]
    span = (RESPONSE["decisions_until"] - start).days + 1
    day = start + datetime.timedelta(days=_stable(key, span))
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    hour = 9 + _stable(f"{key}:uur", 8) if hour is None else hour
    return datetime.datetime(day.year, day.month, day.day, hour, 5 * _stable(key, 12), tzinfo=TZ)


def _is_left_open(pk: int) -> bool:
    return _stable(f"open:{pk}", 1000) < RESPONSE["open_per_mille"]


def _paragraph_topics(draft: AgendaVersion) -> dict[int, str]:
    """The draft's paragraphs by the topic they were written under (none if edited by hand)."""
    sections = texts("consultation")["sections"]
    keys = [p["topic"] for section in sections for p in section["paragraphs"]]
    ordered = list(
        Paragraph.objects.filter(version=draft)
        .order_by("section__position", "position")
        .values_list("pk", flat=True)
    )
    if len(ordered) != len(keys):
        return {}
    return {pk: key for pk, key in zip(ordered, keys, strict=True) if key}


def _disposed_ids(groups) -> list[int]:
    """The contributions the dispositions of `groups` are for."""
    return [row["contribution_id"] for rows in groups.values() for row in rows]


def _dispose(programme: Programme, draft: AgendaVersion, office) -> int:
    """Answer the visible input that has no answer yet; a fixed share stays open."""
    waiting = list(
        Contribution.objects.visible()
        .filter(programme=programme, disposition__isnull=True)
        .values_list(
            "pk",
            "text",
            "channel",
            "family__slug",
            "theme_assignment__theme_id",
            "theme_assignment__campaign_id",
        )
    )
    if not waiting:
        return 0
    themes = {t.pk: t for t in Theme.objects.filter(programme=programme)}
    campaigns = _campaign_answers(programme)
    traced = set(
        Change.contributions.through.objects.filter(
            change__version__programme=programme
        ).values_list("contribution_id", flat=True)
    )
    topics = _paragraph_topics(draft)
    topic_of = {}
    by_theme = defaultdict(Counter)
    through = Contribution.paragraphs.through
    links = through.objects.filter(
        contribution__programme=programme, paragraph__version=draft
    ).values_list("contribution_id", "paragraph_id")
    assigned = {pk: theme_id for pk, _t, _c, _f, theme_id, _cp in waiting}
    for contribution_id, paragraph_id in links:
        topic = topics.get(paragraph_id)
        if topic is None:
            continue
        topic_of.setdefault(contribution_id, topic)
        if contribution_id in assigned:
            by_theme[assigned[contribution_id]][topic] += 1
    # Themes already answered earlier keep their answer for their new input.
    theme_answers = {}
    for theme_id in {t for t in assigned.values() if t is not None}:
        theme_answers[theme_id] = _theme_answer(themes.get(theme_id), by_theme[theme_id])

    noise = RESPONSE["noise_dispositions"]
    groups: dict[datetime.datetime, list[dict]] = defaultdict(list)
    for pk, text, channel, family, theme_id, campaign_id in waiting:
        if pk not in traced and _is_left_open(pk):
            continue
        row = {"contribution_id": pk, "via_theme_id": None, "via_campaign_id": None}
        if campaign_id in campaigns:
            (outcome, reason), at = campaigns[campaign_id]
            row["via_campaign_id"] = campaign_id
        elif len(text.strip()) <= RESPONSE["noise_max_length"] and (
            text.strip() in noise or text.strip() in texts("contributions")["noise"]
        ):
            outcome, reason = _answer(noise.get(text.strip(), RESPONSE["noise_default"]))
            at = _decision_day(f"ruis:{text.strip()}", hour=11)
        elif (
            channel == Channel.POSITION_PAPER and family in RESPONSE["position_paper_dispositions"]
        ):
            outcome, reason = _answer(RESPONSE["position_paper_dispositions"][family])
            at = _decision_day(f"position-paper:{family}", hour=15)
        elif theme_id is not None:
            (outcome, reason), at = theme_answers[theme_id]
            row["via_theme_id"] = theme_id
        else:
            outcome, reason = _answer(
                RESPONSE["topic_dispositions"].get(
                    topic_of.get(pk), RESPONSE["general_disposition"]
                )
            )
            at = _decision_day(f"los:{topic_of.get(pk)}", hour=16)
        row.update(outcome=outcome, reason=reason, decided_by_id=office.pk, decided_at=at)
        groups[at].append(row)
    added = 0
    table = connection.ops.quote_name(Disposition._meta.db_table)
    with connection.cursor() as cursor, tally.keeping(_disposed_ids(groups)):
        for at in sorted(groups):
            cursor.execute(f"SELECT MAX(id) FROM {table}")
            before = cursor.fetchone()[0] or 0
            insert_rows(Disposition, groups[at])
            copy_to_history(
                Disposition,
                "id > %s",
                [before],
                history_type="+",
                reason=None,
                user=office,
                date=at,
            )
            added += len(groups[at])
    return added


def _theme_answer(theme: Theme | None, topics: Counter):
    if theme is None:
        answer, key = RESPONSE["general_disposition"], "geen-thema"
    elif theme.is_other:
        answer, key = RESPONSE["other_disposition"], "overig"
    elif theme.label in RESPONSE["theme_dispositions"]:
        answer, key = RESPONSE["theme_dispositions"][theme.label], theme.label
    else:
        # A theme nobody renamed is answered for its subject: a telling keyword, else what
        # most of its input is about.
        keywords = [k.lower() for k in theme.keywords]
        topic = next((t for k, t in RESPONSE["keyword_topics"].items() if k in keywords), None)
        if topic is None:
            topic = next(
                (t for t, _n in topics.most_common() if t in RESPONSE["topic_dispositions"]),
                None,
            )
        answer = RESPONSE["topic_dispositions"].get(topic, RESPONSE["general_disposition"])
        key = f"thema:{theme.pk}"
    return _answer(answer), _decision_day(key)


def _campaign_answers(programme: Programme) -> dict[int, tuple]:
    """Campaign id -> (answer, moment) for the campaigns that are letters of the case."""
    answers = {}
    campaigns = Campaign.objects.filter(
        programme=programme, size__gte=RESPONSE["campaign_min_size"]
    )
    for pk, text in campaigns.values_list("pk", "text"):
        for number, letter in enumerate(RESPONSE["campaign_dispositions"]):
            if letter["phrase"].lower() in text.lower():
                day = datetime.datetime(2015, 8, CAMPAIGN_DAYS[number], 10, 30, tzinfo=TZ)
                answers[pk] = (_answer(letter), day)
                break
    return answers


def _answer(spec: dict) -> tuple[str, str]:
    """An answer of data/response.yaml as (outcome, reason)."""
    return spec["outcome"], spec["reason"]
