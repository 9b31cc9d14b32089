"""The demo's council: the Regieraad discusses the concept (version 2) on 10 September 2015 and
adopts it as version 3.

The meeting goes through the council services (koers.agenda.council), so their rules hold; the
moments of 2015 are set on the rows and their history afterwards. Adoption sends version_moved
once, which mails the elaboration's opening to the contributors of member organisations (in the
demo one person: the "bijdrager" of Utrecht). The texts are data/council.yaml and
data/council-minutes.md.

Running it again adds nothing.
"""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max

from koers.accounts.models import Role, RoleKind
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.council import services as council
from koers.council.constants import Decision
from koers.council.models import CouncilMeeting, MeetingItem, Recommendation
from koers.drafting.models import Change
from koers.organisations.models import Family, Organisation, Programme

from .programme import demo_password
from .texts import markdown, moment, texts

TEXTS = texts("council")


def load_council_demo(programme: Programme) -> dict[str, int]:
    """Hold the meeting and adopt the agenda once; returns what was added."""
    User = get_user_model()
    office = User.objects.filter(username="bureau").first()
    chair = User.objects.filter(username="regieraad").first()
    concept = AgendaVersion.objects.filter(programme=programme, number=2).first()
    added = {"versions": 0}
    if office is None or chair is None or concept is None:
        return added
    with transaction.atomic():
        members = _council_members(programme)
        members[chair.username] = chair
        adopted = AgendaVersion.objects.filter(
            programme=programme, state=VersionState.ADOPTED
        ).first()
        if adopted is None and concept.state == VersionState.CONCEPT:
            _Meeting(programme, concept, office, members).run()
            added["versions"] = 1
    return added


def _council_members(programme: Programme) -> dict:
    User = get_user_model()
    families = {f.slug: f for f in Family.objects.filter(programme=programme)}
    codes = [m["organisation"] for m in TEXTS["members"] if "organisation" in m]
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    members = {}
    for member in TEXTS["members"]:
        username = member["username"]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": member["name"], "email": f"{username}@example.org"},
        )
        if created:
            user.password = demo_password()
            user.save()
        Role.objects.get_or_create(
            user=user,
            programme=programme,
            kind=RoleKind.COUNCIL_MEMBER,
            family=families.get(member.get("family")),
            organisation=organisations.get(member.get("organisation")),
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
        self.start = moment(TEXTS["starts_at"])

    def _at(self, minutes: int) -> datetime.datetime:
        return self.start + datetime.timedelta(minutes=minutes)

    def run(self) -> AgendaVersion:
        meeting = council.plan_meeting(
            self.programme,
            version=self.concept,
            title=TEXTS["title"],
            starts_at=self.start,
            location=TEXTS["location"],
            by=self.office,
        )
        _date_last(CouncilMeeting, meeting.pk, moment(TEXTS["planned_at"]))
        items = self._items(meeting)
        recommendations = self._recommendations(meeting)
        self._decide(meeting, items, recommendations)
        council.hold_meeting(meeting, minutes=markdown("council-minutes"), by=self.office)
        _date_last(CouncilMeeting, meeting.pk, self._at(360))
        adopted = council.adopt_version(meeting, by=self.chair)
        self._date_adoption(meeting, adopted)
        return adopted

    def _items(self, meeting) -> dict:
        planned = moment(TEXTS["planned_at"])
        items = {}
        before = [g["title"] for g in TEXTS["general_items"] if g["when"] == "voor"]
        after = [g["title"] for g in TEXTS["general_items"] if g["when"] == "na"]
        for title in before:
            items[title] = council.add_item(meeting, title=title, by=self.office)
        for title, section in self.sections.items():
            if title in TEXTS["section_decisions"]:
                items[title] = council.add_item(meeting, section=section, by=self.office)
        for title in after:
            items[title] = council.add_item(meeting, title=title, by=self.office)
        MeetingItem.history.filter(id__in=[i.pk for i in items.values()]).update(
            history_date=planned
        )
        return items

    def _recommendations(self, meeting) -> list[tuple[Recommendation, dict]]:
        paragraphs = list(Paragraph.objects.filter(version=self.concept).select_related("section"))
        made = []
        for spec in TEXTS["recommendations"]:
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
            at = moment(spec["at"])
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
            g["title"]: (g["when"], g["decision"], g["minutes"]) for g in TEXTS["general_items"]
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
            elif title == TEXTS["deferred_section"]:
                self._item(item, Decision.DEFER, TEXTS["deferred_minutes"], self._at(minute))
                deferred = item
                minute += 20
            else:
                minute = self._section(item, title, by_section[title], minute)
        minute = max(minute, 300)  # after the lunch break
        if deferred is not None:
            title = TEXTS["deferred_section"]
            minute = self._section(deferred, title, by_section[title], minute)
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
        decision = TEXTS["section_decisions"][title]["decision"]
        minutes = TEXTS["section_decisions"][title]["minutes"]
        amended = TEXTS["amended_texts"].get(title, "") if decision == Decision.AMEND else ""
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
        at = moment(TEXTS["adopted_at"])
        # Only update(): the adopted version and its items are frozen for save().
        AgendaVersion.objects.filter(pk=adopted.pk).update(
            created_at=at,
            adopted_at=at,
            title=TEXTS["adopted_title"],
            introduction=markdown("adopted-introduction"),
        )
        AgendaVersion.history.filter(id=adopted.pk).update(
            history_date=at, created_at=at, adopted_at=at
        )
        for model in (Section, Paragraph, Step, MainActivity):
            model.history.filter(version_id=adopted.pk).update(history_date=at)
        Change.objects.filter(version=adopted).update(made_at=at)
        Change.history.filter(version_id=adopted.pk).update(history_date=at, made_at=at)
        _date_last(CouncilMeeting, meeting.pk, at)
