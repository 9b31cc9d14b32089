"""The demo's monitoring: Digitaal 2017 from its elaboration on to its deadline at the end of 2017.

- Every milestone's baseline is recorded when its commitment was made (the forecast only counts
  baselines recorded by its peildatum, so the forecast as it read in mid-2016 has them).
- One reporting round per quarter from 2016-Q1 to 2017-Q4, opened and due on the dates of
  data/monitoring.yaml. Each commitment follows a course through the rounds: most stay on track
  and rise, some are at risk for a while, some are delayed (their open milestones re-planned
  with a reason, so slippage against the baseline shows), a few stop. Now and then an
  organisation does not report in a round (unknown, not 0) or reports after the deadline.
- The maturity catalogue and its measurement: observations for every municipality, province and
  water board in 2015, 2016 and 2017, calibrated to the published Digitaal 2017 figures (larger
  municipalities score higher, the smaller rise faster, water boards highest), and a few
  comply-or-explain explanations. Facility indicators read the register's adoptions, which the
  earlier stages already date from 2015 to 2017.

Everything is written in bulk with its own date in the story, from a fixed seed; running it
again adds nothing. The many rows (reports, what they said, observations) are written as plain
rows (koers/core/bulk.py): none of these models keeps a history, and building ORM objects and
statements for ten thousands of rows cost more than the database does.
"""

import datetime
import math
import random
import statistics
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery

from koers.accounts.models import Role, RoleKind
from koers.core.bulk import insert_rows, update_rows
from koers.elaboration.models import Commitment, Milestone
from koers.monitoring import periods
from koers.monitoring.constants import FrozenBecause, PlanKind, ReportStatus
from koers.monitoring.models import (
    Explanation,
    Indicator,
    MilestonePlan,
    Observation,
    ProgressReport,
    ReportedMilestone,
    ReportingRound,
)
from koers.monitoring.models_maturity import ObservationSource
from koers.monitoring.services import freeze_baselines
from koers.organisations.constants import Kind
from koers.organisations.models import Facility, Organisation, Programme

from .texts import TZ, texts

TEXTS = texts("monitoring")
YEARS = (2015, 2016, 2017)
MEASURED_KINDS = (Kind.MUNICIPALITY, Kind.PROVINCE, Kind.WATER_BOARD)


def load_monitoring_demo(programme: Programme) -> dict[str, int]:
    """Baselines, rounds and reports, and the maturity measurement, each once."""
    with transaction.atomic():
        found = {"baselines": _date_baselines(programme), "reports": 0, "observations": 0}
        if not ReportingRound.objects.filter(programme=programme).exists():
            found["reports"] = _Rounds(programme).run()
        if not Indicator.objects.filter(programme=programme).exists():
            found["observations"] = _measure(programme)
        return found


def _max_id(model) -> int:
    """The highest id in `model`'s table, so that rows inserted after it can be found again."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")
        return cursor.fetchone()[0] or 0


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=TZ
    )


def _date_baselines(programme: Programme) -> int:
    """Freeze what has no baseline yet, and date every baseline recorded while loading on the day
    its commitment was made (and committed)."""
    freeze_baselines(programme=programme, because=FrozenBecause.ADOPTION)
    loaded = MilestonePlan.objects.filter(
        commitment__programme=programme, kind=PlanKind.BASELINE
    ).exclude(frozen_because=FrozenBecause.COMMITTED)
    created = Commitment.objects.filter(pk=OuterRef("commitment_id")).values("created_at")[:1]
    return loaded.update(recorded_at=Subquery(created), frozen_because=FrozenBecause.COMMITTED)


class _Rounds:
    """The quarterly rounds and every commitment's reports in them, from a fixed seed."""

    def __init__(self, programme: Programme):
        self.programme = programme
        self.rng = random.Random(2017)
        self.office = get_user_model().objects.filter(username="bureau").first()
        self.reporters = dict(
            Role.objects.filter(programme=programme, kind=RoleKind.CONTRIBUTOR).values_list(
                "organisation_id", "user_id"
            )
        )

    def run(self) -> int:
        rounds = self._open_rounds()
        commitments = list(Commitment.objects.filter(programme=self.programme).order_by("pk"))
        milestones = defaultdict(list)
        for milestone in Milestone.objects.filter(commitment__programme=self.programme).order_by(
            "due_on", "pk"
        ):
            milestones[milestone.commitment_id].append(milestone)
        silent = {
            (organisation, r.pk)
            for organisation in sorted({c.organisation_id for c in commitments})
            for r in rounds
            if self.rng.random() < TEXTS["silent"]
        }
        late = {
            (organisation, r.pk)
            for organisation in sorted({c.organisation_id for c in commitments})
            for r in rounds
            if self.rng.random() < TEXTS["late"]
        }
        reports, said, replans, changed = [], [], [], {}
        for commitment in commitments:
            self._course(commitment, milestones[commitment.pk], rounds, silent, late)
            for report, items, plans in self._reports:
                reports.append(report)
                said.append(items)
                replans.append(plans)
            changed.update({m.pk: m for m in milestones[commitment.pk] if m._changed})
        before = _max_id(ProgressReport)
        insert_rows(ProgressReport, reports)
        # The ids in insertion order, for what each report said.
        ids = ProgressReport.objects.filter(pk__gt=before).order_by("pk").values_list("pk")
        for (pk,), items, plans in zip(ids, said, replans, strict=True):
            for item in items:
                item["report_id"] = pk
            for plan in plans:
                plan["report_id"] = pk
        insert_rows(ReportedMilestone, [i for items in said for i in items])
        insert_rows(MilestonePlan, [p for plans in replans for p in plans])
        # As bulk_update did: the milestones' own dates, without a history record.
        update_rows(
            Milestone,
            ["due_on", "done_on"],
            [{"id": m.pk, "due_on": m.due_on, "done_on": m.done_on} for m in changed.values()],
        )
        return len(reports)

    def _open_rounds(self) -> list[ReportingRound]:
        rounds = [
            ReportingRound(
                programme=self.programme,
                period=spec["period"],
                period_ends_on=periods.parse(spec["period"]).ends_on,
                opens_on=spec["opens_on"],
                deadline=spec["deadline"],
                note=TEXTS["round_note"],
                opened_by=self.office,
            )
            for spec in TEXTS["rounds"]
        ]
        ReportingRound.objects.bulk_create(rounds)
        rounds = list(ReportingRound.objects.filter(programme=self.programme))
        for r in rounds:
            r.opened_at = datetime.datetime.combine(r.opens_on, datetime.time(9), tzinfo=TZ)
        ReportingRound.objects.bulk_update(rounds, ["opened_at"])
        return rounds

    def _course(self, commitment, milestones, rounds, silent, late):
        """This commitment's reports, milestones said done or re-planned, in self._reports."""
        rng = self.rng
        self._reports = []
        for m in milestones:
            m._changed = False
        courses = TEXTS["courses"]
        course = rng.choices(list(courses), weights=list(courses.values()))[0]
        turn = rng.randint(1, len(rounds) - 3)  # the round where a course turns
        # Days a milestone is done after its date (negative: before it), as the course goes.
        lateness = TEXTS["lateness"][course]
        percent = rng.randint(0, 15)
        status = ReportStatus.ON_TRACK
        explanation = ""
        made = commitment.created_at.date()
        for number, round_ in enumerate(rounds):
            if made > round_.deadline:
                continue
            organisation = commitment.organisation_id
            if (
                commitment.transferred_at
                and commitment.transferred_from_id
                and round_.period_ends_on < commitment.transferred_at.date()
            ):
                organisation = commitment.transferred_from_id
            ends = round_.period_ends_on
            if (organisation, round_.pk) in late:
                day = round_.deadline + datetime.timedelta(days=rng.randint(1, 21))
            else:
                span = (round_.deadline - round_.opens_on).days
                day = round_.opens_on + datetime.timedelta(days=rng.randint(0, span))
            # The last round reports at the deadline: nothing is dated after it.
            day = max(min(day, self.programme.deadline), made)
            previous = status
            if status in (ReportStatus.STOPPED, ReportStatus.DONE):
                pass
            elif course == "stopped" and number >= turn:
                status = ReportStatus.STOPPED
            elif course == "delayed" and number >= turn:
                status = ReportStatus.DELAYED
                percent = min(90, percent + rng.randint(0, 8))
            elif course == "wobbly" and turn <= number < turn + 2:
                status = ReportStatus.AT_RISK
                percent = min(95, percent + rng.randint(2, 8))
            else:
                status = ReportStatus.ON_TRACK
                left = len(rounds) - number
                percent = min(100, percent + max(5, (100 - percent) // left + rng.randint(-4, 6)))
            items, plans = [], []
            if status == ReportStatus.DELAYED and previous != ReportStatus.DELAYED:
                reason = rng.choice(TEXTS["replan_reasons"])
                for m in milestones:
                    if m.done_on is None and m.due_on > ends - datetime.timedelta(days=60):
                        m.due_on = m.due_on + datetime.timedelta(days=rng.randint(90, 240))
                        m._changed = True
                        items.append(_said(m, replanned_to=m.due_on, reason=reason))
                        plans.append(
                            {
                                "commitment_id": commitment.pk,
                                "milestone_id": m.pk,
                                "title": m.title,
                                "kind": PlanKind.REPLAN,
                                "due_on": m.due_on,
                                "frozen_because": "",
                                "reason": reason,
                                "report_id": None,
                            }
                        )
            if status not in (ReportStatus.STOPPED,):
                for m in milestones:
                    if m.done_on is not None:
                        continue
                    done = m.due_on + datetime.timedelta(days=rng.randint(*lateness))
                    if done <= ends or (m.due_on <= ends and number == len(rounds) - 1):
                        m.done_on = min(done, day)
                        m._changed = True
                        items.append(_said(m, done_on=m.done_on))
            if (
                status == ReportStatus.ON_TRACK
                and number == len(rounds) - 1
                and all(m.done_on for m in milestones)
            ):
                status, percent = ReportStatus.DONE, 100
            if (organisation, round_.pk) in silent and status != ReportStatus.DONE:
                # Not reported: what was done shows in the next report.
                continue
            if status != previous or not explanation or rng.random() < 0.3:
                explanation = rng.choice(TEXTS["explanations"][status])
            at = _at(day, rng)
            for plan in plans:
                plan["recorded_at"] = at
                plan["recorded_by_id"] = self.reporters.get(organisation)
            report = {
                "round_id": round_.pk,
                "commitment_id": commitment.pk,
                "organisation_id": organisation,
                "number": 1,
                "is_current": True,
                "status": status,
                "percent": percent,
                "explanation": explanation,
                "evidence_url": (
                    rng.choice(TEXTS["evidence"]) if rng.random() < TEXTS["evidence_share"] else ""
                ),
                "evidence_file": "",
                "reported_by_id": self.reporters.get(organisation),
                "reported_at": at,
            }
            self._reports.append((report, items, plans))


def _said(milestone: Milestone, *, done_on=None, replanned_to=None, reason="") -> dict:
    """A report's row on one milestone (its report is filled in once the reports are written)."""
    return {
        "report_id": None,
        "milestone_id": milestone.pk,
        "title": milestone.title,
        "done_on": done_on,
        "replanned_to": replanned_to,
        "reason": reason,
    }


# -- digital maturity --------------------------------------------------------------------------


def _measure(programme: Programme) -> int:
    rng = random.Random(2015)
    spec = TEXTS["indicators"]
    facilities = {f.slug: f.pk for f in Facility.objects.all()}
    indicators = [
        Indicator(
            programme=programme,
            code=item["code"],
            valid_from=spec["valid_from"],
            name=item["name"],
            description=item.get("description", ""),
            unit=item["unit"],
            levels=item.get("levels", []),
            direction=item.get("direction", "hoger"),
            source=item.get("source", ""),
            facility_id=facilities.get(item.get("facility")),
            position=position,
        )
        for position, item in enumerate(spec["catalogue"])
        if not item.get("facility") or item["facility"] in facilities
    ]
    Indicator.objects.bulk_create(indicators)
    by_code = {i.code: i for i in Indicator.objects.filter(programme=programme)}
    organisations = list(
        Organisation.objects.filter(kind__in=MEASURED_KINDS)
        .order_by("code")
        .values_list("pk", "kind", "inhabitants", "valid_from", "valid_until")
    )
    # Size: log(inhabitants) as standard scores among the municipalities; unknown counts average.
    logs = [math.log(n) for _pk, kind, n, *_ in organisations if kind == Kind.MUNICIPALITY and n]
    mean, spread = statistics.fmean(logs), statistics.pstdev(logs)
    low, high = TEXTS["range_2015"]
    rows = []
    for pk, kind, inhabitants, valid_from, valid_until in organisations:
        z = (math.log(inhabitants) - mean) / spread if inhabitants else rng.gauss(-0.3, 0.6)
        z = max(-2.5, min(2.5, z)) if kind == Kind.MUNICIPALITY else 0.5
        own = {code: rng.gauss(0, TEXTS["noise"]) for code in TEXTS["means"]}
        pace = {code: rng.gauss(0, 2) for code in TEXTS["means"]}
        access = rng.gauss(0, 0.7)
        for year in YEARS:
            ends = datetime.date(year, 12, 31)
            if (valid_from and valid_from > ends) or (valid_until and valid_until < ends):
                continue
            measured = TEXTS["measured_on"][year]
            since = year - YEARS[0]
            for code, means in TEXTS["means"].items():
                value = (
                    means[year]
                    + TEXTS["kind_offset"][kind]
                    + z * (TEXTS["size_effect"] - TEXTS["catch_up"] * since)
                    + own[code]
                    + pace[code] * since
                )
                if kind == Kind.MUNICIPALITY and year == YEARS[0] and code == TEXTS["ranged"]:
                    value = max(low, min(high, value))
                rows.append(
                    _observation(
                        by_code[code], pk, year, round(max(0.0, min(100.0, value)), 1), measured
                    )
                )
            level = TEXTS["accessibility"][year] - 0.4 * z + access + rng.gauss(0, 0.3)
            level -= 0.5 if kind == Kind.WATER_BOARD else 0
            rows.append(
                _observation(
                    by_code["toegankelijkheid"],
                    pk,
                    year,
                    float(max(0, min(4, round(level)))),
                    measured,
                    source=ObservationSource.SELF_REPORTED,
                )
            )
    insert_rows(Observation, rows)
    _explain(programme, by_code, rng)
    return len(rows)


def _observation(
    indicator, organisation_id, year, value, measured, source=ObservationSource.MEASURED
) -> dict:
    return {
        "indicator_id": indicator.pk,
        "organisation_id": organisation_id,
        "period": str(year),
        "period_ends_on": datetime.date(year, 12, 31),
        "value": value,
        "source": source,
        "observed_on": measured,
        "note": "",
    }


def _explain(programme, by_code, rng):
    """A few comply-or-explain texts, from the lowest scorer of the kind in 2017."""
    explanations = []
    taken = set()
    for spec in TEXTS["maturity_explanations"]:
        indicator = by_code[spec["indicator"]]
        candidates = Organisation.objects.filter(kind=spec["kind"]).exclude(pk__in=taken)
        if indicator.facility_id:
            organisation = candidates.order_by("code").first()
            period = ""
        else:
            low = Observation.objects.filter(
                indicator=indicator, period="2017", organisation__in=candidates
            ).order_by("-value" if indicator.direction == "lager" else "value", "organisation")
            first = low.select_related("organisation").first()
            organisation, period = (first.organisation, "2017") if first else (None, "")
        if organisation is None:
            continue
        taken.add(organisation.pk)
        explanations.append(
            Explanation(
                indicator=indicator,
                organisation=organisation,
                period=period,
                will_not_adopt=spec.get("will_not_adopt", False),
                text=spec["text"],
                written_at=_at(datetime.date(2017, 12, 4), rng),
            )
        )
    Explanation.objects.bulk_create(explanations)
