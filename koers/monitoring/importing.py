"""Import indicator observations from a CSV or XLSX file: `koers import-observations`.

Columns: organisation (register code), indicator (code), period (2016, 2016-Q2, 2016-05),
value, source (zelf, import, gemeten; empty: import), note. Every row is checked first; a
problem names its row (as a spreadsheet shows it: the header is row 1), its column and what is
wrong, and nothing is written unless --skip-invalid. A re-imported row replaces the observation
of that organisation, indicator and period. The file is read by the consultation's reader
(koers/consultation/importing.py). Speed (1,000,000 rows in under a minute, see
benchmarks/bench_monitoring.py): every lookup is a dict made once (organisation codes, the
indicator version per code and period, each period string parsed once, a value reader per
indicator), no model instance is made per row, and the good rows are written while the file is
read, inside one transaction: on SQLite 5,000 at a time with one prepared INSERT ... ON
CONFLICT DO UPDATE, on PostgreSQL streamed with COPY into a temporary table and written from
there with one INSERT ... SELECT ... ON CONFLICT DO UPDATE. The first failed row stops the
writing and, at the end, rolls the transaction back.
"""

import functools
import math
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.consultation.importing import ImportFileError, Problem, read_table
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


class _Rollback(Exception):
    """Leaves the transaction when a row failed: nothing that was written stays."""


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


def _reader(indicator: Indicator):
    """A function text -> (value, problem) for `indicator`, with its lookups made once: the
    levels of a scale as a dict, a percentage checked inline (the common case)."""
    if indicator.unit == Unit.SCALE:
        levels = {str(level).upper(): float(n) for n, level in enumerate(indicator.levels)}

        def scale(text):
            value = levels.get(text.upper())
            return (value, None) if value is not None else _value(indicator, text)

        return scale
    if indicator.unit == Unit.PERCENTAGE:
        match = NUMBER.match

        def percentage(text):
            if match(text):
                value = float(text.replace(",", ".") if "," in text else text)
                if 0 <= value <= 100:
                    return value, None
            return _value(indicator, text)

        return percentage
    return functools.partial(_value, indicator)


def _upsert_sql(source: str | None = None) -> str:
    """Rows inserted, or the observation of their organisation, indicator and period replaced
    (INSERT ... ON CONFLICT, the same on SQLite and PostgreSQL): one row of parameters, or,
    with `source`, every row of that table."""
    quote = connection.ops.quote_name
    names = [Observation._meta.get_field(n).column for n in WRITTEN]
    key = [Observation._meta.get_field(n).column for n in KEY]
    columns = ", ".join(map(quote, names))
    rows = (
        f"SELECT {columns} FROM {source}"
        if source
        else "VALUES ({})".format(", ".join(["%s"] * len(names)))
    )
    return "INSERT INTO {} ({}) {} ON CONFLICT ({}) DO UPDATE SET {}".format(
        quote(Observation._meta.db_table),
        columns,
        rows,
        ", ".join(map(quote, key)),
        ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n in names if n not in key),
    )


class _Writer:
    """Writes the checked rows: in prepared batches (SQLite, where a statement costs little),
    or on PostgreSQL streamed with COPY into a temporary table and written with one INSERT
    ... SELECT ... ON CONFLICT at the end, which takes a fifth of the time of a statement per
    row. Nothing is written at the end unless `keep` (a failed row: all or nothing)."""

    TEMPORARY = "koers_observation_import"

    def __init__(self, cursor):
        self.cursor = cursor
        self.keep = True
        self.batch: list[tuple] = []

    def __enter__(self):
        if connection.vendor == "postgresql":
            columns = ", ".join(Observation._meta.get_field(n).column for n in WRITTEN)
            table = connection.ops.quote_name(Observation._meta.db_table)
            self.cursor.execute(
                f"CREATE TEMPORARY TABLE {self.TEMPORARY} AS SELECT {columns} FROM {table} "
                "WITH NO DATA"
            )
            self._copy = self.cursor.cursor.copy(f"COPY {self.TEMPORARY} ({columns}) FROM STDIN")
            self.add = self._copy.__enter__().write_row
        return self

    def add(self, row: tuple) -> None:
        self.batch.append(row)
        if len(self.batch) >= WRITE_BATCH:
            self.cursor.executemany(_upsert_sql(), self.batch)
            self.batch = []

    def __exit__(self, kind, error, trace):
        if connection.vendor == "postgresql":
            self._copy.__exit__(kind, error, trace)
            if kind is None and self.keep:
                self.cursor.execute(_upsert_sql(self.TEMPORARY))
                # A large import changes the table's make-up at once (new periods): the
                # planner's statistics follow now, not whenever autovacuum comes round.
                if self.cursor.rowcount >= ANALYZE_AFTER:
                    table = connection.ops.quote_name(Observation._meta.db_table)
                    self.cursor.execute(f"ANALYZE {table}")
            if kind is None:
                self.cursor.execute(f"DROP TABLE {self.TEMPORARY}")
        elif kind is None and self.keep and self.batch:
            self.cursor.executemany(_upsert_sql(), self.batch)


WRITTEN = (
    "indicator_id",
    "organisation_id",
    "period",
    "period_ends_on",
    "value",
    "source",
    "observed_on",
    "note",
)
KEY = ("indicator_id", "organisation_id", "period")
WRITE_BATCH = 5000
ANALYZE_AFTER = 50_000  # rows written at once (PostgreSQL)


def import_observations(
    programme, data: bytes, file_name: str, *, skip_invalid=False, dry_run=False
) -> ObservationImport:
    """Check every row and write the good ones in one transaction: all of them, or none when a
    row failed (unless skip_invalid). Rows are written in batches while the file is read, with
    one prepared INSERT ... ON CONFLICT; a failed row rolls the transaction back."""
    table = read_table(data, file_name)
    try:
        with transaction.atomic():
            count = Observation.objects.filter(indicator__programme=programme).count
            before = 0 if dry_run else count()
            result = _check_and_write(
                programme,
                table,
                columns=_columns(table.headers),
                skip_invalid=skip_invalid,
                dry_run=dry_run,
            )
            if result.problems and not skip_invalid and not dry_run:
                raise _Rollback(result)
            if not dry_run:
                written = result.created
                result.created = count() - before
                result.replaced = written - result.created
    except _Rollback as stop:
        result = stop.args[0]
        result.created = result.replaced = 0
    return result


def _check_and_write(programme, table, *, columns, skip_invalid, dry_run) -> ObservationImport:
    organisations = dict(Organisation.objects.values_list("code", "pk"))
    catalogue = {}
    for indicator in Indicator.objects.filter(programme=programme).order_by("code", "-version"):
        catalogue.setdefault(indicator.code, []).append(indicator)
    sources = {s.value: s.value for s in ObservationSource} | {
        str(s.label): s.value for s in ObservationSource
    }
    adapt_date = connection.ops.adapt_datefield_value
    today = adapt_date(timezone.localdate())
    period_cache: dict[str, tuple | None] = {}
    # (indicator text, period code) -> (indicator, its value reader) or (None, problem)
    versions_cache: dict[tuple, tuple] = {}
    readers: dict[int, object] = {}
    result = ObservationImport()
    seen: set[tuple] = set()
    write = not dry_run
    index = [columns.get(name) for name in COLUMNS]
    problems = result.problems
    default_source = ObservationSource.IMPORTED.value

    with connection.cursor() as cursor, _Writer(cursor) as writer:
        for number, cells in enumerate(table.rows, start=2):
            result.rows += 1
            values = []
            for position in index:
                if position is None or position >= len(cells):
                    values.append("")
                else:
                    text = cells[position]
                    values.append(text.strip() if text.__class__ is str else _text(text))
            code, indicator_text, period_text, value_text, source_text, note = values
            before = len(problems)

            organisation_id = organisations.get(code)
            if organisation_id is None:
                problems.append(
                    Problem(number, "organisation", _("Onbekende organisatiecode."), code[:60])
                )
            period = period_cache.get(period_text, False)
            if period is False:
                try:
                    parsed = periods.parse(period_text)
                except Exception:  # noqa: BLE001 - ValidationError, in words below
                    period = None
                else:
                    period = (parsed.code, parsed.ends_on, adapt_date(parsed.ends_on))
                period_cache[period_text] = period
            if period is None:
                problems.append(Problem(number, "period", str(periods.INVALID), period_text[:60]))
            indicator = reader = None
            versions = catalogue.get(indicator_text)
            if not versions:
                problems.append(
                    Problem(
                        number,
                        "indicator",
                        _("Onbekende indicator in dit programma."),
                        indicator_text[:60],
                    )
                )
            elif period is not None:
                found = versions_cache.get((indicator_text, period[0]))
                if found is None:
                    chosen = next((i for i in versions if i.valid_from <= period[1]), versions[-1])
                    if chosen.facility_id:
                        found = (None, _("Deze indicator leest de aansluitingen uit het register."))
                    else:
                        if chosen.pk not in readers:
                            readers[chosen.pk] = _reader(chosen)
                        found = (chosen, readers[chosen.pk])
                    versions_cache[(indicator_text, period[0])] = found
                if found[0] is None:
                    problems.append(Problem(number, "indicator", found[1], indicator_text[:60]))
                else:
                    indicator, reader = found
            value = None
            if indicator is not None:
                value, message = reader(value_text)
                if message:
                    problems.append(Problem(number, "value", message, value_text[:60]))
            source = sources.get(source_text or default_source)
            if source is None:
                problems.append(
                    Problem(number, "source", _("Kies zelf, import of gemeten."), source_text[:60])
                )
            if len(note) > NOTE_LENGTH:
                problems.append(Problem(number, "note", _("Hoogstens %d tekens.") % NOTE_LENGTH))
            if len(problems) > before:
                if not skip_invalid:
                    write = False  # all or nothing: the rest is only checked
                continue
            key = (indicator.pk, organisation_id, period[0])
            if key in seen:
                problems.append(
                    Problem(
                        number,
                        "organisation",
                        _("Dezelfde organisatie, indicator en periode staan al hoger."),
                    )
                )
                if not skip_invalid:
                    write = False
                continue
            seen.add(key)
            result.created += 1
            if write:
                writer.add((*key, period[2], value, source, today, note))
        writer.keep = write
    result.skipped = result.failed_rows
    return result
