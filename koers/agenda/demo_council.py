"""The demo's council and elaboration: the Regieraad discusses the concept (version 2) on
10 September 2015 and adopts it as version 3; organisations then elaborate their family's main
activities, and three municipalities that merged into Meierijstad hand their work over.

The meeting goes through the council services (koers.agenda.council), so their rules hold; the
moments of 2015 are set on the rows and their history afterwards. Adoption sends version_moved
once, which mails the elaboration's opening to the contributors of member organisations (in the
demo one person: the "bijdrager" of Utrecht). The commitments are written in bulk (koers.core.bulk)
with their history, following the elaboration rules: a facility named in a commitment is planned
for the organisation unless its adoption is further along.

Running it again adds nothing.
"""

import datetime
import random
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max

from koers.accounts.models import Role, RoleKind
from koers.core.bulk import copy_to_history, insert_rows, update_rows
from koers.council import services as council
from koers.council.constants import Decision
from koers.council.models import CouncilMeeting, MeetingItem, Recommendation
from koers.drafting.models import Change
from koers.elaboration.constants import CommitmentStatus
from koers.elaboration.models import Commitment, Milestone
from koers.elaboration.services import transfer_commitments
from koers.organisations.constants import AdoptionState
from koers.organisations.models import (
    Facility,
    FacilityAdoption,
    Family,
    Organisation,
    Programme,
    Succession,
)

from . import demo_council_texts as texts
from .constants import VersionState
from .models import AgendaVersion, MainActivity, Paragraph, Section, Step

TZ = ZoneInfo("Europe/Amsterdam")
# insert_rows passes values as they are; a UUID needs the database's form (text on SQLite).
_ANCHOR = Commitment._meta.get_field("main_activity_anchor")


def _moment(parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=TZ)


def load_council_demo(programme: Programme) -> dict[str, int]:
    """Hold the meeting and adopt the agenda once, then the elaboration once; returns what was
    added."""
    User = get_user_model()
    office = User.objects.filter(username="bureau").first()
    chair = User.objects.filter(username="regieraad").first()
    concept = AgendaVersion.objects.filter(programme=programme, number=2).first()
    added = {"versions": 0, "commitments": 0, "transferred": 0}
    if office is None or chair is None or concept is None:
        return added
    with transaction.atomic():
        members = _council_members(programme)
        members[chair.username] = chair
        adopted = AgendaVersion.objects.filter(
            programme=programme, state=VersionState.ADOPTED
        ).first()
        if adopted is None and concept.state == VersionState.CONCEPT:
            adopted = _Meeting(programme, concept, office, members).run()
            added["versions"] = 1
        if adopted is not None and not Commitment.objects.filter(programme=programme).exists():
            elaboration = _Elaboration(programme, adopted)
            added["commitments"] = elaboration.run()
            added["transferred"] = elaboration.merge()
    return added


def _council_members(programme: Programme) -> dict:
    User = get_user_model()
    families = {f.slug: f for f in Family.objects.filter(programme=programme)}
    codes = [code for *_rest, code in texts.COUNCIL_MEMBERS if code]
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    members = {}
    for username, full_name, family, code in texts.COUNCIL_MEMBERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": full_name, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        Role.objects.get_or_create(
            user=user,
            programme=programme,
            kind=RoleKind.COUNCIL_MEMBER,
            family=families.get(family),
            organisation=organisations.get(code),
        )
        members[username] = user
    return members


def _date_last(model, pk: int, at: datetime.datetime, **fields) -> None:
    """Date the newest history row of one object (the service just wrote it, dated now)."""
    last = model.history.filter(id=pk).aggregate(n=Max("history_id"))["n"]
    if last is not None:
        model.history.filter(history_id=last).update(history_date=at, **fields)


class _Meeting:
    def __init__(self, programme, concept, office, members):
        self.programme = programme
        self.concept = concept
        self.office = office
        self.members = members
        self.chair = members["regieraad"]
        self.sections = {s.title: s for s in concept.sections.order_by("position")}
        self.start = _moment(texts.STARTS_AT)

    def _at(self, minutes: int) -> datetime.datetime:
        return self.start + datetime.timedelta(minutes=minutes)

    def run(self) -> AgendaVersion:
        meeting = council.plan_meeting(
            self.programme,
            version=self.concept,
            title=texts.MEETING_TITLE,
            starts_at=self.start,
            location=texts.MEETING_LOCATION,
            by=self.office,
        )
        _date_last(CouncilMeeting, meeting.pk, _moment(texts.PLANNED_AT))
        items = self._items(meeting)
        recommendations = self._recommendations(meeting)
        self._decide(meeting, items, recommendations)
        council.hold_meeting(meeting, minutes=texts.MEETING_MINUTES, by=self.office)
        _date_last(CouncilMeeting, meeting.pk, self._at(360))
        adopted = council.adopt_version(meeting, by=self.chair)
        self._date_adoption(meeting, adopted)
        return adopted

    def _items(self, meeting) -> dict:
        planned = _moment(texts.PLANNED_AT)
        items = {}
        before = [g for g in texts.GENERAL_ITEMS if g[1] == "voor"]
        after = [g for g in texts.GENERAL_ITEMS if g[1] == "na"]
        for title, *_rest in before:
            items[title] = council.add_item(meeting, title=title, by=self.office)
        for title, section in self.sections.items():
            if title in texts.SECTION_DECISIONS:
                items[title] = council.add_item(meeting, section=section, by=self.office)
        for title, *_rest in after:
            items[title] = council.add_item(meeting, title=title, by=self.office)
        MeetingItem.history.filter(id__in=[i.pk for i in items.values()]).update(
            history_date=planned
        )
        return items

    def _recommendations(self, meeting) -> list[tuple[Recommendation, dict]]:
        paragraphs = list(Paragraph.objects.filter(version=self.concept).select_related("section"))
        made = []
        for spec in texts.RECOMMENDATIONS:
            paragraph = next(
                (
                    p
                    for p in paragraphs
                    if p.section.title == spec["section"] and spec["passage"] in p.text
                ),
                None,
            )
            by = self.members.get(spec["by"])
            if paragraph is None or by is None:
                continue
            rec = council.propose_recommendation(
                meeting,
                paragraph=paragraph,
                action=spec["action"],
                passage=spec["passage"],
                new_text=spec["new_text"],
                motivation=spec["motivation"],
                by=by,
            )
            at = _moment(spec["at"])
            # In memory too: deciding saves the whole row again.
            rec.proposed_at = at
            Recommendation.objects.filter(pk=rec.pk).update(proposed_at=at)
            _date_last(Recommendation, rec.pk, at)
            made.append((rec, spec))
        return made

    def _decide(self, meeting, items, recommendations):
        """In the order of the meeting: each item with its recommendations; the deferred item
        comes back after the lunch break, the closing point after it."""
        by_section = defaultdict(list)
        for rec, spec in recommendations:
            by_section[spec["section"]].append((rec, spec))
        general = {
            title: (when, decision, minutes)
            for title, when, decision, minutes in texts.GENERAL_ITEMS
        }
        minute, deferred, closing = 10, None, []
        for title, item in items.items():
            if title in general:
                when, decision, minutes = general[title]
                if when == "na":
                    closing.append((item, decision, minutes))
                    continue
                self._item(item, decision, minutes, self._at(minute))
                minute += 15
            elif title == texts.DEFERRED_SECTION:
                self._item(item, Decision.DEFER, texts.DEFERRED_MINUTES, self._at(minute))
                deferred = item
                minute += 20
            else:
                minute = self._section(item, title, by_section[title], minute)
        minute = max(minute, 300)  # after the lunch break
        if deferred is not None:
            minute = self._section(
                deferred, texts.DEFERRED_SECTION, by_section[texts.DEFERRED_SECTION], minute
            )
        for item, decision, minutes in closing:
            self._item(item, decision, minutes, self._at(minute))
            minute += 10

    def _section(self, item, title, recs, minute) -> int:
        for rec, spec in recs:
            council.decide_recommendation(rec, accept=spec["accept"], by=self.chair)
            at = self._at(minute)
            Recommendation.objects.filter(pk=rec.pk).update(decided_at=at)
            Recommendation.history.filter(id=rec.pk).update(proposed_at=rec.proposed_at)
            _date_last(Recommendation, rec.pk, at, decided_at=at)
            minute += 5
        decision, minutes = texts.SECTION_DECISIONS[title]
        amended = texts.AMENDED_TEXTS.get(title, "") if decision == Decision.AMEND else ""
        if decision == Decision.AMEND and not amended:
            decision = Decision.AGREE
        self._item(item, decision, minutes, self._at(minute), amended)
        return minute + 20

    def _item(self, item, decision, minutes, at, amended=""):
        council.decide_item(
            item, decision=decision, amended_text=amended, minutes=minutes, by=self.chair
        )
        MeetingItem.objects.filter(pk=item.pk).update(decided_at=at)
        item.decided_at = at
        _date_last(MeetingItem, item.pk, at, decided_at=at)

    def _date_adoption(self, meeting, adopted):
        at = _moment(texts.ADOPTED_AT)
        # Only update(): the adopted version and its items are frozen for save().
        AgendaVersion.objects.filter(pk=adopted.pk).update(
            created_at=at, adopted_at=at, title=texts.ADOPTED_TITLE
        )
        AgendaVersion.history.filter(id=adopted.pk).update(history_date=at)
        for model in (Section, Paragraph, Step, MainActivity):
            model.history.filter(version_id=adopted.pk).update(history_date=at)
        Change.objects.filter(version=adopted).update(made_at=at)
        Change.history.filter(version_id=adopted.pk).update(history_date=at, made_at=at)
        _date_last(CouncilMeeting, meeting.pk, at)


class _Elaboration:
    """Commitments of a fixed-seed share of every family's members, in bulk."""

    def __init__(self, programme, version):
        self.programme = programme
        self.version = version
        self.rng = random.Random(2016)
        self.facilities = {f.pk: f for f in Facility.objects.all()}
        self.facility_by_slug = {f.slug: f for f in self.facilities.values()}
        codes = {code for spec in texts.ACTIVITIES.values() for code, _note in spec["depends"]} | {
            code for own in texts.OWN_COMMITMENTS for code, _n in own["depends"]
        }
        codes |= {code for code, _n in texts.MERGER["own"]["depends"]}
        self.organisations = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        self.activities = list(
            MainActivity.objects.filter(version=version)
            .select_related("family")
            .prefetch_related("facilities")
            .order_by("family__position", "step__position", "position", "pk")
        )
        self.commitments: list[dict] = []  # rows, with their milestones, facilities, dependencies
        start = datetime.date(*texts.ELABORATED_FROM)
        self.span = (datetime.date(*texts.ELABORATED_UNTIL) - start).days
        self.start = start

    def _day(self) -> datetime.datetime:
        day = self.start + datetime.timedelta(days=self.rng.randint(0, self.span))
        while day.weekday() >= 5:
            day -= datetime.timedelta(days=1)
        return datetime.datetime(
            day.year,
            day.month,
            day.day,
            self.rng.randint(8, 17),
            self.rng.choice([0, 15, 30, 45]),
            tzinfo=TZ,
        )

    def run(self) -> int:
        today = datetime.date.today()
        merged = {texts.MERGER["successor"], *texts.MERGER["predecessors"]}
        by_family = defaultdict(list)
        for activity in self.activities:
            by_family[activity.family_id].append(activity)
        for family in Family.objects.filter(programme=self.programme).order_by("position"):
            activities = by_family.get(family.pk, [])
            if not activities:
                continue
            full = texts.SHARE_FULL.get(family.slug, 0.5)
            for organisation in family.members(today).order_by("code"):
                if organisation.code in merged:
                    continue
                roll = self.rng.random()
                if roll < full:
                    chosen = activities
                elif roll < full + texts.SHARE_PARTIAL and len(activities) > 1:
                    chosen = self.rng.sample(activities, self.rng.randint(1, len(activities) - 1))
                else:
                    continue
                for activity in chosen:
                    self._for_activity(organisation, family, activity)
        for own in texts.OWN_COMMITMENTS:
            organisation = Organisation.objects.filter(code=own["organisation"]).first()
            if organisation is not None:
                self._own(organisation, own)
        self._predecessors()
        return self._write()

    def _for_activity(self, organisation, family, activity, created=None):
        spec = texts.ACTIVITIES.get(activity.title)
        if spec is None:
            return
        rng = self.rng
        created = created or self._day()
        milestones = []
        for title, parts in spec["milestones"]:
            due = datetime.date(*parts) + datetime.timedelta(days=rng.randint(-20, 20))
            due = max(min(due, activity.deadline), created.date() + datetime.timedelta(days=30))
            milestones.append({"title": title, "due_on": min(due, activity.deadline)})
        roll = rng.random()
        status = (
            CommitmentStatus.DRAFT
            if roll < 0.18
            else CommitmentStatus.DONE
            if roll > 0.95
            else CommitmentStatus.COMMITTED
        )
        for number, milestone in enumerate(milestones):
            # Done: every milestone; committed: now and then the first one.
            if status == CommitmentStatus.DONE or (
                number == 0 and status == CommitmentStatus.COMMITTED and rng.random() < 0.4
            ):
                milestone["done_on"] = milestone["due_on"] - datetime.timedelta(
                    days=rng.randint(0, 14)
                )
        facilities = [f for f in activity.facilities.all() if rng.random() < 0.8]
        depends = [
            (self.organisations[code], note)
            for code, note in spec["depends"]
            if code in self.organisations
            and self.organisations[code].pk != organisation.pk
            and rng.random() < 0.35
        ]
        self.commitments.append(
            {
                "row": {
                    "organisation_id": organisation.pk,
                    "main_activity_id": activity.pk,
                    "main_activity_anchor": _ANCHOR.get_db_prep_value(activity.anchor, connection),
                    "programme_id": self.programme.pk,
                    "title": spec["title"],
                    "what": rng.choice(spec["what"]),
                    "how": rng.choice(spec["how"]),
                    "owner": rng.choice(texts.OWNERS.get(family.slug, ["Programmamanager"])),
                    "status": status,
                    "dependency_note": " ".join(note for _o, note in depends),
                    "transferred_from_id": None,
                    "transferred_at": None,
                    "created_at": created,
                    "updated_at": created,
                },
                "milestones": milestones,
                "facilities": facilities,
                "depends": [o for o, _note in depends],
            }
        )

    def _own(self, organisation, own, created=None):
        created = created or self._day()
        depends = [
            (self.organisations[code], note)
            for code, note in own["depends"]
            if code in self.organisations
        ]
        self.commitments.append(
            {
                "row": {
                    "organisation_id": organisation.pk,
                    "main_activity_id": None,
                    "main_activity_anchor": None,
                    "programme_id": self.programme.pk,
                    "title": own["title"],
                    "what": own["what"],
                    "how": own["how"],
                    "owner": own["owner"],
                    "status": CommitmentStatus.COMMITTED,
                    "dependency_note": " ".join(note for _o, note in depends),
                    "transferred_from_id": None,
                    "transferred_at": None,
                    "created_at": created,
                    "updated_at": created,
                },
                "milestones": [
                    {"title": title, "due_on": min(datetime.date(*parts), self.programme.deadline)}
                    for title, parts in own["milestones"]
                ],
                "facilities": [
                    self.facility_by_slug[s]
                    for s in own["facilities"]
                    if s in self.facility_by_slug
                ],
                "depends": [o for o, _note in depends],
            }
        )

    def _predecessors(self):
        """The municipalities that later merged elaborate in 2015, as members then."""
        gemeenten = Family.objects.filter(programme=self.programme, slug="gemeenten").first()
        if gemeenten is None:
            return
        by_title = {a.title: a for a in self.activities if a.family_id == gemeenten.pk}
        codes = texts.MERGER["predecessors"]
        found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        for code, titles in codes.items():
            organisation = found.get(code)
            if organisation is None:
                continue
            for title in titles:
                if title == "eigen":
                    self._own(organisation, texts.MERGER["own"])
                elif title in by_title:
                    self._for_activity(organisation, gemeenten, by_title[title])

    # -- writing -------------------------------------------------------------------------------

    def _write(self) -> int:
        if not self.commitments:
            return 0
        table = connection.ops.quote_name(Commitment._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {table}")
            before = cursor.fetchone()[0] or 0
        insert_rows(Commitment, [c["row"] for c in self.commitments])
        # The ids in insertion order: created_at breaks no tie, the id does.
        ids = list(
            Commitment.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True)
        )
        for commitment, pk in zip(self.commitments, ids, strict=True):
            commitment["id"] = pk
        copy_to_history(
            Commitment,
            "id > %s",
            [before],
            history_type="+",
            reason=None,
            user=None,
            date=_moment(texts.ELABORATED_FROM),
        )
        history = connection.ops.quote_name(Commitment.history.model._meta.db_table)
        with connection.cursor() as cursor:
            # Each commitment's history starts when it was made.
            cursor.execute(
                f"UPDATE {history} SET history_date = created_at WHERE id > %s", [before]
            )
        self._write_links(before)
        self._write_milestones()
        self._plan_facilities()
        return len(ids)

    def _write_links(self, before: int):
        for through, field, key in (
            (Commitment.facilities.through, "facility_id", "facilities"),
            (Commitment.depends_on.through, "organisation_id", "depends"),
        ):
            insert_rows(
                through,
                [
                    {"commitment_id": c["id"], field: other.pk}
                    for c in self.commitments
                    for other in c[key]
                ],
            )
            # The history of the links hangs on each commitment's first history row.
            name = "facilities" if key == "facilities" else "depends_on"
            m2m = apps.get_model("elaboration", f"HistoricalCommitment_{name}")
            m2m_table = connection.ops.quote_name(m2m._meta.db_table)
            source = connection.ops.quote_name(through._meta.db_table)
            history = connection.ops.quote_name(Commitment.history.model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {m2m_table} (id, commitment_id, {field}, history_id) "
                    f"SELECT s.id, s.commitment_id, s.{field}, h.history_id FROM {source} s "
                    f"JOIN {history} h ON h.id = s.commitment_id "
                    f"WHERE s.commitment_id > %s",
                    [before],
                )

    def _write_milestones(self):
        table = connection.ops.quote_name(Milestone._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {table}")
            before = cursor.fetchone()[0] or 0
        rows = [
            {
                "commitment_id": c["id"],
                "title": m["title"],
                "due_on": m["due_on"],
                "done_on": m.get("done_on"),
            }
            for c in self.commitments
            for m in c["milestones"]
        ]
        insert_rows(Milestone, rows)
        copy_to_history(
            Milestone,
            "id > %s",
            [before],
            history_type="+",
            reason=None,
            user=None,
            date=_moment(texts.ELABORATED_FROM),
        )
        history = connection.ops.quote_name(Milestone.history.model._meta.db_table)
        commitments = connection.ops.quote_name(Commitment._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {history} SET history_date = (SELECT c.created_at FROM {commitments} c "
                f"WHERE c.id = {history}.commitment_id) WHERE id > %s",
                [before],
            )

    def _plan_facilities(self):
        """The elaboration rule in bulk: a named facility is planned on the last milestone; an
        adoption under way or connected stays; a planned one takes the newest plan's date."""
        plans: dict[tuple[int, int], tuple[datetime.date, str, datetime.datetime]] = {}
        for c in sorted(self.commitments, key=lambda c: c["row"]["created_at"]):
            if not c["facilities"]:
                continue
            dates = [m["due_on"] for m in c["milestones"]]
            planned_on = max(dates) if dates else self.programme.deadline
            note = f"Gepland in de uitwerking “{c['row']['title']}”."[:500]
            for facility in c["facilities"]:
                key = (c["row"]["organisation_id"], facility.pk)
                plans[key] = (planned_on, note, c["row"]["created_at"])
        if not plans:
            return
        organisation_ids = {o for o, _f in plans}
        existing = {
            (a.organisation_id, a.facility_id): a
            for a in FacilityAdoption.objects.filter(organisation_id__in=organisation_ids)
        }
        new, changed = [], []
        for (organisation_id, facility_id), (planned_on, note, at) in plans.items():
            adoption = existing.get((organisation_id, facility_id))
            if adoption is None:
                new.append(
                    {
                        "organisation_id": organisation_id,
                        "facility_id": facility_id,
                        "state": AdoptionState.PLANNED,
                        "date": planned_on,
                        "note": note,
                        "updated_at": at,
                    }
                )
            elif adoption.state == AdoptionState.PLANNED and adoption.date != planned_on:
                changed.append(
                    {"id": adoption.pk, "date": planned_on, "note": note, "updated_at": at}
                )
        table = connection.ops.quote_name(FacilityAdoption._meta.db_table)
        history = connection.ops.quote_name(FacilityAdoption.history.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {table}")
            before = cursor.fetchone()[0] or 0
            cursor.execute(f"SELECT MAX(history_id) FROM {history}")
            history_before = cursor.fetchone()[0] or 0
        insert_rows(FacilityAdoption, new)
        copy_to_history(
            FacilityAdoption,
            "id > %s",
            [before],
            history_type="+",
            reason=None,
            user=None,
            date=_moment(texts.ELABORATED_FROM),
        )
        if changed:
            update_rows(FacilityAdoption, ["date", "note", "updated_at"], changed)
            ids = [row["id"] for row in changed]
            copy_to_history(
                FacilityAdoption,
                f"id IN ({', '.join(['%s'] * len(ids))})",
                ids,
                history_type="~",
                reason=None,
                user=None,
                date=_moment(texts.ELABORATED_FROM),
            )
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {history} SET history_date = updated_at WHERE history_id > %s",
                [history_before],
            )

    # -- the merger ----------------------------------------------------------------------------

    def merge(self) -> int:
        """Move the predecessors' commitments to Meierijstad, as `koers transfer-commitments`
        does, dated on the day of the merger."""
        successions = Succession.objects.filter(
            successor__code=texts.MERGER["successor"],
            predecessor__code__in=list(texts.MERGER["predecessors"]),
        ).select_related("predecessor", "successor")
        at = _moment(texts.MERGER["date"])
        moved = 0
        for succession in successions:
            ids = list(
                Commitment.objects.filter(organisation=succession.predecessor).values_list(
                    "pk", flat=True
                )
            )
            moved += transfer_commitments(succession.predecessor, succession.successor)
            Commitment.objects.filter(pk__in=ids).update(transferred_at=at, updated_at=at)
            Commitment.history.filter(id__in=ids, history_type="~").update(
                history_date=at, transferred_at=at
            )
        return moved
