"""Import indicator observations from a CSV or XLSX file: `koers import-observations`.

Columns: organisation (register code), indicator (code), period (2016, 2016-Q2, 2016-05),
value, source (zelf, import, gemeten; empty: import), note. Every row is checked first; a
problem names its row (as a spreadsheet shows it: the header is row 1), its column and what is
wrong, and nothing is written unless --skip-invalid. A re-imported row replaces the observation
of that organisation, indicator and period. The file is read by the consultation's reader
(koers/consultation/importing.py); rows are written with one prepared statement (core.bulk).
"""

import math
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.consultation.importing import ImportFileError, Problem, read_table
from koers.core.bulk import insert_rows
from koers.organisations.models import Organisation

from . import periods
from .models_maturity import Indicator, Observation, ObservationSource, Unit, check_value

COLUMNS = ("organisation", "indicator", "period", "value", "source", "note")
REQUIRED = ("organisation", "indicator", "period", "value")
HEADER_ALIASES = {
    "organisatie": "organisation",
    "periode": "period",
    "waarde": "value",
    "bron": "source",
    "toelichting": "note",
}
NUMBER = re.compile(r"^[+-]?([0-9]{1,15})([.,][0-9]{1,6})?$")
NOTE_LENGTH = Observation._meta.get_field("note").max_length
DELETE_BATCH = 500

__all__ = ["ImportFileError", "import_observations"]


@dataclass
class ObservationImport:
    rows: int = 0
    created: int = 0
    replaced: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        return len({p.row for p in self.problems})


def _columns(headers: list[str]) -> dict[str, int]:
    found = {}
    for index, header in enumerate(headers):
        name = str(header or "").strip().lower()
        name = HEADER_ALIASES.get(name, name)
        if name in COLUMNS and name not in found:
            found[name] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise ImportFileError(_("Kolommen ontbreken: %s.") % ", ".join(missing))
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value).strip()


def _value(indicator: Indicator, text: str) -> tuple[float | None, str | None]:
    if indicator.unit == Unit.SCALE:
        levels = [str(level).upper() for level in indicator.levels]
        if text.upper() in levels:
            return float(levels.index(text.upper())), None
        return None, _("Kies een van de niveaus: %s.") % ", ".join(map(str, indicator.levels))
    if not NUMBER.match(text):
        return None, _("Geen getal (gebruik cijfers, hoogstens 15 voor de komma).")
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        return None, _("Geen getal.")
    return value, check_value(indicator, value)


def import_observations(
    programme, data: bytes, file_name: str, *, skip_invalid=False, dry_run=False
) -> ObservationImport:
    """Check every row, then write all of them in one transaction (or none)."""
    table = read_table(data, file_name)
    columns = _columns(table.headers)
    organisations = dict(Organisation.objects.values_list("code", "pk"))
    catalogue = {}
    for indicator in Indicator.objects.filter(programme=programme).order_by("code", "-version"):
        catalogue.setdefault(indicator.code, []).append(indicator)
    sources = {s.value: s.value for s in ObservationSource} | {
        str(s.label): s.value for s in ObservationSource
    }
    period_cache: dict[str, periods.Period | None] = {}
    result = ObservationImport()
    today = timezone.localdate()
    rows: dict[tuple, dict] = {}
    for number, cells in enumerate(table.rows, start=2):
        result.rows += 1

        def cell(name, cells=cells):
            index = columns.get(name)
            return _text(cells[index]) if index is not None and index < len(cells) else ""

        before = len(result.problems)

        def problem(column, message, value="", number=number):
            result.problems.append(Problem(number, column, message, value[:60]))

        code = cell("organisation")
        organisation_id = organisations.get(code)
        if organisation_id is None:
            problem("organisation", _("Onbekende organisatiecode."), code)
        text = cell("period")
        if text not in period_cache:
            try:
                period_cache[text] = periods.parse(text)
            except Exception:  # noqa: BLE001 - ValidationError, in words below
                period_cache[text] = None
        period = period_cache[text]
        if period is None:
            problem("period", str(periods.INVALID), text)
        indicator = None
        versions = catalogue.get(cell("indicator"))
        if not versions:
            problem("indicator", _("Onbekende indicator in dit programma."), cell("indicator"))
        elif period is not None:
            indicator = next((i for i in versions if i.valid_from <= period.ends_on), versions[-1])
            if indicator.facility_id:
                problem(
                    "indicator",
                    _("Deze indicator leest de aansluitingen uit het register."),
                    cell("indicator"),
                )
                indicator = None
        value = None
        if indicator is not None:
            value, message = _value(indicator, cell("value"))
            if message:
                problem("value", message, cell("value"))
        source = sources.get(cell("source") or ObservationSource.IMPORTED)
        if source is None:
            problem("source", _("Kies zelf, import of gemeten."), cell("source"))
        note = cell("note")
        if len(note) > NOTE_LENGTH:
            problem("note", _("Hoogstens %d tekens.") % NOTE_LENGTH)
        if len(result.problems) > before:
            continue
        key = (indicator.pk, organisation_id, period.code)
        if key in rows:
            problem("organisation", _("Dezelfde organisatie, indicator en periode staan al hoger."))
            continue
        rows[key] = {
            "indicator_id": indicator.pk,
            "organisation_id": organisation_id,
            "period": period.code,
            "period_ends_on": period.ends_on,
            "value": value,
            "source": source,
            "observed_on": today,
            "note": note,
        }
    result.skipped = result.failed_rows
    if (result.problems and not skip_invalid) or dry_run:
        result.created = len(rows) if dry_run else 0
        return result
    with transaction.atomic():
        indicator_ids = {key[0] for key in rows}
        existing = [
            pk
            for pk, *key in Observation.objects.filter(indicator__in=indicator_ids).values_list(
                "pk", "indicator_id", "organisation_id", "period"
            )
            if tuple(key) in rows
        ]
        for start in range(0, len(existing), DELETE_BATCH):
            Observation.objects.filter(pk__in=existing[start : start + DELETE_BATCH]).delete()
        insert_rows(Observation, list(rows.values()))
    result.replaced = len(existing)
    result.created = len(rows) - len(existing)
    return result
