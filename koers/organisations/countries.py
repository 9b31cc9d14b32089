"""The countries an organisation may belong to: the EU/EEA, read from data/countries.json."""

import json
from functools import cache
from pathlib import Path

COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.json"
DEFAULT_COUNTRY = "NL"


@cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → Dutch name, in the order of the file (alphabetical by code)."""
    return json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))["countries"]


def is_country(code: str) -> bool:
    return code in country_names()


def country_name(code: str) -> str:
    return country_names().get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """Choices sorted by the Dutch name, as a reader looks them up."""
    return sorted(country_names().items(), key=lambda item: item[1])


def organisation_code(country: str, national_identifier: str) -> str:
    """The register code of an organisation outside the Netherlands (docs/adr/0018)."""
    return f"{country}:{national_identifier}"


# The codes as a list, for choice fields and the API document's one CountryEnum.
COUNTRY_CODES = list(country_names())
