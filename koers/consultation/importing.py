"""Import contributions from a CSV or XLSX file: the import page and `koers import-contributions`.

A file is read, every row is checked against the programme (organisation, family, paragraph,
channel, date) and only then written, in one transaction. Row numbers are those a spreadsheet
shows: the header is row 1, the first contribution row 2.

Re-importing a file changes nothing. A row is identified by its `source_id`; a row without one
gets `sha256:` followed by the first 40 hex digits of the SHA-256 of the file name and the row's
mapped values (text, organisation, family, paragraph, channel, date, author, stance), so the same
row in the same file always finds itself again, while the same text in another file is another
contribution. Rows already present are left alone and counted as unchanged.

Speed matters (100,000 rows in well under 30 s on SQLite): everything the rows refer to is read
into dictionaries once, and rows are written with bulk inserts, history included.
"""

import csv
import datetime
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph
from koers.core.bulk import copy_to_history, insert_rows
from koers.core.signals import input_written
from koers.organisations.models import Family, Organisation, Programme

from .constants import Channel, Stance
from .models import Contribution, ImportBatch
from .search import indexed_in_bulk

# The columns a file may have, in the order the report and the mapping step show them.
COLUMNS = ("text", "organisation", "family", "paragraph", "channel", "date", "author", "source_id")
# Not a default column, but understood when present.
OPTIONAL_COLUMNS = ("stance",)
ALL_COLUMNS = COLUMNS + OPTIONAL_COLUMNS

# Dutch headers are what an office exports from its own spreadsheet; they map without a step.
HEADER_ALIASES = {
    "tekst": "text",
    "reactie": "text",
    "inbreng": "text",
    "organisatie": "organisation",
    "familie": "family",
    "alinea": "paragraph",
    "paragraaf": "paragraph",
    "kanaal": "channel",
    "datum": "date",
    "auteur": "author",
    "naam": "author",
    "bron-id": "source_id",
    "bron_id": "source_id",
    "soort": "stance",
    "soort reactie": "stance",
}

MAX_ROWS = 1_000_000
# Rows without any value are dropped, but each costs the XML parser as much as a full one: a
# 154 KB XLSX of a million empty rows kept a request busy for over a minute. A real file has a
# few stray empty rows, not thousands.
MAX_EMPTY_ROWS = 10_000
SOURCE_ID_LENGTH = Contribution._meta.get_field("source_id").max_length
AUTHOR_LENGTH = Contribution._meta.get_field("author_name").max_length
PARAGRAPH_SEPARATORS = re.compile(r"[\s,;]+")


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong format, unknown sheet, no text column."""


class ImportAlreadyConfirmed(Exception):
    """The same file was imported into the programme after the person checked it: a second
    confirmation (a double click, or two colleagues at once) writes nothing."""

    def __init__(self, batch):
        super().__init__(batch)
        self.batch = batch


@dataclass
class Problem:
    row: int
    column: str
    message: str
    value: str = ""


@dataclass
class ImportResult:
    file_name: str
    sha256: str
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    batch: ImportBatch | None = None
    written: bool = False

    @property
    def failed_rows(self) -> int:
        return len({p.row for p in self.problems})


@dataclass
class Table:
    headers: list[str]
    rows: list[list]  # cell values; strings for CSV, openpyxl values for XLSX


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload_dir() -> Path:
    """Where uploaded files wait between the check and the confirmation (see purge_uploads)."""
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_path(sha: str, file_name: str) -> Path:
    suffix = ".xlsx" if file_name.lower().endswith((".xlsx", ".xlsm")) else ".csv"
    return upload_dir() / f"{sha}{suffix}"


def purge_uploads(older_than: datetime.timedelta, *, dry_run: bool = False) -> int:
    """Remove uploads that were checked but never confirmed (a confirmed import removes its
    own upload), once they are older than `older_than`. Returns how many."""
    cutoff = timezone.now().timestamp() - older_than.total_seconds()
    removed = 0
    for stored in upload_dir().iterdir():
        if stored.is_file() and stored.stat().st_mtime < cutoff:
            if not dry_run:
                stored.unlink(missing_ok=True)
            removed += 1
    return removed


def is_xlsx(data: bytes, file_name: str) -> bool:
    return file_name.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def read_table(data: bytes, file_name: str, sheet: str | None = None) -> Table:
    """The header row and the data rows of a CSV or XLSX file (empty rows dropped).

    Rows are read one at a time and the reading stops as soon as the file passes MAX_ROWS
    rows or MAX_EMPTY_ROWS empty ones, so an oversized file is refused quickly.
    """
    table = _read_xlsx(data, sheet) if is_xlsx(data, file_name) else _read_csv(data)
    if not table.headers:
        raise ImportFileError(_("Het bestand is leeg: er is geen kopregel."))
    return table


def _kept_rows(rows: Iterable, is_empty) -> list[list]:
    """The rows that hold a value, read one by one and refused past the limits."""
    kept = []
    empty = 0
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise ImportFileError(
                _("Het bestand heeft meer dan %(max)s regels; splits het op.") % {"max": MAX_ROWS}
            )
        if is_empty(row):
            empty += 1
            if empty > MAX_EMPTY_ROWS:
                raise ImportFileError(
                    _(
                        "Het bestand heeft meer dan %(max)s lege regels; verwijder die en "
                        "probeer het opnieuw."
                    )
                    % {"max": MAX_EMPTY_ROWS}
                )
            continue
        kept.append(list(row))
    return kept


def decode(data: bytes) -> str:
    """UTF-8 (with or without byte-order mark), else Windows-1252: what Excel writes in NL."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon (Dutch Excel) or tab, judged on the first lines."""
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(",;\t", key=first.count)


def _read_csv(data: bytes) -> Table:
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        headers = next(reader, [])
        rows = _kept_rows(reader, lambda row: not any(cell.strip() for cell in row))
    except csv.Error as error:
        raise ImportFileError(_("Het CSV-bestand is niet te lezen: %s") % error) from error
    return Table([h.strip() for h in headers], rows)


# What openpyxl and the standard library raise on a damaged file: a broken ZIP or compressed
# stream, a missing part, XML that does not parse (ParseError is a SyntaxError), a cell or
# style that points nowhere.
XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,
)


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    unreadable = _("Het bestand is geen leesbaar XLSX-bestand.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except XLSX_ERRORS as error:
        raise ImportFileError(unreadable) from error
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise ImportFileError(
                    _("Het werkblad '%(sheet)s' bestaat niet; wel: %(names)s.")
                    % {"sheet": sheet, "names": ", ".join(workbook.sheetnames)}
                )
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        values = xlsx_rows(worksheet)
        first = next(values, None) or ()
        headers = [_cell_text(v).strip() for v in first]
        while headers and not headers[-1]:
            headers.pop()
        rows = _kept_rows(
            values, lambda row: not any(v is not None and _cell_text(v).strip() for v in row)
        )
    except ImportFileError:
        raise
    except XLSX_ERRORS as error:
        # The sheet's XML is parsed while the rows are read, so damage shows only here.
        raise ImportFileError(
            _("Het bestand is geen leesbaar XLSX-bestand (%(error)s).")
            % {"error": str(error)[:200] or type(error).__name__}
        ) from error
    finally:
        workbook.close()
    return Table(headers, rows)


def xlsx_rows(worksheet) -> Iterator[tuple]:
    """The sheet's rows as values, streamed. The stated dimensions are ignored: a file that
    says "A1:B2" but holds a thousand rows would otherwise lose them without a word."""
    worksheet.reset_dimensions()
    return worksheet.iter_rows(values_only=True)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def normalise_header(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().lower())


def guess_mapping(headers: Iterable[str]) -> dict[str, str]:
    """Column -> header for every header that names a column (English or Dutch)."""
    mapping = {}
    for header in headers:
        key = normalise_header(header)
        column = key if key in ALL_COLUMNS else HEADER_ALIASES.get(key)
        if column and column not in mapping:
            mapping[column] = header
    return mapping


def needs_mapping(headers: list[str]) -> bool:
    """True when the page should ask which header is which: no text, or headers it cannot place."""
    guessed = guess_mapping(headers)
    return "text" not in guessed or len(guessed) < len([h for h in headers if h])


def resolve_mapping(headers: list[str], mapping: dict[str, str] | None) -> dict[str, int]:
    """Column -> index in the row, from the guess and the explicit mapping (which wins)."""
    chosen = guess_mapping(headers)
    for column, header in (mapping or {}).items():
        if column not in ALL_COLUMNS:
            raise ImportFileError(
                _("Onbekende kolom '%(column)s'; bekend zijn: %(columns)s.")
                % {"column": column, "columns": ", ".join(ALL_COLUMNS)}
            )
        if header == "":
            chosen.pop(column, None)
            continue
        if header not in headers:
            raise ImportFileError(
                _("Het bestand heeft geen kolom '%(header)s' (voor %(column)s); wel: %(headers)s.")
                % {"header": header, "column": column, "headers": ", ".join(headers)}
            )
        chosen[column] = header
    if "text" not in chosen:
        raise ImportFileError(
            _("Er is geen kolom met de tekst van de inbreng. Geef aan welke kolom dat is.")
        )
    return {column: headers.index(header) for column, header in chosen.items()}


def consultation_version(programme: Programme) -> AgendaVersion | None:
    """The version imported input is about: the open draft, else the most recent version."""
    versions = list(AgendaVersion.objects.filter(programme=programme).order_by("-number"))
    for version in versions:
        if version.state == VersionState.DRAFT and version.is_open_for_consultation():
            return version
    return versions[0] if versions else None


class Resolver:
    """Turns the words in a file into organisations, families and paragraphs, from memory."""

    def __init__(self, programme: Programme, version: AgendaVersion | None):
        self.programme = programme
        self.version = version
        self.today = timezone.localdate()
        self.by_code: dict[str, int] = {}
        by_name: dict[str, set[int]] = {}
        current: set[int] = set()
        for (
            pk,
            code,
            official,
            short,
            abbreviation,
            valid_from,
            valid_until,
        ) in Organisation.objects.values_list(
            "pk",
            "code",
            "official_name",
            "short_name",
            "abbreviation",
            "valid_from",
            "valid_until",
        ):
            self.by_code[code.lower()] = pk
            for name in (official, short, abbreviation):
                if name:
                    by_name.setdefault(name.strip().lower(), set()).add(pk)
            if (valid_from is None or valid_from <= self.today) and (
                valid_until is None or valid_until >= self.today
            ):
                current.add(pk)
        self.by_name = by_name
        self.current = current
        self.families = list(Family.objects.filter(programme=programme).order_by("position", "pk"))
        self.family_by_key: dict[str, int] = {}
        for family in self.families:
            self.family_by_key[family.slug.lower()] = family.pk
            self.family_by_key.setdefault(family.name.strip().lower(), family.pk)
        self._family_of: dict[int, int | None] | None = None
        self.paragraph_by_anchor: dict[str, int] = {}
        if version is not None:
            for pk, anchor in Paragraph.objects.filter(version=version).values_list("pk", "anchor"):
                self.paragraph_by_anchor[str(anchor)] = pk
                self.paragraph_by_anchor.setdefault(str(anchor)[:8], pk)
        self.channels = {c.value: c.value for c in Channel}
        self.channels.update({str(c.label).lower(): c.value for c in Channel})
        self.stances = {s.value: s.value for s in Stance}
        self.stances.update({str(s.label).lower(): s.value for s in Stance})

    def organisation(self, value: str) -> tuple[int | None, str | None]:
        key = value.strip().lower()
        if key in self.by_code:
            return self.by_code[key], None
        found = self.by_name.get(key, set())
        if len(found) > 1:
            # Merged municipalities keep their names in the register: prefer the one that exists.
            found = found & self.current or found
        if len(found) == 1:
            return next(iter(found)), None
        if found:
            return None, _("Meer organisaties heten zo; gebruik de organisatiecode.")
        return None, _("Onbekende organisatie; gebruik de code (zoals gm0344) of de naam.")

    def family(self, value: str) -> int | None:
        return self.family_by_key.get(value.strip().lower())

    def family_of(self, organisation_id: int) -> int | None:
        """The first family (by position) whose rule the organisation meets; one query a family."""
        if self._family_of is None:
            self._family_of = {}
            for family in self.families:
                for pk in Organisation.objects.in_family(family).values_list("pk", flat=True):
                    self._family_of.setdefault(pk, family.pk)
        return self._family_of.get(organisation_id)

    def paragraphs(self, value: str) -> tuple[list[int], str | None]:
        found = []
        for anchor in PARAGRAPH_SEPARATORS.split(value.strip().lower()):
            if not anchor:
                continue
            pk = self.paragraph_by_anchor.get(anchor)
            if pk is None:
                if self.version is None:
                    return [], _("Het programma heeft nog geen agendaversie met alinea's.")
                return [], _("Onbekende alinea in versie %(number)s.") % {
                    "number": self.version.number
                }
            found.append(pk)
        return found, None


DAY_FIRST = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
TIME = re.compile(r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?")


def parse_date(value) -> datetime.datetime | None:
    """YYYY-MM-DD or DD-MM-YYYY, optionally with a time (HH:MM or HH:MM:SS); XLSX date cells
    as they are. A day without a time becomes noon, which is that day in every time zone."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(12))
    else:
        text = str(value).strip()
        match = YEAR_FIRST.match(text)
        if match:
            year, month, day = match.groups()
        else:
            match = DAY_FIRST.match(text)
            if not match:
                return None
            day, month, year = match.groups()
        time_match = TIME.fullmatch(text, match.end())
        if time_match is None:
            return None
        hour, minute, second = time_match.groups()
        try:
            moment = datetime.datetime(
                int(year),
                int(month),
                int(day),
                int(hour) if hour else 12,
                int(minute or 0),
                int(second or 0),
            )
        except ValueError:
            return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def row_hash(file_name: str, values: dict[str, str]) -> str:
    content = "\x1f".join([file_name, *(values.get(c, "") for c in ALL_COLUMNS)])
    return "sha256:" + hashlib.sha256(content.encode()).hexdigest()[:40]


def import_contributions(
    programme: Programme,
    data: bytes,
    file_name: str,
    *,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    by=None,
    checked_after: int | None = None,
) -> ImportResult:
    """Check every row, then (unless `dry_run`, and only if all rows pass or `skip_invalid`)
    write the new ones. Raises ImportFileError when the file itself cannot be used.

    `checked_after` is the newest batch of this file the person had seen when they checked it
    (0 for none): when another batch of the same file was written since, the import was already
    confirmed, and ImportAlreadyConfirmed is raised instead of writing a second batch.
    """
    table = read_table(data, file_name, sheet)
    columns = resolve_mapping(table.headers, mapping)
    result = _empty_result(data, file_name, table, columns)
    version = consultation_version(programme)
    context = _RowContext(file_name, columns, Resolver(programme, version), timezone.now())
    good, duplicates = _check_rows(table, context, result)
    new = _new_rows(programme, good, duplicates, result)
    if result.problems and not skip_invalid:
        result.skipped = 0
        return result
    result.created = len(new)
    if dry_run:
        return result
    user = by if by is not None and by.is_authenticated else None
    result.batch = _write_batch(programme, version, new, result, user, checked_after)
    result.written = True
    return result


def _empty_result(
    data: bytes, file_name: str, table: Table, columns: dict[str, int]
) -> ImportResult:
    """The result before any row is checked: the file, its number of rows and the headers no
    column uses."""
    used = set(columns.values())
    return ImportResult(
        file_name=file_name,
        sha256=file_sha256(data),
        rows=len(table.rows),
        ignored_headers=[h for i, h in enumerate(table.headers) if h and i not in used],
    )


@dataclass
class _RowContext:
    """What every row is checked against, and what the rows before it said."""

    file_name: str
    columns: dict[str, int]
    resolver: Resolver
    now: datetime.datetime
    dates: dict = field(default_factory=dict)  # many rows share a day: parse each spelling once
    seen_ids: dict[str, int] = field(default_factory=dict)  # source_id -> first row with it


@dataclass
class _Row:
    """One row under check: its number as a spreadsheet shows it, its cells, its values by
    column, and what is wrong with it."""

    number: int
    cells: list
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        value = self.values.get(column, "").replace("\x00", "\ufffd")
        self.problems.append(Problem(self.number, column, message, value))


def _check_rows(table: Table, context: _RowContext, result: ImportResult) -> tuple[list[dict], int]:
    """The rows that pass, as the values to store, and how many rows repeated an earlier one
    exactly; the problems of the others go into `result`."""
    good: list[dict] = []
    duplicates = 0
    column_items = list(context.columns.items())
    for number, cells in enumerate(table.rows, start=2):
        row = _Row(number, cells, _row_values(cells, column_items))
        contribution = _check_row(row, context)
        source_id = contribution["source_id"]
        if source_id in context.seen_ids:
            if row.values.get("source_id"):
                row.problem(
                    "source_id",
                    _("Deze bron-id staat ook op regel %d.") % context.seen_ids[source_id],
                )
            else:
                duplicates += 1  # the very same row twice: one contribution
                continue
        context.seen_ids.setdefault(source_id, number)
        if row.problems:
            result.problems.extend(row.problems)
            continue
        good.append(contribution)
    return good, duplicates


def _row_values(cells: list, column_items: list[tuple[str, int]]) -> dict[str, str]:
    """Column -> the cell's text, stripped; "" for a cell the row does not reach."""
    width = len(cells)
    return {
        column: (cell if type(cell) is str else _cell_text(cell)).strip()
        if index < width and (cell := cells[index]) is not None
        else ""
        for column, index in column_items
    }


def _check_row(row: _Row, context: _RowContext) -> dict:
    """The contribution a row describes, as the values to store; what is wrong with it is
    noted on the row, always in the same order."""
    resolver = context.resolver
    _check_storable(row)
    if not row.values["text"]:
        row.problem("text", _("De tekst is leeg."))
    organisation_id, family_id = _organisation_and_family(row, resolver)
    paragraph_ids = _paragraph_ids(row, resolver)
    channel = _channel(row, resolver)
    stance = _stance(row, resolver)
    submitted_at = _submitted_at(row, context)
    author_name = _author_name(row)
    source_id = _source_id(row, context.file_name)
    return {
        "channel": channel,
        "source_id": source_id,
        "organisation_id": organisation_id,
        "family_id": family_id,
        "stance": stance,
        "text": row.values["text"],
        "author_name": author_name,
        "submitted_at": submitted_at,
        "paragraph_ids": paragraph_ids,
    }


def _check_storable(row: _Row) -> None:
    for column, value in row.values.items():
        if "\x00" in value:
            # PostgreSQL cannot store it; refused here, with the row and column, rather than
            # as a database error for the whole file.
            row.problem(
                column,
                _(
                    "Bevat een NUL-teken (tekencode 0), dat niet kan worden opgeslagen; verwijder het."
                ),
            )


def _organisation_and_family(row: _Row, resolver: Resolver) -> tuple[int | None, int | None]:
    """The organisation named in the row, and the family named, else the organisation's own."""
    organisation_id = family_id = None
    if row.values.get("organisation"):
        organisation_id, message = resolver.organisation(row.values["organisation"])
        if message:
            row.problem("organisation", message)
    if row.values.get("family"):
        family_id = resolver.family(row.values["family"])
        if family_id is None:
            row.problem("family", _("Het programma heeft geen familie met deze naam of slug."))
    elif organisation_id is not None:
        family_id = resolver.family_of(organisation_id)
    return organisation_id, family_id


def _paragraph_ids(row: _Row, resolver: Resolver) -> list[int]:
    if not row.values.get("paragraph"):
        return []
    paragraph_ids, message = resolver.paragraphs(row.values["paragraph"])
    if message:
        row.problem("paragraph", message)
    return paragraph_ids


def _channel(row: _Row, resolver: Resolver) -> str | None:
    if not row.values.get("channel"):
        return Channel.IMPORT.value
    channel = resolver.channels.get(row.values["channel"].lower())
    if channel is None:
        row.problem("channel", _("Onbekend kanaal; kies uit %s.") % ", ".join(Channel.values))
    return channel


def _stance(row: _Row, resolver: Resolver) -> str | None:
    if not row.values.get("stance"):
        return Stance.GENERAL.value
    stance = resolver.stances.get(row.values["stance"].lower())
    if stance is None:
        row.problem("stance", _("Onbekende soort; kies uit %s.") % ", ".join(Stance.values))
    return stance


def _submitted_at(row: _Row, context: _RowContext) -> datetime.datetime | None:
    """The row's date, else the moment of the import."""
    if not row.values.get("date"):
        return context.now
    cell = row.cells[context.columns["date"]]
    if cell not in context.dates:
        context.dates[cell] = parse_date(cell)
    submitted_at = context.dates[cell]
    if submitted_at is None:
        row.problem(
            "date",
            _("Onbekende datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ, eventueel met tijd."),
        )
    return submitted_at


def _author_name(row: _Row) -> str:
    author_name = row.values.get("author", "")
    if len(author_name) > AUTHOR_LENGTH:
        row.problem("author", _("Langer dan %d tekens.") % AUTHOR_LENGTH)
    return author_name


def _source_id(row: _Row, file_name: str) -> str:
    """The row's own source id, else one made from the file name and the row's values."""
    source_id = row.values.get("source_id", "")
    if len(source_id) > SOURCE_ID_LENGTH:
        row.problem("source_id", _("Langer dan %d tekens.") % SOURCE_ID_LENGTH)
    return source_id or row_hash(file_name, row.values)


def _new_rows(
    programme: Programme, good: list[dict], duplicates: int, result: ImportResult
) -> list[dict]:
    """The good rows not yet in the programme; counts the others and the repeated rows as
    unchanged, and the rows with problems as skipped."""
    existing = _existing_source_ids(programme, [row["source_id"] for row in good])
    new = [row for row in good if row["source_id"] not in existing]
    result.unchanged = len(good) - len(new) + duplicates
    result.skipped = result.failed_rows
    return new


def _write_batch(
    programme: Programme,
    version: AgendaVersion | None,
    new: list[dict],
    result: ImportResult,
    user,
    checked_after: int | None,
) -> ImportBatch:
    """Record the batch and write its new rows, in one transaction and one import per
    programme at a time."""
    with transaction.atomic():
        # One import per programme at a time (PostgreSQL; SQLite's transactions take the write
        # lock when they begin). Whoever comes second sees the first one's rows below.
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        if checked_after is not None:
            _refuse_if_confirmed(programme, result.sha256, checked_after)
        if new:
            new = _drop_written_since(programme, new, result)
        batch = ImportBatch.objects.create(
            programme=programme,
            file_name=result.file_name[:255],
            sha256=result.sha256,
            imported_by=user,
            rows=result.rows,
            created=result.created,
            unchanged=result.unchanged,
            skipped=result.skipped,
        )
        if new:
            _write(programme, version, batch, new, user)
    return batch


def _refuse_if_confirmed(programme: Programme, sha256: str, checked_after: int) -> None:
    """Raise ImportAlreadyConfirmed when a batch of this file was written after the check."""
    earlier = (
        ImportBatch.objects.filter(programme=programme, sha256=sha256, pk__gt=checked_after)
        .select_related("imported_by")
        .order_by("pk")
        .first()
    )
    if earlier is not None:
        raise ImportAlreadyConfirmed(earlier)


def _drop_written_since(programme: Programme, new: list[dict], result: ImportResult) -> list[dict]:
    """Rows that another import wrote since the check are unchanged now, not duplicates."""
    existing = _existing_source_ids(programme, [row["source_id"] for row in new])
    if not existing:
        return new
    new = [row for row in new if row["source_id"] not in existing]
    result.unchanged += result.created - len(new)
    result.created = len(new)
    return new


def _existing_source_ids(programme: Programme, source_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(source_ids), 2000):
        chunk = source_ids[start : start + 2000]
        # Same condition as the partial unique index, so SQLite and PostgreSQL can use it.
        found.update(
            Contribution.objects.filter(programme=programme, source_id__in=chunk)
            .exclude(source_id="")
            .order_by()
            .values_list("source_id", flat=True)
        )
    return found


def _write(programme, version, batch, new: list[dict], user) -> None:
    """Insert the contributions, their history and their paragraphs with plain SQL.

    The ORM's bulk_create spends most of its time preparing 26 fields per object in Python;
    here every row is a tuple built once, which makes 100,000 rows a matter of seconds. The
    values are what `Contribution(...).save()` would store (defaults come from one template
    instance). The history rows are the '+' rows simple_history would write, copied from the
    new rows by the database itself.
    """
    now = timezone.now()
    template = Contribution(programme=programme, version=version, import_batch=batch, text="")
    base = {
        f.attname: f.get_prep_value(f.value_from_object(template))
        for f in Contribution._meta.concrete_fields
    }
    base.update(created_at=now, updated_at=now)
    base.pop("id")
    rows = []
    for row in new:
        values = dict(base)
        values.update((k, v) for k, v in row.items() if k != "paragraph_ids")
        rows.append(values)
    with indexed_in_bulk("import_batch_id = %s", [batch.pk]):
        insert_rows(Contribution, rows)
    copy_to_history(
        Contribution,
        "import_batch_id = %s",
        [batch.pk],
        history_type="+",
        reason="import",
        user=user,
        date=now,
    )
    if any(row["paragraph_ids"] for row in new):
        ids = dict(
            Contribution.objects.filter(import_batch=batch).values_list("source_id", "pk")
        )  # one read instead of RETURNING, which not every backend gives for many rows
        through = Contribution.paragraphs.through
        links = [
            {"contribution_id": ids[row["source_id"]], "paragraph_id": paragraph_id}
            for row in new
            for paragraph_id in row["paragraph_ids"]
        ]
        insert_rows(through, links)
    # Once the links are there: the counts per paragraph read them.
    input_written.send(
        Contribution,
        programme_id=programme.pk,
        contributions=Contribution.objects.filter(import_batch=batch),
    )
