"""The real task worker (`db_worker`) with an analysis that takes its time, for the kill test:
the engine reports progress for up to a minute before it analyses, so the run is surely still
working when the test kills the worker. Run as `python -m koers.synthesis.tests.slow_worker`
with the arguments of `db_worker`."""

import os
import sys
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    django.setup()
    from django.core.management import call_command

    from .. import services

    real = services.analyse

    def slow(texts, ids, groups, settings, progress):
        for step in range(600):
            progress("lezen", step, 600)
            time.sleep(0.1)
        return real(texts, ids, groups, settings, progress)

    services.analyse = slow
    call_command("db_worker", *sys.argv[1:])


if __name__ == "__main__":
    main()
