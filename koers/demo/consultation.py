"""The consultation of the Digitaal 2017 demo: the draft, round tables, reviewers and input.

Loaded by `koers demo` after the programme and its families exist; its texts are
data/consultation.yaml and the Markdown files named below, the generated input is written by
koers/demo/prose.py. Every part is added once:
running it again keeps what is there (also when people changed it) and adds only what is
missing, so existing contributions are never regenerated. Generated input is deterministic (a
fixed seed) and every generated contribution carries a source id, which is how a second run
knows it is already there and how `--contributions N` can top up a smaller earlier load.

Everything is dated in 2015: a round table is planned three weeks ahead and its minutes and input
are recorded the working day after it; other input is recorded when it came in, or (rows of a
file) when the office imported the file, and the rows of a file imported during the
consultation were all sent in before that day.
"""

import datetime
import hashlib
import random
import re
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.consultation.constants import Channel, OrganisationClaim, Publication, Stance
from koers.consultation.models import Contribution, ImportBatch, Reviewer, RoundTable
from koers.consultation.search import indexed_in_bulk
from koers.core.bulk import analyse, copy_to_history, insert_rows
from koers.core.signals import input_written
from koers.organisations.models import Family, Organisation, Programme

from . import prose
from .texts import TZ, markdown, moment, texts

DEFAULT_CONTRIBUTIONS = 3000
REVIEWERS = 50
SEED = 2015
# The register as it stood during the consultation: who could be invited.
SURVEY_DATE = datetime.date(2015, 6, 26)
TEXTS = texts("consultation")
WRITTEN_AT = moment(TEXTS["written_at"])
OPENS = datetime.datetime.combine(TEXTS["opens"], datetime.time(9, 0), tzinfo=TZ)
CLOSES = datetime.datetime.combine(TEXTS["closes"], datetime.time(23, 59), tzinfo=TZ)
DEMO_OPEN_FOR = datetime.timedelta(days=90)
BATCH = 5000

STANCES = [Stance.AGREE, Stance.CONCERN, Stance.SUGGESTION, Stance.GENERAL]
STANCE_WEIGHTS = [25, 38, 29, 8]
# How much of the generated input comes from each family, for contributions by organisations.
FAMILY_WEIGHTS = {
    "gemeenten": 48,
    "provincies": 7,
    "waterschappen": 8,
    "beleidsdepartementen": 6,
    "kleine-uitvoeringsorganisaties": 15,
    "grote-uitvoeringsorganisaties": 16,
}
CAMPAIGN_WEIGHTS = {
    "papier-en-loket": 45,
    "kosten-eherkenning": 30,
    "toegankelijk": 15,
    "privacy": 10,
}
# Files the office imported; the source id of a row is "<prefix>:<row>".
IMPORT_FILES = {
    "webformulier": ("reacties-webformulier-digitaal2017.csv", datetime.date(2015, 8, 17)),
    "vng": ("vng-uitvraag-gemeenten-juli-2015.xlsx", datetime.date(2015, 7, 31)),
    "ondernemers": ("reacties-ondernemers-eherkenning.csv", datetime.date(2015, 8, 3)),
}
ROUND_TABLE_PLANNED_AHEAD = datetime.timedelta(days=21)


def imported_at(prefix: str) -> datetime.datetime:
    """When the office imported the file of `prefix`."""
    return datetime.datetime.combine(IMPORT_FILES[prefix][1], datetime.time(10), tzinfo=TZ)


def next_working_day(moment: datetime.datetime, hour: int) -> datetime.datetime:
    day = moment + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def load_consultation_demo(
    programme: Programme, contributions: int = DEFAULT_CONTRIBUTIONS
) -> dict[str, int]:
    """Add whatever part of the demo consultation is missing; returns how many rows were added."""
    with transaction.atomic():
        loader = _Loader(programme)
        added = {"versions": loader.load_version()}
        added["round_tables"] = loader.load_round_tables()
        added["reviewers"] = loader.load_reviewers()
        added["contributions"] = loader.load_generated(contributions) + loader.structured_added
    return added


class _Loader:
    def __init__(self, programme: Programme):
        self.programme = programme
        self.families = {f.slug: f for f in Family.objects.filter(programme=programme)}
        self.members = {
            slug: list(family.members(SURVEY_DATE).order_by("code"))
            for slug, family in self.families.items()
        }
        # An organisation counts in the first family (by position) it belongs to.
        self.family_of = {}
        for slug in reversed(list(self.families)):
            for org in self.members[slug]:
                self.family_of[org.pk] = slug
        self.office = get_user_model().objects.filter(username="bureau").first()
        self.structured_added = 0

    # -- the draft -------------------------------------------------------------------------

    def load_version(self) -> int:
        version = AgendaVersion.objects.filter(programme=self.programme, number=1).first()
        if version is None:
            version = AgendaVersion(
                programme=self.programme,
                number=1,
                title=TEXTS["title"],
                introduction=markdown("draft-introduction"),
                state=VersionState.DRAFT,
                consultation_opens_at=OPENS,
                # The historical period ended on CLOSES; the demo keeps the draft open for a
                # while after it is loaded, so that anyone can try reacting as a meelezer.
                consultation_closes_at=max(CLOSES, timezone.now() + DEMO_OPEN_FOR),
            )
            version._history_user = self.office
            version.save()
            for position, spec in enumerate(TEXTS["sections"]):
                section = Section.objects.create(
                    version=version, position=position, title=spec["title"]
                )
                for number, written in enumerate(spec["paragraphs"]):
                    paragraph = Paragraph.objects.create(
                        version=version, section=section, position=number, text=written["text"]
                    )
                    families = written.get("families", ())
                    tailored = [self.families[s] for s in families if s in self.families]
                    if tailored:
                        paragraph.families.set(tailored)
            created = 1
        else:
            created = 0
        self.version = version
        self._index_paragraphs()
        return created

    def _index_paragraphs(self):
        """Paragraphs by the topic they were written under, so input lands on the right one.

        A draft whose paragraphs were added or removed by hand no longer matches the text here;
        its paragraphs get no topics and generated input then goes without paragraph links.
        """
        self.paragraph_keys = {}
        self.paragraphs = defaultdict(list)
        keys = [p["topic"] for section in TEXTS["sections"] for p in section["paragraphs"]]
        ordered = list(
            Paragraph.objects.filter(version=self.version)
            .order_by("section__position", "position")
            .prefetch_related("families")
        )
        if len(ordered) == len(keys):
            for key, paragraph in zip(keys, ordered, strict=True):
                self.paragraph_keys[paragraph.pk] = key
                self.paragraphs[key].append(paragraph)
        self.all_paragraphs = ordered
        self.family_paragraphs = {
            p.pk: [f.slug for f in p.families.all()] for p in ordered if p.families.all()
        }

    def paragraph_for(self, rng: random.Random, topic_key: str) -> Paragraph | None:
        key = prose.TEXTS["topic_paragraph"].get(topic_key, topic_key)
        candidates = self.paragraphs.get(key)
        if not candidates:
            for paragraph_key, topic in prose.TEXTS["paragraph_topic"].items():
                if topic == key and self.paragraphs.get(paragraph_key):
                    candidates = self.paragraphs[paragraph_key]
                    break
        return rng.choice(candidates) if candidates else None

    # -- round tables ----------------------------------------------------------------------

    def load_round_tables(self) -> int:
        existing = set(
            RoundTable.objects.filter(programme=self.programme).values_list("title", flat=True)
        )
        created = 0
        for slug, meetings in TEXTS["round_tables"].items():
            if slug not in self.families:
                continue
            for meeting in meetings:
                if meeting["title"] not in existing:
                    self._add_round_table(slug, meeting)
                    created += 1
        return created

    def _invitees(self, rng: random.Random, slug: str, meeting: dict) -> list[Organisation]:
        """A realistic subset: the meeting's preferred organisations first, then a sample."""
        exclude = set(meeting.get("exclude", ()))
        wanted = set(meeting.get("preferred", ()))
        members = [o for o in self.members[slug] if not {o.abbreviation, o.short_name} & exclude]
        preferred = [o for o in members if {o.abbreviation, o.short_name} & wanted]
        count = min(meeting["invite"], len(members))
        chosen = rng.sample(preferred, min(count, len(preferred)))
        rest = [o for o in members if o not in chosen]
        chosen += rng.sample(rest, count - len(chosen))
        return sorted(chosen, key=lambda o: o.sort_name)

    def _add_round_table(self, slug: str, meeting: dict):
        rng = random.Random(f"{SEED}:{meeting['title']}")
        starts_at = moment(meeting["start"])
        invited = self._invitees(rng, slug, meeting)
        if not invited:
            return
        # Most of those invited come; a few send apologies.
        present = max(1, round(len(invited) * rng.uniform(0.7, 0.9)))
        attended = sorted(rng.sample(invited, present), key=lambda o: o.sort_name)
        host = TEXTS["hosts"][slug]
        minutes = markdown("round-table-minutes").format(
            attended=len(attended),
            invited=len(invited),
            host=host,
            host_cap=host[0].upper() + host[1:],
            points="\n".join(f"- {point}" for point in meeting["points"]),
        )
        table = RoundTable(
            programme=self.programme,
            version=self.version,
            title=meeting["title"],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=meeting["hours"]),
            location=meeting.get("location", ""),
            online_url=meeting.get("online_url", ""),
            agenda=markdown("round-table-agenda").format(focus=meeting["focus"]),
        )
        table._history_user = self.office
        table._history_date = (starts_at - ROUND_TABLE_PLANNED_AHEAD).replace(hour=10, minute=0)
        table.save()
        table.families.set([self.families[slug]])
        table.invited.set(invited)
        # The office records who came and what was said on the working day after.
        recorded = next_working_day(table.ends_at, hour=11)
        table._history_date = recorded
        table.minutes = minutes
        table.save()
        table.attended.set(attended)

        rows, links = [], []
        speakers = attended * 2 if len(attended) < 12 else attended
        for number, org in enumerate(speakers):
            if rng.random() < 0.25:
                continue
            role = rng.choice(TEXTS["roles"][slug])
            stance = rng.choices(STANCES, STANCE_WEIGHTS)[0]
            text, key = prose.contribution_text(
                rng, family_slug=slug, org_name=org_label(org), stance=stance, style="speech"
            )
            rows.append(
                {
                    "channel": Channel.ROUND_TABLE,
                    "round_table_id": table.pk,
                    "organisation_id": org.pk,
                    "family_id": self.families[slug].pk,
                    "stance": stance,
                    "text": text,
                    "author_name": f"{role}, {org_label(org)}",
                    "publication": rng.choices(
                        [Publication.NAMED, Publication.ANONYMOUS, Publication.NONE], [5, 3, 2]
                    )[0],
                    "submitted_at": starts_at + datetime.timedelta(minutes=20 + number * 4),
                    "created_at": recorded,
                }
            )
            links.append(self.paragraph_for(rng, key))
        self._store(rows, links)
        self.structured_added += len(rows)

    # -- reviewers -------------------------------------------------------------------------

    def load_reviewers(self) -> int:
        rng = random.Random(f"{SEED}:meelezers")
        existing = set(
            Reviewer.objects.filter(programme=self.programme).values_list("email", flat=True)
        )
        demo_user = get_user_model().objects.filter(username="meelezer").first()
        # Moderation draws from its own sequence, so the reviewers and texts stay as they were.
        moderation = random.Random(f"{SEED}:moderatie")
        specs, emails = [], set()
        for number in range(REVIEWERS):
            name = prose.person_name(rng)
            if number == 0 and demo_user is not None:
                name, email = demo_user.first_name or name, demo_user.email
            else:
                local = re.sub(r"[^a-z]+", ".", name.lower()).strip(".")
                email = f"{local}@example.org"
                while email in emails:
                    email = f"{local}{rng.randint(2, 99)}@example.org"
            emails.add(email)
            organisation = None
            if rng.random() < 0.45:
                slug = rng.choices(list(FAMILY_WEIGHTS), list(FAMILY_WEIGHTS.values()))[0]
                if self.members.get(slug):
                    organisation = rng.choice(self.members[slug])
            consented = OPENS + datetime.timedelta(
                days=rng.randint(0, 45), hours=rng.randint(0, 12), minutes=rng.randint(0, 59)
            )
            reactions = rng.randint(1, 6)
            specs.append((name, email, organisation, consented, reactions, number == 0))
        created, added = 0, []
        rows, links = [], []
        for name, email, organisation, consented, reactions, is_demo_user in specs:
            if email in existing:
                continue  # reactions are only ever added together with their reviewer
            if is_demo_user and Reviewer.objects.filter(user=demo_user).exists():
                continue
            confirmed_at = consented + datetime.timedelta(minutes=rng.randint(1, 90))
            reviewer = Reviewer.objects.create(
                programme=self.programme,
                user=demo_user if is_demo_user else None,
                email=email,
                name=name,
                organisation=organisation,
                consent_text=TEXTS["consent_text"],
                consented_at=consented,
                confirmed_at=confirmed_at,
                **self._organisation_check(moderation, organisation, confirmed_at),
            )
            created += 1
            added.append(reviewer.pk)
            slug = self.family_of.get(organisation.pk) if organisation else None
            for _ in range(reactions):
                paragraph = self._reviewer_paragraph(rng, slug)
                key = self.paragraph_keys.get(paragraph.pk) if paragraph else None
                stance = rng.choices(STANCES[:3], [3, 4, 4])[0]
                # A reaction on a family's own paragraph speaks that family's language.
                tailored = self.family_paragraphs.get(paragraph.pk, []) if paragraph else []
                topic_family = slug or next(iter(tailored), None)
                text, _ = prose.contribution_text(
                    rng,
                    family_slug=topic_family,
                    org_name=org_label(organisation) if organisation else None,
                    stance=stance,
                    style="form",
                    topic_key=key,
                )
                rows.append(
                    {
                        "channel": Channel.REVIEWER,
                        "reviewer_id": reviewer.pk,
                        "organisation_id": organisation.pk if organisation else None,
                        "family_id": self.families[slug].pk if slug else None,
                        "stance": stance,
                        "text": text,
                        "author_name": name,
                        "publication": rng.choices(
                            [Publication.NAMED, Publication.ANONYMOUS, Publication.NONE], [4, 4, 2]
                        )[0],
                        "submitted_at": min(
                            CLOSES - datetime.timedelta(hours=1),
                            consented + datetime.timedelta(days=rng.randint(0, 20), hours=2),
                        ),
                    }
                )
                links.append(paragraph)
        Reviewer.objects.filter(pk__in=added).update(created_at=F("consented_at"))
        for row in rows:
            self._moderate(moderation, row)
        self._store(rows, links)
        self.structured_added += len(rows)
        return created

    def _organisation_check(self, rng: random.Random, organisation, confirmed_at) -> dict:
        """Most reviewers' organisations were confirmed by the office; a few still wait."""
        if organisation is None or self.office is None or rng.random() < 0.2:
            return {}
        return {
            "organisation_claim": OrganisationClaim.CONFIRMED,
            "organisation_checked_at": confirmed_at + datetime.timedelta(hours=rng.randint(2, 48)),
            "organisation_checked_by": self.office,
        }

    def _moderate(self, rng: random.Random, row: dict) -> None:
        """The office approved most reactions a few hours after they came in; a few wait in
        the queue, one of them changed after it was approved (its approved text stays public)."""
        draw = rng.random()
        if draw < 0.05:
            return  # never looked at yet
        row["moderated_at"] = row["submitted_at"] + datetime.timedelta(hours=rng.randint(1, 30))
        row["published_text"] = row["text"]
        if draw < 0.08:
            row["text"] = row["text"] + "\n\n" + TEXTS["reaction_addition"]
            row["moderated_at"] = None

    def _reviewer_paragraph(self, rng: random.Random, slug: str | None) -> Paragraph | None:
        own = [p for p in self.all_paragraphs if slug in self.family_paragraphs.get(p.pk, ())]
        if own and rng.random() < 0.4:
            return rng.choice(own)
        general = [p for p in self.all_paragraphs if p.pk not in self.family_paragraphs]
        pool = general if rng.random() < 0.85 else self.all_paragraphs
        return rng.choice(pool) if pool else None

    # -- generated input from the other channels -------------------------------------------

    def load_generated(self, total: int) -> int:
        """Top up to `total` contributions in all, with input by import, e-mail and paper.

        Item i is always the same text with the same source id, whatever the total, so a
        second run adds nothing and a larger total adds only the items past the earlier ones.
        """
        structured = Contribution.objects.filter(
            programme=self.programme, channel__in=[Channel.ROUND_TABLE, Channel.REVIEWER]
        ).count()
        wanted = max(0, total - structured)
        existing = set(
            Contribution.objects.filter(programme=self.programme)
            .exclude(source_id="")
            .values_list("source_id", flat=True)
        )
        present = {n for n in map(_generated_number, existing) if n is not None and n < wanted}
        if len(present) == wanted:
            return 0  # all there: no need to generate them again just to find that out
        batches = {}
        rng = random.Random(SEED)
        recent: list[tuple[str, dict]] = []
        rows, links, added = [], [], 0
        batch_rows = defaultdict(list)
        for number in range(wanted):
            item = self._generate(rng, number, recent)
            if item["source_id"] in existing:
                continue
            prefix = item.pop("import_file", None)
            links.append(item.pop("paragraph"))
            if prefix:
                item["submitted_at"] = _sent_before(item["submitted_at"], imported_at(prefix))
                item["created_at"] = imported_at(prefix)
                if prefix not in batches:
                    batches[prefix] = self._import_batch(prefix)
                item["import_batch_id"] = batches[prefix].pk
                batch_rows[prefix].append(item)
            rows.append(item)
            if len(rows) >= BATCH:
                added += self._store(rows, links)
                rows, links = [], []
        added += self._store(rows, links)
        for prefix, contributions in batch_rows.items():
            self._count_batch(batches[prefix], contributions)
        if added:
            # The synthesis and agenda demos that follow query these tables at once.
            analyse(Contribution, Contribution.history.model, Contribution.paragraphs.through)
        return added

    def _generate(self, rng: random.Random, number: int, recent: list) -> dict:
        roll = rng.random()
        if roll < 0.03 and recent:
            # The same message sent twice: by e-mail and again through the web form.
            text, base = rng.choice(recent)
            item = dict(base, text=text)
            item.update(self._channel(rng, number, "import", "webformulier"))
            return item
        if roll < 0.21:
            item = self._campaign_item(rng, number)
        elif roll < 0.26:
            item = self._noise_item(rng, number)
        else:
            item = self._regular_item(rng, number)
        if item["text"] and rng.random() < 0.05:
            recent.append((item["text"], {k: v for k, v in item.items() if k != "text"}))
            del recent[:-50]
        return item

    def _channel(
        self, rng: random.Random, number: int, channel: str, import_file: str = ""
    ) -> dict:
        if channel == "import":
            prefix = import_file or "webformulier"
            return {
                "channel": Channel.IMPORT,
                "import_file": prefix,
                "source_id": f"{prefix}:{number + 2:06d}",
            }
        if channel == "position-paper":
            return {"channel": Channel.POSITION_PAPER, "source_id": f"pp-2015-{number:06d}"}
        return {"channel": Channel.EMAIL, "source_id": f"mail-2015-{number:06d}"}

    def _moment(self, rng: random.Random, peak: float | None = None) -> datetime.datetime:
        """A moment in the consultation period; most input comes in towards the end."""
        span = (CLOSES - OPENS).total_seconds()
        if peak is None:
            share = rng.betavariate(2.2, 1.4)
        else:
            share = min(0.999, max(0.0, rng.gauss(peak, 0.05)))
        moment = OPENS + datetime.timedelta(seconds=share * span)
        hour = rng.choice((8, 9, 10, 11, 13, 14, 15, 16, 19, 20, 21, 22))
        return moment.replace(hour=hour, microsecond=0)

    def _campaign_item(self, rng: random.Random, number: int) -> dict:
        key = rng.choices(list(CAMPAIGN_WEIGHTS), list(CAMPAIGN_WEIGHTS.values()))[0]
        campaign = prose.TEXTS["campaigns"][key]
        name = prose.person_name(rng)
        mix = campaign["channel_mix"]
        channel = rng.choices(list(mix), list(mix.values()))[0]
        import_file = "ondernemers" if key == "kosten-eherkenning" else "webformulier"
        peak = {"papier-en-loket": 0.55, "kosten-eherkenning": 0.75}.get(key, 0.85)
        return {
            **self._channel(rng, number, channel, import_file),
            "text": prose.campaign_text(rng, campaign, name),
            "author_name": name,
            "stance": campaign["stance"],
            "publication": rng.choices([Publication.NONE, Publication.ANONYMOUS], [6, 4])[0],
            "submitted_at": self._moment(rng, peak),
            "paragraph": self.paragraph_for(rng, campaign["paragraph"]),
        }

    def _noise_item(self, rng: random.Random, number: int) -> dict:
        name = prose.person_name(rng)
        return {
            **self._channel(rng, number, rng.choice(("import", "e-mail"))),
            "text": rng.choice(prose.TEXTS["noise"]),
            "author_name": name if rng.random() < 0.6 else "",
            "stance": Stance.GENERAL,
            "publication": Publication.NONE,
            "submitted_at": self._moment(rng),
            "paragraph": None,
        }

    def _regular_item(self, rng: random.Random, number: int) -> dict:
        stance = rng.choices(STANCES, STANCE_WEIGHTS)[0]
        organisation, slug = None, None
        if rng.random() < 0.6:
            slug = rng.choices(list(FAMILY_WEIGHTS), list(FAMILY_WEIGHTS.values()))[0]
            if self.members.get(slug):
                organisation = rng.choice(self.members[slug])
            else:
                slug = None
        if organisation is not None:
            channel = rng.choices(["import", "e-mail", "position-paper"], [55, 33, 12])[0]
            import_file = "vng" if slug == "gemeenten" and rng.random() < 0.5 else "webformulier"
            role = rng.choice(TEXTS["roles"][slug])
            author = f"{role}, {org_label(organisation)}"
            publication = rng.choices(
                [Publication.NAMED, Publication.ANONYMOUS, Publication.NONE], [6, 2, 2]
            )[0]
        else:
            channel = rng.choices(["import", "e-mail"], [65, 35])[0]
            import_file = "webformulier"
            author = prose.person_name(rng) if rng.random() < 0.7 else ""
            publication = rng.choices(
                [Publication.NAMED, Publication.ANONYMOUS, Publication.NONE], [2, 5, 3]
            )[0]
        style = {"import": "form", "e-mail": "letter", "position-paper": "paper"}[channel]
        text, key = prose.contribution_text(
            rng,
            family_slug=slug,
            org_name=org_label(organisation) if organisation else None,
            stance=stance,
            style=style,
            author=author,
        )
        return {
            **self._channel(rng, number, channel, import_file),
            "text": text,
            "organisation_id": organisation.pk if organisation else None,
            "family_id": self.families[slug].pk if slug else None,
            "author_name": author,
            "stance": stance,
            "publication": publication,
            "submitted_at": self._moment(rng),
            # Most input is about something the draft says; some is only general.
            "paragraph": self.paragraph_for(rng, key) if rng.random() < 0.75 else None,
        }

    def _import_batch(self, prefix: str) -> ImportBatch:
        file_name, _imported_on = IMPORT_FILES[prefix]
        batch = ImportBatch.objects.filter(programme=self.programme, file_name=file_name).first()
        if batch is None:
            batch = ImportBatch.objects.create(
                programme=self.programme, file_name=file_name, imported_by=self.office
            )
            ImportBatch.objects.filter(pk=batch.pk).update(imported_at=imported_at(prefix))
        return batch

    def _count_batch(self, batch: ImportBatch, added: list[dict]):
        # The demo has no real file: the digest stands for the rows it added.
        digest = hashlib.sha256(batch.sha256.encode())
        for row in added:
            digest.update(f"{row['source_id']}\t{row['text']}\n".encode())
        rows = Contribution.objects.filter(import_batch=batch).count()
        ImportBatch.objects.filter(pk=batch.pk).update(
            rows=rows, created=rows, sha256=digest.hexdigest()
        )

    # -- storing ---------------------------------------------------------------------------

    def _store(self, rows: list[dict], paragraphs: list[Paragraph | None]) -> int:
        """Contributions with their history and paragraph links, as plain rows.

        The ORM's bulk_create spends most of its time preparing values field by field; the demo
        must load 100,000 contributions in well under a minute, so the rows (already in database
        form) go in with executemany. Ids are given here, so that history and links can refer to
        them without reading them back; the sequence is set past them afterwards.
        """
        if not rows:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {Contribution._meta.db_table}")
            next_id = (cursor.fetchone()[0] or 0) + 1
            base = {
                **_field_defaults(Contribution),
                "programme_id": self.programme.pk,
                "version_id": self.version.pk,
            }
            records, links = [], []
            for number, (row, paragraph) in enumerate(zip(rows, paragraphs, strict=True)):
                record = {**base, **row, "id": next_id + number}
                # Recorded when it came in (or was imported); last changed by its moderation.
                record["created_at"] = record["created_at"] or record["submitted_at"]
                record["updated_at"] = max(
                    record["created_at"], record["moderated_at"] or record["created_at"]
                )
                if record["organisation_id"] and not record["family_id"]:
                    slug = self.family_of.get(record["organisation_id"])
                    record["family_id"] = self.families[slug].pk if slug else None
                records.append(record)
                if paragraph is not None:
                    links.append((record["id"], paragraph.pk))
            with indexed_in_bulk("id >= %s", [next_id]):
                insert_rows(Contribution, records)
            copy_to_history(
                Contribution,
                "id >= %s",
                [next_id],
                history_type="+",
                reason=None,
                user=self.office,
                date=timezone.now(),
            )
            history = connection.ops.quote_name(Contribution.history.model._meta.db_table)
            cursor.execute(
                f"UPDATE {history} SET history_date = created_at WHERE id >= %s", [next_id]
            )
            through = Contribution.paragraphs.through
            cursor.executemany(
                f"INSERT INTO {through._meta.db_table} (contribution_id, paragraph_id) "
                "VALUES (%s, %s)",
                links,
            )
            # Once the links are there: the counts per paragraph read them.
            input_written.send(
                Contribution,
                programme_id=self.programme.pk,
                contributions=Contribution.objects.filter(
                    programme=self.programme, id__gte=next_id
                ),
            )
            for statement in connection.ops.sequence_reset_sql(no_style(), [Contribution]):
                cursor.execute(statement)
        return len(records)


def _sent_before(submitted: datetime.datetime, imported: datetime.datetime) -> datetime.datetime:
    """When a row of a file imported at `imported` was sent in: a file imported during the
    consultation holds only what came in before, so its rows are spread over the consultation
    up to that day in the same proportions (at the same time of day)."""
    end = min(CLOSES, imported - datetime.timedelta(hours=1))
    if end >= CLOSES:
        return submitted
    share = (submitted - OPENS) / (CLOSES - OPENS)
    moment = OPENS + share * (end - OPENS)
    moment = moment.replace(hour=submitted.hour, minute=submitted.minute, second=0)
    return min(moment, end)


def _field_defaults(model) -> dict:
    """Every column's default, so rows name only what they set (and new fields need nothing)."""
    return {f.attname: f.get_default() for f in model._meta.concrete_fields if not f.primary_key}


_GENERATED_ID = re.compile(rf"(?:(?:{'|'.join(IMPORT_FILES)}):|(?:mail|pp)-2015-)(\d{{6,}})")


def _generated_number(source_id: str) -> int | None:
    """The item number in a generated source id (import rows count from 2, after the header)."""
    match = _GENERATED_ID.fullmatch(source_id)
    if match is None:
        return None
    number = int(match.group(1))
    return number - 2 if ":" in source_id else number


def org_label(org: Organisation) -> str:
    """How a speaker's organisation is named in a sentence: "gemeente Zwolle", "RDW"."""
    name = org.official_name
    if name.startswith("waterschap ") and org.short_name.split()[0] in (
        "Hoogheemraadschap",
        "Wetterskip",
        "Waterschap",
    ):
        return org.short_name
    if name.startswith("Directoraat-generaal ") and org.abbreviation:
        return org.abbreviation
    if name.startswith("Ministerie "):
        return "ministerie " + name.removeprefix("Ministerie ")
    return name
