"""Derive koers/organisations/data/register.json from the public reference data.

Usage: python scripts/derive_register.py [PATH_TO_SHARED_DATA_ORGANISATIONS]

Reads the TOOI value lists (municipalities, provinces, water boards), the organisation list of
GPP-publicatiebank, the inhabitants of the municipalities on 1 January 2016 (CBS) and the
project's curated.json, and writes one normalised file that
`koers import-organisations` loads. Run it again when the sources are refreshed.
"""

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "koers" / "organisations" / "data"
ONT = "https://identifier.overheid.nl/tooi/def/ont/"
PROV = "http://www.w3.org/ns/prov#"
ALL_DOMAINS = [
    "ruimte",
    "sociaal",
    "burgerzaken",
    "belastingen",
    "economie",
    "mobiliteit",
    "onderwijs",
    "zorg",
    "veiligheid",
    "water",
]


def values(record, key):
    return [v.get("@value", v.get("@id")) for v in record.get(key, [])]


def first(record, key, default=None):
    found = values(record, key)
    return found[0] if found else default


def last_segment(uri):
    return uri.rsplit("/", 1)[-1]


def tooi_records(path):
    return json.loads(path.read_text(encoding="utf-8"))


def kind_of(record):
    return [last_segment(t) for t in record["@type"]]


def add_inhabitants(orgs: dict, path: Path) -> None:
    """The inhabitants of each municipality on 1 January 2016 (CBS), the year of the case's round
    tables: what the size classes of the register are counted on. Municipalities formed later
    have none (their size is unknown to the register until a newer count is added)."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            record = orgs[row["organisatiecode"]]
            record["inhabitants"] = int(row["inwoners"])


def derive(source: Path):
    orgs, successions = {}, []

    def add(rec):
        assert rec["code"] not in orgs, rec["code"]
        orgs[rec["code"]] = rec

    for rec in tooi_records(source / "tooi-provincies.jsonld.json"):
        if "Provincie" not in kind_of(rec):
            continue
        add(
            {
                "tooi_uri": rec["@id"],
                "code": first(rec, ONT + "organisatiecode"),
                "kind": "provincie",
                "official_name": first(rec, ONT + "officieleNaamInclSoort"),
                "short_name": first(rec, ONT + "voorkeursnaamExclSoort"),
                "abbreviation": first(rec, ONT + "afkorting", ""),
                "sort_name": first(rec, ONT + "officieleNaamSorteer"),
                "customer_groups": ["burgers", "bedrijven"],
                "service_domains": ["ruimte", "mobiliteit", "economie"],
                "source": "TOOI rwc_provincies_compleet v1",
            }
        )

    for name, kind, domains, source_name in (
        ("tooi-gemeenten.jsonld.json", "gemeente", ALL_DOMAINS, "TOOI rwc_gemeenten_compleet v4"),
        (
            "tooi-waterschappen.jsonld.json",
            "waterschap",
            ["water", "ruimte", "belastingen"],
            "TOOI rwc_waterschappen_compleet v2",
        ),
    ):
        records = tooi_records(source / name)
        for rec in records:
            types = kind_of(rec)
            if "HistorischeVersie" in types or not ({"Gemeente", "Waterschap"} & set(types)):
                continue
            code = first(rec, ONT + "organisatiecode")
            province = first(rec, ONT + "ligtInProvincie")
            add(
                {
                    "tooi_uri": rec["@id"],
                    "code": code,
                    "kind": kind,
                    "municipality_code": first(rec, ONT + "gemeentecode", ""),
                    "official_name": first(rec, ONT + "officieleNaamInclSoort"),
                    "short_name": first(rec, ONT + "voorkeursnaamExclSoort"),
                    "abbreviation": first(rec, ONT + "afkorting", ""),
                    "sort_name": first(rec, ONT + "officieleNaamSorteer"),
                    "valid_from": first(rec, ONT + "begindatum"),
                    "valid_until": first(rec, ONT + "einddatum"),
                    "province": last_segment(province) if province else None,
                    "customer_groups": ["burgers", "bedrijven"],
                    "service_domains": domains,
                    "source": source_name,
                }
            )
        for rec in records:
            types = kind_of(rec)
            change = {
                "Samenvoeging": "samenvoeging",
                "Uitbreiding": "uitbreiding",
                "Herschikking": "herschikking",
            }
            kinds = [change[t] for t in types if t in change]
            if not kinds:
                continue
            gone = [last_segment(u) for u in values(rec, PROV + "invalidated")]
            new = [
                last_segment(u)
                for u in values(rec, PROV + "generated") + values(rec, PROV + "used")
            ]
            date = first(rec, ONT + "tijdstipWijziging")[:10]
            for old in gone:
                for succ in new:
                    if old != succ and old in orgs and succ in orgs:
                        successions.append(
                            {"predecessor": old, "successor": succ, "date": date, "kind": kinds[0]}
                        )

    curated = json.loads((DATA / "curated.json").read_text(encoding="utf-8"))
    register = json.loads((source / "register-organisaties.json").read_text(encoding="utf-8"))
    kinds = {
        "zbolijst": "zbo",
        "oorglijst": "overig",
        "solijst": "samenwerkingsorganisatie",
        "caribischelijst": "openbaar-lichaam",
    }
    for entry in register:
        fields = entry["fields"]
        kind = kinds.get(fields["oorsprong"])
        if kind is None:
            continue  # municipalities, provinces and water boards come from TOOI above
        uri = fields["identifier"]
        code = last_segment(uri)
        extra = curated["agencies"].get(code) or curated["zbo"].get(code)
        if code in curated["agencies"]:
            kind = "agentschap"
        name = fields["naam"].strip()
        add(
            {
                "tooi_uri": uri,
                "code": code,
                "kind": kind,
                "official_name": name,
                "short_name": name,
                "abbreviation": (extra or {}).get("abbreviation", ""),
                "sort_name": name.lower(),
                "staff": (extra or {}).get("staff"),
                "customer_groups": (extra or {}).get("customers", []),
                "service_domains": (extra or {}).get("domains", []),
                "source": f"GPP-publicatiebank organisations ({fields['oorsprong']})",
            }
        )

    starts = {m["code"]: m.get("valid_from") for m in curated["ministries"]}
    for ministry in curated["ministries"]:
        add(
            {
                "tooi_uri": ministry.get("tooi"),
                "code": ministry["code"],
                "kind": "ministerie",
                "official_name": ministry["name"],
                "short_name": ministry["short_name"],
                "abbreviation": ministry["abbreviation"],
                "sort_name": ministry["short_name"].lower(),
                "valid_from": ministry.get("valid_from"),
                "valid_until": ministry.get("valid_until"),
                "customer_groups": [],
                "service_domains": [],
                "source": "Koers curated list of ministries",
            }
        )
        for successor, kind in ministry.get("successors", []):
            # A split-off (JenV -> AenM) leaves the predecessor in place: date it by the new one.
            successions.append(
                {
                    "predecessor": ministry["code"],
                    "successor": successor,
                    "date": starts[successor],
                    "kind": kind,
                }
            )

    add_inhabitants(orgs, source / "gemeenten-inwoners-2016.csv")
    return {
        "about": (
            "Derived by scripts/derive_register.py; see SOURCES.md beside this file for the "
            "sources and their licences."
        ),
        "organisations": sorted(orgs.values(), key=lambda o: o["code"]),
        "successions": sorted(
            successions, key=lambda s: (s["date"], s["predecessor"], s["successor"])
        ),
    }


if __name__ == "__main__":
    src = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else ROOT.parent / "shared" / "data" / "organisations"
    )
    result = derive(src)
    out = DATA / "register.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(
        f"{len(result['organisations'])} organisations, {len(result['successions'])} successions -> {out}"
    )
