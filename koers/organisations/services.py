"""Writes to the register that span several rows and must be all-or-nothing."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from koers.core.concurrency import assign

from .constants import (
    AdoptionState,
    CustomerGroup,
    FacilityKind,
    Kind,
    ServiceDomain,
    SuccessionKind,
)
from .countries import DEFAULT_COUNTRY, country_names, organisation_code
from .models import Facility, FacilityAdoption, Organisation, Succession

DATA_DIR = Path(__file__).resolve().parent / "data"
REGISTER_FILE = DATA_DIR / "register.json"
FACILITIES_FILE = DATA_DIR / "facilities.json"

REQUIRED = ("code", "kind", "official_name", "short_name")
FIELDS = (
    "country",
    "national_identifier",
    "tooi_uri",
    "municipality_code",
    "kind",
    "official_name",
    "short_name",
    "abbreviation",
    "sort_name",
    "valid_from",
    "valid_until",
    "staff",
    "inhabitants",
    "customer_groups",
    "service_domains",
    "source",
)


class RegisterError(ValueError):
    """A register file that cannot be loaded; the message names the record and the problem."""


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    successions: int


def _date(value, where: str, field: str):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RegisterError(f"{where}: {field} {value!r} is not a date (YYYY-MM-DD)") from None


def _code(raw: dict) -> str | None:
    """The record's code; outside the Netherlands it may be left out and then is formed from the
    country and the national identifier (docs/adr/0018)."""
    if raw.get("code"):
        return raw["code"]
    country, national = raw.get("country"), raw.get("national_identifier")
    if country and country != DEFAULT_COUNTRY and national:
        return organisation_code(country, str(national))
    return None


def _clean_record(raw: dict, index: int) -> dict:
    if not isinstance(raw, dict):
        raise RegisterError(f"organisation #{index + 1}: expected an object")
    raw = {**raw, "code": _code(raw)}
    where = f"organisation #{index + 1} ({raw.get('code') or 'no code'})"
    missing = [f for f in REQUIRED if not raw.get(f)]
    if missing:
        raise RegisterError(f"{where}: missing {', '.join(missing)}")
    if raw["kind"] not in Kind.values:
        raise RegisterError(f"{where}: unknown kind {raw['kind']!r}")
    for field, allowed in (
        ("customer_groups", CustomerGroup.values),
        ("service_domains", ServiceDomain.values),
    ):
        unknown = set(raw.get(field) or []) - set(allowed)
        if unknown:
            raise RegisterError(f"{where}: unknown {field} {', '.join(sorted(unknown))}")
    country = raw.get("country") or DEFAULT_COUNTRY
    if country not in country_names():
        raise RegisterError(
            f"{where}: unknown country {country!r} (expected an EU/EEA ISO 3166-1 code such as "
            "NL, BE or FR)"
        )
    national = raw.get("national_identifier")
    if national is not None and not isinstance(national, (str, int)):
        raise RegisterError(f"{where}: national_identifier must be text")
    national = str(national or "").strip()
    if len(national) > 40:
        raise RegisterError(f"{where}: national_identifier is longer than 40 characters")
    record = {field: raw.get(field) for field in FIELDS}
    record["country"] = country
    record["national_identifier"] = national
    record["valid_from"] = _date(raw.get("valid_from"), where, "valid_from")
    record["valid_until"] = _date(raw.get("valid_until"), where, "valid_until")
    if (
        record["valid_from"]
        and record["valid_until"]
        and record["valid_until"] < record["valid_from"]
    ):
        raise RegisterError(f"{where}: valid_until lies before valid_from")
    for field in ("municipality_code", "abbreviation", "source"):
        record[field] = record[field] or ""
    # Some source records capitalise their sort name; sorting must not depend on that.
    record["sort_name"] = (record["sort_name"] or raw["short_name"]).lower()
    record["customer_groups"] = list(record["customer_groups"] or [])
    record["service_domains"] = list(record["service_domains"] or [])
    record["tooi_uri"] = record["tooi_uri"] or None
    return record


def read_register(path: Path = REGISTER_FILE) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegisterError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise RegisterError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("organisations"), list):
        raise RegisterError(f"{path}: expected an object with a list 'organisations'")
    return data


@transaction.atomic
def import_register(path: Path = REGISTER_FILE) -> ImportResult:
    """Load the register file: new records are created, known ones updated, none duplicated.

    The whole file is validated before anything is written, and the writes run in one
    transaction, so a bad record leaves the database as it was.
    """
    data = read_register(path)
    records, seen, national_ids = {}, set(), {}
    for index, raw in enumerate(data["organisations"]):
        record = _clean_record(raw, index)
        code = _code(raw)
        if code in seen:
            raise RegisterError(f"organisation #{index + 1} ({code}): code appears twice")
        seen.add(code)
        if record["national_identifier"]:
            key = (record["country"], record["national_identifier"])
            if key in national_ids:
                raise RegisterError(
                    f"organisation #{index + 1} ({code}): national_identifier {key[1]!r} in "
                    f"{key[0]} is also that of {national_ids[key]}"
                )
            national_ids[key] = code
        records[code] = (record, raw.get("province"))
    for code, (_record, province) in records.items():
        if province and province not in records:
            raise RegisterError(f"organisation {code}: unknown province {province!r}")
    successions = []
    for index, raw in enumerate(data.get("successions") or []):
        where = f"succession #{index + 1}"
        for end in ("predecessor", "successor"):
            if raw.get(end) not in records:
                raise RegisterError(f"{where}: unknown {end} {raw.get(end)!r}")
        if raw.get("kind") not in SuccessionKind.values:
            raise RegisterError(f"{where}: unknown kind {raw.get('kind')!r}")
        successions.append(
            (
                raw["predecessor"],
                raw["successor"],
                _date(raw.get("date"), where, "date"),
                raw["kind"],
            )
        )

    existing = {org.code: org for org in Organisation.objects.all()}
    for org in existing.values():
        # What the organisation will hold after the import: the file's values when it is in it.
        kept = records[org.code][0] if org.code in records else vars(org)
        key = (kept["country"], kept["national_identifier"])
        if key[1] and national_ids.get(key, org.code) != org.code:
            raise RegisterError(
                f"organisation {national_ids[key]}: national_identifier {key[1]!r} in {key[0]} "
                f"already belongs to {org.code} in the register"
            )
    created = updated = unchanged = 0
    to_create, to_update = [], []
    for code, (record, _province) in records.items():
        org = existing.get(code)
        if org is None:
            to_create.append(Organisation(code=code, **record))
            created += 1
            continue
        changed = [f for f, v in record.items() if getattr(org, f) != v]
        if changed:
            for field in changed:
                setattr(org, field, record[field])
            to_update.append(org)
            updated += 1
        else:
            unchanged += 1
    # Bulk writes keep a full import fast; the *_with_history helpers still record history.
    bulk_create_with_history(to_create, Organisation, batch_size=500)
    if to_update:
        bulk_update_with_history(to_update, Organisation, list(FIELDS), batch_size=500)

    by_code = dict(Organisation.objects.values_list("code", "pk"))
    province_updates = []
    for org in Organisation.objects.filter(code__in=records.keys()).only(
        "pk", "code", "province_id"
    ):
        province = records[org.code][1]
        wanted = by_code[province] if province else None
        if org.province_id != wanted:
            org.province_id = wanted
            province_updates.append(org)
    Organisation.objects.bulk_update(province_updates, ["province"], batch_size=500)

    known = set(Succession.objects.values_list("predecessor__code", "successor__code"))
    Succession.objects.bulk_create(
        [
            Succession(predecessor_id=by_code[p], successor_id=by_code[s], date=d, kind=k)
            for p, s, d, k in successions
            if (p, s) not in known
        ],
        batch_size=500,
    )
    return ImportResult(created, updated, unchanged, len(successions))


def record_adoption(
    organisation, facility, *, state: str, date: datetime.date, note: str = "", by=None
):
    """Set an organisation's adoption of a facility; history keeps every earlier state."""
    if state not in AdoptionState.values:
        raise ValueError(f"unknown adoption state {state!r}")
    adoption, created = FacilityAdoption.objects.get_or_create(
        organisation=organisation,
        facility=facility,
        defaults={"state": state, "date": date, "note": note},
    )
    if not created:
        changed = assign(adoption, state=state, date=date, note=note)
        if by is not None:
            adoption._history_user = by
        if changed:
            adoption.save(update_fields=changed)
    return adoption


@transaction.atomic
def import_facilities(path: Path = FACILITIES_FILE) -> int:
    """Load the facility catalogue; known facilities (by slug) are updated in place."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise RegisterError(f"{path}: {exc}") from None
    for position, entry in enumerate(entries):
        missing = [f for f in ("slug", "name", "kind", "description") if not entry.get(f)]
        if missing:
            raise RegisterError(f"facility #{position + 1}: missing {', '.join(missing)}")
        if entry["kind"] not in FacilityKind.values:
            raise RegisterError(f"facility {entry['slug']}: unknown kind {entry['kind']!r}")
        Facility.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "kind": entry["kind"],
                "description": entry["description"],
                "for_citizens": bool(entry.get("citizens")),
                "for_businesses": bool(entry.get("businesses")),
                "position": position,
            },
        )
    return len(entries)
