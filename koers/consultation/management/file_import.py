"""The command line's part of a file import, shared by `koers import-contributions` and
`koers import-observations`: the programme and the file found, the import run in English (the
command line speaks English throughout, the file's problems included), every problem written
with its row and column (`run_file_import`), and a failure when a row has one unless
--skip-invalid (`refuse_failed_rows`)."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from koers.organisations.models import Programme

from ..importing import ImportFileError


def run_file_import(command: BaseCommand, programme: str, file: str, run: Callable):
    """`run(programme, content, filename)` on the file; its result, once every problem is
    written."""
    found = Programme.objects.filter(slug=programme).first()
    if found is None:
        raise CommandError(f"there is no programme '{programme}'")
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"no such file: {file}")
    try:
        with translation.override("en"):
            result = run(found, path.read_bytes(), path.name)
    except ImportFileError as exc:
        raise CommandError(f"nothing was imported: {exc}") from None
    for problem in result.problems:
        value = f" [{problem.value}]" if problem.value else ""
        command.stderr.write(f"row {problem.row}, {problem.column}: {problem.message}{value}")
    return result


def refuse_failed_rows(result, skip_invalid: bool) -> None:
    if result.problems and not skip_invalid:
        raise CommandError(
            f"nothing was imported: {result.failed_rows} of {result.rows} rows have problems "
            "(fix them, or use --skip-invalid to import the other rows)"
        )
