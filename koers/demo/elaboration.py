"""The demo's elaboration: organisations elaborate their family's main activities of the adopted
agenda, and three municipalities that merged into Meierijstad hand their work over.

The commitments are written in bulk (koers.core.bulk) with their history, following the
elaboration rules: a facility named in a commitment is planned for the organisation unless its
adoption is further along. The texts are data/elaboration.yaml.

The members that elaborate are today's, as the elaboration overview counts them; one that did not
exist yet when it would have elaborated (a municipality formed by a later merger) makes nothing.

Running it again adds nothing.
"""

import datetime
import random
from collections import defaultdict

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, MainActivity
from koers.core.bulk import copy_to_history, insert_rows, update_rows
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

from .texts import TZ, texts

TEXTS = texts("elaboration")
ELABORATED_FROM = datetime.datetime.combine(TEXTS["elaborated_from"], datetime.time(), tzinfo=TZ)
# insert_rows passes values as they are; a UUID needs the database's form (text on SQLite).
_ANCHOR = Commitment._meta.get_field("main_activity_anchor")


def load_elaboration_demo(programme: Programme) -> dict[str, int]:
    """Elaborate the adopted agenda once, then hand over the merged municipalities' work; returns
    what was added."""
    adopted = AgendaVersion.objects.filter(programme=programme, state=VersionState.ADOPTED).first()
    if adopted is None or Commitment.objects.filter(programme=programme).exists():
        return {"commitments": 0, "transferred": 0}
    with transaction.atomic():
        elaboration = _Elaboration(programme, adopted)
        commitments = elaboration.run()
        return {"commitments": commitments, "transferred": elaboration.merge()}


class _Elaboration:
    """Commitments of a fixed-seed share of every family's members, in bulk."""

    def __init__(self, programme, version):
        self.programme = programme
        self.version = version
        self.rng = random.Random(2016)
        self.facilities = {f.pk: f for f in Facility.objects.all()}
        self.facility_by_slug = {f.slug: f for f in self.facilities.values()}
        codes = {
            d["organisation"] for spec in TEXTS["activities"].values() for d in spec["depends"]
        }
        codes |= {d["organisation"] for own in TEXTS["own_commitments"] for d in own["depends"]}
        codes |= {d["organisation"] for d in TEXTS["merger"]["own"]["depends"]}
        self.organisations = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        self.activities = list(
            MainActivity.objects.filter(version=version)
            .select_related("family")
            .prefetch_related("facilities")
            .order_by("family__position", "step__position", "position", "pk")
        )
        self.commitments: list[dict] = []  # rows, with their milestones, facilities, dependencies
        start = TEXTS["elaborated_from"]
        self.span = (TEXTS["elaborated_until"] - start).days
        self.start = start
        # The history of rows written in bulk starts here, and is then dated row by row.
        self.elaborated_from = ELABORATED_FROM

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
        today = timezone.localdate()
        merged = {TEXTS["merger"]["successor"], *TEXTS["merger"]["predecessors"]}
        by_family = defaultdict(list)
        for activity in self.activities:
            by_family[activity.family_id].append(activity)
        for family in Family.objects.filter(programme=self.programme).order_by("position"):
            activities = by_family.get(family.pk, [])
            if not activities:
                continue
            full = TEXTS["share_full"].get(family.slug, 0.5)
            for organisation in family.members(today).order_by("code"):
                if organisation.code in merged:
                    continue
                roll = self.rng.random()
                if roll < full:
                    chosen = activities
                elif roll < full + TEXTS["share_partial"] and len(activities) > 1:
                    chosen = self.rng.sample(activities, self.rng.randint(1, len(activities) - 1))
                else:
                    continue
                for activity in chosen:
                    self._for_activity(organisation, family, activity)
        for own in TEXTS["own_commitments"]:
            organisation = Organisation.objects.filter(code=own["organisation"]).first()
            if organisation is not None:
                self._own(organisation, own)
        self._predecessors()
        return self._write()

    def _for_activity(self, organisation, family, activity, created=None):
        spec = TEXTS["activities"].get(activity.title)
        if spec is None:
            return
        rng = self.rng
        created = created or self._day()
        milestones = []
        for milestone in spec["milestones"]:
            due = milestone["due"] + datetime.timedelta(days=rng.randint(-20, 20))
            due = max(min(due, activity.deadline), created.date() + datetime.timedelta(days=30))
            milestones.append({"title": milestone["title"], "due_on": min(due, activity.deadline)})
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
            (self.organisations[d["organisation"]], d["note"])
            for d in spec["depends"]
            if d["organisation"] in self.organisations
            and self.organisations[d["organisation"]].pk != organisation.pk
            and rng.random() < 0.35
        ]
        commitment = {
            "row": {
                "organisation_id": organisation.pk,
                "main_activity_id": activity.pk,
                "main_activity_anchor": _ANCHOR.get_db_prep_value(activity.anchor, connection),
                "programme_id": self.programme.pk,
                "title": spec["title"],
                "what": rng.choice(spec["what"]),
                "how": rng.choice(spec["how"]),
                "owner": rng.choice(TEXTS["owners"].get(family.slug, ["Programmamanager"])),
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
        # Drawn all the same, so that the other organisations' commitments stay as they are.
        if organisation.is_valid_on(created.date()):
            self.commitments.append(commitment)

    def _own(self, organisation, own, created=None):
        created = created or self._day()
        if not organisation.is_valid_on(created.date()):
            return
        depends = [
            (self.organisations[d["organisation"]], d["note"])
            for d in own["depends"]
            if d["organisation"] in self.organisations
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
                    {"title": m["title"], "due_on": min(m["due"], self.programme.deadline)}
                    for m in own["milestones"]
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
        codes = TEXTS["merger"]["predecessors"]
        found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        for code, titles in codes.items():
            organisation = found.get(code)
            if organisation is None:
                continue
            for title in titles:
                if title == "eigen":
                    self._own(organisation, TEXTS["merger"]["own"])
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
            date=self.elaborated_from,
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
            date=self.elaborated_from,
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
            date=self.elaborated_from,
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
                date=self.elaborated_from,
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
            successor__code=TEXTS["merger"]["successor"],
            predecessor__code__in=list(TEXTS["merger"]["predecessors"]),
        ).select_related("predecessor", "successor")
        at = datetime.datetime.combine(TEXTS["merger"]["date"], datetime.time(), tzinfo=TZ)
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
