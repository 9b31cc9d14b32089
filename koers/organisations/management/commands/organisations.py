import csv
import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...constants import Kind
from ...countries import country_names, is_country
from ...models import Family, Organisation

COLUMNS = [
    "code",
    "tooi_uri",
    "kind",
    "official_name",
    "short_name",
    "abbreviation",
    "municipality_code",
    "province",
    "valid_from",
    "valid_until",
    "country",
    "national_identifier",
]


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--on {value!r}: expected a date as YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Query the organisation register."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="organisations valid on a date")
        listing.add_argument("--family", help="family slug")
        listing.add_argument("--programme", help="programme slug (when a family slug is ambiguous)")
        listing.add_argument("--kind", help=f"one of: {', '.join(Kind.values)}")
        listing.add_argument("--country", help="ISO 3166-1 code of an EU/EEA country, e.g. BE")
        listing.add_argument("--on", help="YYYY-MM-DD (default: today)")
        listing.add_argument("--format", choices=["json", "csv"], default="csv")
        listing.add_argument("--count", action="store_true", help="print only the number")

    def handle(self, *args, action, **options):
        day = parse_day(options["on"]) if options["on"] else timezone.localdate()
        qs = Organisation.objects.valid_on(day).select_related("province")
        if options["kind"]:
            if options["kind"] not in Kind.values:
                raise CommandError(
                    f"--kind {options['kind']!r}: unknown; use one of {', '.join(Kind.values)}"
                )
            qs = qs.of_kind(options["kind"])
        if options["country"]:
            if not is_country(options["country"]):
                raise CommandError(
                    f"--country {options['country']!r}: not an EU/EEA country code; use one of "
                    f"{', '.join(country_names())}"
                )
            qs = qs.in_country(options["country"])
        if options["family"]:
            qs = qs.in_family(self.find_family(options["family"], options["programme"]))
        if options["count"]:
            self.stdout.write(str(qs.count()))
            return
        rows = [self.row(org) for org in qs]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def find_family(self, slug, programme):
        families = Family.objects.filter(slug=slug)
        if programme:
            families = families.filter(programme__slug=programme)
        found = list(families[:2])
        if not found:
            known = ", ".join(sorted(set(Family.objects.values_list("slug", flat=True)))) or "none"
            raise CommandError(f"--family {slug!r}: no such family (known: {known})")
        if len(found) > 1:
            raise CommandError(f"--family {slug!r} exists in several programmes: add --programme")
        return found[0]

    @staticmethod
    def row(org):
        return {
            "code": org.code,
            "tooi_uri": org.tooi_uri or "",
            "kind": org.kind,
            "official_name": org.official_name,
            "short_name": org.short_name,
            "abbreviation": org.abbreviation,
            "municipality_code": org.municipality_code,
            "province": org.province.code if org.province else "",
            "valid_from": org.valid_from.isoformat() if org.valid_from else "",
            "valid_until": org.valid_until.isoformat() if org.valid_until else "",
            "country": org.country,
            "national_identifier": org.national_identifier,
        }
