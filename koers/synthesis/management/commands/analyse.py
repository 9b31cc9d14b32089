"""`koers analyse`: campaigns, themes and common threads of a CSV or XLSX file, without a database.

The work is done by koers.text; this command reads the file, shows progress on stderr and
writes the JSON (docs/analyse-json.md) and, if asked, the HTML report and the theme model.
"""

import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

# How long to wait for a Dask scheduler to answer --cluster.
CLUSTER_TIMEOUT = "10s"


class Progress:
    """A progress bar on stderr when it is a terminal; one line per stage otherwise."""

    def __init__(self, stream, enabled: bool):
        self.stream = stream
        self.enabled = enabled
        self.tty = enabled and hasattr(stream, "isatty") and stream.isatty()
        self.stage = None
        self.start = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.tty:
            width = 30
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r{stage:<10} [{bar}] {done}/{total}")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
        elif stage != self.stage:
            self.stream.write(f"{stage}... ({time.monotonic() - self.start:.1f} s)\n")
            self.stream.flush()
        self.stage = stage


class Command(BaseCommand):
    help = "Find campaigns, themes and common threads in contributions from a CSV or XLSX file."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("input", help="CSV (UTF-8 or Windows-1252) or XLSX file")
        parser.add_argument("--text-column", required=True, help="column with the contribution")
        parser.add_argument("--id-column", help="column with a unique id (default: row number)")
        parser.add_argument("--group-column", help="column with the family or other group")
        parser.add_argument("--sheet", help="XLSX sheet to read (needed when several hold data)")
        parser.add_argument("--themes", type=int, help="number of themes (default: automatic)")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument(
            "--mode",
            choices=["fast", "deep"],
            default="deep",
            help="deep (default): themes by meaning, from multilingual sentence embeddings, "
            "so texts in other words or languages meet; fast: themes from the words only, "
            "several times faster, for very large runs (hundreds of thousands of texts)",
        )
        parser.add_argument(
            "--cache-dir",
            help="folder where deep mode keeps the embeddings of texts it has seen, so that "
            "a re-run embeds only new texts (default: none, kept in this process only)",
        )
        parser.add_argument(
            "--thread-share",
            type=float,
            default=0.8,
            help="share of groups that must raise a theme for a common thread (default 0.8)",
        )
        parser.add_argument(
            "--cluster",
            metavar="ADDRESS",
            help="run the batches of the analysis on this Dask scheduler (tcp://host:8786; "
            'needs the extra "cluster"): the same result, on more machines',
        )
        parser.add_argument("--out", required=True, help="where to write the JSON result")
        parser.add_argument("--report", help="where to write the HTML report")
        parser.add_argument("--model", help="where to write the theme model (JSON)")

    def handle(self, *args, **options):
        from koers.text.embeddings import DeepModeUnavailable
        from koers.text.io import InputError, contributions, read_table
        from koers.text.pipeline import Settings, analyse, write_json
        from koers.text.report import render
        from koers.text.themes import ThemeSettings
        from koers.text.threads import ThreadSettings

        if options["themes"] is not None and options["themes"] < 1:
            raise CommandError("--themes must be 1 or more")
        if not 0 < options["thread_share"] <= 1:
            raise CommandError("--thread-share must be above 0 and at most 1")
        outputs = [options["out"], options["report"], options["model"]]
        for path in filter(None, outputs):
            folder = Path(path).resolve().parent
            if not folder.is_dir():
                raise CommandError(f"{path}: folder {folder} does not exist")
        try:
            table = read_table(options["input"], options["sheet"])
            texts, ids, groups = contributions(
                table, options["text_column"], options["id_column"], options["group_column"]
            )
        except InputError as exc:
            raise CommandError(str(exc)) from None

        progress = Progress(sys.stderr, enabled=options["verbosity"] > 0)
        settings = Settings(
            seed=options["seed"],
            themes=ThemeSettings(n_themes=options["themes"]),
            threads=ThreadSettings(thread_share=options["thread_share"]),
            mode=options["mode"],
            cache_dir=options["cache_dir"],
        )
        with self.executor(options["cluster"]) as executor:
            try:
                analysis = analyse(texts, ids, groups, settings, progress, executor)
            except DeepModeUnavailable as exc:
                raise CommandError(str(exc)) from None
        result = analysis.result
        with open(options["out"], "w", encoding="utf-8") as out:
            write_json(result, out)
        if options["report"]:
            html = render(
                result,
                source=Path(options["input"]).name,
                thread_share=options["thread_share"],
                mode=settings.mode,
                n_themes=settings.themes.n_themes,
            )
            Path(options["report"]).write_text(html, encoding="utf-8")
        if options["model"]:
            Path(options["model"]).write_text(
                json.dumps(analysis.model.to_dict(), ensure_ascii=False), encoding="utf-8"
            )
        themes = [t for t in result["themes"] if t["id"] != 0]
        self.stdout.write(
            f"{len(texts)} contributions from {table.source}: {len(result['campaigns'])} "
            f"campaigns, {len(themes)} themes, {len(result['common_threads'])} common threads "
            f"-> {options['out']}"
        )

    @contextmanager
    def executor(self, address: str | None):
        """The executor of a Dask cluster's client, or None (this process) without --cluster."""
        if not address:
            yield None
            return
        try:
            from distributed import Client
        except ImportError:
            raise CommandError('--cluster needs Dask: pip install "koers[cluster]"') from None
        try:
            client = Client(address, timeout=CLUSTER_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise CommandError(f"--cluster {address}: no Dask scheduler answers ({exc})") from None
        with client:
            yield client.get_executor()
