"""Reading contributions from CSV and XLSX files, with errors that say what is wrong.

CSV: UTF-8 with or without a byte-order mark, or Windows-1252 (what Excel on Windows writes);
the delimiter (comma, semicolon or tab) is detected. XLSX: one sheet is read; a workbook with
several sheets that hold data needs `sheet` to say which.
"""

import codecs
import csv
import io
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

MAX_CHARS = 100_000  # a contribution longer than this is almost certainly a broken file


class InputError(ValueError):
    """The input cannot be analysed; the message says why and what to do."""


@dataclass
class Table:
    columns: list[str]
    rows: Iterable[list[str]]  # the data rows; a CSV file's are read from the file as they go
    source: str  # what was read, for messages ("data.csv (Windows-1252, ';')")


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix == ".xls":
        raise InputError(f"{path}: the old .xls format is not supported; save it as .xlsx or .csv")
    if sheet:
        raise InputError(f"--sheet is for XLSX files; {path.name} is read as CSV")
    return _read_csv(path)


def _read_csv(path: Path) -> Table:
    """The header, and the rows as they are read: a file of millions of contributions is never
    held whole, neither as bytes nor as rows."""
    with path.open("rb") as file:
        head = file.read(_CHUNK)
    if not head.strip() and path.stat().st_size == len(head):
        raise InputError(f"{path.name}: the file is empty")
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path.name}: this is not a text (CSV) file")
    encoding, label = _encoding(path, head)
    with path.open(encoding=encoding, newline="") as file:
        delimiter = _delimiter(file.read(50_000))
    with closing(iter(_CsvRows(path, encoding, delimiter))) as rows:  # closes the file
        header = next(rows, None)
    if header is None:
        raise InputError(f"{path.name}: the file is empty")
    shown = {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]
    return Table(
        [cell.strip() for cell in header],
        _CsvRows(path, encoding, delimiter, skip=1),
        f"{path.name} ({label}, {shown}-separated)",
    )


_CHUNK = 1 << 20


def _encoding(path: Path, head: bytes) -> tuple[str, str]:
    """The codec to read the file with and how to name it: UTF-8 when every byte of the file
    decodes as such (checked a chunk at a time), otherwise Windows-1252 (what Excel on Windows
    writes)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "UTF-8 with BOM"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "UTF-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as file:
        try:
            while chunk := file.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8", "UTF-8"
        except UnicodeDecodeError:
            pass
        file.seek(0)
        decoder = codecs.getincrementaldecoder("cp1252")()
        position = 0
        try:
            while chunk := file.read(_CHUNK):
                decoder.decode(chunk)
                position += len(chunk)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{path.name}: not UTF-8 and not Windows-1252 (undecodable byte at position "
                f"{position + exc.start}); save the file as CSV UTF-8"
            ) from None
    return "cp1252", "Windows-1252"


class _CsvRows:
    """The non-blank rows of a CSV file, read from the file each time they are iterated."""

    def __init__(self, path: Path, encoding: str, delimiter: str, skip: int = 0):
        self.path, self.encoding, self.delimiter, self.skip = path, encoding, delimiter, skip

    def __iter__(self):
        limit = csv.field_size_limit()
        csv.field_size_limit(MAX_CHARS * 10)
        try:
            with self.path.open(encoding=self.encoding, newline="") as file:
                reader = csv.reader(file, delimiter=self.delimiter)
                skip = self.skip
                try:
                    for row in reader:
                        if not any(cell.strip() for cell in row):
                            continue
                        if skip:
                            skip -= 1
                            continue
                        yield row
                except csv.Error as exc:
                    raise InputError(
                        f"{self.path.name}, line {reader.line_num}: {exc} (a field over "
                        f"{MAX_CHARS * 10:,} characters, or a quote that is never closed)"
                    ) from None
        finally:
            csv.field_size_limit(limit)


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the header into the most columns and the
    first rows into that same number."""
    best, best_score = ",", 0
    for candidate in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(text[:50_000], newline=""), delimiter=candidate)
        try:
            rows = [row for _, row in zip(range(20), reader, strict=False)]
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        body = rows[1:-1] or rows[1:]  # the last sampled row may be cut off
        consistent = sum(len(r) == width for r in body) >= 0.8 * len(body)
        score = width if consistent else 1
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path.name}: not a readable XLSX workbook ({exc})") from None
    try:
        names = book.sheetnames
        if sheet is not None:
            if sheet not in names:
                raise InputError(
                    f"{path.name}: no sheet {sheet!r}; the sheets are: {', '.join(names)}"
                )
            chosen = sheet
        else:
            with_data = [n for n in names if _has_data(book[n])]
            if not with_data:
                raise InputError(f"{path.name}: the workbook is empty")
            if len(with_data) > 1:
                raise InputError(
                    f"{path.name} has {len(with_data)} sheets with data "
                    f"({', '.join(repr(n) for n in with_data)}); choose one with --sheet NAME"
                )
            chosen = with_data[0]
        rows = [
            ["" if v is None else str(v) for v in row]
            for row in book[chosen].iter_rows(values_only=True)
        ]
    finally:
        book.close()
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError(f"{path.name}: sheet {chosen!r} is empty")
    header = [cell.strip() for cell in rows[0]]
    return Table(header, rows[1:], f"{path.name} (sheet {chosen!r})")


def _has_data(worksheet) -> bool:
    for row in worksheet.iter_rows(values_only=True):
        if any(v not in (None, "") for v in row):
            return True
    return False


def column(table: Table, name: str, option: str) -> int:
    """Index of a column by its header (exact, then ignoring case and spaces)."""
    if name in table.columns:
        return table.columns.index(name)
    folded = [c.strip().lower() for c in table.columns]
    if name.strip().lower() in folded:
        return folded.index(name.strip().lower())
    known = ", ".join(repr(c) for c in table.columns if c) or "(none)"
    raise InputError(
        f"{option} {name!r}: no such column in {table.source}; the columns are: {known}"
    )


def contributions(
    table: Table,
    text_column: str,
    id_column: str | None = None,
    group_column: str | None = None,
    max_chars: int = MAX_CHARS,
) -> tuple[list[str], list, list[str | None] | None]:
    """(texts, ids, groups) from a table; ids default to the data row number (1, 2, ...)."""
    t = column(table, text_column, "--text-column")
    i = column(table, id_column, "--id-column") if id_column else None
    g = column(table, group_column, "--group-column") if group_column else None

    def cell(row: list[str], index: int) -> str:
        return row[index] if index < len(row) else ""

    texts, ids, groups = [], [], []
    names: dict[str, str] = {}  # one string per group name, not one per row
    n = 0
    for n, row in enumerate(table.rows, start=1):
        text = cell(row, t)
        if len(text) > max_chars:
            raise InputError(
                f"{table.source}, data row {n}: the text is {len(text):,} characters long "
                f"(at most {max_chars:,}); is the file broken, or a column mixed up?"
            )
        texts.append(text)
        ids.append(cell(row, i).strip() if i is not None else n)
        if g is not None:
            name = cell(row, g).strip()
            groups.append(names.setdefault(name, name) or None)
    if n == 0:
        raise InputError(f"{table.source}: there is a header but no rows")
    if i is not None:
        seen: dict[str, int] = {}
        for n, value in enumerate(ids, start=1):
            if value == "":
                raise InputError(f"{table.source}, data row {n}: the id column is empty")
            if value in seen:
                raise InputError(
                    f"{table.source}: id {value!r} occurs in data rows {seen[value]} and {n}; "
                    "ids must be unique"
                )
            seen[value] = n
    if not any(text.strip() for text in texts):
        raise InputError(f"{table.source}: column {table.columns[t]!r} holds no text")
    return texts, ids, (groups if g is not None else None)
