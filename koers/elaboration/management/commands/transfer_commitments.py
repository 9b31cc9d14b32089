"""`koers transfer-commitments`: move the commitments of organisations that merged into another.

Applies every succession whose date has passed and whose predecessor no longer exists (see
koers.agenda.elaboration.due_successions); successions it leaves to a person are listed.
Running it again moves nothing.
"""

from django.core.management.base import BaseCommand
from django.utils import translation

from ...services import due_successions, transfer_commitments


class Command(BaseCommand):
    help = "Move the commitments of merged organisations to their successor."

    def handle(self, *args, **options):
        apply, leave = due_successions()
        moved = 0
        for succession in apply:
            count = transfer_commitments(succession.predecessor, succession.successor)
            if count:
                self.stdout.write(
                    f"{succession.predecessor.code} -> {succession.successor.code}: {count}"
                )
            moved += count
        for succession in leave:
            if succession.predecessor.commitments.exists():
                # The command line speaks English, the kind of succession included.
                with translation.override("en"):
                    kind = succession.get_kind_display()
                self.stdout.write(
                    f"left to a person ({kind}): "
                    f"{succession.predecessor.code} -> {succession.successor.code}"
                )
        self.stdout.write(f"{moved} commitment{'' if moved == 1 else 's'} moved")
